# tlb-invalid.s: a kuseg access that matches a TLB entry with V = 0 raises TLBL (load, fetch) or
# TLBS (store) through the general vector 0x80000080, not the refill vector (r3000.md 1.3-1.4).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-invalid\n"
	TLB_SET	12, (0x00600000 | (3 << 6)), (0x00100000 | EL_D)	# V = 0, ASID 3
	li	$s0, 0x00600010
ld1:	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 1
	CHECKVAR T_VEC, 0x080, 2		# general vector
	CHECKVARL T_EPC, ld1, 3
	CHECKVAR T_BADVA, 0x00600010, 4
	CHECKVAR T_ENTRYHI, (0x00600000 | (3 << 6)), 5
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
st1:	sw	$zero, 4($s0)
	CHECKEXC EXC_TLBS, 6
	CHECKVAR T_VEC, 0x080, 7
	CHECKVARL T_EPC, st1, 8
	CHECKVAR T_BADVA, 0x00600014, 9
	T_RESET
	# Another ASID does not match the (non-global) entry: a refill instead.
	li	$t0, (4 << 6)
	mtc0	$t0, c0_entryhi
	nop
	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 10
	CHECKVAR T_VEC, 0x000, 11
	T_RESET
	# Once valid, the access works.
	TLB_SET	12, (0x00600000 | (3 << 6)), (0x00100000 | EL_D | EL_V)
	li	$t2, 0x89abcdef
	sw	$t2, 4($s0)
	lui	$t3, 0x8010
	lw	$t4, 0x14($t3)			# the same physical word through kseg0
	nop
	CHECKVAR T_COUNT, 0, 12
	CHECK	$t4, 0x89abcdef, 13
	PASS
	.include "lib/runtime.inc"
