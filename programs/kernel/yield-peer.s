# yield-peer.s: the peer of yield.s: prints when it gets the processor, yields back, and exits
# the second time it runs.
# part-of: yield
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"peer: running\n"
	PEER_ID	$s0, 1
	move	$a0, $s0
	SYS	SYS_YIELD
	CHECK	$v0, 0, "peer: yield back returned 0"
	li	$a0, 0
	SYS	SYS_EXIT
