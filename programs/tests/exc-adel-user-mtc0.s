# exc-adel-user-mtc0.s: an MTC0 that sets Status.KUc switches to user mode at once: the next fetch,
# from kseg0, is an address error (AdEL, EPC = BadVAddr = that instruction). Checks that the mode
# change reaches translation immediately.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-adel-user-mtc0\n"
	RESUME_AT back1
	li	$t0, SR_KUC
	mtc0	$t0, c0_sr
next1:	nop					# fetched in user mode: AdEL
	FAIL	90
back1:	CHECKEXC EXC_ADEL, 1
	CHECKVARL T_EPC, next1, 2
	CHECKVARL T_BADVA, next1, 3
	CHECKVAR T_SR, SR_KUP, 4
	mfc0	$t1, c0_sr
	nop
	CHECK	$t1, 0, 5			# back in kernel mode (the handler cleared KUp)
	SHOWVAR	"cause=", T_CAUSE
	PASS
	.include "lib/runtime.inc"
