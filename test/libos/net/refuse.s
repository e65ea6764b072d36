# refuse.s (environment 1) with refuse-peer.s (environment 2): the network calls' refusals and
# the ring's limits. The peer has installed a filter for UDP port 7 before we run.
	.include "exo.inc"
	.include "../../../programs/net/udp.inc"
	.equ	RING, 0x00700000
	.equ	OTHER, 0x00710000
	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	li	$a0, SERVER_ENV				# the peer installs its filter first
	SYS	SYS_YIELD
	li	$a0, RING
	jal	net_ring_new
	CHECKGE	$v0, 1, "a ring"
	la	$a0, same_as_peer
	li	$a1, RING
	jal	net_filter
	CHECK	$v0, -23, "a filter that accepts the peer's frames: DPF_EOVERLAP"
	la	$a0, no_atoms
	li	$a1, RING
	jal	net_filter
	CHECK	$v0, -16, "a filter with no atom: DPF_ECOUNT"
	la	$a0, bad_op
	li	$a1, RING
	jal	net_filter
	CHECK	$v0, -19, "an unknown comparison: DPF_EOP"
	la	$a0, mine
	li	$a1, RING + 4
	SYS	SYS_NET_FILTER
	CHECK	$v0, EINVAL, "a ring that is not a page"
	la	$a0, mine
	li	$a1, 0x00720000
	SYS	SYS_NET_FILTER
	CHECK	$v0, EFAULT, "a ring that is not mapped"
	la	$a0, mine
	li	$a1, RING
	jal	net_filter
	CHECKGE	$v0, 1, "our own port: a filter id"
	move	$s0, $v0
	move	$a0, $s0
	la	$a1, bad_ash
	li	$a2, (bad_ash_end - bad_ash) / 4
	jal	net_ash
	CHECK	$v0, EINVAL, "a handler with a privileged instruction"
	li	$a0, 999
	la	$a1, bad_ash
	li	$a2, 1
	jal	net_ash
	CHECK	$v0, ENOENT, "a handler for no filter"
	lw	$a0, peer_filter
	la	$a1, bad_ash
	li	$a2, 1
	jal	net_ash
	CHECK	$v0, EPERM, "a handler for the peer's filter"
	lw	$a0, peer_filter
	jal	net_unfilter
	CHECK	$v0, EPERM, "removing the peer's filter"
	li	$a0, 999
	jal	net_unfilter
	CHECK	$v0, ENOENT, "removing no filter"
	la	$a0, frame
	li	$a1, 0
	SYS	SYS_NET_SEND
	CHECK	$v0, EINVAL, "sending 0 bytes"
	la	$a0, frame
	li	$a1, NET_FRAME_MAX + 1
	SYS	SYS_NET_SEND
	CHECK	$v0, EINVAL, "sending more than NET_FRAME_MAX"
	la	$a0, frame + 2
	li	$a1, 60
	SYS	SYS_NET_SEND
	CHECK	$v0, EINVAL, "sending from an unaligned address"
	# The ring holds RING_NSLOT frames: the ninth, sent before we take any, is dropped.
	li	$s1, 0
1:	la	$a0, frame
	li	$a1, 60
	jal	net_send
	addiu	$s1, $s1, 1
	bne	$s1, RING_NSLOT + 1, 1b
	li	$t0, RING
	lw	$t1, RING_HEAD($t0)
	CHECK	$t1, RING_NSLOT, "eight frames in the ring"
	li	$t0, RING
	lw	$t1, RING_DROPS($t0)
	CHECK	$t1, 1, "the ninth dropped"
	li	$s1, 0
2:	li	$a0, RING
	la	$a1, got
	jal	net_recv
	bne	$v0, 60, 3f
	addiu	$s1, $s1, 1
	b	2b
3:	CHECK	$v0, -1, "then empty"
	CHECK	$s1, RING_NSLOT, "eight 60-byte frames taken"
	# Removing our filter: our frames are no longer ours (unmatched).
	move	$a0, $s0
	jal	net_unfilter
	CHECK	$v0, 0, "removing our filter"
	la	$a0, frame
	li	$a1, 60
	jal	net_send
	li	$t0, RING
	lw	$t1, RING_HEAD($t0)
	CHECK	$t1, RING_NSLOT, "no frame after the filter is gone"
	li	$a0, SERVER_ENV				# the peer may finish
	SYS	SYS_YIELD
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	PASS

	.data
	UDP_FILTER same_as_peer, ECHO_PORT
	UDP_FILTER mine, 4000
	.balign	4
no_atoms:	.word	0
bad_op:		.word	1, 12, 2 | (9 << 8), 0xffff, 0x0800
peer_filter:	.word	1				# the peer's first filter (ids count from 1)
	.balign	4
frame:	.byte	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00
	.byte	0x45, 0x00, 0x00, 46, 0x00, 0x00, 0x40, 0x00, 64, 17, 0x00, 0x00
	.byte	10, 0, 0, 2, 10, 0, 0, 1
	.byte	0x10, 0x00, 4000 >> 8, 4000 & 0xff, 0, 26, 0, 0
	.space	18
	.balign	4
got:	.space	RING_SLOT_MAX
	.text
	.set	noreorder
bad_ash:
	mfc0	$v0, $12
	jr	$ra
	nop
bad_ash_end:
	.set	reorder
