# exc-ov-add.s: ADD with signed overflow raises Ov (ExcCode 12) at the add itself and leaves rd
# unwritten; ADDU of the same operands wraps without trapping (r3000.md 1.6).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ov-add\n"
	li	$t0, 0x7fffffff
	li	$t1, 1
	li	$t2, 0x12345678
ov:	add	$t2, $t0, $t1			# 0x7fffffff + 1 overflows
	CHECKEXC EXC_OV, 1
	CHECKVARL T_EPC, ov, 2
	CHECK	$t2, 0x12345678, 3		# destination not written
	SHOWVAR	"cause=", T_CAUSE
	lui	$t3, 0x8000			# negative overflow: 0x80000000 + -1
	li	$t4, -1
	T_RESET
ov2:	add	$t3, $t3, $t4
	CHECKEXC EXC_OV, 4
	CHECKVARL T_EPC, ov2, 5
	CHECK	$t3, 0x80000000, 6
	T_RESET					# no overflow, no trap
	li	$t5, 0x7ffffffe
	add	$t5, $t5, $t1
	CHECKVAR T_COUNT, 0, 7
	CHECK	$t5, 0x7fffffff, 8
	addu	$t6, $t0, $t1			# ADDU never traps
	CHECKVAR T_COUNT, 0, 9
	CHECK	$t6, 0x80000000, 10
	SHOW	"addu=", $t6
	PASS
	.include "lib/runtime.inc"
