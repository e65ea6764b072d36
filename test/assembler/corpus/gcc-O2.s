	.file	1 "prog.c"
	.section .mdebug.abi32
	.previous
	.nan	legacy
	.module	fp=32
	.module	nooddspreg
	.module	arch=r3000
	.text
	.align	2
	.globl	fib
	.set	nomips16
	.set	nomicromips
	.ent	fib
	.type	fib, @function
fib:
	.frame	$sp,144,$31		# vars= 88, regs= 10/0, args= 16, gp= 0
	.mask	0xc0ff0000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-144
	slt	$3,$4,2
	sw	$23,132($sp)
	sw	$31,140($sp)
	sw	$fp,136($sp)
	sw	$22,128($sp)
	sw	$21,124($sp)
	sw	$20,120($sp)
	sw	$19,116($sp)
	sw	$18,112($sp)
	sw	$17,108($sp)
	sw	$16,104($sp)
	bne	$3,$0,$L2
	move	$23,$4

	addiu	$3,$4,-1
	li	$4,-2			# 0xfffffffffffffffe
	and	$4,$3,$4
	subu	$20,$23,$4
	move	$fp,$0
	move	$22,$20
	move	$17,$23
	li	$8,-2			# 0xfffffffffffffffe
	beq	$17,$22,$L3
	move	$21,$fp

$L45:
	addiu	$17,$17,-2
	and	$2,$17,$8
	subu	$18,$3,$2
	move	$19,$21
	move	$20,$0
	move	$4,$3
	move	$21,$18
$L26:
	beq	$4,$21,$L4
	addiu	$16,$4,-1

$L44:
	addiu	$23,$4,-2
	and	$2,$23,$8
	subu	$2,$16,$2
	move	$4,$16
	move	$18,$0
	move	$5,$19
	move	$16,$20
	move	$fp,$22
$L24:
	beq	$4,$2,$L5
	addiu	$3,$4,-1

	addiu	$4,$4,-2
	and	$6,$4,$8
	move	$7,$5
	subu	$6,$3,$6
	move	$5,$2
	move	$22,$0
	move	$2,$17
	move	$17,$23
$L22:
	beq	$3,$6,$L6
	addiu	$10,$3,-1

	addiu	$20,$3,-2
	and	$23,$20,$8
	subu	$23,$10,$23
	move	$19,$0
	move	$24,$7
	move	$11,$16
	move	$15,$6
	sw	$20,40($sp)
	move	$6,$23
	move	$7,$18
	move	$16,$10
	move	$23,$19
	move	$14,$5
	move	$3,$17
	move	$13,$4
	move	$20,$21
	move	$12,$2
$L20:
	beq	$6,$16,$L7
	addiu	$9,$16,-1

	addiu	$16,$16,-2
	and	$21,$16,$8
	subu	$21,$9,$21
	move	$17,$21
	move	$18,$0
	move	$21,$6
	move	$4,$3
$L18:
	addiu	$5,$9,-1
	beq	$17,$9,$L8
	sw	$5,16($sp)

	addiu	$10,$9,-2
	and	$2,$10,$8
	addiu	$3,$9,-3
	subu	$2,$5,$2
	addiu	$25,$9,-5
	sw	$2,36($sp)
	move	$6,$0
	move	$9,$3
	move	$19,$4
$L16:
	lw	$3,16($sp)
	lw	$4,36($sp)
	nop
	beq	$4,$3,$L46
	addiu	$2,$3,-1

	and	$3,$9,$8
	subu	$3,$2,$3
	move	$4,$0
	sw	$6,32($sp)
	sw	$3,20($sp)
	move	$5,$25
	sw	$24,24($sp)
	sw	$11,28($sp)
	move	$6,$4
$L14:
	lw	$4,20($sp)
	nop
	beq	$2,$4,$L10
	move	$4,$6

	addiu	$24,$2,-2
	and	$11,$5,$8
	addiu	$2,$2,-4
	subu	$3,$2,$11
	move	$4,$24
	move	$11,$0
