# exc-delay-slot.s: an exception raised by the instruction in a branch or jump delay slot sets
# EPC = the branch and Cause.BD = 1, taken or not (r3000.md 1.5); BadVAddr is still the data
# address. The handler returns to a chosen label (re-running the branch would repeat the fault).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-delay-slot\n"
	# 1. BREAK in the delay slot of a taken BEQ.
	RESUME_AT back1
br1:	beq	$zero, $zero, far1
	break	1
far1:	FAIL	90
back1:	CHECKEXC EXC_BP, 1
	CHECKVARL T_EPC, br1, 2
	CHECKVAR T_CAUSE, (CAUSE_BD | (EXC_BP << 2)), 3
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	# 2. SYSCALL in the delay slot of a BNE that is not taken: BD = 1 all the same.
	RESUME_AT back2
br2:	bne	$zero, $zero, far2
	syscall
far2:	FAIL	91
back2:	CHECKEXC EXC_SYS, 4
	CHECKVARL T_EPC, br2, 5
	CHECKVAR T_CAUSE, (CAUSE_BD | (EXC_SYS << 2)), 6
	T_RESET
	# 3. A misaligned load in the delay slot of JR: AdEL, EPC = the jr, BadVAddr = the address.
	la	$t0, far3
	li	$t1, 0x80040003
	RESUME_AT back3
br3:	jr	$t0
	lw	$t2, 0($t1)
far3:	FAIL	92
back3:	CHECKEXC EXC_ADEL, 7
	CHECKVARL T_EPC, br3, 8
	CHECKVAR T_CAUSE, (CAUSE_BD | (EXC_ADEL << 2)), 9
	CHECKVAR T_BADVA, 0x80040003, 10
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	# 4. ADD overflow in the delay slot of JAL: EPC = the jal, BD = 1, rd not written, and the
	#    jal already wrote ra (the branch completed).
	li	$t3, 0x7fffffff
	li	$t4, 0x4444
	RESUME_AT back4
br4:	jal	far4
	add	$t4, $t3, $t3
far4:	FAIL	93
back4:	move	$s0, $ra
	CHECKEXC EXC_OV, 11
	CHECKVARL T_EPC, br4, 12
	CHECKVAR T_CAUSE, (CAUSE_BD | (EXC_OV << 2)), 13
	CHECK	$t4, 0x4444, 14
	la	$t5, br4 + 8
	CHECKR	$s0, $t5, 15
	T_RESET
	# 5. BLTZAL not taken, SUB overflow in its slot.
	li	$t6, 1
	lui	$t7, 0x8000
	RESUME_AT back5
br5:	bltzal	$t6, far5
	sub	$t7, $t7, $t6
far5:	FAIL	94
back5:	CHECKEXC EXC_OV, 16
	CHECKVARL T_EPC, br5, 17
	CHECKVAR T_CAUSE, (CAUSE_BD | (EXC_OV << 2)), 18
	T_RESET
	# 6. An exception not in a delay slot right after a branch's slot: BD = 0.
	beq	$zero, $zero, 1f
	nop
1:
bp6:	break	2
	CHECKEXC EXC_BP, 19
	CHECKVARL T_EPC, bp6, 20
	CHECKVAR T_CAUSE, (EXC_BP << 2), 21
	PASS
	.include "lib/runtime.inc"
