# Integer loop (SPIM-sized twin of bench/workloads/intloop.c, same arithmetic): xorshift32 plus
# add/rotate mixing, 15 instructions per iteration.
	.data
il_name: .asciiz "intloop"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	li	$s0, 350000		# iterations
	li	$s1, 0x92d68ca2		# x = 2463534242
	li	$s2, 0x9e3779b9		# y
	addu	$s3, $zero, $zero	# acc
	addu	$s4, $zero, $zero	# i
il_loop:
	sll	$t0, $s1, 13
	xor	$s1, $s1, $t0
	srl	$t0, $s1, 17
	xor	$s1, $s1, $t0
	sll	$t0, $s1, 5
	xor	$s1, $s1, $t0
	xor	$t1, $s4, $s2
	addu	$t1, $s1, $t1
	addu	$s3, $s3, $t1
	srl	$t0, $s2, 3
	sll	$t1, $s2, 29
	or	$s2, $t0, $t1
	addiu	$s4, $s4, 1
	bne	$s4, $s0, il_loop
	nop
	la	$a0, il_name
	jal	print_result
	xor	$a1, $s3, $s2
	lw	$ra, 4($sp)
	addu	$v0, $zero, $zero
	jr	$ra
	addiu	$sp, $sp, 8
