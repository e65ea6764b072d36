	.section .mdebug.abi32
	.previous
	.nan	legacy
	.module	fp=32
	.module	nooddspreg
	.module	arch=r3000
	.text
$Ltext0:
	.cfi_sections	.debug_frame
	.file 1 "prog.c"
	.align	2
	.globl	fib
$LVL0 = .
$LFB0 = .
	.loc 1 6 16 view -0
	.cfi_startproc
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
	.loc 1 6 16 is_stmt 0 view $LVU1
	addiu	$sp,$sp,-32
	.cfi_def_cfa_offset 32
	sw	$17,24($sp)
	sw	$16,20($sp)
	sw	$31,28($sp)
	.cfi_offset 17, -8
	.cfi_offset 16, -12
	.cfi_offset 31, -4
	.loc 1 6 16 view $LVU2
	move	$16,$4
	move	$17,$0
$LVL1 = .
$L3:
	.loc 1 6 18 is_stmt 1 view $LVU3
	.loc 1 6 35 is_stmt 0 view $LVU4
	slt	$2,$16,2
	bne	$2,$0,$L2
	addu	$2,$16,$17

	.loc 1 6 37 discriminator 1 view $LVU5
	jal	fib
$LVL2 = .
	addiu	$4,$16,-1

	.loc 1 6 50 discriminator 1 view $LVU6
	addiu	$16,$16,-2
	b	$L3
	addu	$17,$17,$2

$L2:
	.loc 1 6 62 discriminator 4 view $LVU7
	lw	$31,28($sp)
	lw	$17,24($sp)
	lw	$16,20($sp)
	jr	$31
	addiu	$sp,$sp,32

	.cfi_def_cfa_offset 0
	.cfi_restore 16
	.cfi_restore 17
	.cfi_restore 31
	.set	macro
	.set	reorder
	.end	fib
	.cfi_endproc
$LFE0:
	.size	fib, .-fib
	.align	2
	.globl	divs
$LVL3 = .
$LFB1 = .
	.loc 1 7 24 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 7 26 view $LVU9
	bne	$5,$0,1f
	div	$0,$4,$5
	break	7
1:
	mfhi	$4
$LVL4 = .
	.loc 1 7 26 is_stmt 0 view $LVU10
	mflo	$2
	.loc 1 7 48 view $LVU11
	jr	$31
	addu	$2,$2,$4

	.set	macro
	.set	reorder
	.end	divs
	.cfi_endproc
$LFE1:
	.size	divs, .-divs
	.align	2
	.globl	divu
$LVL5 = .
$LFB2 = .
	.loc 1 8 39 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 8 41 view $LVU13
	bne	$5,$0,1f
	divu	$0,$4,$5
	break	7
1:
	mfhi	$4
$LVL6 = .
	.loc 1 8 65 is_stmt 0 view $LVU14
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
	.cfi_endproc
$LFE2:
	.size	divu, .-divu
	.align	2
	.globl	sw
$LVL7 = .
$LFB3 = .
	.loc 1 9 15 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 9 17 view $LVU16
	sltu	$3,$4,5
	.loc 1 9 15 is_stmt 0 view $LVU17
	beq	$3,$0,$L10
	li	$2,-1			# 0xffffffffffffffff

	lui	$2,%hi(CSWTCH.9)
	addiu	$2,$2,%lo(CSWTCH.9)
	addu	$4,$4,$2
$LVL8 = .
	.loc 1 9 15 view $LVU18
	lb	$2,0($4)
$LVL9 = .
$L10:
	.loc 1 9 147 view $LVU19
	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	sw
	.cfi_endproc
$LFE3:
	.size	sw, .-sw
	.align	2
	.globl	sum
$LVL10 = .
$LFB4 = .
	.loc 1 10 32 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 10 34 view $LVU21
	.loc 1 10 45 view $LVU22
$LBB10 = .
	.loc 1 10 50 view $LVU23
	.loc 1 10 83 is_stmt 0 view $LVU24
	lui	$2,%hi(counter)
	lw	$7,%lo(counter)($2)
	.loc 1 10 54 view $LVU25
	move	$3,$0
$LBE10 = .
	.loc 1 10 38 view $LVU26
	move	$2,$0
$LVL11 = .
$L12:
$LBB11 = .
	.loc 1 10 63 is_stmt 1 discriminator 1 view $LVU27
	slt	$6,$3,$5
	bne	$6,$0,$L13
	sll	$6,$3,1

