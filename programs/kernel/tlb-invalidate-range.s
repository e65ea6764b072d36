# tlb-invalidate-range.s: tlb_invalidate_range (docs/exokernel.md §7): one call turns the current
# ASID's mappings of npages consecutive pages into negative entries (TLB and STLB, EntryLo 0);
# the next access to each, load or store, is an upcall (crt0's handler maps it back from the page
# table), and the data is still there. Refusals: an unaligned va, a pinned va, too many pages, a
# range that leaves kuseg. test/firmware/kmem.test.ts looks at the entries themselves.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.equ	N, 6
	.bss
	.balign	4096
pages:	.space	N * 4096
	.text
	.globl	main
main:
	PRINT	"tlb-invalidate-range\n"
	la	$s0, pages
	li	$s1, 0
1:	sll	$t0, $s1, PAGE_SHIFT			# touch every page: all mapped now
	addu	$t0, $t0, $s0
	addiu	$t1, $s1, 0x5500
	sw	$t1, 0($t0)
	addiu	$s1, $s1, 1
	bne	$s1, N, 1b
	lw	$s4, EXO_SCRATCH + EXO_S_NMISS($zero)	# upcalls so far
	move	$a0, $s0
	li	$a1, N
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, 0, "tlb_invalidate_range of the six pages"
	li	$s1, 0
	li	$s3, 0					# wrong words
2:	sll	$t0, $s1, PAGE_SHIFT
	addu	$t0, $t0, $s0
	andi	$t3, $s1, 1
	addiu	$t2, $s1, 0x5500
	beqz	$t3, 4f					# even pages: a load first; odd: a store
	sw	$t2, 4($t0)
4:	lw	$t1, 0($t0)
	nop
	beq	$t1, $t2, 3f
	nop
	addiu	$s3, $s3, 1
3:	addiu	$s1, $s1, 1
	bne	$s1, N, 2b
	nop
	CHECK	$s3, 0, "every page came back with its data"
	lw	$t0, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$s4, $t0, $s4
	CHECK	$s4, N, "one upcall per page invalidated"
	addiu	$a0, $s0, 4
	li	$a1, 1
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, EINVAL, "an unaligned va"
	li	$a0, EXO_SCRATCH
	li	$a1, 1
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, EINVAL, "a pinned va (a guaranteed mapping)"
	move	$a0, $s0
	li	$a1, 1025
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, EINVAL, "1025 pages"
	li	$a0, 0x7ffff000
	li	$a1, 2
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, EINVAL, "a range that leaves kuseg"
	li	$a0, 0x80000000
	li	$a1, 1
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, EINVAL, "a kernel address"
	move	$a0, $s0
	move	$a1, $zero
	SYS	SYS_TLB_INVALIDATE_RANGE
	CHECK	$v0, 0, "zero pages: nothing to do"
	PASS
