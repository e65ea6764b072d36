# Directives (under .set noreorder): sections, symbols, data, alignment, .set, equates, .org, .include, macros.
	.file	"directives.s"
	.module	fp=32
	.nan	legacy
	.abicalls
	.option	pic0
	.gnu_attribute 4, 1
	.ident	"exo corpus"
	.text
	.set	noreorder
	.globl	__start
	.global	other
	.extern	ext_sym
	.local	helper
	.ent	__start
	.type	__start, @function
	.frame	$sp, 0, $ra
	.mask	0x00000000, 0
	.fmask	0x00000000, 0
__start:
	.cfi_startproc
	la	$t0, table
	lw	$t1, counter
	jal	helper
	.cfi_endproc
	.end	__start
	.size	__start, .-__start

	.ent	helper
helper:
	jr	$ra
	.end	helper
other:	nop

	.set	push
	.set	noreorder
	.set	noat
	addu	$at, $at, $at
	b	other
	nop
	.set	nomacro
	addu	$t0, $t1, $t2
	.set	macro
	.set	pop
	.set	mips1
	.set	noat
	.set	at

	.equ	SIZE, 16
	.set	COUNT, SIZE * 2
	LIMIT = COUNT + 1
	.equ	MASK, ~0xff
	li	$t0, SIZE
	li	$t1, COUNT
	li	$t2, LIMIT
	li	$t3, MASK
	.set	COUNT, 3
	li	$t4, COUNT
	.include "inc/defs.inc"
	li	$t5, INC_VALUE
	.align	3
aligned8:
	nop
	.balign	16
aligned16:
	nop
	.space	8
	.skip	4, 0
	.org	aligned16 + 0x40
after_org:
	nop

	.macro	push reg
	addiu	$sp, $sp, -4
	sw	\reg, 0($sp)
	.endm
	.macro	pop reg=$ra
	lw	\reg, 0($sp)
	addiu	$sp, $sp, 4
	.endm
	.macro	sum dst, a, b
	addu	\dst, \a, \b
	.endm
	push	$s0
	push	$ra
	pop	$s0
	pop
	sum	$t0, $t1, $t2
	sum	$v0 $a0 $a1

	.rdata
msg:	.ascii	"hi\n"
	.asciiz	"quote\" tab\t nul"
	.string	"octal\101 hex\x41"
	.align	2
	.section .rodata
ro_word: .word	0x12345678
	.previous
	.word	msg

	.data
table:	.word	1, -1, 0x7fffffff, table, table+8, ro_word, __start
	.half	1, -1, 0xffff
	.hword	2
	.short	3
	.byte	1, 2, 255, -128, 'a', '\n'
counter: .word	0
	.byte	7
odd:	.word	8
	.half	9
	.align	4
	.byte	1
	.balign	8, 0xaa
	.space	3, 0x55
	.word	end_data - table
	.word	(SIZE << 4) | 3, SIZE % 5, -SIZE / 3, 0b1011, 017, 'Z' ^ 0x20
end_data:
	.section .data.more, "aw"
	.word	0xdeadbeef
	.sdata
	.word	0xcafe

	.bss
	.align	2
buf:	.space	64
	.sbss
small:	.space	4
	.section .bss.extra
	.skip	12
	.lcomm	lbuf, 16
	.comm	cbuf, 8, 4
	.section .rdata
	.byte	0x11
	.section .text.extra, "ax", @progbits
	.word	0x22
	.section .rodata.str1.4, "aMS", @progbits, 1
	.asciz	"merge"
	.section .mydata, "aw"
	.byte	0x33, 0x44
	.data
	.byte	0x55
