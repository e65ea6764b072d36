# exc-cpu-cop0-user.s: in user mode a COP0 instruction with Status.CU0 = 0 raises CpU (ExcCode 11)
# with Cause.CE = 0 and EPC = the instruction; with CU0 = 1 it executes. In kernel mode COP0 is
# always usable (r3000.md 1.2).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-cpu-cop0-user\n"
	USER_MAP 8, user1
	li	$t1, 0x5555
	RESUME_AT back1
	GO_USER	user1
user1:	mfc0	$t1, c0_sr			# CU0 = 0: CpU
	nop
	FAIL	90
back1:	CHECKEXC EXC_CPU, 1
	CHECKVARU T_EPC, user1, 2
	CHECKVAR T_CAUSE, (EXC_CPU << 2), 3	# CE = 0, BD = 0
	CHECK	$t1, 0x5555, 4
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	RESUME_AT back2
	GO_USER	user2
user2:	mtc0	$zero, c0_sr			# a user-mode write of Status: CpU, Status unchanged
	nop
	FAIL	91
back2:	CHECKEXC EXC_CPU, 5
	CHECKVARU T_EPC, user2, 6
	T_RESET
	RESUME_AT back3
	GO_USER	user3
user3:	tlbp					# TLB instructions are COP0 too
	nop
	FAIL	92
back3:	CHECKEXC EXC_CPU, 7
	T_RESET
	RESUME_AT back4
	GO_USER	user4
user4:	rfe
	nop
	FAIL	93
back4:	CHECKEXC EXC_CPU, 8
	T_RESET
	# CU0 = 1: user-mode MFC0 works; then a syscall returns to the kernel.
	RESUME_AT back5
	GO_USER	user5, SR_CU0
user5:	mfc0	$t2, c0_sr
	nop
	syscall
	FAIL	94
back5:	CHECKEXC EXC_SYS, 9
	li	$t3, SR_CU0 | SR_KUC		# what the user saw: CU0, KUc (IEc = 0)
	CHECKR	$t2, $t3, 10
	SHOW	"user_sr=", $t2
	mtc0	$zero, c0_sr
	PASS
	.include "lib/runtime.inc"
