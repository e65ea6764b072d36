# kernel.s: the exokernel's core, linked at 0x80000000 and copied there by the boot ROM.
# The two exception vectors (STLB refill, exception dispatch), the system-call dispatcher with its
# two paths, protected control transfer, time slices, environments and the program loader.
# Design and ABI: docs/exokernel.md; internal conventions: firmware/kconv.md; every number:
# layout.inc. Physical memory, capabilities and the TLB primitives are in kmem.s.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat

# ---------------------------------------------------------------------------------------------
# UTLB refill vector (0x80000000): a kuseg address missed in the TLB (r3000.md §1.4). Probe the
# STLB (paper §5.4: 4096 direct-mapped 8-byte entries in unmapped memory); a hit installs the
# entry with TLBWR and resumes: 17 instructions (paper: 18). Only k0/k1 are free, so `at` is parked
# in the globals page. Every load and MFC0 result is used at least two instructions later.
utlb_vector:
	mfc0	$k0, c0_entryhi			# VPN | ASID of the miss
	lui	$k1, %hi(KBASE)
	sw	$at, KG_SCRATCH($k1)
	srl	$at, $k0, 9
	xor	$at, $at, $k0
	andi	$at, $at, STLB_INDEX_MASK	# the hash: docs/exokernel.md §5
	addu	$k1, $k1, $at			# &stlb[index]
	lw	$at, 0($k1)			# tag
	lw	$k1, 4($k1)			# EntryLo
	bne	$at, $k0, stlb_miss
	lui	$k0, %hi(KBASE)			# (delay slot, both paths)
stlb_hit:
	lw	$at, KG_SCRATCH($k0)
	mtc0	$k1, c0_entrylo
	mfc0	$k0, c0_epc
	tlbwr
	jr	$k0
	rfe

# ---------------------------------------------------------------------------------------------
	.org	0x80
# General exception vector (0x80000080): dispatch (paper §5.3). dispatch[ExcCode] is the user
# handler (kuseg) or a kernel routine (kseg0, negative); dispatch_save[ExcCode], 64 bytes further,
# is the save area (kseg0: no TLB miss). The store in the branch delay slot is harmless for kernel
# routines (their dispatch_save is KG_DUMMY). User path: 16 instructions (paper: 18).
gen_vector:
	mfc0	$k0, c0_cause
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	andi	$k0, $k0, CAUSE_EXC_MASK	# ExcCode x 4
	addu	$k1, $k1, $k0
	lw	$k0, REC_DISPATCH($k1)
	lw	$k1, REC_DISPATCH_SAVE($k1)
	bltz	$k0, kernel_path
	sw	$a0, 0($k1)
	sw	$a1, 4($k1)
	sw	$a2, 8($k1)
	mfc0	$a0, c0_epc
	mfc0	$a1, c0_badvaddr
	mfc0	$a2, c0_cause
	jr	$k0
	rfe					# user mode, interrupts as the environment had them
kernel_path:
	jr	$k0
	andi	$k1, $v0, NENV - 1		# (delay) for k_sys: the PCT callee's index

# STLB miss (from utlb_vector: k0 = KBASE, `at` parked in KG_SCRATCH). A miss in the pinned
# segment (below PINNED_LIMIT) is served from the environment's guaranteed mappings (paper §5.4:
# "a TLB miss on one of these is handled by Aegis itself"), which also fills the STLB; any other
# miss goes to the environment's TLBL/TLBS handler through gen_vector, like any exception.
stlb_miss:
	mfc0	$k1, c0_badvaddr
	nop
	srl	$k1, $k1, 22			# PINNED_LIMIT = 1 << 22
	bnez	$k1, stlb_upcall
	lw	$k1, KG_CUR_ENV($k0)
	mfc0	$k0, c0_entryhi			# VPN | ASID of the miss
	.rept	NGUAR				# the VPN decides: the mappings follow the environment
	lw	$at, REC_GUAR($k1)		# into every ASID it owns (asid_switch)
	addiu	$k1, $k1, 8
	xor	$at, $at, $k0
	srl	$at, $at, 12
	beqz	$at, guar_hit
	nop
	.endr
stlb_upcall:
	# A miss on the first instruction of the handler it would be dispatched to can never be
	# served (the handler's own page is gone): that environment would loop here forever.
	lui	$k0, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k0)
	mfc0	$k0, c0_cause
	nop
	andi	$k0, $k0, CAUSE_EXC_MASK
	addu	$k1, $k1, $k0
	lw	$k1, REC_DISPATCH($k1)		# where this miss is going
	mfc0	$k0, c0_epc
	nop
	beq	$k0, $k1, handler_unmapped
	lui	$k0, %hi(KBASE)
	lw	$at, KG_SCRATCH($k0)
	j	gen_vector
	nop
handler_unmapped:
	lw	$at, KG_SCRATCH($k0)
	j	k_kill_report
	li	$s2, REPORT_HANDLER_UNMAPPED
guar_hit:					# k1 = the slot + 8
	lw	$k1, REC_GUAR - 8 + 4($k1)	# EntryLo (0: an empty slot; page 0 is never guaranteed)
	nop
	beqz	$k1, stlb_upcall
	srl	$at, $k0, 9
	xor	$at, $at, $k0
	mtc0	$k1, c0_entrylo
	andi	$at, $at, STLB_INDEX_MASK
	lui	$k1, %hi(KBASE)
	addu	$at, $at, $k1
	sw	$k0, 0($at)			# the STLB keeps it too
	mfc0	$k0, c0_entrylo
	nop
	sw	$k0, 4($at)
	tlbwr
	lw	$at, KG_SCRATCH($k1)
	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe

# ---------------------------------------------------------------------------------------------
# System calls (docs/exokernel.md §7-§8). Entered from kernel_path with k1 = v0 & 63.
# The synchronous PCT fast path comes first: v0 = PCT_SYNC << 24 | callee id equals the callee's
# REC_SYNC_KEY exactly when the callee is live and accepts synchronous calls. Otherwise the key
# is NOKEY (kmacros.inc): its low 6 bits differ from the record's index, and the record was
# chosen by v0's low 6 bits, so no v0 at all can match it. 30 instructions from the
# `syscall` to the callee's first instruction (paper: 30).
k_sys:
	sll	$k1, $k1, ENV_SHIFT
	lui	$k0, %hi(ENV_TABLE)
	addu	$k1, $k1, $k0			# callee record (if this is a PCT)
	lw	$k0, REC_SYNC_KEY($k1)
	nop
	bne	$k0, $v0, sys_other
	lw	$k0, REC_ENTRYHI($k1)		# (delay) callee's address space
