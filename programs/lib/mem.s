# mem.s: the library OS's memory allocation (issue 6): the program break and a heap on it.
#
# Functions follow o32: arguments a0-a3, result v0; a*, t*, v* are clobbered; s0-s8, gp, sp
# are preserved.
#
#   sbrk(n)        -> v0 = the old break, or -1 (ENOMEM: past the stack, or no page left).
#                     The break starts at the boot page's BOOT_BRK (the first page after the
#                     image). Growing maps fresh zeroed pages of ours with vm_map_new (writable,
#                     in the VM page table, so the TLB-miss handler refills them); shrinking
#                     (n < 0, not below BOOT_BRK) keeps the pages mapped for the next growth.
#   malloc(n)      -> v0 = 8-byte aligned memory for n bytes (not zeroed), or 0 (none left).
#                     malloc(0) gives a distinct minimal block.
#   free(p)        p = a pointer malloc gave, or 0 (nothing). A pointer malloc did not give, or
#                     one freed already, is ignored (the block header's tag says so).
#   mem_stats(out) writes {heap bytes, free bytes, free blocks} at out (for tests).
#
# The heap: blocks laid end to end on memory from sbrk, each with an 8-byte header:
#   +0  size  the whole block in bytes (header included), a multiple of 8, at least 16
#   +4  tag   MEM_USED for an allocated block; for a free block, the next free block (0: last)
# The payload follows the header, so it is 8-byte aligned as every block is. Free blocks form a
# list sorted by address: malloc takes the first that fits (first fit) and splits off the rest
# when at least 16 bytes remain; free inserts the block in address order and merges it with
# the free block right after it and the one right before it when they touch (coalescing), so
# no two free blocks are ever adjacent. When nothing fits, malloc grows the heap with sbrk by
# at least MEM_CHUNK bytes (or the request), frees the new space into the list (merging with a
# free block at the old end) and searches again.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	MEM_USED, 0xa110c8ed		# the tag of an allocated block
	.equ	MEM_CHUNK, 4096			# the least the heap grows by
	.equ	MEM_HDR, 8

	.data
	.balign	4
mem_brk:	.word	0			# the break (0: not set up yet)
mem_top:	.word	0			# the end of the pages mapped for it
mem_heap:	.word	0			# bytes given to the heap by sbrk
mem_free:	.word	0			# the free list (address order)
	.text

# sbrk(a0 = n) -> v0 = the old break or -1.
	.globl	sbrk
sbrk:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	lw	$s0, mem_brk
	bnez	$s0, 1f
	lw	$s0, BOOT_VA+BOOT_BRK($zero)		# first use: the image's end
	sw	$s0, mem_brk
	sw	$s0, mem_top
1:	addu	$s1, $s0, $a0				# the new break
	bltz	$a0, 5f
	sltu	$t0, $s1, $s0
	bnez	$t0, 8f					# wrapped around
	lw	$t1, BOOT_VA+BOOT_STACK_LO($zero)
	sltu	$t0, $t1, $s1
	bnez	$t0, 8f					# into the stack
	lw	$s2, mem_top
2:	sltu	$t0, $s2, $s1
	beqz	$t0, 6f					# mapped far enough
	move	$a0, $s2
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, 8f					# (the pages mapped so far stay, for later)
	addiu	$s2, $s2, PAGE_SIZE
	sw	$s2, mem_top
	b	2b
5:	lw	$t1, BOOT_VA+BOOT_BRK($zero)		# shrinking: not below the image's end
	sltu	$t0, $s1, $t1
	bnez	$t0, 8f
6:	sw	$s1, mem_brk
	move	$v0, $s0
	b	9f
8:	li	$v0, -1
9:	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	lw	$s2, 24($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# malloc(a0 = n) -> v0 = the payload or 0.
	.globl	malloc
malloc:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	lui	$t0, 0x7fff
	sltu	$t0, $a0, $t0
	beqz	$t0, 8f					# absurd: no
	addiu	$s0, $a0, MEM_HDR + 7
	li	$t0, -8
	and	$s0, $s0, $t0				# the block size: header + n, rounded up to 8
	sltiu	$t0, $s0, 16
	beqz	$t0, 1f
	li	$s0, 16
1:	la	$t1, mem_free				# t1 = the link to the block (prev's tag, or the head)
	lw	$t2, mem_free				# t2 = the block
2:	beqz	$t2, 5f					# the end: grow the heap
	lw	$t3, 0($t2)				# its size
	sltu	$t0, $t3, $s0
	beqz	$t0, 3f					# it fits
	addiu	$t1, $t2, 4
	lw	$t2, 4($t2)
	b	2b
3:	subu	$t4, $t3, $s0				# what would remain
	sltiu	$t0, $t4, 16
	bnez	$t0, 4f					# too little to split off: take it whole
	addu	$t5, $t2, $s0				# the rest, a free block in its place
	sw	$t4, 0($t5)
	lw	$t6, 4($t2)
	sw	$t6, 4($t5)
	sw	$t5, 0($t1)
	sw	$s0, 0($t2)
	b	7f
4:	lw	$t6, 4($t2)				# unlink it
	sw	$t6, 0($t1)
7:	li	$t0, MEM_USED
	sw	$t0, 4($t2)
	addiu	$v0, $t2, MEM_HDR
	b	9f
5:	move	$s1, $s0				# grow by max(size, MEM_CHUNK)
	sltiu	$t0, $s1, MEM_CHUNK
	beqz	$t0, 6f
	li	$s1, MEM_CHUNK
6:	jal	mem_align_brk
	bltz	$v0, 8f
	move	$a0, $s1
	jal	sbrk
	bltz	$v0, 8f
	sw	$s1, 0($v0)				# the new space as one block, freed into the list
	lw	$t0, mem_heap
	addu	$t0, $t0, $s1
	sw	$t0, mem_heap
	move	$a0, $v0
	jal	mem_insert
	b	1b
8:	move	$v0, $zero
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# mem_align_brk() -> v0 = 0, or -1: the break 8-byte aligned (sbrk(n) of another caller may
# have left it unaligned: the gap is simply not used).
mem_align_brk:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	move	$a0, $zero
	jal	sbrk
	bltz	$v0, 9f
	subu	$a0, $zero, $v0
	andi	$a0, $a0, 7
	move	$v0, $zero
	beqz	$a0, 9f
	jal	sbrk
	sra	$v0, $v0, 31				# -1 stays, an address becomes 0
9:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# free(a0 = p).
	.globl	free
free:
	beqz	$a0, 9f
	andi	$t0, $a0, 7
	bnez	$t0, 9f					# not malloc's: ignored
	addiu	$a0, $a0, -MEM_HDR
	lw	$t0, 4($a0)
	li	$t1, MEM_USED
	bne	$t0, $t1, 9f				# not allocated: ignored (double free)
	b	mem_insert
9:	jr	$ra

# mem_insert(a0 = a block whose size word is set): into the free list in address order, merged
# with its neighbours when they touch. Clobbers t0-t5.
mem_insert:
	la	$t1, mem_free				# t1 = the link to update
	move	$t2, $zero				# t2 = the previous free block (0: none)
	lw	$t3, mem_free				# t3 = the next free block
1:	beqz	$t3, 2f
	sltu	$t0, $t3, $a0
	beqz	$t0, 2f					# the first one above the block
	move	$t2, $t3
	addiu	$t1, $t3, 4
	lw	$t3, 4($t3)
	b	1b
2:	lw	$t4, 0($a0)				# the block's size
	sw	$t3, 4($a0)
	addu	$t0, $a0, $t4
	bne	$t0, $t3, 3f				# touches the next one: merge it in
	lw	$t5, 0($t3)
	addu	$t4, $t4, $t5
	sw	$t4, 0($a0)
	lw	$t5, 4($t3)
	sw	$t5, 4($a0)
	sw	$zero, 4($t3)				# (its old header: no longer a tag)
3:	beqz	$t2, 4f
	lw	$t5, 0($t2)
	addu	$t0, $t2, $t5
	bne	$t0, $a0, 4f				# the previous one touches it: merge into that
	addu	$t5, $t5, $t4
	sw	$t5, 0($t2)
	lw	$t0, 4($a0)
	sw	$t0, 4($t2)
	sw	$zero, 4($a0)
	jr	$ra
4:	sw	$a0, 0($t1)
	jr	$ra

# mem_stats(a0 = out): out[0] = heap bytes (from sbrk), out[1] = free bytes, out[2] = free blocks.
	.globl	mem_stats
mem_stats:
	lw	$t0, mem_heap
	sw	$t0, 0($a0)
	move	$t1, $zero
	move	$t2, $zero
	lw	$t3, mem_free
1:	beqz	$t3, 2f
	lw	$t0, 0($t3)
	addiu	$t2, $t2, 1
	addu	$t1, $t1, $t0
	lw	$t3, 4($t3)
	b	1b
2:	sw	$t1, 4($a0)
	sw	$t2, 8($a0)
	jr	$ra
