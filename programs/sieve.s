# sieve.s: the sieve of Eratosthenes over the numbers below 10000 (a byte per number in .bss,
# three pages the loader maps): prints how many primes there are, the first ten and the largest.
#   npx exo run programs/sieve.s
	.include "lib/exo.inc"
	.equ	N, 10000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	la	$s0, composite			# composite[i] = 1 once a factor is found (.bss: zero)
	li	$t0, 2				# p
1:	multu	$t0, $t0
	mflo	$t1				# p * p
	sltiu	$t2, $t1, N
	beqz	$t2, 4f
	addu	$t2, $s0, $t0
	lbu	$t2, 0($t2)
	bnez	$t2, 3f				# p is composite: its multiples are marked already
	li	$t3, 1
2:	addu	$t2, $s0, $t1			# mark p*p, p*p + p, ...
	sb	$t3, 0($t2)
	addu	$t1, $t1, $t0
	sltiu	$t2, $t1, N
	bnez	$t2, 2b
3:	addiu	$t0, $t0, 1
	b	1b
4:	move	$s1, $zero			# count
	move	$s2, $zero			# the largest
	li	$t0, 2
5:	addu	$t2, $s0, $t0
	lbu	$t2, 0($t2)
	bnez	$t2, 6f
	addiu	$s1, $s1, 1
	move	$s2, $t0
6:	addiu	$t0, $t0, 1
	sltiu	$t2, $t0, N
	bnez	$t2, 5b
	LSTR	$a0, "primes below %d: %d\n"
	li	$a1, N
	move	$a2, $s1
	jal	printf
	LSTR	$a0, "first ten:"
	jal	printf
	li	$s1, 10				# to print
	li	$s2, 2
7:	addu	$t2, $s0, $s2
	lbu	$t2, 0($t2)
	bnez	$t2, 8f
	LSTR	$a0, " %d"
	move	$a1, $s2
	jal	printf
	addiu	$s1, $s1, -1
8:	addiu	$s2, $s2, 1
	bnez	$s1, 7b
	li	$a0, 10
	jal	putchar
	li	$s2, N - 1			# the largest, searching down
9:	addu	$t2, $s0, $s2
	lbu	$t2, 0($t2)
	beqz	$t2, 10f
	addiu	$s2, $s2, -1
	b	9b
10:	LSTR	$a0, "largest: %d\n"
	move	$a1, $s2
	jal	printf
	move	$v0, $zero
	lw	$s2, 16($sp)
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

	.bss
composite:	.space	N
