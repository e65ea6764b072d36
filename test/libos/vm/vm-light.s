# vm-light.s: light fault handlers (programs/lib/vm.s, crt0.s exo_vm_light) and the handlers'
# hint table: crt0's built-in skip and retry (vm_set_fault_action), loads and stores, a range
# with unmapped pages in it, the switch between light and o32 handlers, a bad action; then pages
# reached through hints after the table's records moved (maps and unmaps around them).
# vm-light-inverted.s runs the same over the inverted table.
	.include "exo.inc"
	.equ	VA, 0x00600000
	.equ	RANGE, 0x00700000			# 12 pages, 4 of them (3, 4, 8, 11) unmapped
	.equ	NR, 12
	.text
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	.ifdef	INVERTED
	PRINT	"vm light (inverted)\n"
	jal	vm_use_inverted
	CHECK	$v0, 0, "vm_use_inverted"
	.else
	PRINT	"vm light (linear)\n"
	.endif
	li	$a0, VA
	li	$a1, 1
	jal	vm_map_new
	CHECKGE	$v0, 1, "vm_map_new"
	li	$s1, VA
	li	$t0, 0x11112222
	sw	$t0, 0($s1)
	# ---- skip ----
	li	$a0, VM_ACT_SKIP
	jal	vm_set_fault_action
	CHECK	$v0, 0, "vm_set_fault_action(VM_ACT_SKIP)"
	jal	vm_fault_count
	move	$s2, $v0
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	CHECK	$v0, 1, "vm_protect: one page"
	li	$s3, 0x5a5a5a5a
	lw	$s3, 0($s1)				# skipped: s3 keeps its value
	CHECK	$s3, 0x5a5a5a5a, "a load from the protected page is skipped"
	li	$t0, 0x33334444
	sw	$t0, 0($s1)				# skipped: memory keeps its value
	jal	vm_fault_count
	subu	$v0, $v0, $s2
	CHECK	$v0, 2, "two faults delivered to the light handler"
	li	$a0, VA
	li	$a1, 1
	jal	vm_unprotect
	CHECK	$v0, 1, "vm_unprotect: one page"
	lw	$t0, 0($s1)
	CHECK	$t0, 0x11112222, "the skipped store wrote nothing"
	jal	vm_fault_count
	subu	$v0, $v0, $s2
	CHECK	$v0, 2, "no fault once unprotected (the miss handler refills it)"
	# ---- retry ----
	li	$a0, VM_ACT_RETRY
	jal	vm_set_fault_action
	CHECK	$v0, 0, "vm_set_fault_action(VM_ACT_RETRY)"
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	CHECK	$v0, 1, "vm_protect again"
	lw	$t0, 0($s1)
	CHECK	$t0, 0x11112222, "a load from the protected page is retried after the handler"
	li	$t0, 0x55556666
	sw	$t0, 4($s1)
	lw	$t1, 4($s1)
	CHECK	$t1, 0x55556666, "the page is writable again"
	jal	vm_fault_count
	subu	$v0, $v0, $s2
	CHECK	$v0, 3, "one more fault: the retry made the page accessible"
	li	$a0, VA
	jal	vm_lookup
	andi	$t0, $v0, ELO_V
	CHECK	$t0, ELO_V, "its record is valid again"
	# A store first.
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	li	$t0, 0x77778888
	sw	$t0, 8($s1)
	lw	$t1, 8($s1)
	CHECK	$t1, 0x77778888, "a store to the protected page is retried after the handler"
	# ---- a range with holes ----
	li	$s4, 0					# map pages 0..11 but 3, 4, 8, 11
1:	li	$t0, 3
	beq	$s4, $t0, 2f
	li	$t0, 4
	beq	$s4, $t0, 2f
	li	$t0, 8
	beq	$s4, $t0, 2f
	li	$t0, 11
	beq	$s4, $t0, 2f
	sll	$a0, $s4, PAGE_SHIFT
	li	$t0, RANGE
	addu	$a0, $a0, $t0
	li	$a1, 1
	jal	vm_map_new
	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, RANGE
	addu	$t0, $t0, $t1
	sw	$s4, 0($t0)				# each page holds its number
2:	addiu	$s4, $s4, 1
	li	$t0, NR
	bne	$s4, $t0, 1b
	li	$a0, RANGE
	li	$a1, NR
	jal	vm_protect
	CHECK	$v0, 8, "vm_protect over 12 pages protects the 8 mapped ones"
	li	$a0, RANGE
	li	$a1, NR
	jal	vm_protect
	CHECK	$v0, 0, "and none a second time"
	jal	vm_fault_count
	move	$s2, $v0
	li	$s4, 0					# read every mapped page back: one retry each
	li	$s5, 0					# wrong values
3:	li	$t0, 3
	beq	$s4, $t0, 4f
	li	$t0, 4
	beq	$s4, $t0, 4f
	li	$t0, 8
	beq	$s4, $t0, 4f
	li	$t0, 11
	beq	$s4, $t0, 4f
	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, RANGE
	addu	$t0, $t0, $t1
	lw	$t1, 0($t0)
	beq	$t1, $s4, 4f
	addiu	$s5, $s5, 1
4:	addiu	$s4, $s4, 1
	li	$t0, NR
	bne	$s4, $t0, 3b
	CHECK	$s5, 0, "every protected page read back its number"
	jal	vm_fault_count
	subu	$v0, $v0, $s2
	CHECK	$v0, 8, "one fault per protected page"
	# ---- the o32 handler replaces the light one and back ----
	la	$a0, on_fault
	jal	vm_set_fault_handler
	CHECK	$v0, 0, "no o32 handler while a light one was set"
	li	$a0, VA
	li	$a1, 1
	jal	vm_protect
	sw	$zero, o32_n
	lw	$t0, 0($s1)
	lw	$t0, o32_n
	CHECK	$t0, 1, "the o32 handler got the fault"
	li	$a0, 99
	jal	vm_set_fault_action
	CHECK	$v0, EINVAL, "vm_set_fault_action(99)"
	li	$a0, VM_ACT_RETRY
	jal	vm_set_fault_action
	move	$a0, $zero
	jal	vm_set_fault_handler
	CHECK	$v0, 0, "setting a light handler cleared the o32 one"
	li	$a0, VM_ACT_RETRY
	jal	vm_set_fault_action
	# ---- hints after the records moved ----
	# Map 40 pages below RANGE (every insert into the linear table shifts the records above),
	# touch all, unmap every third (removals shift them back), then read the rest: each read
	# goes through whatever its hint now points at, and must still find its own page.
	li	$s4, 0
5:	sll	$a0, $s4, PAGE_SHIFT
	li	$t0, 0x00680000
	addu	$a0, $a0, $t0
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, 10f				# (checked below)
	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, 0x00680000
	addu	$t0, $t0, $t1
	addiu	$t1, $s4, 0x100
	sw	$t1, 0($t0)
	addiu	$s4, $s4, 1
	li	$t0, 40
	bne	$s4, $t0, 5b
10:	CHECK	$s4, 40, "40 more pages mapped"
	li	$s4, 0
6:	sll	$a0, $s4, PAGE_SHIFT
	li	$t0, 0x00680000
	addu	$a0, $a0, $t0
	jal	vm_unmap
	addiu	$s4, $s4, 3
	slti	$t0, $s4, 40
	bnez	$t0, 6b
	li	$s4, 0
	li	$s5, 0
	li	$s7, 0					# s4 mod 3
7:	beqz	$s7, 8f					# unmapped
	sll	$t0, $s4, PAGE_SHIFT
	li	$t1, 0x00680000
	addu	$s6, $t0, $t1
	move	$a0, $s6				# out of the TLB and STLB: a miss, through the hint
	li	$v0, SYS_TLB_DELETE
	syscall
	lw	$t1, 0($s6)
	addiu	$t2, $s4, 0x100
	beq	$t1, $t2, 8f
	addiu	$s5, $s5, 1
8:	addiu	$s4, $s4, 1
	addiu	$s7, $s7, 1
	li	$t0, 3
	bne	$s7, $t0, 9f
	li	$s7, 0
9:	li	$t0, 40
	bne	$s4, $t0, 7b
	CHECK	$s5, 0, "after maps and unmaps, every remaining page reads its own value"
	lw	$ra, 36($sp)
	addiu	$sp, $sp, 40
	PASS

# on_fault(va, epc, cause, frame): an o32 handler: counts, makes the page accessible, retries.
on_fault:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a1, 16($sp)
	lw	$t0, o32_n
	addiu	$t0, $t0, 1
	sw	$t0, o32_n
	jal	vm_unprotect
	li	$a1, 1
	lw	$v0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

	.data
o32_n:	.word	0
