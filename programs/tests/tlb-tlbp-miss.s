# tlb-tlbp-miss.s: TLBP with no matching entry sets Index.P (bit 31); the index field is
# architecturally undefined then, so only P is checked. A wrong ASID on a non-global entry, or a
# V = 0 entry's absence, are misses; a V = 0 entry that matches is a hit (r3000.md 1.3).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-tlbp-miss\n"
	TLB_SET	17, (0x00abc000 | (2 << 6)), (0x00100000 | EL_V)
	TLB_SET	18, (0x00def000 | (2 << 6)), 0x00100000	# V = 0
	li	$t0, 0x00321000
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECKMASK $t1, 0x80000000, 0x80000000, 1
	CHECKMASK $t1, 0x7fffc0ff, 0, 2		# only P and the index field can be non-zero
	srl	$t2, $t1, 31
	SHOW	"p=", $t2
	li	$t0, (0x00abc000 | (3 << 6))	# right VPN, wrong ASID, G = 0
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECKMASK $t1, 0x80000000, 0x80000000, 3
	li	$t0, (0x00def000 | (2 << 6))	# V = 0 still matches
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECK	$t1, (18 << 8), 4
	li	$t0, 0x7ffff000
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	nop
	mfc0	$t1, c0_index
	nop
	CHECKMASK $t1, 0x80000000, 0x80000000, 5
	CHECKVAR T_COUNT, 0, 6
	PASS
	.include "lib/runtime.inc"
