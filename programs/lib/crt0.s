# crt0.s: the start of every user program of the exokernel, and the seed of the library OS
# (issue 6). It provides:
#
#   __start        the ELF entry: sets up the pinned pages (below), installs the TLB-miss
#                  handler, calls main(BOOT_VA), then exit(main's result) (proc.s);
#   exo_tlbmiss    the TLB-miss handler (TLBL/TLBS upcalls, docs/exokernel.md §5-§6), in the
#                  pinned alias EXO_PTEXT: its address there is EXO_TLBMISS_VA;
#   exo_map_find   binary search of the boot map;
#   exo_print, exo_show, exo_check, exo_puts, exo_puthex, exo_putdec: console helpers for the
#                  macros of exo.inc.
#
# What the kernel hands over (docs/exokernel.md §3.3): a0 = BOOT_VA, the boot page, mapped by
# guaranteed mapping 0: the exception save area (BOOT_SAVE), the environment's id and
# capability, and the boot map: BOOT_NMAPS records {va, entrylo, rcap, wcap} of every page of the
# image and the stack, sorted by va. Those pages start out in the STLB, but the STLB is
# direct-mapped and shared by every environment, so any of them may be evicted: a miss on one is
# an upcall to exo_tlbmiss, which finds the page in the boot map and rebinds it with tlb_write.
#
# This file is its own assembly unit: `exo run PROG.s` links it before a PROG that defines no
# __start (firmware/images.ts, which includes exo.inc before it; the guarded includes below make
# it assemble on its own as well).
#
# Why the handler runs from an alias: a handler whose own text page had been evicted would miss
# on its first fetch, and that miss would be dispatched to the same handler, forever. So __start
# maps the physical page holding the pinned code (page-aligned below) a second time at
# EXO_PTEXT, below PINNED_LIMIT, as a guaranteed mapping (the kernel itself serves misses on
# those, never the user), and installs the handler at its address there. The pinned code is
# position independent (branches and `bal` only) and touches only pinned addresses (the boot page,
# the scratch page), so a TLB miss inside it is impossible and the save area it is restoring
# cannot be overwritten under it.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif
	.text
	.set	noreorder

# ---------------------------------------------------------------------------------------------
# The pinned code: one page, reached through the alias EXO_PTEXT (see the top of the file).
# Position independent; uses only pinned addresses: the boot page, the scratch page, the VM page
# and the page table (exo.inc "vm.s" section; vm.s's header describes the table).
	.balign	PAGE_SIZE
exo_ptext:

# The handlers' entry: a0 = EPC, a1 = BadVAddr, a2 = Cause (the kernel's dispatch, docs §6); the
# interrupted a0-a2 are in the save area. Frees v0, v1, t0 into the scratch page and keeps the
# resume PC (EPC: the faulting instruction, or the branch before it) at BOOT_SAVE+12.
	.macro	VM_ENTRY
	sw	$a0, BOOT_VA+BOOT_SAVE+12($zero)
	sw	$v0, EXO_SCRATCH+EXO_S_V0($zero)	# only v0, v1, t0 are used beside a0-a2
	sw	$v1, EXO_SCRATCH+EXO_S_V1($zero)
	sw	$a1, EXO_SCRATCH+EXO_S_BADVA($zero)
	sw	$t0, EXO_SCRATCH+EXO_S_T0($zero)
	.endm

# VM_HINT found: the handlers' entry: VM_ENTRY's saves, then the hint table (VM_HINTS: one
# record pointer per VPN & (VM_NHINTS - 1), set by every lookup that finds a page): if the
# hinted record is BadVAddr's page, branch to `found` (v0 = the record). Records move (inserts,
# removals, the switch to the inverted table), so a hint is only a guess that the va check
# confirms; it always points into the table's pages. a1 = the page's va; a2 (Cause) is kept.
# The user of the macro supplies the branch's delay slot (it must not change v0).
	.macro	VM_HINT found
	sw	$a0, BOOT_VA+BOOT_SAVE+12($zero)
	sw	$a1, EXO_SCRATCH+EXO_S_BADVA($zero)
	sw	$t0, EXO_SCRATCH+EXO_S_T0($zero)
	srl	$t0, $a1, PAGE_SHIFT - 2
	andi	$t0, $t0, (VM_NHINTS - 1) << 2
	sw	$v0, EXO_SCRATCH+EXO_S_V0($zero)
	lw	$v0, VM_HINTS($t0)
	srl	$a1, $a1, PAGE_SHIFT
	sw	$v1, EXO_SCRATCH+EXO_S_V1($zero)	# (spread out: the kernel's dispatch has
	lw	$v1, VM_R_VA($v0)			# just filled the write buffer, timing.md §4)
	sll	$a1, $a1, PAGE_SHIFT
	beq	$v1, $a1, \found
	.endm

# VM_HINT_SET: hint[a1's VPN] = v0 (clobbers v1). For the search's exits.
	.macro	VM_HINT_SET
	srl	$v1, $a1, PAGE_SHIFT - 2
	andi	$v1, $v1, (VM_NHINTS - 1) << 2
	sw	$v0, VM_HINTS($v1)
	.endm

# VM_SEARCH_LINEAR entry: after VM_HINT missed: binary search of the linear table for the page
# (a1), inline (no call: ra is the program's). The table is sorted by va and padded with VM_PAD
# records up to its capacity, a power of two, so the search is Shar's power-of-two form,
# unrolled: for step = P/2 .. 1 (P = the power of two at or above the record count),
# i += step if rec[i + step].va <= key; then rec[i] is the page's record if any. The first step
# taken is chosen by a jump into the unrolled levels: VM_G_TENTRY / VM_G_MENTRY (vm.s
# vm_set_levels keeps them for the count), so a table of n records costs ceil(log2 n) levels of
# 6 instructions. v0 = the record; the levels use t0, v0, a1 only.
	.macro	VM_LEVEL step
	lw	$t0, \step * VM_REC_SIZE($v0)
	nop
	sltu	$t0, $a1, $t0
	bnez	$t0, 1f					# key < rec[i + step].va: stay
	nop
	addiu	$v0, $v0, \step * VM_REC_SIZE
1:
	.endm
	.macro	VM_SEARCH_LINEAR entry
	lw	$t0, VM_PAGE+\entry($zero)
	lui	$v0, %hi(VM_TABLE)
	jr	$t0
	nop
	VM_LEVEL 256
	VM_LEVEL 128
	VM_LEVEL 64
	VM_LEVEL 32
	VM_LEVEL 16
	VM_LEVEL 8
	VM_LEVEL 4
	VM_LEVEL 2
	VM_LEVEL 1
	.endm

