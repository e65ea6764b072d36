# stride.s: three processes under the library OS's stride scheduler at 3:2:1 (paper §7.3 and its
# Figure 3; programs/lib/sched.s). The processes (programs/stride-worker.s, embedded as
# programs/stride-worker.elf, built by `npm run build`, or by hand with
#   npx exo asm programs/lib/*.s programs/stride-worker.s -o programs/stride-worker.elf)
# are spawned without time slices of their own (PROC_NOSLICE): every slice is ours, and at each
# one our slice_start handler yields it to the process with the lowest pass. Each process counts
# its loop iterations in a page we share with it. After a warm-up (until every process has
# started counting: their start-up code runs in slices they are charged for), we measure
# MEASURE slices and print each process's slices and iterations and its share of the iterations
# against the ideal 3/6, 2/6, 1/6. Then we kill process 0 and deal AFTER_KILL more slices: the
# scheduler finds it gone and the other two share them 2:1. Exit status 0 when every share is
# within TOLERANCE_PCT percent of its ideal, else 1.
#   npx exo run --quantum 10000 programs/stride.s
# (any quantum works; the default 390625-cycle slice makes the run about 120 million cycles.)
	.include "lib/exo.inc"
	.equ	NPROC, 3
	.equ	WARM, 10			# slices per warm-up round
	.equ	WARM_ROUNDS, 100		# at most (then the processes never started: fail)
	.equ	MEASURE, 300			# slices measured
	.equ	TOLERANCE_PCT, 5
	.equ	AFTER_KILL, 60			# slices dealt after process 0 is killed
	.equ	STRIDE_VA, EXO_FREE_VA		# the shared page: guaranteed slot EXO_FREE_SLOT
	.text
	.globl	main
# Frame: 16-47 printf's fifth and later arguments (o32's outgoing area), 48-79 saved registers.
main:
	addiu	$sp, $sp, -80
	sw	$ra, 76($sp)
	sw	$s0, 72($sp)
	sw	$s1, 68($sp)
	sw	$s2, 64($sp)
	sw	$s3, 60($sp)
	sw	$s4, 56($sp)
	sw	$s5, 52($sp)
	sw	$s6, 48($sp)
	# The shared page: a capability of our own choosing, mapped at STRIDE_VA.
	lw	$s1, BOOT_VA + BOOT_ENVCAP($zero)
	li	$t0, 0x57a1de55
	xor	$s1, $s1, $t0
	ori	$s1, $s1, 1
	li	$a0, -1
	move	$a1, $s1
	move	$a2, $s1
	SYS	SYS_PAGE_ALLOC
	LSTR	$s6, "page_alloc"
	bltz	$v0, fail
	move	$s0, $v0
	li	$a0, EXO_FREE_SLOT
	li	$a1, STRIDE_VA
	ENTRYLO_OF $a2, $s0, ELO_D | ELO_V
	move	$a3, $s1
	SYS	SYS_GUARANTEE
	LSTR	$s6, "guarantee"
	bnez	$v0, fail
	jal	sched_start
	LSTR	$s6, "sched_start"
	bnez	$v0, fail
	# The processes: spawnx(worker, {page, capability, index}, PROC_NOSLICE), then sched_add.
	move	$s2, $zero
1:	la	$t0, wargs
	sw	$s0, 0($t0)
	sw	$s1, 4($t0)
	sw	$s2, 8($t0)
	la	$a0, worker_elf
	lw	$a1, worker_elf_len
	la	$a2, wargs
	li	$a3, PROC_NOSLICE
	jal	spawnx
	LSTR	$s6, "spawnx"
	blez	$v0, fail
	sll	$t0, $s2, 2
	sw	$v0, ids($t0)
	move	$a0, $v0
	lw	$a1, tickets($t0)
	jal	sched_add
	LSTR	$s6, "sched_add"
	bne	$v0, $s2, fail
	addiu	$s2, $s2, 1
	li	$t0, NPROC
	bne	$s2, $t0, 1b
	# Warm-up: until every process has counted.
	move	$s3, $zero				# slices of warm-up
	li	$s4, WARM_ROUNDS
