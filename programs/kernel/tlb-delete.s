# tlb-delete.s: tlb_delete (TLBvadelete) removes the current ASID's mapping of a VA from both
# the TLB and the STLB: the next access is an upcall to the TLB-miss handler (crt0 counts them in
# EXO_S_NMISS), which rebinds the page from the boot map. A data page, the stack page and the
# very text page being executed all come back; a guaranteed mapping is refilled by the kernel
# without an upcall; unaligned and kernel VAs are refused; an unmapped VA is a no-op.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.data
	.balign	4096
dword:	.word	0xcafe0001
	.balign	4096
	.text
	.globl	main
main:
	PRINT	"tlb-delete\n"
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	la	$a0, dword
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete of a data page"
	lw	$t0, dword
	CHECK	$t0, 0xcafe0001, "the data page reads back after the miss"
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 1, "exactly one upcall to the miss handler"
	la	$t2, dword
	CHECKMEM EXO_SCRATCH + EXO_S_BADVA, dword, "its BadVAddr"
	# A store miss (TLBS).
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	la	$a0, dword
	SYS	SYS_TLB_DELETE
	li	$t0, 0xcafe0002
	sw	$t0, dword
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 1, "a store miss is an upcall too"
	lw	$t0, dword
	CHECK	$t0, 0xcafe0002, "and the store happened"
	# The stack page.
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	li	$t0, 0x5151
	sw	$t0, -4($sp)
	move	$a0, $sp
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete of the stack page"
	lw	$t1, -4($sp)
	CHECK	$t1, 0x5151, "the stack reads back"
	# The text page this code runs on: the next fetch misses.
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	la	$a0, here
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
	.balign	64				# (nops) so the instructions after the syscall are on here's page
here:	SYS	SYS_TLB_DELETE
	move	$s1, $v0
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s0
	CHECK	$s1, 0, "tlb_delete of the running text page"
	CHECKGE	$t1, 1, "the fetch after it was an upcall"
	# A guaranteed mapping: the kernel refills it itself.
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	li	$t0, 0x6262
	sw	$t0, TEST_VARS($zero)
	li	$a0, EXO_SCRATCH
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete of a guaranteed mapping"
	lw	$t1, TEST_VARS($zero)
	CHECK	$t1, 0x6262, "the pinned page is still there"
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 0, "served by the kernel: no upcall"
	# A mapping of our own made with tlb_write is gone for good (not in the boot map).
	li	$a0, -1
	li	$a1, 0x0badcafe
	li	$a2, 0x0badcafe
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 0, "page_alloc"
	sll	$a1, $v0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a0, 0x30000000
	li	$a2, 0x0badcafe
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write a new page"
	li	$t0, 0x30000000
	lw	$t1, 0($t0)
	li	$a0, 0x30000000
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete it"
	SET_HANDLER EXC_TLBL, trap_handler
	TRAP_RESET
	li	$t0, 0x30000000
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0($t0)
	CHECKMEM TRAP_COUNT, 1, "its next access faults (removed from TLB and STLB)"
	CHECKMEM TRAP_BADVA, 0x30000000, "at that address"
	SET_HANDLER EXC_TLBL, EXO_TLBMISS_VA
	CHECK	$v0, 0, "crt0's handler back"
	# Refusals and no-ops.
	li	$a0, 0x30000000
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete of an unmapped VA: 0"
	la	$a0, dword + 4
	SYS	SYS_TLB_DELETE
	CHECK	$v0, EINVAL, "an unaligned VA"
	li	$a0, 0x80000000
	SYS	SYS_TLB_DELETE
	CHECK	$v0, EINVAL, "a kseg0 VA"
	li	$a0, 0xfffff000
	SYS	SYS_TLB_DELETE
	CHECK	$v0, EINVAL, "a kseg2 VA"
	PASS
