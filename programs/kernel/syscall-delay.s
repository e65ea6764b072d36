# syscall-delay.s: a syscall in a branch delay slot cannot be resumed (EPC names the branch), so
# the kernel kills the environment (docs/exokernel.md §7): status 128 + SIGSYS.
# status: 159
# expect: syscall-delay
# expect-stderr: syscall in a branch delay slot
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"syscall-delay\n"
	li	$v0, SYS_GETENVID
	.set	noreorder
	beq	$zero, $zero, 1f
	syscall
	.set	reorder
1:	FAIL	"the syscall in a delay slot returned"