2:	li	$a0, WARM
	jal	sched_run
	addu	$s3, $s3, $v0
	LSTR	$s6, "warm-up (a process never started)"
	addiu	$s4, $s4, -1
	bltz	$s4, fail
	lw	$t0, STRIDE_VA + 0($zero)
	lw	$t1, STRIDE_VA + 4($zero)
	lw	$t2, STRIDE_VA + 8($zero)
	beqz	$t0, 2b
	beqz	$t1, 2b
	beqz	$t2, 2b
	# The measurement: counts and slices before and after MEASURE slices.
	la	$a0, before
	jal	snapshot
	li	$a0, MEASURE
	jal	sched_run
	move	$s4, $v0
	la	$a0, after
	jal	snapshot
	LSTR	$a0, "stride: %d processes, tickets 3:2:1, no slices of their own; %d slices of warm-up, then %d measured\n"
	li	$a1, NPROC
	move	$a2, $s3
	move	$a3, $s4
	jal	printf
	# The total of the iterations measured, scaled so that total x 1000 fits in 32 bits.
	move	$s5, $zero				# s5 = total
	move	$s2, $zero
3:	move	$a0, $s2
	jal	delta
	addu	$s5, $s5, $v0
	addiu	$s2, $s2, 1
	li	$t0, NPROC
	bne	$s2, $t0, 3b
	move	$s3, $zero				# s3 = the scale (right shift)
	li	$t0, 1 << 22
4:	srlv	$t1, $s5, $s3
	sltu	$t1, $t1, $t0
	bnez	$t1, 5f
	addiu	$s3, $s3, 1
	b	4b
5:	srlv	$s5, $s5, $s3
	# One line per process; s4 = 1 while every share is within the tolerance.
	li	$s4, 1
	move	$s2, $zero
6:	move	$a0, $s2
	jal	delta
	srlv	$v0, $v0, $s3
	li	$t0, 1000
	multu	$v0, $t0
	mflo	$t0
	srl	$t1, $s5, 1
	addu	$t0, $t0, $t1
	divu	$zero, $t0, $s5
	mflo	$s1					# s1 = the share in permille, rounded
	sll	$t0, $s2, 2
	lw	$t1, tickets($t0)			# the ideal: tickets x 1000 / 6, rounded
	li	$t2, 1000
	multu	$t1, $t2
	mflo	$t2
	addiu	$t2, $t2, 3
	li	$t3, 6
	divu	$zero, $t2, $t3
	mflo	$s6					# s6 = the ideal in permille
	subu	$t2, $s1, $s6				# |share - ideal| x 100 <= ideal x TOLERANCE_PCT?
	bgez	$t2, 7f
	subu	$t2, $zero, $t2
7:	li	$t3, 100
	multu	$t2, $t3
	mflo	$t2
	li	$t3, TOLERANCE_PCT
	multu	$s6, $t3
	mflo	$t3
	sltu	$t2, $t3, $t2
	beqz	$t2, 8f
	move	$s4, $zero
8:	# "process I (env X): tickets T, slices S, iterations N, share P.p% (ideal Q.q%)":
	# a1-a3, then 16(sp) onwards (o32).
	li	$t9, 10
	divu	$zero, $s1, $t9
	mflo	$t2
	mfhi	$t3
	sw	$t2, 24($sp)
	sw	$t3, 28($sp)
	divu	$zero, $s6, $t9
	mflo	$t2
	mfhi	$t3
	sw	$t2, 32($sp)
	sw	$t3, 36($sp)
	sll	$t0, $s2, 2
	lw	$t2, after + 12($t0)
	lw	$t3, before + 12($t0)
	subu	$t2, $t2, $t3
	sw	$t2, 16($sp)
	move	$a0, $s2
	jal	delta
	sw	$v0, 20($sp)
	LSTR	$a0, "process %d (env %x): tickets %d, slices %d, iterations %d, share %d.%d%% (ideal %d.%d%%)\n"
	move	$a1, $s2
	sll	$t0, $s2, 2
	lw	$a2, ids($t0)
	lw	$a3, tickets($t0)
	jal	printf
	addiu	$s2, $s2, 1
	li	$t0, NPROC
	bne	$s2, $t0, 6b
	# A process that goes away: at its next turn the handler's yield to it fails (ENOENT), the
	# handler drops it and deals the slices to the others, still in proportion (2:1).
	lw	$a0, ids + 0
	jal	proc_kill
	LSTR	$s6, "proc_kill"
	bnez	$v0, fail
	lw	$a0, ids + 0
	jal	wait
	LSTR	$s6, "wait"
	li	$t0, PROC_NOSTATUS			# killed: no exit() status
	bne	$v0, $t0, fail
	la	$a0, before
	jal	snapshot
	li	$a0, AFTER_KILL
	jal	sched_run
	move	$s3, $v0
	la	$a0, after
	jal	snapshot
	lw	$t0, after + 12
	lw	$t1, before + 12
	LSTR	$s6, "the killed process was given slices"
	bne	$t0, $t1, fail
	lw	$t0, SCHED_AREA + SCHED_S_PROCS + SCHED_P_ID	# the handler dropped it (its yield failed)
	LSTR	$s6, "the scheduler did not notice that process 0 was gone"
	bnez	$t0, fail
	LSTR	$a0, "stride: process 0 killed; %d more slices: process 1 got %d, process 2 got %d\n"
	move	$a1, $s3
	lw	$a2, after + 16
	lw	$t0, before + 16
	subu	$a2, $a2, $t0
	lw	$a3, after + 20
	lw	$t0, before + 20
	subu	$a3, $a3, $t0
	jal	printf
	# The others never end by themselves: kill them, and wait() reclaims their memory.
	li	$s2, 1
