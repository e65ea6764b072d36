# exc-decline.s: a handler that returns 0 declines: the default action (crt0's exo_unhandled:
# "exo: unhandled exception 9 at pc X", exit 128 + SIGTRAP = 133).
	.include "exo.inc"
	.text
	.globl	main
main:
	li	$a0, EXC_BP
	la	$a1, decline
	jal	exc_set_handler
	PRINT	"break\n"
	.set	noreorder
	.globl	brk_at
brk_at:	break	0
	.set	reorder
	FAIL	"resumed after a declined break"
decline:
	move	$v0, $zero
	jr	$ra
