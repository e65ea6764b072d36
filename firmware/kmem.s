# kmem.s: physical pages, capabilities, secure bindings, the STLB and the console system calls
# (docs/exokernel.md §4.2, §5, §7; calling conventions in firmware/kconv.md).
#
# Paper §3.2 ("secure bindings") and §5.4: a page is owned by one environment and carries the
# read and write capabilities the library OS chose; a TLB entry is installed only when the
# presented capability grants the requested rights, and freeing a page (or changing its
# capabilities) breaks every binding to it: TLB entries, STLB entries, guaranteed mappings and
# exception save areas that point into it.
#
# CP0 hazards (r3000.md §2 "CP0 hazards"; GNU as -march=r3000 assumes 2 instructions after an
# MTC0): everywhere below an MTC0 is followed by at least one instruction (two where one is free)
# before a TLB instruction that reads the register it wrote; a TLBP or TLBR by at least one
# before the MFC0 that reads its result; and an MFC0 result, like a load, is used two
# instructions later at the earliest. Our emulator applies MTC0 at once, so tests cannot catch a
# missing slot: read the comments marked "hazard".
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat				# `at` is the user's in no-stack calls; never used here

# ---------------------------------------------------------------------------------------------
# Boot
# ---------------------------------------------------------------------------------------------

# k_mem_init(): the page table and the STLB (KG_NPAGES set by the caller).
# Pages below the end of the page table hold the kernel (vectors, text, environment table, stack,
# globals, STLB, the page table itself): owner PG_KERNEL, no capabilities. The rest are free
# (all four words 0). KG_FIRST_PAGE = the first free page. Every STLB tag = STLB_EMPTY.
	.globl	k_mem_init
k_mem_init:
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_NPAGES($t0)		# npages
	li	$t2, PAGE_TABLE
	sll	$t3, $t1, PG_SHIFT
	addu	$t3, $t3, $t2			# end of the page table (kseg0)
	addiu	$t3, $t3, 0xfff
	sll	$t3, $t3, 1			# drop bit 31 (kseg0 -> physical), round up to a page
	srl	$t3, $t3, 13			# t3 = first free page
	sw	$t3, KG_FIRST_PAGE($t0)
	li	$t4, PG_KERNEL
	move	$t5, $zero			# page number
1:	sltu	$t6, $t5, $t1			# every page of RAM gets a record
	beqz	$t6, 3f
	sltu	$t6, $t5, $t3
	beqz	$t6, 2f				# a free page: owner 0
	move	$t7, $zero
	move	$t7, $t4			# a kernel page: owner PG_KERNEL
2:	sw	$t7, PG_OWNER($t2)
	sw	$zero, PG_RCAP($t2)
	sw	$zero, PG_WCAP($t2)
	sw	$zero, PG_FLAGS($t2)
	addiu	$t5, $t5, 1
	b	1b
	addiu	$t2, $t2, 1 << PG_SHIFT
3:	lui	$t2, %hi(STLB)			# every STLB entry empty
	addiu	$t3, $t2, STLB_BYTES - 8	# the last entry
	li	$t4, STLB_EMPTY
4:	sw	$t4, 0($t2)
	sw	$zero, 4($t2)
	bne	$t2, $t3, 4b
	addiu	$t2, $t2, 8
	jr	$ra
	nop

# ---------------------------------------------------------------------------------------------
# No-stack system calls (kconv.md kind 1): only k0, k1, v0, v1; end with `j nostack_return`.
# ---------------------------------------------------------------------------------------------

# sys_tlb_write(a0 = va, a1 = EntryLo, a2 = capability)  [SYS_TLB_WRITE]
# Paper §5.4 step 3: check that the capability grants the mapping, then write TLB and STLB.
# Refusals, in order: EINVAL va not kuseg or not page aligned, G set, PFN >= npages; EPERM a
# kernel page; ENOENT a free page; ECAP D = 1 without the wcap, or D = 0 with neither cap;
# EBUSY va is one of the caller's guaranteed mappings, of another page (pinned VAs only).
# EntryLo's low 8 bits are ignored. The entry goes over an existing one for the same va and ASID
# (TLBP then TLBWI: two matching entries would be undefined, r3000.md §1.3), else to a random
# one (TLBWR never picks entries 0-7, which stay the kernel's), and into the STLB.
	.globl	sys_tlb_write
sys_tlb_write:
	andi	$v0, $a0, 0xfff
	bnez	$v0, tw_einval			# not page aligned
	srl	$k0, $a1, 12			# k0 = PFN
	bltz	$a0, tw_einval			# not kuseg
	andi	$v0, $a1, ELO_G
	bnez	$v0, tw_einval			# G would match every ASID
	lui	$k1, %hi(KBASE)
	lw	$v0, KG_NPAGES($k1)
	sll	$v1, $k0, PG_SHIFT
	sltu	$v0, $k0, $v0
	beqz	$v0, tw_einval			# no such page
	lui	$k0, %hi(PAGE_TABLE)
	addu	$k0, $k0, $v1			# k0 + %lo(PAGE_TABLE+...) = the page's record
	lw	$v0, %lo(PAGE_TABLE+PG_OWNER)($k0)
	lw	$v1, %lo(PAGE_TABLE+PG_WCAP)($k0)
	addiu	$v0, $v0, 1			# owner + 1: 0 kernel, 1 free, > 1 an environment
	sltiu	$v0, $v0, 2
	bnez	$v0, tw_badowner
	andi	$k1, $a1, ELO_D			# k1 = D (tw_badowner reloads v0)
	beq	$a2, $v1, tw_capok		# the wcap grants both rights
	srl	$v0, $a0, 22			# v0 = 0: va < PINNED_LIMIT (0x00400000)
	bnez	$k1, tw_ecap			# writable needs the wcap
	lw	$v1, %lo(PAGE_TABLE+PG_RCAP)($k0)
	nop
	bne	$a2, $v1, tw_ecap		# read-only: the rcap will do
	nop					# (0 never matches: allocated pages have non-zero caps)
tw_capok:
	beqz	$v0, tw_pinned
tw_install:
	mfc0	$k1, c0_entryhi			# (delay slot, re-entered from tw_pinned) current ASID
	srl	$v1, $a1, 8
	andi	$k1, $k1, EHI_ASID_MASK
	or	$k1, $k1, $a0			# k1 = EntryHi = va | ASID
	mtc0	$k1, c0_entryhi
	sll	$v1, $v1, 8			# v1 = EntryLo, low 8 bits cleared
	mtc0	$v1, c0_entrylo			# hazard: 2 instructions since EntryHi was written
	tlbp
	srl	$k0, $k1, 9			# STLB index (docs §5): ((EntryHi >>> 9) ^ EntryHi) & mask
	mfc0	$v0, c0_index			# hazard: 1 instruction after TLBP
	xor	$k0, $k0, $k1
	bgez	$v0, tw_indexed			# P = 0: present, overwrite that entry
	andi	$k0, $k0, STLB_INDEX_MASK
	tlbwr					# hazard: EntryLo written 6 instructions ago
