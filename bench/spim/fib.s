# Recursive Fibonacci (SPIM-sized twin of bench/workloads/fib.c): fib(26), both calls kept.
	.data
fb_name: .asciiz "fib"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	jal	fib
	addiu	$a0, $zero, 26
	la	$a0, fb_name
	jal	print_result
	addu	$a1, $v0, $zero
	lw	$ra, 4($sp)
	addu	$v0, $zero, $zero
	jr	$ra
	addiu	$sp, $sp, 8

fib:					# v0 = fib(a0)
	sltiu	$t0, $a0, 2
	bne	$t0, $zero, fib_base
	nop
	addiu	$sp, $sp, -12
	sw	$ra, 8($sp)
	sw	$s0, 4($sp)
	sw	$a0, 0($sp)
	jal	fib
	addiu	$a0, $a0, -1
	addu	$s0, $v0, $zero
	lw	$a0, 0($sp)
	nop
	jal	fib
	addiu	$a0, $a0, -2
	addu	$v0, $s0, $v0
	lw	$ra, 8($sp)
	lw	$s0, 4($sp)
	jr	$ra
	addiu	$sp, $sp, 12
fib_base:
	jr	$ra
	addu	$v0, $a0, $zero
