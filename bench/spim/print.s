# Output helpers shared by the bench/spim workloads: print_result(a0 = name, a1 = checksum)
# prints "name: checksum=0x%08x\n", the same line as the C workloads. Real instructions only,
# with explicit delay slots and no load use in a load delay slot, so SPIM (-delayed_branches
# -delayed_loads), GNU as (.set noreorder) and every emulator execute the same instructions.
	.data
pr_mid:	.asciiz	": checksum=0x"
	.text
print_result:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	sw	$s0, 0($sp)
	jal	put_str
	addu	$s0, $a1, $zero
	la	$a0, pr_mid
	jal	put_str
	nop
	jal	put_hex8
	addu	$a0, $s0, $zero
	jal	put_char
	addiu	$a0, $zero, 10
	lw	$ra, 4($sp)
	lw	$s0, 0($sp)
	jr	$ra
	addiu	$sp, $sp, 8

put_str:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	sw	$s0, 0($sp)
	addu	$s0, $a0, $zero
ps_loop:
	lbu	$a0, 0($s0)
	nop
	beq	$a0, $zero, ps_done
	nop
	jal	put_char
	addiu	$s0, $s0, 1
	beq	$zero, $zero, ps_loop
	nop
ps_done:
	lw	$ra, 4($sp)
	lw	$s0, 0($sp)
	jr	$ra
	addiu	$sp, $sp, 8

put_hex8:
	addiu	$sp, $sp, -12
	sw	$ra, 8($sp)
	sw	$s0, 4($sp)
	sw	$s1, 0($sp)
	addu	$s0, $a0, $zero
	addiu	$s1, $zero, 28
ph_loop:
	srlv	$a0, $s0, $s1
	andi	$a0, $a0, 15
	sltiu	$t0, $a0, 10
	bne	$t0, $zero, ph_digit
	addiu	$a0, $a0, 48		# '0', in the delay slot: always
	addiu	$a0, $a0, 39		# 'a' - '0' - 10
ph_digit:
	jal	put_char
	nop
	beq	$s1, $zero, ph_done
	nop
	beq	$zero, $zero, ph_loop
	addiu	$s1, $s1, -4
ph_done:
	lw	$ra, 8($sp)
	lw	$s0, 4($sp)
	lw	$s1, 0($sp)
	jr	$ra
	addiu	$sp, $sp, 12
