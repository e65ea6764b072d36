# slice.s: slice_alloc and slice_free (docs/exokernel.md §9) with their refusals: an index out
# of range, a slice already taken, the wrong environment capability, an environment that does
# not exist, freeing a slice one does not hold; allocating until ENOMEM; a destroyed
# environment's slices come free.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	C, 0x5115e000
	.text
	.globl	main
main:
	PRINT	"slice\n"
	li	$a0, -1
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECKGE	$v0, 1, "slice_alloc(-1) for ourselves (boot gave us slice 0)"
	move	$s0, $v0
	move	$a0, $s0
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, EBUSY, "slice_alloc: a slice already taken"
	li	$a0, 0
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, EBUSY, "slice_alloc: slice 0 (ours since boot)"
	li	$a0, NSLICE
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, EINVAL, "slice_alloc: index NSLICE"
	li	$a0, -2
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, EINVAL, "slice_alloc: index -2"
	li	$a0, -1
	li	$a1, 0x2a
	li	$a2, C
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, ENOENT, "slice_alloc: no such environment"
	li	$a0, C
	SYS	SYS_ENV_CREATE
	CHECKGE	$v0, 2, "env_create a child (never started)"
	move	$s1, $v0
	li	$a0, -1
	move	$a1, $s1
	li	$a2, C + 1
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, ECAP, "slice_alloc for the child: wrong capability"
	li	$a0, -1
	move	$a1, $s1
	li	$a2, C
	SYS	SYS_SLICE_ALLOC
	CHECKGE	$v0, 1, "slice_alloc for the child"
	move	$s2, $v0
	move	$a0, $s2
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_FREE
	CHECK	$v0, EPERM, "slice_free: the child's slice as ours"
	move	$a0, $s2
	move	$a1, $s1
	li	$a2, 7
	SYS	SYS_SLICE_FREE
	CHECK	$v0, ECAP, "slice_free: the child's, wrong capability"
	li	$a0, NSLICE
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_FREE
	CHECK	$v0, EINVAL, "slice_free: index NSLICE"
	move	$a0, $s0
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_FREE
	CHECK	$v0, 0, "slice_free our second slice"
	move	$a0, $s0
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_FREE
	CHECK	$v0, EPERM, "slice_free: a free slice"
	# Until ENOMEM.
	li	$s3, 0
1:	li	$a0, -1
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	bltz	$v0, 2f
	addiu	$s3, $s3, 1
	b	1b
2:	CHECK	$v0, ENOMEM, "slice_alloc until ENOMEM"
	CHECK	$s3, NSLICE - 2, "all but ours and the child's were free"
	# The child's destruction frees its slice.
	move	$a0, $s1
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, 0, "env_destroy the child"
	move	$a0, $s2
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_ALLOC
	CHECKR	$v0, $s2, "its slice is free again"
	PASS
