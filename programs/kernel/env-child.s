# env-child.s: a library OS starts a child environment from nothing (docs/exokernel.md §4.1,
# §5, §7): env_create; pages the parent allocates; guaranteed mappings set for the child with
# guarantee(child id << 8 | slot): a read-only alias of the text page holding the child's code,
# and a stack page that also carries a mailbox; the child's TLB-miss handlers set with env_set;
# env_start at a pinned PC with a0 = a nonce; slice_alloc gives it its own time slice.
# The child has no boot map and nothing else mapped, so all of its code is position
# independent, in that one pinned page (child_text below), and touches only pinned addresses
# and the page it maps itself.
#
# The child: allocates its own save-area page (env_set FIELD_SAVE wants a page the environment
# owns: the parent's page is refused, EPERM, checked below), guarantees it to itself (by its own
# id, not 0) and makes it its save area; maps the shared page with tlb_write and the capability
# the parent left in the mailbox; sums the words the parent put there; takes the mapping away
# (tlb_delete) so that its next store misses: the miss is dispatched to its handler, which
# rebinds the page through the save area and resumes the store; writes the sum and the nonce back
# into the shared page; tries to guarantee a page into its parent (EPERM: not its creation);
# prints a line; then yields to the parent, counting its turns, until the parent is gone (a
# failed check: then it exits, so that the run ends).
#
# The parent checks every result, yields to the child once more, destroys it with its
# capability, and checks the refusals of guarantee: a wrong page capability (ECAP), a VA another
# of the child's slots maps (EBUSY), an id of the child's slot with another generation, an index
# nobody uses, the destroyed child (ENOENT).
# run: --quantum 20000
# max-cycles: 10000000
# expect: env-child
# expect: child: running in an environment its parent built
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	C, 0x0c41d0e1				# the child's environment capability
	.equ	SCAP, 0x57ac4ca9			# rcap = wcap of the stack/mailbox page
	.equ	HRCAP, 0x54a7ed01			# the shared page's rcap
	.equ	HWCAP, 0x54a7ed02			# ... and wcap (handed to the child)
	.equ	SVCAP, 0x5a5ec4a9			# the child's own save page (its choice)
	.equ	NONCE, 0x6e0cc0de
	.equ	NOTYET, 0x0badbad0			# a result word the child has not written
	.equ	NWORDS, 16				# words the child sums
	# The child's address space (pinned VAs below 0x8000 are reachable off $zero).
	.equ	CH_TEXT, 0x00001000			# guaranteed slot 0: alias of child_text's page
	.equ	CH_STACK, 0x00002000			# slot 1: the stack page, mailbox at its bottom
	.equ	CH_SAVE, 0x00003000			# slot 2: its save area page (it sets it up)
	.equ	CH_SHARED, 0x00600000			# the shared page, by tlb_write (not pinned)
	# Ours: the same two pages, guaranteed at pinned addresses (slots 3 and 4).
	.equ	P_MBOX, EXO_FREE_VA			# 0x4000: the child's stack/mailbox page
	.equ	P_SHARED, EXO_FREE_VA + 0x1000		# 0x5000: the shared page
	# The mailbox (offsets in the stack page). In: written by the parent.
	.equ	MB_ELO, 0x00				# EntryLo of the shared page (D, V)
	.equ	MB_CAP, 0x04				# its wcap
	.equ	MB_PARENT, 0x08				# the parent's id
	# Out: written by the child (NOTYET until then).
	.equ	R_A0, 0x20				# its a0 at the start (env_start's a3)
	.equ	R_ID, 0x24				# getenvid
	.equ	R_ALLOC, 0x28				# page_alloc of its save page
	.equ	R_GUAR, 0x2c				# guarantee of it, by its own id
	.equ	R_SETSAVE, 0x30				# env_set(0, FIELD_SAVE)
	.equ	R_TLBW, 0x34				# tlb_write of the shared page
	.equ	R_DEL, 0x38				# tlb_delete of it
	.equ	R_EPERM, 0x3c				# guarantee into its parent
	.equ	R_PRINT, 0x40				# console_write
	.equ	R_SUM, 0x44				# the sum it computed
	.equ	R_BADVA, 0x48				# what its handler was given
	.equ	R_HERR, 0x4c				# the handler's tlb_write
	.equ	R_DONE, 0x50				# 1: finished
	.equ	R_END, 0x54
	.equ	R_NMISS, 0x60				# its handler's entries (0 at the start)
	.equ	R_TURNS, 0x64				# turns after it finished (0 at the start)
	.equ	H_V0, 0x70				# the handler's register save
	.equ	H_V1, 0x74
	# The shared page.
	.equ	SH_DATA, 0x000				# NWORDS words from the parent
	.equ	SH_SUM, 0x800				# from the child: the sum
	.equ	SH_NONCE, 0x804				# ... its a0
	.equ	SH_MAGIC, 0x808				# ... "CHLD"
	.equ	MAGIC, 0x444c4843
	.text
	.globl	main
