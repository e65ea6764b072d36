# tlb-tlbr-tlbwi.s: TLBWI writes EntryHi/EntryLo into TLB[Index] and TLBR reads them back, with
# the R3000 field masks (EntryHi 0xFFFFFFC0, EntryLo 0xFFFFFF00); all 64 entries round-trip.
# (The Index write mask is checked by cp0-prid-masks.)
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-tlbr-tlbwi\n"
	li	$t0, (63 << 8)
	mtc0	$t0, c0_index
	nop
	# All ones in, masked values out (entry 63).
	li	$t0, 0xffffffff
	mtc0	$t0, c0_entryhi
	mtc0	$t0, c0_entrylo
	nop
	tlbwi
	mtc0	$zero, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop
	tlbr
	nop
	mfc0	$t2, c0_entryhi
	mfc0	$t3, c0_entrylo
	nop
	CHECK	$t2, 0xffffffc0, 2
	CHECK	$t3, 0xffffff00, 3
	SHOW	"entryhi=", $t2
	SHOW	"entrylo=", $t3
	# Write all 64 entries with distinct patterns (kseg2 VPNs, so nothing we run can match).
	li	$s0, 0				# i
1:	sll	$t0, $s0, 12
	lui	$t1, 0xc000
	or	$t0, $t0, $t1			# VPN 0xc0000 + i
	sll	$t1, $s0, 6			# ASID i
	or	$t0, $t0, $t1
	mtc0	$t0, c0_entryhi
	sll	$t1, $s0, 14			# PFN pattern, and flag bits from i
	li	$t2, 0x0f00
	sll	$t3, $s0, 8
	and	$t3, $t3, $t2
	or	$t1, $t1, $t3
	ori	$t1, $t1, 0x00ff			# low byte: masked off
	mtc0	$t1, c0_entrylo
	sll	$t2, $s0, 8
	mtc0	$t2, c0_index
	nop
	tlbwi
	addiu	$s0, $s0, 1
	sltiu	$t4, $s0, 64
	bnez	$t4, 1b
	nop
	# Read them back in reverse order.
	li	$s0, 63
2:	sll	$t2, $s0, 8
	mtc0	$t2, c0_index
	nop
	tlbr
	nop
	mfc0	$t5, c0_entryhi
	mfc0	$t6, c0_entrylo
	nop
	sll	$t0, $s0, 12
	lui	$t1, 0xc000
	or	$t0, $t0, $t1
	sll	$t1, $s0, 6
	or	$t0, $t0, $t1
	CHECKR	$t5, $t0, 4
	sll	$t1, $s0, 14
	li	$t2, 0x0f00
	sll	$t3, $s0, 8
	and	$t3, $t3, $t2
	or	$t1, $t1, $t3
	CHECKR	$t6, $t1, 5
	bnez	$s0, 2b
	addiu	$s0, $s0, -1
	# TLBR leaves Index alone.
	mfc0	$t7, c0_index
	nop
	CHECK	$t7, 0, 6
	PASS
	.include "lib/runtime.inc"
