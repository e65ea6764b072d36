# kboot.s: boot and the program loader (docs/exokernel.md §3.3): the kernel's tables, the page
# table and STLB (kmem.s), one environment per program image (HOOK_IMAGE_*), the first slice.
# Linked after kernel.s (firmware/build.ts); conventions: firmware/kconv.md.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat
# ---------------------------------------------------------------------------------------------
# Boot (docs/exokernel.md §3): entered from the boot ROM in kernel mode, interrupts off, BEV = 0.
	.globl	kernel_entry
kernel_entry:
	lui	$sp, %hi(KSTACK_TOP)
	lui	$s7, %hi(KBASE)
	# Clear the environment table, the slice vector, the ASID owners and the globals.
	lui	$t0, %hi(ENV_TABLE)
	li	$t1, ENV_TABLE + NENV * ENV_SIZE + 0x200
1:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 1b
	nop
	addiu	$t0, $s7, -0x1000
2:	sw	$zero, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $s7, 2b
	nop
	# Revocation (krevoke.s): no dialogue, no deadline tick pending (RAM is not assumed zero).
	lui	$t0, %hi(RV_BASE)
	sw	$zero, RV_G_TICK($t0)
	sw	$zero, RV_G_ACTIVE($t0)
	# The network path's memory (knet.s): counters and filter map zero, and the classifier an
	# empty one (`jr ra; li v0, -1`: no filter accepts anything) until net_filter compiles one.
	lui	$t0, %hi(NET_SAVE)
	li	$t1, DPF_MAP + DPF_NMAP * (1 << DPF_MAP_SHIFT)
