# exc-dispatch.s: exception dispatch to user handlers (docs/exokernel.md §6, paper §5.3) for
# every kind a program can cause: AdEL (unaligned load, kernel address), AdES, Ov, CpU, Bp, RI,
# Mod (store through a read-only mapping) and TLBL on an invalid (V = 0) mapping. The handler
# gets a0 = EPC, a1 = BadVAddr, a2 = Cause, finds the interrupted a0-a2 in the save area and
# resumes with the return idiom; every register is as before the exception.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	RCAP, 0x0a0b0c0d
	.equ	WCAP, 0x01020304
	.equ	RO_VA, 0x10000000
	.equ	INV_VA, 0x10001000
	.data
	.balign	4
word:	.word	0x11223344, 0x55667788
	.text
	.globl	main
main:
	PRINT	"exc-dispatch\n"
	sw	$sp, TEST_VARS($zero)
	SET_HANDLER EXC_ADEL, trap_handler
	CHECK	$v0, 0, "env_set handler AdEL"
	SET_HANDLER EXC_ADES, trap_handler
	SET_HANDLER EXC_OV, trap_handler
	SET_HANDLER EXC_CPU, trap_handler
	SET_HANDLER EXC_BP, trap_handler
	SET_HANDLER EXC_RI, trap_handler
	SET_HANDLER EXC_MOD, trap_handler
	SET_HANDLER EXC_TLBL, trap_handler
	SET_HANDLER EXC_TLBS, trap_handler
	CHECK	$v0, 0, "env_set handler TLBS"

	# AdEL: an unaligned load, with a0-a2 holding values the save area must give back.
	TRAP_RESET
	la	$t0, word
	li	$t1, 0x77
	li	$a0, 0xa0a0a0a0
	li	$a1, 0xa1a1a1a1
	li	$a2, 0xa2a2a2a2
adel:	lw	$t1, 1($t0)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	CHECKTRAP EXC_ADEL, adel, "unaligned lw"
	CHECKMEM TRAP_BADVA, word + 1, "unaligned lw: BadVAddr"
	CHECK	$t1, 0x77, "unaligned lw: destination not written"
	CHECK	$s0, 0xa0a0a0a0, "a0 restored by the return idiom"
	CHECK	$s1, 0xa1a1a1a1, "a1 restored"
	CHECK	$s2, 0xa2a2a2a2, "a2 restored"
	CHECKMEM TRAP_SAVE0, 0xa0a0a0a0, "save area +0 = the interrupted a0"
	CHECKMEM TRAP_SAVE1, 0xa1a1a1a1, "save area +4 = a1"
	CHECKMEM TRAP_SAVE2, 0xa2a2a2a2, "save area +8 = a2"
	# AdEL on a kernel address from user mode.
	TRAP_RESET
	li	$t0, 0x80000000
adel2:	lw	$t1, 0($t0)
	CHECKTRAP EXC_ADEL, adel2, "load from kseg0"
	CHECKMEM TRAP_BADVA, 0x80000000, "kseg0 load: BadVAddr"
	# AdES
	TRAP_RESET
	la	$t0, word
ades:	sh	$t0, 1($t0)
	CHECKTRAP EXC_ADES, ades, "unaligned sh"
	CHECKMEM TRAP_BADVA, word + 1, "unaligned sh: BadVAddr"
	CHECKMEM word, 0x11223344, "unaligned sh: memory unchanged"
	# Ov
	TRAP_RESET
	li	$t0, 0x7fffffff
	li	$t1, 0x1234
ov:	add	$t1, $t0, $t0
	CHECKTRAP EXC_OV, ov, "add overflow"
	CHECK	$t1, 0x1234, "add overflow: destination not written"
	# CpU: a CP0 instruction in user mode (CU0 = 0), and a COP1 one (CU1 = 0)
	TRAP_RESET
cpu:	mfc0	$t1, $12
	CHECKTRAP EXC_CPU, cpu, "mfc0 in user mode"
	TRAP_RESET
