# refuse-peer.s: the peer of refuse.s (environment 2): a filter for UDP port 7, then it waits
# until refuse.s is done.
	.include "exo.inc"
	.include "../../../programs/net/udp.inc"
	.equ	RING, 0x00700000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	la	$a0, echo_filter
	li	$a1, RING
	jal	net_open				# the ring and the filter
	bne	$v0, 1, 9f				# (refuse.s counts on id 1)
	li	$a0, CLIENT_ENV
	SYS	SYS_YIELD
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	move	$v0, $zero
	jr	$ra
9:	li	$a0, 1
	jal	exit
	.data
	UDP_FILTER echo_filter, ECHO_PORT
