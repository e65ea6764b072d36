# revoke.s: the library OS's side of visible page revocation and the abort protocol (issue 7;
# docs/exokernel.md §11; paper §3.3-§3.4: "when a library OS gives up physical page 5 it must fix
# up its page table entries that name that page").
#
#   revoke_init()            -> 0 or the kernel's error: registers the revocation area, the upcall
#                               handler and the repossession handler below (call it in main)
#   revoke_set_notify(fn)    -> v0 = the previous one: fn(count, how) (o32) is called after each
#                               repossession exception, once the page table is repaired
#   revoke_stats()           -> v0 = pages the upcall handler returned, v1 = page-table records
#                               removed after repossessions
#   revoke_give(n)           -> v0 = pages returned: the upcall's policy, callable on its own only
#                               inside a dialogue (RV_OP_RETURN refuses otherwise)
#   revoke_repair(n, pages)  -> v0 = records removed: every mapping of those physical pages leaves
#                               the page table (vm_unmap, which does not give them back: they are
#                               not ours any more)
# o32: arguments a0-a3, result v0 (v1); t*, a*, v* clobbered; s0-s8, sp, gp kept.
#
# The upcall (the kernel asks for n pages, a0 = n, a1 = the deadline in cycles): the policy is
# revoke_give: pages vm_map_new gave us (VM_F_OWN: ours to give), clean ones (never written since
# mapped: nothing to lose) before dirty ones, each group from the end of the page table (the
# linear table's highest addresses: a heap's newest pages; the inverted table: slot order). Each
# is taken out of the page table (vm_unmap, with VM_F_OWN cleared first so that it does not
# deallocate) and handed to the kernel with revoke_ctl(RV_OP_RETURN, page, wcap), which is cheap:
# the kernel breaks the bindings of every returned page in one pass when the dialogue ends. Then
# RV_OP_DONE, which puts every register back as the upcall found them (docs §11).
# The repossession exception (a0 = pages in the vector, a1 = how; the vector in the area):
# revoke_repair removes every record naming a repossessed page, so a later access to it goes to
# the program's fault handler instead of refilling a page we lost; then the notify function;
# then the interrupted code resumes with every register as it was.
#
# Pinned entry stubs: the kernel may enter either handler anywhere in the program, including
# inside crt0's TLB-miss handler, which keeps its state in BOOT_SAVE and the scratch page; our
# handlers run ordinary (unpinned) code that may take TLB misses, whose handler would overwrite
# that state. So each entry is a stub copied into the scratch page (REVOKE_CODE, pinned: it never
# misses) that first copies those 9 words aside and copies them back just before the interrupted
# code continues. An upcall abandoned at its deadline never reaches its copy-back; the
# repossession stub, which the kernel enters next, does it (REVOKE_S_FLAG). The handlers run on
# the VM exception stack (below sp if they interrupted code already on it, as crt0's exo_upcall).
# Abandoned at the deadline, the upcall handler may leave one page-table operation half done
# (vm.s's inserts and removals are safe against lookups, not against being stopped for good): a
# page it took out of the table but did not return stays ours, unmapped; the kernel's vector then
# also lists the pages it had returned, and revoke_repair (idempotent) takes them out.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	RV_FRAME, 0x60				# revoke_repossess_main's register save

	.text

# revoke_init() -> 0 or the kernel's error.
	.globl	revoke_init
revoke_init:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	li	$t0, REVOKE_S_UP			# clear the state
	li	$t1, REVOKE_CODE
1:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 1b
	la	$t2, rv_code				# copy the stubs (position independent)
	la	$t3, rv_code_end
