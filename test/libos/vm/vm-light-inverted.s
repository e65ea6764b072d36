# vm-light-inverted.s: vm-light.s over the inverted page table (vm_use_inverted).
	.equ	INVERTED, 1
	.include "vm-light.s"
