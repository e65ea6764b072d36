# revoke-reserve-peer.s: environment 2 of revoke-reserve.s (see there). It never returns from
# main: once its pages are taken, the kernel resumes it in its repossession handler.
# part-of: revoke-reserve
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	PEERW, TEST_VARS + 0x00
	.equ	AREA_OFF, 0x800
	.equ	STUB, EXO_SCRATCH + 0x900		# the repossession handler, copied here
	.equ	MSG, EXO_SCRATCH + 0xa00
	.text
	.globl	main
main:
	PRINT	"reserve-peer\n"
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, AREA_OFF
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "reserve-peer: the area"
	la	$t0, stub				# the handler and its message into the scratch page
	la	$t1, stub_end
	li	$t2, STUB
1:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t2)
	addiu	$t2, $t2, 4
	bne	$t0, $t1, 1b
	la	$t0, msg
	la	$t1, msg_end
	li	$t2, MSG
2:	lbu	$t3, 0($t0)
	addiu	$t0, $t0, 1
	sb	$t3, 0($t2)
	addiu	$t2, $t2, 1
	bne	$t0, $t1, 2b
	li	$a0, RV_OP_REPOSSESS
	li	$a1, STUB
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "reserve-peer: the repossession handler"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_RESERVE
	SYS	SYS_REVOKE_CTL
	move	$s2, $v0
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REVOCABLE
	SYS	SYS_REVOKE_CTL
	move	$a3, $v0
	move	$t2, $s2
	lw	$a2, BOOT_VA + BOOT_ENVCAP($zero)
	PEER_ID	$t0, 1
	sw	$t0, PEERW($zero)
	li	$t3, 0x3e55a6e5				# revoke-reserve.s MAGIC
	YIELD_LIGHT PEERW
3:	YIELD_LIGHT PEERW				# (our slice may resume us before the request:
	b	3b					# the requester's turn; after it, the kernel
						# resumes us in the repossession handler)

# Copied to STUB: position independent, only pinned addresses.
	.set	noreorder
stub:
	li	$a0, MSG
	li	$a1, msg_end - msg
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
1:	b	1b
	nop
stub_end:
	.set	reorder
	.rdata
msg:	.ascii	"reserve-peer: repossession handler running from its reserve\n"
msg_end:
