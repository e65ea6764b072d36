# yield.s: yield (docs/exokernel.md §7, §9, paper §7.3): to a named environment
# (yield-peer.s runs and prints before we continue), to the next slice's owner (-1), to a
# bad, nonexistent or stale id (ENOENT, we continue); we resume after the syscall with v0 = 0 and
# every other register as it was.
# programs: yield.s yield-peer.s
# expect: yield: before
# expect: peer: running
# expect: yield: after
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	PRINT	"yield: before\n"
	PEER_ID	$s0, 2
	sw	$s0, PEER_ARG($zero)
	FILL_REGS 0x59000000
	lw	$a0, PEER_ARG($zero)
	li	$v0, SYS_YIELD
	syscall
	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	PRINT	"yield: after\n"
	lw	$s0, REGS_AREA + 8($zero)
	CHECK	$s0, 0, "yield(peer) returns 0"
	CHECK_REGS REGS_AREA, 0x59000000, 0x14, "registers but v0 kept across yield (a0 held the id)"
	PEER_ID	$a0, 40
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to an index nobody has"
	PEER_ID	$a0, 2
	addiu	$a0, $a0, NENV
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to a stale id (another generation)"
	li	$a0, 0x7fffffff
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to garbage"
	li	$a0, -1
	SYS	SYS_YIELD				# the next slice is the peer's: it exits
	CHECK	$v0, 0, "yield(-1) comes back"
	PEER_ID	$a0, 2
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to the peer after it exited"
	PASS
