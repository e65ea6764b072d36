# demand-paging.s: touches a 256 KiB region that is not mapped; the library OS's fault handler
# (vm_set_fault_handler) maps a fresh zeroed page there on each first touch (vm_map_new) and
# retries the access. Prints how many pages it created, and checks every page read 0 first
# and keeps what was written.
#   exo run programs/demand-paging.s
	.include "lib/exo.inc"
	.equ	REGION, 0x02000000
	.equ	NPAGES, 64
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	la	$a0, on_fault
	jal	vm_set_fault_handler
	li	$s0, REGION
	li	$s1, REGION + NPAGES * PAGE_SIZE
	move	$s2, $zero				# pages that did not read 0 first
1:	lw	$t0, 100($s0)				# first touch: a fault, a fresh page
	beqz	$t0, 2f
	addiu	$s2, $s2, 1
2:	srl	$t0, $s0, PAGE_SHIFT
	sw	$t0, 100($s0)				# each page holds its number
	sw	$t0, PAGE_SIZE - 4($s0)
	addiu	$s0, $s0, PAGE_SIZE
	bne	$s0, $s1, 1b
	li	$s0, REGION				# read back (no faults now)
	move	$t3, $zero
3:	lw	$t0, 100($s0)
	lw	$t1, PAGE_SIZE - 4($s0)
	srl	$t2, $s0, PAGE_SHIFT
	bne	$t0, $t2, 4f
	beq	$t1, $t2, 5f
4:	addiu	$t3, $t3, 1
5:	addiu	$s0, $s0, PAGE_SIZE
	bne	$s0, $s1, 3b
	move	$s0, $t3
	LSTR	$a0, "demand paging: touched %d pages at 0x%x, the fault handler created %d\n"
	li	$a1, NPAGES
	li	$a2, REGION
	lw	$a3, created
	jal	printf
	LSTR	$a0, "fresh pages not zero: %d, pages not holding what was written: %d\n"
	move	$a1, $s2
	move	$a2, $s0
	jal	printf
	lw	$t0, created
	xori	$t0, $t0, NPAGES
	or	$t0, $t0, $s2
	or	$v0, $t0, $s0				# 0: all well
	sltu	$v0, $zero, $v0
	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# on_fault(va, epc, cause, frame): a page of the region gets a fresh page and the access is
# retried; anything else is a segmentation fault (return 0).
on_fault:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a1, 16($sp)
	li	$t0, REGION
	subu	$t0, $a0, $t0
	srl	$t0, $t0, PAGE_SHIFT
	sltiu	$t0, $t0, NPAGES
	move	$v0, $zero
	beqz	$t0, 9f
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
	li	$a1, 1
	jal	vm_map_new
	move	$t0, $v0
	move	$v0, $zero
	bltz	$t0, 9f					# no page: give up (segmentation fault)
	lw	$t0, created
	addiu	$t0, $t0, 1
	sw	$t0, created
	lw	$v0, 16($sp)				# retry
9:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

	.data
created:	.word	0