$LBE11 = .
	.loc 1 10 94 discriminator 4 view $LVU28
	.loc 1 10 104 is_stmt 0 discriminator 4 view $LVU29
	jr	$31
	nop

$L13:
$LBB12 = .
	.loc 1 10 73 is_stmt 1 discriminator 3 view $LVU30
	.loc 1 10 79 is_stmt 0 discriminator 3 view $LVU31
	addu	$6,$4,$6
	lh	$6,0($6)
	.loc 1 10 69 discriminator 3 view $LVU32
	addiu	$3,$3,1
$LVL12 = .
	.loc 1 10 83 discriminator 3 view $LVU33
	mult	$6,$7
	.loc 1 10 75 discriminator 3 view $LVU34
	mflo	$6
$LVL13 = .
	.loc 1 10 69 is_stmt 1 discriminator 3 view $LVU35
	.loc 1 10 69 is_stmt 0 discriminator 3 view $LVU36
$LBE12 = .
	.loc 1 10 75 discriminator 3 view $LVU37
	b	$L12
	addu	$2,$2,$6

	.set	macro
	.set	reorder
	.end	sum
	.cfi_endproc
$LFE4:
	.size	sum, .-sum
	.align	2
	.globl	name
$LVL14 = .
$LFB5 = .
	.loc 1 11 25 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 11 27 view $LVU39
	.loc 1 11 42 is_stmt 0 view $LVU40
	andi	$4,$4,0x1
$LVL15 = .
	.loc 1 11 39 view $LVU41
	lui	$2,%hi(names)
	addiu	$2,$2,%lo(names)
	sll	$4,$4,2
	addu	$4,$4,$2
	.loc 1 11 48 view $LVU42
	lw	$2,0($4)
	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	name
	.cfi_endproc
$LFE5:
	.size	name, .-name
	.align	2
	.globl	fill
$LVL16 = .
$LFB6 = .
	.loc 1 12 19 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 12 21 view $LVU44
$LBB13 = .
	.loc 1 12 26 view $LVU45
	.loc 1 12 39 view $LVU46
	.loc 1 12 57 is_stmt 0 view $LVU47
	lui	$3,%hi(buf)
	.loc 1 12 30 view $LVU48
	move	$2,$0
	.loc 1 12 57 view $LVU49
	addiu	$3,$3,%lo(buf)
	.loc 1 12 39 view $LVU50
	li	$5,64			# 0x40
$LVL17 = .
$L18:
	.loc 1 12 50 is_stmt 1 discriminator 3 view $LVU51
	.loc 1 12 57 is_stmt 0 discriminator 3 view $LVU52
	addu	$6,$3,$2
	.loc 1 12 61 discriminator 3 view $LVU53
	xor	$7,$4,$2
	.loc 1 12 46 discriminator 3 view $LVU54
	addiu	$2,$2,1
$LVL18 = .
	.loc 1 12 46 is_stmt 1 discriminator 3 view $LVU55
	.loc 1 12 39 discriminator 3 view $LVU56
	bne	$2,$5,$L18
	sb	$7,0($6)

$LBE13 = .
	.loc 1 12 66 is_stmt 0 view $LVU57
	jr	$31
	nop

	.set	macro
	.set	reorder
	.end	fill
	.cfi_endproc
$LFE6:
	.size	fill, .-fill
	.align	2
	.globl	mul64
$LVL19 = .
$LFB7 = .
	.loc 1 13 43 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 13 45 view $LVU59
	.loc 1 13 54 is_stmt 0 view $LVU60
	mult	$5,$6
	mflo	$5
	nop
	nop
	mult	$7,$4
	mflo	$2
	addu	$5,$5,$2
	nop
	multu	$4,$6
	mfhi	$3
	mflo	$2
	.loc 1 13 59 view $LVU61
	jr	$31
	addu	$3,$5,$3

	.set	macro
	.set	reorder
	.end	mul64
	.cfi_endproc
$LFE7:
	.size	mul64, .-mul64
	.align	2
	.globl	helper