main:
	PRINT	"env-child\n"
	li	$a0, C
	SYS	SYS_ENV_CREATE
	CHECKGE	$v0, 2, "env_create"
	move	$s0, $v0				# the child's id
	sll	$s7, $s0, 8				# s7 = its id << 8, the guarantee form
	# The stack/mailbox page and the shared page: ours, mapped for us in slots 3 and 4 (the
	# first by our own id: the explicit form of id 0).
	li	$a0, -1
	li	$a1, SCAP
	li	$a2, SCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc the child's stack page"
	sll	$s1, $v0, PAGE_SHIFT
	ori	$s1, $s1, ELO_D | ELO_V			# s1 = its EntryLo
	li	$a0, -1
	li	$a1, HRCAP
	li	$a2, HWCAP
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc the shared page"
	sll	$s2, $v0, PAGE_SHIFT
	ori	$s2, $s2, ELO_D | ELO_V			# s2 = its EntryLo
	lw	$a0, BOOT_VA + BOOT_ENVID($zero)
	sll	$a0, $a0, 8
	ori	$a0, $a0, EXO_FREE_SLOT
	li	$a1, P_MBOX
	move	$a2, $s1
	li	$a3, SCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "guarantee (our id << 8 | 3): the mailbox page for us"
	li	$a0, EXO_FREE_SLOT + 1
	li	$a1, P_SHARED
	move	$a2, $s2
	li	$a3, HWCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "guarantee (0 << 8 | 4): the shared page for us"
	# The mailbox and the data.
	sw	$s2, P_MBOX + MB_ELO($zero)
	li	$t0, HWCAP
	sw	$t0, P_MBOX + MB_CAP($zero)
	lw	$t0, BOOT_VA + BOOT_ENVID($zero)
	sw	$t0, P_MBOX + MB_PARENT($zero)
	li	$t0, R_A0
	li	$t1, NOTYET
1:	sw	$t1, P_MBOX($t0)
	addiu	$t0, $t0, 4
	bne	$t0, R_END, 1b
	sw	$zero, P_MBOX + R_NMISS($zero)
	sw	$zero, P_MBOX + R_TURNS($zero)
	li	$t0, 0					# data[i] = i * i + 3; s3 = their sum
	li	$s3, 0
