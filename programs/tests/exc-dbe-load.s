# exc-dbe-load.s: a load from a physical address with nothing behind it raises DBE (ExcCode 7)
# with EPC = the load, the target unwritten and BadVAddr left alone (r3000.md 1.5).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-dbe-load\n"
	lw	$t0, 1($zero)			# AdEL first: BadVAddr = 1 (the marker)
	nop
	T_RESET
	li	$s0, 0xa8000000			# physical 0x08000000: nothing there
	li	$t1, 0x600d600d
ld1:	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_DBE, 1
	CHECKVARL T_EPC, ld1, 2
	CHECKVAR T_BADVA, 1, 3
	CHECK	$t1, 0x600d600d, 4
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$s1, 0x88000010			# cached (kseg0) view: the miss goes to the bus too
ld2:	lbu	$t1, 0($s1)
	nop
	CHECKEXC EXC_DBE, 5
	CHECKVARL T_EPC, ld2, 6
	CHECK	$t1, 0x600d600d, 7
	PASS
	.include "lib/runtime.inc"
