# dev-net-rx.s: the network interface (docs/devices.md, physical 0x14000000) driven through the
# CPU on Cause.IP3: frames injected by --net-in arrive at given cycles; the interrupt handler takes
# every waiting frame (RX command, STATUS, PACKETLENGTH, BUFFER) and sums their lengths and the
# last byte of each source MAC address. Two frames arrive together, the third much later.
# run: --net-in @tests/data/net-rx.frames
	.include "lib/test.inc"

	.equ	NET, 0xb4000000
	.equ	N_STATUS, 0x4000
	.equ	N_LENGTH, 0x4010
	.equ	N_COMMAND, 0x4020
	.equ	N_MAC, 0x4030
	.equ	SR_IM3, 0x800

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"dev-net-rx\n"
	SETVAR	T_GENH, net_handler
	li	$s0, NET
	lbu	$t0, N_MAC+5($s0)		# default MAC 02:00:00:00:00:01
	nop
	CHECK	$t0, 1, 1
	li	$t0, (SR_IM3 | SR_IEC)
	mtc0	$t0, c0_sr
	nop
	nop
	# wait (bounded) until the handler has seen 3 frames: T_X0 = frames, T_X1 = sum of lengths,
	# T_X2 = sum of source MAC low bytes, T_X3 = interrupts taken
	li	$t7, 100000
wait:	lui	$t8, 0x8000
	lw	$t9, 0x200+T_X0($t8)
	addiu	$t7, $t7, -1
	beqz	$t7, timeout
	li	$t8, 3
	bne	$t9, $t8, wait
	nop
	mtc0	$zero, c0_sr
	nop
	lui	$t8, 0x8000
	lw	$t1, 0x200+T_X1($t8)
	lw	$t2, 0x200+T_X2($t8)
	lw	$t3, 0x200+T_X3($t8)
	SHOW	"bytes=", $t1
	SHOW	"macs=", $t2
	SHOW	"irqs=", $t3
	CHECK	$t1, 18+16+20, 2		# 14-byte headers + 4, 2 and 6 bytes
	CHECK	$t2, 2+3+4, 3
	CHECK	$t3, 2, 4			# one interrupt for the pair, one for the third
	lw	$t4, N_STATUS($s0)		# nothing left
	nop
	CHECK	$t4, 0, 5
	PASS
timeout:
	FAIL	90

# Takes every waiting frame: loop { RX; STATUS bit 0 clear -> done; count it }.
net_handler:
	lui	$k1, 0x8000
	lw	$k0, 0x200+T_X3($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, 0x200+T_X3($k1)
	lui	$k1, 0xb400
rx:	sw	$zero, N_COMMAND($k1)		# RX
	lw	$k0, N_STATUS($k1)
	nop
	andi	$k0, $k0, 1
	beqz	$k0, done
	lui	$k0, 0x8000
	lw	$a0, 0x200+T_X0($k0)		# frames++
	nop
	addiu	$a0, $a0, 1
	sw	$a0, 0x200+T_X0($k0)
	lw	$a0, N_LENGTH($k1)		# bytes += length
	lw	$a1, 0x200+T_X1($k0)
	nop
	addu	$a1, $a1, $a0
	sw	$a1, 0x200+T_X1($k0)
	lbu	$a0, 11($k1)			# source MAC, last byte
	lw	$a1, 0x200+T_X2($k0)
	nop
	addu	$a1, $a1, $a0
	b	rx
	sw	$a1, 0x200+T_X2($k0)
done:	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe
	.include "lib/runtime.inc"