$LVL20 = .
$LFB8 = .
	.loc 1 14 19 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 14 21 view $LVU63
	.loc 1 14 30 is_stmt 0 view $LVU64
	sll	$3,$4,3
	.loc 1 14 39 view $LVU65
	sra	$2,$4,3
	.loc 1 14 30 view $LVU66
	subu	$3,$3,$4
	.loc 1 14 34 view $LVU67
	subu	$3,$3,$2
	.loc 1 14 59 view $LVU68
	li	$2,5			# 0x5
	bne	$2,$0,1f
	divu	$0,$4,$2
	break	7
1:
	mflo	$2
	.loc 1 14 64 view $LVU69
	jr	$31
	addu	$2,$3,$2

	.set	macro
	.set	reorder
	.end	helper
	.cfi_endproc
$LFE8:
	.size	helper, .-helper
	.align	2
	.globl	__start
$LFB9 = .
	.loc 1 15 20 is_stmt 1 view -0
	.cfi_startproc
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
	.loc 1 15 22 view $LVU71
	.loc 1 15 20 is_stmt 0 view $LVU72
	addiu	$sp,$sp,-24
	.cfi_def_cfa_offset 24
	sw	$31,20($sp)
	.cfi_offset 31, -4
	.loc 1 15 22 view $LVU73
	jal	fill
$LVL21 = .
	li	$4,97			# 0x61

	.loc 1 15 33 is_stmt 1 view $LVU74
	.loc 1 15 43 is_stmt 0 view $LVU75
	jal	fib
$LVL22 = .
	li	$4,10			# 0xa

	.loc 1 15 53 view $LVU76
	lui	$4,%hi(table)
	li	$5,8			# 0x8
	addiu	$4,$4,%lo(table)
	jal	sum
$LVL23 = .
	move	$8,$2

	.loc 1 15 84 view $LVU77
	lui	$6,%hi(counter)
	lw	$4,%lo(counter)($6)
	.loc 1 15 53 view $LVU78
	move	$5,$2
	.loc 1 15 84 view $LVU79
	jal	sw
$LVL24 = .
	addu	$8,$8,$5

	.loc 1 15 82 view $LVU80
	addu	$8,$8,$2
	.loc 1 15 127 view $LVU81
	addiu	$8,$8,160
	.loc 1 15 41 view $LVU82
	sw	$8,%lo(counter)($6)
$L23:
	.loc 1 15 141 is_stmt 1 discriminator 1 view $LVU83
	.loc 1 15 141 discriminator 1 view $LVU84
	b	$L23
	nop

	.set	macro
	.set	reorder
	.end	__start
	.cfi_endproc
$LFE9:
	.size	__start, .-__start
	.rdata
	.align	2
	.type	CSWTCH.9, @object
	.size	CSWTCH.9, 5
CSWTCH.9:
	.byte	10
	.byte	20
	.byte	33
	.byte	47
	.byte	51
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
	.text
$Letext0:
	.section	.debug_info,"",@progbits
