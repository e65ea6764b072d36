# Linux o32 runtime for the bench/spim workloads, so the same instructions can be assembled by
# GNU as and run on exo (`--abi linux`, which counts them) and qemu-mipsel (which checks the
# output). __start mirrors SPIM's: call main, then exit(0); put_char is write(1, &c, 1).
	.set	noreorder
	.text
	.globl	__start
__start:
	jal	main
	nop
	addu	$a0, $zero, $zero
	addiu	$v0, $zero, 4001	# __NR_exit
	syscall
put_char:
	addiu	$sp, $sp, -8
	sb	$a0, 0($sp)
	addu	$a1, $sp, $zero
	addiu	$a0, $zero, 1
	addiu	$a2, $zero, 1
	addiu	$v0, $zero, 4004	# __NR_write
	syscall
	jr	$ra
	addiu	$sp, $sp, 8
