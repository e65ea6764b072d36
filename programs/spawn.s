# spawn.s: processes of the library OS (proc.s): spawns a child environment from an ELF
# executable embedded in this program (.incbin), waits for it and prints its exit status; twice
# (the second child reuses the first one's environment slot and pages). A child's exit status
# goes to its parent only (proc.s exit), so this program's own status is 0. Then the refusals: an
# image that is not an executable, and wait for an id that is not a child.
#   npx exo run programs/spawn.s
# The child is programs/spawn-child.s linked with the library OS as `exo run` links a program;
# after changing it or programs/lib, rebuild the embedded executable with
#   npx exo asm programs/lib/*.s programs/spawn-child.s -o programs/spawn-child.elf
# (test/libos/programs.test.ts checks that the checked-in file is that build).
	.include "lib/exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	LSTR	$a0, "parent %x: spawning a child of %d bytes\n"
	lw	$a1, BOOT_VA + BOOT_ENVID($zero)
	lw	$a2, child_elf_len		# (a `li` of a forward difference would be 16 bits, as in GNU as)
	jal	printf
	li	$s1, 7				# the child's argument 0; its status is its square
1:	la	$t0, child_args
	sw	$s1, 0($t0)
	lw	$t1, BOOT_VA + BOOT_ENVID($zero)
	sw	$t1, 4($t0)
	la	$a0, child_elf
	lw	$a1, child_elf_len
	la	$a2, child_args
	move	$a3, $zero
	jal	spawnx
	move	$s0, $v0
	LSTR	$a0, "parent: spawned child %x\n"
	move	$a1, $v0
	jal	printf
	blez	$s0, 9f
	move	$a0, $s0
	jal	wait
	LSTR	$a0, "parent: child %x exited with status %d\n"
	move	$a1, $s0
	move	$a2, $v0
	jal	printf
	li	$t0, 7
	bne	$s1, $t0, 2f
	li	$s1, 300			# 300 * 300 = 90000: status 90000 & 255 = 144
	b	1b
2:	la	$a0, not_elf			# refusals
	li	$a1, 64
	jal	spawn
	LSTR	$a0, "parent: spawn of a non-executable: %d (EINVAL)\n"
	move	$a1, $v0
	jal	printf
	move	$a0, $s0			# the child is gone: no longer ours
	jal	wait
	LSTR	$a0, "parent: wait for a child already waited for: %d (ENOENT)\n"
	move	$a1, $v0
	jal	printf
	move	$v0, $zero
	b	8f
9:	li	$v0, 1
8:	lw	$s1, 28($sp)
	lw	$s0, 32($sp)
	lw	$ra, 36($sp)
	addiu	$sp, $sp, 40
	jr	$ra

	.rdata
	.balign	4
child_elf_len:
	.word	child_elf_end - child_elf
child_elf:
	.incbin	"spawn-child.elf"
child_elf_end:
	.balign	4
not_elf:
	.ascii	"#!/bin/sh: an image that is not an ELF executable at all, refused"
	.bss
	.balign	4
child_args:	.space	4 * PROC_NARGS
