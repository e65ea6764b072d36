# exc-adel-load.s: misaligned LW/LH/LHU raise AdEL with BadVAddr = the address, EPC = the load,
# and the target register unwritten; LWL/LWR never raise alignment errors.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-adel-load\n"
	lui	$s0, 0x8004
	li	$t0, 0x11223344
	sw	$t0, 0($s0)
	li	$t1, 0x0badf00d
ld1:	lw	$t1, 1($s0)
	nop
	CHECKEXC EXC_ADEL, 1
	CHECKVARL T_EPC, ld1, 2
	CHECKVAR T_BADVA, 0x80040001, 3
	CHECK	$t1, 0x0badf00d, 4
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"badvaddr=", T_BADVA
	T_RESET
ld2:	lh	$t1, 3($s0)
	nop
	CHECKEXC EXC_ADEL, 5
	CHECKVARL T_EPC, ld2, 6
	CHECKVAR T_BADVA, 0x80040003, 7
	T_RESET
ld3:	lhu	$t1, 1($s0)
	nop
	CHECKEXC EXC_ADEL, 8
	CHECKVAR T_BADVA, 0x80040001, 9
	T_RESET
	lw	$t2, 2($s0)			# 2 mod 4: still misaligned for a word
	nop
	CHECKEXC EXC_ADEL, 10
	CHECKVAR T_BADVA, 0x80040002, 11
	T_RESET
	li	$t3, 0
	lwl	$t3, 1($s0)			# unaligned loads: no exception
	nop
	lwr	$t3, 1($s0)
	lh	$t4, 2($s0)			# aligned halfword
	lbu	$t5, 3($s0)
	nop
	CHECKVAR T_COUNT, 0, 12
	CHECK	$t4, 0x1122, 13
	CHECK	$t5, 0x11, 14
	SHOW	"lwl/lwr=", $t3
	PASS
	.include "lib/runtime.inc"
