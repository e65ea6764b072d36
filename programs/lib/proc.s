# proc.s: processes of the library OS (issue 6): spawn an environment from an ELF executable in
# memory, exit, wait, kill. After ExOS (paper §6): the kernel only creates an empty environment;
# everything a loaded program gets (docs/exokernel.md §3.3) is built here, in user space.
#
#   spawn(image, len) -> child id, or a negative error (EINVAL: not an executable we can load;
#                        ENOMEM: too many pages or children; a kernel error of a system call)
#   spawnx(image, len, args, flags): args = PROC_NARGS words for the child (0: zeros), which it
#                        reads with proc_arg(i); flags PROC_NOSLICE: no time slice of its own
#   exit(status)         flushes io.s's output; in a spawned child records the status for the
#                        parent and exits with 0 (see exit below), else exits with status
#   wait(id) -> status   yields to the child until it is gone, then frees its memory; the status
#                        is exit()'s argument (0..255), or PROC_NOSTATUS when the child ended
#                        without exit() (main returned through crt0, which calls SYS_EXIT
#                        itself, or the kernel killed it); ENOENT: not a child of ours
#   proc_kill(id)        destroys a child (env_destroy with its capability); wait() reclaims it
#   proc_arg(i) -> word  argument i of spawnx (0 in a program the kernel loaded)
# o32: arguments a0-a3, result v0; t*, a*, v* clobbered; s0-s7, sp, fp kept.
#
# What spawn builds (the same as the kernel's loader, §3.3): env_create with a random environment
# capability; a page per page of each PT_LOAD segment (its file bytes copied, the rest zero) and
# USER_STACK_PAGES stack pages below USER_STACK_TOP, each with its own random rcap and wcap,
# writable (D = 1) only in writable segments; a boot page with the kernel's header and boot map
# (sorted by va), guaranteed to the child at BOOT_VA (guarantee(child << 8 | 0)) and holding its
# save areas (env_set FIELD_SAVE / FIELD_INT_SAVE: a page of its creator is allowed, §7). The
# parent allocates every page, so it owns them (the child maps them with the capabilities in its
# boot map): they outlive the child until wait() deallocates them, which is how the parent
# reads the exit status (below). A parent that exits first takes its children's memory with it.
#
# Start-up: env_start sets every register to 0 but a0, and the kernel cannot enter a child's
# pages into the STLB for it (tlb_write acts in the caller's ASID). So the child starts at a
# trampoline spawn copies into the tail of its boot page (proc_tramp: position independent, it
# touches only the boot page): it tlb_writes every page of its boot map (as the loader fills the
# STLB), sets sp = USER_STACK_TOP - 16 and a0 = BOOT_VA and jumps to the ELF entry: crt0 then
# starts the child exactly like a program the kernel loaded.
# (On a real R3000 the trampoline, written through the D-cache, needs an I-cache flush of that
# page first; our caches model tags only, docs/exokernel.md §4.3.)
#
# Exit status: the child's boot page is the parent's page. exit() stores the status at
# PROC_B_STATUS there (only in a boot page spawn built: PROC_B_MAGIC, and a boot map short enough
# not to reach it); wait() maps the boot page after the child is gone and reads it.
#
# Filling the child's pages needs them mapped in our address space where no eviction can take
# them away: the guaranteed slot PROC_SLOT at PROC_WIN_VA (exo.inc), held only while spawn or
# wait runs, then cleared.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	PT_LOAD, 1
	.equ	PF_X, 1
	.equ	PF_W, 2
	.equ	ELF_MAGIC, 0x464c457f		# "\177ELF"
	.equ	PROC_E_ID, 0			# a child: {id, environment capability, boot page, its cap}
	.equ	PROC_E_CAP, 4
	.equ	PROC_E_BOOT, 8
	.equ	PROC_E_BCAP, 12
	.equ	PROC_E_SIZE, 16

	.bss
	.balign	4
