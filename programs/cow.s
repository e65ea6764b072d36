# cow.s: copy-on-write of a data page. Two virtual pages (A, B) map one physical page read-only
# (vm_map without writable, the wcap kept); a store to either raises Mod, and the fault handler
# copies the page into a fresh one mapped writable there, while the other keeps the original.
# The last sharer's write just makes the original writable (no copy). Prints and checks contents.
#   exo run programs/cow.s
	.include "lib/exo.inc"
	.equ	A, 0x03000000
	.equ	B, 0x03001000
	.equ	TMP, 0x03100000				# where the handler maps the copy while it fills it
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	la	$a0, caps
	jal	vm_page_alloc
	bltz	$v0, 8f
	sw	$v0, orig
	# Fill it through A (writable), then map A and B read-only over it.
	li	$a0, A
	lw	$a1, orig
	lw	$a2, caps
	lw	$a3, caps + 4
	li	$t0, 1
	sw	$t0, 16($sp)
	jal	vm_map
	bnez	$v0, 8f
	li	$t0, A
	li	$t1, 0x0c0ffee0
	sw	$t1, 0($t0)
	sw	$t1, PAGE_SIZE - 4($t0)
	li	$s0, A
	jal	share
	bnez	$v0, 8f
	li	$s0, B
	jal	share
	bnez	$v0, 8f
	la	$a0, on_fault
	jal	vm_set_fault_handler
	LSTR	$a0, "cow: A=0x%x and B=0x%x share one page read-only: A[0]=0x%x B[0]=0x%x\n"
	li	$a1, A
	li	$a2, B
	lw	$a3, A
	lw	$t0, B
	sw	$t0, 16($sp)
	jal	printf
	li	$t0, 0xaaaa0001
	sw	$t0, A					# Mod: a copy for A
	LSTR	$a0, "after a write to A: A[0]=0x%x B[0]=0x%x A[last]=0x%x copies=%d\n"
	lw	$a1, A
	lw	$a2, B
	lw	$a3, A + PAGE_SIZE - 4
	lw	$t0, copies
	sw	$t0, 16($sp)
	jal	printf
	li	$t0, 0xbbbb0002
	sw	$t0, B					# Mod: B is the last sharer, no copy
	LSTR	$a0, "after a write to B: A[0]=0x%x B[0]=0x%x B[last]=0x%x copies=%d\n"
	lw	$a1, A
	lw	$a2, B
	lw	$a3, B + PAGE_SIZE - 4
	lw	$t0, copies
	sw	$t0, 16($sp)
	jal	printf
	li	$a0, B
	jal	vm_lookup
	srl	$t1, $v0, PAGE_SHIFT
	lw	$t2, orig
	xor	$s0, $t1, $t2				# 0: B kept the original page
	li	$a0, A
	jal	vm_lookup
	srl	$t1, $v0, PAGE_SHIFT
	lw	$t2, orig
	xor	$s1, $t1, $t2				# not 0: A has a page of its own
	LSTR	$a0, "A has its own page: %s, B kept the original: %s\n"
	LSTR	$a1, "yes"
	LSTR	$a2, "yes"
	bnez	$s1, 2f
	LSTR	$a1, "no"
2:	beqz	$s0, 1f
	LSTR	$a2, "no"
1:	jal	printf
	# The checks: contents and page identities.
	lw	$t0, A
	li	$t1, 0xaaaa0001
	bne	$t0, $t1, 8f
	lw	$t0, A + PAGE_SIZE - 4
	li	$t1, 0x0c0ffee0
	bne	$t0, $t1, 8f
	lw	$t0, B
	li	$t1, 0xbbbb0002
	bne	$t0, $t1, 8f
	lw	$t0, B + PAGE_SIZE - 4
	li	$t1, 0x0c0ffee0
	bne	$t0, $t1, 8f
	lw	$t0, copies
	li	$t1, 1
	bne	$t0, $t1, 8f
	bnez	$s0, 8f
	beqz	$s1, 8f
	move	$v0, $zero
	b	9f
8:	LSTR	$a0, "cow: FAILED\n"
	jal	printf
	li	$v0, 1
9:	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# share(): maps the original page read-only at s0 (the wcap is kept: the handler may make it
# writable later) and counts the sharer. -> v0 = vm_map's result.
share:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	move	$a0, $s0
	lw	$a1, orig
	lw	$a2, caps
	lw	$a3, caps + 4
	sw	$zero, 16($sp)				# not writable
	jal	vm_map
	bnez	$v0, 1f
	lw	$t0, sharers
	addiu	$t0, $t0, 1
	sw	$t0, sharers
1:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# on_fault(va, epc, cause, frame): a store (Mod) to A or B: the last sharer gets the original
# page writable; any other gets a copy. Then the store is retried. Anything else: 0.
on_fault:
	addiu	$sp, $sp, -48
	sw	$ra, 44($sp)
	sw	$s0, 40($sp)
	sw	$s1, 36($sp)
	sw	$a1, 32($sp)
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	li	$t1, EXC_MOD
	move	$v0, $zero
	bne	$t0, $t1, 9f
	srl	$s0, $a0, PAGE_SHIFT
	sll	$s0, $s0, PAGE_SHIFT			# the page's va
	li	$t0, A
	beq	$s0, $t0, 1f
	li	$t0, B
	bne	$s0, $t0, 9f
1:	lw	$t0, sharers
	li	$t1, 1
	bne	$t0, $t1, 2f
	move	$a0, $s0				# the last sharer: the original, writable
	lw	$a1, orig
	b	3f
2:	addiu	$a0, $sp, 24				# a copy: a fresh page at TMP
	jal	vm_page_alloc
	bltz	$v0, 8f
	move	$s1, $v0
	li	$a0, TMP
	move	$a1, $s1
	lw	$a2, 24($sp)
	lw	$a3, 28($sp)
	li	$t0, 1
	sw	$t0, 16($sp)
	jal	vm_map
	bnez	$v0, 8f
	li	$t0, TMP
	move	$t1, $s0
	addiu	$t2, $s0, PAGE_SIZE
4:	lw	$t3, 0($t1)
	addiu	$t1, $t1, 4
	sw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t1, $t2, 4b
	li	$a0, TMP
	jal	vm_unmap				# (not vm_map_new's page: it stays ours)
	lw	$t0, sharers
	addiu	$t0, $t0, -1
	sw	$t0, sharers
	lw	$t0, copies
	addiu	$t0, $t0, 1
	sw	$t0, copies
	move	$a0, $s0
	move	$a1, $s1
	lw	$a2, 24($sp)
	lw	$a3, 28($sp)
	b	5f
3:	lw	$a2, caps
	lw	$a3, caps + 4
5:	li	$t0, 1
	sw	$t0, 16($sp)
	jal	vm_map					# replaces the read-only mapping
	bnez	$v0, 8f
	lw	$v0, 32($sp)				# retry the store
	b	9f
8:	move	$v0, $zero
9:	lw	$ra, 44($sp)
	lw	$s0, 40($sp)
	lw	$s1, 36($sp)
	addiu	$sp, $sp, 48
	jr	$ra

	.data
caps:	.word	0, 0				# the original page's rcap, wcap
orig:	.word	0				# its page number
sharers:	.word	0
copies:	.word	0
