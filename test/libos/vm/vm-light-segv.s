# vm-light-segv.s: crt0's built-in retry handler on a page that is not in the page table has
# nothing to make accessible: a segmentation fault (exit 139).
	.include "exo.inc"
	.text
	.globl	main
main:
	PRINT	"before\n"
	li	$a0, VM_ACT_RETRY
	jal	vm_set_fault_action
	li	$t0, 0x00900004
	lw	$t1, 0($t0)
	PRINT	"after\n"
	jr	$ra
