# bench/paper/ipc-lrpc-a.s (environment 1, the client) with ipc-lrpc-b.s (the server): Tables 8
# and 12's lrpc and tlrpc (programs/lib/ipc.s), round trip to a server that increments a counter:
# from the `jal lrpc_call` / `jal tlrpc_call` (m_lrpc / m_tlrpc) to the instruction after its
# delay slot (m_lrpc_end / m_tlrpc_end), in the last of ITER calls each. lrpc calls the server's
# o32 function through lrpc_entry (its own stack); for tlrpc the server makes its procedure its
# PCT entry (an inline server, lrpc_set_entry: an lrpc call with a1 = 0, a2 = 1 asks it to).
# The client checks the counter each call returns, so neither row can measure a no-op.
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	ipc_connect			# binds us as an lrpc client
	li	$a0, 2
	bnez	$v0, fail
	li	$s0, ITER
	move	$s1, $zero			# the counter the server should be at
1:	li	$a0, 2
m_lrpc:	jal	lrpc_call
	li	$a1, 1
m_lrpc_end:
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	bne	$v1, $s1, fail			# the server did count
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	li	$a0, 2				# a1 = 0, a2 = 1: the server switches to its inline entry
	li	$a2, 1
	jal	lrpc_call
	move	$a1, $zero
	bnez	$v0, fail
	nop
	bnez	$v1, fail
	nop
	jal	tlrpc_bind
	li	$s0, ITER
	bltz	$v0, fail
	nop
2:	li	$a0, 2
m_tlrpc:
	jal	tlrpc_call
	li	$a1, 1
m_tlrpc_end:
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	bne	$v1, $s1, fail
	addiu	$s0, $s0, -1
	bnez	$s0, 2b
	nop
	# Done: we exit; the server's lrpc_serve returns once we are gone.
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
