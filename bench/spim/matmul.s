# Integer matrix multiply (SPIM-sized twin of bench/workloads/matmul.c with N = 24 and 38
# rounds, same initialisation and checksum): 9 instructions per inner step, MULT/MFLO.
	.data
mm_name: .asciiz "matmul"
	.align	2
mm_a:	.space	2304
mm_b:	.space	2304
mm_c:	.space	2304
	.text
	.globl	main
main:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	la	$s5, mm_a
	la	$s6, mm_b
	la	$s7, mm_c
	ori	$s0, $zero, 12345	# seed
	li	$s1, 1103515245
	addu	$t0, $s5, $zero
	addu	$t1, $s6, $zero
	addiu	$t2, $zero, 576
mm_init:
	multu	$s0, $s1
	mflo	$s0
	addiu	$s0, $s0, 12345
	srl	$t3, $s0, 16
	andi	$t3, $t3, 0xff
	sw	$t3, 0($t0)
	multu	$s0, $s1
	mflo	$s0
	addiu	$s0, $s0, 12345
	srl	$t3, $s0, 16
	andi	$t3, $t3, 0xff
	sw	$t3, 0($t1)
	addiu	$t0, $t0, 4
	addiu	$t1, $t1, 4
	addiu	$t2, $t2, -1
	bne	$t2, $zero, mm_init
	nop
	addiu	$s2, $zero, 38		# rounds
	addu	$s3, $zero, $zero	# check
mm_round:
	addu	$a0, $s5, $zero		# &a[i][0]
	addu	$a1, $s7, $zero		# &c[i][j]
	addiu	$a2, $zero, 24		# rows left
mm_i:
	addu	$a3, $s6, $zero		# &b[0][j]
	addiu	$v1, $zero, 24		# columns left
mm_j:
	addu	$t0, $a0, $zero
	addu	$t1, $a3, $zero
	addiu	$t2, $zero, 24
	addu	$t3, $zero, $zero	# s
mm_k:
	lw	$t4, 0($t0)
	lw	$t5, 0($t1)
	addiu	$t0, $t0, 4
	mult	$t4, $t5
	addiu	$t1, $t1, 96
	addiu	$t2, $t2, -1
	mflo	$t6
	bne	$t2, $zero, mm_k
	addu	$t3, $t3, $t6
	sw	$t3, 0($a1)
	addiu	$a1, $a1, 4
	addiu	$v1, $v1, -1
	bne	$v1, $zero, mm_j
	addiu	$a3, $a3, 4
	addiu	$a2, $a2, -1
	bne	$a2, $zero, mm_i
	addiu	$a0, $a0, 96
	addu	$t0, $s7, $zero
	addu	$t1, $s5, $zero
	addiu	$t2, $zero, 576
mm_sum:
	lw	$t3, 0($t0)
	sll	$t4, $s3, 1
	srl	$t5, $s3, 31
	or	$s3, $t4, $t5
	addu	$s3, $s3, $t3
	andi	$t3, $t3, 0x3ff
	sw	$t3, 0($t1)
	addiu	$t0, $t0, 4
	addiu	$t2, $t2, -1
	bne	$t2, $zero, mm_sum
	addiu	$t1, $t1, 4
	addiu	$s2, $s2, -1
	bne	$s2, $zero, mm_round
	nop
	la	$a0, mm_name
	jal	print_result
	addu	$a1, $s3, $zero
	lw	$ra, 4($sp)
	addu	$v0, $zero, $zero
	jr	$ra
	addiu	$sp, $sp, 8
