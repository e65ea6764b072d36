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
	.frame	$sp,32,$31		# vars= 0, regs= 3/0, args= 16, gp= 0
	.mask	0x80030000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-32
	sw	$31,28($sp)
	sw	$17,24($sp)
	sw	$16,20($sp)
	move	$16,$4
	slt	$2,$4,2
	beq	$2,$0,$L4
	nop

$L2:
	move	$2,$16
	lw	$31,28($sp)
	lw	$17,24($sp)
	lw	$16,20($sp)
	addiu	$sp,$sp,32
	jr	$31
	nop

$L4:
	addiu	$4,$4,-1
	jal	fib
	nop

	move	$17,$2
	addiu	$4,$16,-2
	jal	fib
	nop

	addu	$16,$17,$2
	b	$L2
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
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	div	$0,$4,$5
	bne	$5,$0,1f
	nop
	break	7
1:
	mfhi	$4
	mflo	$2
	addu	$2,$2,$4
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
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	divu	$0,$4,$5
	bne	$5,$0,1f
	nop
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
	beq	$2,$0,$L8
	nop

	sll	$4,$4,2
	lui	$2,%hi($L10)
	addiu	$2,$2,%lo($L10)
	addu	$2,$2,$4
	lw	$2,0($2)
	nop
	jr	$2
	nop

	.rdata
	.align	2
	.align	2
$L10:
	.word	$L14
	.word	$L15
	.word	$L12
	.word	$L11
	.word	$L9
	.text
$L14:
	li	$2,10			# 0xa
	jr	$31
	nop

$L12:
	li	$2,33			# 0x21
	jr	$31
	nop

$L11:
	li	$2,47			# 0x2f
	jr	$31
	nop

$L9:
	li	$2,51			# 0x33
	jr	$31
	nop

$L8:
	li	$2,-1			# 0xffffffffffffffff
	jr	$31
	nop

$L15:
	li	$2,20			# 0x14
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
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	blez	$5,$L19
	nop

	lui	$2,%hi(counter)
	lw	$6,%lo(counter)($2)
	move	$3,$4
	sll	$5,$5,1
	addu	$4,$4,$5
	move	$2,$0
$L18:
	lh	$5,0($3)
	nop
	mult	$5,$6
	mflo	$5
	addu	$2,$2,$5
	addiu	$3,$3,2
	bne	$3,$4,$L18
	nop

	jr	$31
	nop

$L19:
	move	$2,$0
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
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	andi	$4,$4,0x1
	sll	$4,$4,2
	lui	$2,%hi(names)
	addiu	$2,$2,%lo(names)
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
$L23:
	xor	$5,$4,$2
	sb	$5,0($3)
	addiu	$2,$2,1
	addiu	$3,$3,1
	bne	$2,$6,$L23
	nop

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
	mflo	$2
	addu	$5,$5,$2
	nop
	multu	$4,$6
	mflo	$2
	mfhi	$3
	addu	$3,$5,$3
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
	.frame	$sp,0,$31		# vars= 0, regs= 0/0, args= 0, gp= 0
	.mask	0x00000000,0
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	sll	$3,$4,3
	subu	$3,$3,$4
	sra	$2,$4,3
	subu	$3,$3,$2
	li	$2,5			# 0x5
	divu	$0,$4,$2
	bne	$2,$0,1f
	nop
	break	7
1:
	mflo	$2
	addu	$2,$3,$2
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
	.frame	$sp,32,$31		# vars= 0, regs= 4/0, args= 16, gp= 0
	.mask	0x80070000,-4
	.fmask	0x00000000,0
	.set	noreorder
	.set	nomacro
	addiu	$sp,$sp,-32
	sw	$31,28($sp)
	sw	$18,24($sp)
	sw	$17,20($sp)
	sw	$16,16($sp)
	li	$4,97			# 0x61
	jal	fill
	nop

	li	$4,10			# 0xa
	jal	fib
	nop

	move	$16,$2
	li	$5,8			# 0x8
	lui	$4,%hi(table)
	addiu	$4,$4,%lo(table)
	jal	sum
	nop

	move	$17,$2
	lui	$18,%hi(counter)
	lw	$4,%lo(counter)($18)
	jal	sw
	nop

	addu	$16,$16,$17
	addu	$16,$16,$2
	addiu	$2,$16,160
	sw	$2,%lo(counter)($18)
$L28:
	b	$L28
	nop

	.set	macro
	.set	reorder
	.end	__start
	.size	__start, .-__start
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