cpu1:	mfc1	$t1, $f0
	CHECKTRAP EXC_CPU, cpu1, "mfc1 without CU1"
	lw	$t1, TRAP_CAUSE($zero)
	srl	$t1, $t1, 28
	andi	$t1, $t1, 3
	CHECK	$t1, 1, "mfc1: Cause.CE = 1"
	# Bp, including the hook code: in user mode it is an ordinary break
	TRAP_RESET
bp:	break	7
	CHECKTRAP EXC_BP, bp, "break 7"
	TRAP_RESET
bp2:	break	HOOK, HOOK_HALT
	CHECKTRAP EXC_BP, bp2, "break 0x3e5 (a hook) in user mode is only Bp"
	# RI
	TRAP_RESET
ri:	.word	0x7c000000				# opcode 0x1f: reserved in MIPS I
	CHECKTRAP EXC_RI, ri, "reserved opcode"
	# Mod: store through a read-only mapping
	li	$a0, -1
	li	$a1, RCAP
	li	$a2, WCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc"
	sll	$s3, $v0, PAGE_SHIFT
	li	$a0, RO_VA
	ori	$a1, $s3, ELO_V
	li	$a2, RCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write read-only"
	TRAP_RESET
	li	$t0, RO_VA
	li	$t1, 0x4321
mod:	sw	$t1, 8($t0)
	CHECKTRAP EXC_MOD, mod, "store to a read-only page"
	CHECKMEM TRAP_BADVA, RO_VA + 8, "Mod: BadVAddr"
	lw	$t2, RO_VA + 8($zero)
	CHECK	$t2, 0, "Mod: the store did not happen"
	# TLBL on a V = 0 mapping (a TLB hit on an invalid entry: the general vector)
	li	$a0, INV_VA
	move	$a1, $s3
	li	$a2, RCAP
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write an invalid (V = 0) mapping"
	TRAP_RESET
	li	$t0, INV_VA
	sw	$t0, TRAP_PAGE($zero)
inv:	lw	$t1, 4($t0)
	CHECKTRAP EXC_TLBL, inv, "load through V = 0"
	CHECKMEM TRAP_BADVA, INV_VA + 4, "V = 0: BadVAddr"
	TRAP_RESET
	li	$t0, INV_VA
	sw	$t0, TRAP_PAGE($zero)
invs:	sw	$t1, 4($t0)
	CHECKTRAP EXC_TLBS, invs, "store through V = 0"
	# Every register survives a dispatch and return (Ov, then Bp).
	TRAP_RESET
	sw	$ra, TEST_VARS + 4($zero)
	FILL_REGS 0x2b2b0000
	.set	noat
	lui	$1, 0x7fff
	add	$1, $1, $1				# overflows: $1 keeps 0x7fff0000 (skipped below)
	.set	at
	STORE_REGS REGS_AREA
	lw	$sp, TEST_VARS($zero)
	lw	$ra, TEST_VARS + 4($zero)
	CHECK_REGS REGS_AREA, 0x2b2b0000, 0x02, "registers across an Ov dispatch and return"
	CHECKMEM TRAP_COUNT, 1, "that was one Ov"
	TRAP_RESET
	FILL_REGS 0x3d3d0000
	break	3
	STORE_REGS REGS_AREA
	lw	$sp, TEST_VARS($zero)
	lw	$ra, TEST_VARS + 4($zero)
	CHECK_REGS REGS_AREA, 0x3d3d0000, 0, "registers across a Bp dispatch and return"
	# An exception in a branch delay slot: EPC = the branch, BD = 1
	TRAP_RESET
	RESUME_AT bdone
	li	$t0, 0x7fffffff
	.set	noreorder
bd:	beq	$zero, $zero, bdone
	add	$t1, $t0, $t0
	nop
	.set	reorder
bdone:	CHECKTRAP EXC_OV, bd, "Ov in a delay slot: EPC is the branch"
	lw	$t1, TRAP_CAUSE($zero)
	srl	$t1, $t1, 31
	CHECK	$t1, 1, "Cause.BD = 1"
	PASS
