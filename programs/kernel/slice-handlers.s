# slice-handlers.s: the interrupt context (docs/exokernel.md §9, paper §5.1.1): with an
# end-of-slice handler and an interrupt save area, the timer tick enters the handler in user mode
# with a0 = the interrupted PC (the interrupted a0 and PC in the save area); it yields, and the
# next slice enters the start-of-slice handler with a0 = where it would resume. The program
# itself never yields: it spins until the end-of-slice handler has run three times, and every
# register it holds survives.
# run: --quantum 20000
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	INT_SAVE, EXO_SCRATCH + 0xf0		# a0, PC
	.equ	SE_COUNT, TEST_VARS + 0x00
	.equ	SS_COUNT, TEST_VARS + 0x04
	.equ	SE_EPC, TEST_VARS + 0x08
	.equ	SE_A0, TEST_VARS + 0x0c
	.equ	SE_PC, TEST_VARS + 0x10
	.equ	SE_V0, TEST_VARS + 0x14
	.equ	SS_PC, TEST_VARS + 0x18
	.text
	.globl	main
main:
	PRINT	"slice-handlers\n"
	lw	$a2, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a2, $a2, PAGE_SHIFT
	addiu	$a2, $a2, INT_SAVE - EXO_SCRATCH	# its physical address
	li	$a0, 0
	li	$a1, FIELD_INT_SAVE
	li	$a3, 0
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the interrupt save area"
	SET_ENTRY FIELD_SLICE_END, slice_end
	CHECK	$v0, 0, "env_set slice_end"
	SET_ENTRY FIELD_SLICE_START, slice_start
	CHECK	$v0, 0, "env_set slice_start"
	li	$a0, 0xa0a0a0a0
	li	$v0, 0x20202020
	li	$v1, 0x30303030
	li	$s0, 0
spin:	lw	$t0, SE_COUNT($zero)
	addiu	$s0, $s0, 1
	sltiu	$t1, $t0, 3
	bnez	$t1, spin
spin_end:
	CHECK	$a0, 0xa0a0a0a0, "a0 survives the upcalls"
	CHECK	$v0, 0x20202020, "v0 survives"
	CHECK	$v1, 0x30303030, "v1 survives"
	CHECKGE	$s0, 1000, "the loop ran (iterations)"
	lw	$t0, SS_COUNT($zero)
	CHECKGE	$t0, 3, "slice_start ran at each new slice"
	lw	$t0, SE_EPC($zero)
	la	$t1, spin
	subu	$t0, $t0, $t1
	la	$t2, spin_end
	subu	$t2, $t2, $t1
	sltu	$t0, $t0, $t2
	CHECK	$t0, 1, "the interrupted PC was in the spin loop"
	PASS

# End of slice: a0 = the interrupted PC; its a0 and PC are at INT_SAVE. Keep what yield and the
# next slice's entry overwrite, give the processor back, then resume the loop exactly.
slice_end:
	.set	noreorder
	sw	$a0, SE_EPC($zero)
	lw	$a0, INT_SAVE + 0($zero)
	nop
	sw	$a0, SE_A0($zero)
	lw	$a0, INT_SAVE + 4($zero)
	nop
	sw	$a0, SE_PC($zero)
	sw	$v0, SE_V0($zero)
	lw	$a0, SE_COUNT($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, SE_COUNT($zero)
	li	$a0, -1
	li	$v0, SYS_YIELD
	syscall
	lw	$v0, SE_V0($zero)
	lw	$a0, SE_PC($zero)
	nop
	jr	$a0
	lw	$a0, SE_A0($zero)

# Start of slice: a0 = where we resume (after the yield above); our a0 there is at INT_SAVE.
slice_start:
	sw	$a0, SS_PC($zero)
	lw	$a0, SS_COUNT($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, SS_COUNT($zero)
	lw	$a0, SS_PC($zero)
	nop
	jr	$a0
	lw	$a0, INT_SAVE + 0($zero)
	.set	reorder
