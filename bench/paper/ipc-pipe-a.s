# bench/paper/ipc-pipe-a.s (environment 1) with ipc-pipe-b.s (environment 2): Table 8's pipe and
# pipe' (programs/lib/ipc.s), one word each way per round. One-way latency: from our write (the
# `jal pipe_write` at m_pipe; the inlined PIPE_WRITE at m_pipep) to the instant B has the word
# (m_pipe_end / m_pipep_end in ipc-pipe-b.s): the write, our read finding the other pipe empty,
# the yield to B, and B's read. Measured in the last of ITER rounds.
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	ipc_connect
	li	$a0, 2
	bnez	$v0, fail
	nop
	li	$s0, IPC_PIPE0			# we write pipe 0, read pipe 1
	li	$s1, IPC_PIPE1
	li	$s2, ITER
1:	move	$a0, $s0
m_pipe:	jal	pipe_write
	move	$a1, $s2
	bnez	$v0, fail
	nop
	jal	pipe_read
	move	$a0, $s1
	bnez	$v0, fail
	addiu	$s2, $s2, -1
	bnez	$s2, 1b
	nop
	li	$s2, ITER			# pipe': the same, inlined
2:
m_pipep:
	PIPE_WRITE $s0, $s2, fail
	PIPE_READ $s1, $v1, fail
	addiu	$s2, $s2, -1
	bnez	$s2, 2b
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
