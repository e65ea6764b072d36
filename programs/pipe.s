# pipe.s (environment 1, the producer) with pipe-peer.s (environment 2, the consumer): a pipe
# after ExOS's (programs/lib/ipc.s): a ring of 256 words in a page the two share; the producer
# writes 1..1000, yielding to the consumer whenever the ring is full, and the consumer answers
# with the sum over the pipe going the other way.
#
#   npx exo run programs/pipe.s programs/pipe-peer.s
	.include "lib/exo.inc"
	.equ	PEER, 2
	.equ	COUNT, 1000
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	li	$a0, PEER
	jal	ipc_connect
	nop
	bnez	$v0, fail
	nop
	jal	pipe_out
	nop
	move	$s0, $v0			# the pipe we write
	li	$s1, 1
1:	move	$a0, $s0
	jal	pipe_write
	move	$a1, $s1
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	slti	$t0, $s1, COUNT + 1
	bnez	$t0, 1b
	nop
	PRINT	"pipe: wrote 1..1000\n"
	jal	pipe_in
	nop
	jal	pipe_read
	move	$a0, $v0
	bnez	$v0, fail
	move	$s2, $v1			# (delay slot) the consumer's sum
	PRINT	"pipe: the consumer's sum is "
	move	$a0, $s2
	jal	exo_putdec
	nop
	PRINT	"\n"
	li	$t0, COUNT * (COUNT + 1) / 2
	bne	$s2, $t0, bad
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
bad:	PRINT	"pipe: FAIL: wrong sum\n"
	b	9f
	nop
fail:	move	$s0, $v0
	PRINT	"pipe: FAIL: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	li	$t0, ENOENT
	bne	$s0, $t0, 8f
	nop
	PRINT	" (no peer: run exo run programs/pipe.s programs/pipe-peer.s)"
8:	PRINT	"\n"
9:	li	$a0, 1
	SYS	SYS_EXIT
