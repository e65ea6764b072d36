	.file	1 "prog.c"
	.section .mdebug.abi32
	.previous
	.nan	legacy
	.module	fp=32
	.module	nooddspreg
	.module	arch=r3000
	.text
	.globl	counter
	.data
	.align	2
	.type	counter, @object
	.size	counter, 4
counter:
	.word	3
	.rdata
	.align	2
$LC0:
	.ascii	"zero\000"
	.align	2
$LC1:
	.ascii	"one\000"
	.align	2
$LC2:
	.ascii	"two\000"
	.data
	.align	2
	.type	names, @object
	.size	names, 12
names:
	.word	$LC0
	.word	$LC1
	.word	$LC2
	.globl	table
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
	.globl	buf
	.section	.bss,"aw",@nobits
	.align	2
	.type	buf, @object
	.size	buf, 64
buf:
	.space	64
	.text
	.align	2
	.globl	fib
	.set	nomips16
	.set	nomicromips
	.ent	fib
	.type	fib, @function
fib:
	.frame	$fp,32,$31		# vars= 0, regs= 3/0, args= 16, gp= 0
	.mask	0xc0010000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-32
	sw	$31,28($sp)
	sw	$fp,24($sp)
	sw	$16,20($sp)
	move	$fp,$sp
	sw	$4,32($fp)
	lw	$2,32($fp)
	nop
	slt	$2,$2,2
	bne	$2,$0,$L2
	nop

	lw	$2,32($fp)
	nop
	addiu	$2,$2,-1
	move	$4,$2
	jal	fib
	nop

	move	$16,$2
	lw	$2,32($fp)
	nop
	addiu	$2,$2,-2
	move	$4,$2
	jal	fib
	nop

	addu	$2,$16,$2
	b	$L4
	nop

$L2:
	lw	$2,32($fp)
$L4:
	move	$sp,$fp
	lw	$31,28($sp)
	lw	$fp,24($sp)
	lw	$16,20($sp)
	addiu	$sp,$sp,32
	jr	$31
	nop

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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	sw	$5,12($fp)
	lw	$3,8($fp)
	lw	$2,12($fp)
	nop
	div	$0,$3,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mfhi	$2
	mflo	$4
	lw	$3,8($fp)
	lw	$2,12($fp)
	nop
	div	$0,$3,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mfhi	$2
	addu	$2,$4,$2
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
	jr	$31
	nop

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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	sw	$5,12($fp)
	lw	$3,8($fp)
	lw	$2,12($fp)
	nop
	divu	$0,$3,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mfhi	$2
	mflo	$4
	lw	$3,8($fp)
	lw	$2,12($fp)
	nop
	divu	$0,$3,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mfhi	$2
	nop
	nop
	mult	$4,$2
	mflo	$2
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	lw	$2,8($fp)
	nop
	sltu	$2,$2,5
	beq	$2,$0,$L10
	nop

	lw	$2,8($fp)
	nop
	sll	$3,$2,2
	lui	$2,%hi($L12)
	addiu	$2,$2,%lo($L12)
	addu	$2,$3,$2
	lw	$2,0($2)
	nop
	jr	$2
	nop

	.rdata
	.align	2
	.align	2
$L12:
	.word	$L16
	.word	$L15
	.word	$L14
	.word	$L13
	.word	$L11
	.text
$L16:
	li	$2,10			# 0xa
	b	$L17
	nop

$L15:
	li	$2,20			# 0x14
	b	$L17
	nop

$L14:
	li	$2,33			# 0x21
	b	$L17
	nop

$L13:
	li	$2,47			# 0x2f
	b	$L17
	nop

$L11:
	li	$2,51			# 0x33
	b	$L17
	nop

$L10:
	li	$2,-1			# 0xffffffffffffffff
$L17:
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
	jr	$31
	nop

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
	.frame	$fp,16,$31		# vars= 8, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-16
	sw	$fp,12($sp)
	move	$fp,$sp
	sw	$4,16($fp)
	sw	$5,20($fp)
	sw	$0,0($fp)
	sw	$0,4($fp)
	b	$L19
	nop

$L20:
	lw	$2,4($fp)
	nop
	sll	$2,$2,1
	lw	$3,16($fp)
	nop
	addu	$2,$3,$2
	lh	$2,0($2)
	nop
	move	$3,$2
	lui	$2,%hi(counter)
	lw	$2,%lo(counter)($2)
	nop
	mult	$3,$2
	lw	$2,0($fp)
	mflo	$3
	addu	$2,$2,$3
	sw	$2,0($fp)
	lw	$2,4($fp)
	nop
	addiu	$2,$2,1
	sw	$2,4($fp)
