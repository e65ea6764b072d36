# page.s: page_alloc, page_dealloc and page_setcap (docs/exokernel.md §4.2, §7) with their
# refusals: zero capabilities, no such page, a kernel page, a page already owned, a free page,
# the wrong wcap; setcap breaks the bindings made with the old capabilities and only the new ones
# map the page; allocating every free page ends with ENOMEM and they can all be given back.
# run: --ram 2
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	R1, 0x11111111
	.equ	W1, 0x22222222
	.equ	R2, 0x33333333
	.equ	W2, 0x44444444
	.equ	PVA, 0x10000000
	.text
	.globl	main
main:
	PRINT	"page\n"
	SET_HANDLER EXC_TLBL, trap_handler
	SET_HANDLER EXC_TLBS, trap_handler
	TRAP_RESET
	li	$a0, -1
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc(-1) gives a page"
	move	$s0, $v0
	# page_alloc refusals
	li	$a0, -1
	li	$a1, 0
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EINVAL, "page_alloc: rcap 0"
	li	$a0, -1
	li	$a1, R1
	li	$a2, 0
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EINVAL, "page_alloc: wcap 0"
	move	$a0, $s0
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EBUSY, "page_alloc: a page already owned"
	li	$a0, 0
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EPERM, "page_alloc: page 0 (kernel)"
	li	$a0, (STLB - 0x80000000) >> PAGE_SHIFT
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EPERM, "page_alloc: an STLB page (kernel)"
	li	$a0, 0x100000
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EINVAL, "page_alloc: a page beyond RAM"
	li	$a0, -2
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EINVAL, "page_alloc: page -2"
	# a mapping with the first capabilities
	li	$a0, PVA
	sll	$a1, $s0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a2, W1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write with W1"
	li	$t0, PVA
	li	$t1, 0xabcd
	sw	$t1, 0($t0)
	# page_setcap refusals
	move	$a0, $s0
	li	$a1, R2
	li	$a2, W2
	li	$a3, R1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, ECAP, "page_setcap: the rcap is not the wcap"
	move	$a0, $s0
	li	$a1, 0
	li	$a2, W2
	li	$a3, W1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, EINVAL, "page_setcap: a zero rcap"
	move	$a0, $s0
	li	$a1, R2
	li	$a2, 0
	li	$a3, W1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, EINVAL, "page_setcap: a zero wcap"
	li	$a0, 0
	li	$a1, R2
	li	$a2, W2
	li	$a3, W1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, EPERM, "page_setcap: a kernel page"
	li	$a0, 0x100000
	li	$a1, R2
	li	$a2, W2
	li	$a3, W1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, EINVAL, "page_setcap: no such page"
	li	$t0, PVA
	lw	$t1, 0($t0)
	CHECK	$t1, 0xabcd, "refused setcaps left the mapping"
	# setcap: the old binding breaks, old capabilities are refused, the new ones work
	move	$a0, $s0
	li	$a1, R2
	li	$a2, W2
	li	$a3, W1
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, 0, "page_setcap with the right wcap"
	li	$t0, PVA
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 1, "setcap broke the binding made with W1"
	li	$a0, PVA
	sll	$a1, $s0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a2, W1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "tlb_write with the old W1"
	li	$a0, PVA
	sll	$a1, $s0, PAGE_SHIFT
	ori	$a1, $a1, ELO_V
	li	$a2, R1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "tlb_write with the old R1"
	li	$a0, PVA
	sll	$a1, $s0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a2, W2
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write with the new W2"
	li	$t0, PVA
	lw	$t1, 0($t0)
	CHECK	$t1, 0xabcd, "the page kept its bytes across setcap"
	# page_dealloc refusals, then the real one
	move	$a0, $s0
	li	$a1, W1
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, ECAP, "page_dealloc: the old wcap"
	move	$a0, $s0
	li	$a1, R2
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, ECAP, "page_dealloc: the rcap"
	li	$a0, 0
	li	$a1, W2
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, EPERM, "page_dealloc: a kernel page"
	li	$a0, 0x100000
	li	$a1, W2
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, EINVAL, "page_dealloc: no such page"
	move	$a0, $s0
	li	$a1, W2
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, 0, "page_dealloc"
	move	$a0, $s0
	li	$a1, W2
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, ENOENT, "page_dealloc: a free page"
	move	$a0, $s0
	li	$a1, R2
	li	$a2, W2
	li	$a3, W2
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, ENOENT, "page_setcap: a free page"
	lw	$t9, TRAP_COUNT($zero)
	li	$t0, PVA
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 2, "dealloc broke the W2 binding"
	# Exhaustion: take every free page, then give them all back.
	li	$s1, 0					# pages taken
	li	$s2, -1					# the lowest
	li	$s3, 0					# the highest
1:	li	$a0, -1
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 2f
	addiu	$s1, $s1, 1
	sltu	$t0, $v0, $s2
	beqz	$t0, 3f
	move	$s2, $v0
3:	sltu	$t0, $s3, $v0
	beqz	$t0, 1b
	move	$s3, $v0
	b	1b
2:	CHECK	$v0, ENOMEM, "page_alloc until ENOMEM"
	CHECKGE	$s1, 100, "more than a hundred pages were free"
	move	$s4, $s2
4:	move	$a0, $s4
	li	$a1, W1
	SYS	SYS_PAGE_DEALLOC
	addiu	$s4, $s4, 1
	sltu	$t0, $s3, $s4
	beqz	$t0, 4b
	li	$a0, -1
	li	$a1, R1
	li	$a2, W1
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 0, "page_alloc works again after giving them back"
	PASS
