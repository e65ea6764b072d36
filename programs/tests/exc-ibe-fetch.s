# exc-ibe-fetch.s: fetching from a physical address with nothing behind it raises IBE (ExcCode 6)
# with EPC = the address and BadVAddr left alone (bus errors do not set it: r3000.md 1.5).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ibe-fetch\n"
	lw	$t0, 1($zero)			# AdEL first: BadVAddr = 1 (the marker)
	nop
	CHECKVAR T_BADVA, 1, 1
	T_RESET
	li	$t0, 0xa8000000			# kseg1, physical 0x08000000: no RAM (16 MiB), no device
	RESUME_AT back1
	jr	$t0
	nop
back1:	CHECKEXC EXC_IBE, 2
	CHECKVAR T_EPC, 0xa8000000, 3
	CHECKVAR T_CAUSE, (EXC_IBE << 2), 4
	mfc0	$t1, c0_badvaddr
	nop
	CHECK	$t1, 1, 5			# unchanged
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$t0, 0x88000000			# the same through kseg0 (a cached fetch)
	RESUME_AT back2
	jalr	$t0
	nop
back2:	CHECKEXC EXC_IBE, 6
	CHECKVAR T_EPC, 0x88000000, 7
	PASS
	.include "lib/runtime.inc"