# VM_SEARCH_HASH found, none: the inverted table (paper §7.2): VM_HASH_SLOTS records keyed by
# VPN, open addressing with linear probing, home slot (VPN ^ c ^ c << 5) & VM_HASH_MASK with
# c = VPN >> 9 (the 2 MiB region: regions start far apart, the pages of one region go to
# consecutive slots); an empty record has va 0. a1 = the page; uses a0, t0, v0.
	.macro	VM_SEARCH_HASH found, none
	srl	$a1, $a1, PAGE_SHIFT
	srl	$a0, $a1, 9
	xor	$v0, $a1, $a0
	sll	$a0, $a0, 5
	xor	$v0, $v0, $a0
	andi	$v0, $v0, VM_HASH_MASK
	sll	$v0, $v0, VM_REC_SHIFT
	lui	$a0, %hi(VM_TABLE)
	addu	$v0, $v0, $a0
	sll	$a1, $a1, PAGE_SHIFT
1:	lw	$t0, VM_R_VA($v0)
	nop
	beq	$t0, $a1, \found
	nop
	beqz	$t0, \none
	addiu	$v0, $v0, VM_REC_SIZE
	andi	$v0, $v0, VM_HASH_SLOTS * VM_REC_SIZE - 1	# wrap around (VM_TABLE is 8 KiB aligned)
	b	1b
	addu	$v0, $v0, $a0
	.endm

# exo_tlbmiss: the TLB-miss handler (TLBL and TLBS: a fetch, load or store the TLB and STLB
# could not translate, or an invalid entry: a read-protected page's negative entry, vm.s
# vm_protect). Finds BadVAddr's page in the library OS's page table (its hint, else the search)
# and rebinds it with tlb_write(va, EntryLo, capability), then resumes at EPC with every
# register as it was (paper §5.4 steps 2-4). A page that is not in the table, or read-protected
# (V = 0), goes to the program's fault handler (exo_vm_fault). Linear table; the three others
# below are the same for a Mod exception and for the inverted table (vm_use_inverted installs
# those).
exo_tlbmiss:
	VM_HINT exo_vm_refill
	nop
	VM_SEARCH_LINEAR VM_G_TENTRY
exo_tlbmiss_lend:
	lw	$t0, VM_R_VA($v0)
	nop
	bne	$t0, $a1, exo_vm_fault
	nop
exo_hint_refill:				# found by a search: hint it, refill
	VM_HINT_SET
	b	exo_vm_refill
	nop
exo_modfault:
	VM_HINT exo_vm_first_write
	nop
	VM_SEARCH_LINEAR VM_G_MENTRY
exo_modfault_lend:
	lw	$t0, VM_R_VA($v0)
	nop
	bne	$t0, $a1, exo_vm_fault
	nop
exo_hint_first_write:
	VM_HINT_SET
	b	exo_vm_first_write
	nop
exo_tlbmiss_inv:
	VM_HINT exo_vm_refill
	nop
	VM_SEARCH_HASH exo_hint_refill, exo_vm_fault
exo_modfault_inv:
	VM_HINT exo_vm_first_write
	nop
	VM_SEARCH_HASH exo_hint_first_write, exo_vm_fault

# v0 = the record, a1 = the page, a2 = Cause.
exo_vm_refill:
	lw	$t0, EXO_SCRATCH+EXO_S_NMISS($zero)
	move	$a0, $a1				# va
	lw	$a1, VM_R_ELO($v0)			# EntryLo (the flags in bits 7:0 are ignored)
	addiu	$t0, $t0, 1
	andi	$v1, $a1, ELO_V
	beqz	$v1, exo_vm_fault			# read-protected: the program decides
	sw	$t0, EXO_SCRATCH+EXO_S_NMISS($zero)	# statistics: upcalls (faults included)
	lw	$a2, VM_R_MCAP($v0)
	li	$v0, SYS_TLB_WRITE
	syscall
	bnez	$v0, exo_segv				# refused (the page was freed under us)
exo_vm_resume:
	lw	$t0, EXO_SCRATCH+EXO_S_T0($zero)
	lw	$v1, EXO_SCRATCH+EXO_S_V1($zero)
	lw	$v0, EXO_SCRATCH+EXO_S_V0($zero)
	# The return idiom (docs/exokernel.md §6): no kernel entry, no k0/k1. An interrupt or a
	# refill between the jr and its delay slot re-executes the jr, a0 still the resume PC.
	lw	$a2, BOOT_VA+BOOT_SAVE+8($zero)
	lw	$a1, BOOT_VA+BOOT_SAVE+4($zero)
	lw	$a0, BOOT_VA+BOOT_SAVE+12($zero)
	nop
	jr	$a0
	lw	$a0, BOOT_VA+BOOT_SAVE+0($zero)

# A store to a page mapped clean (D = 0): if the table says writable (VM_F_W), this is its
# first write: mark it dirty (D in the record, which vm_dirty reads) and remap it writable.
# Otherwise (read-only, copy-on-write, protected) the program's fault handler decides.
exo_vm_first_write:
	lw	$v1, VM_R_ELO($v0)
	move	$a0, $a1
	andi	$t0, $v1, VM_F_W | ELO_V
	xori	$t0, $t0, VM_F_W | ELO_V
	bnez	$t0, exo_vm_fault
	ori	$a1, $v1, ELO_D
	sw	$a1, VM_R_ELO($v0)			# dirty
	lw	$a2, VM_R_MCAP($v0)
	lw	$t0, VM_PAGE+VM_G_NMOD($zero)
	li	$v0, SYS_TLB_WRITE
	addiu	$t0, $t0, 1
	sw	$t0, VM_PAGE+VM_G_NMOD($zero)
	syscall
	bnez	$v0, exo_segv
	nop
	b	exo_vm_resume
	nop

# The program's fault handler: a light one (vm_set_fault_handler_light, below) or an o32
# function fn(va, epc, cause, frame) (vm_set_fault_handler, exo_upcall).
exo_vm_fault:
	lw	$t0, VM_PAGE+VM_G_FLIGHT($zero)
	lw	$a1, VM_PAGE+VM_G_FAULT($zero)
	bnez	$t0, exo_vm_light
	move	$a0, $zero				# argument order: va first
	b	exo_upcall
	nop

