# bench/paper/ipc-lrpc-b.s: the server of ipc-lrpc-a.s (environment 2). Its function adds a1 to
# a counter and returns it; a1 = 0 stops the server.
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
1:	j	lrpc_stop
	nop
	.data
counter: .word	0
