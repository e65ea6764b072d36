# bench/kernel/syscall.s: the null system call on both paths (paper Table 4). `exo bench kernel`
# measures from the `syscall` at m_null (m_stack) to the instruction after it, in the last of
# ITER warm iterations.
	.include "../../firmware/layout.inc"
	.equ	ITER, 8
	.text
	.globl	__start
__start:
	li	$s0, ITER
1:	li	$v0, SYS_NULL
m_null:	syscall
m_null_end:
	li	$v0, SYS_NULL_STACK
m_stack:
	syscall
m_stack_end:
	li	$v0, SYS_GETENVID
m_getid:
	syscall
m_getid_end:
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
