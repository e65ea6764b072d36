# exc-cpu-cop1.s: COP1-3 instructions with their Status.CUz = 0 raise CpU (ExcCode 11) with
# Cause.CE = z, in kernel mode too; with CUz = 1 they execute (the coprocessors are absent:
# MFCz reads 0; docs/machine.md).
	.include "lib/test.inc"

# CPU_CASE z, n: the instruction after the macro must raise CpU with CE = z.
.macro	CPU_EXPECT z, label, n
	CHECKEXC EXC_CPU, \n
	CHECKVARL T_EPC, \label, \n
	CHECKVAR T_CAUSE, ((\z << 28) | (EXC_CPU << 2)), \n
	T_RESET
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-cpu-cop1\n"
	li	$t0, 0x3333
c1a:	mfc1	$t0, $f0
	nop
	CHECK	$t0, 0x3333, 1
	SHOWVAR	"cause=", T_CAUSE
	CPU_EXPECT 1, c1a, 2
c1b:	lwc1	$f2, 0($zero)
	CPU_EXPECT 1, c1b, 3
c1c:	swc1	$f2, 0($zero)
	CPU_EXPECT 1, c1c, 4
c1d:	ctc1	$t0, $31
	CPU_EXPECT 1, c1d, 5
c2a:	mfc2	$t0, $3
	nop
	SHOWVAR	"cause=", T_CAUSE
	CPU_EXPECT 2, c2a, 6
c2b:	c2	0x12345
	CPU_EXPECT 2, c2b, 7
c3a:	mtc3	$t0, $5
	SHOWVAR	"cause=", T_CAUSE
	CPU_EXPECT 3, c3a, 8
c3b:	cfc3	$t0, $2
	nop
	CPU_EXPECT 3, c3b, 9
	# CU1 = 1: MFC1 executes (reads 0: no FPU is fitted) and no exception is raised.
	li	$t1, SR_CU1
	mtc0	$t1, c0_sr
	nop
	nop
	li	$t0, 0x3333
	mfc1	$t0, $f0
	nop
	CHECKVAR T_COUNT, 0, 10
	CHECK	$t0, 0, 11
	mtc0	$zero, c0_sr
	PASS
	.include "lib/runtime.inc"