1:	multu	$t0, $t0
	mflo	$t1
	addiu	$t1, $t1, 3
	addu	$s3, $s3, $t1
	sll	$t2, $t0, 2
	sw	$t1, P_SHARED + SH_DATA($t2)
	addiu	$t0, $t0, 1
	bne	$t0, NWORDS, 1b
	# The child's guaranteed mappings. Its text: our text page holding child_text, read-only,
	# with the rcap from our boot map.
	la	$a1, child_text
	jal	exo_map_find
	CHECKNE	$v0, 0, "child_text's page is in our boot map"
	lw	$a2, 4($v0)				# EntryLo
	lw	$a3, 8($v0)				# rcap
	li	$t0, ~ELO_D
	and	$a2, $a2, $t0
	ori	$a0, $s7, 0
	li	$a1, CH_TEXT
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "guarantee (child << 8 | 0): the text alias, read-only with the rcap"
	ori	$a0, $s7, 1
	li	$a1, CH_STACK
	move	$a2, $s1
	li	$a3, SCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, 0, "guarantee (child << 8 | 1): the stack page"
	ori	$a0, $s7, 2
	li	$a1, CH_SAVE
	move	$a2, $s2
	li	$a3, HRCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ECAP, "guarantee for the child: the rcap for a writable mapping"
	ori	$a0, $s7, 2
	li	$a1, CH_TEXT
	move	$a2, $s2
	li	$a3, HWCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, EBUSY, "guarantee for the child: a VA its slot 0 maps"
	# Its save area may be one of our pages, since we created it (docs/exokernel.md §7); the
	# child sets its own below, so this one is cleared again at once.
	move	$a0, $s0
	li	$a1, FIELD_SAVE
	srl	$a2, $s1, PAGE_SHIFT
	sll	$a2, $a2, PAGE_SHIFT
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the child's save area in our page (its creator's)"
	move	$a0, $s0
	li	$a1, FIELD_SAVE
	move	$a2, $zero
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the child's save area back to none"
	# Its TLB-miss handlers, in its text alias.
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	li	$a2, CH_TEXT + (child_tlbmiss - child_text)
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the child's TLBL handler"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBS
	li	$a2, CH_TEXT + (child_tlbmiss - child_text)
	li	$a3, C
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the child's TLBS handler"
	# Start it, and give it a slice: it runs when ours ends.
	move	$a0, $s0
	li	$a1, C
	li	$a2, CH_TEXT + (child_start - child_text)
	li	$a3, NONCE
	SYS	SYS_ENV_START
	CHECK	$v0, 0, "env_start at the pinned alias, a0 = the nonce"
	li	$a0, -1
	move	$a1, $s0
	li	$a2, C
	SYS	SYS_SLICE_ALLOC
	CHECKGE	$v0, 1, "slice_alloc for the child"
	move	$s4, $v0
	li	$t0, 500000				# wait (our slice ends; its slice runs it)
1:	lw	$t1, P_MBOX + R_DONE($zero)
	addiu	$t0, $t0, -1
	beq	$t1, 1, 2f
	bnez	$t0, 1b
2:	lw	$t1, P_MBOX + R_DONE($zero)
	CHECK	$t1, 1, "the child finished (on its own slice)"
	CHECKMEM P_MBOX + R_A0, NONCE, "child: a0 = env_start's a3"
	lw	$t0, P_MBOX + R_ID($zero)
	CHECKR	$t0, $s0, "child: getenvid = the id env_create gave"
	lw	$t0, P_MBOX + R_ALLOC($zero)
	CHECKGE	$t0, 1, "child: page_alloc its save page"
	CHECKMEM P_MBOX + R_GUAR, 0, "child: guarantee it (its own id << 8 | 2)"
	CHECKMEM P_MBOX + R_SETSAVE, 0, "child: env_set(0, FIELD_SAVE) its own page"
	CHECKMEM P_MBOX + R_TLBW, 0, "child: tlb_write the shared page with the handed capability"
	CHECKMEM P_MBOX + R_DEL, 0, "child: tlb_delete it"
	CHECKMEM P_MBOX + R_NMISS, 1, "child: one TLB miss dispatched to its handler"
	CHECKMEM P_MBOX + R_BADVA, CH_SHARED + SH_SUM, "child: its handler got the store's address"
	CHECKMEM P_MBOX + R_HERR, 0, "child: its handler rebound the page"
	lw	$t0, P_MBOX + R_SUM($zero)
	CHECKR	$t0, $s3, "child: the sum of our words"
	CHECKMEM P_MBOX + R_EPERM, EPERM, "child: guarantee into its parent (not its creation)"
	CHECKMEM P_MBOX + R_PRINT, child_msg_end - child_msg, "child: console_write from its text alias"
	lw	$t0, P_SHARED + SH_SUM($zero)
	CHECKR	$t0, $s3, "the sum, back through the shared page"
	CHECKMEM P_SHARED + SH_NONCE, NONCE, "the nonce, back through the shared page"
	CHECKMEM P_SHARED + SH_MAGIC, MAGIC, "the child's mark in the shared page"
	# A yield to the child: it takes a turn and yields back.
	lw	$s5, P_MBOX + R_TURNS($zero)
	move	$a0, $s0
	SYS	SYS_YIELD
	CHECK	$v0, 0, "yield to the child"
	lw	$t0, P_MBOX + R_TURNS($zero)
	subu	$t0, $t0, $s5
	CHECKGE	$t0, 1, "the child took a turn"
	# Refusals of the guarantee form before the end: a stale id of its slot, an unused index.
	addiu	$a0, $s0, NENV				# same index, next generation
	sll	$a0, $a0, 8
	li	$a1, CH_SAVE + 0x1000
	move	$a2, $s2
	li	$a3, HWCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ENOENT, "guarantee: the child's index with another generation"
	li	$a0, (NENV - 1) << 8
	li	$a1, CH_SAVE + 0x1000
	move	$a2, $s2
	li	$a3, HWCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ENOENT, "guarantee: an index nobody uses"
	# The end: destroy it with its capability.
	move	$a0, $s0
	li	$a1, C + 1
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ECAP, "env_destroy: a wrong capability"
	move	$a0, $s0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, 0, "env_destroy the child"
	ori	$a0, $s7, 3
	li	$a1, CH_SAVE + 0x1000
	move	$a2, $s2
	li	$a3, HWCAP
	SYS	SYS_GUARANTEE
	CHECK	$v0, ENOENT, "guarantee for a destroyed child"
	move	$a0, $s0
	li	$a1, C
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ENOENT, "env_destroy it again"
	move	$a0, $s4
	move	$a1, $s0
	li	$a2, C
	SYS	SYS_SLICE_FREE
	CHECK	$v0, ENOENT, "slice_free for the destroyed child"
	move	$a0, $s0
	SYS	SYS_YIELD
	CHECK	$v0, ENOENT, "yield to the destroyed child"
	lw	$t0, P_SHARED + SH_SUM($zero)
	CHECKR	$t0, $s3, "our shared page outlives the child"
	lw	$t0, P_MBOX + R_TURNS($zero)
	sw	$t0, TEST_VARS($zero)
	li	$t0, 100000				# it runs no more: no slice, no turns
