# shm-peer.s: the partner of shm.s (environment 2): makes the shared counter even 100 times.
	.include "lib/exo.inc"
	.equ	ROUNDS, 100
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
	li	$s0, IPC_SHM
	li	$s1, 1
1:	move	$a0, $s0
	jal	shm_wait			# our turn: the counter is odd
	move	$a1, $s1
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	sw	$s1, 0($s0)			# even: the other's turn
	addiu	$s1, $s1, 1
	slti	$t0, $s1, 2 * ROUNDS
	bnez	$t0, 1b
	nop
	PRINT	"        shm-peer: made the counter even 100 times\n"
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	move	$s0, $v0
	PRINT	"        shm-peer: FAIL: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
	li	$a0, 1
	SYS	SYS_EXIT