2:	lw	$t4, 0($t2)
	addiu	$t2, $t2, 4
	sw	$t4, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t2, $t3, 2b
	lw	$a1, EXO_SCRATCH + EXO_S_PAGE($zero)	# the area: its physical address
	sll	$a1, $a1, PAGE_SHIFT
	addiu	$a1, $a1, REVOKE_AREA - EXO_SCRATCH
	li	$a0, RV_OP_AREA
	SYS	SYS_REVOKE_CTL
	bnez	$v0, 9f
	li	$a0, RV_OP_UPCALL
	li	$a1, REVOKE_CODE + (rv_up_entry - rv_code)
	SYS	SYS_REVOKE_CTL
	bnez	$v0, 9f
	li	$a0, RV_OP_REPOSSESS
	li	$a1, REVOKE_CODE + (rv_x_entry - rv_code)
	SYS	SYS_REVOKE_CTL
9:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# revoke_set_notify(a0 = fn or 0) -> v0 = the previous one.
	.globl	revoke_set_notify
revoke_set_notify:
	lw	$v0, REVOKE_S_NOTIFY($zero)
	sw	$a0, REVOKE_S_NOTIFY($zero)
	jr	$ra

# revoke_stats() -> v0 = pages returned by the upcall handler, v1 = records repaired.
	.globl	revoke_stats
revoke_stats:
	lw	$v0, REVOKE_S_NRET($zero)
	lw	$v1, REVOKE_S_NFIX($zero)
	jr	$ra

# rv_next(a0 = a record, or 0 to start) -> v0 = the record before it that holds a page (from the
# end of the table), or 0 when there is none. Both tables: linear (the records below VM_G_N) and
# inverted (every slot; va 0 empty, 1 being moved). Clobbers t0, t1.
rv_next:
	bnez	$a0, 1f
	lw	$t0, VM_PAGE + VM_G_MODE($zero)
	lw	$a0, VM_PAGE + VM_G_N($zero)		# linear: the end of the records
	beqz	$t0, 2f
	li	$a0, VM_HASH_SLOTS			# inverted: every slot
2:	sll	$a0, $a0, VM_REC_SHIFT
	li	$t0, VM_TABLE
	addu	$a0, $a0, $t0
1:	li	$t1, VM_TABLE
3:	move	$v0, $zero
	beq	$a0, $t1, 4f				# the first record was the last
	addiu	$a0, $a0, -VM_REC_SIZE
	lw	$t0, VM_R_VA($a0)
	sltiu	$t0, $t0, 2
	bnez	$t0, 3b					# an empty slot
	move	$v0, $a0
4:	jr	$ra

# revoke_give(a0 = pages wanted) -> v0 = pages returned (see the top of the file).
	.equ	GV_N, 16				# frame: chosen vas from 16(sp)
	.globl	revoke_give
revoke_give:
	addiu	$sp, $sp, -(48 + 4 * RV_MAX_PAGES)
	sw	$ra, 44($sp)
	sw	$s0, 40($sp)
	sw	$s1, 36($sp)
	sw	$s2, 32($sp)
	sw	$s3, 28($sp)
	move	$s0, $a0				# s0 = wanted (at most RV_MAX_PAGES)
	sltiu	$t0, $a0, RV_MAX_PAGES + 1
	bnez	$t0, 1f
	li	$s0, RV_MAX_PAGES
1:	move	$s1, $zero				# s1 = chosen
	move	$s2, $zero				# s2 = pass: 0 clean, ELO_D dirty
2:	move	$a0, $zero
3:	beq	$s1, $s0, 5f
	jal	rv_next
	beqz	$v0, 4f
	move	$a0, $v0
	lw	$t0, VM_R_ELO($a0)
	andi	$t1, $t0, VM_F_OWN
	beqz	$t1, 3b					# not ours to give (the image's, a shared page)
	andi	$t1, $t0, ELO_D
	bne	$t1, $s2, 3b
	lw	$t0, VM_R_VA($a0)
	sll	$t1, $s1, 2
	addu	$t1, $t1, $sp
	sw	$t0, GV_N + 32($t1)
	addiu	$s1, $s1, 1
	b	3b
4:	bnez	$s2, 5f
	li	$s2, ELO_D				# then the dirty ones
	b	2b
5:	move	$s2, $zero				# s2 = index, s3 = returned
	move	$s3, $zero
