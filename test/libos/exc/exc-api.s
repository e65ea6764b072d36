# exc-api.s: user-level exception handling (programs/lib/exc.s, crt0's exo_exc_entry): handlers
# per ExcCode for Ov, Bp, RI and AdEL, each resumed without the kernel at the PC it returns,
# with registers changed through the frame; a fault in a branch delay slot (Cause.BD);
# refusals of the kernel's and the VM's codes.
	.include "exo.inc"
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	PRINT	"exc api\n"
	li	$a0, EXC_TLBL
	la	$a1, on_skip
	jal	exc_set_handler
	CHECK	$v0, EINVAL, "TLBL is the VM's: EINVAL"
	li	$a0, EXC_SYS
	la	$a1, on_skip
	jal	exc_set_handler
	CHECK	$v0, EINVAL, "Sys is the kernel's: EINVAL"
	li	$a0, 16
	la	$a1, on_skip
	jal	exc_set_handler
	CHECK	$v0, EINVAL, "no code 16: EINVAL"
	# Overflow: the handler saturates the destination (t0 in the frame) and skips the add.
	li	$a0, EXC_OV
	la	$a1, on_ov
	jal	exc_set_handler
	CHECK	$v0, 0, "exc_set_handler(Ov): no previous handler"
	jal	exc_count
	move	$s0, $v0
	li	$t1, 0x7ffffff0
	li	$t0, 5
	.set	noreorder
ov_at:	add	$t0, $t1, $t1
	.set	reorder
	CHECK	$t0, 0x7fffffff, "Ov: the handler set t0 through the frame"
	lw	$t2, seen_epc
	la	$t3, ov_at
	CHECKR	$t2, $t3, "Ov: epc is the add"
	lw	$t2, seen_code
	CHECK	$t2, EXC_OV, "Ov: Cause says Ov"
	CHECK	$t1, 0x7ffffff0, "Ov: other registers kept"
	jal	exc_count
	subu	$v0, $v0, $s0
	CHECK	$v0, 1, "exc_count: one exception delivered"
	# Break: skipped.
	li	$a0, EXC_BP
	la	$a1, on_skip
	jal	exc_set_handler
	sw	$zero, nskip
	.set	noreorder
bp_at:	break	7
	.set	reorder
	lw	$t2, nskip
	CHECK	$t2, 1, "Bp: the handler ran and resumed after the break"
	lw	$t2, seen_code
	CHECK	$t2, EXC_BP, "Bp: Cause says Bp"
	# Reserved instruction: resumed at another PC (ri_land).
	li	$a0, EXC_RI
	la	$a1, on_ri
	jal	exc_set_handler
	li	$s1, 1
	.set	noreorder
ri_at:	.word	0xfc000000				# opcode 63: reserved on the R3000
	li	$s1, 2					# skipped
	.set	reorder
ri_land:
	CHECK	$s1, 1, "RI: resumed at the PC the handler returned"
	lw	$t2, seen_code
	CHECK	$t2, EXC_RI, "RI: Cause says RI"
	# Address error: an unaligned load; the handler sees BadVAddr.
	li	$a0, EXC_ADEL
	la	$a1, on_skip
	jal	exc_set_handler
	la	$t1, word
	.set	noreorder
	lw	$t0, 1($t1)
	.set	reorder
	lw	$t2, seen_bad
	addiu	$t3, $t1, 1
	CHECKR	$t2, $t3, "AdEL: the handler got BadVAddr"
	lw	$t2, seen_code
	CHECK	$t2, EXC_ADEL, "AdEL: Cause says AdEL"
	# In a delay slot: Cause.BD, epc is the branch; the handler resumes at the branch target.
	li	$a0, EXC_OV
	la	$a1, on_bd
	jal	exc_set_handler
	la	$t2, on_ov
	CHECKR	$v0, $t2, "exc_set_handler returns the previous handler"
	li	$t1, 0x7ffffff0
	.set	noreorder
bd_at:	b	bd_target
	add	$t0, $t1, $t1				# overflows in the delay slot
	.set	reorder
	FAIL	"the branch was not taken"
bd_target:
	lw	$t2, seen_epc
	la	$t3, bd_at
	CHECKR	$t2, $t3, "BD: epc is the branch"
	lw	$t2, seen_bd
	CHECK	$t2, 1, "BD: Cause.BD is set"
	# Removing a handler.
	li	$a0, EXC_BP
	move	$a1, $zero
	jal	exc_set_handler
	la	$t2, on_skip
	CHECKR	$v0, $t2, "exc_set_handler(Bp, 0) returns the handler it removes"
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	PASS

# on_ov(epc, badvaddr, cause, frame): records, saturates t0, skips the add.
on_ov:
	sw	$a0, seen_epc
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	sw	$t0, seen_code
	li	$t0, 0x7fffffff
	sw	$t0, F_T0($a3)
	addiu	$v0, $a0, 4
	jr	$ra

# on_skip: records, counts, resumes after the faulting instruction.
on_skip:
	sw	$a0, seen_epc
	sw	$a1, seen_bad
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	sw	$t0, seen_code
	lw	$t0, nskip
	addiu	$t0, $t0, 1
	sw	$t0, nskip
	addiu	$v0, $a0, 4
	jr	$ra

# on_ri: records, resumes at ri_land.
on_ri:
	srl	$t0, $a2, 2
	andi	$t0, $t0, 31
	sw	$t0, seen_code
	la	$v0, ri_land
	jr	$ra

# on_bd: records epc and BD; a branch's fault: resume at its target (this test's b bd_target).
on_bd:
	sw	$a0, seen_epc
	srl	$t0, $a2, 31
	sw	$t0, seen_bd
	la	$v0, bd_target
	jr	$ra

	.data
seen_epc:	.word	0
seen_bad:	.word	0
seen_code:	.word	0
seen_bd:	.word	0
nskip:	.word	0
word:	.word	0x12345678, 0
