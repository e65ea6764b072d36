# kslice.s: time slices (docs/exokernel.md §9, paper §5.1.1): the timer interrupt with visible
# and invisible revocation, yield, choosing the next slice and entering an environment.
# Linked after kernel.s (firmware/build.ts); conventions: firmware/kconv.md.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat
# ---------------------------------------------------------------------------------------------
# Interrupts (ExcCode 0). Environments run with only IM4 (the timer) enabled, so this is the end
# of a time slice (paper §5.1.1). Three cases:
#  - the environment is still in its end-of-slice handler from the previous tick: it overran;
#    excess += 1 (paper: "recorded in an excess time counter"; it forfeits that many later
#    slices) and overruns += 1; at EXCESS_LIMIT overruns without a yield in between it is
#    destroyed (the paper's threshold, value ours); else its registers are saved and the next
#    slice starts;
#  - it has an end-of-slice handler and an interrupt save area: visible revocation: a0 and the
#    interrupted PC go to the save area, a0 = that PC, and the handler runs in user mode; it saves
#    what it needs and yields;
#  - otherwise the kernel saves every register itself and starts the next slice.
	.equ	EXCESS_LIMIT, 8
	.globl	k_int
k_int:
	mfc0	$k0, c0_cause			# the network interface first (knet.s): its frames are
	nop					# served at once, then the environment resumes
	andi	$k0, $k0, CAUSE_IP_NET
	bnez	$k0, k_net_int
	lui	$k0, %hi(TIMER_BASE)
	sw	$zero, TIMER_PENDING($k0)	# acknowledge (every pending tick: one slice ends once)
	lui	$k1, %hi(RV_BASE)
	lw	$k0, RV_G_TICK($k1)		# a page revocation's deadline, or the slice clock to
	lui	$k1, %hi(KBASE)			# re-arm after one (krevoke.s k_rv_tick)
	lw	$k1, KG_CUR_ENV($k1)
	bnez	$k0, k_rv_tick
	nop
	.globl	k_int_slice
k_int_slice:					# (k1 = the current record)
	lw	$k0, REC_FLAGS($k1)
	nop
	andi	$k0, $k0, REC_F_INEND
	bnez	$k0, int_overrun
	lw	$k0, REC_SLICE_END($k1)
	nop
	beqz	$k0, int_preempt
	lw	$k0, REC_INT_SAVE($k1)
	nop
	beqz	$k0, int_preempt
	nop
	# Visible revocation: enter the end-of-slice handler.
	sw	$a0, 0($k0)			# int_save[0] = a0
	mfc0	$a0, c0_epc
	nop
	sw	$a0, 4($k0)			# int_save[1] = interrupted PC
	sw	$a0, REC_RESUME_PC($k1)
	lw	$k0, REC_FLAGS($k1)
	nop
	ori	$k0, $k0, REC_F_INEND
	sw	$k0, REC_FLAGS($k1)
	lw	$k0, REC_SLICE_END($k1)
	nop
	jr	$k0
	rfe

int_overrun:
	SAVE_ALL
	mfc0	$k0, c0_epc
	nop
	sw	$k0, REC_RESUME_PC($k1)
	lui	$sp, %hi(KSTACK_TOP)
	move	$s0, $k1
	lw	$t0, REC_FLAGS($s0)
	li	$t1, ~REC_F_INEND
	and	$t0, $t0, $t1
	sw	$t0, REC_FLAGS($s0)
	lw	$t0, REC_EXCESS($s0)		# a slice it owes (forfeited later)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, REC_EXCESS($s0)
	lw	$t0, REC_OVERRUNS($s0)		# overruns without a yield: the limit
	nop
	addiu	$t0, $t0, 1
	sw	$t0, REC_OVERRUNS($s0)
	sltiu	$t1, $t0, EXCESS_LIMIT
	bnez	$t1, k_next_slice
	nop
	li	$a0, REPORT_EXCESS
	lw	$a1, REC_ID($s0)
	jal	k_report
	move	$a2, $t0
	move	$a0, $s0
	jal	k_destroy
	li	$a1, 128 + 24			# SIGXCPU
	j	k_next_slice
	nop