6:	beq	$s2, $s1, 8f
	sll	$t0, $s2, 2
	addu	$t0, $t0, $sp
	lw	$a0, GV_N + 32($t0)
	jal	exo_vm_find
	beqz	$v0, 7f
	lw	$t0, VM_R_ELO($v0)
	lw	$t1, VM_R_MCAP($v0)
	li	$t2, ~VM_F_OWN
	and	$t2, $t0, $t2
	sw	$t2, VM_R_ELO($v0)			# so that vm_unmap keeps it (we give it back)
	srl	$t0, $t0, PAGE_SHIFT
	sw	$t0, 16($sp)				# the page
	sw	$t1, 20($sp)				# its wcap (VM_F_OWN pages have VM_F_WCAP)
	sll	$t0, $s2, 2
	addu	$t0, $t0, $sp
	lw	$a0, GV_N + 32($t0)
	jal	vm_unmap
	li	$a0, RV_OP_RETURN
	lw	$a1, 16($sp)
	lw	$a2, 20($sp)
	SYS	SYS_REVOKE_CTL
	bltz	$v0, 7f
	addiu	$s3, $s3, 1
7:	addiu	$s2, $s2, 1
	b	6b
8:	move	$v0, $s3
	lw	$ra, 44($sp)
	lw	$s0, 40($sp)
	lw	$s1, 36($sp)
	lw	$s2, 32($sp)
	lw	$s3, 28($sp)
	addiu	$sp, $sp, 48 + 4 * RV_MAX_PAGES
	jr	$ra

# revoke_repair(a0 = count, a1 = the pages) -> v0 = page-table records removed.
	.globl	revoke_repair
revoke_repair:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	sw	$s3, 12($sp)
	move	$s0, $a0				# pages left
	move	$s1, $a1				# the next one
	move	$s3, $zero				# removed
1:	beqz	$s0, 9f
	lw	$s2, 0($s1)				# the page
2:	move	$a0, $zero				# every record naming it
3:	jal	rv_next
	beqz	$v0, 4f
	move	$a0, $v0
	lw	$t0, VM_R_ELO($a0)
	srl	$t1, $t0, PAGE_SHIFT
	bne	$t1, $s2, 3b
	li	$t1, ~VM_F_OWN				# not ours: vm_unmap must not deallocate it
	and	$t0, $t0, $t1
	sw	$t0, VM_R_ELO($a0)
	lw	$a0, VM_R_VA($a0)
	jal	vm_unmap				# (the table changes: search again from the end)
	addiu	$s3, $s3, 1
	b	2b
4:	addiu	$s0, $s0, -1
	addiu	$s1, $s1, 4
	b	1b
