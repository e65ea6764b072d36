# spawn-child.s: the program programs/spawn.s embeds (programs/spawn-child.elf, built from this
# file with the library OS; see spawn.s) and starts as a child environment. It prints what it
# was given and exits with a status computed from its arguments, so the parent can check both.
	.include "lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40			# 16(sp), 20(sp): printf's fifth and sixth arguments
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	li	$a0, 0
	jal	proc_arg
	move	$s0, $v0			# argument 0: a number to square
	li	$a0, 1
	jal	proc_arg
	move	$s1, $v0			# argument 1: the parent's id, as the parent sees it
	jal	proc_spawned
	LSTR	$a0, "child %x: spawned=%d, parent %x (argument %x), arg %d\n"
	move	$a2, $v0
	lw	$a1, BOOT_VA + BOOT_ENVID($zero)
	lw	$a3, BOOT_VA + PROC_B_PARENT($zero)
	sw	$s1, 16($sp)
	sw	$s0, 20($sp)
	jal	printf
	mult	$s0, $s0
	mflo	$a0
	jal	exit				# status = arg * arg (low 8 bits)
