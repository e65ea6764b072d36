# exc-bp-break.s: BREAK raises Bp (ExcCode 9) with EPC = the break; the handler finds the code
# field in the instruction word at EPC.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-bp-break\n"
bp1:	break	7
	CHECKEXC EXC_BP, 1
	CHECKVARL T_EPC, bp1, 2
	CHECKVAR T_CAUSE, (EXC_BP << 2), 3
	lui	$t0, 0x8000
	lw	$t0, 0x200+T_EPC($t0)
	nop
	lw	$t1, 0($t0)			# the instruction word
	nop
	srl	$t1, $t1, 16			# code field bits 25:16 (GNU's `break 7`)
	CHECK	$t1, 7, 4
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
bp2:	break	0x3ff, 0x3ff
	CHECKEXC EXC_BP, 5
	CHECKVARL T_EPC, bp2, 6
	PASS
	.include "lib/runtime.inc"
