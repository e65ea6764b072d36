# share-peer.s: the peer of share.s (see there).
# part-of: share
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	SR, 0x5a5e0001
	.equ	SW, 0x5a5e0002
	.equ	PVA, 0x20000000
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_SYNC, called
	CHECK	$v0, 0, "peer: env_set its pct_sync entry"
wait:	lw	$t0, PEER_DONE($zero)
	bnez	$t0, 1f
	li	$a0, -1
	SYS	SYS_YIELD
	b	wait
1:	li	$a0, 0
	SYS	SYS_EXIT

called:	lw	$sp, PEER_SP($zero)
	move	$s0, $a0				# the page
	move	$s1, $a1				# its rcap
	sw	$s0, PEER_ARG($zero)
	sll	$s2, $s0, PAGE_SHIFT
	li	$a0, PVA
	ori	$a1, $s2, ELO_D | ELO_V
	move	$a2, $s1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "peer: the rcap does not map the owner's page writable"
	li	$a0, PVA
	ori	$a1, $s2, ELO_V
	li	$a2, SW ^ 0x800
	SYS	SYS_TLB_WRITE
	CHECK	$v0, ECAP, "peer: a forged capability for the owner's page"
	move	$a0, $s0
	li	$a1, SW
	SYS	SYS_PAGE_DEALLOC
	CHECK	$v0, EPERM, "peer: page_dealloc of the owner's page, even with its wcap"
	move	$a0, $s0
	li	$a1, 1
	li	$a2, 2
	li	$a3, SW
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, EPERM, "peer: page_setcap of the owner's page"
	move	$a0, $s0
	li	$a1, 1
	li	$a2, 2
	SYS	SYS_PAGE_ALLOC
	CHECK	$v0, EBUSY, "peer: page_alloc of the owner's page"
	PEER_ID	$s3, 1
	move	$a0, $s3
	li	$a1, FIELD_PCT_SYNC
	la	$a2, called
	li	$a3, 0x1234
	SYS	SYS_ENV_SET
	CHECK	$v0, ECAP, "peer: env_set on the owner without its capability"
	move	$a0, $s3
	li	$a1, 0
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ECAP, "peer: env_destroy of the owner without its capability"
	li	$a0, -1
	move	$a1, $s3
	li	$a2, 99
	SYS	SYS_SLICE_ALLOC
	CHECK	$v0, ECAP, "peer: slice_alloc for the owner without its capability"
	li	$a0, 0
	li	$a1, 0
	li	$a2, 0
	SYS	SYS_SLICE_FREE
	CHECK	$v0, EPERM, "peer: slice_free of the owner's slice 0"
	li	$a0, PVA
	ori	$a1, $s2, ELO_V
	move	$a2, $s1
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "peer: the rcap maps it read-only"
	PRINT	"peer: mapped the shared page\n"
	SET_HANDLER EXC_MOD, trap_handler
	SET_HANDLER EXC_TLBL, trap_handler
	TRAP_RESET
	li	$t0, PVA
	li	$t1, 0x666
	sw	$t1, 0x10($t0)
	CHECKMEM TRAP_COUNT, 1, "peer: a store to it is a Mod exception"
	SET_ENTRY FIELD_PCT_SYNC, revoked
	lui	$t0, %hi(PVA)
	lw	$a0, 0x10($t0)				# the answer: a0 = the word read
	PEER_ID	$s3, 1
	PCT_CALL $s3
	FAIL	"peer: the answer returned"

# The owner changed the capabilities: our read-only binding must be gone.
revoked:
	lw	$sp, PEER_SP($zero)
	TRAP_RESET
	li	$t0, PVA
	sw	$t0, TRAP_PAGE($zero)
	lw	$t1, 0x10($t0)
	CHECKMEM TRAP_COUNT, 1, "peer: setcap broke our binding (TLBL)"
	li	$t0, 1
	sw	$t0, PEER_DONE($zero)
	lw	$a0, TRAP_COUNT($zero)
	PEER_ID	$s3, 1
	PCT_CALL $s3
	FAIL	"peer: the last answer returned"
