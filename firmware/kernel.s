# kernel.s: the exokernel's entry paths, linked first at 0x80000000 and copied there by the boot
# ROM: the two exception vectors (STLB refill, exception dispatch), the system-call dispatcher
# with its two paths and the no-stack calls, protected control transfer, the kill and panic
# paths, and the system-call tables. The rest: kslice.s (time slices, yield), kenv.s
# (environments), kboot.s (boot, loader), kmem.s (pages, capabilities, TLB primitives, STLB).
# Design and ABI: docs/exokernel.md; internal conventions: firmware/kconv.md; every number:
# layout.inc.
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
	.globl	k_sys
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
	.globl	sys_in_delay_slot
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
	.globl	k_kill
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
	.globl	k_panic
k_panic:
	la	$a0, msg_panic
	li	$a1, msg_panic_end - msg_panic
	break	HOOK, HOOK_CONSOLE_WRITE
	li	$a0, 255
	break	HOOK, HOOK_HALT

# ---------------------------------------------------------------------------------------------
	.rdata
	.align	2
# No-stack calls 0..15 (entered with k0/k1 free, kconv.md kind 1).
nostack_table:
	.word	sys_null, sys_getenvid, sys_tlb_write, sys_tlb_delete
	.word	sys_asid_switch, sys_yield, sys_yield_light, sys_enosys
	.word	sys_enosys, sys_enosys, sys_enosys, sys_enosys
	.word	sys_enosys, sys_enosys, sys_enosys, sys_enosys
# Stack calls 16..63 (kconv.md kind 2).
stack_table:
	.word	sys_null_stack, sys_page_alloc, sys_page_dealloc, sys_page_setcap	# 16
	.word	sys_env_create, sys_env_destroy, sys_env_set, sys_env_start		# 20
	.word	sys_guarantee, sys_slice_alloc, sys_slice_free, sys_asid_alloc		# 24
	.word	sys_tlb_delete_range, sys_tlb_invalidate_range, sys_page_revoke, sys_revoke_ctl	# 28
	.word	sys_console_write, sys_console_read, sys_exit, sys_enosys_stack		# 32
	.word	sys_net_filter, sys_net_unfilter, sys_net_ash, sys_net_send		# 36
	.rept	24
	.word	sys_enosys_stack
	.endr
# The signal Linux sends for each ExcCode (the exit status of a killed environment is 128 + it).
msg_panic:	.ascii	"exo kernel: panic: exception in kernel mode\n"
msg_panic_end:
