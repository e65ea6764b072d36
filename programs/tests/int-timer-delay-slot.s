# int-timer-delay-slot.s: an interrupt that arrives between a branch and its delay slot is taken
# before the slot instruction with EPC = the branch and Cause.BD = 1, so that returning to EPC
# re-executes the branch (r3000.md 1.5). The sled alternates not-taken branches and their delay
# slots, one cycle each; the timer one-shot picks the boundary (see int-timer.s).
	.include "lib/test.inc"

	.equ	NPAIRS, 100

# ONESHOT period: start a one-shot of `period` cycles as the sled is entered.
.macro	ONESHOT period
	lui	$t8, 0x8000
	sw	$zero, 0x200+T_X0($t8)
	sw	$zero, 0x200+T_X1($t8)
	li	$t1, \period
	sw	$t1, 0x120($s0)			# PERIOD
	li	$t2, 3				# RUN | ONESHOT
	jal	sled
	sw	$t2, 0x130($s0)
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"int-timer-delay-slot\n"
	SETVAR	T_GENH, timer_handler
	lui	$s0, 0xb500
	jal	sled				# warm the I-cache
	nop
	li	$t0, (SR_IM4 | SR_IEC)
	mtc0	$t0, c0_sr
	nop
	nop
	ONESHOT	51				# before word 51: the delay slot of the branch at 50
	lui	$t8, 0x8000
	lw	$s1, 0x200+T_X0($t8)
	lw	$s2, 0x200+T_X1($t8)
	la	$t4, sled
	subu	$s1, $s1, $t4
	srl	$s1, $s1, 2
	SHOW	"epc_index=", $s1
	SHOW	"cause=", $s2
	CHECK	$s1, 50, 1
	CHECK	$s2, (CAUSE_BD | 0x1000), 2
	ONESHOT	60				# before word 60: a branch, not in a slot
	lui	$t8, 0x8000
	lw	$s1, 0x200+T_X0($t8)
	lw	$s2, 0x200+T_X1($t8)
	la	$t4, sled
	subu	$s1, $s1, $t4
	srl	$s1, $s1, 2
	SHOW	"epc_index=", $s1
	SHOW	"cause=", $s2
	CHECK	$s1, 60, 3
	CHECK	$s2, 0x1000, 4
	mtc0	$zero, c0_sr
	PASS

# Records EPC (T_X0) and Cause (T_X1), clears PENDING, returns to EPC.
timer_handler:
	mfc0	$k0, c0_epc
	lui	$k1, 0x8000
	sw	$k0, 0x200+T_X0($k1)
	mfc0	$k0, c0_cause
	nop
	sw	$k0, 0x200+T_X1($k1)
	lui	$k1, 0xb500
	sw	$zero, 0x150($k1)
	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe

	.align	4
sled:	.rept	NPAIRS
	bne	$zero, $zero, .+8		# never taken; the next word is its delay slot
	nop
	.endr
	jr	$ra
	nop
	.include "lib/runtime.inc"