int_preempt:
	SAVE_ALL
	mfc0	$k0, c0_epc
	nop
	sw	$k0, REC_RESUME_PC($k1)
	j	k_next_slice
	lui	$sp, %hi(KSTACK_TOP)

# ---------------------------------------------------------------------------------------------
# yield(a0 = environment id, or -1 for the next slice's owner) (paper §7.3). The caller's
# registers are saved (it resumes after the syscall with v0 = 0); the named environment runs for
# the rest of this slice as if its slice had started. A bad id resumes the caller with ENOENT.
	.globl	sys_yield
sys_yield:
	mfc0	$k0, c0_cause
	lui	$k1, %hi(KBASE)
	bltz	$k0, sys_in_delay_slot
	lw	$k1, KG_CUR_ENV($k1)
	nop
	SAVE_ALL
	sw	$zero, REC_REGS + 4*2($k1)	# v0 = 0 when it resumes
	mfc0	$k0, c0_epc
	nop
	addiu	$k0, $k0, 4
	sw	$k0, REC_RESUME_PC($k1)
	lui	$sp, %hi(KSTACK_TOP)
	move	$s0, $k1
	sw	$zero, REC_OVERRUNS($s0)	# it gave the processor back: no overrun streak
	lw	$t0, REC_FLAGS($s0)		# a yield ends an end-of-slice handler's grace
	li	$t1, ~REC_F_INEND
	and	$t0, $t0, $t1
	li	$t1, -1
	beq	$a0, $t1, k_next_slice
	sw	$t0, REC_FLAGS($s0)
	jal	k_env_by_id
	nop
	beqz	$v0, 1f
	nop
	lw	$t0, REC_STATUS($v0)
	li	$t1, ENV_RUNNABLE
	bne	$t0, $t1, 1f
	move	$a0, $v0
	j	k_enter
	li	$a1, 1				# as if its slice had started
1:	li	$t0, ENOENT			# no such runnable environment: the caller resumes
	sw	$t0, REC_REGS + 4*2($s0)
	move	$a0, $s0
	j	k_enter
	move	$a1, $zero

# ---------------------------------------------------------------------------------------------
# yield_light(a0 = environment id) (docs/exokernel.md §9): a directed yield that saves nothing
# (Aegis's yield hands the processor over and leaves state to the library OS, paper §5.1). The
# caller waits in the light yield: REC_LIGHT_KEY = its id, REC_LIGHT_PC = after its `syscall`.
# It resumes there with v0 = 0 when someone light-yields back to it or it is entered otherwise
# (its slice comes round, a yield): then with the registers of the one that resumed it, or its
# own from its last full save. A library OS keeps what it needs in its own memory first
# (programs/lib/exo.inc YIELD_LIGHT). The target, if it waits in a light yield, resumes at once
# with the caller's registers (given up like a PCT's message; v0 = 0, v1 its Status, k1 = 0);
# otherwise it is entered as by yield. No such runnable environment: ENOENT at once, every
# register kept. The fast path is a key compare as for PCT (kernel.s k_sys): a record's key is
# its id only while it waits, and 0 or NOKEY otherwise, which no a0 selecting it can equal.
	.globl	sys_yield_light