$Ldebug_info0:
	.4byte	0x35d
	.2byte	0x5
	.byte	0x1
	.byte	0x4
	.4byte	$Ldebug_abbrev0
	.uleb128 0x13
	.4byte	$LASF13
	.byte	0x1d
	.4byte	$LASF14
	.4byte	$LASF15
	.4byte	$Ltext0
	.4byte	$Letext0-$Ltext0
	.4byte	$Ldebug_line0
	.uleb128 0xe
	.4byte	$LASF3
	.byte	0x1
	.byte	0x5
	.4byte	0x37
	.uleb128 0x5
	.byte	0x3
	.4byte	counter
	.uleb128 0x14
	.byte	0x4
	.byte	0x5
	.ascii	"int\000"
	.uleb128 0x7
	.4byte	0x55
	.4byte	0x4e
	.uleb128 0x8
	.4byte	0x4e
	.byte	0x2
	.byte	0
	.uleb128 0x3
	.byte	0x4
	.byte	0x7
	.4byte	$LASF0
	.uleb128 0xf
	.4byte	0x61
	.uleb128 0x3
	.byte	0x1
	.byte	0x6
	.4byte	$LASF1
	.uleb128 0x10
	.4byte	0x5a
	.uleb128 0x15
	.4byte	$LASF16
	.byte	0x1
	.byte	0x2
	.byte	0x14
	.4byte	0x3e
	.uleb128 0x5
	.byte	0x3
	.4byte	names
	.uleb128 0x7
	.4byte	0x88
	.4byte	0x88
	.uleb128 0x8
	.4byte	0x4e
	.byte	0x7
	.byte	0
	.uleb128 0x3
	.byte	0x2
	.byte	0x5
	.4byte	$LASF2
	.uleb128 0x10
	.4byte	0x88
	.uleb128 0xe
	.4byte	$LASF4
	.byte	0x3
	.byte	0x7
	.4byte	0x78
	.uleb128 0x5
	.byte	0x3
	.4byte	table
	.uleb128 0x7
	.4byte	0x5a
	.4byte	0xb5
	.uleb128 0x8
	.4byte	0x4e
	.byte	0x3f
	.byte	0
	.uleb128 0x16
	.ascii	"buf\000"
	.byte	0x1
	.byte	0x4
	.byte	0x6
	.4byte	0xa5
	.uleb128 0x5
	.byte	0x3
	.4byte	buf
	.uleb128 0x11
	.4byte	$LASF8
	.byte	0xf
	.4byte	$LFB9
	.4byte	$LFE9-$LFB9
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x126
	.uleb128 0x9
	.4byte	$LVL21
	.4byte	0x168
	.4byte	0xef
	.uleb128 0x2
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x2
	.byte	0x74
	.sleb128 0
	.byte	0
	.uleb128 0x9
	.4byte	$LVL22
	.4byte	0x29a
	.4byte	0x102
	.uleb128 0x2
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x1
	.byte	0x3a
	.byte	0
	.uleb128 0x9
	.4byte	$LVL23
	.4byte	0x1bc
	.4byte	0x11c
	.uleb128 0x2
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x2
	.byte	0x74
	.sleb128 0
	.uleb128 0x2
	.uleb128 0x1
	.byte	0x55
	.uleb128 0x2
	.byte	0x75
	.sleb128 0
	.byte	0
	.uleb128 0x17
	.4byte	$LVL24
	.4byte	0x218
	.byte	0
	.uleb128 0x4
	.4byte	$LASF5
	.byte	0xe
	.byte	0x5
	.4byte	0x37
	.4byte	0x13f
	.uleb128 0x1
	.ascii	"x\000"
	.byte	0xe
	.byte	0x10
	.4byte	0x37
	.byte	0
	.uleb128 0x4
	.4byte	$LASF6
	.byte	0xd
	.byte	0xb
	.4byte	0x161
	.4byte	0x161
	.uleb128 0x1
	.ascii	"a\000"
	.byte	0xd
	.byte	0x1b
	.4byte	0x161
	.uleb128 0x1
	.ascii	"b\000"
	.byte	0xd
	.byte	0x28
	.4byte	0x161
	.byte	0
	.uleb128 0x3
	.byte	0x8
	.byte	0x5
	.4byte	$LASF7
	.uleb128 0x11
	.4byte	$LASF9
	.byte	0xc
	.4byte	$LFB6
	.4byte	$LFE6-$LFB6
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x1a3
	.uleb128 0x5
	.ascii	"c\000"
	.byte	0xc
	.byte	0x10
	.4byte	0x5a
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x18
	.4byte	$LBB13
	.4byte	$LBE13-$LBB13
	.uleb128 0xa
	.ascii	"i\000"
	.byte	0xc
	.byte	0x1e
	.4byte	0x37
	.4byte	$LLST8
	.4byte	$LVUS8
	.byte	0
	.byte	0
	.uleb128 0x4
	.4byte	$LASF10
	.byte	0xb
	.byte	0xd
	.4byte	0x55
	.4byte	0x1bc
	.uleb128 0x1
	.ascii	"i\000"
	.byte	0xb
	.byte	0x16
	.4byte	0x37
	.byte	0
	.uleb128 0xb
	.ascii	"sum\000"
	.byte	0xa
	.4byte	0x37
	.4byte	$LFB4
	.4byte	$LFE4-$LFB4
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x213
	.uleb128 0x5
	.ascii	"p\000"
	.byte	0xa
	.byte	0x16
	.4byte	0x213
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x5
	.ascii	"n\000"
	.byte	0xa
	.byte	0x1d
	.4byte	0x37
	.uleb128 0x1
	.byte	0x55
	.uleb128 0xa
	.ascii	"s\000"
	.byte	0xa
	.byte	0x26
	.4byte	0x37
	.4byte	$LLST4
	.4byte	$LVUS4
	.uleb128 0x19
	.4byte	$LLRL5
	.uleb128 0xa
	.ascii	"i\000"
	.byte	0xa
	.byte	0x36
	.4byte	0x37
	.4byte	$LLST6
	.4byte	$LVUS6
	.byte	0
	.byte	0
	.uleb128 0xf
	.4byte	0x8f
	.uleb128 0xb
	.ascii	"sw\000"
	.byte	0x9
	.4byte	0x37
	.4byte	$LFB3
	.4byte	$LFE3-$LFB3
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x241
	.uleb128 0xc
	.ascii	"x\000"
	.byte	0x9
	.byte	0xc
	.4byte	0x37
	.4byte	$LLST3
	.4byte	$LVUS3
	.byte	0
	.uleb128 0x1a
	.4byte	$LASF11
	.byte	0x1
	.byte	0x8
	.byte	0xa
	.4byte	0x4e
	.4byte	$LFB2
	.4byte	$LFE2-$LFB2
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x278
	.uleb128 0xc
	.ascii	"a\000"
	.byte	0x8
	.byte	0x18
	.4byte	0x4e
	.4byte	$LLST2
	.4byte	$LVUS2
	.uleb128 0x5
	.ascii	"b\000"
	.byte	0x8
	.byte	0x24
	.4byte	0x4e
	.uleb128 0x1
	.byte	0x55
	.byte	0
	.uleb128 0x4
	.4byte	$LASF12
	.byte	0x7
	.byte	0x5
	.4byte	0x37
	.4byte	0x29a
	.uleb128 0x1
	.ascii	"a\000"
	.byte	0x7
	.byte	0xe
	.4byte	0x37
	.uleb128 0x1
	.ascii	"b\000"
	.byte	0x7
	.byte	0x15
	.4byte	0x37
	.byte	0
	.uleb128 0xb
	.ascii	"fib\000"
	.byte	0x6
	.4byte	0x37
	.4byte	$LFB0
	.4byte	$LFE0-$LFB0
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x2d4
	.uleb128 0xc
	.ascii	"n\000"
	.byte	0x6
	.byte	0xd
	.4byte	0x37
	.4byte	$LLST0
	.4byte	$LVUS0
	.uleb128 0x1b
	.4byte	$LVL2
	.4byte	0x29a
	.uleb128 0x2
	.uleb128 0x1
	.byte	0x54
	.uleb128 0x2
	.byte	0x80
	.sleb128 -1
	.byte	0
	.byte	0
	.uleb128 0xd
	.4byte	0x278
	.4byte	$LFB1
	.4byte	$LFE1-$LFB1
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x2fc
	.uleb128 0x12
	.4byte	0x287
	.4byte	$LLST1
	.4byte	$LVUS1
	.uleb128 0x6
	.4byte	0x290
	.uleb128 0x1
	.byte	0x55
	.byte	0
	.uleb128 0xd
	.4byte	0x1a3
	.4byte	$LFB5
	.4byte	$LFE5-$LFB5
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x31d
	.uleb128 0x12
	.4byte	0x1b2
	.4byte	$LLST7
	.4byte	$LVUS7
	.byte	0
	.uleb128 0xd
	.4byte	0x13f
	.4byte	$LFB7
	.4byte	$LFE7-$LFB7
	.uleb128 0x1
	.byte	0x9c
	.4byte	0x349
	.uleb128 0x6
	.4byte	0x14e
	.uleb128 0x6
	.byte	0x54
	.byte	0x93
	.uleb128 0x4
	.byte	0x55
	.byte	0x93
	.uleb128 0x4
	.uleb128 0x6
	.4byte	0x157
	.uleb128 0x6
	.byte	0x56
	.byte	0x93
	.uleb128 0x4
	.byte	0x57
	.byte	0x93
	.uleb128 0x4
	.byte	0
	.uleb128 0x1c
	.4byte	0x126
	.4byte	$LFB8
	.4byte	$LFE8-$LFB8
	.uleb128 0x1
	.byte	0x9c
	.uleb128 0x6
	.4byte	0x135
	.uleb128 0x1
	.byte	0x54
	.byte	0
	.byte	0
	.section	.debug_abbrev,"",@progbits
