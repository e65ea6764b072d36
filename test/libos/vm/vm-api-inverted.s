# vm-api-inverted.s: vm-api.s over the inverted page table (vm_use_inverted).
	.equ	INVERTED, 1
	.include "vm-api.s"