$L11:
	sw	$24,96($sp)
	sw	$10,92($sp)
	sw	$12,88($sp)
	sw	$13,84($sp)
	sw	$14,80($sp)
	sw	$15,76($sp)
	sw	$3,72($sp)
	sw	$5,68($sp)
	sw	$9,64($sp)
	sw	$25,60($sp)
	sw	$11,56($sp)
	sw	$6,52($sp)
	sw	$7,48($sp)
	jal	fib
	sw	$4,44($sp)

	lw	$4,44($sp)
	lw	$11,56($sp)
	lw	$3,72($sp)
	addiu	$4,$4,-2
	lw	$7,48($sp)
	lw	$6,52($sp)
	lw	$25,60($sp)
	lw	$9,64($sp)
	lw	$5,68($sp)
	lw	$15,76($sp)
	lw	$14,80($sp)
	lw	$13,84($sp)
	lw	$12,88($sp)
	lw	$10,92($sp)
	lw	$24,96($sp)
	addu	$11,$11,$2
	bne	$3,$4,$L11
	li	$8,-2			# 0xfffffffffffffffe

	andi	$3,$5,0x1
	addu	$3,$3,$11
	slt	$11,$24,2
	move	$2,$24
	addu	$6,$6,$3
	beq	$11,$0,$L14
	addiu	$5,$5,-2

	move	$4,$6
	lw	$24,24($sp)
	lw	$11,28($sp)
	lw	$6,32($sp)
$L13:
	lw	$3,16($sp)
	addu	$4,$2,$4
	addiu	$3,$3,-2
	slt	$2,$3,2
	sw	$3,16($sp)
	addu	$6,$6,$4
	addiu	$9,$9,-2
	beq	$2,$0,$L16
	addiu	$25,$25,-2

	move	$4,$19
$L15:
	lw	$2,16($sp)
	move	$9,$10
	addu	$6,$2,$6
	slt	$2,$10,2
	beq	$2,$0,$L18
	addu	$18,$18,$6

	move	$6,$21
	move	$3,$4
$L17:
	addu	$18,$9,$18
	slt	$2,$16,2
	beq	$2,$0,$L20
	addu	$23,$23,$18

	move	$21,$20
	lw	$20,40($sp)
	move	$18,$7
	move	$10,$16
	move	$7,$24
	move	$16,$11
	move	$19,$23
	move	$6,$15
	move	$5,$14
	move	$17,$3
	move	$4,$13
	move	$2,$12
$L19:
	addu	$10,$10,$19
	slt	$9,$20,2
	move	$3,$20
	beq	$9,$0,$L22
	addu	$22,$22,$10

	move	$23,$17
	move	$17,$2
	move	$2,$5
	move	$5,$7
$L21:
	addu	$22,$22,$3
	slt	$3,$4,2
	beq	$3,$0,$L24
	addu	$18,$18,$22

	move	$20,$16
	move	$16,$4
	addu	$18,$18,$16
	slt	$2,$23,2
	move	$19,$5
	move	$22,$fp
	move	$4,$23
	beq	$2,$0,$L26
	addu	$20,$20,$18

$L43:
	move	$21,$19
	move	$19,$23
	addu	$19,$19,$20
	slt	$2,$17,2
	beq	$2,$0,$L42
	addu	$21,$21,$19

$L38:
	b	$L2
	addu	$23,$17,$21

$L8:
	lw	$17,16($sp)
	move	$6,$21
	move	$3,$4
	addiu	$9,$9,-2
	b	$L17
	addu	$18,$18,$17

$L46:
	move	$4,$19
	addiu	$3,$3,-2
	sw	$3,16($sp)
	b	$L15
	addu	$6,$6,$2

$L10:
	addiu	$3,$2,-1
	lw	$24,24($sp)
	lw	$11,28($sp)
	lw	$6,32($sp)
	addiu	$2,$2,-2
	b	$L13
	addu	$4,$4,$3

$L7:
	move	$10,$16
	move	$18,$7
	move	$21,$20
	move	$7,$24
	lw	$20,40($sp)
	move	$16,$11
	move	$6,$15
	move	$5,$14
	move	$17,$3
	move	$4,$13
	move	$2,$12
	addiu	$10,$10,-2
	b	$L19
	addu	$19,$23,$9

