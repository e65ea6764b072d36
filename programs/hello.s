# hello.s: the library OS's first program: a greeting through printf, exit status 0.
#   npx exo run programs/hello.s
	.include "lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	LSTR	$a0, "Hello from environment %d on the exokernel!\n"
	lw	$a1, BOOT_VA + BOOT_ENVID($zero)
	jal	printf
	move	$v0, $zero
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra
