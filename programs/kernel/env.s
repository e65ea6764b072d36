# env.s: env_create, env_set, env_start and env_destroy (docs/exokernel.md §4.1, §7) with their
# refusals: capability 0, the wrong environment capability, fields that are not settable, PCs
# outside kuseg or unaligned, a Status with bits other than CU1, a save area in a page the
# environment does not own, starting twice, and every call on a destroyed environment (its id
# dies with it: the slot comes back with the next generation). Creating until ENOMEM.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	C, 0x0c0ffee0
	.text
	.globl	main
main:
	PRINT	"env\n"
	li	$a0, 0
	SYS	SYS_ENV_CREATE
	CHECK	$v0, EINVAL, "env_create: capability 0"
	li	$a0, C
	SYS	SYS_ENV_CREATE
	CHECKGE	$v0, 2, "env_create"
	move	$s0, $v0				# child id
	andi	$t0, $s0, NENV - 1
	CHECK	$t0, 2, "the child takes index 2 (we are 1)"
	# env_set refusals
	move	$a0, $s0
	li	$a1, FIELD_PCT_SYNC
	la	$a2, main
	li	$a3, C + 1
	SYS	SYS_ENV_SET
	CHECK	$v0, ECAP, "env_set: wrong capability"
	move	$a0, $s0
	li	$a1, FIELD_PCT_SYNC
	li	$a2, 0x80001000
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: a kseg0 PC"
	move	$a0, $s0
	li	$a1, FIELD_PCT_SYNC
	la	$a2, main + 2
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: an unaligned PC"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_OV
	li	$a2, 0x80000180
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: a handler in kseg0"
	move	$a0, $s0
	li	$a1, FIELD_SLICE_END
	li	$a2, 0xbfc00000
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: a slice_end in kseg1"
	move	$a0, $s0
	li	$a1, REC_ID
	li	$a2, 5
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: the id field"
	move	$a0, $s0
	li	$a1, REC_CAP
	li	$a2, 5
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: the capability field"
	move	$a0, $s0
	li	$a1, REC_DISPATCH
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: the dispatch table"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 1
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: an unaligned field"
	move	$a0, $s0
	li	$a1, 0x1000
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: a field beyond the record"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_SYS
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: the Sys handler (the kernel's)"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_INT
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: the Int handler (the kernel's)"
	move	$a0, $s0
	li	$a1, FIELD_SR
	li	$a2, 0x10000000				# CU0: kernel access for user code
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: Status with CU0"
	move	$a0, $s0
	li	$a1, FIELD_SR
	li	$a2, SR_KUC | SR_IEC
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: Status with KU/IE bits"
	move	$a0, $s0
	li	$a1, FIELD_SAVE
	li	$a2, 0x00000100				# physical page 0: the kernel's
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, EPERM, "env_set: a save area in a kernel page"
	lw	$t0, EXO_SCRATCH + EXO_S_PAGE($zero)	# our scratch page: the child's creator's, so allowed
	sll	$t0, $t0, PAGE_SHIFT
	move	$a0, $s0
	li	$a1, FIELD_SAVE
	addiu	$a2, $t0, 0x800
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set: a save area in its creator's (our) page"
	move	$a0, $zero
	li	$a1, FIELD_SAVE
	addiu	$a2, $t0, 0xff8				# crosses the page end
	li	$a3, 0
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: a save area across a page end"
	move	$a0, $zero
	li	$a1, FIELD_SAVE
	addiu	$a2, $t0, 0x802
	li	$a3, 0
	SYS	SYS_ENV_SET
	CHECK	$v0, EINVAL, "env_set: an unaligned save area"
	# accepted settings
	move	$a0, $s0
	li	$a1, FIELD_SR
	li	$a2, SR_CU1
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set: Status CU1 on the child"
	move	$a0, $s0
	li	$a1, FIELD_PCT_ASYNC
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set: the child's async PCT entry"
	move	$a0, $zero
	li	$a1, FIELD_SLICE_START
	li	$a2, 0
	li	$a3, 0x5555
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set on oneself (id 0) needs no capability"
	# env_start
	move	$a0, $s0
	li	$a1, C - 1
	la	$a2, main
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, ECAP, "env_start: wrong capability"
	move	$a0, $s0
	li	$a1, C
	li	$a2, 0
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, EINVAL, "env_start: PC 0"
	move	$a0, $s0
	li	$a1, C
	li	$a2, 0x80000000
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, EINVAL, "env_start: a kseg0 PC"
	move	$a0, $s0
	li	$a1, C
	la	$a2, main
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, 0, "env_start (it has no slice: it does not run)"
	move	$a0, $s0
	li	$a1, C
	la	$a2, main
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, EBUSY, "env_start twice"
	# env_destroy
	move	$a0, $s0
	li	$a1, 0
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ECAP, "env_destroy: capability 0"
	move	$a0, $s0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, 0, "env_destroy"
	move	$a0, $s0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ENOENT, "env_destroy: already destroyed"
	move	$a0, $s0
	li	$a1, FIELD_PCT_SYNC
	la	$a2, main
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, ENOENT, "env_set: a destroyed environment"
	move	$a0, $s0
	li	$a1, C
	la	$a2, main
	li	$a3, 0
	SYS	SYS_ENV_START
	CHECK	$v0, ENOENT, "env_start: a destroyed environment"
	li	$a0, -1
	move	$a1, $s0
	li	$a2, C
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, ENOENT, "slice_alloc for a destroyed environment"
	move	$a0, $s0
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to a destroyed environment"
	PCT_CALL $s0
	CHECK	$v0, ENOENT, "sync PCT to a destroyed environment"
	PCT_SEND $s0
	CHECK	$v0, ENOENT, "async PCT to a destroyed environment"
	li	$a0, C
	SYS	SYS_ENV_CREATE
	move	$s1, $v0
	addiu	$t0, $s0, NENV
	CHECKR	$s1, $t0, "the slot comes back with the next generation"
	move	$a0, $s0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ENOENT, "the old id still names nothing"
	li	$a0, 0x3f
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ENOENT, "env_destroy: an index never used"
	# Creating until ENOMEM, then destroying them all.
	li	$s2, 1					# live: s1 and the ones below
	addiu	$sp, $sp, -256
	sw	$s1, 0($sp)
1:	li	$a0, C
	SYS	SYS_ENV_CREATE
	bltz	$v0, 2f
	sll	$t0, $s2, 2
	addu	$t0, $t0, $sp
	sw	$v0, 0($t0)
	addiu	$s2, $s2, 1
	b	1b
2:	CHECK	$v0, ENOMEM, "env_create until ENOMEM"
	CHECK	$s2, NENV - 2, "62 environments besides us"
3:	addiu	$s2, $s2, -1
	sll	$t0, $s2, 2
	addu	$t0, $t0, $sp
	lw	$a0, 0($t0)
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	bnez	$v0, 4f
	bnez	$s2, 3b
4:	CHECK	$v0, 0, "env_destroy all of them"
	addiu	$sp, $sp, 256
	li	$a0, C
	SYS	SYS_ENV_CREATE
	CHECKGE	$v0, 2, "env_create works again"
	move	$a0, $v0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, 0, "env_destroy it (a live environment that cannot run would keep the machine up)"
	PASS