1:	addiu	$t0, $t0, -1
	bnez	$t0, 1b
	lw	$t0, P_MBOX + R_TURNS($zero)
	lw	$t1, TEST_VARS($zero)
	CHECKR	$t0, $t1, "the destroyed child takes no more turns"
	PASS

# ---------------------------------------------------------------------------------------------
# The child's code: one page, reached at CH_TEXT through the alias the parent guaranteed.
# Position independent (branches only; every address is CH_* + an offset); touches only its
# pinned pages and CH_SHARED.
	.set	noreorder
	.balign	PAGE_SIZE
child_text:
# child_start: a0 = NONCE, every other register 0 (env_start), sp too.
child_start:
	li	$sp, CH_STACK + PAGE_SIZE - 16
	sw	$a0, CH_STACK + R_A0($zero)
	move	$s0, $a0
	li	$v0, SYS_GETENVID
	syscall
	sw	$v0, CH_STACK + R_ID($zero)
	move	$s2, $v0				# s2 = our id
	li	$a0, -1					# our save area's page: ours, so env_set takes it
	li	$a1, SVCAP
	li	$a2, SVCAP
	li	$v0, SYS_PAGE_ALLOC
	syscall
	sw	$v0, CH_STACK + R_ALLOC($zero)
	bltz	$v0, child_done
	sll	$s1, $v0, PAGE_SHIFT			# s1 = its physical address
	sll	$a0, $s2, 8
	ori	$a0, $a0, 2				# our own id << 8 | slot 2
	li	$a1, CH_SAVE
	ori	$a2, $s1, ELO_D | ELO_V
	li	$a3, SVCAP
	li	$v0, SYS_GUARANTEE
	syscall
	sw	$v0, CH_STACK + R_GUAR($zero)
	bnez	$v0, child_done
	li	$a0, 0
	li	$a1, FIELD_SAVE
	move	$a2, $s1
	li	$a3, 0
	li	$v0, SYS_ENV_SET
	syscall
	sw	$v0, CH_STACK + R_SETSAVE($zero)
	bnez	$v0, child_done
	li	$a0, CH_SHARED				# the shared page, with the handed capability
	lw	$a1, CH_STACK + MB_ELO($zero)
	lw	$a2, CH_STACK + MB_CAP($zero)
	li	$v0, SYS_TLB_WRITE
	syscall
	sw	$v0, CH_STACK + R_TLBW($zero)
	bnez	$v0, child_done
	li	$t0, CH_SHARED + SH_DATA
	li	$t2, NWORDS
	move	$t1, $zero
