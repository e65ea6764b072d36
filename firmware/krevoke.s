# krevoke.s: visible revocation of physical pages and the abort protocol (docs/exokernel.md §11,
# paper §3.3-§3.4): the kernel asks an environment to give back pages by an upcall with a
# deadline; past the deadline it takes them itself, records them in the environment's
# repossession vector and raises a repossession exception at user level.
# Linked after kmem.s (firmware/build.ts); conventions: firmware/kconv.md; numbers: layout.inc
# (krevoke.s section).
#
# One dialogue at a time (RV_BASE slot 0): page_revoke (a stack call) saves the requester in
# full, freezes what is left of its slice (the timer's COUNT), keeps the target's state as it
# was (RV_REGS), arms the timer as a one-shot at the deadline and enters the target's upcall
# handler with a0 = pages asked, a1 = the deadline (its a0, a1 and resume PC in its revocation
# area). The handler never returns by itself: revoke_ctl(RV_OP_DONE) puts the target back in the
# state the upcall interrupted (kept in RV_REGS: a sigreturn). The dialogue ends when
#  - the target calls revoke_ctl(RV_OP_DONE): the pages it returned (RV_OP_RETURN) are unbound
#    and freed in one pass; pages still missing are taken (RV_HOW_SHORT);
#  - the deadline tick comes (k_int -> k_rv_tick): the handler is abandoned (the kernel does the
#    done itself) and the pages are taken (RV_HOW_DEADLINE);
#  - the target gives the processor away to the slice scheduler (yield(-1), exit, killed:
#    k_next_slice sees the dialogue): as the deadline (RV_HOW_LEFT);
#  - it has no upcall handler or no area: the pages are taken at once (RV_HOW_NOHANDLER).
# Then the requester continues after its page_revoke with the rest of its slice.
#
# Never repossessed (k_rv_keep): the target's boot page, the pages of its guaranteed mappings,
# and the pages holding any live environment's save areas or revocation area.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat

# RV_SLOT reg, rec, tmp: reg = the revocation slot of record rec (RV_BASE + index << RV_SHIFT).
	.macro	RV_SLOT reg, rec, tmp
	srl	\reg, \rec, ENV_SHIFT
	andi	\reg, \reg, NENV - 1
	sll	\reg, \reg, RV_SHIFT
	lui	\tmp, %hi(RV_BASE)
	addu	\reg, \reg, \tmp
	.endm

# PG_REC reg, page: reg = the page-table record of a page number (kseg0).
	.macro	PG_REC reg, page
	sll	\reg, \page, PG_SHIFT
	lui	$at, %hi(PAGE_TABLE)
	addu	\reg, \reg, $at
	addiu	\reg, \reg, %lo(PAGE_TABLE)
	.endm

# ---------------------------------------------------------------------------------------------
# page_revoke(a0 = id (0 self), a1 = its capability, a2 = pages, a3 = deadline in cycles (0: the
# paper's 1250)) -> pages asked  [SYS_PAGE_REVOKE]
# Refusals (the caller continues at once): EBUSY a dialogue is running, or the target is created
# but not started; ENOENT no such environment; ECAP the wrong capability; EINVAL pages not in
# 1..RV_MAX_PAGES or a deadline outside RV_DEADLINE_MIN..RV_DEADLINE_MAX. The pages asked are
# min(pages, its revocable pages); 0 returns at once. Otherwise the caller continues only once
# the dialogue is over (v0 = the pages asked; the kernel has them all then, returned or taken).
	.globl	sys_page_revoke
sys_page_revoke:
	lui	$k1, %hi(KBASE)			# save the caller in full first: every register but sp,
	lw	$k1, KG_CUR_ENV($k1)		# ra, at (parked in the globals by the stack path's
	nop					# entry) is still its own
	SAVE_ALL
	lui	$v0, %hi(KBASE)
	lw	$k0, KG_SAVE_SP($v0)
	lw	$v1, KG_SAVE_RA($v0)
	sw	$k0, REC_REGS + 4*29($k1)
	lw	$k0, KG_SAVE_AT($v0)
	sw	$v1, REC_REGS + 4*31($k1)
	sw	$k0, REC_REGS + 4*1($k1)
	KSAVE
	move	$s3, $k1			# s3 = the requester
	lui	$s2, %hi(RV_BASE)		# s2 = the dialogue's globals
	lw	$t0, RV_G_ACTIVE($s2)
	nop
	bnez	$t0, pr_ebusy
	nop
	jal	k_env_by_id
	nop
	beqz	$v0, pr_enoent
	move	$s0, $v0			# s0 = the target
	lw	$a0, 0($sp)			# KSAVE's copies
	lw	$a1, 4($sp)
	beqz	$a0, 1f				# itself: no capability
	lw	$t0, REC_CAP($s0)
	nop
	bne	$t0, $a1, pr_ecap
	nop
1:	lw	$t0, REC_STATUS($s0)
	li	$t1, ENV_RUNNABLE
	bne	$t0, $t1, pr_ebusy		# created, never started: nothing to enter
	lw	$a2, 8($sp)
	lw	$a3, 12($sp)
	addiu	$t0, $a2, -1
	sltiu	$t0, $t0, RV_MAX_PAGES
	beqz	$t0, pr_einval
	nop
	bnez	$a3, 2f
	nop
	li	$a3, RV_DEADLINE_DEFAULT
