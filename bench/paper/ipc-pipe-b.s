# bench/paper/ipc-pipe-b.s: the echo side of ipc-pipe-a.s (environment 2).
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
	li	$s0, IPC_PIPE1			# we write pipe 1, read pipe 0
	li	$s1, IPC_PIPE0
	li	$s2, ITER
1:	jal	pipe_read
	move	$a0, $s1
m_pipe_end:
	bnez	$v0, fail
	move	$a0, $s0
	jal	pipe_write
	move	$a1, $v1
	bnez	$v0, fail
	addiu	$s2, $s2, -1
	bnez	$s2, 1b
	nop
	li	$s2, ITER
2:	PIPE_READ $s1, $s3, fail
m_pipep_end:
	PIPE_WRITE $s0, $s3, fail
	addiu	$s2, $s2, -1
	bnez	$s2, 2b
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
