# rfe-keeps-old.s: RFE pops the KU/IE stack, Status[3:0] = Status[5:2], and leaves KUo/IEo as
# they were (sys161, vmips, DuckStation; MAME and GXemul clear them: r3000.md 1.5). Interrupt
# masks are 0 throughout, so IEc = 1 takes no interrupt.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"rfe-keeps-old\n"
	li	$t0, (SR_KUO | SR_IEO | SR_IEP)	# o = (1,1) p = (0,1) c = (0,0)
	mtc0	$t0, c0_sr
	nop
	nop
	rfe
	mfc0	$t1, c0_sr
	nop
	SHOW	"sr=", $t1
	CHECK	$t1, (SR_KUO | SR_IEO | SR_KUP | SR_IEP | SR_IEC), 1
	li	$t0, (SR_IEO | SR_BEV | SR_IM1)	# o = (0,1) p = (0,0): other bits untouched
	mtc0	$t0, c0_sr
	nop
	nop
	rfe
	mfc0	$t1, c0_sr
	nop
	SHOW	"sr=", $t1
	CHECK	$t1, (SR_IEO | SR_BEV | SR_IM1 | SR_IEP), 2
	rfe					# again: c = p = (0,1), p = o = (0,1)
	mfc0	$t1, c0_sr
	nop
	CHECK	$t1, (SR_IEO | SR_BEV | SR_IM1 | SR_IEP | SR_IEC), 3
	mtc0	$zero, c0_sr
	CHECKVAR T_COUNT, 0, 4
	PASS
	.include "lib/runtime.inc"