$Ldebug_abbrev0:
	.uleb128 0x1
	.uleb128 0x5
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x2
	.uleb128 0x49
	.byte	0
	.uleb128 0x2
	.uleb128 0x18
	.uleb128 0x7e
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0x3
	.uleb128 0x24
	.byte	0
	.uleb128 0xb
	.uleb128 0xb
	.uleb128 0x3e
	.uleb128 0xb
	.uleb128 0x3
	.uleb128 0xe
	.byte	0
	.byte	0
	.uleb128 0x4
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x27
	.uleb128 0x19
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x20
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x5
	.uleb128 0x5
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0x6
	.uleb128 0x5
	.byte	0
	.uleb128 0x31
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0x7
	.uleb128 0x1
	.byte	0x1
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x8
	.uleb128 0x21
	.byte	0
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2f
	.uleb128 0xb
	.byte	0
	.byte	0
	.uleb128 0x9
	.uleb128 0x48
	.byte	0x1
	.uleb128 0x7d
	.uleb128 0x1
	.uleb128 0x7f
	.uleb128 0x13
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0xa
	.uleb128 0x34
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x17
	.uleb128 0x2137
	.uleb128 0x17
	.byte	0
	.byte	0
	.uleb128 0xb
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0x21
	.sleb128 5
	.uleb128 0x27
	.uleb128 0x19
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x40
	.uleb128 0x18
	.uleb128 0x7a
	.uleb128 0x19
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0xc
	.uleb128 0x5
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x17
	.uleb128 0x2137
	.uleb128 0x17
	.byte	0
	.byte	0
	.uleb128 0xd
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x31
	.uleb128 0x13
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x40
	.uleb128 0x18
	.uleb128 0x7a
	.uleb128 0x19
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0xe
	.uleb128 0x34
	.byte	0
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x2
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0xf
	.uleb128 0xf
	.byte	0
	.uleb128 0xb
	.uleb128 0x21
	.sleb128 4
	.uleb128 0x49
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x10
	.uleb128 0x26
	.byte	0
	.uleb128 0x49
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x11
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x3a
	.uleb128 0x21
	.sleb128 1
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0x21
	.sleb128 6
	.uleb128 0x27
	.uleb128 0x19
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x40
	.uleb128 0x18
	.uleb128 0x7a
	.uleb128 0x19
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x12
	.uleb128 0x5
	.byte	0
	.uleb128 0x31
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x17
	.uleb128 0x2137
	.uleb128 0x17
	.byte	0
	.byte	0
	.uleb128 0x13
	.uleb128 0x11
	.byte	0x1
	.uleb128 0x25
	.uleb128 0xe
	.uleb128 0x13
	.uleb128 0xb
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x1b
	.uleb128 0xe
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x10
	.uleb128 0x17
	.byte	0
	.byte	0
	.uleb128 0x14
	.uleb128 0x24
	.byte	0
	.uleb128 0xb
	.uleb128 0xb
	.uleb128 0x3e
	.uleb128 0xb
	.uleb128 0x3
	.uleb128 0x8
	.byte	0
	.byte	0
	.uleb128 0x15
	.uleb128 0x34
	.byte	0
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x3a
	.uleb128 0xb
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x2
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0x16
	.uleb128 0x34
	.byte	0
	.uleb128 0x3
	.uleb128 0x8
	.uleb128 0x3a
	.uleb128 0xb
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x2
	.uleb128 0x18
	.byte	0
	.byte	0
	.uleb128 0x17
	.uleb128 0x48
	.byte	0
	.uleb128 0x7d
	.uleb128 0x1
	.uleb128 0x7f
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x18
	.uleb128 0xb
	.byte	0x1
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.byte	0
	.byte	0
	.uleb128 0x19
	.uleb128 0xb
	.byte	0x1
	.uleb128 0x55
	.uleb128 0x17
	.byte	0
	.byte	0
	.uleb128 0x1a
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x3f
	.uleb128 0x19
	.uleb128 0x3
	.uleb128 0xe
	.uleb128 0x3a
	.uleb128 0xb
	.uleb128 0x3b
	.uleb128 0xb
	.uleb128 0x39
	.uleb128 0xb
	.uleb128 0x27
	.uleb128 0x19
	.uleb128 0x49
	.uleb128 0x13
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x40
	.uleb128 0x18
	.uleb128 0x7a
	.uleb128 0x19
	.uleb128 0x1
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x1b
	.uleb128 0x48
	.byte	0x1
	.uleb128 0x7d
	.uleb128 0x1
	.uleb128 0x7f
	.uleb128 0x13
	.byte	0
	.byte	0
	.uleb128 0x1c
	.uleb128 0x2e
	.byte	0x1
	.uleb128 0x31
	.uleb128 0x13
	.uleb128 0x11
	.uleb128 0x1
	.uleb128 0x12
	.uleb128 0x6
	.uleb128 0x40
	.uleb128 0x18
	.uleb128 0x7a
	.uleb128 0x19
	.byte	0
	.byte	0
	.byte	0
	.section	.debug_loclists,"",@progbits
	.4byte	$Ldebug_loc3-$Ldebug_loc2