$L6:
	move	$23,$17
	addiu	$3,$3,-2
	move	$17,$2
	addu	$22,$22,$10
	move	$2,$5
	b	$L21
	move	$5,$7

$L5:
	move	$20,$16
	addu	$18,$18,$3
	addiu	$16,$4,-2
	addu	$18,$18,$16
	slt	$2,$23,2
	move	$19,$5
	move	$22,$fp
	move	$4,$23
	bne	$2,$0,$L43
	addu	$20,$20,$18

	bne	$4,$21,$L44
	addiu	$16,$4,-1

$L4:
	move	$21,$19
	addu	$20,$20,$16
	addiu	$19,$4,-2
	addu	$19,$19,$20
	slt	$2,$17,2
	bne	$2,$0,$L38
	addu	$21,$21,$19

$L42:
	bne	$17,$22,$L45
	addiu	$3,$17,-1

$L3:
	addiu	$23,$17,-2
	addu	$3,$3,$21
	addu	$23,$23,$3
$L2:
	lw	$31,140($sp)
	lw	$fp,136($sp)
	lw	$22,128($sp)
	lw	$21,124($sp)
	lw	$20,120($sp)
	lw	$19,116($sp)
	lw	$18,112($sp)
	lw	$17,108($sp)
	lw	$16,104($sp)
	move	$2,$23
	lw	$23,132($sp)
	jr	$31
	addiu	$sp,$sp,144

	.set	macro
	.set	reorder
	.end	fib
	.size	fib, .-fib
	.align	2
	.globl	divs
	.set	nomips16
	.set	nomicromips
	.ent	divs
	.type	divs, @function
divs:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	bne	$5,$0,1f
	div	$0,$4,$5
	break	7
1:
	mfhi	$4
	mflo	$2
	jr	$31
	addu	$2,$2,$4

	.set	macro
	.set	reorder
	.end	divs
	.size	divs, .-divs
	.align	2
	.globl	divu
	.set	nomips16
	.set	nomicromips
	.ent	divu
	.type	divu, @function
divu:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	bne	$5,$0,1f
	divu	$0,$4,$5
	break	7
1:
	mfhi	$4
	mflo	$2
	nop
	nop
	mult	$2,$4
	mflo	$2
	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	divu
	.size	divu, .-divu
	.align	2
	.globl	sw
	.set	nomips16
	.set	nomicromips
	.ent	sw
	.type	sw, @function
sw:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	sltu	$2,$4,5
	beq	$2,$0,$L51
	sll	$4,$4,2

	lui	$2,%hi(CSWTCH.9)
	addiu	$2,$2,%lo(CSWTCH.9)
	addu	$4,$4,$2
	lw	$2,0($4)
	jr	$31
	nop

$L51:
	jr	$31
	li	$2,-1			# 0xffffffffffffffff

	.set	macro
	.set	reorder
	.end	sw
	.size	sw, .-sw
	.align	2
	.globl	sum
	.set	nomips16
	.set	nomicromips
	.ent	sum
	.type	sum, @function
sum:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	blez	$5,$L55
	sll	$5,$5,1

	lui	$2,%hi(counter)
	lw	$6,%lo(counter)($2)
	addu	$5,$4,$5
	move	$2,$0
$L54:
	lh	$3,0($4)
	addiu	$4,$4,2
	mult	$3,$6
	mflo	$3
	bne	$5,$4,$L54
	addu	$2,$2,$3

	jr	$31
	nop

$L55:
	jr	$31
	move	$2,$0

	.set	macro
	.set	reorder
	.end	sum
	.size	sum, .-sum
	.align	2
	.globl	name
	.set	nomips16
	.set	nomicromips
	.ent	name
	.type	name, @function
name:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	andi	$4,$4,0x1
	lui	$2,%hi(names)
	addiu	$2,$2,%lo(names)
	sll	$4,$4,2
	addu	$4,$4,$2
	lw	$2,0($4)
	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	name
	.size	name, .-name
	.align	2
	.globl	fill
	.set	nomips16
	.set	nomicromips
	.ent	fill
	.type	fill, @function
fill:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	lui	$3,%hi(buf)
	addiu	$3,$3,%lo(buf)
	move	$2,$0
	li	$6,64			# 0x40
