# revoke-req.s: the requester of test/libos/revoke.test.ts (environment 1). It light-yields to
# environment 2, which sets itself up and light-yields back with, in registers (the message),
# its environment capability (a2), the pages to ask for (a3), the deadline (t1) and MAGIC (t2:
# the message is there; if our own slice resumes us first, we yield again). It asks
# (page_revoke): it continues once the dialogue is over, with v0 = the pages the kernel now has
# back. Then it lets the peer run to its end.
	.include "exo.inc"
	.equ	PEER, EXO_SCRATCH + 0x400		# the peer's id (YIELD_LIGHT reads it there)
	.equ	MAGIC, 0x3e55a6e5			# t2 of the peer's message
	.text
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	PRINT	"requester\n"
	lw	$t0, BOOT_VA + BOOT_ENVID($zero)
	srl	$t0, $t0, 6
	sll	$t0, $t0, 6
	ori	$t0, $t0, 2
	sw	$t0, PEER($zero)
1:	YIELD_LIGHT PEER				# until the peer's message comes (our slice may
	li	$t0, MAGIC				# resume us first: then our own registers)
	bne	$t2, $t0, 1b
	CHECK	$v0, 0, "requester: the peer yielded back"
	move	$s0, $a2				# its capability
	move	$s1, $a3				# pages to ask for
	move	$s2, $t1				# the deadline
	lw	$a0, PEER($zero)
	move	$a1, $s0
	move	$a2, $s1
	move	$a3, $s2
	SYS	SYS_PAGE_REVOKE
	move	$s3, $v0
	PRINT	"requester: the dialogue is over\n"
	CHECKR	$s3, $s1, "requester: page_revoke gives back the pages asked"
	lw	$a0, PEER($zero)
	addiu	$a1, $s0, 1
	li	$a2, 1
	li	$a3, 0
	SYS	SYS_PAGE_REVOKE
	CHECK	$v0, ECAP, "requester: a wrong capability is refused"
	YIELD_LIGHT PEER				# the peer checks itself and exits
	PRINT	"requester: done\n"
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	move	$v0, $zero
	jr	$ra