$Ldebug_loc2:
	.2byte	0x5
	.byte	0x4
	.byte	0
	.4byte	0
$Ldebug_loc0:
$LVUS8:
	.uleb128 $LVU46
	.uleb128 $LVU51
	.uleb128 $LVU51
	.uleb128 $LVU55
	.uleb128 $LVU55
	.uleb128 $LVU56
	.uleb128 $LVU56
	.uleb128 0
$LLST8:
	.byte	0x4
	.uleb128 $LVL16-$Ltext0
	.uleb128 $LVL17-$Ltext0
	.uleb128 0x2
	.byte	0x30
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL17-$Ltext0
	.uleb128 $LVL18-$Ltext0
	.uleb128 0x1
	.byte	0x52
	.byte	0x4
	.uleb128 $LVL18-$Ltext0
	.uleb128 $LVL18-$Ltext0
	.uleb128 0x3
	.byte	0x72
	.sleb128 -1
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL18-$Ltext0
	.uleb128 $LFE6-$Ltext0
	.uleb128 0x1
	.byte	0x52
	.byte	0
$LVUS4:
	.uleb128 $LVU22
	.uleb128 $LVU27
	.uleb128 $LVU27
	.uleb128 0
$LLST4:
	.byte	0x4
	.uleb128 $LVL10-$Ltext0
	.uleb128 $LVL11-$Ltext0
	.uleb128 0x2
	.byte	0x30
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL11-$Ltext0
	.uleb128 $LFE4-$Ltext0
	.uleb128 0x1
	.byte	0x52
	.byte	0
$LVUS6:
	.uleb128 $LVU24
	.uleb128 $LVU27
	.uleb128 $LVU27
	.uleb128 $LVU33
	.uleb128 $LVU33
	.uleb128 $LVU36
	.uleb128 $LVU36
	.uleb128 0
$LLST6:
	.byte	0x4
	.uleb128 $LVL10-$Ltext0
	.uleb128 $LVL11-$Ltext0
	.uleb128 0x2
	.byte	0x30
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL11-$Ltext0
	.uleb128 $LVL12-$Ltext0
	.uleb128 0x1
	.byte	0x53
	.byte	0x4
	.uleb128 $LVL12-$Ltext0
	.uleb128 $LVL13-$Ltext0
	.uleb128 0x3
	.byte	0x73
	.sleb128 -1
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL13-$Ltext0
	.uleb128 $LFE4-$Ltext0
	.uleb128 0x1
	.byte	0x53
	.byte	0
$LVUS3:
	.uleb128 0
	.uleb128 $LVU18
	.uleb128 $LVU18
	.uleb128 $LVU19
	.uleb128 $LVU19
	.uleb128 0
$LLST3:
	.byte	0x4
	.uleb128 $LVL7-$Ltext0
	.uleb128 $LVL8-$Ltext0
	.uleb128 0x1
	.byte	0x54
	.byte	0x4
	.uleb128 $LVL8-$Ltext0
	.uleb128 $LVL9-$Ltext0
	.uleb128 0x9
	.byte	0x74
	.sleb128 0
	.byte	0x3
	.4byte	CSWTCH.9
	.byte	0x1c
	.byte	0x9f
	.byte	0x4
	.uleb128 $LVL9-$Ltext0
	.uleb128 $LFE3-$Ltext0
	.uleb128 0x4
	.byte	0xa3
	.uleb128 0x1
	.byte	0x54
	.byte	0x9f
	.byte	0
$LVUS2:
	.uleb128 0
	.uleb128 $LVU14
	.uleb128 $LVU14
	.uleb128 0
$LLST2:
	.byte	0x4
	.uleb128 $LVL5-$Ltext0
	.uleb128 $LVL6-$Ltext0
	.uleb128 0x1
	.byte	0x54
	.byte	0x4
	.uleb128 $LVL6-$Ltext0
	.uleb128 $LFE2-$Ltext0
	.uleb128 0x4
	.byte	0xa3
	.uleb128 0x1
	.byte	0x54
	.byte	0x9f
	.byte	0