sys_yield_light:
	andi	$k1, $a0, NENV - 1
	sll	$k1, $k1, ENV_SHIFT
	lui	$k0, %hi(ENV_TABLE)
	addu	$k1, $k1, $k0			# the target's record
	lw	$k0, REC_LIGHT_KEY($k1)
	mfc0	$v0, c0_cause
	bne	$k0, $a0, yl_slow		# it does not wait in a light yield
	mfc0	$k0, c0_epc
	bltz	$v0, sys_in_delay_slot
	lui	$v0, %hi(KBASE)
	lw	$v1, KG_CUR_ENV($v0)		# the caller
	addiu	$k0, $k0, 4
	sw	$k1, KG_CUR_ENV($v0)
	lw	$v0, REC_ID($v1)
	sw	$k0, REC_LIGHT_PC($v1)
	sw	$v0, REC_LIGHT_KEY($v1)		# the caller waits now
	sw	$zero, REC_OVERRUNS($v1)	# it gave the processor back: no overrun streak
	lw	$k0, REC_FLAGS($v1)		# and ends an end-of-slice handler's grace
	li	$v0, ~REC_F_INEND
	and	$k0, $k0, $v0
	sw	$k0, REC_FLAGS($v1)
						# k1 = the target, waiting: enter it there
	lw	$k0, REC_ENTRYHI($k1)
	lw	$v1, REC_SR($k1)
	mtc0	$k0, c0_entryhi
	lw	$k0, REC_LIGHT_PC($k1)
	sw	$zero, REC_LIGHT_KEY($k1)	# it runs
	mtc0	$v1, c0_sr			# KUp = 1, IEp = 1: rfe enters user mode
	move	$v0, $zero
	move	$k1, $zero			# (no kernel address left in a register)
	jr	$k0
	rfe

# The target does not wait in a light yield: enter it in full if it is runnable (as yield does),
# the caller waiting in the light yield; else ENOENT at once.
yl_slow:					# v0 = Cause; v1 is the caller's until we commit
	bltz	$v0, sys_in_delay_slot
	lui	$v0, %hi(KBASE)
	beqz	$a0, 8f				# (index 0 is the kernel's record)
	lw	$v0, KG_CUR_ENV($v0)		# the caller
	lw	$k0, REC_STATUS($k1)
	beq	$v0, $k1, 9f			# itself: nothing to do
	xori	$k0, $k0, ENV_RUNNABLE
	bnez	$k0, 8f
	lw	$k0, REC_ID($k1)
	nop
	bne	$k0, $a0, 8f
	nop
	move	$v1, $v0			# committed: registers are no longer kept
	mfc0	$k0, c0_epc
	lw	$v0, REC_ID($v1)
	addiu	$k0, $k0, 4
	sw	$k0, REC_LIGHT_PC($v1)
	sw	$v0, REC_LIGHT_KEY($v1)		# the caller waits now
	sw	$zero, REC_OVERRUNS($v1)
	lw	$k0, REC_FLAGS($v1)
	li	$v0, ~REC_F_INEND
	and	$k0, $k0, $v0
	sw	$k0, REC_FLAGS($v1)
	lui	$sp, %hi(KSTACK_TOP)
	move	$a0, $k1
	j	k_enter
	li	$a1, 1				# as if its slice had started (as yield)
8:	j	nostack_return
	li	$v0, ENOENT
9:	j	nostack_return
	move	$v0, $zero

# ---------------------------------------------------------------------------------------------
# k_next_slice: start the next time slice (paper §5.1.1: round robin over the slice vector).
# Called on the kernel stack with nothing to keep; never returns. The slice that just ended is
# first re-pointed to KG_SLICE_OWNER (a synchronous PCT donated it, paper §5.5). An environment
# with excess time forfeits the slice (excess -= 1); a second pass ignores forfeits so a lone
# environment still runs. No live environment: halt with the recorded status.
	.globl	k_next_slice
k_next_slice:
	lui	$t0, %hi(RV_BASE)		# a page revocation's target gave the processor away
	lw	$t1, RV_G_ACTIVE($t0)		# (or died) before its dialogue was over: the abort
	nop					# protocol ends it first (krevoke.s)
	bnez	$t1, k_rv_end
	li	$a0, RV_HOW_LEFT
	lui	$s7, %hi(KBASE)
	lw	$t0, KG_NLIVE($s7)
	nop
	bnez	$t0, 1f
	nop
	lw	$a0, KG_LAST_STATUS($s7)
	break	HOOK, HOOK_HALT
