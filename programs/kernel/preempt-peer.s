# preempt-peer.s: the peer of preempt.s: runs only if preempt.s was preempted, tells it so.
# part-of: preempt
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"peer: got the processor\n"
	PEER_ID	$s0, 1
1:	PCT_SEND $s0
	beqz	$v0, 2f
	li	$a0, -1					# not ready yet (EPERM): let it run
	SYS	SYS_YIELD
	b	1b
2:	li	$a0, 0
	SYS	SYS_EXIT
