# Every MIPS I instruction in the table, under .set noreorder.
# Generated once from emulator/isa.ts operand kinds; the differential test compares it with GNU as.
	.text
	.globl __start
	.set noreorder
__start:
back:
	sll	$t1, $a2, 7
	srl	$a2, $s3, 14
	sra	$s3, $v0, 21
	sllv	$v0, $ra, $k0
	srlv	$ra, $k0, $gp
	srav	$k0, $gp, $t0
	jr	$gp
	jalr	$t0, $t1
	syscall	
	break	
	mfhi	$s3
	mthi	$v0
	mflo	$ra
	mtlo	$k0
	mult	$gp, $t0
	multu	$t0, $t1
	div	$t1, $a2
	divu	$a2, $s3
	add	$s3, $v0, $ra
	addu	$v0, $ra, $k0
	sub	$ra, $k0, $gp
	subu	$k0, $gp, $t0
	and	$gp, $t0, $t1
	or	$t0, $t1, $a2
	xor	$t1, $a2, $s3
	nor	$a2, $s3, $v0
	slt	$s3, $v0, $ra
	sltu	$v0, $ra, $k0
	bltz	$ra, back
	bgez	$k0, fwd
	bltzal	$gp, back
	bgezal	$t0, fwd
	j	back
	jal	fwd
	beq	$s3, $v0, back
	bne	$v0, $ra, fwd
	blez	$ra, back
	bgtz	$k0, fwd
	addi	$gp, $t0, -1039
	addiu	$t0, $t1, -1040
	slti	$t1, $a2, -1041
	sltiu	$a2, $s3, -1042
	andi	$s3, $v0, 0xbe2b
	ori	$v0, $ra, 0xbe2c
	xori	$ra, $k0, 0xbe2d
	lui	$k0, 0x122e
	lb	$gp, 188($t1)
	lh	$t0, 192($a2)
	lwl	$t1, 196($s3)
	lw	$a2, 200($v0)
	lbu	$s3, 204($ra)
	lhu	$v0, 208($k0)
	lwr	$ra, 212($gp)
	sb	$k0, 216($t0)
	sh	$gp, 220($t1)
	swl	$t0, 224($a2)
	sw	$t1, 228($s3)
	swr	$a2, 232($v0)
	tlbr	
	tlbwi	
	tlbwr	
	tlbp	
	rfe	
	mfc0	$t0, $0
	cfc0	$t1, $1
	mtc0	$a2, $2
	ctc0	$s3, $3
	bc0f	fwd
	bc0t	back
	c0	0x1238b
	lwc0	$7, 284($t1)
	swc0	$8, 288($a2)
	mfc1	$t1, $f9
	cfc1	$a2, $10
	mtc1	$s3, $f11
	ctc1	$v0, $12
	bc1f	back
	bc1t	fwd
	c1	0x12394
	lwc1	$f16, 320($a2)
	swc1	$f17, 324($s3)
	mfc2	$a2, $18
	cfc2	$s3, $19
	mtc2	$v0, $20
	ctc2	$ra, $21
	bc2f	fwd
	bc2t	back
	c2	0x1239d
	lwc2	$25, 356($s3)
	swc2	$26, 360($v0)
	mfc3	$s3, $27
	cfc3	$v0, $28
	mtc3	$ra, $29
	ctc3	$k0, $30
	bc3f	back
	bc3t	fwd
	c3	0x123a6
	lwc3	$2, 392($v0)
	swc3	$3, 396($ra)
	break 7
	break 7, 3
	break 0x3ff, 0x3ff
	syscall 5
	syscall 0xfffff
	jalr $t1
	jalr $t2, $t1
	mfc0 $k0, $13
	cfc1 $t0, $31
	lwc1 $f3, 8($sp)
	div $zero, $t0, $t1
	divu $zero, $t0, $t1
fwd:
	jr $ra
	nop