2:	sltiu	$t0, $a3, RV_DEADLINE_MIN
	bnez	$t0, pr_einval
	li	$t0, RV_DEADLINE_MAX
	sltu	$t0, $t0, $a3
	bnez	$t0, pr_einval
	move	$s1, $a3			# s1 = the deadline
	lw	$a1, 8($sp)
	jal	k_rv_revocable			# v1 = min(pages, revocable pages)
	move	$a0, $s0
	move	$a2, $v1
	beqz	$a2, pr_ret			# nothing to take
	move	$v0, $zero
	mfc0	$t0, c0_cause			# committed: the requester waits for the dialogue
	nop
	bltz	$t0, sys_in_delay_slot
	move	$s3, $a2			# (s3 = pages asked; the requester is KG_CUR_ENV)
	jal	k_rv_slot
	move	$a0, $s0
	move	$t8, $v0			# t8 = the target's slot
	sw	$s3, RV_ASKED($t8)
	sw	$zero, RV_NRET($t8)
	sw	$zero, RV_NVEC($t8)
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_CUR_ENV($t0)		# the requester: after its syscall with v0 = pages asked
	lw	$t2, KG_SLICE_OWNER($t0)
	mfc0	$t3, c0_epc
	sw	$t1, RV_G_REQ($s2)
	addiu	$t3, $t3, 4
	sw	$t3, REC_RESUME_PC($t1)
	sw	$s3, REC_REGS + 4*2($t1)
	lw	$t3, REC_ID($t1)
	sw	$t2, RV_G_OWNER($s2)
	sw	$t3, RV_G_REQID($s2)
	lui	$t0, %hi(TIMER_BASE)		# freeze the rest of its slice
	lw	$t1, TIMER_PENDING($t0)
	lw	$t2, TIMER_COUNT($t0)
	beqz	$t1, 4f
	nop
	move	$t2, $zero			# a tick is pending: its slice is over
4:	sw	$t2, RV_G_LEFT($s2)
	li	$t1, 1
	sw	$t1, RV_G_TICK($s2)
	sw	$s0, RV_G_ACTIVE($s2)
	lui	$sp, %hi(KSTACK_TOP)		# (this call does not return: the frame is dropped)
	lw	$t0, RV_UPCALL($t8)
	move	$s2, $t8			# s2 = the slot
	beqz	$t0, 8f				# no upcall handler: take them now
	move	$a0, $s0
	jal	k_rv_area
	nop
	beqz	$v0, 8f				# no area to tell it where it was
	nop
	# The upcall (visible revocation). A target waiting in a light yield resumes as k_enter
	# would resume it (at light_pc, v0 = 0); that state is kept for the abort protocol.
	move	$t9, $v0			# t9 = the area (kseg0)
	lw	$t0, REC_LIGHT_KEY($s0)
	lw	$t1, REC_ID($s0)
	lw	$t2, REC_LIGHT_PC($s0)
	bne	$t0, $t1, 5f
	nop
	sw	$zero, REC_LIGHT_KEY($s0)
	sw	$zero, REC_REGS + 4*2($s0)
	sw	$t2, REC_RESUME_PC($s0)
5:	addiu	$t0, $s0, REC_REGS
	addiu	$t1, $s2, RV_REGS
	addiu	$t2, $s0, REC_LO + 4
6:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t1)
	bne	$t0, $t2, 6b
	addiu	$t1, $t1, 4
	lw	$t0, REC_REGS + 4*4($s0)
	lw	$t1, REC_REGS + 4*5($s0)
	lw	$t2, REC_RESUME_PC($s0)
	lw	$t3, RV_UPCALL($s2)
	sw	$t2, RV_RESUME($s2)
	sw	$t0, RV_A_A0($t9)
	sw	$t1, RV_A_A1($t9)
	sw	$t2, RV_A_PC($t9)
	sw	$s3, REC_REGS + 4*4($s0)	# a0 = pages asked
	sw	$s1, REC_REGS + 4*5($s0)	# a1 = the deadline
	sw	$t3, REC_RESUME_PC($s0)
	lw	$t0, RV_S_UPCALLS($s2)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, RV_S_UPCALLS($s2)
	lui	$t0, %hi(TIMER_BASE)		# the deadline: a one-shot tick (docs/devices.md)
	li	$t1, TIMER_RUN | TIMER_ONESHOT
	sw	$s1, TIMER_PERIOD($t0)
	sw	$t1, TIMER_CONTROL($t0)
	sw	$zero, TIMER_PENDING($t0)
	move	$a0, $s0
	j	k_enter
	move	$a1, $zero
8:	j	k_rv_end
	li	$a0, RV_HOW_NOHANDLER

pr_ebusy:
	b	pr_ret
	li	$v0, EBUSY
pr_enoent:
	b	pr_ret
	li	$v0, ENOENT
pr_einval:
	b	pr_ret
	li	$v0, EINVAL
pr_ecap:
	lw	$t0, REC_N_BADCAP($s3)		# a refused capability counts against the caller
	nop
	addiu	$t0, $t0, 1
	sw	$t0, REC_N_BADCAP($s3)
	li	$v0, ECAP
pr_ret:
	KRESTORE
	jr	$ra
	nop