proc_tab:	.space	PROC_MAX * PROC_E_SIZE
proc_maps:	.space	PROC_MAX_MAPS * BOOT_MAP_SIZE	# the boot map while spawn builds it

	.text

# proc_window(entrylo, cap) -> v0 = guarantee's result: maps a page at PROC_WIN_VA (entrylo 0:
# unmaps). Clobbers a0-a3, v0, v1.
proc_window:
	move	$a2, $a0
	move	$a3, $a1
	li	$a0, PROC_SLOT
	li	$a1, PROC_WIN_VA
	SYS	SYS_GUARANTEE
	jr	$ra

# proc_free_maps(maps, n): page_dealloc of the n boot-map records' pages (with their wcap).
proc_free_maps:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	move	$s0, $a0
	move	$s1, $a1
1:	blez	$s1, 2f
	lw	$a0, 4($s0)
	lw	$a1, 12($s0)
	srl	$a0, $a0, PAGE_SHIFT
	SYS	SYS_PAGE_DEALLOC
	addiu	$s0, $s0, BOOT_MAP_SIZE
	addiu	$s1, $s1, -1
	b	1b
2:	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

	.globl	spawn
spawn:
	move	$a2, $zero
	move	$a3, $zero
	# fall through
# spawnx(image, len, args, flags): see the top of the file.
# Registers: s0 image, s1 len, s2 args, s3 flags, s4 child id, s5 its capability, s6 records
# staged in proc_maps, s7 scratch. Frame: 16 saved a-words, then locals.
	.equ	SP_FRAME, 80
	.equ	SP_ENTRY, 16			# the ELF entry
	.equ	SP_BRK, 20			# end of the highest segment (page aligned)
	.equ	SP_TAB, 24			# our table entry
	.equ	SP_BOOT, 28			# boot page number
	.equ	SP_BCAP, 32			# its capability
	.equ	SP_PH, 36			# the program header being loaded
	.equ	SP_PHN, 40			# program headers left
	.globl	spawnx
