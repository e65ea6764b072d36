# bench/paper/ipc-shm-a.s (environment 1) with ipc-shm-b.s (environment 2): Table 8's shm, a
# shared counter ping-ponged with the kernel's yield (programs/lib/ipc.s shm_wait). One-way: from
# our store of the new value (m_shm) to B seeing it (m_shm_end in ipc-shm-b.s, after its
# shm_wait returns): our next shm_wait finding it is not our turn, the yield, B's check.
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	ipc_connect
	li	$a0, 2
	bnez	$v0, fail
	nop
	li	$s0, IPC_SHM
	move	$s1, $zero
	move	$a0, $s0
	jal	shm_wait			# 0: our turn first
	move	$a1, $s1
	# Every iteration, the last (measured) one too, takes the same path: store, then wait at
	# the same call site (a last iteration through code run once would measure cold caches).
1:	addiu	$s1, $s1, 1
m_shm:	sw	$s1, 0($s0)
	addiu	$s1, $s1, 1
	move	$a0, $s0
	jal	shm_wait			# even again: our turn
	move	$a1, $s1
	bnez	$v0, fail
	slti	$t0, $s1, 2 * ITER
	bnez	$t0, 1b
	nop
	lw	$ra, 20($sp)
	move	$v0, $zero
	jr	$ra
	addiu	$sp, $sp, 24
fail:	li	$a0, 1
	SYS	SYS_EXIT
