# Expressions: operators with GNU precedence, literals, symbols, numeric local labels, %hi/%lo.
	.text
	.globl	__start
__start:
	.equ	A, 10
	.equ	B, -3
	B2 = A * 2 + 1
	li	$t0, A + B * 2
	li	$t0, 1 + 2 * 3
	li	$t0, 1 | 2 + 3
	li	$t0, (1 | 2) + 3
	li	$t0, 100 / 7
	li	$t0, -100 / 7
	li	$t0, -100 % 7
	li	$t0, 1 << 20
	li	$t0, 0x80000000 >> 4
	li	$t0, 0x7ffffff0 >> 2
	li	$t0, 0xf0f0 & 0xff00
	li	$t0, 0xf0 ^ 0xff
	li	$t0, ~0
	li	$t0, -(3 + 4)
	li	$t0, !0
	li	$t0, 3 == 3
	li	$t0, 3 != 3
	li	$t0, 2 < 3
	li	$t0, 2 >= 3
	li	$t0, 1 && 0
	li	$t0, 1 || 0
	li	$t0, 'a'
	li	$t0, '\n'
	li	$t0, '\\'
	li	$t0, 0x7FfF
	li	$t0, 0777
	li	$t0, 0b1010
	li	$t0, B2
	li	$t0, there - here
	li	$t0, (there - here) / 4
	addiu	$t0, $t0, %lo(0x12348765)
	lui	$t0, %hi(0x12348765)
	lui	$t1, %hi(var + 0x8000)
	addiu	$t1, $t1, %lo(var + 0x8000)
	lw	$t2, %lo(var)($t1)
	sw	$t2, %lo(var + 4)($t1)
	lui	$t3, %hi(var)
	ori	$t3, $t3, %lo(var)
here:
1:	addiu	$t0, $t0, -1
	bnez	$t0, 1b
	beqz	$t0, 1f
	b	2f
1:	nop
2:	b	1b
there:
	la	$t0, var - 4
	la	$t0, var + (2 * 4)
	lw	$t0, var + 4
	.data
var:	.word	1, 2, 3
	.word	var + 8, there - here, here
	.word	A * B, A / B, A % B
	.half	A, -A
	.byte	'x', '\t', '\'', 0x7f, -1
	.word	. - var