pct_sync_go:
	lui	$v0, %hi(KBASE)
	mtc0	$k0, c0_entryhi
	lw	$k0, KG_CUR_ENV($v0)		# caller
	sw	$k1, KG_CUR_ENV($v0)
	sw	$k1, KG_SLICE_OWNER($v0)	# donate this slice and its future instances (paper §5.5)
	lw	$v0, REC_ID($k0)		# v0 = the caller's id: the one register changed
	lw	$k0, REC_SR($k1)
	lw	$k1, REC_PCT_SYNC($k1)
	mtc0	$k0, c0_sr			# KUp = 1, IEp = 1: rfe enters user mode
	jr	$k1
	rfe

# Ordinary system calls, asynchronous PCT and refused PCTs (those are >= SYS_LIMIT unsigned, so
# the class byte is looked at only off the no-stack path: sys_stack).
sys_other:
	sltiu	$k1, $v0, SYS_NOSTACK_LIMIT
	beqz	$k1, sys_stack
	sll	$k1, $v0, 2
	lui	$k0, %hi(nostack_table)
	addu	$k0, $k0, $k1
	lw	$k0, %lo(nostack_table)($k0)
	nop
	jr	$k0
	nop

# Return from a no-stack call (and the end of the stack path): resume at EPC + 4 with v0 set.
# A syscall in a branch delay slot cannot be resumed (EPC names the branch), so it kills the
# environment instead of looping (docs/exokernel.md §7).
	.globl	nostack_return
nostack_return:
	mfc0	$k0, c0_epc
	mfc0	$k1, c0_cause
	addiu	$k0, $k0, 4
	bltz	$k1, sys_in_delay_slot
	nop
	jr	$k0
	rfe

sys_null:
	j	nostack_return
	move	$v0, $zero

sys_getenvid:
	lui	$k0, %hi(KBASE)
	lw	$k0, KG_CUR_ENV($k0)
	nop
	j	nostack_return
	lw	$v0, REC_ID($k0)

sys_enosys:
	j	nostack_return
	li	$v0, ENOSYS

# asid_switch(a0 = ASID the caller owns): CIDswitch (paper Table 3). The environment's
# REC_ENTRYHI follows, so it resumes in the same address space after a switch.
sys_asid_switch:
	sltiu	$k0, $a0, 64
	beqz	$k0, nostack_return
	li	$v0, EINVAL
	sll	$k0, $a0, 2
	lui	$k1, %hi(ASID_OWNER)
	addu	$k1, $k1, $k0
	lw	$k1, %lo(ASID_OWNER)($k1)
	lui	$k0, %hi(KBASE)
	lw	$k0, KG_CUR_ENV($k0)
	nop
	bne	$k0, $k1, nostack_return
	li	$v0, EPERM
	sll	$k1, $a0, 6
	mtc0	$k1, c0_entryhi
	sw	$k1, REC_ENTRYHI($k0)
	j	nostack_return
	move	$v0, $zero

# The stack path (paper §5.2): the caller's sp, ra and at are kept in the globals, the call runs
# on the kernel stack as a function (kconv.md kind 2) and returns through nostack_return.
sys_stack:
	sltiu	$k1, $v0, SYS_LIMIT
	beqz	$k1, sys_big
	lui	$k0, %hi(KBASE)
	sw	$sp, KG_SAVE_SP($k0)
	sw	$ra, KG_SAVE_RA($k0)
	sw	$at, KG_SAVE_AT($k0)
	lui	$sp, %hi(KSTACK_TOP)
	sll	$k1, $v0, 2
	lui	$k0, %hi(stack_table - 4 * SYS_NOSTACK_LIMIT)
	addu	$k0, $k0, $k1
	lw	$k0, %lo(stack_table - 4 * SYS_NOSTACK_LIMIT)($k0)
	nop
	jalr	$k0
	nop
	lui	$k0, %hi(KBASE)
	lw	$ra, KG_SAVE_RA($k0)
	lw	$at, KG_SAVE_AT($k0)
	j	nostack_return
	lw	$sp, KG_SAVE_SP($k0)

sys_big:					# v0 >= SYS_LIMIT: a PCT class byte, or no call at all
	srl	$k0, $v0, 24
	bnez	$k0, pct_other
	nop
	j	nostack_return
	li	$v0, ENOSYS

sys_null_stack:
	jr	$ra
	move	$v0, $zero

# ---------------------------------------------------------------------------------------------
# Register save and restore of a whole environment (REC_REGS, REC_HI, REC_LO). Used when the
# kernel takes the processor away invisibly (no end-of-slice handler), on yield and on an
# asynchronous PCT. k1 = the record; k0 is clobbered; every other register is kept.
	.macro	SAVE_ALL
	sw	$1, REC_REGS + 4*1($k1)
	sw	$2, REC_REGS + 4*2($k1)
	sw	$3, REC_REGS + 4*3($k1)
	sw	$4, REC_REGS + 4*4($k1)
	sw	$5, REC_REGS + 4*5($k1)
	sw	$6, REC_REGS + 4*6($k1)
	sw	$7, REC_REGS + 4*7($k1)
	sw	$8, REC_REGS + 4*8($k1)
	sw	$9, REC_REGS + 4*9($k1)
	sw	$10, REC_REGS + 4*10($k1)
	sw	$11, REC_REGS + 4*11($k1)
	sw	$12, REC_REGS + 4*12($k1)
	sw	$13, REC_REGS + 4*13($k1)
	sw	$14, REC_REGS + 4*14($k1)
	sw	$15, REC_REGS + 4*15($k1)
	sw	$16, REC_REGS + 4*16($k1)
	sw	$17, REC_REGS + 4*17($k1)
	sw	$18, REC_REGS + 4*18($k1)
	sw	$19, REC_REGS + 4*19($k1)
	sw	$20, REC_REGS + 4*20($k1)
	sw	$21, REC_REGS + 4*21($k1)
	sw	$22, REC_REGS + 4*22($k1)
	sw	$23, REC_REGS + 4*23($k1)
	sw	$24, REC_REGS + 4*24($k1)
	sw	$25, REC_REGS + 4*25($k1)
	sw	$28, REC_REGS + 4*28($k1)
	sw	$29, REC_REGS + 4*29($k1)
	sw	$30, REC_REGS + 4*30($k1)
	sw	$31, REC_REGS + 4*31($k1)
	mfhi	$k0
	sw	$k0, REC_HI($k1)
	mflo	$k0
	sw	$k0, REC_LO($k1)
	.endm

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
k_int:
	lui	$k0, %hi(TIMER_BASE)
	sw	$zero, TIMER_PENDING($k0)	# acknowledge (every pending tick: one slice ends once)
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	nop
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
# Asynchronous PCT and refused PCTs (v0 = class << 24 | id; the sync key did not match).
# Asynchronous (paper §5.5: donates the rest of this slice only): the caller is saved (it resumes
# after the syscall with v0 = 0 when next scheduled) and the callee runs at its async entry with
# the caller's registers as the message and v0 = the caller's id. The slice owner is unchanged.
pct_other:
	andi	$k1, $v0, NENV - 1
	sll	$k1, $k1, ENV_SHIFT
	lui	$k0, %hi(ENV_TABLE)
	addu	$k1, $k1, $k0			# callee record
	lw	$k0, REC_ASYNC_KEY($k1)
	nop
	bne	$k0, $v0, pct_refused
	nop
