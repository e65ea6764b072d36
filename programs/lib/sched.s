# sched.s: an application-level stride scheduler (issue 6; paper §7.3, Waldspurger and Weihl's
# stride scheduling): the processes it holds get the processor in proportion to their tickets.
# The kernel only gives us time slices and `yield` (docs/exokernel.md §9); the policy is here.
#
#   sched_start() -> 0, or ENOMEM (our boot map reaches SCHED_B_BASE: no room for the handler)
#   sched_add(id, tickets) -> the process's index (0..SCHED_MAX-1), or EINVAL (id 0, tickets
#                        outside 1..SCHED_MAX_TICKETS) or ENOMEM (SCHED_MAX processes already)
#   sched_run(n) -> slices dealt: gives the next n time slices of ours to the processes (fewer
#                        if every process is gone), then returns
#   sched_slices(i) -> slices process i has been given so far (0 for an index out of range)
# o32: arguments a0-a3, result v0; t*, a*, v* clobbered; s0-s7, sp, fp kept.
#
# Policy: process i has stride = SCHED_STRIDE1 / tickets and a pass, starting at its stride. At
# each slice the process with the lowest pass runs (ties: the lowest index) and its pass grows by
# its stride, so over any run of slices each one's count stays within one slice of its share
# (passes are compared by signed difference, so they may wrap).
#
# Mechanism: sched_run installs a slice_start handler (env_set FIELD_SLICE_START) and gives up
# the rest of its slice. The handler reads the interrupt save area at BOOT_VA + BOOT_INT_SAVE,
# where the kernel's loader and spawn put it: a program that moves its int_save elsewhere cannot
# use this module. At each
# slice of ours the kernel enters the handler (a0 = where we would have resumed, our a0 and that
# PC in int_save); it picks the process and `yield`s to it: that process runs for the rest of our
# slice (the kernel keeps the slice ours), and the next slice enters the handler again. After n
# slices the handler resumes sched_run where it was, with every register as it was.
# The processes are meant to have no slice of their own (spawnx PROC_NOSLICE), so that every slice
# passes through this policy; a process that also holds slices simply gets them on top.
#
# The handler runs where the program was interrupted, which may be inside crt0's TLB-miss
# handler, so it must never take a TLB miss or an exception: its code and state live in the tail
# of our boot page (SCHED_AREA, exo.inc), a pinned page the kernel refills itself, reached off
# $zero, and it touches no stack. It uses t0-t3, v0, v1 and a0; it copies them (and int_save,
# which the next slice entry overwrites) into its state when it comes from the program, and gives
# them back when it resumes it. When it is entered again after its own yield (a0 = an address in
# its own code), the program's copy is still there: it only decides again.
# Assumption: the handler runs from the start of a slice to its yield in a few hundred cycles, far
# less than the shortest quantum (1000 cycles, `exo run --quantum`), so no tick interrupts it
# before it has copied the program's registers. (A tick elsewhere in the handler is harmless: see
# sched_resume.)

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	SCHED_CODE_VA, SCHED_AREA + SCHED_S_CODE

	.text

# sched_start() -> 0 or ENOMEM: copies the handler into the boot page's tail, clears the state.
	.globl	sched_start
sched_start:
	lw	$t0, BOOT_VA + BOOT_NMAPS($zero)
	li	$v0, ENOMEM
	sll	$t0, $t0, 4				# BOOT_MAP_SIZE = 16
	sltiu	$t0, $t0, SCHED_B_BASE - BOOT_MAPS + 1
	beqz	$t0, 9f
	li	$t0, SCHED_AREA				# clear the state
	li	$t1, SCHED_CODE_VA
1:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 1b
	la	$t2, sched_code				# copy the handler (position independent)
	la	$t3, sched_code_end
2:	lw	$t4, 0($t2)
	addiu	$t2, $t2, 4
	sw	$t4, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t2, $t3, 2b
	move	$v0, $zero
9:	jr	$ra

# sched_add(id, tickets) -> index, EINVAL or ENOMEM.
	.globl	sched_add
