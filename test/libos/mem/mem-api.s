# mem-api.s: the library OS's memory allocation (programs/lib/mem.s) through its API, each result
# checked: sbrk from the boot page's BOOT_BRK (grow, shrink, refuse), malloc alignment and
# separation, reuse of a freed block (first fit), coalescing back to one free block, a heap grown
# past several pages with every word checked, many small blocks, free(0) and a double free.
	.include "exo.inc"
	.equ	NSMALL, 200
	.equ	BIG, 20000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -48
	sw	$ra, 44($sp)
	PRINT	"mem api\n"
	lw	$s7, BOOT_VA+BOOT_BRK($zero)
	move	$a0, $zero
	jal	sbrk
	CHECKR	$v0, $s7, "sbrk(0) is the boot page's BOOT_BRK"
	li	$a0, 5000
	jal	sbrk
	CHECKR	$v0, $s7, "sbrk(5000) returns the old break"
	move	$a0, $zero
	jal	sbrk
	subu	$v0, $v0, $s7
	CHECK	$v0, 5000, "the break moved by 5000"
	li	$t0, 0x5b5b5b5b
	sw	$t0, 0($s7)
	sw	$t0, 4996($s7)				# the second page
	lw	$t1, 4996($s7)
	CHECK	$t1, 0x5b5b5b5b, "both new pages are writable"
	li	$a0, -5000
	jal	sbrk
	subu	$v0, $v0, $s7
	CHECK	$v0, 5000, "sbrk(-5000) returns the old break"
	li	$a0, -4
	jal	sbrk
	CHECK	$v0, -1, "sbrk below BOOT_BRK: -1"
	li	$a0, 0x7f000000
	jal	sbrk
	CHECK	$v0, -1, "sbrk into the stack: -1"
	move	$a0, $zero
	jal	sbrk
	CHECKR	$v0, $s7, "refusals leave the break"
	# malloc: aligned, separate.
	li	$a0, 10
	jal	malloc
	CHECKNE	$v0, 0, "malloc(10)"
	move	$s0, $v0
	andi	$t0, $s0, 7
	CHECK	$t0, 0, "8-byte aligned"
	li	$a0, 20
	jal	malloc
	move	$s1, $v0
	andi	$t0, $s1, 7
	CHECK	$t0, 0, "malloc(20): 8-byte aligned"
	subu	$t0, $s1, $s0
	sltiu	$t0, $t0, 16
	CHECK	$t0, 0, "the blocks do not overlap"
	li	$a0, 0
	jal	malloc
	CHECKNE	$v0, 0, "malloc(0) gives a block"
	move	$s2, $v0
	li	$t0, 0x11111111
	sw	$t0, 0($s0)
	sw	$t0, 4($s0)
	sh	$t0, 8($s0)
	li	$t0, 0x22222222
	sw	$t0, 0($s1)
	sw	$t0, 16($s1)
	lw	$t1, 4($s0)
	CHECK	$t1, 0x11111111, "contents kept"
	move	$a0, $s0
	jal	free
	li	$a0, 8
	jal	malloc
	CHECKR	$v0, $s0, "a freed block is reused (first fit)"
	lw	$t1, 16($s1)
	CHECK	$t1, 0x22222222, "the neighbour is untouched"
	move	$a0, $v0
	jal	free
	move	$a0, $s1
	jal	free
	move	$a0, $s2
	jal	free
	addiu	$a0, $sp, 16
	jal	mem_stats
	lw	$t0, 24($sp)
	CHECK	$t0, 1, "all freed: one free block (coalesced)"
	lw	$t0, 16($sp)
	lw	$t1, 20($sp)
	CHECKR	$t1, $t0, "all of the heap is free"
	# Double free and free(0) change nothing.
	move	$a0, $s1
	jal	free
	move	$a0, $zero
	jal	free
	addiu	$a0, $sp, 16
	jal	mem_stats
	lw	$t0, 24($sp)
	CHECK	$t0, 1, "a double free and free(0) are ignored"
	# A big block: the heap grows past several pages.
	li	$a0, BIG
	jal	malloc
	CHECKNE	$v0, 0, "malloc(20000)"
	move	$s3, $v0
	move	$t0, $zero
1:	sll	$t1, $t0, 2
	addu	$t1, $t1, $s3
	sw	$t0, 0($t1)
	addiu	$t0, $t0, 1
	li	$t2, BIG / 4
	bne	$t0, $t2, 1b
	move	$a0, $zero
	jal	sbrk
	subu	$v0, $v0, $s7
	CHECKGE	$v0, BIG + 8, "the break grew by the block at least"
	# Many small blocks, each holding its number.
	move	$s4, $zero
	la	$s5, ptrs
2:	li	$a0, 100
	jal	malloc
	beqz	$v0, 3f
	sll	$t0, $s4, 2
	addu	$t0, $t0, $s5
	sw	$v0, 0($t0)
	sw	$s4, 0($v0)
	sw	$s4, 96($v0)
	addiu	$s4, $s4, 1
	li	$t0, NSMALL
	bne	$s4, $t0, 2b
3:	CHECK	$s4, NSMALL, "200 blocks of 100 bytes"
	move	$t0, $zero				# the big block kept its words
	move	$t3, $zero
4:	sll	$t1, $t0, 2
	addu	$t1, $t1, $s3
	lw	$t1, 0($t1)
	beq	$t1, $t0, 5f
	addiu	$t3, $t3, 1
5:	addiu	$t0, $t0, 1
	li	$t2, BIG / 4
	bne	$t0, $t2, 4b
	CHECK	$t3, 0, "every word of the big block read back"
	move	$s4, $zero				# free the even ones
6:	sll	$t0, $s4, 2
	addu	$t0, $t0, $s5
	lw	$a0, 0($t0)
	jal	free
	addiu	$s4, $s4, 2
	li	$t0, NSMALL
	bne	$s4, $t0, 6b
	li	$s4, 1					# the odd ones still hold their numbers
	move	$s6, $zero
7:	sll	$t0, $s4, 2
	addu	$t0, $t0, $s5
	lw	$t0, 0($t0)
	lw	$t1, 0($t0)
	lw	$t2, 96($t0)
	bne	$t1, $s4, 8f
	beq	$t2, $s4, 9f
8:	addiu	$s6, $s6, 1
9:	addiu	$s4, $s4, 2
	li	$t0, NSMALL + 1
	bne	$s4, $t0, 7b
	CHECK	$s6, 0, "the blocks between the freed ones are intact"
	addiu	$a0, $sp, 16
	jal	mem_stats
	lw	$t0, 24($sp)
	CHECKGE	$t0, NSMALL / 2, "100 separate free holes (at least)"
	li	$a0, 40
	jal	malloc
	lw	$t0, ptrs
	CHECKR	$v0, $t0, "a small request takes the first hole"
	move	$a0, $v0
	jal	free
	move	$a0, $s3
	jal	free
	li	$s4, 1
10:	sll	$t0, $s4, 2
	addu	$t0, $t0, $s5
	lw	$a0, 0($t0)
	jal	free
	addiu	$s4, $s4, 2
	li	$t0, NSMALL + 1
	bne	$s4, $t0, 10b
	addiu	$a0, $sp, 16
	jal	mem_stats
	lw	$t0, 24($sp)
	CHECK	$t0, 1, "everything freed: one free block again"
	lw	$t0, 16($sp)
	lw	$t1, 20($sp)
	CHECKR	$t1, $t0, "the whole heap"
	li	$a0, 30000				# and it serves a block as big as the heap now
	jal	malloc
	CHECKNE	$v0, 0, "malloc(30000)"
	lw	$t0, 16($sp)
	move	$s0, $t0
	addiu	$a0, $sp, 16
	jal	mem_stats
	lw	$t0, 16($sp)
	subu	$t0, $t0, $s0
	CHECK	$t0, 0, "from the coalesced space, without growing"
	lw	$ra, 44($sp)
	addiu	$sp, $sp, 48
	PASS

	.bss
	.balign	4
ptrs:	.space	4 * NSMALL
