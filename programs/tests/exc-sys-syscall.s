# exc-sys-syscall.s: SYSCALL raises Sys (ExcCode 8) through the general vector with EPC = the
# syscall, BD = 0, CE = 0, the KU/IE stack pushed; the code field is ignored by the hardware.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-sys-syscall\n"
	li	$t0, SR_IEC			# IM = 0: no interrupt can be taken
	mtc0	$t0, c0_sr
	nop
	nop
sc1:	syscall
	CHECKEXC EXC_SYS, 1
	CHECKVARL T_EPC, sc1, 2
	CHECKVAR T_CAUSE, (EXC_SYS << 2), 3	# BD = 0, CE = 0, no IP
	CHECKVAR T_VEC, 0x80, 4
	CHECKVAR T_SR, SR_IEP, 5		# pushed: IEc -> IEp, kernel, interrupts off
	mfc0	$t1, c0_sr			# RFE popped it back
	nop
	CHECK	$t1, SR_IEC, 6
	SHOWVAR	"cause=", T_CAUSE
	mtc0	$zero, c0_sr
	T_RESET
sc2:	syscall	0xfffff				# largest code: same exception
	CHECKEXC EXC_SYS, 7
	CHECKVARL T_EPC, sc2, 8
	PASS
	.include "lib/runtime.inc"
