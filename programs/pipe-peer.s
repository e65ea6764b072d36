# pipe-peer.s: the consumer of pipe.s (environment 2). Reads 1000 words (yielding to the producer
# whenever the ring is empty), checks they arrive in order, and writes their sum back.
	.include "lib/exo.inc"
	.equ	COUNT, 1000
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	ipc_accept
	move	$a0, $zero			# (delay slot) no lrpc function
	bltz	$v0, fail
	nop
	jal	pipe_in
	nop
	move	$s0, $v0			# the pipe we read
	move	$s1, $zero			# words read
	move	$s2, $zero			# their sum
1:	jal	pipe_read
	move	$a0, $s0
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	bne	$v1, $s1, order			# word i must be i
	addu	$s2, $s2, $v1
	slti	$t0, $s1, COUNT
	bnez	$t0, 1b
	nop
	PRINT	"        pipe-peer: read 1000 words in order, sum "
	move	$a0, $s2
	jal	exo_putdec
	nop
	PRINT	"\n"
	jal	pipe_out
	nop
	move	$a0, $v0
	jal	pipe_write
	move	$a1, $s2
	bnez	$v0, fail
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
order:	PRINT	"        pipe-peer: FAIL: a word out of order\n"
	b	9f
	nop
fail:	move	$s0, $v0
	PRINT	"        pipe-peer: FAIL: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
9:	li	$a0, 1
	SYS	SYS_EXIT
