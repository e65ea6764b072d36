# revoke-coop.s: visible revocation of pages, the cooperative case (docs/exokernel.md §11, paper
# §3.4). The program registers a revocation area (in its scratch page), an upcall handler and a
# repossession handler, allocates four pages, and asks the kernel to revoke three of its own
# pages (page_revoke(0, ...): itself, so the dialogue runs inside one program). The upcall comes
# at once with a0 = 3 and a1 = the deadline; the handler checks what the kernel wrote in the
# area, the refusals of RV_OP_RETURN (a never-repossessed page, a wrong capability, a page
# returned twice), returns three pages of its choice and says done. It comes back after its
# page_revoke with v0 = 3 and every register as before; the three pages are free, the fourth is
# still its own, no repossession exception came; the kernel reports the return. Then every
# refusal of page_revoke and revoke_ctl outside a dialogue.
# run: --ram 2
# expect: revoke-coop
# expect: upcall
# expect: after the dialogue
# expect-stderr: in time
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	AREA_OFF, 0x800				# the area: in the scratch page (pinned, ours)
	.equ	AREA, EXO_SCRATCH + AREA_OFF
	.equ	PAGES, TEST_VARS + 0x00			# 4 page numbers
	.equ	UP_N, TEST_VARS + 0x10			# upcalls taken
	.equ	X_N, TEST_VARS + 0x14			# repossession exceptions taken
	.equ	REVC, TEST_VARS + 0x18			# revocable pages with the four
	.equ	RCAP, 0x7e7e0000
	.equ	WCAP, 0x3c3c0000
	.equ	SEED, 0x5a5a0000
	.text
	.globl	main
main:
	PRINT	"revoke-coop\n"
	sw	$zero, UP_N($zero)
	sw	$zero, X_N($zero)
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, AREA_OFF
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: the area"
	li	$a0, RV_OP_UPCALL
	la	$a1, upcall
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: the upcall handler"
	li	$a0, RV_OP_REPOSSESS
	la	$a1, repossessed
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "revoke_ctl: the repossession handler"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REVOCABLE
	SYS	SYS_REVOKE_CTL
	move	$s4, $v0
	CHECKGE	$s4, 4, "revocable pages (the image's and the stack's)"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_RESERVE
	SYS	SYS_REVOKE_CTL
	move	$s5, $v0
	CHECKGE	$s5, 5, "never-repossessed pages: boot, scratch, handler text, VM page, table"
	li	$s0, 0					# four pages, caps RCAP + i, WCAP + i
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
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REVOCABLE
	SYS	SYS_REVOKE_CTL
	addiu	$s4, $s4, 4
	CHECKR	$v0, $s4, "four more revocable pages"
	sw	$s4, REVC($zero)
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_ACTIVE
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "not in a dialogue"
	# The request: every register but the arguments (and v0) must come back as it was.
	FILL_REGS SEED
	li	$a0, 0
	li	$a1, 0
	li	$a2, 3
	li	$a3, 200000
	SYS	SYS_PAGE_REVOKE
after_revoke:
	STORE_REGS REGS_AREA
	PRINT	"after the dialogue\n"
	CHECK_REGS REGS_AREA, SEED, (1 << 2) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7), "registers survive the dialogue"
	CHECKMEM REGS_AREA + 4 * 2, 3, "page_revoke: v0 = the pages asked"
	CHECKMEM REGS_AREA + 4 * 4, 0, "a0 back as it was (the area kept it)"
	CHECKMEM REGS_AREA + 4 * 6, 3, "a2 back as it was"
	CHECKMEM REGS_AREA + 4 * 7, 200000, "a3 back as it was"
	CHECKMEM UP_N, 1, "one upcall"
	CHECKMEM X_N, 0, "no repossession exception"
	# The three returned pages are free: each can be allocated by its number again.
	li	$s0, 0
