# kenv.s: environments (docs/exokernel.md §4.1, paper §5.1.2): lookup, capabilities, dispatch
# tables and PCT keys, creation and destruction, and the stack system calls about environments,
# slices and ASIDs. Linked after kernel.s (firmware/build.ts); conventions: firmware/kconv.md.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat
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
	.globl	k_env_new
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
	li	$t2, SR_IM_TIMER | SR_IM_NET | SR_KUP | SR_IEP
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
	sw	$t1, REC_LIGHT_KEY($s0)
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
	.globl	sys_env_create
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
	.globl	sys_env_destroy
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
	.globl	sys_env_set
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
	li	$t1, SR_IM_TIMER | SR_IM_NET | SR_KUP | SR_IEP
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
	.globl	sys_env_start
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
	.globl	sys_slice_alloc
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
	.globl	sys_slice_free
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
	.globl	sys_asid_alloc
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
	.globl	sys_exit
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

	.globl	sys_enosys_stack
sys_enosys_stack:
	jr	$ra
	li	$v0, ENOSYS

	.rdata
	.align	2
asid_of_slot:					# 6-bit reversal (k_env_new)
	.byte	0, 32, 16, 48, 8, 40, 24, 56, 4, 36, 20, 52, 12, 44, 28, 60
	.byte	2, 34, 18, 50, 10, 42, 26, 58, 6, 38, 22, 54, 14, 46, 30, 62
	.byte	1, 33, 17, 49, 9, 41, 25, 57, 5, 37, 21, 53, 13, 45, 29, 61
	.byte	3, 35, 19, 51, 11, 43, 27, 59, 7, 39, 23, 55, 15, 47, 31, 63
	.globl	exc_signal
exc_signal:
	.byte	6, 11, 11, 11, 7, 7, 7, 7, 31, 5, 4, 4, 8, 6, 6, 6

