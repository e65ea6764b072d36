# tlb-write.s: tlb_write (TLBwr, docs/exokernel.md §7, paper §5.4) installs a mapping only when
# the capability grants it: wcap maps writable or read-only, rcap read-only; forged, stale and
# zero capabilities, unaligned and kernel addresses, the G bit, out-of-range and kernel pages,
# a free page and a pinned VA guaranteed to another page are refused. Deallocation breaks the
# binding (the next access faults), and a reallocated page is zeroed and has new capabilities.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	RCAP, 0x1234abcd
	.equ	WCAP, 0x7e57c0de
	.equ	TVA, 0x10000000
	.equ	TVA2, 0x10001000
	.equ	TVA3, 0x10002000
	.text
	.globl	main
main:
	PRINT	"tlb-write\n"
	SET_HANDLER EXC_TLBL, trap_handler
	SET_HANDLER EXC_TLBS, trap_handler
	TRAP_RESET
	li	$a0, -1
	li	$a1, RCAP
	li	$a2, WCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 0, "page_alloc"
	move	$s0, $v0				# page number
	sll	$s1, $s0, PAGE_SHIFT			# its PFN field
	li	$a0, TVA
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write writable with the wcap"
	li	$t0, TVA
	lw	$t1, 8($t0)
	CHECK	$t1, 0, "a new page reads as zeros"
	li	$t1, 0x12345678
	sw	$t1, 0($t0)
	lw	$t2, 0($t0)
	CHECK	$t2, 0x12345678, "store and load through the new mapping"
	li	$a0, TVA2
	ori	$a1, $s1, ELO_V
	li	$a2, RCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write read-only with the rcap"
	li	$t0, TVA2
	lw	$t2, 0($t0)
	CHECK	$t2, 0x12345678, "the same page through the second mapping"
	li	$a0, TVA3
	ori	$a1, $s1, ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write read-only with the wcap"
	CHECKMEM TRAP_COUNT, 0, "no fault so far"

	# Refusals.
	li	$a0, TVA2
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, RCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "the rcap cannot map writable"
	li	$a0, TVA3
	ori	$a1, $s1, ELO_V
	li	$a2, 0xdeadbeef
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "a forged capability"
	li	$a0, TVA3
	ori	$a1, $s1, ELO_V
	li	$a2, 0
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "capability 0"
	li	$a0, TVA3 + 4
	ori	$a1, $s1, ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EINVAL, "an unaligned VA"
	li	$a0, 0x80000000
	ori	$a1, $s1, ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EINVAL, "a kseg0 VA"
	li	$a0, 0xc0000000
	ori	$a1, $s1, ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EINVAL, "a kseg2 VA"
	li	$a0, TVA3
	ori	$a1, $s1, ELO_V | ELO_G
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EINVAL, "the G bit"
	li	$a0, TVA3
	li	$a1, 0xfffff000 | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EINVAL, "a PFN beyond RAM"
	li	$a0, TVA3
	li	$a1, 0 | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EPERM, "page 0 (the kernel's vectors)"
	li	$a0, TVA3
	li	$a1, (STLB - 0x80000000) | ELO_D | ELO_V
	li	$a2, 0
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EPERM, "a page of the STLB (kernel)"
	li	$a0, EXO_SCRATCH
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, EBUSY, "a pinned VA guaranteed to another page"
	# A page nobody owns: find one by allocating and freeing.
	li	$a0, -1
	li	$a1, RCAP
	li	$a2, WCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 0, "page_alloc a second page"
	move	$s2, $v0
	move	$a0, $s2
	li	$a1, WCAP
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, 0, "page_dealloc the second page"
	li	$a0, TVA3
	sll	$a1, $s2, PAGE_SHIFT
	ori	$a1, $a1, ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ENOENT, "a free page (stale capability)"

	# Deallocation breaks the bindings made with the capabilities.
	move	$a0, $s0
	li	$a1, WCAP
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, 0, "page_dealloc the mapped page"
	li	$t0, TVA
	sw	$t0, TRAP_PAGE($zero)
	li	$t1, 0x55
	lw	$t1, 0($t0)				# faults: resumes after it, t1 unchanged
	CHECK	$t1, 0x55, "the load through a broken binding did not complete"
	CHECKMEM TRAP_COUNT, 1, "dealloc removed the writable mapping (TLBL at user level)"
	CHECKMEM TRAP_BADVA, TVA, "BadVAddr of that fault"
	li	$t0, TVA2
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 2, "dealloc removed the read-only mapping too"
	li	$a0, TVA
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ENOENT, "the old wcap after dealloc"
	# The same page again, with new capabilities: the old ones stay refused, its bytes are new.
	move	$a0, $s0
	li	$a1, RCAP + 1
	li	$a2, WCAP + 1
	SYS	SYS_PAGE_ALLOC
	CHECKR	$v0, $s0, "page_alloc of that page number"
	li	$a0, TVA
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "the old wcap after reallocation"
	li	$a0, TVA
	ori	$a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP + 1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "the new wcap"
	li	$t0, TVA
	lw	$t1, 0($t0)
	CHECK	$t1, 0, "the reallocated page was zeroed"
	PASS
