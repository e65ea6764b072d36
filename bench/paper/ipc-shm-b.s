# bench/paper/ipc-shm-b.s: the partner of ipc-shm-a.s (environment 2).
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	ipc_accept
	move	$a0, $zero
	bltz	$v0, fail
	nop
	li	$s0, IPC_SHM
	li	$s1, 1
1:	move	$a0, $s0
	jal	shm_wait			# odd: our turn
	move	$a1, $s1
m_shm_end:
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	sw	$s1, 0($s0)
	addiu	$s1, $s1, 1
	slti	$t0, $s1, 2 * ITER
	bnez	$t0, 1b
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
