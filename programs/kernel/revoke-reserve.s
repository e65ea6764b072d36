# revoke-reserve.s: the never-repossessed reserve (docs/exokernel.md §11, paper §3.4: "a few
# pages per environment are never repossessed"). Environment 2 (revoke-reserve-peer.s) has no
# upcall handler and a repossession handler that runs from its scratch page (guaranteed, so
# never repossessed); it light-yields to us its capability (a2), its revocable pages (a3) and
# its never-repossessed ones (t2). We ask for RV_MAX_PAGES pages, more than it may lose: the
# kernel takes exactly its revocable pages (all of them, at once: no upcall handler) and no
# other; the peer then still runs its repossession handler, from its reserve, and exits 0.
# programs: revoke-reserve.s revoke-reserve-peer.s
# expect: revoke-reserve
# expect: reserve-peer
# expect: reserve-peer: repossession handler running from its reserve
# expect-stderr: repossessed (abort protocol)
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	PEERW, TEST_VARS + 0x00
	.equ	MAGIC, 0x3e55a6e5
	.text
	.globl	main
main:
	PRINT	"revoke-reserve\n"
	PEER_ID	$t0, 2
	sw	$t0, PEERW($zero)
1:	YIELD_LIGHT PEERW				# until its message comes (t3 = MAGIC; our own
	li	$t0, MAGIC				# slice may resume us first)
	bne	$t3, $t0, 1b
	CHECK	$v0, 0, "the peer yielded back"
	move	$s0, $a2				# its capability
	move	$s1, $a3				# its revocable pages
	move	$s2, $t2				# its never-repossessed pages
	CHECKGE	$s1, 4, "the peer has revocable pages (its image and stack)"
	CHECKGE	$s2, 3, "and a reserve (boot page, scratch page, handler text...)"
	lw	$a0, PEERW($zero)
	move	$a1, $s0
	li	$a2, RV_MAX_PAGES
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
	move	$s3, $v0
	move	$t0, $s1				# expected: min(RV_MAX_PAGES, revocable)
	sltiu	$t1, $s1, RV_MAX_PAGES + 1
	bnez	$t1, 1f
	li	$t0, RV_MAX_PAGES
1:	CHECKR	$s3, $t0, "asking for more than it may lose takes only its revocable pages"
	YIELD_LIGHT PEERW				# its repossession handler runs, then it exits
	PASS
