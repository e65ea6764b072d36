# bench/kernel/pct-b.s: the callee of pct-a.s (environment 2).
	.include "../../firmware/layout.inc"
	.text
	.set	noreorder
	.set	noat
	.globl	__start
__start:
	la	$a2, b_entry
	move	$a0, $zero
	li	$a1, FIELD_PCT_SYNC
	move	$a3, $zero
	li	$v0, SYS_ENV_SET
	syscall
1:	li	$a0, -1
	li	$v0, SYS_YIELD
	syscall
	b	1b
	nop
b_entry:					# v0 = the caller's id; everything else is its message
	bnez	$a1, stop
	lui	$at, PCT_SYNC << 8
	or	$v0, $v0, $at
m_back:	syscall					# straight back to the caller
stop:	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