sched_add:
	li	$v0, EINVAL
	beqz	$a0, 9f
	addiu	$t0, $a1, -1
	sltiu	$t0, $t0, SCHED_MAX_TICKETS
	beqz	$t0, 9f
	lw	$t0, SCHED_AREA + SCHED_S_N($zero)
	li	$v0, ENOMEM
	sltiu	$t1, $t0, SCHED_MAX
	beqz	$t1, 9f
	li	$t1, SCHED_STRIDE1
	divu	$zero, $t1, $a1
	mflo	$t1					# the stride
	sll	$t2, $t0, 4				# SCHED_P_SIZE = 16
	addiu	$t2, $t2, SCHED_AREA + SCHED_S_PROCS
	sw	$a0, SCHED_P_ID($t2)
	sw	$t1, SCHED_P_STRIDE($t2)
	sw	$t1, SCHED_P_PASS($t2)			# first pass: one stride
	sw	$zero, SCHED_P_SLICES($t2)
	addiu	$t1, $t0, 1
	sw	$t1, SCHED_AREA + SCHED_S_N($zero)
	move	$v0, $t0
9:	jr	$ra

# sched_slices(i) -> slices process i has had.
	.globl	sched_slices
sched_slices:
	lw	$t0, SCHED_AREA + SCHED_S_N($zero)
	move	$v0, $zero
	sltu	$t0, $a0, $t0
	beqz	$t0, 9f
	sll	$t0, $a0, 4
	lw	$v0, SCHED_AREA + SCHED_S_PROCS + SCHED_P_SLICES($t0)
9:	jr	$ra

# sched_run(n) -> slices dealt (see the top).
	.globl	sched_run
sched_run:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	lw	$s0, SCHED_AREA + SCHED_S_DEALT($zero)
	blez	$a0, 8f
	sw	$a0, SCHED_AREA + SCHED_S_LEFT($zero)
	move	$a0, $zero				# install the handler
	li	$a1, FIELD_SLICE_START
	li	$a2, SCHED_CODE_VA
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
1:	lw	$t0, SCHED_AREA + SCHED_S_LEFT($zero)
	li	$a0, -1					# the rest of this slice is nobody's: the
	beqz	$t0, 2f					# next one starts at once, in the handler
	SYS	SYS_YIELD
	b	1b
2:	move	$a0, $zero				# remove it
	li	$a1, FIELD_SLICE_START
	move	$a2, $zero
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
8:	lw	$v0, SCHED_AREA + SCHED_S_DEALT($zero)
	subu	$v0, $v0, $s0
9:	lw	$s0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# ---------------------------------------------------------------------------------------------
# The slice_start handler, copied to SCHED_CODE_VA by sched_start: position independent (only
# relative branches), state off $zero, no stack. a0 = where we would resume; int_save = {a0, PC}.
	.set	push
	.set	noreorder
	.set	noat
	.balign	4
sched_code:
	sw	$t0, SCHED_AREA + SCHED_S_TMP($zero)
	lw	$t0, SCHED_AREA + SCHED_S_WAKE($zero)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, SCHED_AREA + SCHED_S_WAKE($zero)
	addiu	$t0, $a0, -SCHED_AREA			# in our own code: after our yield
	sltiu	$t0, $t0, PROC_B_MAGIC - SCHED_B_BASE
	bnez	$t0, sched_decide
	lw	$t0, BOOT_VA + BOOT_INT_SAVE + 0($zero)	# (delay slot, harmless) the program's a0
	sw	$a0, SCHED_AREA + SCHED_S_PC($zero)	# from the program: copy what we will use
	sw	$t0, SCHED_AREA + SCHED_S_A0($zero)
	lw	$t0, SCHED_AREA + SCHED_S_TMP($zero)
	sw	$t1, SCHED_AREA + SCHED_S_T1($zero)
	sw	$t2, SCHED_AREA + SCHED_S_T2($zero)
	sw	$t3, SCHED_AREA + SCHED_S_T3($zero)
	sw	$v0, SCHED_AREA + SCHED_S_V0($zero)
	sw	$v1, SCHED_AREA + SCHED_S_V1($zero)
	sw	$t0, SCHED_AREA + SCHED_S_T0($zero)
