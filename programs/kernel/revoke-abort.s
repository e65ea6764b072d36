# revoke-abort.s: the abort protocol (docs/exokernel.md §11, paper §3.4). Three uncooperative
# answers to a revocation of the program's own pages, each ending with the kernel taking the
# pages itself (the highest-numbered revocable ones: the last pages allocated here), recording
# them in the repossession vector and raising the repossession exception; the program keeps
# running after each, with every register as it was before the request:
#  1. the upcall handler loops: at the deadline (the paper's 1250 cycles, page_revoke's default)
#     the handler is abandoned (RV_HOW_DEADLINE). The page taken was mapped and written: its
#     TLB and STLB entries are gone (the next access misses) and its capability no longer maps
#     it (the page is free);
#  2. the handler ignores the request and says done at once (RV_HOW_SHORT);
#  3. no upcall handler at all (RV_HOW_NOHANDLER);
#  4. the handler gives the processor away (yield(-1)) before done (RV_HOW_LEFT): abandoned.
# run: --ram 2
# expect: revoke-abort
# expect: kept running after the deadline
# expect: kept running after a short done
# expect: kept running without an upcall handler
# expect: kept running after its handler yielded
# expect-stderr: repossessed (abort protocol)
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	AREA_OFF, 0x800
	.equ	AREA, EXO_SCRATCH + AREA_OFF
	.equ	PAGES, TEST_VARS + 0x00			# 4 page numbers
	.equ	UP_N, TEST_VARS + 0x10			# upcalls taken
	.equ	X_N, TEST_VARS + 0x14			# repossession exceptions taken
	.equ	X_A0, TEST_VARS + 0x18			# what the last one was given
	.equ	X_A1, TEST_VARS + 0x1c
	.equ	X_PC, TEST_VARS + 0x20			# the PC it returned to
	.equ	X_V0, TEST_VARS + 0x24			# the area's first entries
	.equ	X_V1, TEST_VARS + 0x28
	.equ	RCAP, 0x7e7e0000
	.equ	WCAP, 0x3c3c0000
	.equ	SEED, 0x6b6b0000
	.equ	SEED2, 0x6b946bff
	.equ	VA, 0x10000000				# the last page, mapped here
	.text
	.globl	main
main:
	PRINT	"revoke-abort\n"
	sw	$zero, UP_N($zero)
	sw	$zero, X_N($zero)
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, AREA_OFF
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: the area"
	li	$a0, RV_OP_UPCALL
	la	$a1, upcall_loop
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: an upcall handler that loops"
	li	$a0, RV_OP_REPOSSESS
	la	$a1, repossessed
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: the repossession handler"
	li	$s0, 0
1:	li	$a0, -1
	li	$a1, RCAP
	addu	$a1, $a1, $s0
	li	$a2, WCAP
	addu	$a2, $a2, $s0
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, alloc_failed
	sll	$t0, $s0, 2
	sw	$v0, PAGES($t0)
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 4
	bnez	$t0, 1b
	nop
	lw	$s1, PAGES + 12($zero)			# the last page: mapped, written
	li	$a0, VA
	ENTRYLO_OF $a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP + 3
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write of the last page"
	li	$t0, 0x600dda7a
	li	$t1, VA
	sw	$t0, 0($t1)
	# 1. The handler loops: the deadline.
	FILL_REGS SEED
	li	$a0, 0
	li	$a1, 0
	li	$a2, 2
	li	$a3, 0					# the default deadline: 1250 cycles
	SYS	SYS_PAGE_REVOKE
after1:
	STORE_REGS REGS_AREA
	PRINT	"kept running after the deadline\n"
	CHECK_REGS REGS_AREA, SEED, (1 << 2) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7), "registers are those before the request"
	CHECKMEM REGS_AREA + 4 * 2, 2, "page_revoke: v0 = the pages asked"
	CHECKMEM REGS_AREA + 4 * 6, 2, "a2 as it was"
	CHECKMEM UP_N, 1, "the upcall was made"
	CHECKMEM X_N, 1, "one repossession exception"
	CHECKMEM X_A0, 2, "exception: a0 = pages in the vector"
	CHECKMEM X_A1, RV_HOW_DEADLINE, "exception: a1 = RV_HOW_DEADLINE"
	CHECKMEM X_PC, after1, "exception: it resumed where the upcall had interrupted it"
	CHECKMEM AREA + RV_A_COUNT, 2, "area: the vector's count"
	lw	$s0, PAGES + 12($zero)
	lw	$s1, X_V0($zero)
	CHECKR	$s1, $s0, "vector[0]: the highest page (the last allocated)"
	lw	$s0, PAGES + 8($zero)
	lw	$s1, X_V1($zero)
	CHECKR	$s1, $s0, "vector[1]: the next one"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_VEC + 1
	SYS	SYS_REVOKE_CTL
	CHECKR	$v0, $s0, "info: the kernel's copy of the vector"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REPOSSESSED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 2, "info: pages repossessed"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_ACTIVE
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "the dialogue is over"
	# The binding of the mapped page is broken: the next access misses (to our handler).
	SET_HANDLER EXC_TLBL, trap_handler
	TRAP_RESET
	li	$t0, VA
	sw	$t0, TRAP_PAGE($zero)
	RESUME_AT 2f
	li	$t1, VA
load_va:
	lw	$t0, 0($t1)
	nop
