# vm-api.s: the library OS's VM (programs/lib/vm.s) through its API, each result checked:
# map, first-write dirty bit, refill from the table after tlb_delete, protect / fault handler /
# unprotect, unmap, a table past one page (vm_grow), refusals. vm-api-inverted.s runs the same
# over the inverted table.
	.include "exo.inc"
	.equ	VA, 0x00600000
	.equ	MANY, 0x01000000
	.equ	NMANY, 300
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	.ifdef	INVERTED
	PRINT	"vm api (inverted)\n"
	jal	vm_use_inverted
	CHECK	$v0, 0, "vm_use_inverted"
	.else
	PRINT	"vm api (linear)\n"
	.endif
	jal	vm_count
	move	$s7, $v0				# records of the image and stack
	li	$a0, VA
	li	$a1, 1
	jal	vm_map_new
	CHECKGE	$v0, 1, "vm_map_new gives a page"
	move	$s0, $v0
	jal	vm_count
	subu	$v0, $v0, $s7
	CHECK	$v0, 1, "one more record"
	li	$a0, VA
	jal	vm_lookup
	andi	$t0, $v0, 0xff | ELO_V | ELO_D
	CHECK	$t0, ELO_V | VM_F_W | VM_F_WCAP | VM_F_OWN, "lookup: valid, clean, writable, ours"
	srl	$t0, $v0, PAGE_SHIFT
	CHECKR	$t0, $s0, "lookup: its page"
	li	$a0, VA
	jal	vm_dirty
	CHECK	$v0, 0, "vm_dirty: clean after vm_map"
	li	$s1, VA
	lw	$t0, 8($s1)
	CHECK	$t0, 0, "a fresh page reads 0"
	li	$a0, VA
	jal	vm_dirty
	CHECK	$v0, 0, "still clean after a read"
	lw	$s2, VM_PAGE+VM_G_NMOD($zero)
	li	$t0, 0x600dda7a
	sw	$t0, 8($s1)
	lw	$t1, VM_PAGE+VM_G_NMOD($zero)
	subu	$t1, $t1, $s2
	CHECK	$t1, 1, "the first write raised one Mod fault"
	li	$a0, VA
	jal	vm_dirty
	CHECK	$v0, 1, "vm_dirty: dirty after a write"
	li	$t0, 0x600dda7b
	sw	$t0, 12($s1)
	lw	$t1, VM_PAGE+VM_G_NMOD($zero)
	subu	$t1, $t1, $s2
	CHECK	$t1, 1, "the second write: no fault"
	# Out of the TLB and STLB: the next access is refilled from the table by the upcall.
	lw	$s2, EXO_SCRATCH+EXO_S_NMISS($zero)
	li	$a0, VA
	SYS	SYS_TLB_DELETE
	lw	$t0, 8($s1)
	CHECK	$t0, 0x600dda7a, "refilled from the table after tlb_delete"
	lw	$t1, EXO_SCRATCH+EXO_S_NMISS($zero)
	subu	$t1, $t1, $s2
	CHECK	$t1, 1, "by one upcall"
	# Protection: the fault handler sees the va, unprotects, retries.
	la	$a0, on_fault
	jal	vm_set_fault_handler
	CHECK	$v0, 0, "no fault handler before"
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	CHECK	$v0, 1, "vm_protect: one page"
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	CHECK	$v0, 0, "vm_protect again: none left to protect"
	sw	$zero, fault_n
	lw	$t0, 12($s1)
	CHECK	$t0, 0x600dda7b, "the protected page reads back once the handler unprotects it"
	lw	$t0, fault_n
	CHECK	$t0, 1, "the handler ran once"
	lw	$t0, fault_va
	CHECK	$t0, VA + 12, "with the faulting address"
	lw	$t0, fault_code
	CHECK	$t0, EXC_TLBL, "a TLBL"
	lw	$t0, 12($s1)
	lw	$t0, fault_n
	CHECK	$t0, 1, "no fault after unprotect"
	# Protect, then a store: TLBS.
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	li	$t0, 77
	sw	$t0, 16($s1)
	lw	$t0, fault_code
	CHECK	$t0, EXC_TLBS, "a store to a protected page: TLBS to the handler"
	lw	$t0, 16($s1)
	CHECK	$t0, 77, "and the store happened after the retry"
	li	$a0, VA
	li	$a1, 4
	jal	vm_unprotect
	CHECK	$v0, 0, "vm_unprotect: nothing protected"
	# Unmap.
	li	$a0, VA
	jal	vm_unmap
	CHECK	$v0, 0, "vm_unmap"
	li	$a0, VA
	jal	vm_unmap
	CHECK	$v0, ENOENT, "vm_unmap again: ENOENT"
	li	$a0, VA
	jal	vm_dirty
	CHECK	$v0, ENOENT, "vm_dirty of an unmapped page: ENOENT"
	li	$a0, VA
	jal	vm_lookup
	CHECK	$v0, 0, "vm_lookup of an unmapped page: 0"
	jal	vm_count
	CHECKR	$v0, $s7, "back to the image's records"
	sw	$zero, fault_n
	la	$a0, on_fault_skip
	jal	vm_set_fault_handler
	lw	$t0, 0($s1)				# unmapped: the handler skips the load
	lw	$t0, fault_n
	CHECK	$t0, 1, "an unmapped page faults to the handler"
	# Refusals.
	li	$a0, VA + 4
	move	$a1, $s0
	li	$a2, 1
	li	$a3, 1
	sw	$zero, 16($sp)
	jal	vm_map
	CHECK	$v0, EINVAL, "vm_map: unaligned va"
	li	$a0, 0x00200000
	move	$a1, $s0
	li	$a2, 1
	li	$a3, 1
	jal	vm_map
	CHECK	$v0, EINVAL, "vm_map: a pinned va"
	li	$a0, 0x80001000
	jal	vm_map
	CHECK	$v0, EINVAL, "vm_map: a kernel va"
	li	$a0, VA
	li	$a3, 0
	li	$t0, 1
	sw	$t0, 16($sp)
	jal	vm_map
	CHECK	$v0, ECAP, "vm_map: writable without the wcap"
	jal	vm_count
	CHECKR	$v0, $s7, "refusals leave the table as it was"
	addiu	$a0, $sp, 24
	jal	vm_page_alloc
	CHECKGE	$v0, 1, "vm_page_alloc"
	move	$s3, $v0
	lw	$t0, 28($sp)
	CHECKR	$v1, $t0, "it returns the wcap it stored"
	li	$a0, VA
	move	$a1, $s3
	lw	$a2, 24($sp)
	addiu	$a2, $a2, 1				# forged
	li	$a3, 0
	sw	$zero, 16($sp)
	jal	vm_map
	CHECK	$v0, ECAP, "vm_map with a forged rcap: the kernel refuses"
	li	$a0, VA
	jal	vm_lookup
	CHECK	$v0, 0, "and the table does not keep it"
	li	$a0, VA
	move	$a1, $s3
	lw	$a2, 24($sp)
	li	$a3, 0
	sw	$zero, 16($sp)
	jal	vm_map
	CHECK	$v0, 0, "vm_map read-only with the rcap"
	lw	$t0, 0($s1)
	CHECK	$t0, 0, "reads"
	sw	$zero, fault_n
	la	$a0, on_fault_skip
	jal	vm_set_fault_handler
	sw	$t0, 0($s1)				# read-only: Mod to the handler, which skips it
	lw	$t0, fault_code
	CHECK	$t0, EXC_MOD, "a store to a read-only page: Mod to the handler"
	li	$a0, VA
	jal	vm_unmap
	CHECK	$v0, 0, "unmap it"
	# Many pages: the linear table grows into its second page.
	li	$s4, 0
