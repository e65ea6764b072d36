# revoke-peer.s: the target of test/libos/revoke.test.ts (environment 2), with revoke.s's
# handlers. Six heap pages from vm_map_new, the first four written (dirty), the last two clean.
# It light-yields its capability to the requester (environment 1, revoke-req.s), which asks for
# two pages. STUBBORN (revoke-stubborn.s): its upcall handler loops instead of revoke.s's, so the
# kernel takes the pages at the deadline and revoke.s's repossession handler repairs the page
# table; otherwise revoke.s's upcall handler gives the two clean pages back before the deadline.
# Either way it keeps running: its page table no longer has the two pages (an access to one
# goes to the program's fault handler: here VM_ACT_SKIP), the other four and their data are
# intact.
	.include "exo.inc"
	.equ	PEER, EXO_SCRATCH + 0x400
	.equ	PFN, EXO_SCRATCH + 0x410		# the six pages' numbers
	.equ	NOTE, EXO_SCRATCH + 0x430		# what the notify function was given: count, how
	.equ	HEAP, 0x00800000
	.ifndef	STUBBORN
	.equ	DEADLINE, 20000				# revoke.s needs about 4300 cycles for two pages (docs §11)
	.else
	.equ	DEADLINE, 0
	.endif
	.text
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	.ifdef	STUBBORN
	PRINT	"stubborn target\n"
	.else
	PRINT	"target\n"
	.endif
	jal	revoke_init
	CHECK	$v0, 0, "revoke_init"
	la	$a0, note
	jal	revoke_set_notify
	.ifdef	STUBBORN
	li	$a0, RV_OP_UPCALL			# ignore the request: loop
	la	$a1, upcall_loop
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "an upcall handler that never answers"
	.endif
	li	$a0, VM_ACT_SKIP
	jal	vm_set_fault_action
	li	$s0, 0
1:	sll	$a0, $s0, PAGE_SHIFT
	li	$t0, HEAP
	addu	$a0, $a0, $t0
	li	$a1, 1
	jal	vm_map_new
	bltz	$v0, map_failed
	sll	$t0, $s0, 2
	sw	$v0, PFN($t0)
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 6
	bnez	$t0, 1b
	li	$s0, 0					# pages 0-3 written
2:	sll	$t0, $s0, PAGE_SHIFT
	li	$t1, HEAP
	addu	$t0, $t0, $t1
	addiu	$t1, $s0, 0x100
	sw	$t1, 0($t0)
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 4
	bnez	$t0, 2b
	jal	vm_count
	move	$s5, $v0
	lw	$t0, BOOT_VA + BOOT_ENVID($zero)	# the requester is environment 1
	srl	$t0, $t0, 6
	sll	$t0, $t0, 6
	ori	$t0, $t0, 1
	sw	$t0, PEER($zero)
	lw	$a2, BOOT_VA + BOOT_ENVCAP($zero)	# the message: capability, pages, deadline
	li	$a3, 2
	li	$t1, DEADLINE
	li	$t2, 0x3e55a6e5				# revoke-req.s MAGIC: this is the message
	YIELD_LIGHT PEER
4:	li	$a0, RV_OP_INFO				# our slice may resume us before the request:
	li	$a1, RV_I_UPCALLS			# wait for it (the requester's turn again)
	SYS	SYS_REVOKE_CTL
	bnez	$v0, 5f
	YIELD_LIGHT PEER
	b	4b
5:
	.ifdef	STUBBORN
	PRINT	"stubborn target: kept running\n"
	.else
	PRINT	"target: after the revocation\n"
	.endif
	jal	revoke_stats
	move	$s1, $v1
	.ifdef	STUBBORN
	CHECK	$v0, 0, "the upcall handler returned nothing"
	CHECK	$s1, 2, "two page-table records repaired after the repossession"
	lw	$s2, NOTE + 0($zero)
	CHECK	$s2, 2, "notify: two pages repossessed"
	lw	$s2, NOTE + 4($zero)
	CHECK	$s2, RV_HOW_DEADLINE, "notify: at the deadline"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_REPOSSESSED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 2, "kernel: two pages repossessed"
	.else
	CHECK	$v0, 2, "the upcall handler returned two pages"
	CHECK	$s1, 0, "nothing repaired (nothing repossessed)"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_RETURNED
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 2, "kernel: two pages returned"
	li	$a0, RV_OP_INFO
	li	$a1, RV_I_EXCEPTIONS
	SYS	SYS_REVOKE_CTL
	CHECK	$v0, 0, "kernel: no repossession exception"
	.endif
	jal	vm_count
	subu	$v0, $s5, $v0
	CHECK	$v0, 2, "two records fewer in the page table"
	li	$a0, HEAP + 5 * PAGE_SIZE
	jal	vm_lookup
	CHECK	$v0, 0, "the last page is gone from the table"
	li	$a0, HEAP + 4 * PAGE_SIZE
	jal	vm_lookup
	CHECK	$v0, 0, "and the one before"
	li	$s0, 0					# the written ones are intact
3:	sll	$a0, $s0, PAGE_SHIFT
	li	$t0, HEAP
	addu	$s6, $a0, $t0
	move	$a0, $s6
	jal	vm_lookup
	srl	$v0, $v0, PAGE_SHIFT
	sll	$t0, $s0, 2
	lw	$t0, PFN($t0)
	CHECKR	$v0, $t0, "a written page is still mapped to its page"
	lw	$s7, 0($s6)
	addiu	$t0, $s0, 0x100
	CHECKR	$s7, $t0, "and holds its data"
	addiu	$s0, $s0, 1
	sltiu	$t0, $s0, 4
	bnez	$t0, 3b
	jal	vm_fault_count
	move	$s2, $v0
	li	$t0, HEAP + 5 * PAGE_SIZE
	lw	$t1, 0($t0)				# faults: the handler skips it
	jal	vm_fault_count
	subu	$v0, $v0, $s2
	CHECK	$v0, 1, "an access to a lost page goes to the program's fault handler"
	PASS

map_failed:
	FAIL	"vm_map_new"

# revoke_set_notify's function: fn(count, how).
note:
	sw	$a0, NOTE + 0($zero)
	sw	$a1, NOTE + 4($zero)
	.ifdef	STUBBORN
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	PRINT	"stubborn target: repossession exception\n"
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	.endif
	jr	$ra

	.ifdef	STUBBORN
upcall_loop:
	b	upcall_loop
	.endif