$L19:
	lw	$3,4($fp)
	lw	$2,20($fp)
	nop
	slt	$2,$3,$2
	bne	$2,$0,$L20
	nop

	lw	$2,0($fp)
	move	$sp,$fp
	lw	$fp,12($sp)
	addiu	$sp,$sp,16
	jr	$31
	nop

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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	lw	$2,8($fp)
	nop
	andi	$3,$2,0x1
	lui	$2,%hi(names)
	sll	$3,$3,2
	addiu	$2,$2,%lo(names)
	addu	$2,$3,$2
	lw	$2,0($2)
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
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
	.frame	$fp,16,$31		# vars= 8, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-16
	sw	$fp,12($sp)
	move	$fp,$sp
	move	$2,$4
	sb	$2,16($fp)
	sw	$0,0($fp)
	b	$L25
	nop

$L26:
	lw	$2,0($fp)
	nop
	sll	$3,$2,24
	sra	$3,$3,24
	lbu	$2,16($fp)
	nop
	xor	$2,$3,$2
	sll	$3,$2,24
	sra	$3,$3,24
	lui	$2,%hi(buf)
	addiu	$4,$2,%lo(buf)
	lw	$2,0($fp)
	nop
	addu	$2,$4,$2
	sb	$3,0($2)
	lw	$2,0($fp)
	nop
	addiu	$2,$2,1
	sw	$2,0($fp)
$L25:
	lw	$2,0($fp)
	nop
	slt	$2,$2,64
	bne	$2,$0,$L26
	nop

	nop
	nop
	move	$sp,$fp
	lw	$fp,12($sp)
	addiu	$sp,$sp,16
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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	sw	$5,12($fp)
	sw	$6,16($fp)
	sw	$7,20($fp)
	lw	$3,12($fp)
	lw	$2,16($fp)
	nop
	mult	$3,$2
	mflo	$2
	lw	$4,20($fp)
	lw	$3,8($fp)
	nop
	mult	$4,$3
	mflo	$3
	addu	$4,$2,$3
	lw	$3,8($fp)
	lw	$2,16($fp)
	nop
	multu	$3,$2
	mflo	$2
	mfhi	$3
	addu	$4,$4,$3
	move	$3,$4
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
	jr	$31
	nop

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
	.frame	$fp,8,$31		# vars= 0, regs= 1/0, args= 0, gp= 0
	.mask	0x40000000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-8
	sw	$fp,4($sp)
	move	$fp,$sp
	sw	$4,8($fp)
	lw	$3,8($fp)
	nop
	move	$2,$3
	sll	$2,$2,3
	subu	$3,$2,$3
	lw	$2,8($fp)
	nop
	sra	$2,$2,3
	subu	$2,$3,$2
	move	$4,$2
	lw	$3,8($fp)
	li	$2,5			# 0x5
	divu	$0,$3,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mfhi	$2
	mflo	$2
	addu	$2,$4,$2
	move	$sp,$fp
	lw	$fp,4($sp)
	addiu	$sp,$sp,8
	jr	$31
	nop

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
	.frame	$fp,32,$31		# vars= 0, regs= 3/0, args= 16, gp= 0
	.mask	0xc0010000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-32
	sw	$31,28($sp)
	sw	$fp,24($sp)
	sw	$16,20($sp)
	move	$fp,$sp
	li	$4,97			# 0x61
	jal	fill
	nop

	li	$4,10			# 0xa
	jal	fib
	nop

	move	$16,$2
	li	$5,8			# 0x8
	lui	$2,%hi(table)
	addiu	$4,$2,%lo(table)
	jal	sum
	nop

	addu	$16,$16,$2
	li	$5,7			# 0x7
	li	$4,100			# 0x64
	jal	divs
	nop

	addu	$16,$16,$2
	lui	$2,%hi(counter)
	lw	$2,%lo(counter)($2)
	nop
	move	$4,$2
	jal	sw
	nop

	addu	$16,$16,$2
	li	$4,3			# 0x3
	jal	helper
	nop

	addu	$16,$16,$2
	li	$6,4			# 0x4
	move	$7,$0
	li	$4,3			# 0x3
	move	$5,$0
	jal	mul64
	nop

	addu	$16,$16,$2
	li	$4,1			# 0x1
	jal	name
	nop

	lb	$2,0($2)
	nop
	addu	$3,$16,$2
	lui	$2,%hi(counter)
	sw	$3,%lo(counter)($2)
$L32:
	b	$L32
	nop

	.set	macro
	.set	reorder
	.end	__start
	.size	__start, .-__start
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
