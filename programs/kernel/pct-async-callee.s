# pct-async-callee.s: the callee of pct-async.s: checks the message at its pct_async entry,
# gives the rest of the slice back, and exits when next scheduled.
# part-of: pct-async
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_ASYNC, called
	CHECK	$v0, 0, "callee: env_set its pct_async entry"
wait:	lw	$t0, PEER_DONE($zero)
	bnez	$t0, done
	li	$a0, -1
	SYS	SYS_YIELD
	b	wait
done:	PRINT	"callee: done\n"
	li	$a0, 0
	SYS	SYS_EXIT

called:	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	PRINT	"callee: got the message\n"
	CHECK_REGS REGS_AREA, 0x3a000000, 0x04, "callee: the registers are the sender's"
	lw	$s0, REGS_AREA + 8($zero)
	PEER_ID	$s1, 1
	CHECKR	$s0, $s1, "callee: v0 = the sender's id"
	li	$t0, 1
	sw	$t0, PEER_DONE($zero)
	b	wait