# A light handler (vm.s vm_set_fault_handler_light): called right here, with no frame:
# a0 = BadVAddr, a1 = EPC, a2 = Cause; it may change only v0, v1, t0, a0, a1 (what this path
# has saved) and must not take any exception itself (its code and data pinned: a fault inside it
# would reuse the save area this path is resuming from). It returns v0 = the PC to resume at,
# 0 for the default action (exo_unhandled), or VM_RETRY: make the page accessible (V in its
# record, tlb_write) and retry the access. t0 = the handler; v0 = the record if the page is in
# the table (exo_vm_refill, exo_vm_first_write) or any pointer into the table.
exo_vm_light:
	sw	$ra, EXO_SCRATCH+EXO_S_RA($zero)
	lw	$a0, EXO_SCRATCH+EXO_S_BADVA($zero)
	jalr	$t0
	lw	$a1, BOOT_VA+BOOT_SAVE+12($zero)	# EPC
	lw	$t0, VM_PAGE+VM_G_NFAULT($zero)
	lw	$ra, EXO_SCRATCH+EXO_S_RA($zero)
	addiu	$t0, $t0, 1
	sltiu	$v1, $v0, VM_RETRY + 1
	bnez	$v1, 1f
	sw	$t0, VM_PAGE+VM_G_NFAULT($zero)		# statistics: faults delivered
	b	exo_vm_resume
	sw	$v0, BOOT_VA+BOOT_SAVE+12($zero)	# the resume PC
1:	beqz	$v0, exo_unhandled			# (a2 = Cause: the handler kept it)
	andi	$t0, $a2, CAUSE_EXC_MASK
	xori	$t0, $t0, EXC_MOD << 2
	beqz	$t0, exo_segv				# VM_RETRY of a store to a read-only page: no
	lw	$a0, EXO_SCRATCH+EXO_S_BADVA($zero)
	# VM_RETRY: the page's record through its hint (the lookup that faulted just set it).
	nop
	srl	$t0, $a0, PAGE_SHIFT - 2
	andi	$t0, $t0, (VM_NHINTS - 1) << 2
	lw	$v1, VM_HINTS($t0)
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
	lw	$t0, VM_R_VA($v1)
	lw	$a1, VM_R_ELO($v1)
	bne	$t0, $a0, exo_segv			# not in the table: nothing to make accessible
	ori	$a1, $a1, ELO_V
	sw	$a1, VM_R_ELO($v1)
	lw	$a2, VM_R_MCAP($v1)
	li	$v0, SYS_TLB_WRITE
	syscall
	bnez	$v0, exo_segv
	nop
	b	exo_vm_resume
	nop

# The built-in light handlers (vm.s vm_set_fault_action): pinned here, so they cannot fault.
# exo_fault_skip: resume after the faulting instruction (0, the default action, for one in a
# branch delay slot: it cannot be skipped alone). exo_fault_retry: make the page accessible and
# retry (Appel & Li's unprotect-and-return).
exo_fault_skip:
	bltz	$a2, 1f					# Cause.BD
	move	$v0, $zero
	addiu	$v0, $a1, 4
1:	jr	$ra
	nop
exo_fault_retry:
	jr	$ra
	li	$v0, VM_RETRY

# exo_exc_entry: the handler exc_set_handler installs for other exception codes:
# fn(epc, badvaddr, cause, frame) from VM_G_EXC[code].
exo_exc_entry:
	VM_ENTRY
	lw	$t0, VM_PAGE+VM_G_NEXC($zero)
	andi	$v0, $a2, CAUSE_EXC_MASK
	lw	$a1, VM_PAGE+VM_G_EXC($v0)
	addiu	$t0, $t0, 1
	sw	$t0, VM_PAGE+VM_G_NEXC($zero)		# statistics (exc_count)
	li	$a0, 1					# argument order: epc first

# exo_upcall: a0 = argument order (0 VM, 1 exc), a1 = the function (0: none), a2 = Cause; the
# interrupted v0, v1, t0 in the scratch page, a0-a2 and EPC in the save area. Builds a frame (exo.inc
# F_*) of every register an o32 function may change, on the exception stack (or below sp if the
# fault came from code already on it: a handler may fault again), calls the function, and resumes
# where it says: v0 = the resume PC, or 0 for the default action (exo_unhandled). A TLB miss
# retried at its own PC is refilled first if the handler made the page accessible, so the retry
# does not come back here. The function may change the frame's registers; they are resumed.
exo_upcall:
	beqz	$a1, exo_unhandled
	addiu	$v0, $sp, -VM_STACK_LO
	sltiu	$v0, $v0, VM_STACK_TOP - VM_STACK_LO
	bnez	$v0, 1f					# already on the exception stack: go below sp
	move	$v1, $sp
	li	$v1, VM_STACK_TOP
1:	addiu	$v1, $v1, -F_SIZE
	addiu	$v0, $v1, -(VM_STACK_LO + VM_STACK_MIN)
	bltz	$v0, exo_stack_overflow
	nop
	sw	$sp, F_SP($v1)
	move	$sp, $v1
	.set	noat
	sw	$at, F_AT($sp)
	.set	at
	sw	$a3, F_A3($sp)
	sw	$t1, F_T0+4($sp)
	sw	$t2, F_T0+8($sp)
	sw	$t3, F_T0+12($sp)
	sw	$t4, F_T0+16($sp)
	sw	$t5, F_T0+20($sp)
	sw	$t6, F_T0+24($sp)
	sw	$t7, F_T0+28($sp)
	sw	$t8, F_T8($sp)
	sw	$t9, F_T9($sp)
	sw	$gp, F_GP($sp)
	sw	$fp, F_FP($sp)
	sw	$ra, F_RA($sp)
	mfhi	$t1
	mflo	$t2
	sw	$t1, F_HI($sp)
	sw	$t2, F_LO($sp)
	lw	$t1, EXO_SCRATCH+EXO_S_V0($zero)
	lw	$t2, EXO_SCRATCH+EXO_S_V1($zero)
	lw	$t3, EXO_SCRATCH+EXO_S_T0($zero)
	lw	$t4, BOOT_VA+BOOT_SAVE+0($zero)
	lw	$t5, BOOT_VA+BOOT_SAVE+4($zero)
	lw	$t6, BOOT_VA+BOOT_SAVE+8($zero)
	lw	$t7, BOOT_VA+BOOT_SAVE+12($zero)	# EPC
	lw	$t8, EXO_SCRATCH+EXO_S_BADVA($zero)
	sw	$t1, F_V0($sp)
	sw	$t2, F_V1($sp)
	sw	$t3, F_T0($sp)
	sw	$t4, F_A0($sp)
	sw	$t5, F_A1($sp)
	sw	$t6, F_A2($sp)
	sw	$t7, F_EPC($sp)
	sw	$t8, F_BADVA($sp)
	sw	$a2, F_CAUSE($sp)
	move	$t9, $a1
	move	$a3, $sp
	bnez	$a0, 2f
	move	$a0, $t7				# exc order: epc, badvaddr
	move	$a0, $t8				# VM order: va, epc
	b	3f
	move	$a1, $t7
