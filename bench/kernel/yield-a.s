# bench/kernel/yield-a.s (environment 1) with yield-b.s (environment 2): yield to a named
# environment (paper §7.3). Measured from A's `syscall` at m_yield to B resuming after its own
# yield (yield-b.s m_resume).
	.include "../../firmware/layout.inc"
	.equ	ITER, 8
	.text
	.globl	__start
__start:
	li	$s0, ITER
1:	li	$a0, 2
	li	$v0, SYS_YIELD
m_yield:
	syscall
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