pct_async_go:
	mfc0	$k0, c0_cause
	nop
	bltz	$k0, sys_in_delay_slot
	lui	$k0, %hi(KBASE)
	sw	$k1, KG_TEMP($k0)
	lw	$k1, KG_CUR_ENV($k0)
	nop
	SAVE_ALL
	sw	$zero, REC_REGS + 4*2($k1)	# the caller's v0 when it resumes
	mfc0	$k0, c0_epc
	nop
	addiu	$k0, $k0, 4
	sw	$k0, REC_RESUME_PC($k1)
	lw	$v0, REC_ID($k1)		# the message: v0 = caller id, all else the caller's
	lui	$k0, %hi(KBASE)
	lw	$k1, KG_TEMP($k0)
	nop
	sw	$k1, KG_CUR_ENV($k0)
	lw	$k0, REC_ENTRYHI($k1)
	nop
	mtc0	$k0, c0_entryhi
	lw	$k0, REC_SR($k1)
	lw	$k1, REC_PCT_ASYNC($k1)
	mtc0	$k0, c0_sr
	jr	$k1
	rfe

# A PCT that cannot happen: the caller continues with v0 = ENOENT (no such live, started
# environment: ids carry a generation, so a destroyed one's id never matches), EPERM (it has no
# entry for that kind of call) or ENOSYS (not a PCT class).
pct_refused:
	srl	$k0, $v0, 24
	sltiu	$k0, $k0, PCT_ASYNC + 1
	beqz	$k0, pct_enosys
	lw	$k0, REC_STATUS($k1)
	nop
	xori	$k0, $k0, ENV_RUNNABLE
	bnez	$k0, pct_enoent
	lw	$k0, REC_ID($k1)
	sll	$k1, $v0, 8
	srl	$k1, $k1, 8			# the id v0 named
	bne	$k0, $k1, pct_enoent
	nop
	j	nostack_return
	li	$v0, EPERM
pct_enoent:
	j	nostack_return
	li	$v0, ENOENT
pct_enosys:
	j	nostack_return
	li	$v0, ENOSYS

# A syscall in a branch delay slot: the environment is destroyed (docs/exokernel.md §7).
sys_in_delay_slot:
	lui	$sp, %hi(KSTACK_TOP)
	lui	$s0, %hi(KBASE)
	lw	$s0, KG_CUR_ENV($s0)
	li	$a0, REPORT_DELAY_SYSCALL
	lw	$a1, REC_ID($s0)
	mfc0	$a3, c0_epc
	jal	k_report
	nop
	move	$a0, $s0
	jal	k_destroy
	li	$a1, 128 + 31			# SIGSYS
	j	k_next_slice
	nop

# ---------------------------------------------------------------------------------------------
# An exception the environment has no handler for (or no save area): a kernel message, then the
# environment is destroyed with status 128 + the signal Linux would send (docs/machine.md).
k_kill:
	li	$s2, REPORT_KILLED
k_kill_report:					# s2 = the report (the environment's registers are lost)
	lui	$sp, %hi(KSTACK_TOP)
	lui	$s0, %hi(KBASE)
	lw	$s0, KG_CUR_ENV($s0)
	mfc0	$s1, c0_cause
	nop
	srl	$s1, $s1, 2
	andi	$s1, $s1, 15			# ExcCode
	sll	$t0, $s1, 2
	addu	$t0, $t0, $s0
	lw	$t0, REC_HANDLERS($t0)
	move	$a0, $s2
	beqz	$t0, 1f
	li	$t1, REPORT_KILLED
	bne	$s2, $t1, 1f
	nop
	li	$a0, REPORT_BADSAVE		# a handler, but no save area to dispatch with
1:	lw	$a1, REC_ID($s0)
	move	$a2, $s1
	mfc0	$a3, c0_epc
	jal	k_report
	nop
	la	$t0, exc_signal
	addu	$t0, $t0, $s1
	lbu	$a1, 0($t0)
	move	$a0, $s0
	jal	k_destroy
	addiu	$a1, $a1, 128
	j	k_next_slice
	nop

# A kernel-mode exception (the kernel pseudo-record in slot 0 dispatches every code here): a
# kernel bug. Print and halt with 255.
k_panic:
	la	$a0, msg_panic
	li	$a1, msg_panic_end - msg_panic
	break	HOOK, HOOK_CONSOLE_WRITE
	li	$a0, 255
	break	HOOK, HOOK_HALT

# ---------------------------------------------------------------------------------------------
# k_next_slice: start the next time slice (paper §5.1.1: round robin over the slice vector).
# Called on the kernel stack with nothing to keep; never returns. The slice that just ended is
# first re-pointed to KG_SLICE_OWNER (a synchronous PCT donated it, paper §5.5). An environment
# with excess time forfeits the slice (excess -= 1); a second pass ignores forfeits so a lone
# environment still runs. No live environment: halt with the recorded status.
	.globl	k_next_slice
k_next_slice:
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
	lui	$t0, %hi(TIMER_BASE)
	li	$t1, TIMER_RUN
	sw	$t1, TIMER_CONTROL($t0)
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
2:	lui	$t0, %hi(KBASE)
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

# ---------------------------------------------------------------------------------------------
# Internal functions (kconv.md kind 3: o32).

# k_report(a0 = REPORT_*, a1..a3): one kernel message line (HOOK_REPORT).
	.globl	k_report
k_report:
	break	HOOK, HOOK_REPORT
	jr	$ra
	nop

# k_env_by_id(a0 = id, 0 = current) -> v0 = live record or 0.
	.globl	k_env_by_id
k_env_by_id:
	bnez	$a0, 1f
	lui	$v0, %hi(KBASE)
	jr	$ra
	lw	$v0, KG_CUR_ENV($v0)
1:	andi	$t0, $a0, NENV - 1
	beqz	$t0, 2f
	sll	$t0, $t0, ENV_SHIFT
	lui	$v0, %hi(ENV_TABLE)
	addu	$v0, $v0, $t0
	lw	$t1, REC_STATUS($v0)
	lw	$t2, REC_ID($v0)
	beqz	$t1, 2f
	nop
	bne	$t2, $a0, 2f
	nop
	jr	$ra
	nop
2:	jr	$ra
	move	$v0, $zero

# k_env_auth(a0 = id, 0 = self, a1 = its capability) -> v0 = record, or ENOENT / ECAP.
# Acting on oneself needs no capability; on another environment, its environment capability.
k_env_auth:
	move	$t9, $ra
	jal	k_env_by_id
	move	$t8, $a0
	beqz	$v0, 1f
	nop
	beqz	$t8, 2f				# self
	nop
	lw	$t0, REC_CAP($v0)
	nop
	beq	$t0, $a1, 2f
	nop
	lui	$t0, %hi(KBASE)			# a refused capability is counted against the caller
	lw	$t0, KG_CUR_ENV($t0)
	nop
	lw	$t1, REC_N_BADCAP($t0)
	nop
	addiu	$t1, $t1, 1
	sw	$t1, REC_N_BADCAP($t0)
	jr	$t9
	li	$v0, ECAP