spawnx:
	addiu	$sp, $sp, -SP_FRAME
	sw	$ra, 76($sp)
	sw	$s0, 72($sp)
	sw	$s1, 68($sp)
	sw	$s2, 64($sp)
	sw	$s3, 60($sp)
	sw	$s4, 56($sp)
	sw	$s5, 52($sp)
	sw	$s6, 48($sp)
	sw	$s7, 44($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	move	$s3, $a3
	li	$v0, EINVAL
	# -- 1. Validate the ELF header: little-endian 32-bit MIPS executable, word aligned.
	andi	$t0, $s0, 3
	bnez	$t0, sp_ret
	sltiu	$t0, $s1, 52
	bnez	$t0, sp_ret
	lw	$t0, 0($s0)
	li	$t1, ELF_MAGIC
	bne	$t0, $t1, sp_ret
	lhu	$t0, 4($s0)				# EI_CLASS, EI_DATA
	li	$t1, 0x0101				# ELFCLASS32, ELFDATA2LSB
	bne	$t0, $t1, sp_ret
	lw	$t0, 16($s0)				# e_type, e_machine
	li	$t1, 0x00080002				# ET_EXEC, EM_MIPS
	bne	$t0, $t1, sp_ret
	lhu	$t0, 42($s0)				# e_phentsize
	li	$t1, 32
	bne	$t0, $t1, sp_ret
	lw	$t0, 24($s0)				# e_entry
	andi	$t1, $t0, 3
	bnez	$t1, sp_ret
	sw	$t0, SP_ENTRY($sp)
	lw	$t2, 28($s0)				# e_phoff
	lhu	$t3, 44($s0)				# e_phnum
	andi	$t1, $t2, 3
	bnez	$t1, sp_ret
	sll	$t1, $t3, 5
	addu	$t1, $t1, $t2				# end of the program headers
	sltu	$t4, $s1, $t1
	bnez	$t4, sp_ret
	sltu	$t4, $t1, $t2				# (wrapped)
	bnez	$t4, sp_ret
	# -- 2. Validate the PT_LOAD segments (sorted, page-disjoint, between PINNED_LIMIT and the
	# stack, file bytes inside the image), count their pages, find the entry's segment.
	addu	$t2, $s0, $t2				# t2 = program header
	move	$t5, $zero				# t5 = pages
	li	$t6, PINNED_LIMIT			# t6 = lowest va the next segment may use
	move	$t7, $zero				# t7 = 1: the entry is in an executable segment
1:	beqz	$t3, 3f
	lw	$t0, 0($t2)				# p_type
	li	$t1, PT_LOAD
	bne	$t0, $t1, 2f
	lw	$t0, 20($t2)				# p_memsz
	beqz	$t0, 2f
	lw	$t1, 16($t2)				# p_filesz
	sltu	$t4, $t0, $t1
	bnez	$t4, sp_ret				# filesz > memsz
	lw	$t4, 4($t2)				# p_offset
	addu	$t4, $t4, $t1
	sltu	$t8, $s1, $t4
	bnez	$t8, sp_ret				# file bytes beyond the image
	sltu	$t8, $t4, $t1
	bnez	$t8, sp_ret				# (wrapped: offset + filesz < filesz)
	lw	$t4, 8($t2)				# p_vaddr
	sltu	$t8, $t4, $t6
	bnez	$t8, sp_ret				# below PINNED_LIMIT, unsorted or sharing a page
	addu	$t9, $t4, $t0				# end
	sltu	$t8, $t9, $t4
	bnez	$t8, sp_ret				# wraps
	li	$t8, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE
	sltu	$t8, $t8, $t9
	bnez	$t8, sp_ret				# reaches the stack
	lw	$t8, SP_ENTRY($sp)			# the entry inside, executable?
	sltu	$t1, $t8, $t4
	bnez	$t1, 4f
	sltu	$t1, $t8, $t9
	beqz	$t1, 4f
	lw	$t1, 24($t2)				# p_flags
	andi	$t1, $t1, PF_X
	beqz	$t1, 4f
	li	$t7, 1
4:	srl	$t4, $t4, PAGE_SHIFT			# pages: last - first + 1
	addiu	$t9, $t9, PAGE_SIZE - 1
	srl	$t9, $t9, PAGE_SHIFT
	subu	$t1, $t9, $t4
	addu	$t5, $t5, $t1
	sll	$t6, $t9, PAGE_SHIFT			# the next segment starts on a later page
	sw	$t6, SP_BRK($sp)
2:	addiu	$t2, $t2, 32
	addiu	$t3, $t3, -1
	b	1b
3:	beqz	$t7, sp_ret				# no executable segment holds the entry
	li	$v0, ENOMEM
	addiu	$t5, $t5, USER_STACK_PAGES
	sltiu	$t0, $t5, PROC_MAX_MAPS + 1
	beqz	$t0, sp_ret				# too many pages for the boot map
	# -- 3. A free entry of our table.
	la	$t0, proc_tab
	li	$t1, PROC_MAX
5:	lw	$t2, PROC_E_ID($t0)
	beqz	$t2, 6f
	addiu	$t0, $t0, PROC_E_SIZE
	addiu	$t1, $t1, -1
	bnez	$t1, 5b
	b	sp_ret					# ENOMEM: PROC_MAX children already
6:	sw	$t0, SP_TAB($sp)
	# -- 4. The environment.
	jal	vm_cap_new				# (vm.s: the library's capability generator)
	move	$s5, $v0
	move	$a0, $v0
	SYS	SYS_ENV_CREATE
	bltz	$v0, sp_ret
	move	$s4, $v0
	move	$s6, $zero
	sw	$zero, SP_BOOT($sp)
	# -- 5. The segments' pages: allocate, map at the window, copy the file bytes.
	lw	$t0, 28($s0)
	addu	$t0, $s0, $t0
	sw	$t0, SP_PH($sp)
	lhu	$t0, 44($s0)
	sw	$t0, SP_PHN($sp)
sp_seg:
	lw	$t0, SP_PHN($sp)
	lw	$s7, SP_PH($sp)
	beqz	$t0, sp_stack
	addiu	$t0, $t0, -1
	sw	$t0, SP_PHN($sp)
	addiu	$t0, $s7, 32
	sw	$t0, SP_PH($sp)
	lw	$t0, 0($s7)
	li	$t1, PT_LOAD
	bne	$t0, $t1, sp_seg
	lw	$t0, 20($s7)
	beqz	$t0, sp_seg
	lw	$a0, 8($s7)				# a0 = the first page's va
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
sp_page:						# a0 = va of the page to make (for segment s7)
	lw	$t0, 8($s7)
	lw	$t1, 20($s7)
	addu	$t0, $t0, $t1				# the segment's end
	sltu	$t0, $a0, $t0
	beqz	$t0, sp_seg
	lw	$a1, 24($s7)				# writable?
	andi	$a1, $a1, PF_W
	jal	sp_newpage				# v0 = its record, or an error
	bltz	$v0, sp_fail
	# copy [max(va, vaddr), min(va + 4096, vaddr + filesz)) from image + offset
	lw	$t0, 0($v0)				# va
	lw	$t1, 8($s7)				# vaddr
	lw	$t2, 16($s7)				# filesz
	addu	$t2, $t2, $t1				# file end (va)
	move	$t3, $t0				# from = max(va, vaddr)
	sltu	$t4, $t0, $t1
	beqz	$t4, 7f
	move	$t3, $t1
7:	addiu	$t4, $t0, PAGE_SIZE			# to = min(va + 4096, file end)
	sltu	$t5, $t2, $t4
	beqz	$t5, 8f
	move	$t4, $t2
8:	lw	$t5, 4($s7)				# source = image + offset + (from - vaddr)
	addu	$t5, $t5, $s0
	subu	$t6, $t3, $t1
	addu	$t5, $t5, $t6
	subu	$t6, $t3, $t0				# destination = window + (from - va)
	li	$t7, PROC_WIN_VA
	addu	$t6, $t6, $t7
9:	sltu	$t7, $t3, $t4
	beqz	$t7, 10f
	lbu	$t7, 0($t5)
	addiu	$t5, $t5, 1
	sb	$t7, 0($t6)
	addiu	$t6, $t6, 1
	addiu	$t3, $t3, 1
	b	9b
10:	addiu	$a0, $t0, PAGE_SIZE
	b	sp_page
sp_stack:						# -- 6. The stack pages (zero: nothing to copy).
	li	$s7, USER_STACK_PAGES
	li	$a0, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE
1:	li	$a1, 1
	jal	sp_newpage
	bltz	$v0, sp_fail
	lw	$a0, 0($v0)
	addiu	$a0, $a0, PAGE_SIZE
	addiu	$s7, $s7, -1
	bnez	$s7, 1b
	# -- 7. The boot page: header, boot map, our tail, the trampoline.
	jal	vm_cap_new
	sw	$v0, SP_BCAP($sp)
	li	$a0, -1
	move	$a1, $v0
	move	$a2, $v0
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, sp_fail
	sw	$v0, SP_BOOT($sp)
	sll	$a0, $v0, PAGE_SHIFT
	ori	$a0, $a0, ELO_D | ELO_V
	lw	$a1, SP_BCAP($sp)
	jal	proc_window
	bnez	$v0, sp_fail
	li	$t9, PROC_WIN_VA
	li	$t0, BOOT_MAGIC_VALUE
	sw	$t0, BOOT_MAGIC($t9)
	sw	$s4, BOOT_ENVID($t9)
	sw	$s5, BOOT_ENVCAP($t9)
	sw	$s6, BOOT_NMAPS($t9)
	lw	$t0, SP_BRK($sp)
	sw	$t0, BOOT_BRK($t9)
	li	$t0, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE
	sw	$t0, BOOT_STACK_LO($t9)
	lw	$t0, SP_BCAP($sp)
	sw	$t0, BOOT_PAGECAP($t9)
	la	$t0, proc_maps				# the boot map
	addiu	$t1, $t9, BOOT_MAPS
	sll	$t2, $s6, 4
	addu	$t2, $t2, $t0
1:	beq	$t0, $t2, 2f
	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t1)
	addiu	$t1, $t1, 4
	b	1b