2:	sll	$t0, $s0, 2
	lw	$s1, PAGES($t0)
	move	$a0, $s1
	li	$a1, 0x11
	li	$a2, 0x22
	SYS	SYS_PAGE_ALLOC
	CHECKR	$v0, $s1, "a returned page is free (allocated again by number)"
	move	$a0, $s1
	li	$a1, 0x22
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, 0, "and given back"
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 3
	bnez	$t0, 2b
	nop
	lw	$a0, PAGES + 12($zero)
	li	$a1, 0x11
	li	$a2, 0x22
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EBUSY, "the fourth page is still ours"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_RETURNED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 3, "info: pages returned"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REPOSSESSED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "info: pages repossessed"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_UPCALLS
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 1, "info: upcalls"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_EXCEPTIONS
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "info: exceptions"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_NVEC
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "info: the repossession vector is empty"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REVOCABLE
	SYS	SYS_REVOKE_CTL
	lw	$s4, REVC($zero)
	nop
	addiu	$s4, $s4, -3
	CHECKR	$v0, $s4, "three revocable pages fewer"
	# Refusals outside a dialogue.
	li	$a0, RV_OP_RETURN
	lw	$a1, PAGES + 12($zero)
	li	$a2, WCAP + 3
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "return: not in a dialogue"
	li	$a0, RV_OP_DONE
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "done: not in a dialogue"
	li	$a0, 6
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "revoke_ctl: no such operation"
	li	$a0, -1
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "revoke_ctl: operation -1"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_NVEC + 1
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "info: no such item"
	li	$a0, RV_OP_UPCALL
	li	$a1, 0x80001000
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "upcall handler: a kernel address"
	li	$a0, RV_OP_REPOSSESS
	li	$a1, 0x00400002
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "repossession handler: not word aligned"
	li	$a0, RV_OP_AREA
	li	$a1, 0x1000
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "area: a kernel page"
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, 0xf80
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "area: crosses the end of its page"
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, AREA_OFF + 2
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "area: not word aligned"
	lw	$a1, PAGES + 0($zero)			# free now
	sll	$a1, $a1, PAGE_SHIFT
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "area: a free page"
	li	$a0, 0
	li	$a1, 0
	li	$a2, 0
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, EINVAL, "page_revoke: no pages"
	li	$a2, RV_MAX_PAGES + 1
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, EINVAL, "page_revoke: more than RV_MAX_PAGES"
	li	$a2, 1
	li	$a3, RV_DEADLINE_MIN - 1
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, EINVAL, "page_revoke: a deadline too short"
	li	$a3, RV_DEADLINE_MAX + 1
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, EINVAL, "page_revoke: a deadline too long"
	PEER_ID	$a0, 9					# nobody has index 9
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, ENOENT, "page_revoke: no such environment"
	lw	$a0, BOOT_VA + BOOT_ENVID($zero)
	lw	$a1, BOOT_VA + BOOT_ENVCAP($zero)
	addiu	$a1, $a1, 1
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, ECAP, "page_revoke: the wrong environment capability"
	PASS

alloc_failed:
	FAIL	"page_alloc"

# The upcall: a0 = pages asked, a1 = the deadline; the interrupted a0, a1, PC in the area. It
# may change any register: done puts every one back.
upcall:
	move	$s0, $a0
	move	$s1, $a1
	PRINT	"upcall\n"
	lw	$t0, UP_N($zero)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, UP_N($zero)
	CHECK	$s0, 3, "upcall: a0 = pages asked"
	CHECK	$s1, 200000, "upcall: a1 = the deadline"
	lw	$s2, AREA + RV_A_PC($zero)
	CHECK	$s2, after_revoke, "upcall: the area holds the interrupted PC"
	lw	$s2, AREA + RV_A_A1($zero)
	CHECK	$s2, 0, "upcall: the area holds the interrupted a1"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_ACTIVE
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 1, "upcall: in a dialogue"
	li	$a0, 0
	li	$a1, 0
	li	$a2, 1
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, EBUSY, "upcall: a second request while one runs"
	li	$a0, RV_OP_RETURN			# the scratch page: guaranteed, and holds the area
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	lw	$a2, EXO_SCRATCH + EXO_S_CAP($zero)
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EPERM, "return: a never-repossessed page"
	li	$a0, RV_OP_RETURN
	lw	$a1, PAGES + 0($zero)
	li	$a2, WCAP + 1				# the second page's
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, ECAP, "return: the wrong wcap"
	li	$a0, RV_OP_RETURN
	li	$a1, 0
	li	$a2, WCAP
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EINVAL, "return: a kernel page"
	li	$s0, 0					# pages 0, 1, 2: returned
3:	li	$a0, RV_OP_RETURN
	sll	$t0, $s0, 2
	lw	$a1, PAGES($t0)
	li	$a2, WCAP
	addu	$a2, $a2, $s0
	SYS	SYS_REVOKE_CTL
	addiu	$s0, $s0, 1
	CHECKR	$v0, $s0, "return: a page (v0 = pages returned so far)"
	sltiu	$t0, $s0, 3
	bnez	$t0, 3b
	nop
	li	$a0, RV_OP_RETURN
	lw	$a1, PAGES + 4($zero)
	li	$a2, WCAP + 1
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, EBUSY, "return: a page returned already"
	li	$a0, RV_OP_DONE
	SYS	SYS_REVOKE_CTL
	FAIL	"done returned"

repossessed:
	FAIL	"a repossession exception in the cooperative case"
