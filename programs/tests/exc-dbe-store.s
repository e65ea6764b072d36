# exc-dbe-store.s: a store to a physical address with nothing behind it raises DBE (ExcCode 7)
# at the store (this machine reports write bus errors synchronously: docs/machine.md), EPC = the
# store, BadVAddr left alone.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-dbe-store\n"
	lw	$t0, 1($zero)			# AdEL first: BadVAddr = 1 (the marker)
	nop
	T_RESET
	li	$s0, 0xa8000000
st1:	sw	$zero, 0($s0)
	CHECKEXC EXC_DBE, 1
	CHECKVARL T_EPC, st1, 2
	CHECKVAR T_BADVA, 1, 3
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$s1, 0x88000000
st2:	sb	$zero, 3($s1)
	CHECKEXC EXC_DBE, 4
	CHECKVARL T_EPC, st2, 5
	PASS
	.include "lib/runtime.inc"
