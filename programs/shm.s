# shm.s (environment 1) with shm-peer.s (environment 2): a counter in a page the two share
# (programs/lib/ipc.s), ping-ponged 100 times: we make it odd, the peer makes it even, and each
# yields to the other (kernel yield) while it is not its turn. Paper §6.1's shm.
#
#   npx exo run programs/shm.s programs/shm-peer.s
	.include "lib/exo.inc"
	.equ	PEER, 2
	.equ	ROUNDS, 100
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
	li	$s0, IPC_SHM			# the counter
	move	$s1, $zero			# 2 x round
1:	move	$a0, $s0
	jal	shm_wait			# our turn: the counter is even
	move	$a1, $s1
	bnez	$v0, fail
	addiu	$s1, $s1, 1
	sw	$s1, 0($s0)			# odd: the peer's turn
	addiu	$s1, $s1, 1
	slti	$t0, $s1, 2 * ROUNDS
	bnez	$t0, 1b
	nop
	move	$a0, $s0
	jal	shm_wait			# the peer's last increment
	move	$a1, $s1
	bnez	$v0, fail
	nop
	PRINT	"shm: counter "
	lw	$a0, 0($s0)
	jal	exo_putdec
	nop
	PRINT	" after 100 rounds each\n"
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	move	$s0, $v0
	PRINT	"shm: FAIL: error "
	move	$a0, $s0
	jal	exo_putdec
	nop
	li	$t0, ENOENT
	bne	$s0, $t0, 8f
	nop
	PRINT	" (no peer: run exo run programs/shm.s programs/shm-peer.s)"
8:	PRINT	"\n"
	li	$a0, 1
	SYS	SYS_EXIT
