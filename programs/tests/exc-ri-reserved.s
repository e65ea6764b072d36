# exc-ri-reserved.s: opcodes and SPECIAL functions the R3000 does not implement raise RI
# (ExcCode 10) with EPC = the word; MIPS II+ encodings included (r3000.md 1.6).
	.include "lib/test.inc"

# RI word, check number: run the word, expect exactly one RI at it.
.macro	RI_CASE word, n
	T_RESET
ri\@:	.word	\word
	CHECKEXC EXC_RI, \n
	CHECKVARL T_EPC, ri\@, \n
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-ri-reserved\n"
	RI_CASE	0x00000001, 1			# SPECIAL funct 0x01 (MOVCI, MIPS IV)
	SHOWVAR	"cause=", T_CAUSE
	RI_CASE	0x0000000a, 2			# SPECIAL funct 0x0a (MOVZ, MIPS IV)
	RI_CASE	0x00000014, 3			# SPECIAL funct 0x14 (DSLLV, MIPS III)
	RI_CASE	0x0000002c, 4			# SPECIAL funct 0x2c (DADD, MIPS III)
	RI_CASE	0x00000034, 5			# SPECIAL funct 0x34 (TEQ, MIPS II)
	RI_CASE	0x60000000, 6			# opcode 0x18 (DADDI, MIPS III)
	RI_CASE	0x70000000, 7			# opcode 0x1c (SPECIAL2 on MIPS32)
	RI_CASE	0x9c000000, 8			# opcode 0x27 (LWU, MIPS III)
	RI_CASE	0xdc000000, 9			# opcode 0x37 (LD, MIPS III)
	RI_CASE	0xfc000000, 10			# opcode 0x3f (SD, MIPS III)
	PASS
	.include "lib/runtime.inc"