# ---------------------------------------------------------------------------------------------
# revoke_ctl(a0 = RV_OP_*, a1, a2) -> v0  [SYS_REVOKE_CTL]. For the caller itself:
#   RV_OP_UPCALL a1 = PC, RV_OP_REPOSSESS a1 = PC: kuseg, word aligned, or 0 (EINVAL otherwise);
#   RV_OP_AREA a1 = physical address: word aligned, RV_AREA_SIZE bytes inside one page the caller
#     owns (EPERM another's page; EINVAL otherwise), or 0;
#   RV_OP_RETURN a1 = page, a2 = its wcap: in a dialogue of which it is the target (EINVAL
#     otherwise, or no such page), a page it owns (EPERM; EPERM too for a never-repossessed
#     page), ECAP the wrong wcap, EBUSY already returned, ENOMEM RV_MAX_PAGES returned -> the
#     pages returned so far. The page stays mapped until the dialogue ends;
#   RV_OP_DONE: ends its dialogue (EINVAL if none) and does not return: like a sigreturn, the
#     environment goes back to exactly the state the upcall interrupted (every register, the PC),
#     and continues there when next run (after the repossession exception if pages were
#     missing: the kernel took them);
#   RV_OP_INFO a1 = RV_I_* -> the value (EINVAL for another).
	.globl	sys_revoke_ctl
sys_revoke_ctl:
	li	$k0, RV_OP_DONE
	beq	$a0, $k0, rv_done
	nop
	KSAVE
	lui	$t0, %hi(KBASE)
	lw	$s0, KG_CUR_ENV($t0)		# s0 = the caller
	jal	k_rv_slot
	move	$a0, $s0
	move	$s1, $v0			# s1 = its slot
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$a2, 8($sp)
	li	$t0, RV_OP_AREA
	beq	$a0, $t0, rc_area
	li	$t0, RV_OP_RETURN
	beq	$a0, $t0, rc_return
	li	$t0, RV_OP_INFO
	beq	$a0, $t0, rc_info
	sltiu	$t0, $a0, RV_OP_REPOSSESS + 1
	beqz	$t0, rc_einval
	sll	$t1, $a0, 2			# UPCALL or REPOSSESS: a kuseg PC or 0
	bltz	$a1, rc_einval
	andi	$t0, $a1, 3
	bnez	$t0, rc_einval
	addu	$t1, $t1, $s1
	sw	$a1, RV_UPCALL($t1)
rc_zero:
	b	rc_ret
	move	$v0, $zero

rc_area:
	beqz	$a1, 1f
	andi	$t0, $a1, 3
	bnez	$t0, rc_einval
	andi	$t0, $a1, 0xfff
	sltiu	$t0, $t0, 0x1000 - RV_AREA_SIZE + 1
	beqz	$t0, rc_einval
	srl	$a0, $a1, 12
	jal	k_rv_owner			# v0 = owner of page a0, or 0 (none, or beyond RAM)
	nop
	beqz	$v0, rc_einval
	lw	$t0, REC_ID($s0)
	nop
	bne	$v0, $t0, rc_eperm
	lui	$t0, 0x8000
	or	$a1, $a1, $t0			# kept as its kseg0 address
1:	b	rc_zero
	sw	$a1, RV_AREA($s1)

rc_return:
	lui	$t0, %hi(RV_BASE)
	lw	$t0, RV_G_ACTIVE($t0)
	nop
	bne	$t0, $s0, rc_einval		# not the target of a running dialogue
	move	$a0, $a1
	jal	k_rv_owner
	nop
	beqz	$v0, rc_einval
	lw	$t0, REC_ID($s0)
	nop
	bne	$v0, $t0, rc_eperm
	nop
	PG_REC	$t0, $a1
	lw	$t0, PG_WCAP($t0)
	nop
	bne	$t0, $a2, rc_ecap
	move	$a0, $s0
	jal	k_rv_protected
	nop
	bnez	$v0, rc_eperm			# a never-repossessed page is not part of the bargain
	nop
	lw	$t0, RV_NRET($s1)
	addiu	$t1, $s1, RV_RET
	sll	$t2, $t0, 2
	addu	$t2, $t2, $t1			# the end of the list
2:	beq	$t1, $t2, 3f
	nop
	lw	$t3, 0($t1)
	addiu	$t1, $t1, 4
	bne	$t3, $a1, 2b
	nop
	b	rc_ret
	li	$v0, EBUSY			# returned already
3:	sltiu	$t3, $t0, RV_MAX_PAGES
	beqz	$t3, rc_ret
	li	$v0, ENOMEM
	sw	$a1, 0($t2)
	addiu	$t0, $t0, 1
	sw	$t0, RV_NRET($s1)
	b	rc_ret
	move	$v0, $t0

rc_info:
	li	$t0, RV_I_VEC
	subu	$t0, $a1, $t0
	sltiu	$t1, $t0, RV_MAX_PAGES
	beqz	$t1, 1f
	sll	$t0, $t0, 2			# an entry of the vector
	addu	$t0, $t0, $s1
	b	rc_ret
	lw	$v0, RV_VEC($t0)
1:	sltiu	$t0, $a1, RV_I_NVEC + 1
	beqz	$t0, rc_einval
	li	$t0, RV_I_ACTIVE
	beq	$a1, $t0, 4f
	li	$t0, RV_I_NVEC
	beq	$a1, $t0, 5f
	sltiu	$t0, $a1, RV_I_RESERVE
	bnez	$t0, 3f				# one of the four counters
	sll	$t0, $a1, 2
	move	$a0, $s0			# RESERVE or REVOCABLE: the whole table
	jal	k_rv_revocable
	li	$a1, -1
	lw	$a1, 4($sp)
	li	$t0, RV_I_RESERVE
	subu	$t1, $v0, $v1			# owned - revocable
	beq	$a1, $t0, rc_ret
	move	$v0, $t1
	b	rc_ret
	move	$v0, $v1