1:	jr	$t9
	li	$v0, ENOENT
2:	jr	$t9
	nop

# k_env_redispatch(a0 = record): recompute REC_DISPATCH / REC_DISPATCH_SAVE from REC_HANDLERS and
# REC_SAVE (a user handler only when both are set; else k_kill), and the PCT keys.
	.globl	k_env_redispatch
k_env_redispatch:
	lw	$t0, REC_SAVE($a0)
	la	$t9, k_kill
	li	$t8, KBASE + KG_DUMMY
	move	$t1, $zero
1:	sll	$t2, $t1, 2
	addu	$t3, $a0, $t2
	lw	$t4, REC_HANDLERS($t3)
	move	$t5, $t9
	move	$t6, $t8
	beqz	$t4, 2f
	nop
	beqz	$t0, 2f
	nop
	move	$t5, $t4
	move	$t6, $t0
2:	sw	$t5, REC_DISPATCH($t3)
	sw	$t6, REC_DISPATCH_SAVE($t3)
	addiu	$t1, $t1, 1
	sltiu	$t2, $t1, 16
	bnez	$t2, 1b
	nop
	la	$t5, k_int
	sw	$t5, REC_DISPATCH + 4*EXC_INT($a0)
	sw	$t8, REC_DISPATCH_SAVE + 4*EXC_INT($a0)
	la	$t5, k_sys
	sw	$t5, REC_DISPATCH + 4*EXC_SYS($a0)
	sw	$t8, REC_DISPATCH_SAVE + 4*EXC_SYS($a0)
	# PCT keys: class << 24 | id while live and started with that entry set; else NOKEY.
	lw	$t1, REC_STATUS($a0)
	lw	$t2, REC_ID($a0)
	li	$t3, ENV_RUNNABLE
	NOKEY	$t4, $a0
	bne	$t1, $t3, 4f
	move	$t5, $t4
	lw	$t6, REC_PCT_SYNC($a0)
	lw	$t7, REC_PCT_ASYNC($a0)
	beqz	$t6, 3f
	nop
	lui	$t4, PCT_SYNC << 8
	or	$t4, $t4, $t2
3:	beqz	$t7, 4f
	nop
	lui	$t5, PCT_ASYNC << 8
	or	$t5, $t5, $t2
4:	sw	$t4, REC_SYNC_KEY($a0)
	jr	$ra
	sw	$t5, REC_ASYNC_KEY($a0)

# k_env_new(a0 = environment capability, a1 = creator id) -> v0 = record (status ENV_CREATED)
# or ENOMEM. A free slot whose ASID is free too; the record is cleared except its generation, so
# the new id (generation << 6 | index) differs from every earlier one of the slot.
# ASID of slot i = i with its 6 bits reversed (asid_of_slot): the STLB hash spreads ASIDs
# (ASID << 3) ^ VPN, so two environments' pages meet in one STLB entry only when their VPNs
# differ by (ASID1 ^ ASID2) << 3; reversed small indices differ in their high bits (slots 1-7
# get 32, 16, 48, 8, 40, 24, 56), so the first programs' images must be over 256 KiB apart to
# collide, where plain indices would collide 8 pages apart (text 0x00400000, data 0x00410000).
k_env_new:
	li	$t0, 1
	lui	$t1, %hi(ENV_TABLE)
1:	sll	$t2, $t0, ENV_SHIFT
	addu	$v0, $t1, $t2
	lw	$t3, REC_STATUS($v0)
	la	$t4, asid_of_slot
	addu	$t4, $t4, $t0
	lbu	$t4, 0($t4)			# its ASID
	nop
	sll	$t4, $t4, 2
	lui	$t5, %hi(ASID_OWNER)
	addu	$t5, $t5, $t4
	lw	$t5, %lo(ASID_OWNER)($t5)
	bnez	$t3, 2f
	nop
	beqz	$t5, 3f
	nop
2:	addiu	$t0, $t0, 1
	sltiu	$t2, $t0, NENV
	bnez	$t2, 1b
	nop
	jr	$ra
	li	$v0, ENOMEM
3:	lw	$t6, REC_GEN($v0)		# clear the record, keeping the generation
	move	$t2, $zero
4:	addu	$t3, $v0, $t2
	sw	$zero, 0($t3)
	addiu	$t2, $t2, 4
	sltiu	$t3, $t2, ENV_SIZE
	bnez	$t3, 4b
	nop
	sw	$t6, REC_GEN($v0)
	sll	$t6, $t6, 6
	or	$t6, $t6, $t0
	sw	$t6, REC_ID($v0)
	sw	$a0, REC_CAP($v0)
	sll	$t2, $t4, 4			# (ASID x 4) << 4 = ASID << 6
	sw	$t2, REC_ENTRYHI($v0)
	sw	$t2, REC_STLB_TAG($v0)
	li	$t2, SR_IM_TIMER | SR_KUP | SR_IEP
	sw	$t2, REC_SR($v0)
	li	$t2, ENV_CREATED
	sw	$t2, REC_STATUS($v0)
	sw	$a1, REC_CREATOR($v0)
	lui	$t5, %hi(ASID_OWNER)
	addu	$t5, $t5, $t4
	sw	$v0, %lo(ASID_OWNER)($t5)
	lui	$t2, %hi(KBASE)
	lw	$t3, KG_NLIVE($t2)
	nop
	addiu	$t3, $t3, 1
	sw	$t3, KG_NLIVE($t2)
	addiu	$sp, $sp, -8
	sw	$ra, 0($sp)
	sw	$v0, 4($sp)
	jal	k_env_redispatch
	move	$a0, $v0
	lw	$ra, 0($sp)
	lw	$v0, 4($sp)
	jr	$ra
	addiu	$sp, $sp, 8

# k_destroy(a0 = record, a1 = exit status, or -1 not to record one): frees its pages (every
# binding broken: kmem.s), its ASIDs (their TLB and STLB entries flushed), its slices, and the
# slot (generation + 1, so its id dies with it). The machine's status is the first non-zero one
# recorded (docs/exokernel.md §7 `exit`).
	.globl	k_destroy
k_destroy:
	addiu	$sp, $sp, -16
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	move	$s0, $a0
	bltz	$a1, 1f
	sw	$a1, REC_EXIT($s0)
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_LAST_STATUS($t0)
	nop
	bnez	$t1, 1f
	nop
	sw	$a1, KG_LAST_STATUS($t0)
1:	jal	k_page_free_all
	lw	$a0, REC_ID($s0)
	li	$s1, 1				# ASIDs
