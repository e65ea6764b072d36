# net.s: the library OS's network interface (docs/exokernel.md §12; issue 7): receive rings,
# packet filters (DPF) and application-specific handlers (ASH) over the kernel's net_* calls.
#
# Functions follow o32: arguments a0-a3, results v0 (v1 where stated); a*, t*, v* are
# clobbered; s0-s8, gp, sp are preserved. Errors are the kernel's codes (v0 < 0).
#
#   net_ring_new(va)              -> v0 = va: a fresh page of ours, zeroed, mapped writable at va
#                                    (vm_map_new), to be a receive ring (exo.inc RING_*)
#   net_open(filter, ring)        -> v0 = filter id: net_ring_new(ring) then net_filter(filter, ring)
#   net_filter(filter, ring)      -> v0 = filter id: frames the filter (DPF binary form at
#                                    `filter`, docs/downloaded-code.md §1.2) accepts go to `ring`
#   net_unfilter(id)              -> v0 = 0
#   net_ash(id, code, nwords)     -> v0 = 0: the handler at `code` (R3000 words, within one page,
#                                    docs/downloaded-code.md §2) runs in the kernel on each frame
#                                    filter `id` accepts, instead of the frame going to the ring
#   net_recv(ring, buf)           -> v0 = the next frame's length, copied to buf (RING_SLOT_MAX
#                                    bytes at most), or -1 when the ring is empty
#   net_recv_wait(ring, buf, peer) -> v0 = length: net_recv, light-yielding to environment `peer`
#                                    while it is empty (0, or a peer that is gone: yield(-1), the
#                                    next slice's owner)
#   net_send(frame, len)          -> v0 = 0: transmits len bytes at frame (word aligned)
#
# (Assembled in reorder mode: an instruction after a branch or jal is not in its delay slot.)
# The kernel translates the addresses it is given through the TLB, the STLB or a guaranteed
# mapping only (docs/exokernel.md §7), so each function touches its pages first (a store for
# the ring, which must be writable), and the miss handler maps them back if they were evicted.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.data
	.balign	4
net_peer:	.word	0				# net_recv_wait's peer (YIELD_LIGHT reads it)
	.text

	.globl	net_ring_new
net_ring_new:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a0, 16($sp)
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, 1f
	lw	$v0, 16($sp)
1:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

	.globl	net_open
net_open:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$a0, 24($sp)
	sw	$a1, 20($sp)
	move	$a0, $a1
	jal	net_ring_new
	bltz	$v0, 1f
	lw	$a0, 24($sp)
	lw	$a1, 20($sp)
	jal	net_filter
1:	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

	.globl	net_filter
net_filter:
	lw	$t0, 0($a0)				# touch: the filter's page
	lw	$t0, RING_DROPS($a1)			# and the ring's, writable (a first write
	sw	$t0, RING_DROPS($a1)			# marks it dirty: D = 1)
	SYS	SYS_NET_FILTER
	jr	$ra

	.globl	net_unfilter
net_unfilter:
	SYS	SYS_NET_UNFILTER
	jr	$ra

	.globl	net_ash
net_ash:
	lw	$t0, 0($a1)				# touch the code's page
	SYS	SYS_NET_ASH
	jr	$ra

	.globl	net_send
net_send:
	lw	$t0, 0($a0)				# touch the first and the last word's pages
	addu	$t1, $a0, $a1
	addiu	$t1, $t1, -1
	srl	$t1, $t1, 2
	sll	$t1, $t1, 2
	lw	$t0, 0($t1)
	SYS	SYS_NET_SEND
	jr	$ra

	.globl	net_recv
net_recv:
	lw	$t0, RING_HEAD($a0)
	lw	$t1, RING_TAIL($a0)
	li	$v0, -1
	beq	$t0, $t1, 9f				# empty
	andi	$t2, $t1, RING_NSLOT - 1
	sll	$t3, $t2, 9
	sll	$t2, $t2, 6
	subu	$t2, $t3, $t2				# index x RING_SLOT (448)
	addu	$t2, $t2, $a0
	addiu	$t2, $t2, RING_SLOTS			# the slot: {length, frame}
	lw	$v0, 0($t2)
	addiu	$t3, $v0, 3
	srl	$t3, $t3, 2
	sll	$t3, $t3, 2
	addu	$t3, $t3, $a1				# the end in buf
	move	$t4, $a1
1:	beq	$t4, $t3, 2f
	lw	$t5, 4($t2)
	sw	$t5, 0($t4)
	addiu	$t2, $t2, 4
	addiu	$t4, $t4, 4
	b	1b
2:	addiu	$t1, $t1, 1
	sw	$t1, RING_TAIL($a0)			# taken (after the bytes were copied)
9:	jr	$ra

	.globl	net_recv_wait
net_recv_wait:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	sw	$a2, net_peer
1:	move	$a0, $s0
	move	$a1, $s1
	jal	net_recv
	bgez	$v0, 9f
	beqz	$s2, 2f
	YIELD_LIGHT net_peer				# keeps s0-s8, sp, ra
	bgez	$v0, 1b
2:	li	$a0, -1					# no peer (or it is gone): the next slice
	SYS	SYS_YIELD
	b	1b
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	addiu	$sp, $sp, 32
	jr	$ra
