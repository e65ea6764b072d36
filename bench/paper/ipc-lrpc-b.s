# bench/paper/ipc-lrpc-b.s: the server of ipc-lrpc-a.s (environment 2). Its function adds a1 to
# a counter and returns it; a1 = 0 stops the server, or with a2 = 1 makes count_inline (the same
# counter as an inline server procedure) its PCT entry.
	.include "../../programs/lib/exo.inc"
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	la	$a0, count
	jal	ipc_accept
	nop
	bltz	$v0, fail
	nop
	jal	lrpc_serve
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT

count:	beqz	$a1, 1f
	lui	$t0, %hi(counter)
	lw	$v0, %lo(counter)($t0)
	nop
	addu	$v0, $v0, $a1
	jr	$ra
	sw	$v0, %lo(counter)($t0)
1:	bnez	$a2, 2f
	nop
	j	lrpc_stop
	nop
2:	la	$a0, count_inline		# from now on calls enter count_inline
	j	lrpc_set_entry
	nop

# count_inline: the same counter as an inline server procedure (programs/lib/ipc.s): entered
# with v0 = the client's id, a1 the increment; changes only t0-t2, v0, v1. (No stop: our main
# thread's lrpc_serve returns when the client is gone.)
count_inline:
	lui	$t1, %hi(counter)
	lw	$v1, %lo(counter)($t1)
	move	$t2, $v0			# the client
	addu	$v1, $v1, $a1
	sw	$v1, %lo(counter)($t1)
	TLRPC_RETURN $t2
	.data
counter: .word	0