2:	sll	$t0, $s1, 2
	lui	$t1, %hi(ASID_OWNER)
	addu	$t1, $t1, $t0
	lw	$t2, %lo(ASID_OWNER)($t1)
	nop
	bne	$t2, $s0, 3f
	nop
	sw	$zero, %lo(ASID_OWNER)($t1)
	jal	k_flush_asid
	move	$a0, $s1
3:	addiu	$s1, $s1, 1
	sltiu	$t0, $s1, 64
	bnez	$t0, 2b
	nop
	move	$t0, $zero			# slices
	lui	$t1, %hi(SLICE_VEC)
4:	addu	$t2, $t1, $t0
	lw	$t3, %lo(SLICE_VEC)($t2)
	nop
	bne	$t3, $s0, 5f
	nop
	sw	$zero, %lo(SLICE_VEC)($t2)
5:	addiu	$t0, $t0, 4
	sltiu	$t3, $t0, 4 * NSLICE
	bnez	$t3, 4b
	nop
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_SLICE_OWNER($t0)
	nop
	bne	$t1, $s0, 6f
	nop
	sw	$zero, KG_SLICE_OWNER($t0)
6:	lw	$t1, KG_NLIVE($t0)
	nop
	addiu	$t1, $t1, -1
	sw	$t1, KG_NLIVE($t0)
	lw	$t1, REC_GEN($s0)
	lui	$t2, 0x3
	ori	$t2, $t2, 0xffff		# generations wrap at 2^18 (ids are 24 bits)
	addiu	$t1, $t1, 1
	and	$t1, $t1, $t2
	sw	$t1, REC_GEN($s0)
	sw	$zero, REC_STATUS($s0)
	sw	$zero, REC_ID($s0)
	NOKEY	$t1, $s0
	sw	$t1, REC_SYNC_KEY($s0)
	sw	$t1, REC_ASYNC_KEY($s0)
	sw	$zero, REC_SAVE($s0)
	sw	$zero, REC_INT_SAVE($s0)
	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	jr	$ra
	addiu	$sp, $sp, 16

# ---------------------------------------------------------------------------------------------
# Stack system calls (kconv.md kind 2) about environments, slices and ASIDs.

	.macro	CHECK_KUSEG_PC reg, fail	# a user PC: kuseg and word aligned
	bltz	\reg, \fail
	andi	$t0, \reg, 3
	bnez	$t0, \fail
	nop
	.endm

# env_create(a0 = capability of the new environment) -> id.
sys_env_create:
	KSAVE
	beqz	$a0, ret_einval
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	nop
	jal	k_env_new
	lw	$a1, REC_ID($t0)
	IFERR	$v0, ret_v0
	nop
	b	ret_v0
	lw	$v0, REC_ID($v0)

# env_destroy(a0 = id or 0 = self, a1 = its capability) -> 0; destroying oneself does not return.
sys_env_destroy:
	KSAVE
	jal	k_env_auth
	nop
	IFERR	$v0, ret_v0
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	move	$a0, $v0
	beq	$v0, $t0, 1f
	nop
	jal	k_destroy
	li	$a1, -1
	b	ret_v0
	move	$v0, $zero
1:	jal	k_destroy			# oneself: exit status 0
	move	$a1, $zero
	lui	$sp, %hi(KSTACK_TOP)
	j	k_next_slice
	nop

# env_set(a0 = id or 0, a1 = field, a2 = value, a3 = capability) -> 0 (docs/exokernel.md §7).
sys_env_set:
	KSAVE
	move	$s1, $a1
	move	$s2, $a2
	jal	k_env_auth
	move	$a1, $a3
	IFERR	$v0, ret_v0
	move	$s0, $v0
	li	$t1, FIELD_SR
	beq	$s1, $t1, set_sr
	li	$t1, FIELD_SAVE
	beq	$s1, $t1, set_save
	li	$t1, FIELD_INT_SAVE
	beq	$s1, $t1, set_save
	andi	$t1, $s1, 3
	bnez	$t1, ret_einval
	sltiu	$t1, $s1, FIELD_HANDLER
	bnez	$t1, ret_einval
	sltiu	$t1, $s1, FIELD_HANDLER + 64
	bnez	$t1, set_handler
	sltiu	$t1, $s1, FIELD_SLICE_START
	bnez	$t1, ret_einval
	sltiu	$t1, $s1, FIELD_PCT_ASYNC + 4
	beqz	$t1, ret_einval
	nop
set_pc:						# slice_start/end, pct_sync/async: a kuseg PC or 0
	CHECK_KUSEG_PC $s2, ret_einval
set_word:
	addu	$t0, $s0, $s1
	sw	$s2, 0($t0)
	jal	k_env_redispatch
	move	$a0, $s0
	b	ret_v0
	move	$v0, $zero
set_handler:					# not Int or Sys: the kernel keeps those
	li	$t1, FIELD_HANDLER + 4 * EXC_INT
	beq	$s1, $t1, ret_einval
	li	$t1, FIELD_HANDLER + 4 * EXC_SYS
	beq	$s1, $t1, ret_einval
	nop
	b	set_pc
	nop
set_sr:						# only CU1 is the environment's choice
	li	$t1, ~SR_CU1
	and	$t1, $s2, $t1
	bnez	$t1, ret_einval
	li	$t1, SR_IM_TIMER | SR_KUP | SR_IEP
	or	$t1, $t1, $s2
	sw	$t1, REC_SR($s0)
	b	ret_v0
	move	$v0, $zero
set_save:					# a physical address (or 0): 16 bytes in one page it owns
	beqz	$s2, set_word
	andi	$t1, $s2, 3
	bnez	$t1, ret_einval
	andi	$t1, $s2, 0xfff
	sltiu	$t1, $t1, 0x1000 - 16 + 1
	beqz	$t1, ret_einval
	srl	$t1, $s2, 12			# page number
	lui	$t2, %hi(KBASE)
	lw	$t2, KG_NPAGES($t2)
	nop
	sltu	$t2, $t1, $t2
	beqz	$t2, ret_einval
	sll	$t1, $t1, PG_SHIFT
	lui	$t2, %hi(PAGE_TABLE)
	addu	$t2, $t2, $t1
	lw	$t2, %lo(PAGE_TABLE) + PG_OWNER($t2)
	lw	$t3, REC_ID($s0)
	nop
	beq	$t2, $t3, 1f			# the target's own page
	lui	$t1, %hi(KBASE)
	lw	$t1, KG_CUR_ENV($t1)		# or the caller's page, set by the caller for a child
	lw	$t4, REC_CREATOR($s0)
	lw	$t1, REC_ID($t1)
	nop
	bne	$t4, $t1, ret_eperm
	nop
	bne	$t2, $t1, ret_eperm
	nop
1:	lui	$t1, 0x8000
	b	set_word
	or	$s2, $s2, $t1			# kept as its kseg0 address

