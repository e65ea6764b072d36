# bench/paper/vm-inverted.s: vm-linear.s over the inverted page table (paper §7.2, Table 13's
# "inverted" column): vm_use_inverted first, then the same rows.
	.equ	INVERTED, 1
	.include "vm-linear.s"