tw_stlb:
	lui	$v0, %hi(STLB)
	addu	$k0, $k0, $v0
	sw	$k1, 0($k0)			# tag = EntryHi
	sw	$v1, 4($k0)
	j	nostack_return
	move	$v0, $zero
tw_indexed:
	b	tw_stlb
	tlbwi					# over the old entry for this va and ASID

# A pinned va: refuse it if one of the caller's guaranteed mappings (any ASID: they belong to the
# environment) maps the same VPN to another page; an empty slot has EntryLo = 0.
tw_pinned:
	lui	$k1, %hi(KBASE)
	lw	$k1, KG_CUR_ENV($k1)
	nop
	beqz	$k1, tw_install			# no current environment (boot)
	addiu	$k0, $k1, REC_GUAR + NGUAR * 8	# end of the slots
	addiu	$k1, $k1, REC_GUAR
1:	lw	$v0, 0($k1)			# slot EntryHi
	lw	$v1, 4($k1)			# slot EntryLo
	addiu	$k1, $k1, 8
	xor	$v0, $v0, $a0
	srl	$v0, $v0, 12			# 0: the slot maps this VPN
	bnez	$v0, 2f
	xor	$v0, $v1, $a1
	beqz	$v1, 2f				# empty slot
	srl	$v0, $v0, 12			# 0: to the same page
	bnez	$v0, tw_ebusy
	nop
2:	bne	$k1, $k0, 1b
	nop
	b	tw_install
	nop

tw_badowner:					# v0 = 1 here; reload the owner to tell the cases apart
	lw	$v0, %lo(PAGE_TABLE+PG_OWNER)($k0)
	nop
	bnez	$v0, tw_eperm			# PG_KERNEL
	nop
	j	nostack_return
	li	$v0, ENOENT			# free
tw_eperm:
	j	nostack_return
	li	$v0, EPERM
tw_ebusy:
	j	nostack_return
	li	$v0, EBUSY
tw_einval:
	j	nostack_return
	li	$v0, EINVAL