# env_start(a0 = id, a1 = capability, a2 = first pc, a3 = its a0) -> 0. Registers start at 0.
sys_env_start:
	KSAVE
	move	$s1, $a2
	move	$s2, $a3
	jal	k_env_auth
	nop
	IFERR	$v0, ret_v0
	move	$s0, $v0
	lw	$t1, REC_STATUS($s0)
	li	$t2, ENV_CREATED
	bne	$t1, $t2, ret_ebusy
	nop
	beqz	$s1, ret_einval
	nop
	CHECK_KUSEG_PC $s1, ret_einval
	addiu	$t0, $s0, REC_REGS
	addiu	$t1, $s0, REC_LO + 4
1:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 1b
	nop
	sw	$s2, REC_REGS + 4*4($s0)
	sw	$s1, REC_RESUME_PC($s0)
	li	$t1, ENV_RUNNABLE
	sw	$t1, REC_STATUS($s0)
	jal	k_env_redispatch
	move	$a0, $s0
	b	ret_v0
	move	$v0, $zero

# slice_alloc(a0 = slice or -1, a1 = id or 0, a2 = capability) -> slice index.
sys_slice_alloc:
	KSAVE
	move	$s1, $a0
	move	$a0, $a1
	jal	k_env_auth
	move	$a1, $a2
	IFERR	$v0, ret_v0
	move	$s0, $v0
	lui	$t1, %hi(SLICE_VEC)
	li	$t0, -1
	bne	$s1, $t0, 2f
	move	$t0, $zero
1:	sll	$t2, $t0, 2				# any free slice
	addu	$t2, $t2, $t1
	lw	$t3, %lo(SLICE_VEC)($t2)
	nop
	beqz	$t3, 3f
	nop
	addiu	$t0, $t0, 1
	sltiu	$t3, $t0, NSLICE
	bnez	$t3, 1b
	nop
	b	ret_v0
	li	$v0, ENOMEM
2:	sltiu	$t0, $s1, NSLICE
	beqz	$t0, ret_einval
	sll	$t2, $s1, 2
	addu	$t2, $t2, $t1
	lw	$t3, %lo(SLICE_VEC)($t2)
	move	$t0, $s1
	bnez	$t3, ret_ebusy
	nop
3:	sw	$s0, %lo(SLICE_VEC)($t2)
	b	ret_v0
	move	$v0, $t0

# slice_free(a0 = slice, a1 = id or 0, a2 = capability) -> 0.
sys_slice_free:
	KSAVE
	move	$s1, $a0
	move	$a0, $a1
	jal	k_env_auth
	move	$a1, $a2
	IFERR	$v0, ret_v0
	sltiu	$t0, $s1, NSLICE
	beqz	$t0, ret_einval
	sll	$t2, $s1, 2
	lui	$t1, %hi(SLICE_VEC)
	addu	$t2, $t2, $t1
	lw	$t3, %lo(SLICE_VEC)($t2)
	nop
	bne	$t3, $v0, ret_eperm
	nop
	sw	$zero, %lo(SLICE_VEC)($t2)
	b	ret_v0
	move	$v0, $zero

# asid_alloc() -> an ASID the caller now owns (from the top, away from new environments' slots).
sys_asid_alloc:
	KSAVE
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	li	$t1, 63
	lui	$t2, %hi(ASID_OWNER)
1:	sll	$t3, $t1, 2
	addu	$t3, $t3, $t2
	lw	$t4, %lo(ASID_OWNER)($t3)
	nop
	beqz	$t4, 2f
	nop
	addiu	$t1, $t1, -1
	bnez	$t1, 1b
	nop
	b	ret_v0
	li	$v0, ENOMEM
2:	sw	$t0, %lo(ASID_OWNER)($t3)
	b	ret_v0
	move	$v0, $t1

# exit(a0 = status): the environment is destroyed; the last one's exit halts the machine.
sys_exit:
	andi	$a1, $a0, 0xff
	lui	$t0, %hi(KBASE)
	lw	$a0, KG_CUR_ENV($t0)
	jal	k_destroy
	nop
	j	k_next_slice
	nop

# Common returns of the stack calls above (they all begin with KSAVE).
ret_einval:
	b	ret_v0
	li	$v0, EINVAL
ret_eperm:
	b	ret_v0
	li	$v0, EPERM
ret_ebusy:
	li	$v0, EBUSY
ret_v0:
	KRESTORE
	jr	$ra
	nop

sys_enosys_stack:
	jr	$ra
	li	$v0, ENOSYS

# ---------------------------------------------------------------------------------------------
# Boot (docs/exokernel.md §3): entered from the boot ROM in kernel mode, interrupts off, BEV = 0.
	.globl	kernel_entry
kernel_entry:
	lui	$sp, %hi(KSTACK_TOP)
	lui	$s7, %hi(KBASE)
	# Clear the environment table, the slice vector, the ASID owners and the globals.
	lui	$t0, %hi(ENV_TABLE)
	li	$t1, ENV_TABLE + NENV * ENV_SIZE + 0x200
1:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 1b
	nop
	addiu	$t0, $s7, -0x1000
2:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $s7, 2b
	nop
	break	HOOK, HOOK_MACHINE_INFO		# v0 = RAM bytes, v1 = slice quantum
	srl	$t0, $v0, 12
	sw	$t0, KG_NPAGES($s7)
	sw	$v1, KG_QUANTUM($s7)
	break	HOOK, HOOK_SEED
	bnez	$v0, 3f
	nop
	li	$v0, 0x2545f491			# xorshift32 needs a non-zero state
3:	sw	$v0, KG_RNG($s7)
	# No record accepts a PCT yet: every key is NOKEY.
	lui	$t0, %hi(ENV_TABLE)
	li	$t2, ENV_TABLE + NENV * ENV_SIZE
8:	NOKEY	$t1, $t0
	sw	$t1, REC_SYNC_KEY($t0)
	sw	$t1, REC_ASYNC_KEY($t0)
	addiu	$t0, $t0, ENV_SIZE
	bne	$t0, $t2, 8b
	nop
	# Slot 0 is the kernel's pseudo-environment: current while no environment runs, and every
	# exception it could see is a kernel bug (k_panic).
	lui	$s0, %hi(ENV_TABLE)
	sw	$s0, KG_CUR_ENV($s7)
	la	$t1, k_panic
	li	$t2, KBASE + KG_DUMMY
	move	$t0, $zero
4:	addu	$t3, $s0, $t0
	sw	$t1, REC_DISPATCH($t3)
	sw	$t2, REC_DISPATCH_SAVE($t3)
	addiu	$t0, $t0, 4
	sltiu	$t3, $t0, 64
	bnez	$t3, 4b
	nop
	jal	k_mem_init
	nop
	break	HOOK, HOOK_IMAGE_COUNT
	bnez	$v0, 5f
	move	$s0, $v0
	# No programs (`exo run --firmware-only`): the banner, then halt with 0.
	la	$a0, banner
	li	$a1, banner_end - banner
	break	HOOK, HOOK_CONSOLE_WRITE
	move	$a0, $zero
	break	HOOK, HOOK_HALT