2:	move	$a1, $t8
3:	jalr	$t9
	nop
	beqz	$v0, exo_unhandled_frame
	lw	$t0, F_EPC($sp)
	lw	$a2, F_CAUSE($sp)
	sw	$v0, F_EPC($sp)				# the resume PC
	bne	$v0, $t0, 4f				# not a retry
	andi	$a2, $a2, CAUSE_EXC_MASK
	addiu	$a2, $a2, -(EXC_TLBL << 2)
	sltiu	$a2, $a2, 8				# TLBL or TLBS
	beqz	$a2, 4f
	lw	$a0, F_BADVA($sp)
	bal	exo_vm_find
	nop
	beqz	$v0, 4f
	lw	$a1, VM_R_ELO($v0)
	lw	$a2, VM_R_MCAP($v0)
	andi	$t0, $a1, ELO_V
	beqz	$t0, 4f					# still protected: the retry comes back here
	lw	$a0, F_BADVA($sp)
	li	$v0, SYS_TLB_WRITE
	srl	$a0, $a0, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT
	syscall						# (a refusal: the retry faults and says so)
4:	lw	$t0, F_A0($sp)
	lw	$t1, F_A1($sp)
	lw	$t2, F_A2($sp)
	lw	$t3, F_EPC($sp)
	lw	$t4, F_HI($sp)
	lw	$t5, F_LO($sp)
	sw	$t0, BOOT_VA+BOOT_SAVE+0($zero)
	sw	$t1, BOOT_VA+BOOT_SAVE+4($zero)
	sw	$t2, BOOT_VA+BOOT_SAVE+8($zero)
	sw	$t3, BOOT_VA+BOOT_SAVE+12($zero)
	mthi	$t4
	mtlo	$t5
	.set	noat
	lw	$at, F_AT($sp)
	.set	at
	lw	$v0, F_V0($sp)
	lw	$v1, F_V1($sp)
	lw	$a3, F_A3($sp)
	lw	$t0, F_T0($sp)
	lw	$t1, F_T0+4($sp)
	lw	$t2, F_T0+8($sp)
	lw	$t3, F_T0+12($sp)
	lw	$t4, F_T0+16($sp)
	lw	$t5, F_T0+20($sp)
	lw	$t6, F_T0+24($sp)
	lw	$t7, F_T0+28($sp)
	lw	$t8, F_T8($sp)
	lw	$t9, F_T9($sp)
	lw	$gp, F_GP($sp)
	lw	$fp, F_FP($sp)
	lw	$ra, F_RA($sp)
	lw	$sp, F_SP($sp)
	lw	$a2, BOOT_VA+BOOT_SAVE+8($zero)
	lw	$a1, BOOT_VA+BOOT_SAVE+4($zero)
	lw	$a0, BOOT_VA+BOOT_SAVE+12($zero)
	nop
	jr	$a0
	lw	$a0, BOOT_VA+BOOT_SAVE+0($zero)

# The handler declined (v0 = 0): the default action for the exception, from the frame.
exo_unhandled_frame:
	lw	$t0, F_EPC($sp)
	lw	$t1, F_BADVA($sp)
	lw	$a2, F_CAUSE($sp)
	sw	$t0, BOOT_VA+BOOT_SAVE+12($zero)
	sw	$t1, EXO_SCRATCH+EXO_S_BADVA($zero)
# No handler: a TLB miss or Mod is a segmentation fault (exo_segv); any other code prints
# "exo: unhandled exception N at pc EPC" and exits with 128 + the signal Linux would send
# (the kernel's table, firmware/kernel.s exc_signal). a2 = Cause.
exo_unhandled:
	andi	$t0, $a2, CAUSE_EXC_MASK
	addiu	$t1, $t0, -4
	sltiu	$t1, $t1, 12				# ExcCode 1..3
	bnez	$t1, exo_segv
	srl	$t0, $t0, 2
	sw	$t0, EXO_SCRATCH+EXO_S_BADVA($zero)	# (the code, for the message)
	li	$a0, EXO_PTEXT + (exo_exc_msg - exo_ptext)
	li	$a1, exo_exc_msg_end - exo_exc_msg
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	lw	$t0, EXO_SCRATCH+EXO_S_BADVA($zero)
	li	$t1, EXO_SCRATCH+EXO_S_BUF
	addiu	$t0, $t0, '0'
	sltiu	$t2, $t0, '0' + 10
	bnez	$t2, 1f
	li	$a1, 1
	addiu	$t0, $t0, -10
	li	$t2, '1'
	sb	$t2, 0($t1)
	addiu	$t1, $t1, 1
	li	$a1, 2
1:	sb	$t0, 0($t1)
	li	$a0, EXO_SCRATCH+EXO_S_BUF
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	li	$a0, EXO_PTEXT + (exo_segv_pc - exo_ptext)
	li	$a1, exo_segv_pc_end - exo_segv_pc
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	bal	exo_phex
	lw	$a0, BOOT_VA+BOOT_SAVE+12($zero)	# EPC
	li	$a0, EXO_PTEXT + (exo_segv_end - exo_ptext)
	li	$a1, 2
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	lw	$t0, EXO_SCRATCH+EXO_S_BADVA($zero)
	li	$t1, EXO_PTEXT + (exo_exc_signal - exo_ptext)
	addu	$t1, $t1, $t0
	lbu	$a0, 0($t1)
	li	$v0, SYS_EXIT
	addiu	$a0, $a0, 128
	syscall
1:	b	1b
	nop

exo_stack_overflow:
	li	$a0, EXO_PTEXT + (exo_stk_msg - exo_ptext)
	li	$a1, exo_stk_msg_end - exo_stk_msg
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	li	$a0, 139
	li	$v0, SYS_EXIT
	syscall
1:	b	1b
	nop

# A miss on a page that is not ours (or that tlb_write refused, v0 = the error): print
# "exo: segmentation fault at BADVA (pc EPC)" and exit with 139 (128 + SIGSEGV).
exo_segv:
	li	$a0, EXO_PTEXT + (exo_segv_msg - exo_ptext)
	li	$a1, exo_segv_msg_end - exo_segv_msg
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	bal	exo_phex
	lw	$a0, EXO_SCRATCH+EXO_S_BADVA($zero)
	li	$a0, EXO_PTEXT + (exo_segv_pc - exo_ptext)
	li	$a1, exo_segv_pc_end - exo_segv_pc
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	bal	exo_phex
	lw	$a0, BOOT_VA+BOOT_SAVE+12($zero)	# EPC
	li	$a0, EXO_PTEXT + (exo_segv_end - exo_ptext)
	li	$a1, 2
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	li	$a0, 139
	li	$v0, SYS_EXIT
	syscall
1:	b	1b
	nop

# exo_vm_find: a0 = an address -> v0 = the page table's record of its page (a pinned address),
# or 0 if the page is not in the table. Either table (VM_G_MODE). Callable from anywhere (jal
# exo_vm_find) and from the pinned code (bal). Clobbers a0, v1, t0, t1.
	.globl	exo_vm_find
exo_vm_find:
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	srl	$a0, $a0, PAGE_SHIFT
	bnez	$t0, 5f
	sll	$a0, $a0, PAGE_SHIFT			# the page's va
	lui	$v0, %hi(VM_TABLE)			# the same search, looping (exo_tlbmiss)
	lw	$v1, VM_PAGE+VM_G_P($zero)		# P, in bytes
	nop
1:	srl	$v1, $v1, 1				# step (bytes)
	sltiu	$t0, $v1, VM_REC_SIZE
	bnez	$t0, 2f
	addu	$t1, $v0, $v1
	lw	$t0, VM_R_VA($t1)
	nop
	sltu	$t0, $a0, $t0
	bnez	$t0, 1b
	nop
	b	1b
	move	$v0, $t1
2:	lw	$t0, VM_R_VA($v0)
	nop
	beq	$t0, $a0, 8f
	nop
	b	9f
	nop
5:	srl	$v0, $a0, PAGE_SHIFT
	srl	$t0, $v0, 9
	xor	$v0, $v0, $t0
	sll	$t0, $t0, 5
	xor	$v0, $v0, $t0
	andi	$v0, $v0, VM_HASH_MASK
	sll	$v0, $v0, VM_REC_SHIFT
	lui	$t1, %hi(VM_TABLE)
	addu	$v0, $v0, $t1
6:	lw	$t0, VM_R_VA($v0)
	nop
	beq	$t0, $a0, 8f
	nop
	beqz	$t0, 9f
	addiu	$v0, $v0, VM_REC_SIZE
	andi	$v0, $v0, VM_HASH_SLOTS * VM_REC_SIZE - 1
	b	6b
	addu	$v0, $v0, $t1
8:	jr	$ra
	nop
9:	jr	$ra
	move	$v0, $zero

# exo_phex: prints a0 as 0xXXXXXXXX from the scratch page's buffer.
# Clobbers a0, a1, t0-t2, v0, v1.
exo_phex:
	li	$t0, EXO_SCRATCH+EXO_S_BUF
	li	$t1, 0x7830				# "0x"
	sh	$t1, 0($t0)
	li	$t2, 8
1:	srl	$t1, $a0, 28
	sltiu	$v0, $t1, 10
	bnez	$v0, 2f
	addiu	$t1, $t1, '0'
	addiu	$t1, $t1, 'a' - '0' - 10
2:	sb	$t1, 2($t0)
	sll	$a0, $a0, 4
	addiu	$t2, $t2, -1
	bnez	$t2, 1b
	addiu	$t0, $t0, 1
	li	$a0, EXO_SCRATCH+EXO_S_BUF
	li	$a1, 10
	li	$v0, SYS_CONSOLE_WRITE
	syscall
	jr	$ra
	nop

# exo_map_find: a1 = an address -> v0 = the boot-map record of its page (a pinned address), or
# 0 if the page is not in the map. Binary search over the records, sorted by va (unsigned).
# Keeps a1; clobbers a0, a2, t0-t2, v1.
	.globl	exo_map_find
exo_map_find:
	srl	$t0, $a1, PAGE_SHIFT
	sll	$t0, $t0, PAGE_SHIFT			# the page's va
	lw	$t1, BOOT_VA+BOOT_NMAPS($zero)		# hi (exclusive)
	move	$t2, $zero				# lo
1:	beq	$t2, $t1, 3f				# empty range: not in the map
	addu	$v0, $t2, $t1
	srl	$v0, $v0, 1				# mid
	sll	$a0, $v0, 4				# BOOT_MAP_SIZE = 16
	lw	$a2, BOOT_VA+BOOT_MAPS($a0)		# map[mid].va
	addiu	$a0, $a0, BOOT_VA+BOOT_MAPS		# &map[mid]
	beq	$a2, $t0, 2f
	sltu	$a2, $a2, $t0
	bnez	$a2, 4f
	nop
	b	1b
	move	$t1, $v0				# below: hi = mid
4:	b	1b
	addiu	$t2, $v0, 1				# above: lo = mid + 1
2:	jr	$ra
	move	$v0, $a0
3:	jr	$ra
	move	$v0, $zero

# exo_tlbmiss_boot: the handler __start installs first, over the boot map (the kernel's
# {va, entrylo, rcap, wcap} records), until vm_init has built the page table and installs
# exo_tlbmiss: setting the VM up allocates pages (each one zeroed by the kernel, thousands of
# cycles), so a slice may end on the way, and another environment's refills may evict our pages
# from the STLB meanwhile (programs/kernel/stlb-share3.s runs into this with a short quantum).
exo_tlbmiss_boot:
	sw	$a0, BOOT_VA+BOOT_SAVE+12($zero)	# resume PC for the return idiom (and EPC for exo_segv)
	sw	$v0, EXO_SCRATCH+EXO_S_V0($zero)	# only v0, v1, t0 are used beside a0-a2: few
	sw	$v1, EXO_SCRATCH+EXO_S_V1($zero)	# stores, so the write buffer does not stall
	sw	$a1, EXO_SCRATCH+EXO_S_BADVA($zero)
	sw	$t0, EXO_SCRATCH+EXO_S_T0($zero)
	# Binary search of the boot map (sorted by va) for BadVAddr's page, inline (no call: ra kept):
	# a1 = the page's va, a2 = lo, v1 = hi (exclusive), v0 = mid, a0 = mid's offset.
	srl	$a1, $a1, PAGE_SHIFT
	sll	$a1, $a1, PAGE_SHIFT
	lw	$v1, BOOT_VA+BOOT_NMAPS($zero)
	move	$a2, $zero
1:	beq	$a2, $v1, exo_segv			# empty range: not in the map
	addu	$v0, $a2, $v1
	srl	$v0, $v0, 1
	sll	$a0, $v0, 4				# BOOT_MAP_SIZE = 16
	lw	$t0, BOOT_VA+BOOT_MAPS($a0)		# map[mid].va
	nop
	beq	$t0, $a1, 2f
	sltu	$t0, $t0, $a1
	beqz	$t0, 3f
	nop
	b	1b
	addiu	$a2, $v0, 1				# above: lo = mid + 1
3:	b	1b
	move	$v1, $v0				# below: hi = mid
