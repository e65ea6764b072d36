# bench/kernel/stlb.s: TLB refills served by the STLB (paper §5.4). 80 virtual pages map one
# physical page; touching them in turn overflows the 64-entry TLB, and every refill hits the
# STLB (the pages' VPNs differ in their low 12 bits, so their STLB slots differ). `exo bench
# kernel` measures each refill from the UTLB vector to the return to user mode.
	.include "../../firmware/layout.inc"
	.equ	PAGES, 80
	.equ	ROUNDS, 6
	.equ	BASE, 0x10000000
	.equ	CAP, 0x5eed5eed
	.text
	.set	noreorder
	.globl	__start
__start:
	li	$a0, -1
	li	$a1, CAP
	li	$a2, CAP
	li	$v0, SYS_PAGE_ALLOC
	syscall
	bltz	$v0, fail
	sll	$s1, $v0, 12
	ori	$s1, $s1, ELO_V | ELO_D
	li	$s0, BASE
	li	$s2, PAGES
1:	move	$a0, $s0
	move	$a1, $s1
	li	$a2, CAP
	li	$v0, SYS_TLB_WRITE
	syscall
	bnez	$v0, fail
	addiu	$s2, $s2, -1
	li	$t0, 0x1000
	bnez	$s2, 1b
	addu	$s0, $s0, $t0
	li	$s3, ROUNDS
2:	li	$s0, BASE
	li	$s2, PAGES
3:	lw	$t1, 0($s0)
	addiu	$s2, $s2, -1
	li	$t0, 0x1000
	bnez	$s2, 3b
	addu	$s0, $s0, $t0
	addiu	$s3, $s3, -1
	bnez	$s3, 2b
	nop
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
fail:
	li	$a0, 1
	li	$v0, SYS_EXIT
	syscall
