# exc-adel-user-fetch.s: a jump to kseg0 that lands in user mode (RFE in the jump's delay slot
# sets KUc = 1) faults at the fetch of the target: AdEL with EPC = BadVAddr = the target, BD = 0
# (r3000.md 1.1, 1.6).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-adel-user-fetch\n"
	RESUME_AT back1
	la	$t3, user1
	mfc0	$t4, c0_sr
	nop
	ori	$t4, $t4, SR_KUP
	mtc0	$t4, c0_sr
	nop
	nop
	jr	$t3				# to a kseg0 address, in user mode after the rfe
	rfe
user1:	FAIL	90
back1:	CHECKEXC EXC_ADEL, 1
	CHECKVARL T_EPC, user1, 2
	CHECKVARL T_BADVA, user1, 3
	CHECKVAR T_CAUSE, (EXC_ADEL << 2), 4
	CHECKVAR T_SR, SR_KUP, 5
	SHOWVAR	"cause=", T_CAUSE
	PASS
	.include "lib/runtime.inc"
