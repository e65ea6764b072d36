# Pseudo-instructions under .set reorder: expansions must equal GNU as -march=r3000 -O0.
	.text
	.globl __start
	.set reorder
__start:
	li $t0, 5
	li $t0, -5
	li $t0, 0x8000
	li $t0, 0xffff
	li $t0, 0x10000
	li $t0, 0x12345678
	li $t0, -0x8000
	li $t0, -0x8001
	li $t0, 0xffff8000
	li $t0, 0x80000000
	la $t0, foo
	la $t0, foo+4($t1)
	la $t0, 8($t1)
	la $t0, 0x12345
	move $t0, $t1
	lw $t0, 0x12345678
	lw $t1, foo
	sw $t1, foo+4($t2)
	lw $t1, 4
	lw $t1, 0x8000($t2)
foo:	.word 1

x0:	nop
x1:	b x0
x2:	bal x0
x3:	beqz $t0, x0
x4:	bnez $t0, x0
x5:	blt $t0, $t1, x0
x6:	ble $t0, $t1, x0
x7:	bgt $t0, $t1, x0
x8:	bge $t0, $t1, x0
x9:	bltu $t0, $t1, x0
x10:	bleu $t0, $t1, x0
x11:	bgtu $t0, $t1, x0
x12:	bgeu $t0, $t1, x0
y5:	blt $t0, 5, x0
y6:	ble $t0, 5, x0
y7:	bgt $t0, 5, x0
y8:	bge $t0, 5, x0
y9:	bltu $t0, 5, x0
y10:	bleu $t0, 5, x0
y11:	bgtu $t0, 5, x0
y12:	bgeu $t0, 5, x0
z5:	blt $t0, 0, x0
z6:	ble $t0, 0, x0
z7:	bgt $t0, 0, x0
z8:	bge $t0, 0, x0
z9:	bltu $t0, 0, x0
z10:	bleu $t0, 0, x0
z11:	bgtu $t0, 0, x0
z12:	bgeu $t0, 0, x0
w5:	blt $t0, 0x12345, x0
w8:	bge $t0, -1, x0
w11:	bgtu $t0, -1, x0
w7:	bgt $t0, 0x7fff, x0
w6:	ble $t0, 0x7fff, x0
v1: beq $t0, 5, x0
v2: bne $t0, 0x12345, x0
v3: beq $t0, 0, x0
n1:	neg $t0, $t1
n2:	negu $t0, $t1
n3:	not $t0, $t1
n4:	abs $t0, $t1
n5: neg $t0
n6: not $t0
n7: abs $t0

a1: blt $t0, 1, a1
a2: bge $t0, 1, a1
a3: bgt $t0, -1, a1
a4: ble $t0, -1, a1
a5: bltu $t0, 1, a1
a6: bgeu $t0, 1, a1
a7: bleu $t0, -1, a1
a8: ble $t0, 0x7fffffff, a1
a9: bgt $t0, 0x7fffffff, a1
a10: bltu $t0, 0x8000, a1
a11: bltu $t0, -5, a1
a12: bgt $t0, $0, a1
a13: blt $0, $t0, a1
a14: bgtu $0, $t0, a1
a15: bleu $t0, $0, a1
m1: mul $t0, $t1, $t2
m2: mul $t0, $t1, 5
m3: div $t0, $t1, $t2
m4: divu $t0, $t1, $t2
m5: rem $t0, $t1, $t2
m6: remu $t0, $t1, $t2
m7: div $t0, $t1
m8: divu $t0, $t1
m9: div $t0, $t1, 5
m10: div $t0, $t1, 1
m11: div $t0, $t1, -1
m12: div $t0, $t1, 0
m13: rem $t0, $t1, 1
m14: rem $t0, $t1, -1
m15: divu $t0, $t1, 5
m16: remu $t0, $t1, 1
m17: div $zero, $t0, $t1
m18: divu $zero, $t0, $t1
m19: mul $t0, $t1
m20: rem $t0, $t1, 5
m21: remu $t0, $t1, 0x12345
m22: divu $t0, $t1, 1

