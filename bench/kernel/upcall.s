# bench/kernel/upcall.s: a TLB miss the STLB cannot serve, upcalled to the library OS's handler
# (crt0's exo_tlbmiss: binary search of the boot map, tlb_write) and back (paper §5.4 steps 1-4).
# tlb_delete removes the page from the TLB and the STLB first; measured from the load at m_miss
# to the instruction after it.
	.include "../../programs/lib/exo.inc"
	.equ	ITER, 8
	.text
	.set	noreorder
	.globl	main
main:
	la	$s1, buf
	li	$s0, ITER
1:	move	$a0, $s1
	li	$v0, SYS_TLB_DELETE
	syscall
m_miss:
	lw	$t0, 0($s1)
m_miss_end:
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	jr	$ra
	move	$v0, $zero
	.data
	.balign	4096
buf:	.word	1, 2, 3, 4
