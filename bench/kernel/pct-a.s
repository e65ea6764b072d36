# bench/kernel/pct-a.s (environment 1) with pct-b.s (environment 2): synchronous protected
# control transfer (paper §5.5, Table 6), ping-pong. A calls B at m_pct; B's entry calls straight
# back (registers untouched but v0: the message). Measured from A's `syscall` to B's first
# instruction (one way). The last call carries a1 = 1: B exits; then A's call is refused with
# ENOENT and A exits.
	.include "../../firmware/layout.inc"
	.equ	ITER, 8
	.equ	B_ID, 2
	.text
	.set	noreorder
	.globl	__start
__start:
	la	$a2, a_entry
	move	$a0, $zero
	li	$a1, FIELD_PCT_SYNC
	move	$a3, $zero
	li	$v0, SYS_ENV_SET
	syscall
	li	$s0, ITER
	move	$a1, $zero
call:	li	$v0, (PCT_SYNC << 24) | B_ID
m_pct:	syscall
	# Refused: B not ready yet (EPERM: yield and retry) or gone (ENOENT: done).
	li	$t0, EPERM
	bne	$v0, $t0, done
	li	$a0, -1
	li	$v0, SYS_YIELD
	syscall
	b	call
	nop
a_entry:					# B called back: our registers, v0 = B's id
	addiu	$s0, $s0, -1
	bnez	$s0, call
	nop
	b	call
	li	$a1, 1				# the last call: B exits
done:	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