2:	CHECKTRAP EXC_TLBL, load_va, "the repossessed page's mapping is gone"
	li	$a0, VA
	lw	$s1, PAGES + 12($zero)
	ENTRYLO_OF $a1, $s1, ELO_D | ELO_V
	li	$a2, WCAP + 3
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ENOENT, "its capability maps nothing: the page is free"
	jal	vm_init_handlers
	nop
	lw	$s0, PAGES + 8($zero)
	move	$a0, $s0
	li	$a1, 0x11
	li	$a2, 0x22
	SYS	SYS_PAGE_ALLOC
	CHECKR	$v0, $s0, "the other repossessed page is free"
	move	$a0, $s0
	li	$a1, 0x22
	SYS	SYS_PAGE_DEALLOC
	lw	$a0, PAGES + 4($zero)
	li	$a1, 0x11
	li	$a2, 0x22
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EBUSY, "the pages not asked for are still ours"
	# 2. The handler says done at once, returning nothing.
	li	$a0, RV_OP_UPCALL
	la	$a1, upcall_done
	SYS	SYS_REVOKE_CTL
	FILL_REGS SEED2
	li	$a0, 0
	li	$a1, 0
	li	$a2, 1
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
after2:
	STORE_REGS REGS_AREA
	PRINT	"kept running after a short done\n"
	CHECK_REGS REGS_AREA, SEED2, (1 << 2) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7), "registers are those before the request"
	CHECKMEM UP_N, 2, "the upcall was made"
	CHECKMEM X_N, 2, "a second repossession exception"
	CHECKMEM X_A0, 1, "exception: one page"
	CHECKMEM X_A1, RV_HOW_SHORT, "exception: a1 = RV_HOW_SHORT"
	CHECKMEM X_PC, after2, "exception: it resumed after the request"
	lw	$s0, PAGES + 4($zero)
	lw	$s1, X_V0($zero)
	CHECKR	$s1, $s0, "vector[0]: the highest page left"
	# 3. No upcall handler: the kernel takes the page at once.
	li	$a0, RV_OP_UPCALL
	li	$a1, 0
	SYS	SYS_REVOKE_CTL
	li	$a0, 0
	li	$a1, 0
	li	$a2, 1
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
after3:
	move	$s2, $v0
	PRINT	"kept running without an upcall handler\n"
	CHECK	$s2, 1, "page_revoke: one page asked"
	CHECKMEM UP_N, 2, "no upcall"
	CHECKMEM X_N, 3, "a third repossession exception"
	CHECKMEM X_A1, RV_HOW_NOHANDLER, "exception: a1 = RV_HOW_NOHANDLER"
	CHECKMEM X_PC, after3, "exception: it resumed after the request"
	lw	$s0, PAGES + 0($zero)
	lw	$s1, X_V0($zero)
	CHECKR	$s1, $s0, "vector[0]: the first page"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_EXCEPTIONS
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 3, "info: exceptions"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REPOSSESSED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 4, "info: pages repossessed"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_UPCALLS
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 2, "info: upcalls"
	# 4. The handler yields to the next slice before done: it left the dialogue.
	li	$a0, -1					# one more page to lose
	li	$a1, RCAP
	li	$a2, WCAP
	SYS	SYS_PAGE_ALLOC
	move	$s4, $v0
	CHECKGE	$s4, 1, "a page to lose"
	sw	$s4, PAGES + 0($zero)
	li	$a0, RV_OP_UPCALL
	la	$a1, upcall_yield
	SYS	SYS_REVOKE_CTL
	FILL_REGS SEED
	li	$a0, 0
	li	$a1, 0
	li	$a2, 1
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
after4:
	STORE_REGS REGS_AREA
	PRINT	"kept running after its handler yielded\n"
	CHECK_REGS REGS_AREA, SEED, (1 << 2) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7), "registers are those before the request"
	CHECKMEM UP_N, 3, "the upcall was made"
	CHECKMEM X_N, 4, "a fourth repossession exception"
	CHECKMEM X_A1, RV_HOW_LEFT, "exception: a1 = RV_HOW_LEFT"
	CHECKMEM X_PC, after4, "exception: it resumed after the request"
	lw	$s1, X_V0($zero)
	lw	$s4, PAGES + 0($zero)
	CHECKR	$s1, $s4, "vector[0]: the page just allocated"
	PASS

alloc_failed:
	FAIL	"page_alloc"

# vm.s's TLBL handler back (trap_handler passes other pages on to crt0 anyway).
vm_init_handlers:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	la	$a0, exo_tlbmiss
	jal	exo_pinned_va
	nop
	move	$a2, $v0
	li	$a0, 0
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYS	SYS_ENV_SET
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra
	nop

# An upcall handler that never answers.
upcall_loop:
	lw	$a0, UP_N($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, UP_N($zero)
1:	b	1b
	nop

# One that ignores the request: done at once.
upcall_done:
	lw	$a0, UP_N($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, UP_N($zero)
	li	$a0, RV_OP_DONE
	SYS	SYS_REVOKE_CTL
	FAIL	"done returned"

# One that gives the processor away before answering.
upcall_yield:
	lw	$a0, UP_N($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, UP_N($zero)
	li	$a0, -1
	SYS	SYS_YIELD
	FAIL	"the abandoned handler ran again"

# The repossession exception: a0 = pages in the vector, a1 = how; the interrupted a0, a1 and PC
# are in the area. Uses only a0 and a1, which it restores: every register comes back.
repossessed:
	.set	noreorder
	sw	$a0, X_A0($zero)
	sw	$a1, X_A1($zero)
	lw	$a0, X_N($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, X_N($zero)
	lw	$a0, AREA + RV_A_VEC + 0($zero)
	lw	$a1, AREA + RV_A_VEC + 4($zero)
	sw	$a0, X_V0($zero)
	sw	$a1, X_V1($zero)
	lw	$a0, AREA + RV_A_X_PC($zero)
	nop
	sw	$a0, X_PC($zero)
	lw	$a1, AREA + RV_A_X_A1($zero)
	nop
	jr	$a0
	lw	$a0, AREA + RV_A_X_A0($zero)
	.set	reorder
