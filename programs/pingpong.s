# pingpong.s (environment 1) with pingpong-peer.s (environment 2): remote procedure calls between
# two environments over synchronous protected control transfer (programs/lib/ipc.s): three lrpc
# calls, in which the server clobbers our callee-saved registers and lrpc restores them, then
# three tlrpc calls (we trust the server to preserve them), then a call that stops the server.
#
#   npx exo run programs/pingpong.s programs/pingpong-peer.s
	.include "lib/exo.inc"
	.equ	PEER, 2				# the second program is environment 2
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
	li	$s7, 0x5eed			# (delay slot) a callee-saved value that must survive
	li	$s0, 1				# call number
	li	$s1, 1				# a2 = 1: the server clobbers s0-s7 (lrpc must not care)
1:	li	$t0, 4
	bne	$s0, $t0, 2f
	nop
	jal	tlrpc_bind			# from the fourth call on: tlrpc, a well-behaved server
	move	$s1, $zero
	bltz	$v0, fail
	nop
2:	PRINT	"ping "
	move	$a0, $s0
	jal	exo_putdec
	nop
	beqz	$s1, 3f
	nop
	PRINT	" (lrpc)\n"
	b	4f
	nop
3:	PRINT	" (tlrpc)\n"
4:	li	$a0, PEER
	move	$a1, $s0			# the argument: the call number
	move	$a2, $s1
	jal	lrpc_call
	nop
	bnez	$v0, fail
	move	$s2, $v1			# (delay slot) the result: 100 x the argument
	PRINT	"reply "
	move	$a0, $s2
	jal	exo_putdec
	nop
	PRINT	"\n"
	li	$t0, 0x5eed
	bne	$s7, $t0, clobbered
	li	$t0, 100
	mult	$s0, $t0
	mflo	$t0
	bne	$t0, $s2, badreply
	addiu	$s0, $s0, 1
	slti	$t0, $s0, 7
	bnez	$t0, 1b
	nop
	li	$a0, PEER			# argument 0: stop serving
	move	$a1, $zero
	jal	lrpc_call
	move	$a2, $zero
	bnez	$v0, fail
	nop
	PRINT	"ping: 6 calls answered, callee-saved registers intact\n"
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
clobbered:
	PRINT	"ping: FAIL: s7 clobbered across the call\n"
	b	9f
	nop
badreply:
	PRINT	"ping: FAIL: wrong reply\n"
	b	9f
	nop
fail:	move	$s0, $v0
	PRINT	"ping: FAIL: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	li	$t0, ENOENT
	bne	$s0, $t0, 8f
	nop
	PRINT	" (no peer: run exo run programs/pingpong.s programs/pingpong-peer.s)"
8:	PRINT	"\n"
9:	li	$a0, 1
	SYS	SYS_EXIT