1:	lw	$s2, KG_SLICE_POS($s7)
	lui	$t3, %hi(SLICE_VEC)
	sll	$t2, $s2, 2
	addu	$t3, $t3, $t2
	lw	$t4, %lo(SLICE_VEC)($t3)
	lw	$t5, KG_SLICE_OWNER($s7)
	beqz	$t4, 2f				# the slice was freed
	nop
	beqz	$t5, 2f				# its owner was destroyed: the slot keeps its holder
	nop
	sw	$t5, %lo(SLICE_VEC)($t3)
2:	li	$s1, 2 * NSLICE
3:	addiu	$s2, $s2, 1
	andi	$s2, $s2, NSLICE - 1
	sll	$t2, $s2, 2
	lui	$t3, %hi(SLICE_VEC)
	addu	$t3, $t3, $t2
	lw	$a0, %lo(SLICE_VEC)($t3)
	nop
	beqz	$a0, 4f
	nop
	lw	$t0, REC_STATUS($a0)
	li	$t1, ENV_RUNNABLE
	bne	$t0, $t1, 4f
	sltiu	$t1, $s1, NSLICE + 1		# second pass?
	bnez	$t1, 5f
	lw	$t0, REC_EXCESS($a0)
	nop
	beqz	$t0, 5f
	addiu	$t0, $t0, -1
	b	4f				# forfeit this one
	sw	$t0, REC_EXCESS($a0)
5:	sw	$s2, KG_SLICE_POS($s7)
	sw	$a0, KG_SLICE_OWNER($s7)
	# The slice lasts KG_QUANTUM cycles from now: restart the countdown and drop any tick that
	# came while the kernel switched (so a quantum shorter than a switch still lets the
	# environment run, instead of an interrupt at its first instruction).
	lui	$t3, %hi(RV_BASE)
	lw	$t2, RV_G_TICK($t3)
	lui	$t0, %hi(TIMER_BASE)
	beqz	$t2, 6f
	li	$t1, TIMER_RUN
	lw	$t2, KG_QUANTUM($s7)		# a revocation dialogue changed the period (krevoke.s)
	sw	$zero, RV_G_TICK($t3)
	sw	$t2, TIMER_PERIOD($t0)
6:	sw	$t1, TIMER_CONTROL($t0)		# (RUN alone: periodic again after a one-shot)
	sw	$zero, TIMER_PENDING($t0)
	lw	$t0, REC_N_SLICES($a0)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, REC_N_SLICES($a0)
	j	k_enter
	li	$a1, 1
4:	addiu	$s1, $s1, -1
	bnez	$s1, 3b
	nop
	li	$a0, REPORT_IDLE
	lw	$a1, KG_NLIVE($s7)
	jal	k_report
	nop
	li	$a0, 1
	break	HOOK, HOOK_HALT

# k_enter(a0 = record, a1 = 1 if a slice starts): install the environment (EntryHi = its ASID,
# Status with KUp = IEp = 1), restore its registers and enter it with `jr; rfe`. At a slice start
# an environment with a start-of-slice handler and an interrupt save area enters the handler with
# a0 = where it would have resumed; its a0 and that PC are in the save area (paper §5.1.1).
	.globl	k_enter
k_enter:
	lw	$t0, REC_FLAGS($a0)
	nop
	andi	$t1, $t0, REC_F_FRESH
	beqz	$t1, 2f
	xori	$t0, $t0, REC_F_FRESH
	# A loaded program's first entry: its pages go into the STLB again (other programs loaded
	# after it may have taken their slots), so it starts with every page of its boot map
	# reachable and needs no upcall before its start-up code has installed a handler.
	sw	$t0, REC_FLAGS($a0)
	move	$s0, $a0
	move	$s1, $a1
	lw	$s2, REC_BOOTPAGE($s0)
	lui	$t0, 0x8000
	sll	$s2, $s2, 12
	or	$s2, $s2, $t0			# the boot page (kseg0)
	lw	$s3, BOOT_NMAPS($s2)
	addiu	$s2, $s2, BOOT_MAPS
