# bench/kernel/yield-light-b.s: the partner of yield-light-a.s (environment 2): light-yields back
# until A is gone.
	.include "../../firmware/layout.inc"
	.text
	.globl	__start
__start:
1:	li	$a0, 1
	li	$v0, SYS_YIELD_LIGHT
	syscall
m_resume:
	beqz	$v0, 1b
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