2:	li	$t0, PROC_MAGIC
	sw	$t0, PROC_B_MAGIC($t9)
	lw	$t0, SP_ENTRY($sp)
	sw	$t0, PROC_B_ENTRY($t9)
	li	$t0, PROC_NOSTATUS
	sw	$t0, PROC_B_STATUS($t9)
	SYS	SYS_GETENVID
	sw	$v0, PROC_B_PARENT($t9)
	beqz	$s2, 4f					# the arguments
	li	$t1, PROC_NARGS
	move	$t0, $s2
	addiu	$t2, $t9, PROC_B_ARGS
3:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t2)
	addiu	$t2, $t2, 4
	addiu	$t1, $t1, -1
	bnez	$t1, 3b
4:	la	$t0, proc_tramp				# the trampoline
	la	$t2, proc_tramp_end
	addiu	$t1, $t9, PROC_B_TRAMP
5:	lw	$t3, 0($t0)
	addiu	$t0, $t0, 4
	sw	$t3, 0($t1)
	addiu	$t1, $t1, 4
	bne	$t0, $t2, 5b
	move	$a0, $zero
	move	$a1, $zero
	jal	proc_window				# unmap it
	# -- 8. The child's boot page at BOOT_VA, its save areas, start, slice.
	sll	$a0, $s4, 8				# child << 8 | slot 0
	li	$a1, BOOT_VA
	lw	$a2, SP_BOOT($sp)
	sll	$a2, $a2, PAGE_SHIFT
	ori	$a2, $a2, ELO_D | ELO_V
	lw	$a3, SP_BCAP($sp)
	SYS	SYS_GUARANTEE
	bnez	$v0, sp_fail
	move	$a0, $s4
	li	$a1, FIELD_SAVE
	lw	$a2, SP_BOOT($sp)
	sll	$a2, $a2, PAGE_SHIFT
	addiu	$a2, $a2, BOOT_SAVE
	move	$a3, $s5
	SYS	SYS_ENV_SET
	bnez	$v0, sp_fail
	li	$a1, FIELD_INT_SAVE
	addiu	$a2, $a2, BOOT_INT_SAVE - BOOT_SAVE
	SYS	SYS_ENV_SET
	bnez	$v0, sp_fail
	move	$a0, $s4
	move	$a1, $s5
	li	$a2, BOOT_VA + PROC_B_TRAMP
	li	$a3, BOOT_VA
	SYS	SYS_ENV_START
	bnez	$v0, sp_fail
	andi	$t0, $s3, PROC_NOSLICE
	bnez	$t0, 6f
	li	$a0, -1
	move	$a1, $s4
	move	$a2, $s5
	SYS	SYS_SLICE_ALLOC
	bltz	$v0, sp_fail
