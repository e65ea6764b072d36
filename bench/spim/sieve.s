# Sieve of Eratosthenes (SPIM-sized twin of bench/workloads/sieve.c with LIMIT 32768 and 8
# passes, same checksum formula).
	.data
sv_name: .asciiz "sieve"
	.align	2
sv_array: .space 32768
	.text
	.globl	main
main:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	la	$s5, sv_array
	addiu	$s6, $zero, 8		# passes
	addu	$s7, $zero, $zero	# check
	addu	$s4, $zero, $zero	# p
sv_pass:
	ori	$t0, $zero, 32768
	subu	$s0, $t0, $s4		# limit = LIMIT - p
	addu	$t1, $s5, $zero
	addu	$t2, $s5, $s0		# end of the array for this pass
sv_clear:
	sb	$zero, 0($t1)
	addiu	$t1, $t1, 1
	bne	$t1, $t2, sv_clear
	nop
	addiu	$t3, $zero, 2		# i
sv_outer:
	multu	$t3, $t3
	mflo	$t4			# i * i
	sltu	$t5, $t4, $s0
	beq	$t5, $zero, sv_count
	addu	$t6, $s5, $t3
	lbu	$t7, 0($t6)
	nop
	bne	$t7, $zero, sv_next
	addu	$t6, $s5, $t4		# &a[i * i]
	addiu	$t8, $zero, 1
sv_mark:
	sb	$t8, 0($t6)
	addu	$t6, $t6, $t3
	sltu	$t9, $t6, $t2
	bne	$t9, $zero, sv_mark
	nop
sv_next:
	beq	$zero, $zero, sv_outer
	addiu	$t3, $t3, 1
sv_count:
	addiu	$t3, $zero, 2		# i
	addiu	$t6, $s5, 2		# &a[i]
	addu	$v0, $zero, $zero	# count
	addu	$v1, $zero, $zero	# sum
sv_cloop:
	lbu	$t7, 0($t6)
	addiu	$t6, $t6, 1
	bne	$t7, $zero, sv_skip
	nop
	addiu	$v0, $v0, 1
	addu	$v1, $v1, $t3
sv_skip:
	addiu	$t3, $t3, 1
	bne	$t3, $s0, sv_cloop
	nop
	sll	$t0, $s7, 5
	srl	$t1, $s7, 27
	or	$s7, $t0, $t1
	xor	$s7, $s7, $v0
	xor	$s7, $s7, $v1
	addiu	$s4, $s4, 1
	bne	$s4, $s6, sv_pass
	nop
	la	$a0, sv_name
	jal	print_result
	addu	$a1, $s7, $zero
	lw	$ra, 4($sp)
	addu	$v0, $zero, $zero
	jr	$ra
	addiu	$sp, $sp, 8
