# fib.s: Fibonacci numbers three ways: a table of the first 16 (iterative), fib(20) by the
# doubly recursive definition (counting its calls), and fib(47), the largest that fits 32 bits
# unsigned (printf %u).
#   npx exo run programs/fib.s
	.include "lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	LSTR	$a0, "fib(0..15):"
	jal	printf
	move	$s0, $zero			# n
1:	move	$a0, $s0
	jal	fib_iter
	LSTR	$a0, " %u"
	move	$a1, $v0
	jal	printf
	addiu	$s0, $s0, 1
	slti	$t0, $s0, 16
	bnez	$t0, 1b
	li	$a0, 10
	jal	putchar
	sw	$zero, fib_calls
	li	$a0, 20
	jal	fib_rec
	LSTR	$a0, "fib(20) = %d (recursive, %d calls)\n"
	move	$a1, $v0
	lw	$a2, fib_calls
	jal	printf
	li	$a0, 47
	jal	fib_iter
	LSTR	$a0, "fib(47) = %u\n"
	move	$a1, $v0
	jal	printf
	move	$v0, $zero
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# fib_iter(n) -> fib(n), modulo 2^32.
fib_iter:
	move	$v0, $zero			# fib(i)
	li	$t0, 1				# fib(i + 1)
1:	beqz	$a0, 2f
	addu	$t1, $v0, $t0
	move	$v0, $t0
	move	$t0, $t1
	addiu	$a0, $a0, -1
	b	1b
2:	jr	$ra

# fib_rec(n) -> fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); counts its calls in fib_calls.
fib_rec:
	lw	$t0, fib_calls
	addiu	$t0, $t0, 1
	sw	$t0, fib_calls
	slti	$t0, $a0, 2
	beqz	$t0, 1f
	move	$v0, $a0
	jr	$ra
1:	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	move	$s0, $a0
	addiu	$a0, $a0, -1
	jal	fib_rec
	move	$s1, $v0
	addiu	$a0, $s0, -2
	jal	fib_rec
	addu	$v0, $v0, $s1
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

	.bss
	.balign	4
fib_calls:	.space	4
