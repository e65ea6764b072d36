# exc-adel-user.s: in user mode (KUc=1) every address at or above 0x80000000 is an address error:
# a load from kseg0 or kseg2 raises AdEL with BadVAddr = the address (r3000.md 1.1). User code
# runs from a TLB-mapped kuseg alias of its page. (Fetches: exc-adel-user-fetch.s.)
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-adel-user\n"
	USER_MAP 8, user1
	lui	$t0, 0x8004			# kseg0
	li	$t1, 0x1234
	RESUME_AT back1
	GO_USER	user1
user1:	lw	$t1, 0($t0)			# user load from kseg0
	nop
	FAIL	90				# (not reached: the handler resumes at back1)
back1:	CHECKEXC EXC_ADEL, 1
	CHECKVARU T_EPC, user1, 2
	CHECKVAR T_BADVA, 0x80040000, 3
	CHECKVAR T_SR, SR_KUP, 4		# user mode pushed into KUp
	CHECK	$t1, 0x1234, 5
	mfc0	$t2, c0_sr			# back in kernel mode
	nop
	CHECKMASK $t2, SR_KUC, 0, 6
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"badvaddr=", T_BADVA
	T_RESET
	li	$t0, 0xc0000000			# kseg2 is kernel-only too (AdEL, not a TLB miss)
	RESUME_AT back2
	GO_USER	user2
user2:	lb	$t1, 0($t0)
	nop
	FAIL	91
back2:	CHECKEXC EXC_ADEL, 7
	CHECKVARU T_EPC, user2, 8
	CHECKVAR T_BADVA, 0xc0000000, 9
	PASS
	.include "lib/runtime.inc"
