# exc-nohandler.s: an exception the environment has no handler for kills it (docs/exokernel.md
# §6): the kernel reports it and the run ends with 128 + the signal (Ov: SIGFPE, 136).
# status: 136
# expect: exc-nohandler
# expect-stderr: killed: 
# expect-stderr: with no handler
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"exc-nohandler\n"
	li	$t0, 0x7fffffff
	add	$t0, $t0, $t0
	FAIL	"the overflow returned"