9:	move	$v0, $s3
	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	lw	$s3, 12($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# The upcall, after the stub: a0 = pages asked. Any register may change (done restores them).
revoke_upcall_main:
	addiu	$t0, $sp, -VM_STACK_LO			# the exception stack (below sp if already on it)
	sltiu	$t0, $t0, VM_STACK_TOP - VM_STACK_LO
	bnez	$t0, 1f
	li	$sp, VM_STACK_TOP
1:	addiu	$sp, $sp, -24
	lw	$t0, REVOKE_S_NUP($zero)
	addiu	$t0, $t0, 1
	sw	$t0, REVOKE_S_NUP($zero)
	jal	revoke_give
	lw	$t0, REVOKE_S_NRET($zero)
	addu	$t0, $t0, $v0
	sw	$t0, REVOKE_S_NRET($zero)
	li	$t0, REVOKE_CODE + (rv_up_done - rv_code)
	jr	$t0

# The repossession exception, after the stub: a0, a1 free (the area has them); every other
# register is the interrupted code's: all that an o32 function may change is saved here.
revoke_repossess_main:
	.set	noreorder
	.set	noat
	addiu	$a0, $sp, -VM_STACK_LO
	sltiu	$a0, $a0, VM_STACK_TOP - VM_STACK_LO
	bnez	$a0, 1f
	move	$a1, $sp
	li	$a1, VM_STACK_TOP
1:	addiu	$a1, $a1, -RV_FRAME
	sw	$sp, 0x10($a1)
	move	$sp, $a1
	sw	$at, 0x14($sp)
	sw	$v0, 0x18($sp)
	sw	$v1, 0x1c($sp)
	sw	$a2, 0x20($sp)
	sw	$a3, 0x24($sp)
	sw	$t0, 0x28($sp)
	sw	$t1, 0x2c($sp)
	sw	$t2, 0x30($sp)
	sw	$t3, 0x34($sp)
	sw	$t4, 0x38($sp)
	sw	$t5, 0x3c($sp)
	sw	$t6, 0x40($sp)
	sw	$t7, 0x44($sp)
	sw	$t8, 0x48($sp)
	sw	$t9, 0x4c($sp)
	sw	$ra, 0x50($sp)
	mfhi	$t0
	mflo	$t1
	sw	$t0, 0x54($sp)
	sw	$t1, 0x58($sp)
	.set	at
	lw	$t0, REVOKE_S_NX($zero)
	lw	$a0, REVOKE_AREA + RV_A_COUNT($zero)
	addiu	$t0, $t0, 1
	sw	$t0, REVOKE_S_NX($zero)
	jal	revoke_repair
	li	$a1, REVOKE_AREA + RV_A_VEC
	lw	$t0, REVOKE_S_NFIX($zero)
	lw	$t9, REVOKE_S_NOTIFY($zero)
	addu	$t0, $t0, $v0
	beqz	$t9, 2f
	sw	$t0, REVOKE_S_NFIX($zero)
	lw	$a0, REVOKE_AREA + RV_A_COUNT($zero)
	lw	$a1, REVOKE_AREA + RV_A_X_HOW($zero)
	jalr	$t9
	nop
2:	lw	$t0, 0x54($sp)
	lw	$t1, 0x58($sp)
	.set	noat
	lw	$at, 0x14($sp)
	mthi	$t0
	mtlo	$t1
	lw	$v0, 0x18($sp)
	lw	$v1, 0x1c($sp)
	lw	$a2, 0x20($sp)
	lw	$a3, 0x24($sp)
	lw	$t0, 0x28($sp)
	lw	$t1, 0x2c($sp)
	lw	$t2, 0x30($sp)
	lw	$t3, 0x34($sp)
	lw	$t4, 0x38($sp)
	lw	$t5, 0x3c($sp)
	lw	$t6, 0x40($sp)
	lw	$t7, 0x44($sp)
	lw	$t8, 0x48($sp)
	lw	$t9, 0x4c($sp)
	lw	$ra, 0x50($sp)
	lw	$sp, 0x10($sp)
	li	$a0, REVOKE_CODE + (rv_x_tail - rv_code)
	jr	$a0
	nop
	.set	at
	.set	reorder

# ---------------------------------------------------------------------------------------------
# The pinned stubs, copied to REVOKE_CODE by revoke_init: position independent, they touch only
# pinned addresses (the boot page, the scratch page), so they never take a TLB miss.
# REV_SAVE area, r1, r2: the 9 words a TLB miss overwrites -> area. REV_LOAD: back.
	.macro	REV_SAVE area, r1, r2
	lw	\r1, BOOT_VA + BOOT_SAVE + 0($zero)
	lw	\r2, BOOT_VA + BOOT_SAVE + 4($zero)
	sw	\r1, \area + 0($zero)
	sw	\r2, \area + 4($zero)
	lw	\r1, BOOT_VA + BOOT_SAVE + 8($zero)
	lw	\r2, BOOT_VA + BOOT_SAVE + 12($zero)
	sw	\r1, \area + 8($zero)
	sw	\r2, \area + 12($zero)
	lw	\r1, EXO_SCRATCH + EXO_S_V0($zero)
	lw	\r2, EXO_SCRATCH + EXO_S_V1($zero)
	sw	\r1, \area + 16($zero)
	sw	\r2, \area + 20($zero)
	lw	\r1, EXO_SCRATCH + EXO_S_T0($zero)
	lw	\r2, EXO_SCRATCH + EXO_S_BADVA($zero)
	sw	\r1, \area + 24($zero)
	sw	\r2, \area + 28($zero)
	lw	\r1, EXO_SCRATCH + EXO_S_RA($zero)
	nop
	sw	\r1, \area + 32($zero)
	.endm
	.macro	REV_LOAD area, r1, r2
	lw	\r1, \area + 0($zero)
	lw	\r2, \area + 4($zero)
	sw	\r1, BOOT_VA + BOOT_SAVE + 0($zero)
	sw	\r2, BOOT_VA + BOOT_SAVE + 4($zero)
	lw	\r1, \area + 8($zero)
	lw	\r2, \area + 12($zero)
	sw	\r1, BOOT_VA + BOOT_SAVE + 8($zero)
	sw	\r2, BOOT_VA + BOOT_SAVE + 12($zero)
	lw	\r1, \area + 16($zero)
	lw	\r2, \area + 20($zero)
	sw	\r1, EXO_SCRATCH + EXO_S_V0($zero)
	sw	\r2, EXO_SCRATCH + EXO_S_V1($zero)
	lw	\r1, \area + 24($zero)
	lw	\r2, \area + 28($zero)
	sw	\r1, EXO_SCRATCH + EXO_S_T0($zero)
	sw	\r2, EXO_SCRATCH + EXO_S_BADVA($zero)
	lw	\r1, \area + 32($zero)
	nop
	sw	\r1, EXO_SCRATCH + EXO_S_RA($zero)
	.endm

	.set	noreorder
	.balign	4
rv_code:
# The upcall: a0 = pages asked, a1 = the deadline. Every register is ours: done restores them.
rv_up_entry:
	REV_SAVE REVOKE_S_UP, $t0, $t1
	li	$t0, 1
	sw	$t0, REVOKE_S_FLAG($zero)
	la	$t9, revoke_upcall_main
	jr	$t9
	nop
# Back from revoke_upcall_main: put the 9 words back (no miss can come after this), then done.
rv_up_done:
	REV_LOAD REVOKE_S_UP, $t0, $t1
	sw	$zero, REVOKE_S_FLAG($zero)
	li	$a0, RV_OP_DONE
	li	$v0, SYS_REVOKE_CTL
	syscall
1:	b	1b					# (done does not return)
	nop
# The repossession exception: a0 = pages in the vector, a1 = how; only a0 and a1 are free (the
# interrupted ones are in the area). An upcall abandoned at its deadline did not put its 9 words
# back: that comes first.
rv_x_entry:
	lw	$a0, REVOKE_S_FLAG($zero)
	nop
	beqz	$a0, 1f
	nop
	REV_LOAD REVOKE_S_UP, $a0, $a1
	sw	$zero, REVOKE_S_FLAG($zero)
1:	REV_SAVE REVOKE_S_X, $a0, $a1
	la	$a0, revoke_repossess_main
	jr	$a0
	nop
# Back from revoke_repossess_main (every register restored but a0, a1): the 9 words back, then
# the interrupted code with its a0, a1 (the return idiom of docs/exokernel.md §6).
rv_x_tail:
	REV_LOAD REVOKE_S_X, $a0, $a1
	lw	$a1, REVOKE_AREA + RV_A_X_A1($zero)
	lw	$a0, REVOKE_AREA + RV_A_X_PC($zero)
	nop
	jr	$a0
	lw	$a0, REVOKE_AREA + RV_A_X_A0($zero)
rv_code_end:
	.set	reorder
	.if	(rv_code_end - rv_code) > (EXO_SCRATCH + PAGE_SIZE - REVOKE_CODE)
	.error	"revoke.s: the stubs do not fit in the scratch page"
	.endif