2:	lw	$t0, EXO_SCRATCH+EXO_S_NMISS($zero)
	addiu	$v0, $a0, BOOT_VA+BOOT_MAPS		# &map[mid]
	lw	$a0, 0($v0)				# va
	lw	$a1, 4($v0)				# EntryLo
	lw	$a2, 12($v0)				# wcap (grants D = 1 and D = 0 alike)
	addiu	$t0, $t0, 1
	sw	$t0, EXO_SCRATCH+EXO_S_NMISS($zero)	# statistics: upcalls served
	li	$v0, SYS_TLB_WRITE
	syscall
	bnez	$v0, exo_segv				# refused (the error is in v0)
	lw	$t0, EXO_SCRATCH+EXO_S_T0($zero)
	lw	$v1, EXO_SCRATCH+EXO_S_V1($zero)
	lw	$v0, EXO_SCRATCH+EXO_S_V0($zero)
	# The return idiom (docs/exokernel.md §6): no kernel entry, no k0/k1. An interrupt or a
	# refill between the jr and its delay slot re-executes the jr, a0 still the resume PC.
	lw	$a2, BOOT_VA+BOOT_SAVE+8($zero)
	lw	$a1, BOOT_VA+BOOT_SAVE+4($zero)
	lw	$a0, BOOT_VA+BOOT_SAVE+12($zero)
	nop
	jr	$a0
	lw	$a0, BOOT_VA+BOOT_SAVE+0($zero)

# exo_vm_to_inverted() -> v0 = 0 or EBUSY: rebuilds the linear table as the inverted one (both
# table pages must be there, vm_use_inverted sees to it) and installs the inverted table's
# handlers. Pinned code over pinned data only, so no TLB miss can find the table half rebuilt.
# The records are copied to the exception stack first: at most VM_CONVERT_MAX of them, and not
# from a handler (the stack is in use). Clobbers a0-a3, t0-t9, v0, v1.
	.equ	VM_CONVERT_MAX, (VM_STACK_TOP - VM_STACK_LO) / VM_REC_SIZE
	.globl	exo_vm_to_inverted
exo_vm_to_inverted:
	lw	$t0, VM_PAGE+VM_G_N($zero)
	li	$v0, EBUSY
	sltiu	$t1, $t0, VM_CONVERT_MAX + 1
	beqz	$t1, 9f
	addiu	$t1, $sp, -VM_STACK_LO
	sltiu	$t1, $t1, VM_STACK_TOP - VM_STACK_LO
	bnez	$t1, 9f					# on the exception stack: a handler
	li	$t2, VM_TABLE
	li	$t3, VM_STACK_LO
	move	$t4, $t0
1:	beqz	$t4, 2f
	lw	$t5, 0($t2)
	lw	$t6, 4($t2)
	lw	$t7, 8($t2)
	lw	$t8, 12($t2)
	sw	$t5, 0($t3)
	sw	$t6, 4($t3)
	sw	$t7, 8($t3)
	sw	$t8, 12($t3)
	addiu	$t2, $t2, VM_REC_SIZE
	addiu	$t3, $t3, VM_REC_SIZE
	b	1b
	addiu	$t4, $t4, -1
2:	li	$t2, VM_TABLE
	li	$t3, VM_TABLE + VM_HASH_SLOTS * VM_REC_SIZE
3:	sw	$zero, 0($t2)
	addiu	$t2, $t2, 4
	bne	$t2, $t3, 3b
	nop
	li	$t3, VM_STACK_LO
	move	$t4, $t0
	li	$t9, VM_TABLE
4:	beqz	$t4, 7f
	lw	$a0, 0($t3)
	nop
	srl	$t5, $a0, PAGE_SHIFT
	srl	$t6, $t5, 9
	xor	$t5, $t5, $t6
	sll	$t6, $t6, 5
	xor	$t5, $t5, $t6
	andi	$t5, $t5, VM_HASH_MASK
	sll	$t5, $t5, VM_REC_SHIFT
	addu	$t5, $t5, $t9
5:	lw	$t6, 0($t5)
	nop
	beqz	$t6, 6f
	nop
	addiu	$t5, $t5, VM_REC_SIZE
	andi	$t5, $t5, VM_HASH_SLOTS * VM_REC_SIZE - 1
	b	5b
	addu	$t5, $t5, $t9
6:	lw	$t6, 4($t3)
	lw	$t7, 8($t3)
	lw	$t8, 12($t3)
	sw	$a0, 0($t5)
	sw	$t6, 4($t5)
	sw	$t7, 8($t5)
	sw	$t8, 12($t5)
	addiu	$t3, $t3, VM_REC_SIZE
	b	4b
	addiu	$t4, $t4, -1
7:	li	$t0, VM_MODE_INVERTED
	sw	$t0, VM_PAGE+VM_G_MODE($zero)
	move	$t9, $ra
	move	$a0, $zero
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	li	$a2, EXO_PTEXT + (exo_tlbmiss_inv - exo_ptext)
	lw	$a3, BOOT_VA+BOOT_ENVCAP($zero)
	li	$v0, SYS_ENV_SET
	syscall
	bltz	$v0, 8f
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBS
	li	$v0, SYS_ENV_SET
	syscall
	bltz	$v0, 8f
	li	$a1, FIELD_HANDLER + 4 * EXC_MOD
	li	$a2, EXO_PTEXT + (exo_modfault_inv - exo_ptext)
	li	$v0, SYS_ENV_SET
	syscall
8:	move	$ra, $t9
9:	jr	$ra
	nop

exo_segv_msg:	.ascii	"exo: segmentation fault at "
exo_segv_msg_end:
exo_segv_pc:	.ascii	" (pc "
exo_segv_pc_end:
exo_segv_end:	.ascii	")\n"
exo_exc_msg:	.ascii	"exo: unhandled exception "
exo_exc_msg_end:
exo_stk_msg:	.ascii	"exo: exception stack overflow\n"
exo_stk_msg_end:
# The signal Linux would send per ExcCode (as the kernel's exc_signal, firmware/kernel.s).
exo_exc_signal:	.byte	6, 11, 11, 11, 7, 7, 7, 7, 31, 5, 4, 4, 8, 6, 6, 6
	.balign	4
exo_ptext_end:
	.if	exo_tlbmiss - exo_ptext
	.error	"exo_tlbmiss must be the first thing in the pinned page (exo.inc EXO_TLBMISS_VA)"
	.endif
	.if	exo_ptext_end - exo_ptext > PAGE_SIZE
	.error	"the pinned code must fit in one page"
	.endif

# exo_pinned_va(a0 = an address in the pinned code) -> v0 = its address in the alias EXO_PTEXT
# (where handlers must run: see the top of the file).
	.globl	exo_pinned_va
exo_pinned_va:
	la	$v0, exo_ptext
	subu	$v0, $a0, $v0
	jr	$ra
	addiu	$v0, $v0, EXO_PTEXT

	.globl	exo_tlbmiss, exo_modfault, exo_tlbmiss_inv, exo_modfault_inv, exo_exc_entry
	.globl	exo_tlbmiss_lend, exo_modfault_lend, exo_fault_skip, exo_fault_retry

# ---------------------------------------------------------------------------------------------
# __start: a0 = BOOT_VA, sp = USER_STACK_TOP - 16, user mode.
	.globl	__start