9:	sll	$t0, $s2, 2
	lw	$a0, ids($t0)
	jal	proc_kill
	LSTR	$s6, "proc_kill"
	bnez	$v0, fail
	sll	$t0, $s2, 2
	lw	$a0, ids($t0)
	jal	wait
	LSTR	$s6, "wait"
	li	$t0, PROC_NOSTATUS			# killed: no exit() status
	bne	$v0, $t0, fail
	addiu	$s2, $s2, 1
	li	$t0, NPROC
	bne	$s2, $t0, 9b
	beqz	$s4, 10f
	LSTR	$a0, "stride: every share within %d%% of its ideal\n"
	li	$a1, TOLERANCE_PCT
	jal	printf
	move	$v0, $zero
	b	11f
10:	LSTR	$a0, "stride: FAIL: a share is off its ideal by more than %d%%\n"
	li	$a1, TOLERANCE_PCT
	jal	printf
	li	$v0, 1
11:	lw	$s6, 48($sp)
	lw	$s5, 52($sp)
	lw	$s4, 56($sp)
	lw	$s3, 60($sp)
	lw	$s2, 64($sp)
	lw	$s1, 68($sp)
	lw	$s0, 72($sp)
	lw	$ra, 76($sp)
	addiu	$sp, $sp, 80
	jr	$ra

# fail: s6 = what failed, v0 = the error: "stride: FAIL: what: error E", exit 1.
fail:	move	$a2, $v0
	LSTR	$a0, "stride: FAIL: %s: error %d\n"
	move	$a1, $s6
	jal	printf
	li	$a0, 1
	jal	exit

# snapshot(a0 = {counts[NPROC], slices[NPROC]}): the shared counters and sched_slices now.
snapshot:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	move	$s0, $a0
	move	$s1, $zero
1:	sll	$t0, $s1, 2
	lw	$t1, STRIDE_VA($t0)
	addu	$t0, $t0, $s0
	sw	$t1, 0($t0)
	move	$a0, $s1
	jal	sched_slices
	sll	$t0, $s1, 2
	addu	$t0, $t0, $s0
	sw	$v0, 12($t0)
	addiu	$s1, $s1, 1
	li	$t0, NPROC
	bne	$s1, $t0, 1b
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# delta(i) -> iterations process i counted during the measurement.
delta:
	sll	$t0, $a0, 2
	lw	$v0, after($t0)
	lw	$t1, before($t0)
	subu	$v0, $v0, $t1
	jr	$ra

	.data
	.balign	4
tickets:	.word	3, 2, 1
	.bss
	.balign	4
ids:	.space	4 * NPROC
wargs:	.space	4 * PROC_NARGS
before:	.space	8 * NPROC			# counts, then slices
after:	.space	8 * NPROC
	.rdata
	.balign	4
worker_elf_len:
	.word	worker_elf_end - worker_elf
worker_elf:
	.incbin	"stride-worker.elf"
worker_elf_end:
