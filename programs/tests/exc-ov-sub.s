# exc-ov-sub.s: SUB with signed overflow raises Ov at the sub and leaves rd unwritten; SUBU wraps
# without trapping (r3000.md 1.6).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ov-sub\n"
	lui	$t0, 0x8000
	li	$t1, 1
	li	$t2, 0x13579bdf
ov1:	sub	$t2, $t0, $t1			# 0x80000000 - 1
	CHECKEXC EXC_OV, 1
	CHECKVARL T_EPC, ov1, 2
	CHECK	$t2, 0x13579bdf, 3
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$t3, 0x7fffffff
	li	$t4, -1
ov2:	sub	$t3, $t3, $t4			# 0x7fffffff - (-1)
	CHECKEXC EXC_OV, 4
	CHECKVARL T_EPC, ov2, 5
	CHECK	$t3, 0x7fffffff, 6
	T_RESET
	sub	$t5, $t0, $t4			# 0x80000000 - (-1): no overflow
	subu	$t6, $t0, $t1			# SUBU never traps
	CHECKVAR T_COUNT, 0, 7
	CHECK	$t5, 0x80000001, 8
	CHECK	$t6, 0x7fffffff, 9
	SHOW	"subu=", $t6
	PASS
	.include "lib/runtime.inc"
