# bench/net/classify.s: paper Table 7, the packet filter's classification time: NF TCP/IP filters
# (u16@12 == 0x0800 && u8@23 == 6 && u16@36 == 7000 + i; classify10.s: NF = 10), one receive
# ring, and ROUNDS rounds of NF frames, one to each filter, sent to ourselves through the
# loopback (exo run --net-loopback) and taken back from the ring, checked. bench/net.ts measures
# the kernel's call of the classifier (knet.s net_dpf_call .. net_dpf_ret) for each frame and
# averages the last round.
	.include "../../programs/lib/exo.inc"
	.ifndef	NF
	.equ	NF, 1
	.endif
	.equ	ROUNDS, 3
	.equ	RING, 0x00700000
	.equ	FILTERS, 0x00710000			# NF filters (a fresh page)
	.equ	PORT0, 7000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	li	$a0, RING
	jal	net_ring_new
	bltz	$v0, fail
	li	$a0, FILTERS
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, fail
	li	$s0, 0					# the filters: the same three atoms, port 7000 + i
1:	li	$t0, FILTERS
	sll	$t1, $s0, 6				# 52 bytes each: 64 apart
	addu	$s1, $t0, $t1
	li	$t0, 3
	sw	$t0, 0($s1)
	li	$t0, ETH_TYPE
	sw	$t0, 4($s1)
	li	$t0, 2
	sw	$t0, 8($s1)
	li	$t0, 0xffff
	sw	$t0, 12($s1)
	li	$t0, 0x0800
	sw	$t0, 16($s1)
	li	$t0, IP_PROTO
	sw	$t0, 20($s1)
	li	$t0, 1
	sw	$t0, 24($s1)
	li	$t0, 0xff
	sw	$t0, 28($s1)
	li	$t0, 6					# TCP
	sw	$t0, 32($s1)
	li	$t0, UDP_DPORT				# (the destination port: the same offset in TCP)
	sw	$t0, 36($s1)
	li	$t0, 2
	sw	$t0, 40($s1)
	li	$t0, 0xffff
	sw	$t0, 44($s1)
	addiu	$t0, $s0, PORT0
	sw	$t0, 48($s1)
	move	$a0, $s1
	li	$a1, RING
	jal	net_filter
	bltz	$v0, fail
	addiu	$s0, $s0, 1
	bne	$s0, NF, 1b
	li	$s2, 0					# rounds
2:	li	$s0, 0
3:	addiu	$t0, $s0, PORT0				# the frame to filter i: big-endian port
	srl	$t1, $t0, 8
	sb	$t1, frame + UDP_DPORT
	sb	$t0, frame + UDP_DPORT + 1
	la	$a0, frame
	li	$a1, 60
	jal	net_send
	bltz	$v0, fail
	li	$a0, RING
	la	$a1, got
	jal	net_recv				# the frame came back through the loopback
	li	$t0, 60
	bne	$v0, $t0, bad
	lbu	$t0, got + UDP_DPORT + 1
	addiu	$t1, $s0, PORT0
	andi	$t1, $t1, 0xff
	bne	$t0, $t1, bad
	addiu	$s0, $s0, 1
	bne	$s0, NF, 3b
	addiu	$s2, $s2, 1
	bne	$s2, ROUNDS, 2b
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	move	$v0, $zero
	jr	$ra
bad:	li	$v0, -100
fail:	move	$a0, $v0
	jal	exo_putdec
	li	$a0, 1
	jal	exit

	.data
	.balign	4
frame:	.byte	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00
	.byte	0x45, 0x00, 0x00, 46, 0x00, 0x00, 0x40, 0x00, 64, 6, 0x00, 0x00
	.byte	10, 0, 0, 2, 10, 0, 0, 1
	.byte	0x10, 0x00, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0x20, 0x00, 0, 0, 0, 0
	.space	6
	.balign	4
got:	.space	RING_SLOT_MAX