1:	sll	$a0, $s4, PAGE_SHIFT
	li	$t0, MANY
	addu	$a0, $a0, $t0
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, 2f
	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, MANY
	addu	$t0, $t0, $t1
	sw	$s4, 0($t0)				# each page holds its number
	addiu	$s4, $s4, 1
	li	$t0, NMANY
	bne	$s4, $t0, 1b
2:	CHECK	$s4, NMANY, "mapped 300 more pages"
	lw	$t0, VM_PAGE+VM_G_NPAGES($zero)
	CHECK	$t0, 2, "two table pages"
	li	$a0, MANY
	li	$a1, NMANY
	jal	vm_protect
	CHECK	$v0, NMANY, "protect all 300"
	li	$a0, MANY
	li	$a1, NMANY
	jal	vm_unprotect
	CHECK	$v0, NMANY, "unprotect all 300"
	li	$s4, 0
	move	$s5, $zero
3:	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, MANY
	addu	$t0, $t0, $t1
	lw	$t0, 0($t0)
	bne	$t0, $s4, 4f
	addiu	$s4, $s4, 1
	li	$t0, NMANY
	bne	$s4, $t0, 3b
4:	CHECK	$s4, NMANY, "each page reads its number back"
	li	$s4, 0
5:	sll	$a0, $s4, PAGE_SHIFT
	li	$t0, MANY
	addu	$a0, $a0, $t0
	jal	vm_unmap
	bnez	$v0, 6f
	addiu	$s4, $s4, 1
	li	$t0, NMANY
	bne	$s4, $t0, 5b
6:	CHECK	$s4, NMANY, "unmapped all 300 (their pages freed)"
	jal	vm_count
	CHECKR	$v0, $s7, "back to the image's records"
	PASS

# on_fault(va, epc, cause, frame): counts, records, unprotects the page, retries.
on_fault:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	lw	$t0, fault_n
	addiu	$t0, $t0, 1
	sw	$t0, fault_n
	sw	$a0, fault_va
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	sw	$t0, fault_code
	sw	$a1, 16($sp)
	li	$a1, 1
	jal	vm_unprotect
	lw	$v0, 16($sp)				# retry at epc
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# on_fault_skip: counts and resumes after the faulting instruction.
on_fault_skip:
	lw	$t0, fault_n
	addiu	$t0, $t0, 1
	sw	$t0, fault_n
	sw	$a0, fault_va
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	sw	$t0, fault_code
	addiu	$v0, $a1, 4
	jr	$ra

	.data
fault_n:	.word	0
fault_va:	.word	0
fault_code:	.word	0