6:	lw	$t0, SP_TAB($sp)			# -- 9. Our table.
	sw	$s4, PROC_E_ID($t0)
	sw	$s5, PROC_E_CAP($t0)
	lw	$t1, SP_BOOT($sp)
	sw	$t1, PROC_E_BOOT($t0)
	lw	$t1, SP_BCAP($sp)
	sw	$t1, PROC_E_BCAP($t0)
	move	$v0, $s4
sp_ret:
	lw	$s7, 44($sp)
	lw	$s6, 48($sp)
	lw	$s5, 52($sp)
	lw	$s4, 56($sp)
	lw	$s3, 60($sp)
	lw	$s2, 64($sp)
	lw	$s1, 68($sp)
	lw	$s0, 72($sp)
	lw	$ra, 76($sp)
	addiu	$sp, $sp, SP_FRAME
	jr	$ra
sp_fail:						# v0 = the error: undo everything
	sw	$v0, SP_ENTRY($sp)
	move	$a0, $zero
	move	$a1, $zero
	jal	proc_window
	move	$a0, $s4
	move	$a1, $s5
	SYS	SYS_ENV_DESTROY
	la	$a0, proc_maps
	move	$a1, $s6
	jal	proc_free_maps
	lw	$a0, SP_BOOT($sp)
	beqz	$a0, 1f
	lw	$a1, SP_BCAP($sp)
	SYS	SYS_PAGE_DEALLOC
