# exit-main-returns.s: when main returns, crt0 calls exit with main's v0.
# status: 7
# expect: exit-main-returns
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -8
	sw	$ra, 0($sp)
	PRINT	"exit-main-returns\n"
	lw	$ra, 0($sp)
	addiu	$sp, $sp, 8
	li	$v0, 7
	jr	$ra