1:	lw	$t3, 0($t0)
	addiu	$t2, $t2, -1
	addu	$t1, $t1, $t3
	bnez	$t2, 1b
	addiu	$t0, $t0, 4
	sw	$t1, CH_STACK + R_SUM($zero)
	li	$a0, CH_SHARED				# unmap it: the next store misses
	li	$v0, SYS_TLB_DELETE
	syscall
	sw	$v0, CH_STACK + R_DEL($zero)
	li	$t0, CH_SHARED
	sw	$t1, SH_SUM($t0)			# TLBS: child_tlbmiss rebinds, the store restarts
	sw	$s0, SH_NONCE($t0)
	li	$t3, MAGIC
	sw	$t3, SH_MAGIC($t0)
	lw	$a0, CH_STACK + MB_PARENT($zero)	# not ours to map into
	nop
	sll	$a0, $a0, 8
	ori	$a0, $a0, 5
	li	$a1, 0x00007000
	ori	$a2, $s1, ELO_D | ELO_V
	li	$a3, SVCAP
	li	$v0, SYS_GUARANTEE
	syscall
	sw	$v0, CH_STACK + R_EPERM($zero)
	li	$a0, CH_TEXT + (child_msg - child_text)
	li	$a1, child_msg_end - child_msg
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	sw	$v0, CH_STACK + R_PRINT($zero)
child_done:
	li	$t0, 1
	sw	$t0, CH_STACK + R_DONE($zero)
1:	lw	$a0, CH_STACK + MB_PARENT($zero)	# from now on: yield to the parent, until
	li	$v0, SYS_YIELD				# it is gone (a failed check ended it)
	syscall
	bnez	$v0, 2f
	lw	$t0, CH_STACK + R_TURNS($zero)
	nop
	addiu	$t0, $t0, 1
	b	1b
	sw	$t0, CH_STACK + R_TURNS($zero)
2:	li	$a0, 0
	li	$v0, SYS_EXIT
	syscall

# child_tlbmiss: the child's TLBL/TLBS handler (a0 = EPC, a1 = BadVAddr, a2 = Cause; the
# interrupted a0-a2 in its save area at CH_SAVE). Rebinds the shared page and restarts the
# faulting instruction with the return idiom of docs/exokernel.md §6; a miss anywhere else is
# a failure: it gives up (done).
child_tlbmiss:
	sw	$a0, CH_SAVE + 12($zero)		# resume PC
	sw	$a1, CH_STACK + R_BADVA($zero)
	sw	$v0, CH_STACK + H_V0($zero)
	sw	$v1, CH_STACK + H_V1($zero)
	lw	$a0, CH_STACK + R_NMISS($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, CH_STACK + R_NMISS($zero)
	srl	$a1, $a1, PAGE_SHIFT
	li	$a0, CH_SHARED >> PAGE_SHIFT
	bne	$a0, $a1, child_done
	li	$a0, CH_SHARED
	lw	$a1, CH_STACK + MB_ELO($zero)
	lw	$a2, CH_STACK + MB_CAP($zero)
	li	$v0, SYS_TLB_WRITE
	syscall
	sw	$v0, CH_STACK + R_HERR($zero)
	lw	$v0, CH_STACK + H_V0($zero)
	lw	$v1, CH_STACK + H_V1($zero)
	lw	$a2, CH_SAVE + 8($zero)
	lw	$a1, CH_SAVE + 4($zero)
	lw	$a0, CH_SAVE + 12($zero)
	nop
	jr	$a0
	lw	$a0, CH_SAVE + 0($zero)

child_msg:	.ascii	"child: running in an environment its parent built\n"
child_msg_end:					# (no .balign after a label: our assembler moves the
child_text_end:					# label to the aligned address, GNU as only for .align)
	.if	child_text_end - child_text > PAGE_SIZE
	.error	"the child's code must fit in one page"
	.endif
	.set	reorder
