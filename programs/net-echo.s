# net-echo.s: a UDP-style echo server at user level (issue 7; paper Table 11's "ExOS" row): a
# receive ring, a packet filter for UDP port 7, and a loop that takes each frame from the ring,
# swaps its addresses and ports and sends it back. Run with its client:
#   exo run --net-loopback programs/net-ping.s programs/net-echo.s
# It serves the number of requests the first one announces (its sequence number field holds
# the count in its top half), then exits.
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
	move	$s0, $zero				# requests served
	li	$s1, 1					# requests to serve (the first says how many)
1:	li	$a0, RING
	la	$a1, frame
	li	$a2, CLIENT_ENV
	jal	net_recv_wait
	move	$s2, $v0				# its length
	bnez	$s0, 2f
	lhu	$t0, frame + UDP_DATA			# the first: how many
	move	$s1, $t0
2:	la	$a0, frame
	jal	udp_swap				# the reply: addresses and ports swapped
	la	$a0, frame
	move	$a1, $s2
m_echo_send:
	jal	net_send
	bltz	$v0, fail
	addiu	$s0, $s0, 1
	bne	$s0, $s1, 1b
	LSTR	$a0, "echo: served %d requests at user level\n"
	move	$a1, $s0
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

# udp_swap(a0 = frame): swaps the Ethernet addresses, the IP addresses and the UDP ports.
	.globl	udp_swap
udp_swap:
	li	$t0, 0
1:	addu	$t1, $a0, $t0
	lhu	$t2, ETH_DST($t1)
	lhu	$t3, ETH_SRC($t1)
	sh	$t3, ETH_DST($t1)
	sh	$t2, ETH_SRC($t1)
	addiu	$t0, $t0, 2
	bne	$t0, 6, 1b
	lhu	$t2, IP_SRC($a0)
	lhu	$t3, IP_DST($a0)
	sh	$t3, IP_SRC($a0)
	sh	$t2, IP_DST($a0)
	lhu	$t2, IP_SRC + 2($a0)
	lhu	$t3, IP_DST + 2($a0)
	sh	$t3, IP_SRC + 2($a0)
	sh	$t2, IP_DST + 2($a0)
	lhu	$t2, UDP_SPORT($a0)
	lhu	$t3, UDP_DPORT($a0)
	sh	$t3, UDP_SPORT($a0)
	sh	$t2, UDP_DPORT($a0)
	jr	$ra

	.data
	UDP_FILTER echo_filter, ECHO_PORT
	.balign	4
frame:	.space	RING_SLOT_MAX
