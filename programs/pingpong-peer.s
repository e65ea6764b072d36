# pingpong-peer.s: the server of pingpong.s (environment 2). Its one procedure prints the call
# number and answers 100 times it; asked with a2 = 1 it also clobbers s0-s7, which an lrpc
# client survives; argument 0 stops the server.
	.include "lib/exo.inc"
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	la	$a0, serve
	jal	ipc_accept
	nop
	bltz	$v0, fail
	nop
	jal	lrpc_serve			# until the client stops us
	nop
	move	$s0, $v0
	PRINT	"pong: served "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	" calls\n"
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	move	$s0, $v0
	PRINT	"pong: FAIL: accept: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
	lw	$ra, 20($sp)
	li	$v0, 1
	jr	$ra
	addiu	$sp, $sp, 24

# serve(a0 = client id, a1 = call number, a2 = clobber s0-s7?) -> v0 = 100 x a1.
serve:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	beqz	$a1, stop
	move	$s0, $a1
	beqz	$a2, 1f
	nop
	li	$s1, -1				# an untrusted server: s1-s7 come back wrong (s0 is
	li	$s2, -1				# restored below only because it is our own variable)
	li	$s3, -1
	li	$s4, -1
	li	$s5, -1
	li	$s6, -1
	li	$s7, -1
1:	PRINT	"        pong "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
	li	$t0, 100
	mult	$s0, $t0
	mflo	$v0
	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	jr	$ra
	addiu	$sp, $sp, 24
stop:	jal	lrpc_stop
	nop
	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