$LVUS0:
	.uleb128 0
	.uleb128 $LVU3
	.uleb128 $LVU3
	.uleb128 0
$LLST0:
	.byte	0x4
	.uleb128 $LVL0-$Ltext0
	.uleb128 $LVL1-$Ltext0
	.uleb128 0x1
	.byte	0x54
	.byte	0x4
	.uleb128 $LVL1-$Ltext0
	.uleb128 $LFE0-$Ltext0
	.uleb128 0x4
	.byte	0xa3
	.uleb128 0x1
	.byte	0x54
	.byte	0x9f
	.byte	0
$LVUS1:
	.uleb128 0
	.uleb128 $LVU10
	.uleb128 $LVU10
	.uleb128 0
$LLST1:
	.byte	0x4
	.uleb128 $LVL3-$Ltext0
	.uleb128 $LVL4-$Ltext0
	.uleb128 0x1
	.byte	0x54
	.byte	0x4
	.uleb128 $LVL4-$Ltext0
	.uleb128 $LFE1-$Ltext0
	.uleb128 0x4
	.byte	0xa3
	.uleb128 0x1
	.byte	0x54
	.byte	0x9f
	.byte	0
$LVUS7:
	.uleb128 0
	.uleb128 $LVU41
	.uleb128 $LVU41
	.uleb128 0
$LLST7:
	.byte	0x4
	.uleb128 $LVL14-$Ltext0
	.uleb128 $LVL15-$Ltext0
	.uleb128 0x1
	.byte	0x54
	.byte	0x4
	.uleb128 $LVL15-$Ltext0
	.uleb128 $LFE5-$Ltext0
	.uleb128 0x4
	.byte	0xa3
	.uleb128 0x1
	.byte	0x54
	.byte	0x9f
	.byte	0
$Ldebug_loc3:
	.section	.debug_aranges,"",@progbits
	.4byte	0x1c
	.2byte	0x2
	.4byte	$Ldebug_info0
	.byte	0x4
	.byte	0
	.2byte	0
	.2byte	0
	.4byte	$Ltext0
	.4byte	$Letext0-$Ltext0
	.4byte	0
	.4byte	0
	.section	.debug_rnglists,"",@progbits
$Ldebug_ranges0:
	.4byte	$Ldebug_ranges3-$Ldebug_ranges2
$Ldebug_ranges2:
	.2byte	0x5
	.byte	0x4
	.byte	0
	.4byte	0
$LLRL5:
	.byte	0x4
	.uleb128 $LBB10-$Ltext0
	.uleb128 $LBE10-$Ltext0
	.byte	0x4
	.uleb128 $LBB11-$Ltext0
	.uleb128 $LBE11-$Ltext0
	.byte	0x4
	.uleb128 $LBB12-$Ltext0
	.uleb128 $LBE12-$Ltext0
	.byte	0
$Ldebug_ranges3:
	.section	.debug_line,"",@progbits
$Ldebug_line0:
	.section	.debug_str,"MS",@progbits,1
$LASF7:
	.ascii	"long long int\000"
$LASF16:
	.ascii	"names\000"
$LASF0:
	.ascii	"unsigned int\000"
$LASF12:
	.ascii	"divs\000"
$LASF5:
	.ascii	"helper\000"
$LASF10:
	.ascii	"name\000"
$LASF6:
	.ascii	"mul64\000"
$LASF3:
	.ascii	"counter\000"
$LASF1:
	.ascii	"char\000"
$LASF4:
	.ascii	"table\000"
$LASF9:
	.ascii	"fill\000"
$LASF15:
	.ascii	"/tmp/asmx\000"
$LASF11:
	.ascii	"divu\000"
$LASF8:
	.ascii	"__start\000"
$LASF13:
	.ascii	"GNU C17 12.2.0 -G 0 -mel -march=r3000 -mfp32 -mno-abical"
	.ascii	"ls -mllsc -mno-lxc1-sxc1 -mno-madd4 -mips1 -mno-shared -"
	.ascii	"mabi=32 -g -Os -fno-pic -ffreestanding\000"
$LASF2:
	.ascii	"short int\000"
$LASF14:
	.ascii	"prog.c\000"
	.ident	"GCC: (Debian 12.2.0-14) 12.2.0"
	.section	.note.GNU-stack,"",@progbits