1:	lw	$v0, SP_ENTRY($sp)
	b	sp_ret

# sp_newpage(va, writable): spawnx's helper (its frame and s-registers): allocates a page with
# fresh capabilities, appends its record to proc_maps (s6 += 1) and maps it at the window,
# writable. -> v0 = the record's address, or an error.
sp_newpage:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$a0, 24($sp)
	sw	$a1, 20($sp)
	sll	$t0, $s6, 4
	la	$t1, proc_maps
	addu	$t1, $t1, $t0
	sw	$t1, 16($sp)				# the record
	sw	$a0, 0($t1)
	jal	vm_cap_new
	lw	$t1, 16($sp)
	sw	$v0, 8($t1)				# rcap
	jal	vm_cap_new
	lw	$t1, 16($sp)
	sw	$v0, 12($t1)				# wcap
	li	$a0, -1
	lw	$a1, 8($t1)
	move	$a2, $v0
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	lw	$t1, 16($sp)
	sll	$t0, $v0, PAGE_SHIFT
	ori	$t0, $t0, ELO_V
	lw	$t2, 20($sp)
	beqz	$t2, 1f
	ori	$t0, $t0, ELO_D
1:	sw	$t0, 4($t1)				# EntryLo for the child
	addiu	$s6, $s6, 1
	sll	$a0, $v0, PAGE_SHIFT
	ori	$a0, $a0, ELO_D | ELO_V			# ours: always writable
	lw	$a1, 12($t1)
	jal	proc_window
	bnez	$v0, 9f
	lw	$v0, 16($sp)
9:	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# proc_find(id) -> v0 = our table entry for the child id, or 0. Clobbers t0, t1.
proc_find:
	la	$v0, proc_tab
	li	$t1, PROC_MAX
1:	lw	$t0, PROC_E_ID($v0)
	beq	$t0, $a0, 2f
	addiu	$v0, $v0, PROC_E_SIZE
	addiu	$t1, $t1, -1
	bnez	$t1, 1b
	move	$v0, $zero
	jr	$ra
2:	beqz	$a0, 3f					# id 0 is no child
	jr	$ra
3:	move	$v0, $zero
	jr	$ra

# wait(id) -> the child's exit status (see the top), or ENOENT.
	.globl	wait
wait:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	move	$s1, $a0
	jal	proc_find
	move	$s0, $v0
	li	$v0, ENOENT
	beqz	$s0, 9f
1:	move	$a0, $s1				# give it our time until it is gone
	SYS	SYS_YIELD
	li	$t0, ENOENT
	bne	$v0, $t0, 1b
	lw	$a0, PROC_E_BOOT($s0)			# its boot page: the status, the pages to free
	sll	$a0, $a0, PAGE_SHIFT
	ori	$a0, $a0, ELO_D | ELO_V
	lw	$a1, PROC_E_BCAP($s0)
	jal	proc_window
	li	$t9, PROC_WIN_VA
	lw	$s2, PROC_B_STATUS($t9)
	addiu	$a0, $t9, BOOT_MAPS
	lw	$a1, BOOT_NMAPS($t9)
	jal	proc_free_maps
	move	$a0, $zero
	move	$a1, $zero
	jal	proc_window
	lw	$a0, PROC_E_BOOT($s0)
	lw	$a1, PROC_E_BCAP($s0)
	SYS	SYS_PAGE_DEALLOC
	sw	$zero, PROC_E_ID($s0)
	move	$v0, $s2
