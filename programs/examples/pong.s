# pong.s: the partner of ping.s (environment 2). Its entries print the counter ping sent in s0 and
# transfer straight back to the caller (v0 = the caller's id on arrival); s0 = 0 ends it.
	.include "../lib/exo.inc"
	.text
	.globl	main
main:
	move	$a0, $zero
	li	$a1, FIELD_PCT_SYNC
	la	$a2, entry
	move	$a3, $zero
	SYS	SYS_ENV_SET
	move	$a0, $zero
	li	$a1, FIELD_PCT_ASYNC
	la	$a2, stop
	move	$a3, $zero
	SYS	SYS_ENV_SET
1:	li	$a0, -1				# nothing to do until ping calls
	SYS	SYS_YIELD
	b	1b
	nop
entry:	move	$s2, $v0			# the caller (s2: a register ping does not rely on)
	PRINT	"        pong "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
	PCT_CALL $s2
stop:	PRINT	"        pong: done\n"
	move	$a0, $zero
	SYS	SYS_EXIT
