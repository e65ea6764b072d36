# exc-ov-addi.s: ADDI with signed overflow raises Ov at the addi and leaves rt unwritten; ADDIU
# wraps without trapping (r3000.md 1.6).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ov-addi\n"
	li	$t0, 0x7fffffff
	li	$t2, 0x5a5a5a5a
ov1:	addi	$t2, $t0, 1
	CHECKEXC EXC_OV, 1
	CHECKVARL T_EPC, ov1, 2
	CHECK	$t2, 0x5a5a5a5a, 3
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	lui	$t3, 0x8000
ov2:	addi	$t3, $t3, -1			# 0x80000000 - 1: negative overflow
	CHECKEXC EXC_OV, 4
	CHECKVARL T_EPC, ov2, 5
	CHECK	$t3, 0x80000000, 6
	T_RESET
	addi	$t4, $t0, -1			# no overflow
	addiu	$t5, $t0, 1			# ADDIU never traps
	CHECKVAR T_COUNT, 0, 7
	CHECK	$t4, 0x7ffffffe, 8
	CHECK	$t5, 0x80000000, 9
	SHOW	"addiu=", $t5
	PASS
	.include "lib/runtime.inc"
