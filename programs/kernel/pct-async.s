# pct-async.s: asynchronous protected control transfer (docs/exokernel.md §8): the callee
# (pct-async-callee.s) runs at its pct_async entry with v0 = our id and our registers; we resume
# after the syscall later, with v0 = 0 and every other register kept by the kernel. A sync PCT
# to a callee with only an async entry is refused (EPERM).
# programs: pct-async.s pct-async-callee.s
# expect: callee: got the message
# expect: sender: resumed
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"pct-async\n"
	sw	$sp, PEER_SP($zero)
	sw	$ra, TEST_VARS($zero)
	PEER_ID	$s0, 2
	lui	$t0, PCT_ASYNC << 8
	or	$t0, $t0, $s0
	sw	$t0, PEER_KEY($zero)
	move	$a0, $s0				# let the callee set its entry
	SYS	SYS_YIELD
	CHECK	$v0, 0, "yield to the callee"
	PCT_CALL $s0
	CHECK	$v0, EPERM, "sync PCT to a callee with only an async entry"
send:	FILL_REGS 0x3a000000
	lw	$v0, PEER_KEY($zero)
	syscall
	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	lw	$s3, REGS_AREA + 8($zero)
	beqz	$s3, sent
	CHECK	$s3, EPERM, "before the callee set its entry: EPERM"
	PEER_ID	$a0, 2
	SYS	SYS_YIELD
	b	send
sent:	PRINT	"sender: resumed\n"
	CHECK_REGS REGS_AREA, 0x3a000000, 0x04, "registers kept across the async send"
	PEER_ID	$s0, 2
	PCT_SEND $s0
	CHECK	$v0, ENOENT, "async PCT to the callee after it exited"
	PASS
