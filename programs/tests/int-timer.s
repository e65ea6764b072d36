# int-timer.s: the interval timer (docs/devices.md, 0x15000100) interrupts on Cause.IP4 at an exact
# cycle: a one-shot started by a store fires PERIOD cycles later and the interrupt is taken at the
# first instruction boundary at or after that cycle (docs/timing.md 7). The CPU runs a sled of
# one-cycle nops (I-cache warm), so the interrupted nop's index is the cycle: one more cycle of
# period moves EPC one nop further.
	.include "lib/test.inc"

	.equ	NSLED, 200

# ONESHOT period, dst: start a one-shot of `period` cycles in the delay slot of the jal into the
# sled; dst = the index of the nop the interrupt came before (from the handler's EPC).
.macro	ONESHOT period, dst
	lui	$t8, 0x8000
	sw	$zero, 0x200+T_X0($t8)
	li	$t1, \period
	sw	$t1, 0x120($s0)			# PERIOD
	li	$t2, 3				# RUN | ONESHOT
	jal	sled
	sw	$t2, 0x130($s0)			# the start (cycle count S after it)
	lui	$t8, 0x8000
	lw	$t3, 0x200+T_X0($t8)		# EPC recorded by the handler
	la	$t4, sled
	subu	$t3, $t3, $t4
	srl	\dst, $t3, 2
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"int-timer\n"
	SETVAR	T_GENH, timer_handler
	lui	$s0, 0xb500			# clock/timer page; the timer registers are at 0x100
	jal	sled				# warm the I-cache (timer stopped, interrupts off)
	nop
	li	$t0, (SR_IM4 | SR_IEC)
	mtc0	$t0, c0_sr
	nop
	nop
	ONESHOT	50, $s1
	ONESHOT	51, $s2
	ONESHOT	57, $s3
	ONESHOT	150, $s4
	mtc0	$zero, c0_sr
	SHOW	"p50=", $s1
	SHOW	"p51=", $s2
	SHOW	"p57=", $s3
	SHOW	"p150=", $s4
	CHECK	$s1, 50, 1			# S = the count after the store's cycle; nop i
	CHECK	$s2, 51, 2			# starts at S + i; the tick at S + PERIOD is
	CHECK	$s3, 57, 3			# taken before nop PERIOD
	CHECK	$s4, 150, 4
	lui	$t8, 0x8000
	lw	$t5, 0x200+T_X1($t8)		# Cause seen by the handler: IP4, ExcCode 0
	nop
	CHECK	$t5, 0x1000, 5
	lw	$t6, 0x200+T_X2($t8)		# interrupts taken
	nop
	CHECK	$t6, 4, 6
	lw	$t7, 0x150($s0)			# PENDING after the acknowledgements
	nop
	CHECK	$t7, 0, 7
	PASS

# Records EPC (T_X0), Cause (T_X1), counts (T_X2), clears PENDING (lowering the line) and
# returns to EPC.
timer_handler:
	mfc0	$k0, c0_epc
	lui	$k1, 0x8000
	sw	$k0, 0x200+T_X0($k1)
	mfc0	$k0, c0_cause
	nop
	sw	$k0, 0x200+T_X1($k1)
	lw	$k0, 0x200+T_X2($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, 0x200+T_X2($k1)
	lui	$k1, 0xb500
	sw	$zero, 0x150($k1)		# PENDING = 0
	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe

	.align	4
sled:	.rept	NSLED
	nop
	.endr
	jr	$ra
	nop
	.include "lib/runtime.inc"
