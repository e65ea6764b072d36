# asid.s: asid_alloc and asid_switch (CIDswitch, docs/exokernel.md §7): refusals (the kernel's
# ASID 0, an ASID out of range, one nobody gave us), allocation until ENOMEM, and a switch to a
# new address space: nothing of the image is mapped there, so every page comes back through the
# TLB-miss handler (an upcall each), while the pinned segment (guaranteed mappings, the handler
# itself) must keep working (KERNEL-BUGS.md 2); switching back to our own ASID. Our own ASID is
# our index with its 6 bits reversed (kernel.s asid_of_slot: index 1 -> 32), not the index.
# expect: our ASID=0x00000020
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.data
dword:	.word	0xa51d0001
	.text
	.globl	main
main:
	PRINT	"asid\n"
	li	$a0, 0
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, EPERM, "asid_switch(0): the kernel's"
	li	$a0, 64
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, EINVAL, "asid_switch(64)"
	li	$a0, -1
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, EINVAL, "asid_switch(-1)"
	li	$a0, 40
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, EPERM, "asid_switch to an ASID nobody gave us"
	li	$a0, 1
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, EPERM, "asid_switch(1): ASID = index no longer (we are index 1)"
	# Our ASID: our index with its 6 bits reversed (kernel.s asid_of_slot: index 1 -> 32).
	lw	$t0, BOOT_VA + BOOT_ENVID($zero)
	li	$t1, 6
	andi	$t0, $t0, NENV - 1
	move	$s0, $zero
1:	andi	$t2, $t0, 1
	sll	$s0, $s0, 1
	or	$s0, $s0, $t2
	srl	$t0, $t0, 1
	addiu	$t1, $t1, -1
	bnez	$t1, 1b
	SHOW	"our ASID", $s0
	move	$a0, $s0
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, 0, "asid_switch to our own ASID"
	SYS	SYS_ASID_ALLOC
	CHECKGE	$v0, 1, "asid_alloc"
	move	$s1, $v0
	xor	$t0, $s1, $s0
	CHECKNE	$t0, 0, "asid_alloc: not our own ASID"
	# The switch: the next fetch misses in the new address space.
	lw	$s2, EXO_SCRATCH + EXO_S_NMISS($zero)
	move	$a0, $s1
	SYS	SYS_ASID_SWITCH
	move	$s3, $v0
	lw	$t0, dword
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s2
	CHECK	$s3, 0, "asid_switch to the new ASID"
	CHECK	$t0, 0xa51d0001, "the data page, refilled in the new address space"
	CHECKGE	$t1, 2, "text and data came back by upcalls"
	move	$a0, $s0
	SYS	SYS_ASID_SWITCH
	CHECK	$v0, 0, "asid_switch back"
	# Until ENOMEM.
	li	$s3, 1
1:	SYS	SYS_ASID_ALLOC
	bltz	$v0, 2f
	addiu	$s3, $s3, 1
	b	1b
2:	CHECK	$v0, ENOMEM, "asid_alloc until ENOMEM"
	CHECK	$s3, 62, "every ASID but 0 and ours"
	PASS
