# exit.s: exit(status) ends the environment and, being the last one, halts the machine with
# that status; nothing after the exit system call runs.
# status: 42
# expect: exit
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.text
	.globl	main
main:
	PRINT	"exit\n"
	li	$a0, 42
	SYS	SYS_EXIT
	FAIL	"exit returned"
