# .set noreorder: bytes exactly as written (we warn about each hazard left in).
# branch delay slots, labels between a load and its use, data and alignment after a hazard.
	.text
	.globl	__start
__start:
	.set	noreorder
	lw	$t0, 0($t1)
	addu	$t2, $t0, $t0
	lw	$t0, 0($t1)
	addu	$t2, $t3, $t4
	lb	$t0, 0($t1)
	nop
	addu	$t0, $t0, $t0
	lbu	$t0, 1($t1)
lab1:	addu	$t2, $t0, $t0
	lh	$t0, 2($t1)
	beq	$t0, $zero, lab1
	lhu	$t0, 2($t1)
	jr	$t0
	lwl	$t0, 3($t1)
	lwr	$t0, 0($t1)
	sw	$t0, 0($t1)
	mfhi	$t0
	mult	$t1, $t2
	mflo	$t0
	addu	$t3, $t3, $t3
	div	$zero, $t1, $t2
	mfhi	$t0
	addu	$t3, $t3, $t3
	addu	$t3, $t3, $t3
	mthi	$t1
	mflo	$t0
	mtlo	$t0
	mfc0	$t0, $12
	mtc0	$t0, $12
	mfc0	$t1, $12
	cfc0	$t0, $3
	ctc0	$t0, $3
	bc0t	lab1
	mtc2	$t0, $5
	mfc2	$t1, $5
	ctc2	$t0, $5
	cfc2	$t0, $5
	lwc2	$5, 0($t0)
	swc2	$5, 0($t0)
	mtc1	$t0, $f0
	mfc1	$t1, $f0
	c2	0x55
	bc2f	lab1
	mtc3	$t0, $1
	c3	1
	tlbr
	tlbwi
	tlbwr
	tlbp
	rfe
	lw	$t0, 0($t1)
	.word	0x12345678
	mfhi	$t0
	.align	3
	lw	$t0, 4($t1)
lab2:
	.half	1, 2
	mflo	$t1
	.set	noreorder
	addu	$t0, $t0, $t0
	lw	$t0, 0($t1)
	b	lab2
	jal	lab1
	bal	lab1
	jalr	$t0
	bltzal	$t0, lab1
	bgezal	$t0, lab1
	j	lab2
	lw	$ra, 0($sp)
	jr	$ra
	.data
	.word	1
	.text
	lw	$t0, 0($t1)
	.data
	.word	2
	.text
	mfhi	$t0
	.section .text.tail, "ax"
	lw	$t0, 0($t1)
	.text
	addu	$t0, $t0, $t0
	lw	$t0, 0($t1)