s1: seq $t0, $t1, $t2
s2: sne $t0, $t1, $t2
s3: slt $t0, $t1, $t2
s4: sle $t0, $t1, $t2
s5: sgt $t0, $t1, $t2
s6: sge $t0, $t1, $t2
s7: sleu $t0, $t1, $t2
s8: sgtu $t0, $t1, $t2
s9: sgeu $t0, $t1, $t2
i1: seq $t0, $t1, 5
i2: sne $t0, $t1, 5
i3: slt $t0, $t1, 5
i4: sle $t0, $t1, 5
i5: sgt $t0, $t1, 5
i6: sge $t0, $t1, 5
i7: sleu $t0, $t1, 5
i8: sgtu $t0, $t1, 5
i9: sgeu $t0, $t1, 5
i10: sltu $t0, $t1, 5
j1: seq $t0, $t1, 0
j2: sne $t0, $t1, 0
j3: seq $t0, $t1, -5
j4: sne $t0, $t1, -5
j5: seq $t0, $t1, 0x12345
j6: slt $t0, $t1, 0x12345
j7: sge $t0, $t1, 0x12345
j8: seq $t0, $zero, $t1
j9: seq $t0, $t1, $zero
j10: sne $t0, $zero, $t1
j11: seq $t0, $t1, 0x8000
j12: sgt $t0, 5
j13: slt $t0, $t1
j14: sltu $t0, $t1, 0x8000
u1: ulw $t0, 4($t1)
u2: usw $t0, 4($t1)
u3: ulh $t0, 4($t1)
u4: ulhu $t0, 4($t1)
u5: ush $t0, 4($t1)
u6: ulw $t0, dat
u7: ulw $t0, ($t1)
u8: ulw $t1, 4($t1)
u9: ulh $t1, 4($t1)
u10: usw $t0, dat
l1: lb $t0, dat
l2: lbu $t0, dat+3
l3: lh $t0, dat($t1)
l4: lhu $t0, dat
l5: sb $t0, dat
l6: sh $t0, dat
l7: sw $t0, dat+0x12340($t1)
l8: lw $t0, 0x7fff($t1)
l9: lw $t0, -0x8000
l10: lw $t0, ($t1)
l11: lw $t0, 0x12348000($t1)
l12: lwl $t0, dat
l13: swr $t0, dat
l14: lwc1 $f2, dat
l15: la $t0, dat-4
l16: li $t0, dat
l17: la $t0, 0x12345678($t1)
l18: la $t0, 0x8000
l19: la $t0, -4
l20: lw $t0, %lo(dat)($t1)
l21: lui $t0, %hi(dat)
l22: addiu $t0, $t0, %lo(dat)
l23: lw $t0, 4


# li/la edge values
q1:	li $t0, 0
	li $t0, 0x7fff
	li $t0, -0x7fff
	li $t0, 0xffff0000
	li $t0, 0xfffffffe
	li $t0, 0x00010001
	li $t0, 'A'
	la $t0, dat
	la $t1, dat($t1)
	la $t1, 0x10000($t1)
	move $s0, $zero
	negu $t0
# immediate forms of register instructions and out-of-range immediates
q2:	addu $t0, $t1, 5
	add $t0, $t1, -5
	addi $t0, $t1, 0x8000
	addiu $t0, $t1, 0xffff
	sltiu $t0, $t1, 0xfffe
	xori $t0, $t1, 0xffff
	and $t0, $t1, 0xff
	or $t0, $t1, -1
	xor $t0, $t1, 0x123456
	sub $t0, $t1, 5
	subu $t0, $t1, 0x12345
	slt $t0, $t1, -5
	sltu $t0, $t1, 0x12345
	nor $t0, $t1, 0x55
	addu $t0, $t1
	addiu $t0, 7
	sll $t0, 2
# jumps through registers
q3:	j $t0
	jal $t1
	beq $t0, 0x12345, q3
	bne $t0, -1, q3
	rem $t0, $t1, 0
	divu $t0, $t1, 0
	mul $t0, $t1, 0x12345
	remu $t0, $t1, 5
	lw $t0, dat+0x12345678
	sb $zero, dat($t2)
	lbu $t1, dat($t1)
	ulw $t0, dat+2
	usw $t0, dat+2($t1)
	ulhu $t0, -4($sp)
	ush $t0, 0x7ff0($t1)
	abs $t0, $t0
	ulh $t0, dat
	ulhu $t1, dat+1($t2)
	ush $t0, dat
	ush $t0, 0x12345($t1)
	ulh $t0, 0x12345
	not $t0

	.data
dat:	.word 1, 2, 3, 4
foo2:	.word 5