4:	sw	$zero, %lo(NET_SAVE)($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 4b
	nop
	li	$t0, DPF_CODE
	li	$t1, 0x03e00008			# jr ra
	sw	$t1, 0($t0)
	li	$t1, 0x2402ffff			# li v0, -1 (addiu v0, zero, -1)
	sw	$t1, 4($t0)
	break	HOOK, HOOK_MACHINE_INFO		# v0 = RAM bytes, v1 = slice quantum
	srl	$t0, $v0, 12
	sw	$t0, KG_NPAGES($s7)
	sw	$v1, KG_QUANTUM($s7)
	break	HOOK, HOOK_SEED
	bnez	$v0, 3f
	nop
	li	$v0, 0x2545f491			# xorshift32 needs a non-zero state
3:	sw	$v0, KG_RNG($s7)
	# No record accepts a PCT yet: every key is NOKEY.
	lui	$t0, %hi(ENV_TABLE)
	li	$t2, ENV_TABLE + NENV * ENV_SIZE
8:	NOKEY	$t1, $t0
	sw	$t1, REC_SYNC_KEY($t0)
	sw	$t1, REC_ASYNC_KEY($t0)
	sw	$t1, REC_LIGHT_KEY($t0)		# (record 0's must never be 0: a0 = 0 selects it)
	addiu	$t0, $t0, ENV_SIZE
	bne	$t0, $t2, 8b
	nop
	# Slot 0 is the kernel's pseudo-environment: current while no environment runs, and every
	# exception it could see is a kernel bug (k_panic).
	lui	$s0, %hi(ENV_TABLE)
	sw	$s0, KG_CUR_ENV($s7)
	la	$t1, k_panic
	li	$t2, KBASE + KG_DUMMY
	move	$t0, $zero
4:	addu	$t3, $s0, $t0
	sw	$t1, REC_DISPATCH($t3)
	sw	$t2, REC_DISPATCH_SAVE($t3)
	addiu	$t0, $t0, 4
	sltiu	$t3, $t0, 64
	bnez	$t3, 4b
	nop
	jal	k_mem_init
	nop
	break	HOOK, HOOK_IMAGE_COUNT
	bnez	$v0, 5f
	move	$s0, $v0
	# No programs (`exo run --firmware-only`): the banner, then halt with 0.
	la	$a0, banner
	li	$a1, banner_end - banner
	break	HOOK, HOOK_CONSOLE_WRITE
	move	$a0, $zero
	break	HOOK, HOOK_HALT
5:	move	$s1, $zero
6:	jal	k_load_image
	move	$a0, $s1
	bltz	$v0, 7f
	addiu	$s1, $s1, 1
	bne	$s1, $s0, 6b
	nop
	# Start the clock: one tick per slice (docs/devices.md "Timer"), then the first slice.
	lui	$t0, %hi(TIMER_BASE)
	lw	$t1, KG_QUANTUM($s7)
	li	$t2, TIMER_RUN
	sw	$t1, TIMER_PERIOD($t0)
	sw	$t2, TIMER_CONTROL($t0)
	li	$t0, NSLICE - 1
	sw	$t0, KG_SLICE_POS($s7)
	j	k_next_slice
	sw	$zero, KG_SLICE_OWNER($s7)
7:	li	$a0, REPORT_LOAD_FAILED
	addiu	$a1, $s1, -1
	jal	k_report
	move	$a2, $v0
	li	$a0, 1
	break	HOOK, HOOK_HALT

# k_load_image(a0 = image number) -> v0 = 0 or an error. Creates an environment for a program
# image (docs/exokernel.md §3.3): its boot page (save areas, the boot map) at BOOT_VA as
# guaranteed mapping 0, a page per image page (bytes copied by HOOK_IMAGE_COPY), the stack pages,
# every page with fresh random capabilities and entered in the boot map and the STLB; registers
# a0 = BOOT_VA, sp = USER_STACK_TOP - 16, PC = the entry; one time slice.
# Frame: s0 image, s1 record, s2 boot page (kseg0), s3 segments, s4 segment, s5 highest end.
	.equ	LI_FRAME, 40
k_load_image:
	addiu	$sp, $sp, -LI_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	sw	$s5, 24($sp)
	move	$s0, $a0
	jal	k_rand
	nop
	move	$a0, $v0
	jal	k_env_new
	move	$a1, $zero			# created by the kernel
	IFERR	$v0, li_done
	move	$s1, $v0
	jal	k_rand				# the boot page: rcap = wcap
	nop
	move	$s2, $v0
	li	$a0, -1
	move	$a1, $s2
	move	$a2, $s2
	jal	k_page_alloc
	lw	$a3, REC_ID($s1)
	bltz	$v0, li_done
	sw	$v0, REC_BOOTPAGE($s1)
	sll	$t0, $v0, 12
	lw	$t1, REC_ENTRYHI($s1)
	li	$t2, BOOT_VA
	or	$t2, $t2, $t1
	sw	$t2, REC_GUAR($s1)
	ori	$t2, $t0, ELO_D | ELO_V
	sw	$t2, REC_GUAR + 4($s1)
	lui	$t1, 0x8000
	or	$t0, $t0, $t1			# kseg0 address of the boot page
	li	$t1, BOOT_MAGIC_VALUE
	sw	$t1, BOOT_MAGIC($t0)
	lw	$t1, REC_ID($s1)
	lw	$t2, REC_CAP($s1)
	sw	$t1, BOOT_ENVID($t0)
	sw	$t2, BOOT_ENVCAP($t0)
	sw	$s2, BOOT_PAGECAP($t0)
	move	$s2, $t0
	addiu	$t1, $s2, BOOT_SAVE
	sw	$t1, REC_SAVE($s1)
	addiu	$t1, $s2, BOOT_INT_SAVE
	sw	$t1, REC_INT_SAVE($s1)
	# The segments.
	move	$a0, $s0
	li	$a1, -1
	li	$a2, 1
	break	HOOK, HOOK_IMAGE_INFO		# v0 = number of segments
	move	$s3, $v0
	move	$s4, $zero
	li	$s5, PINNED_LIMIT
1:	beq	$s4, $s3, 2f
	nop
	move	$a0, $s1
	move	$a1, $s2
	sll	$a2, $s0, 8
	jal	k_load_segment
	or	$a2, $a2, $s4
	bltz	$v0, li_done
	sltu	$t0, $s5, $v0
	beqz	$t0, 1b
	addiu	$s4, $s4, 1
	b	1b
	move	$s5, $v0
2:	addiu	$s5, $s5, 0xfff			# the break: first page after the image
	li	$t0, ~0xfff
	and	$s5, $s5, $t0
	sw	$s5, BOOT_BRK($s2)
	# The stack pages, lowest first (the boot map stays sorted).
	li	$s4, USER_STACK_TOP - USER_STACK_PAGES * 0x1000
	sw	$s4, BOOT_STACK_LO($s2)
3:	move	$a0, $s1
	move	$a1, $s2
	move	$a2, $s4
	jal	k_map_page
	li	$a3, 1
	IFERR	$v0, li_done
	li	$t0, 0x1000
	addu	$s4, $s4, $t0
	li	$t0, USER_STACK_TOP
	bne	$s4, $t0, 3b
	nop
	# Registers, entry, status, a slice.
	li	$t0, BOOT_VA
	sw	$t0, REC_REGS + 4*4($s1)
	li	$t0, USER_STACK_TOP - 16
	sw	$t0, REC_REGS + 4*29($s1)
	move	$a0, $s0
	li	$a1, -1
	move	$a2, $zero
	break	HOOK, HOOK_IMAGE_INFO		# v0 = entry
	sw	$v0, REC_RESUME_PC($s1)
	li	$t0, ENV_RUNNABLE
	sw	$t0, REC_STATUS($s1)
	li	$t0, REC_F_FRESH
	sw	$t0, REC_FLAGS($s1)
	jal	k_env_redispatch
	move	$a0, $s1
	lui	$t1, %hi(SLICE_VEC)
	move	$t0, $zero
4:	addu	$t2, $t1, $t0
	lw	$t3, %lo(SLICE_VEC)($t2)
	nop
	beqz	$t3, 5f
	addiu	$t0, $t0, 4
	sltiu	$t3, $t0, 4 * NSLICE
	bnez	$t3, 4b
	nop
	b	li_done
	li	$v0, ENOMEM
5:	sw	$s1, %lo(SLICE_VEC)($t2)
	move	$v0, $zero
li_done:
	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	lw	$s5, 24($sp)
	jr	$ra
	addiu	$sp, $sp, LI_FRAME

# k_load_segment(a0 = record, a1 = boot page, a2 = image << 8 | segment) -> v0 = the segment's
# end address, or an error. Maps and fills each page the segment touches.
# Frame: s0 record, s1 boot page, s2 image<<8|seg, s3 vaddr, s4 end, s5 page va, s6 writable.
	.equ	LS_FRAME, 40
k_load_segment:
	addiu	$sp, $sp, -LS_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	sw	$s5, 24($sp)
	sw	$s6, 28($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	srl	$a0, $s2, 8
	andi	$a1, $s2, 0xff
	li	$a2, 0
	break	HOOK, HOOK_IMAGE_INFO		# vaddr
	move	$s3, $v0
	li	$a2, 1
	break	HOOK, HOOK_IMAGE_INFO		# memsz
	addu	$s4, $s3, $v0
	li	$a2, 3
	break	HOOK, HOOK_IMAGE_INFO		# flags: bit 0 writable
	andi	$s6, $v0, 1
	li	$t0, ~0xfff
	and	$s5, $s3, $t0
1:	sltu	$t0, $s5, $s4
	beqz	$t0, 3f
	move	$a0, $s0
	move	$a1, $s1
	move	$a2, $s5
	jal	k_map_page
	move	$a3, $s6
	IFERR	$v0, 4f
	move	$t4, $v0			# kseg0 address of the page
	# copy [max(va, vaddr), min(va + 4096, end))
	move	$t1, $s5
	sltu	$t0, $t1, $s3
	beqz	$t0, 2f
	nop
	move	$t1, $s3
2:	addiu	$t2, $s5, 0x7ff
	addiu	$t2, $t2, 0x801			# va + 4096
	sltu	$t0, $s4, $t2
	beqz	$t0, 5f
	nop
	move	$t2, $s4
5:	move	$a0, $s2
	subu	$a1, $t1, $s3			# offset in the segment
	subu	$a2, $t1, $s5
	addu	$a2, $a2, $t4			# where in the page
	subu	$a3, $t2, $t1
	break	HOOK, HOOK_IMAGE_COPY
	IFERR	$v0, 4f
	li	$v0, EINVAL
	li	$t0, 0x1000
	b	1b
	addu	$s5, $s5, $t0
3:	move	$v0, $s4
4:	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	lw	$s5, 24($sp)
	lw	$s6, 28($sp)
	jr	$ra
	addiu	$sp, $sp, LS_FRAME

# k_map_page(a0 = record, a1 = boot page, a2 = page va, a3 = writable) -> v0 = kseg0 address of
# the page, or an error. A page the previous map entry already covers (two segments sharing a
# page) is reused, made writable if either needs it.
	.equ	MP_FRAME, 32
k_map_page:
	addiu	$sp, $sp, -MP_FRAME
	sw	$ra, 0($sp)
	sw	$s0, 4($sp)
	sw	$s1, 8($sp)
	sw	$s2, 12($sp)
	sw	$s3, 16($sp)
	sw	$s4, 20($sp)
	move	$s0, $a0
	move	$s1, $a1
	move	$s2, $a2
	move	$s3, $a3
	lw	$t0, BOOT_NMAPS($s1)
	nop
	beqz	$t0, 1f
	sll	$t1, $t0, 4
	addu	$t1, $t1, $s1
	lw	$t2, BOOT_MAPS - BOOT_MAP_SIZE($t1)	# the last entry's va
	lw	$t3, BOOT_MAPS - BOOT_MAP_SIZE + 4($t1)
	bne	$t2, $s2, 1f
	nop
	beqz	$s3, 2f
	nop
	ori	$t3, $t3, ELO_D
	sw	$t3, BOOT_MAPS - BOOT_MAP_SIZE + 4($t1)
	move	$s4, $t3
	lw	$a0, REC_ENTRYHI($s0)
	move	$a1, $t3
	jal	k_stlb_insert
	or	$a0, $a0, $s2
	move	$t3, $s4
2:	li	$t0, ~0xfff
	and	$v0, $t3, $t0
	lui	$t0, 0x8000
	b	9f
	or	$v0, $v0, $t0
1:	sltiu	$t0, $t0, BOOT_MAX_MAPS
	beqz	$t0, 9f
	li	$v0, ENOMEM
	jal	k_rand
	nop
	move	$s4, $v0			# rcap
	jal	k_rand
	nop
	move	$a2, $v0			# wcap
	li	$a0, -1
	move	$a1, $s4
	sw	$a2, 24($sp)
	jal	k_page_alloc
	lw	$a3, REC_ID($s0)
	bltz	$v0, 9f
	sll	$t0, $v0, 12
	ori	$t0, $t0, ELO_V
	beqz	$s3, 3f
	nop
	ori	$t0, $t0, ELO_D
3:	lw	$t1, BOOT_NMAPS($s1)
	lw	$t3, 24($sp)
	sll	$t2, $t1, 4
	addu	$t2, $t2, $s1
	sw	$s2, BOOT_MAPS($t2)
	sw	$t0, BOOT_MAPS + 4($t2)
	sw	$s4, BOOT_MAPS + 8($t2)
	sw	$t3, BOOT_MAPS + 12($t2)
	addiu	$t1, $t1, 1
	sw	$t1, BOOT_NMAPS($s1)
	sw	$t0, 28($sp)
	lw	$a0, REC_ENTRYHI($s0)
	move	$a1, $t0
	jal	k_stlb_insert
	or	$a0, $a0, $s2
	lw	$t0, 28($sp)
	li	$t1, ~0xfff
	and	$v0, $t0, $t1
	lui	$t1, 0x8000
	or	$v0, $v0, $t1
9:	lw	$ra, 0($sp)
	lw	$s0, 4($sp)
	lw	$s1, 8($sp)
	lw	$s2, 12($sp)
	lw	$s3, 16($sp)
	lw	$s4, 20($sp)
	jr	$ra
	addiu	$sp, $sp, MP_FRAME

	.rdata
banner:	.ascii	"exo-r3000 exokernel firmware: boot ROM ok, kernel at 0x80000000, TLB flushed\n"
banner_end:
