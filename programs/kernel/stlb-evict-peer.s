# stlb-evict-peer.s: the peer of stlb-evict.s (environment index 2, ASID 16), whose colliding
# pages evict this program's text (VPN 0x400-0x40f: every page text can have before .data at 0x410), data (0x410-0x41f) and stack (0x7fffb-
# 0x7fffe) from the STLB between our turns (the table is in stlb-evict.s). Each pass increments
# a .data word, keeps a word on the stack across the yield, and yields to the other; it stops
# when the other has exited (yield: ENOENT). Its text, data and stack come back through crt0's
# upcalls (counted), and the data must stay right.
# part-of: stlb-evict
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	MAXPASSES, 100
	.data
word:	.word	0
	.text
	.globl	main
main:
	PEER_ID	$a0, 1
	SYS	SYS_YIELD				# crt0 has run: back to the other
	# We must lie in the pages the other evicts (a change of crt0's size could move us).
	la	$t0, peer_rodata_end
	sltu	$t0, $t0, 0x00410000
	CHECK	$t0, 1, "stlb-evict-peer: text and rodata below 0x00410000"
	la	$t0, word
	srl	$t0, $t0, PAGE_SHIFT
	addiu	$t0, $t0, -0x410
	sltiu	$t0, $t0, 16
	CHECK	$t0, 1, "stlb-evict-peer: data in pages 0x410-0x41f"
	la	$t0, peer_data_end
	sltu	$t0, $t0, 0x00420000
	CHECK	$t0, 1, "stlb-evict-peer: data below 0x00420000"
	lw	$s4, EXO_SCRATCH + EXO_S_NMISS($zero)
	PEER_ID	$s5, 1
	li	$s2, 0					# passes
	li	$s3, 0					# stack words that came back wrong
	addiu	$sp, $sp, -16
1:	lw	$t0, word
	addiu	$t0, $t0, 1
	sw	$t0, word
	xori	$t1, $s2, 0x5a5a
	sw	$t1, 4($sp)
	move	$a0, $s5
	SYS	SYS_YIELD
	bnez	$v0, 2f					# the other has exited
	lw	$t2, 4($sp)
	xori	$t1, $s2, 0x5a5a
	beq	$t1, $t2, 3f
	addiu	$s3, $s3, 1
3:	addiu	$s2, $s2, 1
	bne	$s2, MAXPASSES, 1b
2:	addiu	$sp, $sp, 16
	CHECK	$v0, ENOENT, "stlb-evict-peer: yield until the other has exited"
	CHECKGE	$s2, 10, "stlb-evict-peer: a pass per pass of the other's"
	addiu	$t1, $s2, 1
	lw	$t0, word
	CHECKR	$t0, $t1, "stlb-evict-peer: its .data word stayed right"
	CHECK	$s3, 0, "stlb-evict-peer: its stack word stayed right"
	lw	$t0, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t0, $t0, $s4
	SHOW	"stlb-evict-peer: upcalls", $t0
	CHECKGE	$t0, 10, "stlb-evict-peer: its text, data and stack came back by upcalls"
	PASS
	.rdata
peer_rodata_end:
	.data
peer_data_end:
