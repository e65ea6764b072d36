# tlb-tlbwr-wired.s: TLBWR writes TLB[Random], and Random only takes the values 63..8, so entries
# 0-7 are never chosen (r3000.md 1.3). All 64 entries get markers with TLBWI, then 600 TLBWRs at
# varying intervals write new VPNs; TLBR of every entry then finds 0-7 untouched, and Random, read
# after each TLBWR, always in 8..63.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-tlbwr-wired\n"
	mtc0	$zero, c0_entrylo
	li	$s0, 0
1:	sll	$t0, $s0, 12
	lui	$t1, 0xc000
	or	$t0, $t0, $t1			# marker VPN 0xc0000 + i
	mtc0	$t0, c0_entryhi
	sll	$t2, $s0, 8
	mtc0	$t2, c0_index
	nop
	tlbwi
	addiu	$s0, $s0, 1
	sltiu	$t4, $s0, 64
	bnez	$t4, 1b
	nop
	# 600 TLBWRs with VPN 0xd0000 + k; a delay of ((k >> 2) ^ k) & 31 iterations varies the spacing.
	li	$s1, 0				# k
	li	$s3, 0				# Random values outside 8..63 seen
2:	sll	$t0, $s1, 12
	lui	$t1, 0xd000
	or	$t0, $t0, $t1
	mtc0	$t0, c0_entryhi
	nop
	nop
	tlbwr
	mfc0	$t5, c0_random
	nop
	srl	$t5, $t5, 8
	sltiu	$t6, $t5, 8
	addu	$s3, $s3, $t6
	sltiu	$t6, $t5, 64
	xori	$t6, $t6, 1
	addu	$s3, $s3, $t6
	srl	$t7, $s1, 2
	xor	$t7, $t7, $s1
	andi	$t7, $t7, 31
3:	nop					# 3 cycles per turn: coprime with 56
	bnez	$t7, 3b
	addiu	$t7, $t7, -1
	addiu	$s1, $s1, 1
	sltiu	$t4, $s1, 600
	bnez	$t4, 2b
	nop
	CHECK	$s3, 0, 1
	# Entries 0-7 keep their markers; the others hold either a marker or a TLBWR VPN.
	li	$s0, 0
	li	$s2, 0				# entries 8..63 that TLBWR replaced
4:	sll	$t2, $s0, 8
	mtc0	$t2, c0_index
	nop
	tlbr
	nop
	mfc0	$t5, c0_entryhi
	nop
	sll	$t0, $s0, 12
	lui	$t1, 0xc000
	or	$t0, $t0, $t1
	sltiu	$t6, $s0, 8
	beqz	$t6, 5f
	nop
	CHECKR	$t5, $t0, 2			# wired: unchanged
	b	6f
	nop
5:	beq	$t5, $t0, 6f
	nop
	srl	$t7, $t5, 28
	CHECK	$t7, 0xd, 3			# replaced by a TLBWR
	addiu	$s2, $s2, 1
6:	addiu	$s0, $s0, 1
	sltiu	$t4, $s0, 64
	bnez	$t4, 4b
	nop
	sltiu	$t6, $s2, 40			# most of 8..63 were hit (how many depends on the timing)
	CHECK	$t6, 0, 4
	PRINT	"entries 0-7 untouched\n"
	PASS
	.include "lib/runtime.inc"
