# matmul.s: the 150x150 integer matrix multiply of the paper's Table 9 (C = A x B), in assembly.
# The inputs are those of bench/paper/matmul.c (the gcc -O2 build `exo bench paper` measures):
# a linear congruential generator, seed 12345, x = x * 1103515245 + 12345, each element
# (x >> 16) & 0xff, a[i][j] then b[i][j] in row order; so both print the same checksum:
# check = rotate-left(check, 1) + c[i][j] over c in row order. We also print two elements and
# the sum of c modulo 2^32 (test/libos/programs2.test.ts recomputes all of it in TypeScript).
#   npx exo run --stats programs/matmul.s
# Timing (exo run --stats, default quantum): 53.98 million cycles for the whole run, of which
# 2.74 M are start-up, filling A and B, the checksum and printing (the same run without the
# multiply), so the multiply itself is about 51.2 M cycles, 2.05 s at 25 MHz: 15.2 cycles per
# multiply-add. The paper's DEC5000/125 took 3.7 s [92.5 M cycles] under ExOS for gcc -O2 code
# (Table 9; our gcc -O2 build of the same loop is bench/paper/matmul.c, which `exo bench paper`
# measures). Here the inner loop is eight instructions around one multu, and the multiplier's
# 12-cycle latency (the mflo of the previous product waits for it) sets the pace; the rest is
# D-cache misses walking B's columns (a stride of 600 bytes).
	.include "lib/exo.inc"
	.equ	N, 150
	.equ	ROW, N * 4
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	# A and B from the generator.
	la	$t0, mat_a
	la	$t1, mat_b
	li	$t2, N * N
	li	$t3, 12345				# the seed
	li	$t4, 1103515245
1:	multu	$t3, $t4
	mflo	$t3
	addiu	$t3, $t3, 12345
	srl	$t5, $t3, 16
	andi	$t5, $t5, 0xff
	sw	$t5, 0($t0)
	multu	$t3, $t4
	mflo	$t3
	addiu	$t3, $t3, 12345
	srl	$t5, $t3, 16
	andi	$t5, $t5, 0xff
	sw	$t5, 0($t1)
	addiu	$t0, $t0, 4
	addiu	$t1, $t1, 4
	addiu	$t2, $t2, -1
	bnez	$t2, 1b
	jal	multiply
	# The checksum and the sum.
	la	$t0, mat_c
	li	$t2, N * N
	move	$s0, $zero				# checksum
	move	$s1, $zero				# sum
2:	lw	$t1, 0($t0)
	sll	$t3, $s0, 1
	srl	$s0, $s0, 31
	or	$s0, $s0, $t3
	addu	$s0, $s0, $t1
	addu	$s1, $s1, $t1
	addiu	$t0, $t0, 4
	addiu	$t2, $t2, -1
	bnez	$t2, 2b
	LSTR	$a0, "matmul %dx%d: c[0][0] = %d, c[149][149] = %d, sum %u (mod 2^32), checksum 0x%08x\n"
	li	$a1, N
	li	$a2, N
	la	$t0, mat_c
	lw	$a3, 0($t0)				# c[0][0]
	lw	$t1, (N * N - 1) * 4($t0)		# c[N-1][N-1]
	sw	$t1, 16($sp)				# printf's fifth and later arguments (o32)
	sw	$s1, 20($sp)
	sw	$s0, 24($sp)
	jal	printf
	move	$v0, $zero
	lw	$s1, 28($sp)
	lw	$s0, 32($sp)
	lw	$ra, 36($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# multiply: mat_c = mat_a x mat_b, i-j-k order as the C version. The inner loop keeps one
# product in flight: it issues a[i][k] * b[k][j] and adds the previous one (mflo waits for the
# multiplier). k = 0 is peeled off to start the pipeline. (R3000: no mult/div within two
# instructions after an mflo, r3000.md; the loop keeps two between.)
	.globl	multiply
multiply:
	la	$t6, mat_a				# t6 = &a[i][0]
	la	$t7, mat_c				# t7 = &c[i][j]
	la	$t9, mat_a + N * ROW			# end of A
	.set	push
	.set	noreorder
1:	la	$t8, mat_b				# t8 = &b[0][j]
	addiu	$a1, $t8, ROW				# end of B's first row
2:	move	$a0, $t6				# a0 = &a[i][k], a2 = its end
	addiu	$a2, $t6, ROW
	move	$v1, $t8				# v1 = &b[k][j]
	lw	$t0, 0($a0)
	lw	$t1, 0($v1)
	addiu	$a0, $a0, 4
	addiu	$v1, $v1, ROW
	multu	$t0, $t1				# k = 0
	move	$v0, $zero				# v0 = the sum
3:	lw	$t0, 0($a0)				# k = 1 .. N-1
	lw	$t1, 0($v1)
	mflo	$t2					# the previous product
	addiu	$a0, $a0, 4
	addiu	$v1, $v1, ROW
	multu	$t0, $t1
	bne	$a0, $a2, 3b
	addu	$v0, $v0, $t2
	mflo	$t2					# the last product
	addiu	$t8, $t8, 4				# next j
	addu	$v0, $v0, $t2
	sw	$v0, 0($t7)
	bne	$t8, $a1, 2b
	addiu	$t7, $t7, 4
	addiu	$t6, $t6, ROW				# next i
	bne	$t6, $t9, 1b
	nop
	.set	pop
	jr	$ra

	.bss
	.balign	4
mat_a:	.space	N * ROW
mat_b:	.space	N * ROW
mat_c:	.space	N * ROW
