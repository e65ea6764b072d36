# share.s: another environment's page (docs/exokernel.md §4.2, paper §3.2): we own a page and
# hand its read capability and number to share-peer.s in a PCT (registers are the message). The
# peer may map it read-only with the rcap (sharing), but not writable with it, not with a forged
# capability, and may neither deallocate it nor change its capabilities (not the owner), nor act
# on our environment without our environment capability. Then we take the binding back:
# setcap changes the capabilities and breaks the peer's mapping.
# programs: share.s share-peer.s
# expect: peer: mapped the shared page
# expect: owner: the peer saw the page
# expect: owner: the peer lost its binding
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	SR, 0x5a5e0001
	.equ	SW, 0x5a5e0002
	.equ	SVA, 0x10000000
	.text
	.globl	main
main:
	PRINT	"share\n"
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_SYNC, back
	li	$a0, -1
	li	$a1, SR
	li	$a2, SW
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc the page to share"
	sw	$v0, PEER_ARG($zero)
	sll	$a1, $v0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a0, SVA
	li	$a2, SW
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "map it writable"
	li	$t0, 0x0515ab1e
	sw	$t0, SVA + 0x10($zero)
	PEER_ID	$s0, 2
1:	lw	$a0, PEER_ARG($zero)			# the message: a0 = page, a1 = rcap
	li	$a1, SR
	PCT_CALL $s0
	lw	$sp, PEER_SP($zero)
	CHECK	$v0, EPERM, "the peer is not ready yet: EPERM"
	PEER_ID	$a0, 2
	SYS	SYS_YIELD
	b	1b

back:	lw	$sp, PEER_SP($zero)
	PRINT	"owner: the peer saw the page\n"
	CHECK	$a0, 0x0515ab1e, "the peer read our word (a0 of its answer)"
	lw	$t0, SVA + 0x10($zero)
	CHECK	$t0, 0x0515ab1e, "the peer did not write it"
	# Take it back: new capabilities break the peer's read-only binding.
	lw	$a0, PEER_ARG($zero)
	li	$a1, SR + 0x100
	li	$a2, SW + 0x100
	li	$a3, SW
	SYS	SYS_PAGE_SETCAP
	CHECK	$v0, 0, "page_setcap (revokes the rcap the peer holds)"
	lw	$a1, PEER_ARG($zero)
	sll	$a1, $a1, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a0, SVA
	li	$a2, SW + 0x100
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "our own binding broke too: map it again with the new wcap"
	lw	$t0, SVA + 0x10($zero)
	CHECK	$t0, 0x0515ab1e, "the page kept its contents"
	SET_ENTRY FIELD_PCT_SYNC, final
	PEER_ID	$s0, 2
	PCT_CALL $s0					# the peer checks its binding is gone
	FAIL	"the second call to the peer returned"

final:	lw	$sp, PEER_SP($zero)
	PRINT	"owner: the peer lost its binding\n"
	CHECK	$a0, 1, "the peer's next access faulted (a0 = its fault count)"
	PASS
