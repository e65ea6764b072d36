# tlb-tlbp-hit.s: TLBP finds the entry matching EntryHi (VPN and ASID, or the VPN alone when the
# entry has G = 1) and sets Index = i << 8 with P = 0, clearing an earlier P (r3000.md 1.3).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-tlbp-hit\n"
	TLB_SET	10, (0x00123000 | (7 << 6)), (0x00100000 | EL_V)
	TLB_SET	63, 0x00777000, (0x00101000 | EL_V | EL_G)
	TLB_SET	8, (0x00123000 | (8 << 6)), (0x00102000 | EL_V)	# same VPN, ASID 8
	# P = 1 from a failed probe first.
	li	$t0, 0x00999000
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECKMASK $t1, 0x80000000, 0x80000000, 1
	li	$t0, (0x00123000 | (7 << 6))
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECK	$t1, (10 << 8), 2
	SHOW	"index=", $t1
	li	$t0, (0x00123000 | (8 << 6))	# the other ASID picks the other entry
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECK	$t1, (8 << 8), 3
	li	$t0, (0x00777000 | (33 << 6))	# global entry: any ASID
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECK	$t1, (63 << 8), 4
	SHOW	"index=", $t1
	li	$t0, (0x00777abc | (33 << 6))	# offset bits are ignored (EntryHi holds no offset)
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECK	$t1, (63 << 8), 5
	CHECKVAR T_COUNT, 0, 6
	PASS
	.include "lib/runtime.inc"