9:	lw	$s2, 16($sp)
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# proc_kill(id) -> 0 or an error: destroys a child of ours (wait() then reclaims it).
	.globl	proc_kill
proc_kill:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a0, 16($sp)
	jal	proc_find
	move	$t0, $v0
	li	$v0, ENOENT
	beqz	$t0, 1f
	lw	$a0, 16($sp)
	lw	$a1, PROC_E_CAP($t0)
	SYS	SYS_ENV_DESTROY
1:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# proc_spawned() -> v0 = 1 if spawn built our boot page (we have a parent waiting), else 0.
	.globl	proc_spawned
proc_spawned:
	lw	$t0, BOOT_VA + PROC_B_MAGIC($zero)
	lw	$t1, BOOT_VA + BOOT_NMAPS($zero)
	li	$t2, PROC_MAGIC
	move	$v0, $zero
	bne	$t0, $t2, 1f
	sltiu	$v0, $t1, PROC_MAX_MAPS + 1		# a loaded program's long map may reach the tail
1:	jr	$ra

# proc_arg(i) -> argument i of spawnx (0 if not spawned or i out of range).
	.globl	proc_arg
proc_arg:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$a0, 16($sp)
	jal	proc_spawned
	lw	$a0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	beqz	$v0, 1f
	sltiu	$t0, $a0, PROC_NARGS
	move	$v0, $zero
	beqz	$t0, 1f
	sll	$t0, $a0, 2
	lw	$v0, BOOT_VA + PROC_B_ARGS($t0)
1:	jr	$ra

# exit(status): does not return. In a spawned child the status goes to the parent only (as a
# Unix child's goes to its parent, not to the system): it is stored for wait() and the
# environment exits with 0, so the machine's status (the first non-zero status of any
# environment, docs/exokernel.md §9) stays its top-level programs' to decide. A program the
# kernel loaded exits with the status.
	.globl	exit
exit:
	move	$s0, $a0
	jal	io_flush
	jal	proc_spawned
	beqz	$v0, 1f
	andi	$t0, $s0, 0xff
	sw	$t0, BOOT_VA + PROC_B_STATUS($zero)
	move	$s0, $zero
1:	move	$a0, $s0
	SYS	SYS_EXIT
	b	1b

# The trampoline: copied to BOOT_VA + PROC_B_TRAMP in the child (see the top). Position
# independent; a0 = BOOT_VA, every other register 0.
	.set	push
	.set	noreorder
	.balign	4
proc_tramp:
	li	$t2, BOOT_VA + BOOT_MAPS
	lw	$t1, BOOT_VA + BOOT_NMAPS($zero)
	nop
1:	beqz	$t1, 2f
	nop
	lw	$a0, 0($t2)				# tlb_write(va, entrylo, wcap)
	lw	$a1, 4($t2)
	lw	$a2, 12($t2)
	li	$v0, SYS_TLB_WRITE
	syscall
	addiu	$t2, $t2, BOOT_MAP_SIZE
	b	1b
	addiu	$t1, $t1, -1
2:	li	$a0, BOOT_VA
	lui	$sp, %hi(USER_STACK_TOP - 16)
	addiu	$sp, $sp, %lo(USER_STACK_TOP - 16)
	lw	$t0, BOOT_VA + PROC_B_ENTRY($zero)
	move	$v0, $zero
	move	$a1, $zero
	move	$a2, $zero
	move	$t1, $zero
	move	$t2, $zero
	jr	$t0
	move	$t0, $zero
proc_tramp_end:
	.set	pop
	.if	(proc_tramp_end - proc_tramp) > (PAGE_SIZE - PROC_B_TRAMP)	# (GNU: + - and > share a precedence)
	.error	"the trampoline does not fit in the boot page's tail"
	.endif