3:	addu	$t0, $t0, $s1
	b	rc_ret
	lw	$v0, RV_S_RETURNED($t0)
4:	lui	$t0, %hi(RV_BASE)
	lw	$t0, RV_G_ACTIVE($t0)
	nop
	xor	$t0, $t0, $s0
	b	rc_ret
	sltiu	$v0, $t0, 1
5:	b	rc_ret
	lw	$v0, RV_NVEC($s1)

rc_einval:
	b	rc_ret
	li	$v0, EINVAL
rc_eperm:
	b	rc_ret
	li	$v0, EPERM
rc_ecap:
	lw	$t0, REC_N_BADCAP($s0)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, REC_N_BADCAP($s0)
	li	$v0, ECAP
rc_ret:
	KRESTORE
	jr	$ra
	nop

# RV_OP_DONE: the target ends its dialogue. It is saved in full (it resumes after this call when
# next run); then k_rv_end settles the pages and resumes the requester.
rv_done:
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	lui	$k0, %hi(RV_BASE)
	lw	$k0, RV_G_ACTIVE($k0)
	nop
	beq	$k0, $k1, 1f
	nop
	jr	$ra				# not in a dialogue: nothing changed
	li	$v0, EINVAL
1:	mfc0	$k0, c0_cause
	nop
	bltz	$k0, sys_in_delay_slot
	nop
	lui	$sp, %hi(KSTACK_TOP)		# nothing of the handler is kept: k_rv_end puts it
	j	k_rv_end			# back where it was before the upcall
	move	$a0, $zero

# ---------------------------------------------------------------------------------------------
# k_rv_tick: from k_int (the timer's tick) when RV_G_TICK is set (k0, k1 free; every other
# register the interrupted environment's). A dialogue runs: its deadline has come. Otherwise
# the requester's frozen slice has just ended: the timer goes back to whole quanta and the
# tick is an ordinary end of slice (k_int_slice).
	.globl	k_rv_tick
k_rv_tick:
	lui	$k0, %hi(RV_BASE)
	lw	$k0, RV_G_ACTIVE($k0)
	nop
	bnez	$k0, rv_deadline
	lui	$k0, %hi(RV_BASE)
	sw	$zero, RV_G_TICK($k0)
	lui	$k0, %hi(KBASE)
	lw	$k0, KG_QUANTUM($k0)
	lui	$k1, %hi(TIMER_BASE)
	sw	$k0, TIMER_PERIOD($k1)		# (restarts the countdown: the next slice is whole)
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	j	k_int_slice
	nop
rv_deadline:					# the abort protocol: whoever runs is preempted
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	nop
	SAVE_ALL
	mfc0	$k0, c0_epc
	nop
	sw	$k0, REC_RESUME_PC($k1)
	lui	$sp, %hi(KSTACK_TOP)
	j	k_rv_end
	li	$a0, RV_HOW_DEADLINE

# ---------------------------------------------------------------------------------------------
# k_rv_end(a0 = how: 0 done, else RV_HOW_*): ends the dialogue. On the kernel stack, every
# environment saved in its record; never returns. If the target is still alive, it goes back to
# its state before the upcall (done's sigreturn; otherwise its handler is abandoned);
# the returned pages are freed, the missing ones taken (k_rv_take), a kernel message says which,
# and if it lost pages it did not return in time, the repossession exception (k_rv_deliver).
# Then the requester continues with the rest of its slice (or the next slice starts).
	.globl	k_rv_end
k_rv_end:
	lui	$s7, %hi(RV_BASE)
	lw	$s0, RV_G_ACTIVE($s7)
	move	$s2, $a0
	beqz	$s0, rv_resume
	sw	$zero, RV_G_ACTIVE($s7)
	RV_SLOT	$s1, $s0, $t0
	lw	$t0, REC_STATUS($s0)
	lw	$t1, REC_ID($s0)
	lw	$t2, RV_ID($s1)
	beqz	$t0, rv_resume			# the target is gone (its pages went with it)
	nop
	bne	$t1, $t2, rv_resume
	li	$t0, RV_HOW_NOHANDLER
	beq	$s2, $t0, 3f			# no upcall was made
	nop
1:	addiu	$t0, $s1, RV_REGS		# the state before the upcall (done: its sigreturn;
						# otherwise the handler is abandoned)
	addiu	$t1, $s0, REC_REGS
	addiu	$t2, $s1, RV_REGS + 4 * 34
2:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t1)
	bne	$t0, $t2, 2b
	addiu	$t1, $t1, 4
	lw	$t3, RV_RESUME($s1)
	sw	$zero, REC_LIGHT_KEY($s0)	# (not waiting where the handler may have yielded)
	sw	$t3, REC_RESUME_PC($s0)
3:	move	$a0, $s0
	jal	k_rv_take
	move	$a1, $s2
	move	$s3, $v0			# s3 = pages taken by force
	li	$a0, REPORT_RV_RETURNED
	move	$a2, $v1
	beqz	$s3, 4f
	lw	$a1, REC_ID($s0)
	li	$a0, REPORT_RV_REPOSSESSED
	move	$a2, $s3
4:	lw	$a3, RV_ASKED($s1)
	jal	k_report
	nop
	lw	$t0, RV_NVEC($s1)
	move	$a0, $s0
	beqz	$t0, rv_resume
	move	$a1, $s2
	bnez	$a1, 7f
	nop
	li	$a1, RV_HOW_SHORT		# done, with pages missing
7:	jal	k_rv_deliver
	nop
rv_resume:
	lui	$t0, %hi(KBASE)
	lw	$t1, RV_G_OWNER($s7)		# a synchronous PCT in the dialogue donated nothing
	nop
	beqz	$t1, 6f
	nop
	lw	$t2, REC_STATUS($t1)
	nop
	beqz	$t2, 6f
	nop
	sw	$t1, KG_SLICE_OWNER($t0)
6:	lw	$a0, RV_G_REQ($s7)
	lw	$t1, RV_G_REQID($s7)
	lw	$t2, REC_STATUS($a0)
	lw	$t3, REC_ID($a0)
	xori	$t2, $t2, ENV_RUNNABLE
	bnez	$t2, k_next_slice		# the requester is gone
	lw	$t0, RV_G_LEFT($s7)
	bne	$t3, $t1, k_next_slice
	nop
	beqz	$t0, k_next_slice		# its slice had ended
	lui	$t1, %hi(TIMER_BASE)
	li	$t2, TIMER_RUN
	sw	$t0, TIMER_PERIOD($t1)		# the rest of its slice, then k_rv_tick re-arms
	sw	$t2, TIMER_CONTROL($t1)
	sw	$zero, TIMER_PENDING($t1)
	li	$t2, 1
	sw	$t2, RV_G_TICK($s7)
	j	k_enter
	move	$a1, $zero

# ---------------------------------------------------------------------------------------------
# Internal functions (kconv.md kind 3: o32).

# k_rv_slot(a0 = record) -> v0 = its revocation slot, cleared first if it belonged to an earlier
# environment of the record (a slot is valid only while RV_ID is the record's id).
k_rv_slot:
	RV_SLOT	$v0, $a0, $t0
	lw	$t1, REC_ID($a0)
	lw	$t2, RV_ID($v0)
	nop
	beq	$t1, $t2, 2f
	addiu	$t3, $v0, RV_REGS
	move	$t2, $v0
1:	sw	$zero, 0($t2)
	addiu	$t2, $t2, 4
	bne	$t2, $t3, 1b
	nop
	sw	$t1, RV_ID($v0)
2:	jr	$ra
	nop

# k_rv_owner(a0 = page) -> v0 = its owner, or 0 if it is not a page environments can own.
k_rv_owner:
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_NPAGES($t0)
	lw	$t2, KG_FIRST_PAGE($t0)
	sltu	$t1, $a0, $t1
	beqz	$t1, 1f
	sltu	$t2, $a0, $t2
	bnez	$t2, 1f
	nop
	PG_REC	$t0, $a0
	lw	$v0, PG_OWNER($t0)
	jr	$ra				# (the load is done before the caller's first use)
	nop
1:	jr	$ra
	move	$v0, $zero

# k_rv_area(a0 = record) -> v0 = its revocation area (kseg0) if set and still in a page it owns,
# else 0 (a stale area is forgotten: the page was given away).
k_rv_area:
	move	$t9, $ra
	RV_SLOT	$t8, $a0, $t0
	lw	$t1, RV_ID($t8)
	lw	$t2, REC_ID($a0)
	lw	$t7, RV_AREA($t8)
	bne	$t1, $t2, 8f
	move	$t6, $t2
	beqz	$t7, 8f
	sll	$a0, $t7, 1
	jal	k_rv_owner
	srl	$a0, $a0, 13			# the page
	beq	$v0, $t6, 9f
	move	$v0, $t7
	sw	$zero, RV_AREA($t8)
8:	move	$v0, $zero
9:	jr	$t9
	nop

# k_rv_protected(a0 = record, a1 = page) -> v0 = 1 if the page is one the environment never
# loses: its boot page, a page of its guaranteed mappings, of its save areas or revocation area.
k_rv_protected:
	lw	$t0, REC_BOOTPAGE($a0)
	addiu	$t1, $a0, REC_GUAR
	beq	$t0, $a1, 9f
	addiu	$t2, $a0, REC_GUAR + NGUAR * 8
1:	lw	$t0, 4($t1)			# EntryLo (0: empty; page 0 is the kernel's anyway)
	addiu	$t1, $t1, 8
	srl	$t0, $t0, 12
	beq	$t0, $a1, 9f
	nop
	bne	$t1, $t2, 1b
	nop
	lw	$t0, REC_SAVE($a0)
	lw	$t1, REC_INT_SAVE($a0)
	sll	$t0, $t0, 1
	srl	$t0, $t0, 13
	beq	$t0, $a1, 9f
	sll	$t1, $t1, 1
	srl	$t1, $t1, 13
	beq	$t1, $a1, 9f
	nop
	RV_SLOT	$t0, $a0, $t1
	lw	$t1, RV_ID($t0)
	lw	$t2, REC_ID($a0)
	lw	$t0, RV_AREA($t0)
	bne	$t1, $t2, 8f
	sll	$t0, $t0, 1
	srl	$t0, $t0, 13
	beq	$t0, $a1, 9f
	nop
8:	jr	$ra
	move	$v0, $zero
9:	jr	$ra
	li	$v0, 1

# k_rv_keep(a0 = record, a1 = PG_F_KEEP or 0): sets PG_FLAGS of every page of the environment
# that is never repossessed: its boot page, its guaranteed mappings' pages, and the pages of
# every live environment's save areas and revocation area that it owns.
# MARK_KEEP page: if the page is one of RAM above the kernel and owned by t9: PG_FLAGS = a1.
# (t6 = npages, t7 = first page; clobbers at, t4, t5.)
	.macro	MARK_KEEP page
	sltu	$t4, \page, $t6
	sltu	$t5, \page, $t7
	xori	$t5, $t5, 1
	and	$t4, $t4, $t5
	beqz	$t4, 99f
	nop
	PG_REC	$t4, \page
	lw	$t5, PG_OWNER($t4)
	nop
	bne	$t5, $t9, 99f
	nop
	sw	$a1, PG_FLAGS($t4)
99:
	.endm
k_rv_keep:
	lui	$t0, %hi(KBASE)
	lw	$t6, KG_NPAGES($t0)
	lw	$t7, KG_FIRST_PAGE($t0)
	lw	$t9, REC_ID($a0)
	lw	$t0, REC_BOOTPAGE($a0)
	nop
	MARK_KEEP $t0
	addiu	$t1, $a0, REC_GUAR
	addiu	$t2, $a0, REC_GUAR + NGUAR * 8
1:	lw	$t0, 4($t1)
	addiu	$t1, $t1, 8
	srl	$t0, $t0, 12
	MARK_KEEP $t0
	bne	$t1, $t2, 1b
	nop
	li	$t1, ENV_TABLE + ENV_SIZE	# every live environment's save areas and area
	lui	$t3, %hi(RV_BASE)
	addiu	$t3, $t3, 1 << RV_SHIFT
2:	lw	$t0, REC_STATUS($t1)
	nop
	beqz	$t0, 3f
	nop
	lw	$t0, REC_SAVE($t1)
	nop
	sll	$t0, $t0, 1
	srl	$t0, $t0, 13
	MARK_KEEP $t0
	lw	$t0, REC_INT_SAVE($t1)
	nop
	sll	$t0, $t0, 1
	srl	$t0, $t0, 13
	MARK_KEEP $t0
	lw	$t0, RV_ID($t3)
	lw	$t2, REC_ID($t1)
	lw	$t8, RV_AREA($t3)
	bne	$t0, $t2, 3f
	sll	$t8, $t8, 1
	srl	$t8, $t8, 13
	MARK_KEEP $t8
3:	addiu	$t1, $t1, ENV_SIZE
	li	$t0, ENV_TABLE + NENV * ENV_SIZE
	bne	$t1, $t0, 2b
	addiu	$t3, $t3, 1 << RV_SHIFT
	jr	$ra
	nop

# k_rv_revocable(a0 = record, a1 = limit) -> v0 = pages it owns, v1 = pages it may lose, the
# page table scanned from the bottom up and only until v1 = limit (-1: the whole table; then v0
# counts every page it owns). page_alloc hands out the lowest free page, so environments' pages
# sit low and a request stops early.
k_rv_revocable:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a0, 16($sp)
	sw	$a1, 12($sp)
	jal	k_rv_keep
	li	$a1, PG_F_KEEP
	lw	$a0, 16($sp)
	lw	$a1, 12($sp)
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_FIRST_PAGE($t0)
	lw	$t2, KG_NPAGES($t0)
	lw	$t9, REC_ID($a0)
	PG_REC	$t1, $t1			# the first record an environment can own
	PG_REC	$t2, $t2			# the end of the table
	move	$v0, $zero
	move	$v1, $zero
1:	beq	$v1, $a1, 3f			# enough
	nop
	beq	$t2, $t1, 3f
	addiu	$t1, $t1, 1 << PG_SHIFT
	lw	$t3, PG_OWNER - (1 << PG_SHIFT)($t1)
	lw	$t4, PG_FLAGS - (1 << PG_SHIFT)($t1)
	bne	$t3, $t9, 1b
	nop
	addiu	$v0, $v0, 1
	sltiu	$t4, $t4, 1
	b	1b
	addu	$v1, $v1, $t4
3:	sw	$v0, 8($sp)
	sw	$v1, 4($sp)
	jal	k_rv_keep
	move	$a1, $zero
	lw	$v0, 8($sp)
	lw	$v1, 4($sp)
	lw	$ra, 20($sp)
	nop
	jr	$ra
	addiu	$sp, $sp, 24

# k_rv_take(a0 = target record, a1 = how) -> v0 = pages taken by force, v1 = returned pages
# freed. The returned pages it still owns, and as many more as are missing to make RV_ASKED
# (never a never-repossessed one; the kernel's choice: the highest page numbers first), lose
# every binding in one pass (kmem.s k_unbind_marked, through k_break_bindings) and are freed.
# The repossession vector (RV_VEC) lists the pages taken by force, then, when the handler was
# abandoned (how not 0 or RV_HOW_NOHANDLER), the returned ones too: it may not have finished
# with them.
	.equ	TK_FRAME, 40
k_rv_take:
	addiu	$sp, $sp, -TK_FRAME
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	sw	$s3, 20($sp)
	sw	$s4, 16($sp)
	sw	$s5, 12($sp)
	sw	$s6, 8($sp)
	move	$s0, $a0
	move	$s6, $a1
	RV_SLOT	$s1, $s0, $t0
	lw	$s2, REC_ID($s0)
	# 1. the returned pages it still owns: marked
	lw	$t1, RV_NRET($s1)
	addiu	$t2, $s1, RV_RET
	sll	$t1, $t1, 2
	addu	$t1, $t1, $t2			# the end of the list
	li	$t5, PG_F_UNBIND
1:	beq	$t2, $t1, 2f
	nop
	lw	$t3, 0($t2)
	addiu	$t2, $t2, 4
	PG_REC	$t3, $t3			# (RV_OP_RETURN checked it is a page of RAM)
	lw	$t4, PG_OWNER($t3)
	nop
	bne	$t4, $s2, 1b
	nop
	b	1b
	sw	$t5, PG_FLAGS($t3)
	# 2. the never-repossessed ones: PG_F_KEEP (over a return: then it is kept)
2:	move	$a0, $s0
	jal	k_rv_keep
	li	$a1, PG_F_KEEP
	# 3. the returned list keeps the pages still marked (it owns them, none is kept): s4 of them
	lw	$t1, RV_NRET($s1)
	addiu	$t2, $s1, RV_RET		# read
	addiu	$t3, $s1, RV_RET		# write
	sll	$t1, $t1, 2
	addu	$t1, $t1, $t2
1:	beq	$t2, $t1, 2f
	nop
	lw	$t4, 0($t2)
	addiu	$t2, $t2, 4
	PG_REC	$t5, $t4
	lw	$t6, PG_OWNER($t5)
	lw	$t5, PG_FLAGS($t5)
	bne	$t6, $s2, 1b
	xori	$t5, $t5, PG_F_UNBIND
	bnez	$t5, 1b
	nop
	sw	$t4, 0($t3)
	b	1b
	addiu	$t3, $t3, 4
2:	addiu	$t2, $s1, RV_RET
	subu	$s4, $t3, $t2
	srl	$s4, $s4, 2			# s4 = returned pages to free
	sw	$s4, RV_NRET($s1)
	lw	$t0, RV_ASKED($s1)
	lui	$t1, %hi(KBASE)
	subu	$s3, $t0, $s4			# s3 = pages still missing
	bgez	$s3, 5f
	lw	$s5, KG_NPAGES($t1)
	move	$s3, $zero
5:	lw	$t6, KG_FIRST_PAGE($t1)
	# 4. the kernel's choice: its highest revocable pages. One pass from the bottom keeps the
	# last s3 found in a ring on the stack (only when pages are missing: the abort protocol).
	beqz	$s3, 9f
	move	$t8, $zero			# (t8 = taken)
	addiu	$sp, $sp, -4 * RV_MAX_PAGES
	PG_REC	$t1, $t6			# the first record an environment can own
	PG_REC	$t2, $s5			# the end of the table
	move	$t9, $t6			# page
	move	$t7, $zero			# found
	move	$t5, $zero			# ring index (found mod s3)
7:	lw	$t3, PG_OWNER($t1)
	lw	$t4, PG_FLAGS($t1)
	addiu	$t1, $t1, 1 << PG_SHIFT
	bne	$t3, $s2, 8f
	addiu	$t9, $t9, 1
	bnez	$t4, 8f				# returned, or never repossessed
	sll	$t0, $t5, 2
	addu	$t0, $t0, $sp
	sw	$t9, 0($t0)			# (t9 is one past the page: - 1 below)
	addiu	$t5, $t5, 1
	bne	$t5, $s3, 6f
	addiu	$t7, $t7, 1
	move	$t5, $zero
6:
8:	bne	$t1, $t2, 7b
	nop
	sltu	$t0, $t7, $s3			# t8 = min(found, s3), newest first out of the ring
	move	$t8, $s3
	beqz	$t0, 1f
	nop
	move	$t8, $t7
1:	addiu	$t7, $s1, RV_VEC
	move	$t3, $zero
	li	$t4, PG_F_UNBIND
2:	beq	$t3, $t8, 3f
	nop
	bnez	$t5, 4f				# the entry before the ring index
	addiu	$t5, $t5, -1
	addiu	$t5, $s3, -1
4:	sll	$t0, $t5, 2
	addu	$t0, $t0, $sp
	lw	$t9, 0($t0)
	nop
	addiu	$t9, $t9, -1			# the page
	sw	$t9, 0($t7)
	PG_REC	$t0, $t9
	sw	$t4, PG_FLAGS($t0)
	addiu	$t7, $t7, 4
	b	2b
	addiu	$t3, $t3, 1
3:	addiu	$sp, $sp, 4 * RV_MAX_PAGES
9:	move	$s3, $t8			# s3 = taken by force
	# 5. KEEP marks off
	move	$a0, $s0
	jal	k_rv_keep
	move	$a1, $zero
	# 6. one pass over TLB, STLB, guaranteed mappings and save areas for every marked page
	addu	$t0, $s3, $s4
	beqz	$t0, 4f
	lw	$a0, RV_RET($s1)
	beqz	$s3, 3f
	nop
	lw	$a0, RV_VEC($s1)
3:	jal	k_break_bindings		# (marks a0, unbinds every marked page, clears the marks)
	nop
	# 7. freed: owner and capabilities 0 (nothing matches them any more, docs §4.2)
	addiu	$a0, $s1, RV_VEC
	jal	k_rv_free_list
	move	$a1, $s3
	addiu	$a0, $s1, RV_RET
	jal	k_rv_free_list
	move	$a1, $s4
	# 8. the vector: the returned pages too if the handler was abandoned
4:	move	$t0, $s3
	beqz	$s6, 6f
	li	$t1, RV_HOW_NOHANDLER
	beq	$s6, $t1, 6f
	addiu	$t2, $s1, RV_RET
	sll	$t1, $s4, 2
	addu	$t1, $t1, $t2
	sll	$t3, $s3, 2
	addu	$t3, $t3, $s1
5:	beq	$t2, $t1, 6f
	sltiu	$t4, $t0, RV_MAX_PAGES
	beqz	$t4, 6f
	lw	$t4, 0($t2)
	addiu	$t2, $t2, 4
	sw	$t4, RV_VEC($t3)
	addiu	$t3, $t3, 4
	b	5b
	addiu	$t0, $t0, 1
6:	sw	$t0, RV_NVEC($s1)
	lw	$t0, RV_S_RETURNED($s1)
	lw	$t1, RV_S_REPOSSESSED($s1)
	addu	$t0, $t0, $s4
	addu	$t1, $t1, $s3
	sw	$t0, RV_S_RETURNED($s1)
	sw	$t1, RV_S_REPOSSESSED($s1)
	move	$v0, $s3
	move	$v1, $s4
	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	lw	$s2, 24($sp)
	lw	$s3, 20($sp)
	lw	$s4, 16($sp)
	lw	$s5, 12($sp)
	lw	$s6, 8($sp)
	jr	$ra
	addiu	$sp, $sp, TK_FRAME

# k_rv_free_list(a0 = list of pages, a1 = how many): each page free (owner, rcap, wcap 0).
k_rv_free_list:
	beqz	$a1, 2f
	nop
1:	lw	$t0, 0($a0)
	addiu	$a0, $a0, 4
	PG_REC	$t0, $t0
	sw	$zero, PG_OWNER($t0)
	sw	$zero, PG_RCAP($t0)
	sw	$zero, PG_WCAP($t0)
	addiu	$a1, $a1, -1
	bnez	$a1, 1b
	sw	$zero, PG_FLAGS($t0)
2:	jr	$ra
	nop

# k_rv_deliver(a0 = record, a1 = how): the repossession exception. The vector (RV_VEC) goes to
# its revocation area (count, pages); if it has a repossession handler and an area, it will
# continue there when next run, with a0 = the count and a1 = how, its interrupted a0, a1 and PC
# in the area. An exception not taken yet (it resumes at the handler already) gets the new pages
# appended instead.
k_rv_deliver:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	sw	$s1, 12($sp)
	sw	$s2, 8($sp)
	sw	$a1, 4($sp)
	move	$s0, $a0
	RV_SLOT	$s1, $s0, $t0
	jal	k_rv_area
	nop
	beqz	$v0, 9f				# nowhere to tell it: no exception
	move	$s2, $v0			# s2 = the area
	lw	$t0, REC_LIGHT_KEY($s0)		# a light-yield wait resumes as k_enter would
	lw	$t1, REC_ID($s0)
	lw	$t2, REC_LIGHT_PC($s0)
	bne	$t0, $t1, 1f
	nop
	sw	$zero, REC_LIGHT_KEY($s0)
	sw	$zero, REC_REGS + 4*2($s0)
	sw	$t2, REC_RESUME_PC($s0)
1:	lw	$t0, REC_RESUME_PC($s0)
	lw	$t1, RV_REPOSSESS($s1)
	move	$t5, $zero			# the area's count so far
	bne	$t0, $t1, 2f
	nop
	lw	$t5, RV_A_COUNT($s2)		# pending: append
	nop
2:	lw	$t2, RV_NVEC($s1)
	addiu	$t3, $s1, RV_VEC
	sll	$t4, $t5, 2
	addu	$t4, $t4, $s2			# where the next entry goes
3:	beqz	$t2, 4f
	sltiu	$t6, $t5, RV_MAX_PAGES
	beqz	$t6, 4f
	lw	$t6, 0($t3)
	addiu	$t3, $t3, 4
	addiu	$t2, $t2, -1
	sw	$t6, RV_A_VEC($t4)
	addiu	$t4, $t4, 4
	b	3b
	addiu	$t5, $t5, 1
4:	sw	$t5, RV_A_COUNT($s2)
	beqz	$t1, 9f				# no handler: the vector only
	nop
	bne	$t0, $t1, 5f
	nop
	b	9f				# pending: a0 = the new count
	sw	$t5, REC_REGS + 4*4($s0)
5:	lw	$t2, REC_REGS + 4*4($s0)
	lw	$t3, REC_REGS + 4*5($s0)
	lw	$t6, 4($sp)			# how
	sw	$t2, RV_A_X_A0($s2)
	sw	$t3, RV_A_X_A1($s2)
	sw	$t0, RV_A_X_PC($s2)
	sw	$t6, RV_A_X_HOW($s2)
	sw	$t5, REC_REGS + 4*4($s0)	# a0 = pages in the vector
	sw	$t6, REC_REGS + 4*5($s0)	# a1 = how
	sw	$t1, REC_RESUME_PC($s0)
	lw	$t0, RV_S_EXCEPTIONS($s1)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, RV_S_EXCEPTIONS($s1)
9:	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	lw	$s1, 12($sp)
	lw	$s2, 8($sp)
	jr	$ra
	addiu	$sp, $sp, 24
