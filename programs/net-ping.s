# net-ping.s: the client of the UDP-style echo servers (issue 7; paper Table 11: a counter
# ping-ponged between user processes): a receive ring and a filter for UDP port 1025, then
# ROUNDS requests to port 7, each with its sequence number, each waiting for its reply (light
# yields to the server meanwhile) and checking it. The first request carries the number of
# rounds (top half of the sequence field) so the server knows when to stop. Run with a server:
#   exo run --net-loopback programs/net-ping.s programs/net-echo.s
#   exo run --net-loopback programs/net-ping.s programs/net-echo-ash.s
	.include "lib/exo.inc"
	.include "net/udp.inc"
	.equ	RING, 0x00700000
	.equ	ROUNDS, 16
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	la	$a0, reply_filter
	li	$a1, RING
	jal	net_open				# the ring and the filter
	bltz	$v0, fail
	li	$a0, SERVER_ENV				# the server sets up (ring, filter, handler) first
	SYS	SYS_YIELD
	move	$s0, $zero				# rounds done
	move	$s1, $zero				# bad replies
1:	la	$t0, request				# sequence number: round in the low half, ROUNDS in the top
	sh	$s0, UDP_DATA + 2($t0)
	li	$t1, ROUNDS
	sh	$t1, UDP_DATA($t0)
	la	$a0, request
	li	$a1, UDP_FRAME
m_rtt:	jal	net_send
	bltz	$v0, fail
	li	$a0, RING
	la	$a1, reply
	li	$a2, SERVER_ENV
	jal	net_recv_wait
m_rtt_end:
	li	$t0, UDP_FRAME
	bne	$v0, $t0, 2f				# the length
	lhu	$t0, reply + UDP_DATA + 2
	bne	$t0, $s0, 2f				# its sequence number
	lbu	$t0, reply + UDP_DPORT + 1
	li	$t1, CLIENT_PORT & 0xff
	bne	$t0, $t1, 2f				# to our port (the server swapped them)
	lbu	$t0, reply + ETH_TYPE
	beq	$t0, 8, 3f
2:	addiu	$s1, $s1, 1
3:	addiu	$s0, $s0, 1
	bne	$s0, ROUNDS, 1b
	LSTR	$a0, "ping: %d round trips, %d bad replies\n"
	move	$a1, $s0
	move	$a2, $s1
	jal	printf
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	move	$v0, $s1
	jr	$ra
fail:	move	$s0, $v0
	LSTR	$a0, "ping: error %d\n"
	move	$a1, $s0
	jal	printf
	li	$a0, 1
	jal	exit

	.data
	UDP_FILTER reply_filter, CLIENT_PORT
	.balign	4
request:
	.byte	0x02, 0x00, 0x00, 0x00, 0x00, 0x01	# to our interface (the loopback)
	.byte	0x02, 0x00, 0x00, 0x00, 0x00, 0x01
	.byte	0x08, 0x00				# IPv4
	.byte	0x45, 0x00, 0x00, 46, 0x00, 0x00, 0x40, 0x00, 64, 17, 0x00, 0x00
	.byte	10, 0, 0, 2, 10, 0, 0, 1
	.byte	CLIENT_PORT >> 8, CLIENT_PORT & 0xff, 0, ECHO_PORT, 0, 26, 0, 0
	.ascii	"SSSSexokernel!!!!!"			# (the first 4: the sequence field)
	.balign	4
reply:	.space	RING_SLOT_MAX
