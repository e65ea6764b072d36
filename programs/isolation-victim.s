# isolation-victim.s: the environment programs/isolation.s attacks (run them together, the
# attacker just before us on the command line, so its id is ours minus 1:
#   npx exo run programs/isolation.s programs/isolation-victim.s
# ). We connect to the attacker
# (programs/lib/ipc.s: a page it can see at IPC_VA) and publish what an attacker could learn
# anyway, page numbers but no capability: our text page, our scratch page, our stack page. Then we
# grant it one page of ours on purpose (its capability), take that page back (page_dealloc) when
# it has used it, and at the end check that nothing of ours changed: the secret word in our data,
# our pages' contents, and that we still run.
# The protocol, words at IPC_SHM (exo.inc; ISO_* below, the same in isolation.s):
#   ISO_STATE  1: published  2: the attacker used the granted page  3: we took it back
#              4: the attacker is done  5: we checked ourselves  6: the attacker has read that
#              (then we exit: the shared page is ours and goes with us)
	.include "lib/exo.inc"
	.equ	ISO_STATE, IPC_SHM + 0x00
	.equ	ISO_TEXT_PG, IPC_SHM + 0x04	# our text page (physical page number)
	.equ	ISO_SCRATCH_PG, IPC_SHM + 0x08	# crt0's scratch page of ours
	.equ	ISO_STACK_PG, IPC_SHM + 0x0c	# our top stack page
	.equ	ISO_GRANT_PG, IPC_SHM + 0x10	# the page we grant
	.equ	ISO_GRANT_CAP, IPC_SHM + 0x14	# its capability (rcap = wcap)
	.equ	ISO_VICTIM_OK, IPC_SHM + 0x18	# 1: our self-check passed
	.equ	GRANT_VA, 0x00005000		# where we map the granted page (guaranteed slot 4)
	.equ	GRANT_SLOT, 4
	.equ	GRANT_MARK, 0x600dface		# what the attacker finds in it
	.equ	SECRET, 0x5ec2e7ed
	.text
	.globl	main
main:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	lw	$a0, BOOT_VA + BOOT_ENVID($zero)	# the attacker: loaded just before us
	addiu	$a0, $a0, -1
	jal	ipc_connect
	LSTR	$s7, "ipc_connect"
	bnez	$v0, fail
	lw	$t0, BOOT_VA + BOOT_MAPS + 4($zero)	# the first boot-map record: the lowest va, our text
	srl	$t0, $t0, PAGE_SHIFT
	sw	$t0, ISO_TEXT_PG($zero)
	lw	$t0, EXO_SCRATCH + EXO_S_PAGE($zero)
	sw	$t0, ISO_SCRATCH_PG($zero)
	lw	$t1, BOOT_VA + BOOT_NMAPS($zero)	# the last record: the highest va, the top stack page
	sll	$t1, $t1, 4
	lw	$t0, BOOT_VA + BOOT_MAPS - BOOT_MAP_SIZE + 4($t1)
	srl	$t0, $t0, PAGE_SHIFT
	sw	$t0, ISO_STACK_PG($zero)
	# The granted page: ours, with a capability we hand over, marked.
	jal	vm_cap_new
	move	$s1, $v0
	li	$a0, -1
	move	$a1, $s1
	move	$a2, $s1
	SYS	SYS_PAGE_ALLOC
	LSTR	$s7, "page_alloc"
	bltz	$v0, fail
	move	$s0, $v0
	li	$a0, GRANT_SLOT
	li	$a1, GRANT_VA
	ENTRYLO_OF $a2, $s0, ELO_D | ELO_V
	move	$a3, $s1
	SYS	SYS_GUARANTEE
	LSTR	$s7, "guarantee"
	bnez	$v0, fail
	li	$t0, GRANT_MARK
	sw	$t0, GRANT_VA($zero)
	sw	$s0, ISO_GRANT_PG($zero)
	sw	$s1, ISO_GRANT_CAP($zero)
	li	$t0, 1
	sw	$t0, ISO_STATE($zero)			# published
	li	$a0, ISO_STATE
	li	$a1, 2
	jal	shm_wait
	LSTR	$s7, "waiting for the attacker to use the granted page"
	bnez	$v0, fail
	move	$a0, $s0				# take it back: every mapping of it goes
	move	$a1, $s1
	SYS	SYS_PAGE_DEALLOC
	LSTR	$s7, "page_dealloc"
	bnez	$v0, fail
	li	$t0, 3
	sw	$t0, ISO_STATE($zero)
	li	$a0, ISO_STATE
	li	$a1, 4
	jal	shm_wait
	LSTR	$s7, "waiting for the attacker to finish"
	bnez	$v0, fail
	# Nothing of ours changed: the secret, our text (the instruction at main), and we run.
	lw	$t0, secret
	li	$t1, SECRET
	LSTR	$s7, "the secret word changed"
	bne	$t0, $t1, fail
	la	$t0, main
	lw	$t0, 0($t0)
	lw	$t1, main_word
	LSTR	$s7, "our text changed"
	bne	$t0, $t1, fail
	LSTR	$a0, "isolation-victim %d: secret, text and environment intact\n"
	lw	$a1, BOOT_VA + BOOT_ENVID($zero)
	jal	printf
	li	$t0, 1
	sw	$t0, ISO_VICTIM_OK($zero)
	li	$t0, 5
	sw	$t0, ISO_STATE($zero)
	li	$a0, ISO_STATE				# the attacker reads the shared page (ours: it
	li	$a1, 6					# goes when we do) until it says 6
	jal	shm_wait
	move	$v0, $zero
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# fail: s7 = what failed, v0 = the error.
fail:	move	$a2, $v0
	LSTR	$a0, "isolation-victim: FAIL: %s: %d\n"
	move	$a1, $s7
	jal	printf
	lw	$t0, ipc_peer				# connected: tell the attacker (ISO_VICTIM_OK is 0)
	beqz	$t0, 1f
	li	$t0, 5
	sw	$t0, ISO_STATE($zero)
1:	li	$a0, 1
	jal	exit

	.data
	.balign	4
secret:		.word	SECRET
main_word:	.word	0x27bdffe8		# addiu sp, sp, -24: main's first instruction
