# net-echo-ash.s: the UDP-style echo served by an application-specific handler (issue 7; paper
# Table 11's "ExOS/ASH" row): the same ring and filter as net-echo.s, plus echo_ash downloaded
# into the kernel (net_ash), which answers each request in the kernel as the frame arrives,
# whether this environment runs or not. It counts its replies in the ring's receive buffer;
# this program only waits until they are all sent. Run with its client:
#   exo run --net-loopback programs/net-ping.s programs/net-echo-ash.s
	.include "lib/exo.inc"
	.include "net/udp.inc"
	.equ	RING, 0x00700000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	la	$a0, echo_filter
	li	$a1, RING
	jal	net_open				# the ring and the filter
	bltz	$v0, fail
	move	$a0, $v0
	la	$a1, echo_ash
	li	$a2, (echo_ash_end - echo_ash) / 4
	jal	net_ash
	bltz	$v0, fail
	# Wait until the handler has answered every request: the first one's data says how many;
	# the handler keeps the count of replies it sent in its receive buffer (RING_ASHBUF).
	li	$s0, RING
1:	lw	$t0, RING_ASH($s0)			# frames the handler delivered (one per request)
	beqz	$t0, 2f
	lhu	$t1, RING_ASHBUF + 4($s0)		# how many requests there will be
	beq	$t0, $t1, 3f
2:	li	$a0, CLIENT_ENV
	SYS	SYS_YIELD				# (the client's turn: the handler needs no help)
	b	1b
3:	LSTR	$a0, "echo: %d requests answered by the handler in the kernel\n"
	lw	$a1, RING_ASH($s0)
	jal	printf
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	move	$v0, $zero
	jr	$ra
fail:	move	$s0, $v0
	LSTR	$a0, "echo: error %d\n"
	move	$a1, $s0
	jal	printf
	li	$a0, 1
	jal	exit

# echo_ash: the handler (docs/downloaded-code.md §2): a0 = the frame (read only), a1 = its length,
# a2 = our receive buffer (the ring's RING_ASHBUF), a3 = the reply buffer; -> v0 = bytes to send,
# v1 = bytes left in the receive buffer. Copies the frame into the reply with the Ethernet and IP
# addresses and the UDP ports swapped, and keeps {replies sent, the request's count field} in
# the receive buffer. Uses only v0, v1, a0-a3, t0-t7, as the verifier requires.
	.set	noreorder
	.balign	4
echo_ash:
	move	$t5, $a0				# the copy, word by word, moving a0 and a3 (the
	move	$t6, $a3				# verifier wants them as the base registers)
	move	$t0, $zero
1:	lw	$t2, 0($a0)
	addiu	$a0, $a0, 4
	addiu	$t0, $t0, 4
	sltu	$t4, $t0, $a1
	sw	$t2, 0($a3)
	bnez	$t4, 1b
	addiu	$a3, $a3, 4
	move	$a0, $t5
	move	$a3, $t6
	lhu	$t1, ETH_SRC($a0)			# the swaps, from the frame
	lhu	$t2, ETH_SRC + 2($a0)
	lhu	$t3, ETH_SRC + 4($a0)
	sh	$t1, ETH_DST($a3)
	sh	$t2, ETH_DST + 2($a3)
	sh	$t3, ETH_DST + 4($a3)
	lhu	$t1, ETH_DST($a0)
	lhu	$t2, ETH_DST + 2($a0)
	lhu	$t3, ETH_DST + 4($a0)
	sh	$t1, ETH_SRC($a3)
	sh	$t2, ETH_SRC + 2($a3)
	sh	$t3, ETH_SRC + 4($a3)
	lhu	$t1, IP_SRC($a0)
	lhu	$t2, IP_SRC + 2($a0)
	lhu	$t3, IP_DST($a0)
	lhu	$t4, IP_DST + 2($a0)
	sh	$t1, IP_DST($a3)
	sh	$t2, IP_DST + 2($a3)
	sh	$t3, IP_SRC($a3)
	sh	$t4, IP_SRC + 2($a3)
	lhu	$t1, UDP_SPORT($a0)
	lhu	$t2, UDP_DPORT($a0)
	sh	$t1, UDP_DPORT($a3)
	sh	$t2, UDP_SPORT($a3)
	lw	$t1, 0($a2)				# replies sent
	lhu	$t2, UDP_DATA($a0)			# the count field
	addiu	$t1, $t1, 1
	sw	$t1, 0($a2)
	sw	$t2, 4($a2)
	move	$v0, $a1				# reply: the whole frame
	jr	$ra
	li	$v1, 8					# delivered: the two words
echo_ash_end:
	.set	reorder

	.data
	UDP_FILTER echo_filter, ECHO_PORT