5:	move	$s1, $zero
6:	jal	k_load_image
	move	$a0, $s1
	bltz	$v0, 7f
	addiu	$s1, $s1, 1
	bne	$s1, $s0, 6b
	nop
	# Start the clock: one tick per slice (docs/devices.md "Timer"), then the first slice.
	lui	$t0, %hi(TIMER_BASE)
	lw	$t1, KG_QUANTUM($s7)
	li	$t2, TIMER_RUN
	sw	$t1, TIMER_PERIOD($t0)
	sw	$t2, TIMER_CONTROL($t0)
	li	$t0, NSLICE - 1
	sw	$t0, KG_SLICE_POS($s7)
	j	k_next_slice
	sw	$zero, KG_SLICE_OWNER($s7)
7:	li	$a0, REPORT_LOAD_FAILED
	addiu	$a1, $s1, -1
	jal	k_report
	move	$a2, $v0
	li	$a0, 1
	break	HOOK, HOOK_HALT

# k_load_image(a0 = image number) -> v0 = 0 or an error. Creates an environment for a program
# image (docs/exokernel.md §3.3): its boot page (save areas, the boot map) at BOOT_VA as
# guaranteed mapping 0, a page per image page (bytes copied by HOOK_IMAGE_COPY), the stack pages,
# every page with fresh random capabilities and entered in the boot map and the STLB; registers
# a0 = BOOT_VA, sp = USER_STACK_TOP - 16, PC = the entry; one time slice.
# Frame: s0 image, s1 record, s2 boot page (kseg0), s3 segments, s4 segment, s5 highest end.
	.equ	LI_FRAME, 40
k_load_image:
	addiu	$sp, $sp, -LI_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	sw	$s5, 24($sp)
	move	$s0, $a0
	jal	k_rand
	nop
	move	$a0, $v0
	jal	k_env_new
	move	$a1, $zero			# created by the kernel
	IFERR	$v0, li_done
	move	$s1, $v0
	jal	k_rand				# the boot page: rcap = wcap
	nop
	move	$s2, $v0
	li	$a0, -1
	move	$a1, $s2
	move	$a2, $s2
	jal	k_page_alloc
	lw	$a3, REC_ID($s1)
	bltz	$v0, li_done
	sw	$v0, REC_BOOTPAGE($s1)
	sll	$t0, $v0, 12
	lw	$t1, REC_ENTRYHI($s1)
	li	$t2, BOOT_VA
	or	$t2, $t2, $t1
	sw	$t2, REC_GUAR($s1)
	ori	$t2, $t0, ELO_D | ELO_V
	sw	$t2, REC_GUAR + 4($s1)
	lui	$t1, 0x8000
	or	$t0, $t0, $t1			# kseg0 address of the boot page
	li	$t1, BOOT_MAGIC_VALUE
	sw	$t1, BOOT_MAGIC($t0)
	lw	$t1, REC_ID($s1)
	lw	$t2, REC_CAP($s1)
	sw	$t1, BOOT_ENVID($t0)
	sw	$t2, BOOT_ENVCAP($t0)
	sw	$s2, BOOT_PAGECAP($t0)
	move	$s2, $t0
	addiu	$t1, $s2, BOOT_SAVE
	sw	$t1, REC_SAVE($s1)
	addiu	$t1, $s2, BOOT_INT_SAVE
	sw	$t1, REC_INT_SAVE($s1)
	# The segments.
	move	$a0, $s0
	li	$a1, -1
	li	$a2, 1
	break	HOOK, HOOK_IMAGE_INFO		# v0 = number of segments
	move	$s3, $v0
	move	$s4, $zero
	li	$s5, PINNED_LIMIT
1:	beq	$s4, $s3, 2f
	nop
	move	$a0, $s1
	move	$a1, $s2
	sll	$a2, $s0, 8
	jal	k_load_segment
	or	$a2, $a2, $s4
	bltz	$v0, li_done
	sltu	$t0, $s5, $v0
	beqz	$t0, 1b
	addiu	$s4, $s4, 1
	b	1b
	move	$s5, $v0
2:	addiu	$s5, $s5, 0xfff			# the break: first page after the image
	li	$t0, ~0xfff
	and	$s5, $s5, $t0
	sw	$s5, BOOT_BRK($s2)
	# The stack pages, lowest first (the boot map stays sorted).
	li	$s4, USER_STACK_TOP - USER_STACK_PAGES * 0x1000
	sw	$s4, BOOT_STACK_LO($s2)
3:	move	$a0, $s1
	move	$a1, $s2
	move	$a2, $s4
	jal	k_map_page
	li	$a3, 1
	IFERR	$v0, li_done
	li	$t0, 0x1000
	addu	$s4, $s4, $t0
	li	$t0, USER_STACK_TOP
	bne	$s4, $t0, 3b
	nop
	# Registers, entry, status, a slice.
	li	$t0, BOOT_VA
	sw	$t0, REC_REGS + 4*4($s1)
	li	$t0, USER_STACK_TOP - 16
	sw	$t0, REC_REGS + 4*29($s1)
	move	$a0, $s0
	li	$a1, -1
	move	$a2, $zero
	break	HOOK, HOOK_IMAGE_INFO		# v0 = entry
	sw	$v0, REC_RESUME_PC($s1)
	li	$t0, ENV_RUNNABLE
	sw	$t0, REC_STATUS($s1)
	li	$t0, REC_F_FRESH
	sw	$t0, REC_FLAGS($s1)
	jal	k_env_redispatch
	move	$a0, $s1
	lui	$t1, %hi(SLICE_VEC)
	move	$t0, $zero
4:	addu	$t2, $t1, $t0
	lw	$t3, %lo(SLICE_VEC)($t2)
	nop
	beqz	$t3, 5f
	addiu	$t0, $t0, 4
	sltiu	$t3, $t0, 4 * NSLICE
	bnez	$t3, 4b
	nop
	b	li_done
	li	$v0, ENOMEM
5:	sw	$s1, %lo(SLICE_VEC)($t2)
	move	$v0, $zero
li_done:
	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	lw	$s5, 24($sp)
	jr	$ra
	addiu	$sp, $sp, LI_FRAME

# k_load_segment(a0 = record, a1 = boot page, a2 = image << 8 | segment) -> v0 = the segment's
# end address, or an error. Maps and fills each page the segment touches.
# Frame: s0 record, s1 boot page, s2 image<<8|seg, s3 vaddr, s4 end, s5 page va, s6 writable.
	.equ	LS_FRAME, 40
