# int-timer-masked.s: interrupt lines are level-triggered and masked by Status.IM: a periodic
# timer with IM4 = 0 raises Cause.IP4 and counts ticks in PENDING without interrupting; setting
# IM4 takes the interrupt right after that MTC0; the line stays high, interrupting again after
# each return, until the handler has acknowledged every pending tick (docs/devices.md).
	.include "lib/test.inc"
	.equ	NSLED, 250
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"int-timer-masked\n"
	SETVAR	T_GENH, ack_handler
	lui	$s0, 0xb500
	jal	sled				# warm the I-cache
	nop
	li	$t0, SR_IEC			# interrupts on, but IM = 0
	mtc0	$t0, c0_sr
	nop
	nop
	li	$t1, 100
	sw	$t1, 0x120($s0)			# PERIOD = 100
	li	$t2, 1				# RUN, periodic
	jal	sled				# 250 one-cycle nops + jr: ticks at S+100, S+200
	sw	$t2, 0x130($s0)
	li	$t2, 0
	sw	$t2, 0x130($s0)			# stop (PENDING is kept)
	lw	$s1, 0x150($s0)			# PENDING
	mfc0	$s2, c0_cause
	nop
	SHOW	"pending=", $s1
	SHOW	"cause=", $s2
	CHECK	$s1, 2, 1
	CHECK	$s2, 0x1000, 2			# IP4, nothing taken
	CHECKVAR T_X2, 0, 3
	li	$t0, (SR_IM4 | SR_IEC)
	mtc0	$t0, c0_sr
after:	nop					# taken twice here: one tick acknowledged per entry
	CHECKVAR T_X2, 2, 4
	CHECKVARL T_X0, after, 5
	lw	$s1, 0x150($s0)
	mfc0	$s2, c0_cause
	nop
	CHECK	$s1, 0, 6
	CHECK	$s2, 0, 7
	mtc0	$zero, c0_sr
	PASS

# Counts (T_X2), records EPC (T_X0), acknowledges one tick, returns to EPC.
ack_handler:
	lui	$k1, 0x8000
	lw	$k0, 0x200+T_X2($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, 0x200+T_X2($k1)
	mfc0	$k0, c0_epc
	nop
	sw	$k0, 0x200+T_X0($k1)
	lui	$k1, 0xb500
	lw	$zero, 0x110($k1)		# INTERRUPT_ACK: PENDING - 1
	jr	$k0
	rfe

	.align	4
sled:	.rept	NSLED
	nop
	.endr
	jr	$ra
	nop
	.include "lib/runtime.inc"
