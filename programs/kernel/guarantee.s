# guarantee.s: guaranteed mappings (docs/exokernel.md §5, SYS_GUARANTEE): a page mapped in a
# slot below PINNED_LIMIT is refilled by the kernel itself on every miss (no upcall, even after
# tlb_delete); EntryLo 0 clears the slot; refusals: slot out of range, a VA at or above
# PINNED_LIMIT, page 0, unaligned, the G bit, a forged or read-only capability for D = 1, a
# kernel page, a VA another slot maps; dealloc breaks a guaranteed binding.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	GCAP, 0x600dcafe
	.equ	GRCAP, 0x600dbeef
	.equ	GVA, 0x00100000
	.text
	.globl	main
main:
	PRINT	"guarantee\n"
	li	$a0, -1
	li	$a1, GRCAP
	li	$a2, GCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc"
	sll	$s0, $v0, PAGE_SHIFT
	ori	$s0, $s0, ELO_D | ELO_V			# its EntryLo
	move	$s5, $v0
	li	$a0, EXO_FREE_SLOT
	li	$a1, GVA
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "guarantee slot 3 at 0x00100000"
	lw	$s1, EXO_SCRATCH + EXO_S_NMISS($zero)
	li	$t0, 0x9a9a
	sw	$t0, GVA + 16($zero)
	li	$a0, GVA
	SYS	SYS_TLB_DELETE
	lw	$t1, GVA + 16($zero)
	CHECK	$t1, 0x9a9a, "the guaranteed page reads back after tlb_delete"
	lw	$t2, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t2, $t2, $s1
	CHECK	$t2, 0, "refilled by the kernel, no upcall"
	# refusals
	li	$a0, NGUAR
	li	$a1, GVA + 0x1000
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "slot NGUAR (out of range)"
	li	$a0, -1
	li	$a1, GVA + 0x1000
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ENOENT, "a0 = -1: environment 0xffffff (id << 8 | slot) does not exist"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, PINNED_LIMIT
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "a VA at PINNED_LIMIT"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, 0x80001000
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "a kseg0 VA"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, 0
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "page 0 (null pointers keep faulting)"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1004
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "an unaligned VA"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	ori	$a2, $s0, ELO_G
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EINVAL, "the G bit"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	move	$a2, $s0
	li	$a3, 0x12345
	SYS	SYS_GUARANTEE
	CHECK	$v0, ECAP, "a forged capability"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	move	$a2, $s0
	li	$a3, GRCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ECAP, "the rcap for a writable mapping"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	li	$a2, ELO_D | ELO_V			# page 0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EPERM, "a kernel page"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA
	move	$a2, $s0
	li	$a3, GCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EBUSY, "a VA slot 3 already maps"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	xori	$a2, $s0, ELO_D
	li	$a3, GRCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "a read-only guaranteed alias with the rcap"
	lw	$t1, GVA + 0x1000 + 16($zero)
	CHECK	$t1, 0x9a9a, "the alias shows the same page"
	# clearing a slot: the VA is no longer served
	SET_HANDLER EXC_TLBL, trap_handler
	TRAP_RESET
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, GVA + 0x1000
	li	$a2, 0
	li	$a3, 0
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "EntryLo 0 clears slot 4"
	li	$t0, GVA + 0x1000
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 1, "the cleared VA misses to user level"
	# dealloc breaks the guaranteed binding
	move	$a0, $s5
	li	$a1, GCAP
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, 0, "page_dealloc of the guaranteed page"
	li	$t0, GVA
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 2, "its guaranteed mapping is gone"
	PASS