k_load_segment:
	addiu	$sp, $sp, -LS_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	sw	$s5, 24($sp)
	sw	$s6, 28($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	srl	$a0, $s2, 8
	andi	$a1, $s2, 0xff
	li	$a2, 0
	break	HOOK, HOOK_IMAGE_INFO		# vaddr
	move	$s3, $v0
	li	$a2, 1
	break	HOOK, HOOK_IMAGE_INFO		# memsz
	addu	$s4, $s3, $v0
	li	$a2, 3
	break	HOOK, HOOK_IMAGE_INFO		# flags: bit 0 writable
	andi	$s6, $v0, 1
	li	$t0, ~0xfff
	and	$s5, $s3, $t0
1:	sltu	$t0, $s5, $s4
	beqz	$t0, 3f
	move	$a0, $s0
	move	$a1, $s1
	move	$a2, $s5
	jal	k_map_page
	move	$a3, $s6
	IFERR	$v0, 4f
	move	$t4, $v0			# kseg0 address of the page
	# copy [max(va, vaddr), min(va + 4096, end))
	move	$t1, $s5
	sltu	$t0, $t1, $s3
	beqz	$t0, 2f
	nop
	move	$t1, $s3
2:	addiu	$t2, $s5, 0x7ff
	addiu	$t2, $t2, 0x801			# va + 4096
	sltu	$t0, $s4, $t2
	beqz	$t0, 5f
	nop
	move	$t2, $s4
5:	move	$a0, $s2
	subu	$a1, $t1, $s3			# offset in the segment
	subu	$a2, $t1, $s5
	addu	$a2, $a2, $t4			# where in the page
	subu	$a3, $t2, $t1
	break	HOOK, HOOK_IMAGE_COPY
	IFERR	$v0, 4f
	li	$v0, EINVAL
	li	$t0, 0x1000
	b	1b
	addu	$s5, $s5, $t0
3:	move	$v0, $s4
4:	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	lw	$s5, 24($sp)
	lw	$s6, 28($sp)
	jr	$ra
	addiu	$sp, $sp, LS_FRAME

# k_map_page(a0 = record, a1 = boot page, a2 = page va, a3 = writable) -> v0 = kseg0 address of
# the page, or an error. A page the previous map entry already covers (two segments sharing a
# page) is reused, made writable if either needs it.
	.equ	MP_FRAME, 32
k_map_page:
	addiu	$sp, $sp, -MP_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	move	$s3, $a3
	lw	$t0, BOOT_NMAPS($s1)
	nop
	beqz	$t0, 1f
	sll	$t1, $t0, 4
	addu	$t1, $t1, $s1
	lw	$t2, BOOT_MAPS - BOOT_MAP_SIZE($t1)	# the last entry's va
	lw	$t3, BOOT_MAPS - BOOT_MAP_SIZE + 4($t1)
	bne	$t2, $s2, 1f
	nop
	beqz	$s3, 2f
	nop
	ori	$t3, $t3, ELO_D
	sw	$t3, BOOT_MAPS - BOOT_MAP_SIZE + 4($t1)
	move	$s4, $t3
	lw	$a0, REC_ENTRYHI($s0)
	move	$a1, $t3
	jal	k_stlb_insert
	or	$a0, $a0, $s2
	move	$t3, $s4
2:	li	$t0, ~0xfff
	and	$v0, $t3, $t0
	lui	$t0, 0x8000
	b	9f
	or	$v0, $v0, $t0
1:	sltiu	$t0, $t0, BOOT_MAX_MAPS
	beqz	$t0, 9f
	li	$v0, ENOMEM
	jal	k_rand
	nop
	move	$s4, $v0			# rcap
	jal	k_rand
	nop
	move	$a2, $v0			# wcap
	li	$a0, -1
	move	$a1, $s4
	sw	$a2, 24($sp)
	jal	k_page_alloc
	lw	$a3, REC_ID($s0)
	bltz	$v0, 9f
	sll	$t0, $v0, 12
	ori	$t0, $t0, ELO_V
	beqz	$s3, 3f
	nop
	ori	$t0, $t0, ELO_D
3:	lw	$t1, BOOT_NMAPS($s1)
	lw	$t3, 24($sp)
	sll	$t2, $t1, 4
	addu	$t2, $t2, $s1
	sw	$s2, BOOT_MAPS($t2)
	sw	$t0, BOOT_MAPS + 4($t2)
	sw	$s4, BOOT_MAPS + 8($t2)
	sw	$t3, BOOT_MAPS + 12($t2)
	addiu	$t1, $t1, 1
	sw	$t1, BOOT_NMAPS($s1)
	sw	$t0, 28($sp)
	lw	$a0, REC_ENTRYHI($s0)
	move	$a1, $t0
	jal	k_stlb_insert
	or	$a0, $a0, $s2
	lw	$t0, 28($sp)
	li	$t1, ~0xfff
	and	$v0, $t0, $t1
	lui	$t1, 0x8000
	or	$v0, $v0, $t1
9:	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	jr	$ra
	addiu	$sp, $sp, MP_FRAME

# ---------------------------------------------------------------------------------------------
	.rdata
	.align	2
# No-stack calls 0..15 (entered with k0/k1 free, kconv.md kind 1).
nostack_table:
	.word	sys_null, sys_getenvid, sys_tlb_write, sys_tlb_delete
	.word	sys_asid_switch, sys_yield, sys_enosys, sys_enosys
	.word	sys_enosys, sys_enosys, sys_enosys, sys_enosys
	.word	sys_enosys, sys_enosys, sys_enosys, sys_enosys
# Stack calls 16..63 (kconv.md kind 2).
stack_table:
	.word	sys_null_stack, sys_page_alloc, sys_page_dealloc, sys_page_setcap	# 16
	.word	sys_env_create, sys_env_destroy, sys_env_set, sys_env_start		# 20
	.word	sys_guarantee, sys_slice_alloc, sys_slice_free, sys_asid_alloc		# 24
	.word	sys_tlb_delete_range, sys_enosys_stack, sys_enosys_stack, sys_enosys_stack	# 28
	.word	sys_console_write, sys_console_read, sys_exit, sys_enosys_stack		# 32
	.rept	28
	.word	sys_enosys_stack
	.endr
# The signal Linux sends for each ExcCode (the exit status of a killed environment is 128 + it).
asid_of_slot:					# 6-bit reversal (k_env_new)
	.byte	0, 32, 16, 48, 8, 40, 24, 56, 4, 36, 20, 52, 12, 44, 28, 60
	.byte	2, 34, 18, 50, 10, 42, 26, 58, 6, 38, 22, 54, 14, 46, 30, 62
	.byte	1, 33, 17, 49, 9, 41, 25, 57, 5, 37, 21, 53, 13, 45, 29, 61
	.byte	3, 35, 19, 51, 11, 43, 27, 59, 7, 39, 23, 55, 15, 47, 31, 63
exc_signal:
	.byte	6, 11, 11, 11, 7, 7, 7, 7, 31, 5, 4, 4, 8, 6, 6, 6

banner:	.ascii	"exo-r3000 exokernel firmware: boot ROM ok, kernel at 0x80000000, TLB flushed\n"
banner_end:
msg_panic:	.ascii	"exo kernel: panic: exception in kernel mode\n"
msg_panic_end:
