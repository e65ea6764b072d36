# bench/paper/ipc-lrpc-a.s (environment 1, the client) with ipc-lrpc-b.s (the server): Tables 8
# and 12's lrpc and tlrpc (programs/lib/ipc.s), round trip to a server function that increments a
# counter: from the `jal lrpc_call` / `jal tlrpc_call` (m_lrpc / m_tlrpc) to the instruction after
# its delay slot (m_lrpc_end / m_tlrpc_end), in the last of ITER calls each.
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
1:	li	$a0, 2
m_lrpc:	jal	lrpc_call
	li	$a1, 1
m_lrpc_end:
	bnez	$v0, fail
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
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
	addiu	$s0, $s0, -1
	bnez	$s0, 2b
	nop
	li	$a0, 2				# a1 = 0: stop the server
	jal	tlrpc_call
	move	$a1, $zero
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
