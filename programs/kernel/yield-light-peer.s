# yield-light-peer.s: the peer of yield-light.s.
# part-of: yield-light
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	PRINT	"peer: running\n"
	PEER_ID	$s0, 1
	sw	$s0, PEER_ARG($zero)
	FILL_REGS 0x6c000000
	lw	$a0, PEER_ARG($zero)
	li	$v0, SYS_YIELD_LIGHT
	syscall					# the caller waits: it resumes with these registers
	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	lw	$s0, REGS_AREA + 8($zero)
	CHECK	$s0, 0, "peer: its light yield returns 0"
	CHECK_REGS REGS_AREA, 0x4e000000, 0x1c, "peer: resumed with the caller's registers (but v0, v1, a0)"
	PRINT	"peer: got the caller's registers\n"
	FILL_REGS 0x6f000000
	lw	$a0, PEER_ARG($zero)
	li	$v0, SYS_YIELD
	syscall					# a full yield: the kernel saves us
	STORE_REGS REGS_AREA2
	lw	$sp, PEER_SP($zero)
	lw	$s0, REGS_AREA2 + 8($zero)
	CHECK	$s0, 0, "peer: its full yield returns 0"
	CHECK_REGS REGS_AREA2, 0x6f000000, 0x14, "peer: a full yield kept every register (but v0, a0)"
	PRINT	"peer: a full yield kept every register\n"
	li	$a0, 0
	SYS	SYS_EXIT
