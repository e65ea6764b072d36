# dev-disk-irq.s: the block device (docs/devices.md, physical 0x13000000) driven through the CPU in
# interrupt mode, on Cause.IP5: write a sector of a pattern, wait for the completion interrupt,
# read it back into the buffer after clearing it, wait again, and compare; then an out-of-range
# sector fails with ERROR=OUT_OF_RANGE and still completes with an interrupt.
# run: --disk @zero:8
	.include "lib/test.inc"

	.equ	DISK, 0xb3000000
	.equ	D_OFFSET, 0x00
	.equ	D_ID, 0x10
	.equ	D_START, 0x20
	.equ	D_STATUS, 0x30
	.equ	D_ERROR, 0x40
	.equ	D_IRQEN, 0x50
	.equ	D_IRQST, 0x60
	.equ	D_SECTORS, 0x70
	.equ	D_BUF, 0x4000
	.equ	SR_IM5, 0x2000

# WAIT_IRQ n: spin until the handler has counted `n` interrupts in T_X2 (bounded: FAIL 90).
.macro	WAIT_IRQ n
	li	$t7, 200000
1:	lui	$t8, 0x8000
	lw	$t9, 0x200+T_X2($t8)
	addiu	$t7, $t7, -1
	beqz	$t7, 2f
	li	$t8, \n
	bne	$t9, $t8, 1b
	nop
	b	3f
	nop
2:	FAIL	90
3:
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"dev-disk-irq\n"
	SETVAR	T_GENH, disk_handler
	li	$s0, DISK
	lw	$t0, D_SECTORS($s0)		# the image has 8 sectors
	nop
	CHECK	$t0, 8, 1
	sw	$zero, D_ID($s0)
	li	$t0, 1
	sw	$t0, D_IRQEN($s0)
	li	$t0, (SR_IM5 | SR_IEC)
	mtc0	$t0, c0_sr
	nop
	nop

	# fill the buffer with i * 0x01010101 + 0x10203 per word, write it to sector 3
	li	$t1, 0
	li	$t2, 0x01010101
	li	$t3, 0
fill:	addu	$t4, $s0, $t1
	sw	$t3, D_BUF($t4)
	addu	$t3, $t3, $t2
	addiu	$t1, $t1, 4
	slti	$t5, $t1, 512
	bnez	$t5, fill
	nop
	li	$t0, 3*512
	sw	$t0, D_OFFSET($s0)
	li	$t0, 1				# write
	sw	$t0, D_START($s0)
	lw	$t1, D_IRQST($s0)		# busy until the completion
	nop
	CHECK	$t1, 2, 2
	WAIT_IRQ 1
	lw	$t1, D_STATUS($s0)
	nop
	CHECK	$t1, 1, 3

	# clear the buffer, read sector 3 back
	li	$t1, 0
clr:	addu	$t4, $s0, $t1
	sw	$zero, D_BUF($t4)
	addiu	$t1, $t1, 4
	slti	$t5, $t1, 512
	bnez	$t5, clr
	nop
	li	$t0, 3*512
	sw	$t0, D_OFFSET($s0)
	sw	$zero, D_START($s0)		# read
	WAIT_IRQ 2
	li	$t1, 0
	li	$t3, 0
cmp:	addu	$t4, $s0, $t1
	lw	$t5, D_BUF($t4)
	nop
	bne	$t5, $t3, bad
	addiu	$t1, $t1, 4
	slti	$t6, $t1, 512
	bnez	$t6, cmp
	addu	$t3, $t3, $t2
	b	good
	nop
bad:	FAIL	4
good:
	# sector 8 is past the end: fails, still interrupts
	li	$t0, 8*512
	sw	$t0, D_OFFSET($s0)
	sw	$zero, D_START($s0)
	WAIT_IRQ 3
	lw	$t1, D_STATUS($s0)
	nop
	CHECK	$t1, 0, 5
	lw	$t1, D_ERROR($s0)
	nop
	CHECK	$t1, 2, 6
	lui	$t8, 0x8000
	lw	$t5, 0x200+T_X1($t8)		# Cause seen by the handler: IP5, ExcCode 0
	nop
	CHECK	$t5, 0x2000, 7
	mtc0	$zero, c0_sr
	PASS

# Counts interrupts in T_X2, records Cause in T_X1, acknowledges the disk and returns to EPC.
disk_handler:
	lui	$k1, 0x8000
	mfc0	$k0, c0_cause
	nop
	sw	$k0, 0x200+T_X1($k1)
	lw	$k0, 0x200+T_X2($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, 0x200+T_X2($k1)
	lui	$k1, 0xb300
	sw	$zero, D_IRQST($k1)		# acknowledge: the line drops
	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe
	.include "lib/runtime.inc"