sched_decide:						# the live process with the lowest pass
	lw	$t0, SCHED_AREA + SCHED_S_LEFT($zero)
	li	$t1, SCHED_AREA + SCHED_S_PROCS
	beqz	$t0, sched_resume
	lw	$t2, SCHED_AREA + SCHED_S_N($zero)
	move	$t3, $zero				# the best record so far
1:	beqz	$t2, 3f
	lw	$v0, SCHED_P_ID($t1)
	nop
	beqz	$v0, 2f					# gone
	nop
	beqz	$t3, 4f
	lw	$v0, SCHED_P_PASS($t1)
	lw	$v1, SCHED_P_PASS($t3)
	nop
	subu	$v0, $v0, $v1
	bgez	$v0, 2f					# not lower (wrap-safe)
	nop
4:	move	$t3, $t1
2:	addiu	$t1, $t1, SCHED_P_SIZE
	b	1b
	addiu	$t2, $t2, -1
3:	beqz	$t3, sched_none
	nop
	lw	$v0, SCHED_P_STRIDE($t3)		# charge it: pass += stride, one more slice
	lw	$v1, SCHED_P_PASS($t3)
	lw	$t1, SCHED_P_SLICES($t3)
	addu	$v1, $v1, $v0
	sw	$v1, SCHED_P_PASS($t3)
	addiu	$t1, $t1, 1
	sw	$t1, SCHED_P_SLICES($t3)
	addiu	$t0, $t0, -1
	sw	$t0, SCHED_AREA + SCHED_S_LEFT($zero)
	lw	$t0, SCHED_AREA + SCHED_S_DEALT($zero)
	sw	$t3, SCHED_AREA + SCHED_S_CUR($zero)
	addiu	$t0, $t0, 1
	sw	$t0, SCHED_AREA + SCHED_S_DEALT($zero)
	lw	$a0, SCHED_P_ID($t3)
	li	$v0, SYS_YIELD				# the rest of this slice is its
	syscall
	# Here only if the yield was refused (we are entered at the handler's start otherwise):
	# it is gone. Undo the charge and decide again. (v0 = 0: resumed without a slice start,
	# which nothing does now; deciding again is right then too.)
	bgez	$v0, sched_decide
	nop
	sw	$zero, SCHED_P_ID($t3)
	lw	$t1, SCHED_P_SLICES($t3)
	lw	$t0, SCHED_AREA + SCHED_S_LEFT($zero)
	lw	$t2, SCHED_AREA + SCHED_S_DEALT($zero)
	addiu	$t1, $t1, -1
	sw	$t1, SCHED_P_SLICES($t3)
	addiu	$t0, $t0, 1
	sw	$t0, SCHED_AREA + SCHED_S_LEFT($zero)
	addiu	$t2, $t2, -1
	b	sched_decide
	sw	$t2, SCHED_AREA + SCHED_S_DEALT($zero)
sched_none:						# every process is gone: stop
	sw	$zero, SCHED_AREA + SCHED_S_LEFT($zero)
# Back to the program, every register as it was. A tick from here to the jr's delay slot enters
# the handler again in its own code: it finds LEFT = 0 and comes back here with the same copy.
sched_resume:
	lw	$t0, SCHED_AREA + SCHED_S_T0($zero)
	lw	$t1, SCHED_AREA + SCHED_S_T1($zero)
	lw	$t2, SCHED_AREA + SCHED_S_T2($zero)
	lw	$t3, SCHED_AREA + SCHED_S_T3($zero)
	lw	$v0, SCHED_AREA + SCHED_S_V0($zero)
	lw	$v1, SCHED_AREA + SCHED_S_V1($zero)
	lw	$a0, SCHED_AREA + SCHED_S_PC($zero)
	nop
	jr	$a0
	lw	$a0, SCHED_AREA + SCHED_S_A0($zero)
	.balign	4
sched_code_end:
	.set	pop
	.if	(SCHED_S_CODE + (sched_code_end - sched_code)) > (PROC_B_MAGIC - SCHED_B_BASE)	# (GNU: + - > share a precedence)
	.error	"the stride scheduler's handler does not fit in the boot page's tail"
	.endif