3:	beqz	$s3, 4f
	lw	$a0, 0($s2)			# va
	lw	$t0, REC_ENTRYHI($s0)
	lw	$a1, 4($s2)			# EntryLo
	jal	k_stlb_insert
	or	$a0, $a0, $t0
	addiu	$s3, $s3, -1
	b	3b
	addiu	$s2, $s2, BOOT_MAP_SIZE
4:	move	$a0, $s0
	move	$a1, $s1
2:	lw	$t0, REC_LIGHT_KEY($a0)		# waiting in a light yield: resume there, v0 = 0
	lw	$t1, REC_ID($a0)
	lw	$t2, REC_LIGHT_PC($a0)
	bne	$t0, $t1, 6f
	sw	$zero, REC_LIGHT_KEY($a0)	# (entered in full: not waiting any more)
	sw	$zero, REC_REGS + 4*2($a0)
	sw	$t2, REC_RESUME_PC($a0)
6:	lui	$t0, %hi(KBASE)
	sw	$a0, KG_CUR_ENV($t0)
	lw	$t1, REC_ENTRYHI($a0)
	lw	$t2, REC_SR($a0)
	mtc0	$t1, c0_entryhi
	lw	$k0, REC_RESUME_PC($a0)
	beqz	$a1, 1f
	lw	$t3, REC_SLICE_START($a0)
	lw	$t4, REC_INT_SAVE($a0)
	beqz	$t3, 1f
	nop
	beqz	$t4, 1f
	lw	$t5, REC_REGS + 4*4($a0)
	nop
	sw	$t5, 0($t4)
	sw	$k0, 4($t4)
	sw	$k0, REC_REGS + 4*4($a0)
	move	$k0, $t3
1:	move	$k1, $a0
	mtc0	$t2, c0_sr
	lw	$t0, REC_HI($k1)
	lw	$t1, REC_LO($k1)
	mthi	$t0
	mtlo	$t1
	lw	$1, REC_REGS + 4*1($k1)
	lw	$2, REC_REGS + 4*2($k1)
	lw	$3, REC_REGS + 4*3($k1)
	lw	$4, REC_REGS + 4*4($k1)
	lw	$5, REC_REGS + 4*5($k1)
	lw	$6, REC_REGS + 4*6($k1)
	lw	$7, REC_REGS + 4*7($k1)
	lw	$8, REC_REGS + 4*8($k1)
	lw	$9, REC_REGS + 4*9($k1)
	lw	$10, REC_REGS + 4*10($k1)
	lw	$11, REC_REGS + 4*11($k1)
	lw	$12, REC_REGS + 4*12($k1)
	lw	$13, REC_REGS + 4*13($k1)
	lw	$14, REC_REGS + 4*14($k1)
	lw	$15, REC_REGS + 4*15($k1)
	lw	$16, REC_REGS + 4*16($k1)
	lw	$17, REC_REGS + 4*17($k1)
	lw	$18, REC_REGS + 4*18($k1)
	lw	$19, REC_REGS + 4*19($k1)
	lw	$20, REC_REGS + 4*20($k1)
	lw	$21, REC_REGS + 4*21($k1)
	lw	$22, REC_REGS + 4*22($k1)
	lw	$23, REC_REGS + 4*23($k1)
	lw	$24, REC_REGS + 4*24($k1)
	lw	$25, REC_REGS + 4*25($k1)
	lw	$28, REC_REGS + 4*28($k1)
	lw	$29, REC_REGS + 4*29($k1)
	lw	$30, REC_REGS + 4*30($k1)
	lw	$31, REC_REGS + 4*31($k1)
	jr	$k0
	rfe

