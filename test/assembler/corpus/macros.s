# Macros with arguments, defaults, keyword arguments, \@, nested macros, .exitm; conditionals;
# .include with a macro from the included file; .rept and .fill.
	.include "inc/defs.inc"
	.text
	.globl	__start
	.macro	load_const reg, val=0x1234
	li	\reg, \val
	.endm
	.macro	twice insn, a, b
	\insn	\a, \b
	\insn	\a, \b
	.endm
	.macro	counted
lbl\@:	nop
	.endm
	.macro	outer r
	load_const \r, 7
	twice	move, \r, $zero
	.endm
	.macro	early r
	addu	\r, \r, \r
	.exitm
	addu	\r, \r, $zero
	.endm
__start:
	load_const $t0
	load_const $t1, 0xdead0000
	load_const val=5, reg=$t2
	twice	addu, $t0, $t1
	counted
	counted
	outer	$s0
	early	$t3
	inc_nop
	.if	1
	li	$t0, 1
	.else
	li	$t0, 2
	.endif
	.ifdef	INC_VALUE
	li	$t0, INC_VALUE
	.endif
	.ifndef	NOT_DEFINED
	li	$t1, 3
	.endif
	.if	INC_VALUE == 0x1234
	li	$t2, 4
	.elseif 1
	li	$t2, 5
	.endif
	.rept	3
	addiu	$t0, $t0, 1
	.endr
	.rept	2
	counted
	.endr
	jr	$ra
	.data
	.fill	3, 2, 0x1234
	.fill	2, 4, -1
	.fill	5
	.byte	9
