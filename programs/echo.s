# echo.s: copies the console's input to its output until the input ends (io.s getchar and
# putchar: a console_write per line), then exits 0.
#   printf 'one\ntwo\n' | npx exo run programs/echo.s
	.include "lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
1:	jal	getchar
	bltz	$v0, 2f				# IO_EOF
	move	$a0, $v0
	jal	putchar
	b	1b
2:	jal	io_flush			# a last line without a newline
	move	$v0, $zero
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra
