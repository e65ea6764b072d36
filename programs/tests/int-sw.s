# int-sw.s: software interrupts. Writing Cause.IP0/IP1 requests an interrupt, taken when the
# matching Status.IM bit and IEc are set (r3000.md 1.2, 1.6): ExcCode 0 through the general vector,
# EPC = the next unexecuted instruction (the one right after the enabling MTC0: docs/timing.md),
# the KU/IE stack pushed. The handler (t_handler) clears IP1:0 and returns to EPC.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"int-sw\n"
	# 1. IM0 and IEc set, then IP0 written: taken before the next instruction.
	li	$t0, (SR_IM0 | SR_IEC)
	mtc0	$t0, c0_sr
	nop
	nop
	li	$s0, 0
	li	$t1, CAUSE_IP0
	mtc0	$t1, c0_cause
next1:	addiu	$s0, $s0, 1			# runs once, after the handler
	CHECKEXC EXC_INT, 1
	CHECKVARL T_EPC, next1, 2
	CHECKVAR T_CAUSE, CAUSE_IP0, 3		# ExcCode 0, IP0 pending, BD = 0
	CHECKVAR T_VEC, 0x080, 4
	CHECKVAR T_SR, (SR_IM0 | SR_IEP), 5	# pushed: IEc -> IEp
	CHECK	$s0, 1, 6
	mfc0	$t2, c0_cause			# the handler cleared the request
	nop
	CHECK	$t2, 0, 7
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	# 2. IP1 with IM1 clear: pending but masked; enabling IM1 takes it right after that MTC0.
	li	$t1, CAUSE_IP1
	mtc0	$t1, c0_cause
	nop
	nop
	mfc0	$t2, c0_cause
	nop
	CHECK	$t2, CAUSE_IP1, 8
	CHECKVAR T_COUNT, 0, 9
	li	$t0, (SR_IM0 | SR_IM1 | SR_IEC)
	mtc0	$t0, c0_sr
next2:	nop
	CHECKEXC EXC_INT, 10
	CHECKVARL T_EPC, next2, 11
	CHECKVAR T_CAUSE, CAUSE_IP1, 12
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	# 3. IEc = 0: both requests pending, nothing taken; RFE setting IEc from IEp delivers it.
	li	$t0, (SR_IM0 | SR_IM1 | SR_IEP)
	mtc0	$t0, c0_sr
	li	$t1, (CAUSE_IP0 | CAUSE_IP1)
	mtc0	$t1, c0_cause
	nop
	nop
	nop
	CHECKVAR T_COUNT, 0, 13
	rfe					# IEc = IEp = 1
next3:	nop
	CHECKEXC EXC_INT, 14
	CHECKVARL T_EPC, next3, 15
	CHECKVAR T_CAUSE, (CAUSE_IP0 | CAUSE_IP1), 16
	T_RESET
	# 4. Requests written while IEc = 1 but IM = 0 stay pending (no interrupt).
	li	$t0, SR_IEC
	mtc0	$t0, c0_sr
	li	$t1, CAUSE_IP1
	mtc0	$t1, c0_cause
	nop
	nop
	CHECKVAR T_COUNT, 0, 17
	mtc0	$zero, c0_sr
	mtc0	$zero, c0_cause
	PASS
	.include "lib/runtime.inc"
