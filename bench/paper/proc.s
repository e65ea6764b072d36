# bench/paper/proc.s: Table 4's null procedure call. Measured from the `jal` at m_call to the
# instruction after its delay slot (m_call_end), in the last of ITER calls.
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	move	$t9, $ra
	li	$s0, ITER
1:
m_call:	jal	null_proc
	nop
m_call_end:
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	jr	$t9
	move	$v0, $zero
null_proc:
	jr	$ra
	nop