$L59:
	xor	$5,$4,$2
	addiu	$2,$2,1
	sb	$5,0($3)
	bne	$2,$6,$L59
	addiu	$3,$3,1

	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	fill
	.size	fill, .-fill
	.align	2
	.globl	mul64
	.set	nomips16
	.set	nomicromips
	.ent	mul64
	.type	mul64, @function
mul64:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	mult	$5,$6
	mflo	$5
	nop
	nop
	mult	$7,$4
	mflo	$7
	addu	$5,$5,$7
	nop
	multu	$4,$6
	mfhi	$3
	mflo	$2
	jr	$31
	addu	$3,$5,$3

	.set	macro
	.set	reorder
	.end	mul64
	.size	mul64, .-mul64
	.align	2
	.globl	helper
	.set	nomips16
	.set	nomicromips
	.ent	helper
	.type	helper, @function
helper:
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	li	$2,5			# 0x5
	bne	$2,$0,1f
	divu	$0,$4,$2
	break	7
1:
	sll	$3,$4,3
	subu	$3,$3,$4
	sra	$4,$4,3
	subu	$3,$3,$4
	mflo	$2
	jr	$31
	addu	$2,$3,$2

	.set	macro
	.set	reorder
	.end	helper
	.size	helper, .-helper
	.align	2
	.globl	__start
	.set	nomips16
	.set	nomicromips
	.ent	__start
	.type	__start, @function
__start:
	.frame	$sp,24,$31		# vars= 0, regs= 1/0, args= 16, gp= 0
	.mask	0x80000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-24
	lui	$3,%hi(buf)
	addiu	$3,$3,%lo(buf)
	sw	$31,20($sp)
	move	$2,$0
	li	$5,64			# 0x40
$L64:
	xori	$4,$2,0x61
	addiu	$2,$2,1
	sb	$4,0($3)
	bne	$2,$5,$L64
	addiu	$3,$3,1

	jal	fib
	li	$4,10			# 0xa

	lui	$8,%hi(counter)
	lui	$3,%hi(table)
	addiu	$3,$3,%lo(table)
	lw	$6,%lo(counter)($8)
	addiu	$7,$3,16
	move	$4,$0
$L65:
	lh	$5,0($3)
	addiu	$3,$3,2
	mult	$5,$6
	mflo	$5
	bne	$7,$3,$L65
	addu	$4,$4,$5

	addu	$2,$2,$4
	sltu	$4,$6,5
	beq	$4,$0,$L68
	addiu	$3,$2,16

	lui	$4,%hi(CSWTCH.9)
	sll	$2,$6,2
	addiu	$4,$4,%lo(CSWTCH.9)
	addu	$2,$2,$4
	lw	$2,0($2)
	nop
$L66:
	addu	$2,$3,$2
	addiu	$2,$2,144
	sw	$2,%lo(counter)($8)
$L67:
	b	$L67
	nop

$L68:
	b	$L66
	li	$2,-1			# 0xffffffffffffffff

	.set	macro
	.set	reorder
	.end	__start
	.size	__start, .-__start
	.rdata
	.align	2
	.type	CSWTCH.9, @object
	.size	CSWTCH.9, 20
CSWTCH.9:
	.word	10
	.word	20
	.word	33
	.word	47
	.word	51
	.globl	buf
	.section	.bss,"aw",@nobits
	.align	2
	.type	buf, @object
	.size	buf, 64
buf:
	.space	64
	.globl	table
	.data
	.align	2
	.type	table, @object
	.size	table, 16
table:
	.half	1
	.half	-2
	.half	3
	.half	-4
	.half	5
	.half	-6
	.half	7
	.half	-8
	.section	.rodata.str1.4,"aMS",@progbits,1
	.align	2
$LC0:
	.ascii	"zero\000"
	.align	2
$LC1:
	.ascii	"one\000"
	.align	2
$LC2:
	.ascii	"two\000"
	.rdata
	.align	2
	.type	names, @object
	.size	names, 12
names:
	.word	$LC0
	.word	$LC1
	.word	$LC2
	.globl	counter
	.data
	.align	2
	.type	counter, @object
	.size	counter, 4
counter:
	.word	3
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