__start:
	move	$s0, $a0				# the boot page (main gets it back)
	lw	$s1, BOOT_ENVCAP($a0)			# our environment capability
	# The scratch page: any free page; rcap = wcap = a secret of our choice (never 0).
	lui	$t0, 0x5ca7
	ori	$t0, $t0, 0x0c01
	xor	$s2, $s1, $t0
	ori	$s2, $s2, 1
	li	$a0, -1
	move	$a1, $s2
	move	$a2, $s2
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, crt0_fail
	li	$s3, 1					# (delay slot) failure 1: page_alloc
	move	$s4, $v0				# page number
	sll	$a2, $v0, PAGE_SHIFT
	ori	$a2, $a2, ELO_D | ELO_V
	li	$a0, EXO_SLOT_SCRATCH
	li	$a1, EXO_SCRATCH
	move	$a3, $s2
	SYS	SYS_GUARANTEE
	bltz	$v0, crt0_fail
	li	$s3, 2					# failure 2: guarantee the scratch page
	sw	$s2, EXO_SCRATCH+EXO_S_CAP($zero)
	sw	$s4, EXO_SCRATCH+EXO_S_PAGE($zero)
	sw	$zero, EXO_SCRATCH+EXO_S_NMISS($zero)
	# The alias of the pinned code: its text page's boot-map record gives PFN and capability.
	la	$a1, exo_ptext
	jal	exo_map_find
	nop
	beqz	$v0, crt0_fail
	li	$s3, 3					# failure 3: the pinned code is not in the boot map
	lw	$a2, 4($v0)				# EntryLo of the page
	lw	$a3, 12($v0)				# its wcap
	li	$a0, EXO_SLOT_PTEXT
	li	$a1, EXO_PTEXT
	SYS	SYS_GUARANTEE
	bltz	$v0, crt0_fail
	li	$s3, 4					# failure 4: guarantee the alias
	# The boot map's handler for both TLB-miss codes (a load or fetch miss, a store miss), until
	# the library OS's page table (vm.s) is there: vm_init seeds it from the boot map and
	# installs the TLB-miss and Mod handlers over it.
	li	$a0, 0
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	li	$a2, EXO_PTEXT + (exo_tlbmiss_boot - exo_ptext)
	move	$a3, $s1
	SYS	SYS_ENV_SET
	bltz	$v0, crt0_fail
	li	$s3, 5					# failure 5: env_set TLBL
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBS
	SYS	SYS_ENV_SET
	bltz	$v0, crt0_fail
	li	$s3, 6					# failure 6: env_set TLBS
	jal	vm_init
	nop
	bltz	$v0, crt0_fail
	li	$s3, 7					# failure 7: vm_init
	move	$a0, $s0
	move	$s0, $zero				# main starts with s0-s4 zero, as a C
	move	$s1, $zero				# function would find them (nothing to
	move	$s2, $zero				# rely on, but nothing stale either)
	move	$s3, $zero
	jal	main
	move	$s4, $zero
	# The library's exit (proc.s): flushes io.s's buffered output, and a spawned child's status
	# goes to its parent (wait); then SYS_EXIT.
	jal	exit
	move	$a0, $v0
1:	b	1b					# exit does not return
	nop

# crt0 could not set the environment up: print "exo crt0: setup step S failed: error E" and
# exit 127 (s3 = step, v0 = the error).
crt0_fail:
	move	$s4, $v0
	la	$a0, crt0_msg
	jal	exo_puts
	li	$a1, crt0_msg_end - crt0_msg
	jal	exo_putdec
	move	$a0, $s3
	la	$a0, crt0_msg2
	jal	exo_puts
	li	$a1, crt0_msg2_end - crt0_msg2
	jal	exo_putdec
	move	$a0, $s4
	la	$a0, exo_nl
	jal	exo_puts
	li	$a1, 1
	li	$a0, 127
	SYS	SYS_EXIT
1:	b	1b
	nop

# ---------------------------------------------------------------------------------------------
# Console helpers (ordinary text; o32-like but see each one's clobbers).

# exo_puts: a0 = address, a1 = length -> v0 = bytes written or an error. console_write needs
# the bytes' pages in the TLB or STLB (§7): touch them first (a miss is served by exo_tlbmiss),
# and retry a few times if a page was evicted in between (EFAULT).
# Clobbers v0, v1 only.
	.globl	exo_puts
exo_puts:
	addiu	$sp, $sp, -16
	sw	$t8, 0($sp)
	sw	$t9, 4($sp)
	li	$t9, 4					# attempts
1:	blez	$a1, 3f
	move	$t8, $a0
2:	lb	$v1, 0($t8)				# touch each page of the buffer
	srl	$t8, $t8, PAGE_SHIFT
	addiu	$t8, $t8, 1
	sll	$t8, $t8, PAGE_SHIFT			# next page
	subu	$v0, $t8, $a0
	sltu	$v0, $v0, $a1
	bnez	$v0, 2b
	nop
	addu	$t8, $a0, $a1
	lb	$v1, -1($t8)				# and the last byte
3:	SYS	SYS_CONSOLE_WRITE
	li	$v1, EFAULT
	bne	$v0, $v1, 4f
	addiu	$t9, $t9, -1
	bgtz	$t9, 1b
	nop
4:	lw	$t8, 0($sp)
	lw	$t9, 4($sp)
	jr	$ra
	addiu	$sp, $sp, 16

# exo_strlen: a0 = .asciz string -> v0 = its length. Clobbers v1.
exo_strlen:
	move	$v0, $a0
1:	lb	$v1, 0($v0)
	nop
	bnez	$v1, 1b
	addiu	$v0, $v0, 1
	addiu	$v0, $v0, -1
	jr	$ra
	subu	$v0, $v0, $a0

# exo_print: prints the .asciz string at t8. Clobbers t8, t9 (and ra) only.
	.globl	exo_print
