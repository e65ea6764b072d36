# preempt.s: an environment that never yields is still preempted at the end of its slice
# (docs/exokernel.md §9): we spin without a system call; only preempt-peer.s can get us out
# (an asynchronous PCT into us), and it can run only if the timer took the processor from us.
# programs: preempt.s preempt-peer.s
# run: --quantum 20000
# expect: preempt: spinning
# expect: preempt: notified
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_ASYNC, notified
	CHECK	$v0, 0, "env_set our pct_async entry"
	PRINT	"preempt: spinning\n"
	li	$s0, 0
1:	lw	$t0, PEER_DONE($zero)
	addiu	$s0, $s0, 1
	beqz	$t0, 1b
	FAIL	"the flag was set in the spin loop"

# The peer's message: v0 = its id. The spin loop's context is given up (it was saved by the
# kernel at the preemption; a library OS would keep it).
notified:
	lw	$sp, PEER_SP($zero)
	move	$s1, $v0
	PRINT	"preempt: notified\n"
	PEER_ID	$s2, 2
	CHECKR	$s1, $s2, "the message comes from the peer"
	PASS
