# exc-ades-store.s: misaligned SW/SH raise AdES with BadVAddr = the address, EPC = the store and
# memory unchanged; SB, SWL and SWR never raise alignment errors.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ades-store\n"
	lui	$s0, 0x8004
	li	$t0, 0x11223344
	sw	$t0, 0($s0)
	sw	$t0, 4($s0)
	li	$t1, -1
st1:	sw	$t1, 2($s0)
	CHECKEXC EXC_ADES, 1
	CHECKVARL T_EPC, st1, 2
	CHECKVAR T_BADVA, 0x80040002, 3
	lw	$t2, 0($s0)
	lw	$t3, 4($s0)
	CHECK	$t2, 0x11223344, 4
	CHECK	$t3, 0x11223344, 5
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"badvaddr=", T_BADVA
	T_RESET
st2:	sh	$t1, 1($s0)
	CHECKEXC EXC_ADES, 6
	CHECKVARL T_EPC, st2, 7
	CHECKVAR T_BADVA, 0x80040001, 8
	lw	$t2, 0($s0)
	nop
	CHECK	$t2, 0x11223344, 9
	T_RESET
	li	$t4, 0xaabbccdd
	sb	$t4, 1($s0)			# no alignment exceptions below
	swl	$t4, 5($s0)
	swr	$t4, 6($s0)
	CHECKVAR T_COUNT, 0, 10
	lw	$t2, 0($s0)
	lw	$t3, 4($s0)
	CHECK	$t2, 0x1122dd44, 11
	SHOW	"word1=", $t3
	PASS
	.include "lib/runtime.inc"
