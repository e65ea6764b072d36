# exc-ades-user.s: a user-mode store to kseg0, kseg1 or kseg2 raises AdES with BadVAddr = the
# address, and memory is unchanged (r3000.md 1.1).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ades-user\n"
	USER_MAP 8, user1
	lui	$t0, 0x8004
	li	$t1, 0x77777777
	sw	$t1, 0($t0)
	li	$t1, 0x0bad0bad
	RESUME_AT back1
	GO_USER	user1
user1:	sw	$t1, 0($t0)			# user store to kseg0
	FAIL	90
back1:	CHECKEXC EXC_ADES, 1
	CHECKVARU T_EPC, user1, 2
	CHECKVAR T_BADVA, 0x80040000, 3
	lw	$t2, 0($t0)
	nop
	CHECK	$t2, 0x77777777, 4
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$t0, 0xb0000000			# the console through kseg1: no output
	RESUME_AT back2
	GO_USER	user2
user2:	sb	$t1, 0($t0)
	FAIL	91
back2:	CHECKEXC EXC_ADES, 5
	CHECKVAR T_BADVA, 0xb0000000, 6
	T_RESET
	li	$t0, 0xfffffffc			# top of kseg2
	RESUME_AT back3
	GO_USER	user3
user3:	sw	$t1, 0($t0)
	FAIL	92
back3:	CHECKEXC EXC_ADES, 7
	CHECKVAR T_BADVA, 0xfffffffc, 8
	PASS
	.include "lib/runtime.inc"