tw_ecap:					# count the refusal (docs §4.2), globally and per environment
	lui	$k1, %hi(KBASE)
	lw	$k0, KG_STAT_BADCAP($k1)
	lw	$v1, KG_CUR_ENV($k1)
	addiu	$k0, $k0, 1
	beqz	$v1, 1f
	sw	$k0, KG_STAT_BADCAP($k1)
	lw	$k0, REC_N_BADCAP($v1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, REC_N_BADCAP($v1)
1:	j	nostack_return
	li	$v0, ECAP

# sys_tlb_delete(a0 = va)  [SYS_TLB_DELETE]
# Removes the current ASID's mapping of va from the TLB (the entry gets the flush pattern
# TLB_FLUSH_HI | index << 12, EntryLo 0: a kseg0 VPN, unique per entry, so it never matches,
# r3000.md §1.3) and from the STLB (the tag, if it is this EntryHi, becomes STLB_EMPTY). EntryHi
# is restored. v0 = 0 even if nothing was mapped; EINVAL if va is not kuseg or not page aligned.
	.globl	sys_tlb_delete
sys_tlb_delete:
	andi	$v0, $a0, 0xfff
	bnez	$v0, tw_einval
	mfc0	$k1, c0_entryhi			# k1 = EntryHi to restore
	bltz	$a0, tw_einval
	andi	$k0, $k1, EHI_ASID_MASK
	or	$k0, $k0, $a0			# k0 = va | ASID
	mtc0	$k0, c0_entryhi
	srl	$v0, $k0, 9
	xor	$v0, $v0, $k0
	tlbp					# hazard: 2 instructions since EntryHi was written
	andi	$v0, $v0, STLB_INDEX_MASK
	lui	$v1, %hi(STLB)
	addu	$v0, $v0, $v1			# v0 = &stlb[index]
	lw	$v1, 0($v0)
	nop
	bne	$v1, $k0, 1f			# the STLB maps something else there
	li	$v1, STLB_EMPTY
	sw	$v1, 0($v0)
	sw	$zero, 4($v0)
1:	mfc0	$v1, c0_index			# hazard: TLBP long done
	lui	$v0, %hi(TLB_FLUSH_HI)
	bltz	$v1, 2f				# not in the TLB
	sll	$v1, $v1, 4			# Index (i << 8) -> i << 12
	or	$v1, $v1, $v0
	mtc0	$v1, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop					# hazard: 2 after EntryHi, 1 after EntryLo
	tlbwi
2:	mtc0	$k1, c0_entryhi
	j	nostack_return
	move	$v0, $zero

# sys_tlb_delete_range(a0 = va, a1 = npages) -> 0  [SYS_TLB_DELETE_RANGE]
# tlb_delete for npages consecutive pages from va, in one call (a library OS protecting many
# pages, paper Table 10 prot100, pays one kernel entry instead of one per page). EINVAL: va not
# page aligned, npages over 1024, or the range leaves kuseg. A stack call that keeps every
# register but v0, v1, k0, k1, at (and ra, parked in KG_TEMP), so it needs no KSAVE: at = the
# page, v1 = the end, k1 = EntryHi to restore.
	.globl	sys_tlb_delete_range
sys_tlb_delete_range:
	andi	$v0, $a0, 0xfff
	bnez	$v0, 9f
	sltiu	$v0, $a1, 1025
	beqz	$v0, 9f
	sll	$v1, $a1, 12
	bltz	$a0, 9f
	addu	$v1, $v1, $a0			# the end (at most 4 MiB above a kuseg va: no wrap)
	lui	$v0, 0x8000
	sltu	$v0, $v0, $v1			# end > 0x80000000: the range leaves kuseg
	bnez	$v0, 9f
	lui	$k0, %hi(KBASE)
	sw	$ra, KG_TEMP($k0)
	mfc0	$k1, c0_entryhi
	move	$at, $a0
1:	beq	$at, $v1, 8f
	andi	$k0, $k1, EHI_ASID_MASK
	or	$k0, $k0, $at			# va | ASID
	mtc0	$k0, c0_entryhi
	srl	$v0, $k0, 9
	xor	$v0, $v0, $k0
	tlbp					# hazard: 2 instructions since EntryHi was written
	andi	$v0, $v0, STLB_INDEX_MASK
	lui	$ra, %hi(STLB)
	addu	$v0, $v0, $ra			# &stlb[index]
	lw	$ra, 0($v0)
	nop
	bne	$ra, $k0, 2f			# the STLB maps something else there
	li	$ra, STLB_EMPTY
	sw	$ra, 0($v0)
	sw	$zero, 4($v0)
2:	mfc0	$v0, c0_index			# hazard: TLBP long done
	lui	$ra, %hi(TLB_FLUSH_HI)
	bltz	$v0, 3f				# not in the TLB
	sll	$v0, $v0, 4			# Index (i << 8) -> i << 12
	or	$v0, $v0, $ra
	mtc0	$v0, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop					# hazard: 2 after EntryHi, 1 after EntryLo
	tlbwi
3:	b	1b
	addiu	$at, $at, 0x1000
8:	lui	$k0, %hi(KBASE)
	lw	$ra, KG_TEMP($k0)
	mtc0	$k1, c0_entryhi
	jr	$ra
	move	$v0, $zero
9:	jr	$ra
	li	$v0, EINVAL

# sys_tlb_invalidate_range(a0 = va, a1 = npages) -> 0  [SYS_TLB_INVALIDATE_RANGE]
# Like tlb_delete_range, but the current ASID's mappings of those pages stay in the TLB and the
# STLB as negative entries (EntryLo 0: no page, V = 0) where they are, so the next access to one
# raises TLBL/TLBS through the general exception vector at once, with no refill and no STLB probe
# (a library OS read-protecting pages, paper Table 10: Appel & Li's protN and trap). Pages with no
# mapping there are left alone (an access misses as usual). A negative entry grants nothing and
# names no page. EINVAL: va not page aligned or below PINNED_LIMIT (the kernel serves guaranteed
# mappings itself), npages over 1024, or the range leaves kuseg. Keeps every register but v0, v1,
# k0, k1, at, ra (a2 and a3 are borrowed on the kernel stack). Per page, in the TLB and the STLB:
# 17 instructions; in the STLB only: 14.
	.globl	sys_tlb_invalidate_range
sys_tlb_invalidate_range:
	andi	$v0, $a0, 0xfff
	bnez	$v0, 9f
	sltiu	$v0, $a1, 1025
	beqz	$v0, 9f
	lui	$v0, %hi(PINNED_LIMIT)
	sltu	$v0, $a0, $v0
	bnez	$v0, 9f
	sll	$v1, $a1, 12
	bltz	$a0, 9f
	addu	$v1, $v1, $a0			# the end (at most 4 MiB above a kuseg va: no wrap)
	lui	$v0, 0x8000
	sltu	$v0, $v0, $v1			# end > 0x80000000: the range leaves kuseg
	bnez	$v0, 9f
	lui	$k0, %hi(KBASE)
	beq	$a0, $v1, 8f			# no pages
	sw	$ra, KG_TEMP($k0)
	addiu	$sp, $sp, -16
	sw	$a2, 0($sp)
	sw	$a3, 4($sp)
	mfc0	$k1, c0_entryhi			# (restored at the end)
	lui	$ra, %hi(STLB)
	sw	$k1, 8($sp)
	andi	$k1, $k1, EHI_ASID_MASK
	move	$at, $a0
	or	$k0, $at, $k1			# va | ASID
	srl	$v0, $k0, 9
1:	mtc0	$k0, c0_entryhi
	xor	$v0, $v0, $k0
	andi	$v0, $v0, STLB_INDEX_MASK
	tlbp					# hazard: 2 instructions since EntryHi was written
	addu	$v0, $v0, $ra			# &stlb[index]
	lw	$a3, 0($v0)
	mfc0	$a2, c0_index			# hazard: 2 instructions since TLBP
	bne	$a3, $k0, 2f			# the STLB holds something else there
	addiu	$at, $at, 0x1000
	sw	$zero, 4($v0)			# negative: the tag stays, EntryLo 0
2:	bgez	$a2, 3f				# in the TLB too
	or	$k0, $at, $k1			# (the next page)
	bne	$at, $v1, 1b
	srl	$v0, $k0, 9
	b	7f
	nop
3:	mtc0	$zero, c0_entrylo		# EntryHi still this page's, Index its entry
	nop					# hazard: 1 after EntryLo
	tlbwi
	bne	$at, $v1, 1b
	srl	$v0, $k0, 9
7:	lw	$a2, 0($sp)
	lw	$a3, 4($sp)
	lw	$k1, 8($sp)
	addiu	$sp, $sp, 16
	lui	$k0, %hi(KBASE)
	lw	$ra, KG_TEMP($k0)
	mtc0	$k1, c0_entryhi
8:	jr	$ra
	move	$v0, $zero
9:	jr	$ra
	li	$v0, EINVAL

# ---------------------------------------------------------------------------------------------
# Stack system calls (kconv.md kind 2): KSAVE ... KRESTORE, return with `jr ra`.
# ---------------------------------------------------------------------------------------------

# sys_page_alloc(a0 = page or -1, a1 = rcap, a2 = wcap) -> page  [SYS_PAGE_ALLOC]
# The caller becomes the owner. See k_page_alloc for the refusals.
	.globl	sys_page_alloc
sys_page_alloc:
	KSAVE
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	nop
	jal	k_page_alloc
	lw	$a3, REC_ID($t0)		# the caller's id (there is no KG_CUR_ID: kconv.md)
	KRESTORE
	jr	$ra
	nop

# sys_page_dealloc(a0 = page, a1 = wcap) -> 0  [SYS_PAGE_DEALLOC]
# EINVAL no such page; EPERM a kernel page or another environment's; ENOENT a free page; ECAP the
# wrong wcap. Every binding is broken before the page is free again.
	.globl	sys_page_dealloc
sys_page_dealloc:
	KSAVE
	jal	k_owned_page			# v0 = 0 or an error, v1 = record
	move	$s0, $a0
	bnez	$v0, 9f
	move	$s1, $v1
	lw	$t0, PG_WCAP($s1)
	nop
	bne	$t0, $a1, 8f
	nop
	jal	k_break_bindings
	move	$a0, $s0
	sw	$zero, PG_OWNER($s1)		# free: no capability matches any more (docs §4.2)
	sw	$zero, PG_RCAP($s1)
	sw	$zero, PG_WCAP($s1)
	b	9f
	move	$v0, $zero
8:	jal	k_count_badcap
	nop
	li	$v0, ECAP
9:	KRESTORE
	jr	$ra
	nop

# sys_page_setcap(a0 = page, a1 = rcap, a2 = wcap, a3 = old wcap) -> 0  [SYS_PAGE_SETCAP]
# EINVAL a zero capability or no such page; EPERM, ENOENT as page_dealloc; ECAP the old wcap is
# wrong. Breaks every binding first: whoever held the old capabilities loses the mappings they
# made with them (and must present a new one to map the page again).
	.globl	sys_page_setcap
sys_page_setcap:
	KSAVE
	beqz	$a1, 7f
	nop
	beqz	$a2, 7f
	move	$s0, $a0
	jal	k_owned_page			# v0 = 0 or an error, v1 = record
	nop
	bnez	$v0, 9f
	move	$s1, $v1
	lw	$t0, PG_WCAP($s1)
	nop
	bne	$t0, $a3, 8f
	nop
	jal	k_break_bindings
	move	$a0, $s0
	lw	$a1, 4($sp)			# KSAVE's copies of the new capabilities
	lw	$a2, 8($sp)
	sw	$a1, PG_RCAP($s1)
	sw	$a2, PG_WCAP($s1)
	b	9f
	move	$v0, $zero
7:	b	9f
	li	$v0, EINVAL
8:	jal	k_count_badcap
	nop
	li	$v0, ECAP
9:	KRESTORE
	jr	$ra
	nop

# k_owned_page(a0 = page) -> v0 = 0 and v1 = its record (kseg0) if the caller owns it, else v0 =
# EINVAL (no such page), ENOENT (free), EPERM (the kernel's or another environment's). Keeps a0-a3.
k_owned_page:
	lui	$t0, %hi(KBASE)
	lw	$t2, KG_CUR_ENV($t0)
	lw	$t1, KG_NPAGES($t0)
	lw	$t2, REC_ID($t2)		# the caller's id
	sltu	$t1, $a0, $t1
	beqz	$t1, 1f
	li	$v0, EINVAL
	sll	$t1, $a0, PG_SHIFT
	li	$t3, PAGE_TABLE
	addu	$t3, $t3, $t1
	lw	$t1, PG_OWNER($t3)
	nop
	beqz	$t1, 1f
	li	$v0, ENOENT
	bne	$t1, $t2, 1f			# PG_KERNEL or another id
	li	$v0, EPERM
	move	$v0, $zero
	move	$v1, $t3
1:	jr	$ra
	nop

# sys_guarantee(a0 = id << 8 | slot, a1 = va, a2 = EntryLo, a3 = page capability) -> 0
# [SYS_GUARANTEE]. Sets guaranteed mapping `slot` of the caller (id 0) or of an environment the
# caller created (else EPERM; ENOENT no such environment) (docs §5): a mapping the kernel itself serves on a
# TLB miss, so the library OS's miss handler, save areas and page table cannot miss. EntryLo = 0
# clears the slot. Otherwise the same checks as tlb_write, and: va < PINNED_LIMIT, not page 0
# (null pointers keep faulting), EINVAL; EBUSY if another slot maps the same VPN. The slot's old
# mapping, and any current mapping of the new va, are removed from TLB and STLB, so the next
# access misses and the refill path installs the guaranteed one. The record keeps
# {va | the environment's ASID, EntryLo with its low 8 bits cleared}; the refill path matches
# the VPN only, so the mapping follows the environment into every ASID it owns.
	.globl	sys_guarantee
sys_guarantee:
	KSAVE
	# a0 = target id << 8 | slot: the caller itself (id 0), or an environment it created (a
	# library OS sets up a child's pinned mappings before starting it).
	jal	k_env_by_id
	srl	$a0, $a0, 8
	bnez	$v0, 2f
	move	$s3, $v0
	b	9f
	li	$v0, ENOENT
2:	lui	$t0, %hi(KBASE)
	lw	$t1, KG_CUR_ENV($t0)
	nop
	beq	$t1, $s3, 1f
	nop
	lw	$t2, REC_ID($t1)
	lw	$t3, REC_CREATOR($s3)
	nop
	bne	$t2, $t3, 9f
	li	$v0, EPERM
1:	lw	$a0, 0($sp)			# KSAVE's copy
	lw	$a1, 4($sp)
	andi	$a0, $a0, 0xff			# the slot
	sltiu	$t0, $a0, NGUAR
	beqz	$t0, 7f				# no such slot
	lui	$t0, %hi(KBASE)
	move	$s0, $s3
	sll	$t1, $a0, 3
	addu	$s0, $s0, $t1
	addiu	$s0, $s0, REC_GUAR		# s0 = &guaranteed[slot]
	beqz	$a2, 5f				# EntryLo 0: clear the slot
	srl	$s2, $a2, 8
	sll	$s2, $s2, 8			# s2 = EntryLo, low 8 bits cleared
	andi	$t1, $a1, 0xfff
	bnez	$t1, 7f				# not page aligned
	srl	$t1, $a1, 12
	beqz	$t1, 7f				# page 0
	sltiu	$t1, $t1, PINNED_LIMIT >> 12
	beqz	$t1, 7f				# not pinned
	andi	$t1, $a2, ELO_G
	bnez	$t1, 7f
	srl	$a0, $a2, 12			# the page: the same checks as tlb_write
	lw	$t2, KG_NPAGES($t0)
	nop
	sltu	$t2, $a0, $t2
	beqz	$t2, 7f
	sll	$t2, $a0, PG_SHIFT
	li	$t3, PAGE_TABLE
	addu	$t3, $t3, $t2
	lw	$t2, PG_OWNER($t3)
	li	$t4, PG_KERNEL
	beq	$t2, $t4, 9f
	li	$v0, EPERM
	beqz	$t2, 9f
	li	$v0, ENOENT
	lw	$t2, PG_WCAP($t3)
	lw	$t4, PG_RCAP($t3)
	beq	$a3, $t2, 2f			# the wcap grants both rights
	andi	$t1, $a2, ELO_D
	bnez	$t1, 8f				# writable needs the wcap
	nop
	bne	$a3, $t4, 8f
	nop
2:	move	$t1, $s3			# another slot already maps this VPN?
	srl	$t2, $a1, 12
	addiu	$t3, $t1, REC_GUAR
	addiu	$t1, $t1, REC_GUAR + NGUAR * 8
3:	beq	$t3, $s0, 4f			# this slot is replaced anyway
	lw	$t4, 0($t3)
	lw	$t5, 4($t3)
	srl	$t4, $t4, 12
	beqz	$t5, 4f				# empty
	nop
	beq	$t4, $t2, 9f
	li	$v0, EBUSY
4:	addiu	$t3, $t3, 8
	bne	$t3, $t1, 3b
	nop
	lw	$t0, REC_ENTRYHI($s3)
	nop
	andi	$t0, $t0, EHI_ASID_MASK
	or	$s1, $a1, $t0			# s1 = EntryHi = va | the target's ASID
	jal	k_unmap				# a stale mapping of the new va would hide the new one
	move	$a0, $s1
	b	6f
	nop
5:	move	$s1, $zero			# clearing: the slot becomes {0, 0}
	move	$s2, $zero
6:	lw	$t1, 4($s0)			# the slot's old mapping, if any, goes
	lw	$a0, 0($s0)
	beqz	$t1, 1f
	nop
	jal	k_unmap
	nop
1:	sw	$s1, 0($s0)
	sw	$s2, 4($s0)
	b	9f
	move	$v0, $zero
7:	b	9f
	li	$v0, EINVAL
8:	jal	k_count_badcap
	nop
	li	$v0, ECAP
9:	KRESTORE
	jr	$ra
	nop

# sys_console_write(a0 = va, a1 = length) -> length  [SYS_CONSOLE_WRITE]
# EINVAL length > 65536; EFAULT if any page of the buffer does not translate for the caller
# (k_va_to_kaddr: TLB, STLB, guaranteed mappings), checked before anything is printed. Each
# page's piece goes to HOOK_CONSOLE_WRITE by its kseg0 address (the pages need not be
# physically contiguous).
	.globl	sys_console_write
sys_console_write:
	KSAVE
	jal	k_check_buffer
	move	$a2, $zero			# read access
	bnez	$v0, 9f				# EINVAL or EFAULT
	lw	$s0, 0($sp)			# s0 = va (KSAVE's copy)
	lw	$s1, 4($sp)			# s1 = bytes left
	nop
1:	beqz	$s1, 8f
	move	$a0, $s0
	jal	k_va_to_kaddr
	move	$a1, $zero
	li	$t0, EFAULT
	beq	$v0, $t0, 9f			# cannot happen: checked above
	andi	$t0, $s0, 0xfff
	li	$a1, 0x1000
	subu	$a1, $a1, $t0			# bytes to the end of the page
	sltu	$t0, $s1, $a1
	beqz	$t0, 2f
	move	$a0, $v0
	move	$a1, $s1			# the rest fits in this page
2:	addu	$s0, $s0, $a1
	subu	$s1, $s1, $a1
	break	HOOK, HOOK_CONSOLE_WRITE
	b	1b
	nop
8:	lw	$v0, 4($sp)			# the length
9:	KRESTORE
	jr	$ra
	nop

# sys_console_read(a0 = va, a1 = length) -> bytes read  [SYS_CONSOLE_READ]
# Copies the input bytes waiting on the console into the buffer until none waits or the buffer
# is full; 0 = nothing was waiting. EINVAL length > 65536, EFAULT a page of the buffer that does
# not translate writable (checked before any byte is taken).
# How "no byte" differs from a NUL byte: a PUTGETCHAR read returns 0 for both
# (emulator/devices/console.ts, as GXemul's dev_cons). The receive interrupt line (Cause.IP2,
# docs/devices.md "Console receive interrupt") is high exactly while IRQ_ENABLE = 1 and a byte
# is waiting, and is re-evaluated by the enabling store and after every PUTGETCHAR read; the
# kernel runs with interrupts off, so it can poll the line. So: IRQ_ENABLE 0 then 1 (forces an
# evaluation), then while Cause.IP2 read one byte; finally IRQ_ENABLE back to its old value.
	.globl	sys_console_read
sys_console_read:
	KSAVE
	jal	k_check_buffer
	li	$a2, 1				# write access
	bnez	$v0, 9f				# EINVAL or EFAULT
	lw	$s0, 0($sp)			# s0 = va
	lw	$s1, 4($sp)			# s1 = bytes left
	lui	$s3, %hi(CONS_PUTGETCHAR)
	lw	$s2, CONS_IRQ_ENABLE - CONS_PUTGETCHAR($s3)	# s2 = IRQ_ENABLE to restore
	li	$t0, 1
	sw	$zero, CONS_IRQ_ENABLE - CONS_PUTGETCHAR($s3)
	sw	$t0, CONS_IRQ_ENABLE - CONS_PUTGETCHAR($s3)
	lw	$t0, CONS_IRQ_ENABLE - CONS_PUTGETCHAR($s3)	# an uncached read waits for the write buffer: the device has seen the stores
1:	beqz	$s1, 8f				# buffer full
	move	$a0, $s0
	jal	k_va_to_kaddr			# v0 = where this page's part goes
	li	$a1, 1
	li	$t0, EFAULT
	beq	$v0, $t0, 8f			# cannot happen: checked above
	andi	$t0, $s0, 0xfff
	li	$t1, 0x1000
	subu	$t1, $t1, $t0			# room to the end of the page
	sltu	$t0, $s1, $t1
	beqz	$t0, 2f
	nop
	move	$t1, $s1			# t1 = bytes for this page: min(left, room)
2:	mfc0	$t0, c0_cause			# a byte waiting?
	nop
	andi	$t0, $t0, CAUSE_IP_CONS
	beqz	$t0, 8f
	nop
	lbu	$t0, 0($s3)			# take it (a NUL too)
	addiu	$s0, $s0, 1
	addiu	$s1, $s1, -1
	sb	$t0, 0($v0)
	addiu	$t1, $t1, -1
	bnez	$t1, 2b
	addiu	$v0, $v0, 1
	b	1b				# the next page
	nop
8:	sw	$s2, CONS_IRQ_ENABLE - CONS_PUTGETCHAR($s3)
	lw	$t0, 0($sp)
	nop
	subu	$v0, $s0, $t0			# bytes read
9:	KRESTORE
	jr	$ra
	nop

# k_check_buffer(a0 = va, a1 = length, a2 = write?) -> v0 = 0, EINVAL (length > 65536) or
# EFAULT (a page of [va, va + length) does not translate with that access). Internal.
k_check_buffer:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	sw	$s1, 12($sp)
	sw	$s2, 8($sp)
	lui	$t0, 0x1			# 65536
	sltu	$t0, $t0, $a1
	bnez	$t0, 9f
	li	$v0, EINVAL
	beqz	$a1, 9f
	move	$v0, $zero
	move	$s2, $a2
	srl	$s0, $a0, 12
	sll	$s0, $s0, 12			# s0 = first page
	addu	$s1, $a0, $a1
	addiu	$s1, $s1, -1			# s1 = last byte (va < 2^31, length <= 2^16: no wrap)
	srl	$s1, $s1, 12
	sll	$s1, $s1, 12			# s1 = last page
1:	move	$a0, $s0
	jal	k_va_to_kaddr
	move	$a1, $s2
	li	$t0, EFAULT
	beq	$v0, $t0, 9f
	nop
	bne	$s0, $s1, 1b
	addiu	$s0, $s0, 0x1000
	move	$v0, $zero
9:	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	lw	$s1, 12($sp)
	lw	$s2, 8($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# ---------------------------------------------------------------------------------------------
# Internal functions (kconv.md kind 3, o32: may clobber a0-a3, t0-t9, v0, v1, at)
# ---------------------------------------------------------------------------------------------

# k_page_alloc(a0 = page or -1, a1 = rcap, a2 = wcap, a3 = owner id) -> v0 = page or an error.
# EINVAL a zero capability or no such page; ENOMEM no free page (-1); EPERM a kernel page; EBUSY
# a page someone owns. The page is zeroed before it is handed out, so nothing of its previous
# owner leaks (paper §3.2 leaves this to the kernel that hands out the page).
	.globl	k_page_alloc
k_page_alloc:
	beqz	$a1, 9f
	li	$v0, EINVAL
	beqz	$a2, 9f
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_NPAGES($t0)
	li	$t3, PAGE_TABLE
	addiu	$t2, $a0, 1
	bnez	$t2, 2f				# a named page
	nop
	lw	$a0, KG_FIRST_PAGE($t0)		# any page: the first free one
	nop
1:	sltu	$t2, $a0, $t1
	beqz	$t2, 9f
	li	$v0, ENOMEM
	sll	$t2, $a0, PG_SHIFT
	addu	$t2, $t2, $t3
	lw	$t4, PG_OWNER($t2)
	nop
	beqz	$t4, 3f
	nop
	b	1b
	addiu	$a0, $a0, 1
2:	sltu	$t2, $a0, $t1
	beqz	$t2, 9f
	li	$v0, EINVAL
	sll	$t2, $a0, PG_SHIFT
	addu	$t2, $t2, $t3
	lw	$t4, PG_OWNER($t2)
	li	$t5, PG_KERNEL
	beq	$t4, $t5, 9f
	li	$v0, EPERM
	bnez	$t4, 9f
	li	$v0, EBUSY
3:	sll	$t4, $a0, 12			# zero the page through kseg0 (t2 = its record)
	lui	$t5, 0x8000
	or	$t4, $t4, $t5
	addiu	$t5, $t4, 0x1000
4:	sw	$zero, 0($t4)
	sw	$zero, 4($t4)
	sw	$zero, 8($t4)
	sw	$zero, 12($t4)
	sw	$zero, 16($t4)
	sw	$zero, 20($t4)
	sw	$zero, 24($t4)
	addiu	$t4, $t4, 32
	bne	$t4, $t5, 4b
	sw	$zero, -4($t4)
	sw	$a1, PG_RCAP($t2)
	sw	$a2, PG_WCAP($t2)
	sw	$zero, PG_FLAGS($t2)
	sw	$a3, PG_OWNER($t2)
	move	$v0, $a0
9:	jr	$ra
	nop

# k_page_free_all(a0 = owner id): frees every page the owner has, after breaking every binding
# to them (one pass over TLB, STLB and environments for all of them: k_unbind_marked).
	.globl	k_page_free_all
k_page_free_all:
	addiu	$sp, $sp, -16
	sw	$ra, 12($sp)
	sw	$a0, 8($sp)
	jal	k_mark_owned			# mark its pages
	li	$a1, PG_F_UNBIND
	jal	k_unbind_marked
	nop
	lw	$a0, 8($sp)
	jal	k_mark_owned			# free them: owner and capabilities 0
	li	$a1, -1
	lw	$ra, 12($sp)
	nop
	jr	$ra
	addiu	$sp, $sp, 16

# k_mark_owned(a0 = owner id, a1 = PG_F_UNBIND: set the mark on its pages; -1: free them).
k_mark_owned:
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_FIRST_PAGE($t0)
	lw	$t2, KG_NPAGES($t0)
	li	$t3, PAGE_TABLE
	sll	$t1, $t1, PG_SHIFT
	sll	$t2, $t2, PG_SHIFT
	addu	$t1, $t1, $t3			# first record an environment can own
	addu	$t2, $t2, $t3			# end of the table
1:	sltu	$t4, $t1, $t2
	beqz	$t4, 9f
	nop
	lw	$t4, PG_OWNER($t1)
	nop
	bne	$t4, $a0, 3f
	nop
	bltz	$a1, 2f
	nop
	b	3f
	sw	$a1, PG_FLAGS($t1)
2:	sw	$zero, PG_OWNER($t1)
	sw	$zero, PG_RCAP($t1)
	sw	$zero, PG_WCAP($t1)
	sw	$zero, PG_FLAGS($t1)
3:	b	1b
	addiu	$t1, $t1, 1 << PG_SHIFT
9:	jr	$ra
	nop

# k_break_bindings(a0 = pfn): removes every binding to the page: TLB entries, STLB entries, the
# guaranteed mappings of every environment, and save areas (REC_SAVE, REC_INT_SAVE) inside it
# (then k_env_redispatch for that record). Paper §3.2: deallocation breaks the secure bindings.
	.globl	k_break_bindings
k_break_bindings:
	addiu	$sp, $sp, -8
	sw	$ra, 4($sp)
	li	$t0, PAGE_TABLE
	sll	$t1, $a0, PG_SHIFT
	addu	$t0, $t0, $t1
	li	$t1, PG_F_UNBIND
	jal	k_unbind_marked
	sw	$t1, PG_FLAGS($t0)
	lw	$ra, 4($sp)
	nop
	jr	$ra
	addiu	$sp, $sp, 8

# PFN_MARKED out, lo: out = PG_FLAGS of the page EntryLo `lo` names, 0 if its PFN is not below
# npages (s0) (such a PFN is taken as page 0, a kernel page, never marked). s1 = PAGE_TABLE.
# Branch-free so that it has no labels; clobbers t9.
	.macro	PFN_MARKED out, lo
	srl	\out, \lo, 12
	sltu	$t9, \out, $s0
	subu	$t9, $zero, $t9			# all ones if in range
	and	\out, \out, $t9
	sll	\out, \out, PG_SHIFT
	addu	\out, \out, $s1
	lw	\out, PG_FLAGS(\out)
	.endm

# k_unbind_marked(): every TLB entry, STLB entry, guaranteed mapping and save area that names a
# page with PG_F_UNBIND set is removed; then the marks are cleared. (Internal.)
k_unbind_marked:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	sw	$s1, 12($sp)
	sw	$s2, 8($sp)
	sw	$s3, 4($sp)
	lui	$t0, %hi(KBASE)
	lw	$s0, KG_NPAGES($t0)		# s0 = npages, s1 = PAGE_TABLE (PFN_MARKED)
	li	$s1, PAGE_TABLE
	# The TLB: read each entry (TLBR), flush the ones mapping a marked page.
	mfc0	$s3, c0_entryhi			# s3 = EntryHi to restore (TLBR overwrites it)
	li	$s2, (TLB_ENTRIES - 1) << 8	# Index of the last entry
1:	mtc0	$s2, c0_index
	lui	$t2, %hi(TLB_FLUSH_HI)
	sll	$t1, $s2, 4			# i << 12
	tlbr					# hazard: 2 instructions since Index was written
	or	$t1, $t1, $t2			# t1 = this entry's flush pattern
	mfc0	$t0, c0_entrylo			# hazard: 1 instruction after TLBR
	nop
	PFN_MARKED $t0, $t0
	nop
	beqz	$t0, 2f
	nop
	mtc0	$t1, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop					# hazard: 2 after EntryHi, 1 after EntryLo
	tlbwi
2:	bnez	$s2, 1b
	addiu	$s2, $s2, -(1 << 8)
	mtc0	$s3, c0_entryhi
	# The STLB: 4096 entries; an empty one has EntryLo 0 (page 0: never marked).
	lui	$s2, %hi(STLB)
	addiu	$s3, $s2, STLB_BYTES - 8	# the last entry
3:	lw	$t0, 4($s2)
	nop
	PFN_MARKED $t0, $t0
	li	$t1, STLB_EMPTY
	beqz	$t0, 4f
	nop
	sw	$t1, 0($s2)
	sw	$zero, 4($s2)
4:	bne	$s2, $s3, 3b
	addiu	$s2, $s2, 8
	# The environments: guaranteed mappings and save areas (slot 0 is never used).
	li	$s2, ENV_TABLE + ENV_SIZE
	li	$s3, ENV_TABLE + NENV * ENV_SIZE
5:	lw	$t0, REC_STATUS($s2)
	nop
	beqz	$t0, 8f				# ENV_FREE
	addiu	$t3, $s2, REC_GUAR
	addiu	$t4, $s2, REC_GUAR + NGUAR * 8
6:	lw	$t0, 4($t3)			# slot EntryLo (0 = empty: page 0, never marked)
	nop
	PFN_MARKED $t0, $t0
	nop
	beqz	$t0, 7f
	nop
	sw	$zero, 0($t3)
	sw	$zero, 4($t3)
7:	addiu	$t3, $t3, 8
	bne	$t3, $t4, 6b
	nop
	move	$t5, $zero			# t5 = 1 if a save area went
	lw	$t0, REC_SAVE($s2)		# a kseg0 address: << 1 drops bit 31, then it is a PA
	nop
	sll	$t0, $t0, 1
	srl	$t0, $t0, 1
	PFN_MARKED $t0, $t0
	nop
	beqz	$t0, 1f
	nop
	sw	$zero, REC_SAVE($s2)
	li	$t5, 1
1:	lw	$t0, REC_INT_SAVE($s2)
	nop
	sll	$t0, $t0, 1
	srl	$t0, $t0, 1
	PFN_MARKED $t0, $t0
	nop
	beqz	$t0, 2f
	nop
	sw	$zero, REC_INT_SAVE($s2)
	li	$t5, 1
2:	beqz	$t5, 8f
	nop
	jal	k_env_redispatch		# the dispatch table must not name the lost save area
	move	$a0, $s2
8:	addiu	$s2, $s2, ENV_SIZE
	bne	$s2, $s3, 5b
	nop
	# Clear the marks.
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_FIRST_PAGE($t0)
	sll	$t2, $s0, PG_SHIFT
	addu	$t2, $t2, $s1			# end of the table
	sll	$t1, $t1, PG_SHIFT
	addu	$t1, $t1, $s1
	sltu	$t3, $t1, $t2
9:	beqz	$t3, 1f
	nop
	sw	$zero, PG_FLAGS($t1)
	addiu	$t1, $t1, 1 << PG_SHIFT
	b	9b
	sltu	$t3, $t1, $t2
1:	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	lw	$s1, 12($sp)
	lw	$s2, 8($sp)
	lw	$s3, 4($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# k_flush_asid(a0 = ASID, 0..63): removes every TLB and STLB entry tagged with that ASID (for
# an ASID that changes hands: paper §3.3 "invisible revocation" is not needed while ASIDs are
# never shared, docs §1). EntryHi is restored.
	.globl	k_flush_asid
k_flush_asid:
	sll	$a0, $a0, 6
	andi	$a0, $a0, EHI_ASID_MASK		# the ASID as it sits in EntryHi
	mfc0	$t3, c0_entryhi			# to restore
	li	$t4, (TLB_ENTRIES - 1) << 8
	lui	$t5, %hi(TLB_FLUSH_HI)
1:	mtc0	$t4, c0_index
	sll	$t1, $t4, 4
	or	$t1, $t1, $t5			# t1 = this entry's flush pattern
	tlbr					# hazard: 2 instructions since Index was written
	nop
	mfc0	$t0, c0_entryhi			# hazard: 1 instruction after TLBR
	nop
	bltz	$t0, 2f				# a kseg0 VPN: a flushed entry, not a mapping
	andi	$t0, $t0, EHI_ASID_MASK
	bne	$t0, $a0, 2f
	nop
	mtc0	$t1, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop					# hazard: 2 after EntryHi, 1 after EntryLo
	tlbwi
2:	bnez	$t4, 1b
	addiu	$t4, $t4, -(1 << 8)
	mtc0	$t3, c0_entryhi
	lui	$t4, %hi(STLB)
	addiu	$t5, $t4, STLB_BYTES - 8
	li	$t6, STLB_EMPTY
3:	lw	$t0, 0($t4)			# tag
	nop
	beq	$t0, $t6, 4f			# empty (its low bits are not an ASID)
	andi	$t0, $t0, EHI_ASID_MASK
	bne	$t0, $a0, 4f
	nop
	sw	$t6, 0($t4)
	sw	$zero, 4($t4)
4:	bne	$t4, $t5, 3b
	addiu	$t4, $t4, 8
	jr	$ra
	nop

# k_unmap(a0 = EntryHi): removes that exact mapping (VPN and ASID) from the TLB and the STLB.
# EntryHi is restored. (Internal; sys_tlb_delete does the same with k0/k1 only.)
k_unmap:
	mfc0	$t3, c0_entryhi
	mtc0	$a0, c0_entryhi
	srl	$t0, $a0, 9
	xor	$t0, $t0, $a0
	tlbp					# hazard: 2 instructions since EntryHi was written
	andi	$t0, $t0, STLB_INDEX_MASK
	lui	$t1, %hi(STLB)
	addu	$t0, $t0, $t1			# &stlb[index]
	mfc0	$t1, c0_index
	lw	$t2, 0($t0)
	bltz	$t1, 1f				# not in the TLB
	sll	$t1, $t1, 4
	lui	$t4, %hi(TLB_FLUSH_HI)
	or	$t1, $t1, $t4
	mtc0	$t1, c0_entryhi
	mtc0	$zero, c0_entrylo
	nop					# hazard: 2 after EntryHi, 1 after EntryLo
	tlbwi
1:	bne	$t2, $a0, 2f
	li	$t1, STLB_EMPTY
	sw	$t1, 0($t0)
	sw	$zero, 4($t0)
2:	jr	$ra
	mtc0	$t3, c0_entryhi

# k_stlb_insert(a0 = EntryHi, a1 = EntryLo): writes the STLB entry for that EntryHi (no checks).
	.globl	k_stlb_insert
k_stlb_insert:
	srl	$t0, $a0, 9
	xor	$t0, $t0, $a0
	andi	$t0, $t0, STLB_INDEX_MASK
	lui	$t1, %hi(STLB)
	addu	$t0, $t0, $t1
	sw	$a0, 0($t0)
	jr	$ra
	sw	$a1, 4($t0)

# k_rand() -> v0: a non-zero 32-bit capability. xorshift32 (Marsaglia 2003, shifts 13, 17, 5) on
# KG_RNG: a bijection of the non-zero words, so it never yields 0; a zero state (never seeded)
# is replaced by a fixed non-zero one first.
	.globl	k_rand
k_rand:
	lui	$t0, %hi(KBASE)
	lw	$v0, KG_RNG($t0)
	nop
	bnez	$v0, 1f
	nop
	li	$v0, 0x2545f491
1:	sll	$t1, $v0, 13
	xor	$v0, $v0, $t1
	srl	$t1, $v0, 17
	xor	$v0, $v0, $t1
	sll	$t1, $v0, 5
	xor	$v0, $v0, $t1
	jr	$ra
	sw	$v0, KG_RNG($t0)

# k_count_badcap(): counts a refused capability (KG_STAT_BADCAP, the caller's REC_N_BADCAP).
k_count_badcap:
	lui	$t0, %hi(KBASE)
	lw	$t1, KG_STAT_BADCAP($t0)
	lw	$t2, KG_CUR_ENV($t0)
	addiu	$t1, $t1, 1
	beqz	$t2, 1f
	sw	$t1, KG_STAT_BADCAP($t0)
	lw	$t1, REC_N_BADCAP($t2)
	nop
	addiu	$t1, $t1, 1
	sw	$t1, REC_N_BADCAP($t2)
1:	jr	$ra
	nop

# k_va_to_kaddr(a0 = user va, a1 = write?) -> v0 = the kseg0 address of va for the current
# ASID, or EFAULT. Looks in the TLB (TLBP, TLBR), then the STLB, then the current environment's
# guaranteed mappings (by VPN); the mapping needs V, and D when a1 != 0 (r3000.md §1.3:
# D = writable), and must name a page environments can own (defence in depth: every binding was
# checked when it was made). EntryHi is restored. Touches neither the TLB's contents nor the STLB.
	.globl	k_va_to_kaddr
k_va_to_kaddr:
	bltz	$a0, 8f				# not kuseg
	mfc0	$t3, c0_entryhi			# (delay slot) t3 = EntryHi to restore
	srl	$t0, $a0, 12
	sll	$t0, $t0, 12
	andi	$t1, $t3, EHI_ASID_MASK
	or	$t0, $t0, $t1			# t0 = VPN | current ASID
	mtc0	$t0, c0_entryhi
	srl	$t4, $t0, 9			# (STLB index, also hazard padding)
	xor	$t4, $t4, $t0
	tlbp					# hazard: 2 instructions since EntryHi was written
	andi	$t4, $t4, STLB_INDEX_MASK
	mfc0	$t1, c0_index			# hazard: 1 instruction after TLBP
	nop
	bltz	$t1, 2f				# not in the TLB
	nop
	tlbr					# Index is the hit
	nop
	mfc0	$t2, c0_entrylo			# hazard: 1 instruction after TLBR
	b	5f
	mtc0	$t3, c0_entryhi			# TLBR loaded the entry's EntryHi: restore
2:	mtc0	$t3, c0_entryhi
	lui	$t1, %hi(STLB)			# the STLB
	addu	$t4, $t4, $t1
	lw	$t1, 0($t4)
	lw	$t2, 4($t4)
	beq	$t1, $t0, 5f
	lui	$t1, %hi(KBASE)			# the guaranteed mappings: the environment's, whatever
	lw	$t1, KG_CUR_ENV($t1)		# ASID it runs (paper §5.1.2: its addressing context),
	nop					# so matched on the VPN
	beqz	$t1, 8f
	addiu	$t5, $t1, REC_GUAR + NGUAR * 8
	addiu	$t1, $t1, REC_GUAR
3:	lw	$t6, 0($t1)
	lw	$t2, 4($t1)
	xor	$t6, $t6, $t0
	srl	$t6, $t6, 12
	beqz	$t6, 5f				# (an empty slot {0, 0} matches page 0: V = 0 refuses it)
	addiu	$t1, $t1, 8
	bne	$t1, $t5, 3b
	nop
	b	8f
	nop
5:	andi	$t0, $t2, ELO_V			# t2 = the EntryLo found
	beqz	$t0, 8f				# invalid
	andi	$t0, $t2, ELO_D
	bnez	$a1, 6f
	nop
	li	$t0, ELO_D			# reading: D does not matter
6:	beqz	$t0, 8f				# writing needs D
	srl	$t2, $t2, 12			# t2 = PFN
	lui	$t1, %hi(KBASE)
	lw	$t0, KG_FIRST_PAGE($t1)
	lw	$t1, KG_NPAGES($t1)
	sltu	$t0, $t2, $t0
	bnez	$t0, 8f				# a kernel page
	sltu	$t1, $t2, $t1
	beqz	$t1, 8f				# beyond RAM
	sll	$t2, $t2, 12
	andi	$t0, $a0, 0xfff
	or	$v0, $t2, $t0
	lui	$t0, 0x8000
	jr	$ra
	or	$v0, $v0, $t0			# kseg0 = physical + 0x80000000
8:	jr	$ra
	li	$v0, EFAULT
