# bench/kernel/yield-light-a.s (environment 1) with yield-light-b.s (environment 2): yield_light
# to an environment waiting in one (docs/exokernel.md §9). Measured from A's `syscall` at
# m_yield_light to B resuming after its own (yield-light-b.s m_resume). Registers pass between
# the two (the kernel saves none), so the loop count lives in memory.
	.include "../../firmware/layout.inc"
	.equ	ITER, 8
	.text
	.globl	__start
__start:
	li	$t0, ITER
	sw	$t0, count
1:	li	$a0, 2
	li	$v0, SYS_YIELD_LIGHT
m_yield_light:
	syscall
	lw	$t0, count
	nop
	addiu	$t0, $t0, -1
	sw	$t0, count
	bnez	$t0, 1b
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
	.data
count:	.word	0
