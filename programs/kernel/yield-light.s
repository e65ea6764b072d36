# yield-light.s: yield_light (docs/exokernel.md §7, §9) with yield-light-peer.s: refusals
# (ENOENT at once, every register kept), to ourselves (0), to a peer that does not wait in a
# light yield (entered in full: it starts), the peer's light yield back (we resume after our
# syscall with its registers and v0 = 0), ours to the waiting peer (it gets our registers), its
# full yield back to us while we wait (entered in full: after our syscall, v0 = 0), ours to the
# peer that left by a full yield (it resumes with its own registers), and to the peer after it
# exited (ENOENT).
# programs: yield-light.s yield-light-peer.s
# expect: light: before
# expect: peer: running
# expect: peer: got the caller's registers
# expect: peer: a full yield kept every register
# expect: light: after
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	PRINT	"light: before\n"
	# ---- refusals ----
	FILL_REGS 0x4c000000
	PEER_ID	$a0, 40
	li	$v0, SYS_YIELD_LIGHT
	syscall
	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	lw	$s0, REGS_AREA + 8($zero)
	CHECK	$s0, ENOENT, "light yield to an index nobody has"
	CHECK_REGS REGS_AREA, 0x4c000000, 0x14, "registers but v0 kept by a refused light yield (a0 held the id)"
	PEER_ID	$a0, 2
	addiu	$a0, $a0, NENV
	SYS	SYS_YIELD_LIGHT
	CHECK	$v0, ENOENT, "light yield to a stale id (another generation)"
	li	$a0, 0x7fffffff
	SYS	SYS_YIELD_LIGHT
	CHECK	$v0, ENOENT, "light yield to garbage"
	move	$a0, $zero
	SYS	SYS_YIELD_LIGHT
	CHECK	$v0, ENOENT, "light yield to id 0 (the kernel's record)"
	lw	$a0, BOOT_VA + BOOT_ENVID($zero)
	SYS	SYS_YIELD_LIGHT
	CHECK	$v0, 0, "light yield to ourselves"
	# ---- to the peer, which has not run yet: it starts; its light yield back resumes us ----
	PEER_ID	$s0, 2
	sw	$s0, PEER_ARG($zero)
	FILL_REGS 0x4d000000
	lw	$a0, PEER_ARG($zero)
	li	$v0, SYS_YIELD_LIGHT
	syscall
	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	lw	$s0, REGS_AREA + 8($zero)
	CHECK	$s0, 0, "the peer's light yield back: v0 = 0"
	CHECK_REGS REGS_AREA, 0x6c000000, 0x1c, "we resume with the peer's registers (but v0, v1, a0)"
	# ---- to the peer, waiting: it gets our registers; it yields back in full ----
	FILL_REGS 0x4e000000
	lw	$a0, PEER_ARG($zero)
	li	$v0, SYS_YIELD_LIGHT
	syscall
	lw	$sp, PEER_SP($zero)
	CHECK	$v0, 0, "a full yield to us while we wait: after our syscall, v0 = 0"
	# ---- to the peer, which left by a full yield: it resumes with its own registers, exits ----
	lw	$a0, PEER_ARG($zero)
	SYS	SYS_YIELD_LIGHT
	lw	$sp, PEER_SP($zero)
	CHECK	$v0, 0, "resumed after the peer exited: v0 = 0"
	lw	$a0, PEER_ARG($zero)
	SYS	SYS_YIELD_LIGHT
	CHECK	$v0, ENOENT, "light yield to the peer after it exited"
	PRINT	"light: after\n"
	PASS