exo_print:
	addiu	$sp, $sp, -24
	sw	$a0, 0($sp)
	sw	$a1, 4($sp)
	sw	$v0, 8($sp)
	sw	$v1, 12($sp)
	sw	$ra, 16($sp)
	jal	exo_strlen
	move	$a0, $t8
	jal	exo_puts
	move	$a1, $v0
	lw	$ra, 16($sp)
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$v0, 8($sp)
	lw	$v1, 12($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# exo_puthex: prints a0 as 0xXXXXXXXX. Clobbers v0, v1.
	.globl	exo_puthex
exo_puthex:
	addiu	$sp, $sp, -32
	sw	$a0, 16($sp)
	sw	$a1, 20($sp)
	sw	$t8, 24($sp)
	sw	$ra, 28($sp)
	li	$v0, 0x7830				# "0x"
	sh	$v0, 0($sp)
	addiu	$t8, $sp, 2
1:	srl	$v0, $a0, 28
	sltiu	$v1, $v0, 10
	bnez	$v1, 2f
	addiu	$v0, $v0, '0'
	addiu	$v0, $v0, 'a' - '0' - 10
2:	sb	$v0, 0($t8)
	addiu	$t8, $t8, 1
	subu	$v1, $t8, $sp
	sltiu	$v1, $v1, 10
	bnez	$v1, 1b
	sll	$a0, $a0, 4
	move	$a0, $sp
	jal	exo_puts
	li	$a1, 10
	lw	$ra, 28($sp)
	lw	$a0, 16($sp)
	lw	$a1, 20($sp)
	lw	$t8, 24($sp)
	jr	$ra
	addiu	$sp, $sp, 32

# exo_putdec: prints a0 (signed) in decimal. Clobbers v0, v1.
	.globl	exo_putdec
exo_putdec:
	addiu	$sp, $sp, -40
	sw	$a0, 16($sp)
	sw	$a1, 20($sp)
	sw	$t8, 24($sp)
	sw	$t9, 28($sp)
	sw	$ra, 32($sp)
	addiu	$t8, $sp, 16				# digits go downwards from sp+15
	move	$t9, $a0
	bgez	$a0, 1f
	nop
	subu	$a0, $zero, $a0				# magnitude (0x80000000 stays, unsigned below)
1:	li	$v1, 10
	divu	$zero, $a0, $v1
	mfhi	$v0
	mflo	$a0
	addiu	$v0, $v0, '0'
	addiu	$t8, $t8, -1
	bnez	$a0, 1b
	sb	$v0, 0($t8)
	bgez	$t9, 2f
	li	$v0, '-'
	addiu	$t8, $t8, -1
	sb	$v0, 0($t8)
2:	move	$a0, $t8
	addiu	$a1, $sp, 16
	jal	exo_puts
	subu	$a1, $a1, $t8
	lw	$ra, 32($sp)
	lw	$a0, 16($sp)
	lw	$a1, 20($sp)
	lw	$t8, 24($sp)
	lw	$t9, 28($sp)
	jr	$ra
	addiu	$sp, $sp, 40

# exo_show: prints t9 as 0xXXXXXXXX and a newline. Clobbers t8, t9 (and ra) only.
	.globl	exo_show
exo_show:
	addiu	$sp, $sp, -24
	sw	$a0, 0($sp)
	sw	$a1, 4($sp)
	sw	$v0, 8($sp)
	sw	$v1, 12($sp)
	sw	$ra, 16($sp)
	jal	exo_puthex
	move	$a0, $t9
	la	$a0, exo_nl
	jal	exo_puts
	li	$a1, 1
	lw	$ra, 16($sp)
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$v0, 8($sp)
	lw	$v1, 12($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# exo_check: t8 = a check record {number, expected, mode, "what"}, t9 = the value seen;
# mode 0: equal, 1: signed >=, 2: not equal, 3: equal to the word at the caller's sp.
# Prints "ok N: what", or "FAIL N: what: got X, expected Y" and exits with status N.
# Clobbers t8, t9 (and ra) only.
	.globl	exo_check
exo_check:
	addiu	$sp, $sp, -32
	sw	$a0, 0($sp)
	sw	$a1, 4($sp)
	sw	$a2, 8($sp)
	sw	$v0, 12($sp)
	sw	$v1, 16($sp)
	sw	$ra, 20($sp)
	lw	$a1, 4($t8)				# expected
	lw	$a2, 8($t8)				# mode
	li	$v0, 3
	bne	$a2, $v0, 1f
	nop
	lw	$a1, 32($sp)				# mode 3: the caller pushed the value
1:	beqz	$a2, 5f
	li	$v0, 1
	beq	$a2, $v0, 6f
	li	$v0, 2
	beq	$a2, $v0, 7f
	nop
5:	beq	$t9, $a1, exo_check_ok			# modes 0 and 3
	nop
	b	exo_check_fail
	nop
6:	slt	$v0, $t9, $a1
	beqz	$v0, exo_check_ok
	nop
	b	exo_check_fail
	nop
7:	bne	$t9, $a1, exo_check_ok
	nop
exo_check_fail:
	sw	$a1, 24($sp)				# expected
	la	$a0, exo_fail_msg
	jal	exo_puts
	li	$a1, 5
	jal	exo_putdec
	lw	$a0, 0($t8)
	la	$a0, exo_colon
	jal	exo_puts
	li	$a1, 2
	jal	exo_strlen
	addiu	$a0, $t8, 12
	jal	exo_puts
	move	$a1, $v0
	la	$a0, exo_got_msg
	jal	exo_puts
	li	$a1, exo_got_msg_end - exo_got_msg
	jal	exo_puthex
	move	$a0, $t9
	lw	$a2, 8($t8)
	li	$v0, 2
	beq	$a2, $v0, 8f				# "not equal": no expected value to print
	li	$v0, 1
	la	$a0, exo_exp_msg
	bne	$a2, $v0, 9f
	li	$a1, exo_exp_msg_end - exo_exp_msg
	la	$a0, exo_min_msg
	li	$a1, exo_min_msg_end - exo_min_msg
9:	jal	exo_puts
	nop
	jal	exo_puthex
	lw	$a0, 24($sp)
8:	la	$a0, exo_nl
	jal	exo_puts
	li	$a1, 1
	lw	$a0, 0($t8)				# exit status: the check number, at most 255
	nop
	sltiu	$v0, $a0, 256
	bnez	$v0, 1f
	nop
	li	$a0, 255
1:	SYS	SYS_EXIT
1:	b	1b
	nop
exo_check_ok:
	la	$a0, exo_ok_msg
	jal	exo_puts
	li	$a1, 3
	jal	exo_putdec
	lw	$a0, 0($t8)
	la	$a0, exo_colon
	jal	exo_puts
	li	$a1, 2
	jal	exo_strlen
	addiu	$a0, $t8, 12
	jal	exo_puts
	move	$a1, $v0
	la	$a0, exo_nl
	jal	exo_puts
	li	$a1, 1
	lw	$ra, 20($sp)
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$a2, 8($sp)
	lw	$v0, 12($sp)
	lw	$v1, 16($sp)
	jr	$ra
	addiu	$sp, $sp, 32

	.rdata
crt0_msg:	.ascii	"exo crt0: setup step "
crt0_msg_end:
crt0_msg2:	.ascii	" failed: error "
crt0_msg2_end:
exo_fail_msg:	.ascii	"FAIL "
exo_ok_msg:	.ascii	"ok "
exo_colon:	.ascii	": "
exo_got_msg:	.ascii	": got "
exo_got_msg_end:
exo_exp_msg:	.ascii	", expected "
exo_exp_msg_end:
exo_min_msg:	.ascii	", expected at least "
exo_min_msg_end:
exo_nl:	.ascii	"\n"
	.text
	.set	reorder
