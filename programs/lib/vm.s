# vm.s: the library OS's virtual memory (issue 6; paper §6.2, §7.2; Appel & Li's primitives).
#
# Functions follow o32: arguments a0-a3 (a fifth at 16(sp)), results v0 (v1 where stated);
# a*, t*, v* are clobbered; s0-s8, gp, sp are preserved. Errors are the kernel's codes (v0 < 0).
#
#   vm_lookup(va)                  -> v0 = EntryLo | flags of va's page (0: not mapped), v1 = mcap
#   vm_map(va, page, rcap, wcap, writable)  -> 0; maps page at va (tlb_write now, and the table)
#   vm_map_new(va, writable)       -> v0 = page: a fresh zeroed page of ours (vm_page_alloc) mapped
#   vm_unmap(va)                   -> 0 or ENOENT; tlb_delete; a page vm_map_new gave is freed
#   vm_page_alloc(caps)            -> v0 = page, v1 = its wcap; caps (if not 0) gets {rcap, wcap}
#   vm_cap_new()                   -> v0 = a fresh capability (xorshift32, never 0)
#   vm_protect(va, npages)         -> v0 = pages read-protected (V = 0 in the table, tlb_delete)
#   vm_unprotect(va, npages)       -> v0 = pages made accessible again (the table only: lazy)
#   vm_dirty(va)                   -> v0 = 1 dirty, 0 clean, ENOENT not mapped
#   vm_set_fault_handler(fn)       -> v0 = the previous handler (an o32 function; see below)
#   vm_set_fault_handler_light(fn) -> v0 = 0: a light handler (pinned code; crt0.s exo_vm_light)
#   vm_set_fault_action(action)    -> v0 = 0 or EINVAL: a built-in light handler: VM_ACT_SKIP
#                                     (resume after the access) or VM_ACT_RETRY (make the page
#                                     accessible and retry: Appel & Li's unprotect-and-return)
#   vm_fault_count()               -> v0 = faults delivered to light handlers so far
#   vm_use_inverted()              -> 0; switches to the inverted table (call it first in main)
#   vm_count()                     -> v0 = records in the table
#   vm_init()                      (crt0 calls it before main)
#
# ---- The page table (pinned: the TLB-miss handler reads it without ever missing) ----
# One record per mapped page, VM_REC_SIZE = 16 bytes (exo.inc VM_R_*):
#   +0  va      the page's virtual address (page aligned)
#   +4  elo     the EntryLo to install (PFN, N, D, V) with the library OS's flags in bits 7:0,
#               which tlb_write ignores (docs/exokernel.md §4.3): VM_F_W writable, VM_F_WCAP
#               (+8 is the wcap), VM_F_OWN (vm_map_new's page: vm_unmap frees it).
#               V = 0: read-protected (vm_protect). D = 1: dirty (see below).
#   +8  mcap    the capability a refill presents: the wcap if we hold it, else the rcap
#   +12 rcap    the read capability
# The records live at VM_TABLE (0x10000), one guaranteed page (256 records) at a time: vm_grow
# adds the second (slot 5) when the first is full (VM_TABLE_MAXPAGES = 2, 512 records). The
# state (number of records, mode, fault handler, the capability generator) is in the VM page
# (VM_PAGE, slot 7), beside the exception stack.
#
# Linear (the default, paper §6.2: "a linear vector ... looked up using binary search"): the
# records sorted by va, crt0's exo_tlbmiss binary-searches them. Inserting or removing shifts
# the records above; each moved record is written with an unaligned va first (one no key
# equals, kept between its neighbours) and its real va last, and the count changes only where
# every record in [0, n) is whole, so a miss served in the middle (say after a preemption
# evicted our code page) still finds every other page.
# Inverted (paper §7.2, vm_use_inverted): a hash table keyed by VPN over both table pages,
# VM_HASH_SLOTS = 512 records, home slot (VPN ^ c ^ c << 5) & 511, c = VPN >> 9 (so that
# regions such as the image, the stack and a heap do not pile onto the same slots), linear probing, va 0 = empty,
# va 1 = a slot being moved (probes pass it); removal shifts the chain back (no tombstones are
# left), so a probe always ends at an empty slot. At most 384 records (3/4 full).
#
# ---- Dirty bits (paper Table 10 "dirty") ----
# A writable page is mapped clean (D = 0) by vm_map; its first store raises Mod, which crt0's
# exo_vm_first_write serves: D in the record, tlb_write with D = 1, resume (no upcall to the
# program). vm_dirty reads the record. Pages of the boot map (the program image, its stack) come
# mapped writable by the kernel, so they start dirty.
#
# ---- Protection and faults (Appel & Li) ----
# vm_protect clears V in the records and turns the kernel's TLB and STLB entries of the range
# into negative ones (tlb_invalidate_range, one call), so the next access traps through the
# general exception vector at once; vm_unprotect only sets V again: the next access traps and
# the handler refills it (lazy, no kernel call). A miss on a page that is protected or not in
# the table, and a store to a page that is not writable (VM_F_W clear: read-only,
# copy-on-write), go to the program's fault handler. Two kinds:
#  - an o32 function fn(va, epc, cause, frame) (vm_set_fault_handler), called on the exception
#    stack with every register an o32 function may change saved in a frame (crt0's
#    exo_upcall): it returns the PC to resume at (epc: retry; the retry of a miss is refilled at
#    once if the page is now accessible) or 0 (segmentation fault);
#  - a light handler (vm_set_fault_handler_light, vm_set_fault_action), called with no frame:
#    it may change only v0, v1, t0, a0, a1 and must not fault (pinned code and data); it returns
#    the resume PC, 0, or VM_RETRY (crt0's exo_vm_light). About 60 cycles less than the o32
#    path: Table 10's trap.
# No handler: segmentation fault (exit 139). Both resume without the kernel (the return idiom of
# docs/exokernel.md §6).
#
# ---- Hints ----
# crt0's handlers look a page up first in VM_HINTS (VM_NHINTS record pointers indexed by VPN,
# set by every search that finds a page): a pointer is checked against the record's va, so
# records may move under it (inserts, removals, vm_use_inverted). vm_init points them all at
# the first record.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif
	.text

# vm_init() -> v0 = 0 or an error: the VM page, the first table page, the table seeded from
# the boot map, the TLB-miss and Mod handlers installed.
	.globl	vm_init
vm_init:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	lw	$t0, BOOT_VA+BOOT_ENVCAP($zero)
	lw	$t1, BOOT_VA+BOOT_PAGECAP($zero)
	li	$t2, 0x766d5a17
	xor	$s0, $t0, $t2
	ori	$s0, $s0, 1				# the VM pages' rcap = wcap (a secret)
	li	$a0, -1
	move	$a1, $s0
	move	$a2, $s0
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	sll	$a2, $v0, PAGE_SHIFT
	ori	$a2, $a2, ELO_D | ELO_V
	li	$a0, VM_SLOT_PAGE
	li	$a1, VM_PAGE
	move	$a3, $s0
	SYS	SYS_GUARANTEE
	bltz	$v0, 9f
	sw	$s0, VM_PAGE+VM_G_PAGECAP($zero)	# the page is zeroed: N = 0, linear, no handler
	lw	$t0, BOOT_VA+BOOT_ENVCAP($zero)
	lw	$t1, BOOT_VA+BOOT_PAGECAP($zero)
	sll	$t0, $t0, 7
	xor	$t0, $t0, $t1
	bnez	$t0, 1f
	li	$t0, 0x2545f491				# xorshift32 cannot use 0
1:	sw	$t0, VM_PAGE+VM_G_RNG($zero)
	jal	vm_grow
	bltz	$v0, 9f
	# Seed the table from the boot map: {va, entrylo, rcap, wcap}, sorted by va.
	lw	$t0, BOOT_VA+BOOT_NMAPS($zero)
	li	$t1, BOOT_VA+BOOT_MAPS
	li	$t2, VM_TABLE
	sw	$t0, VM_PAGE+VM_G_N($zero)
	beqz	$t0, 3f
2:	lw	$t3, 0($t1)				# va
	lw	$t4, 4($t1)				# EntryLo
	lw	$t5, 8($t1)				# rcap
	lw	$t6, 12($t1)				# wcap
	andi	$t7, $t4, ELO_D
	srl	$t7, $t7, 10				# VM_F_W when the kernel mapped it writable
	or	$t4, $t4, $t7
	ori	$t4, $t4, VM_F_WCAP
	sw	$t3, VM_R_VA($t2)
	sw	$t4, VM_R_ELO($t2)
	sw	$t6, VM_R_MCAP($t2)
	sw	$t5, VM_R_RCAP($t2)
	addiu	$t0, $t0, -1
	addiu	$t1, $t1, BOOT_MAP_SIZE
	addiu	$t2, $t2, VM_REC_SIZE
	bnez	$t0, 2b
3:	lw	$a0, VM_PAGE+VM_G_N($zero)
	jal	vm_set_levels
	li	$t0, VM_HINTS				# every hint at the first record (a valid pointer)
	li	$t1, VM_HINTS + 4 * VM_NHINTS
	li	$t2, VM_TABLE
4:	sw	$t2, 0($t0)
	addiu	$t0, $t0, 4
	bne	$t0, $t1, 4b
	li	$a0, VM_MODE_LINEAR
	jal	vm_set_handlers
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# vm_set_handlers(mode) -> v0 = 0 or env_set's error: TLBL, TLBS and Mod to the pinned handlers
# of that table (their addresses in the alias EXO_PTEXT, exo_pinned_va).
vm_set_handlers:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	la	$s0, exo_tlbmiss
	la	$s1, exo_modfault
	beqz	$a0, 1f
	la	$s0, exo_tlbmiss_inv
	la	$s1, exo_modfault_inv
1:	move	$a0, $s0
	jal	exo_pinned_va
	move	$s0, $v0
	move	$a0, $s1
	jal	exo_pinned_va
	move	$s1, $v0
	move	$a0, $zero
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	move	$a2, $s0
	lw	$a3, BOOT_VA+BOOT_ENVCAP($zero)
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBS
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
	li	$a1, FIELD_HANDLER + 4 * EXC_MOD
	move	$a2, $s1
	SYS	SYS_ENV_SET
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# vm_grow() -> v0 = 0, or ENOMEM (VM_TABLE_MAXPAGES reached) or the kernel's error: one more
# table page, guaranteed at the end of the table.
	.globl	vm_grow
vm_grow:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	lw	$s0, VM_PAGE+VM_G_NPAGES($zero)
	li	$t0, VM_TABLE_MAXPAGES
	li	$v0, ENOMEM
	beq	$s0, $t0, 9f
	li	$a0, -1
	lw	$a1, VM_PAGE+VM_G_PAGECAP($zero)
	move	$a2, $a1
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	move	$s1, $v0
	sll	$a2, $v0, PAGE_SHIFT
	ori	$a2, $a2, ELO_D | ELO_V
	li	$a0, VM_SLOT_TABLE
	subu	$a0, $a0, $s0				# slot VM_SLOT_TABLE - i
	sll	$a1, $s0, PAGE_SHIFT
	li	$t0, VM_TABLE
	addu	$a1, $a1, $t0				# VM_TABLE + i pages
	lw	$a3, VM_PAGE+VM_G_PAGECAP($zero)
	SYS	SYS_GUARANTEE
	bltz	$v0, 8f
	sll	$t0, $s0, 2
	sw	$s1, VM_PAGE+VM_G_TPAGES($t0)
	addiu	$s0, $s0, 1
	sw	$s0, VM_PAGE+VM_G_NPAGES($zero)
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	bnez	$t0, 1f					# the inverted table has a fixed size (zeroed)
	lw	$t0, VM_PAGE+VM_G_CAP($zero)
	addiu	$t0, $t0, VM_RECS_PER_PAGE
	sw	$t0, VM_PAGE+VM_G_CAP($zero)
	addiu	$s0, $s0, -1				# linear: pad the new page's records (VM_PAD)
	sll	$t0, $s0, PAGE_SHIFT
	li	$t1, VM_TABLE
	addu	$t0, $t0, $t1
	addiu	$t1, $t0, PAGE_SIZE
	li	$t2, VM_PAD
2:	sw	$t2, VM_R_VA($t0)
	addiu	$t0, $t0, VM_REC_SIZE
	bne	$t0, $t1, 2b
1:	move	$v0, $zero
	b	9f
8:	move	$s0, $v0				# guarantee refused: give the page back
	move	$a0, $s1
	lw	$a1, VM_PAGE+VM_G_PAGECAP($zero)
	SYS	SYS_PAGE_DEALLOC
	move	$v0, $s0
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# vm_cap_new() -> v0 = a fresh capability (xorshift32 over VM_G_RNG; never 0).
	.globl	vm_cap_new
vm_cap_new:
	lw	$v0, VM_PAGE+VM_G_RNG($zero)
	sll	$t0, $v0, 13
	xor	$v0, $v0, $t0
	srl	$t0, $v0, 17
	xor	$v0, $v0, $t0
	sll	$t0, $v0, 5
	xor	$v0, $v0, $t0
	sw	$v0, VM_PAGE+VM_G_RNG($zero)
	jr	$ra

# vm_page_alloc(a0 = caps or 0) -> v0 = a page (zeroed by the kernel) or an error, v1 = its wcap;
# its rcap and wcap are fresh (vm_cap_new); if caps is not 0 they are stored at caps+0, caps+4.
	.globl	vm_page_alloc
vm_page_alloc:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	move	$s2, $a0
	jal	vm_cap_new
	move	$s0, $v0				# rcap
	jal	vm_cap_new
	move	$s1, $v0				# wcap
	li	$a0, -1
	move	$a1, $s0
	move	$a2, $s1
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	beqz	$s2, 9f
	sw	$s0, 0($s2)
	sw	$s1, 4($s2)
9:	move	$v1, $s1
	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# vm_lookup(a0 = va) -> v0 = the record's EntryLo | flags (0: va's page is not mapped),
# v1 = the capability it presents (mcap).
	.globl	vm_lookup
vm_lookup:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	exo_vm_find
	beqz	$v0, 1f
	lw	$v1, VM_R_MCAP($v0)
	lw	$v0, VM_R_ELO($v0)
1:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# vm_dirty(a0 = va) -> v0 = 1 if the page has been written since it was mapped, 0 if not,
# ENOENT if it is not mapped.
	.globl	vm_dirty
vm_dirty:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	jal	exo_vm_find
	li	$t0, ENOENT
	beqz	$v0, 1f
	lw	$t0, VM_R_ELO($v0)
	srl	$t0, $t0, 10
	andi	$t0, $t0, 1				# ELO_D
1:	move	$v0, $t0
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# vm_count() -> v0 = records in the table.
	.globl	vm_count
vm_count:
	lw	$v0, VM_PAGE+VM_G_N($zero)
	jr	$ra

# vm_set_fault_handler(a0 = fn or 0) -> v0 = the previous one: an o32 fault handler (it
# replaces a light one).
	.globl	vm_set_fault_handler
vm_set_fault_handler:
	sw	$zero, VM_PAGE+VM_G_FLIGHT($zero)
	lw	$v0, VM_PAGE+VM_G_FAULT($zero)
	sw	$a0, VM_PAGE+VM_G_FAULT($zero)
	jr	$ra

# vm_set_fault_handler_light(a0 = fn or 0) -> v0 = 0: a light fault handler (see the top of the
# file; it replaces an o32 one). fn must be pinned code (below PINNED_LIMIT, e.g. in a page the
# program guarantees) that touches only pinned data.
	.globl	vm_set_fault_handler_light
vm_set_fault_handler_light:
	sw	$zero, VM_PAGE+VM_G_FAULT($zero)
	sw	$a0, VM_PAGE+VM_G_FLIGHT($zero)
	move	$v0, $zero
	jr	$ra

# vm_set_fault_action(a0 = VM_ACT_SKIP or VM_ACT_RETRY) -> v0 = 0, or EINVAL: one of crt0's
# built-in light handlers (pinned, so they cannot fault).
	.globl	vm_set_fault_action
vm_set_fault_action:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	la	$t1, exo_fault_skip
	li	$t0, VM_ACT_SKIP
	beq	$a0, $t0, 1f
	la	$t1, exo_fault_retry
	li	$t0, VM_ACT_RETRY
	li	$v0, EINVAL
	bne	$a0, $t0, 9f
1:	move	$a0, $t1
	jal	exo_pinned_va
	move	$a0, $v0
	jal	vm_set_fault_handler_light
9:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# vm_fault_count() -> v0 = faults delivered to light handlers.
	.globl	vm_fault_count
vm_fault_count:
	lw	$v0, VM_PAGE+VM_G_NFAULT($zero)
	jr	$ra

# vm_map(a0 = va, a1 = page, a2 = rcap, a3 = wcap (0: not held), 16(sp) = writable) -> v0 = 0 or
# an error: EINVAL (va unaligned, in the pinned segment or not kuseg), ECAP (writable without a
# wcap; no capability; or tlb_write refused it), ENOMEM (the table is full), the kernel's
# tlb_write refusals. A mapping of va already there is replaced. Writable pages start clean.
	.globl	vm_map
vm_map:
	lw	$t9, 16($sp)				# writable
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	sw	$s3, 20($sp)
	li	$v0, EINVAL
	andi	$t0, $a0, PAGE_SIZE - 1
	bnez	$t0, 9f
	bltz	$a0, 9f
	li	$t0, PINNED_LIMIT
	sltu	$t0, $a0, $t0
	bnez	$t0, 9f
	li	$v0, ECAP
	sltu	$t0, $zero, $t9				# writable (0/1)
	beqz	$t0, 1f
	beqz	$a3, 9f					# writable needs the wcap
1:	or	$t1, $a2, $a3
	beqz	$t1, 9f					# no capability at all
	move	$s0, $a0				# va
	sll	$s1, $a1, PAGE_SHIFT
	ori	$s1, $s1, ELO_V
	or	$s1, $s1, $t0				# VM_F_W = 1
	move	$s2, $a3				# mcap: the wcap if held
	beqz	$a3, 2f
	ori	$s1, $s1, VM_F_WCAP
	b	3f
2:	move	$s2, $a2				# else the rcap
3:	move	$s3, $a2				# rcap
	# The table first (so a refill finds it), then the TLB: a refusal takes it out again.
	move	$a1, $s1
	move	$a2, $s2
	move	$a3, $s3
	jal	vm_insert
	bltz	$v0, 9f
	move	$a0, $s0
	move	$a1, $s1
	move	$a2, $s2
	SYS	SYS_TLB_WRITE
	beqz	$v0, 9f
	move	$s1, $v0
	move	$a0, $s0
	jal	vm_remove
	move	$v0, $s1
9:	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	lw	$s2, 24($sp)
	lw	$s3, 20($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# vm_map_new(a0 = va, a1 = writable) -> v0 = the page (fresh, zeroed, ours) mapped at va, or an
# error (the page is given back). vm_unmap frees it.
	.globl	vm_map_new
vm_map_new:
	addiu	$sp, $sp, -48
	sw	$ra, 44($sp)
	sw	$s0, 40($sp)
	sw	$s1, 36($sp)
	sw	$s2, 32($sp)
	move	$s0, $a0
	move	$s1, $a1
	addiu	$a0, $sp, 24				# {rcap, wcap}
	jal	vm_page_alloc
	bltz	$v0, 9f
	move	$s2, $v0
	move	$a0, $s0
	move	$a1, $s2
	lw	$a2, 24($sp)
	lw	$a3, 28($sp)
	sw	$s1, 16($sp)
	jal	vm_map
	bltz	$v0, 8f
	move	$a0, $s0
	jal	exo_vm_find
	lw	$t0, VM_R_ELO($v0)
	ori	$t0, $t0, VM_F_OWN
	sw	$t0, VM_R_ELO($v0)
	move	$v0, $s2
	b	9f
8:	move	$s1, $v0
	move	$a0, $s2
	lw	$a1, 28($sp)
	SYS	SYS_PAGE_DEALLOC
	move	$v0, $s1
9:	lw	$ra, 44($sp)
	lw	$s0, 40($sp)
	lw	$s1, 36($sp)
	lw	$s2, 32($sp)
	addiu	$sp, $sp, 48
	jr	$ra

# vm_unmap(a0 = va) -> v0 = 0 or ENOENT: the record goes, the TLB and STLB entry goes
# (tlb_delete); a page of vm_map_new's is deallocated.
	.globl	vm_unmap
vm_unmap:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	srl	$s0, $a0, PAGE_SHIFT
	sll	$s0, $s0, PAGE_SHIFT
	move	$a0, $s0
	jal	exo_vm_find
	li	$t0, ENOENT
	beqz	$v0, 9f
	lw	$s1, VM_R_ELO($v0)
	lw	$s2, VM_R_MCAP($v0)
	move	$a0, $s0
	jal	vm_remove
	move	$a0, $s0
	SYS	SYS_TLB_DELETE
	move	$t0, $zero
	andi	$t1, $s1, VM_F_OWN
	beqz	$t1, 9f
	srl	$a0, $s1, PAGE_SHIFT			# the page
	move	$a1, $s2				# its wcap (VM_F_OWN pages have VM_F_WCAP)
	SYS	SYS_PAGE_DEALLOC
	move	$t0, $v0
9:	move	$v0, $t0
	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# vm_protect(a0 = va, a1 = npages) -> v0 = pages read-protected: each mapped, accessible page of
# [va, va + npages pages) gets V = 0 in the table, and the kernel's TLB and STLB entries of the
# range become negative ones (tlb_invalidate_range: one call per 1024 pages), so the next access
# traps to the program's handler at once. The linear table's records of the range are the
# slice between two binary searches, walked two at a time; the inverted one is hashed page by
# page, the hash's constant recomputed once per 2 MiB region. About 6 (linear) and 13 (inverted)
# instructions a page here, and 14-17 in the kernel: paper Table 10's prot100.
	.globl	vm_protect
vm_protect:
	.set	push
	.set	noreorder
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	srl	$s0, $a0, PAGE_SHIFT
	sll	$s0, $s0, PAGE_SHIFT			# s0 = the first page
	sll	$s1, $a1, PAGE_SHIFT
	addu	$s1, $s1, $s0				# s1 = the end
	move	$s2, $a1				# s2 = npages
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	move	$v1, $zero				# V bits cleared (0x200 each)
	bnez	$t0, 5f
	move	$a0, $s0
	jal	vm_lin_lb				# the first record at or above va
	nop
	move	$t8, $v0
	jal	vm_lin_lb				# the first record at or above the end
	move	$a0, $s1
	move	$v1, $zero
	beq	$t8, $v0, 9f
	subu	$t0, $v0, $t8
	andi	$t0, $t0, VM_REC_SIZE			# an odd number of records: one alone first
	beqz	$t0, 2f
	nop
	lw	$t1, VM_R_ELO($t8)
	addiu	$t8, $t8, VM_REC_SIZE
	andi	$t2, $t1, ELO_V
	xor	$t1, $t1, $t2
	sw	$t1, VM_R_ELO - VM_REC_SIZE($t8)
	beq	$t8, $v0, 9f
	addu	$v1, $v1, $t2
2:	lw	$t1, VM_R_ELO($t8)
	lw	$t3, VM_R_ELO + VM_REC_SIZE($t8)
	addiu	$t8, $t8, 2 * VM_REC_SIZE
	andi	$t2, $t1, ELO_V
	andi	$t4, $t3, ELO_V
	xor	$t1, $t1, $t2
	xor	$t3, $t3, $t4
	sw	$t1, VM_R_ELO - 2 * VM_REC_SIZE($t8)
	sw	$t3, VM_R_ELO - VM_REC_SIZE($t8)
	addu	$v1, $v1, $t2
	bne	$t8, $v0, 2b
	addu	$v1, $v1, $t4
	b	9f
	nop
	# Inverted: per 2 MiB region (c = VPN >> 9 constant), home = ((VPN ^ k) & mask) with
	# k = c ^ c << 5 (crt0.s VM_SEARCH_HASH), computed as (va >> 8 ^ k << 4) & (mask << 4).
5:	move	$t8, $s0				# the page
	lui	$t9, %hi(VM_TABLE)
6:	beq	$t8, $s1, 9f
	srl	$t0, $t8, 21				# c
	sll	$t1, $t0, 5
	xor	$t0, $t0, $t1
	sll	$t0, $t0, VM_REC_SHIFT			# k << 4
	srl	$t5, $t8, 21
	addiu	$t5, $t5, 1
	sll	$t5, $t5, 21				# the region's end
	sltu	$t6, $s1, $t5
	beqz	$t6, 7f
	srl	$t1, $t8, PAGE_SHIFT - VM_REC_SHIFT	# VPN << 4
	move	$t5, $s1
7:	xor	$t1, $t1, $t0
	andi	$t1, $t1, VM_HASH_MASK << VM_REC_SHIFT
	addu	$t1, $t1, $t9				# the home slot
	lw	$t2, VM_R_VA($t1)
	lw	$t3, VM_R_ELO($t1)
	bne	$t2, $t8, 20f				# not at home: probe on
	andi	$t4, $t3, ELO_V
	xor	$t3, $t3, $t4
	sw	$t3, VM_R_ELO($t1)
	addu	$v1, $v1, $t4
21:	addiu	$t8, $t8, PAGE_SIZE
	bne	$t8, $t5, 7b
	srl	$t1, $t8, PAGE_SHIFT - VM_REC_SHIFT
	b	6b
	nop
20:	beqz	$t2, 21b				# an empty slot: the page is not mapped
	addiu	$t1, $t1, VM_REC_SIZE
	andi	$t1, $t1, VM_HASH_SLOTS * VM_REC_SIZE - 1
	addu	$t1, $t1, $t9
	lw	$t2, VM_R_VA($t1)
	lw	$t3, VM_R_ELO($t1)
	bne	$t2, $t8, 20b
	andi	$t4, $t3, ELO_V
	xor	$t3, $t3, $t4
	sw	$t3, VM_R_ELO($t1)
	b	21b
	addu	$v1, $v1, $t4
	# The kernel's copies (TLB, STLB): negative entries, one call per 1024 pages.
9:	srl	$v1, $v1, 9				# ELO_V = 0x200: the count
	beqz	$v1, 11f				# nothing was accessible: nothing to do
	sw	$v1, 12($sp)
10:	sltiu	$t0, $s2, 1025
	bnez	$t0, 12f
	move	$a0, $s0
	li	$a1, 1024
	SYS	SYS_TLB_INVALIDATE_RANGE
	lui	$t0, 0x40				# 1024 pages
	addu	$s0, $s0, $t0
	b	10b
	addiu	$s2, $s2, -1024
12:	move	$a1, $s2
	SYS	SYS_TLB_INVALIDATE_RANGE
	lw	$v1, 12($sp)
	nop
11:	move	$v0, $v1
	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	jr	$ra
	addiu	$sp, $sp, 32
	.set	pop

# vm_unprotect(a0 = va, a1 = npages) -> v0 = pages made accessible again (V = 1 in the table).
# No kernel call: the next access misses and exo_tlbmiss refills the page.
	.globl	vm_unprotect
vm_unprotect:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	sw	$s3, 20($sp)
	srl	$s0, $a0, PAGE_SHIFT
	sll	$s0, $s0, PAGE_SHIFT
	sll	$s1, $a1, PAGE_SHIFT
	addu	$s1, $s1, $s0
	move	$s3, $zero
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	bnez	$t0, 5f
	move	$a0, $s0
	jal	vm_lin_lb
	lw	$t2, VM_PAGE+VM_G_N($zero)
	sll	$t2, $t2, VM_REC_SHIFT
	li	$t0, VM_TABLE
	addu	$t2, $t2, $t0
1:	beq	$v0, $t2, 9f
	lw	$a0, VM_R_VA($v0)
	sltu	$t0, $a0, $s1
	beqz	$t0, 9f
	lw	$t1, VM_R_ELO($v0)
	andi	$t0, $t1, ELO_V
	bnez	$t0, 2f
	ori	$t1, $t1, ELO_V
	sw	$t1, VM_R_ELO($v0)
	addiu	$s3, $s3, 1
2:	addiu	$v0, $v0, VM_REC_SIZE
	b	1b
5:	beq	$s0, $s1, 9f
	move	$a0, $s0
	jal	exo_vm_find
	beqz	$v0, 6f
	lw	$t1, VM_R_ELO($v0)
	andi	$t0, $t1, ELO_V
	bnez	$t0, 6f
	ori	$t1, $t1, ELO_V
	sw	$t1, VM_R_ELO($v0)
	addiu	$s3, $s3, 1
6:	addiu	$s0, $s0, PAGE_SIZE
	b	5b
9:	move	$v0, $s3
	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	lw	$s2, 24($sp)
	lw	$s3, 20($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# vm_set_levels(a0 = n): the linear search's power of two P >= n (VM_G_P) and its entries into
# crt0's unrolled levels (VM_G_TENTRY, VM_G_MENTRY: ceil(log2 n) levels before the end).
vm_set_levels:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	li	$t0, 1					# P
	move	$t1, $zero				# levels
1:	sltu	$t2, $t0, $a0
	beqz	$t2, 2f
	sll	$t0, $t0, 1
	addiu	$t1, $t1, 1
	b	1b
2:	sll	$t0, $t0, VM_REC_SHIFT
	sw	$t0, VM_PAGE+VM_G_P($zero)
	li	$t2, VM_LEVEL_BYTES
	mult	$t1, $t2
	mflo	$s0					# bytes of levels run
	la	$a0, exo_tlbmiss_lend
	jal	exo_pinned_va
	subu	$v0, $v0, $s0
	sw	$v0, VM_PAGE+VM_G_TENTRY($zero)
	la	$a0, exo_modfault_lend
	jal	exo_pinned_va
	subu	$v0, $v0, $s0
	sw	$v0, VM_PAGE+VM_G_MENTRY($zero)
	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# vm_lin_lb(a0 = page va) -> v0 = the first record of the linear table whose va is >= a0 (the
# end of the table if none). Clobbers t0-t3.
vm_lin_lb:
	li	$t1, VM_TABLE				# lo
	lw	$t2, VM_PAGE+VM_G_N($zero)
	sll	$t2, $t2, VM_REC_SHIFT
	addu	$t2, $t2, $t1				# hi
1:	beq	$t1, $t2, 3f
	addu	$t3, $t1, $t2
	srl	$t3, $t3, VM_REC_SHIFT + 1
	sll	$t3, $t3, VM_REC_SHIFT			# mid
	lw	$t0, VM_R_VA($t3)
	sltu	$t0, $t0, $a0
	beqz	$t0, 2f
	addiu	$t1, $t3, VM_REC_SIZE			# mid.va < key: lo = mid + 1
	b	1b
2:	move	$t2, $t3				# else hi = mid
	b	1b
3:	move	$v0, $t1
	jr	$ra

# VM_WRITE_REC base, va, elo, mcap, rcap: writes a record so that a search never sees half of
# it: an unaligned placeholder va (no key equals it) first, the real va last. `mark` is the
# placeholder: a register holding a value that sorts between the neighbours (linear) or 1 (hash).
	.macro	VM_WRITE_REC base, mark, va, elo, mcap, rcap
	sw	\mark, VM_R_VA(\base)
	sw	\elo, VM_R_ELO(\base)
	sw	\mcap, VM_R_MCAP(\base)
	sw	\rcap, VM_R_RCAP(\base)
	sw	\va, VM_R_VA(\base)
	.endm

# vm_insert(a0 = va, a1 = elo, a2 = mcap, a3 = rcap) -> v0 = 0 or ENOMEM: enters a record in the
# table (replacing one for the same va). Clobbers t0-t9, a0-a3 (o32).
vm_insert:
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	bnez	$t0, vm_insert_hash
	lw	$t8, VM_PAGE+VM_G_N($zero)
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	jal	vm_lin_lb
	move	$t1, $v0				# &rec[i]: the first va >= key
	sll	$t2, $t8, VM_REC_SHIFT
	li	$t0, VM_TABLE
	addu	$t2, $t2, $t0				# &rec[n]
	beq	$t1, $t2, 2f
	lw	$t0, VM_R_VA($t1)
	bne	$t0, $a0, 2f
	ori	$t9, $a0, 1				# the same va: replace it in place
	VM_WRITE_REC $t1, $t9, $a0, $a1, $a2, $a3
	b	8f
2:	lw	$t0, VM_PAGE+VM_G_CAP($zero)
	bne	$t8, $t0, 3f
	sw	$a0, 0($sp)				# full: one more page, then again
	sw	$a1, 4($sp)
	sw	$a2, 8($sp)
	sw	$a3, 12($sp)
	jal	vm_grow
	bltz	$v0, 9f
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$a2, 8($sp)
	lw	$a3, 12($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	b	vm_insert
3:	sw	$a0, 0($sp)				# the search must cover n + 1 records first
	sw	$a1, 4($sp)
	sw	$a2, 8($sp)
	sw	$a3, 12($sp)
	sw	$t1, 16($sp)
	sw	$t2, 20($sp)
	sw	$t8, 24($sp)
	addiu	$a0, $t8, 1
	jal	vm_set_levels
	lw	$a0, 0($sp)
	lw	$a1, 4($sp)
	lw	$a2, 8($sp)
	lw	$a3, 12($sp)
	lw	$t1, 16($sp)
	lw	$t2, 20($sp)
	lw	$t8, 24($sp)
	beq	$t1, $t2, 5f				# appending
	# rec[n] = rec[n-1]; n + 1; then rec[j] = rec[j-1] down to i + 1; then rec[i] = the new one.
	lw	$t3, VM_R_VA - VM_REC_SIZE($t2)
	lw	$t4, VM_R_ELO - VM_REC_SIZE($t2)
	lw	$t5, VM_R_MCAP - VM_REC_SIZE($t2)
	lw	$t6, VM_R_RCAP - VM_REC_SIZE($t2)
	VM_WRITE_REC $t2, $t3, $t3, $t4, $t5, $t6
	addiu	$t8, $t8, 1
	sw	$t8, VM_PAGE+VM_G_N($zero)
	addiu	$t2, $t2, -VM_REC_SIZE
4:	beq	$t2, $t1, 6f
	lw	$t3, VM_R_VA - VM_REC_SIZE($t2)
	lw	$t4, VM_R_ELO - VM_REC_SIZE($t2)
	lw	$t5, VM_R_MCAP - VM_REC_SIZE($t2)
	lw	$t6, VM_R_RCAP - VM_REC_SIZE($t2)
	ori	$t9, $t3, 1
	VM_WRITE_REC $t2, $t9, $t3, $t4, $t5, $t6
	addiu	$t2, $t2, -VM_REC_SIZE
	b	4b
6:	ori	$t9, $a0, 1
	VM_WRITE_REC $t1, $t9, $a0, $a1, $a2, $a3
	b	8f
5:	ori	$t9, $a0, 1				# over the first VM_PAD record
	VM_WRITE_REC $t2, $t9, $a0, $a1, $a2, $a3
	addiu	$t8, $t8, 1
	sw	$t8, VM_PAGE+VM_G_N($zero)
8:	move	$v0, $zero
9:	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# The inverted table: an empty slot, or the same va.
vm_insert_hash:
	li	$t9, VM_TABLE
	srl	$t0, $a0, PAGE_SHIFT
	srl	$t1, $t0, 9
	xor	$t0, $t0, $t1
	sll	$t1, $t1, 5
	xor	$t0, $t0, $t1
	andi	$t0, $t0, VM_HASH_MASK
	sll	$t0, $t0, VM_REC_SHIFT
	addu	$t0, $t0, $t9				# the home slot
1:	lw	$t1, VM_R_VA($t0)
	beq	$t1, $a0, 3f				# the same va: replace
	beqz	$t1, 2f
	addiu	$t0, $t0, VM_REC_SIZE
	andi	$t0, $t0, VM_HASH_SLOTS * VM_REC_SIZE - 1
	addu	$t0, $t0, $t9
	b	1b
2:	lw	$t8, VM_PAGE+VM_G_N($zero)
	li	$t1, VM_HASH_SLOTS * 3 / 4
	li	$v0, ENOMEM
	beq	$t8, $t1, 9f
	VM_WRITE_REC $t0, $zero, $a0, $a1, $a2, $a3	# an empty slot: no probe passes it yet
	addiu	$t8, $t8, 1
	sw	$t8, VM_PAGE+VM_G_N($zero)
	move	$v0, $zero
	jr	$ra
3:	li	$t1, 1
	VM_WRITE_REC $t0, $t1, $a0, $a1, $a2, $a3
	move	$v0, $zero
9:	jr	$ra

# vm_remove(a0 = page va) -> v0 = 0 or ENOENT: takes va's record out of the table (the TLB is
# the caller's business).
vm_remove:
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	bnez	$t0, vm_remove_hash
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	jal	vm_lin_lb
	lw	$t8, VM_PAGE+VM_G_N($zero)
	sll	$t2, $t8, VM_REC_SHIFT
	li	$t0, VM_TABLE
	addu	$t2, $t2, $t0				# &rec[n]
	li	$t9, ENOENT
	beq	$v0, $t2, 9f
	lw	$t0, VM_R_VA($v0)
	bne	$t0, $a0, 9f
	addiu	$t2, $t2, -VM_REC_SIZE			# &rec[n-1]
	# rec[j] = rec[j+1] for j = i .. n-2, each marked with its successor's va - 1; then n - 1.
1:	beq	$v0, $t2, 2f
	lw	$t3, VM_R_VA + VM_REC_SIZE($v0)
	lw	$t4, VM_R_ELO + VM_REC_SIZE($v0)
	lw	$t5, VM_R_MCAP + VM_REC_SIZE($v0)
	lw	$t6, VM_R_RCAP + VM_REC_SIZE($v0)
	addiu	$t7, $t3, -1
	VM_WRITE_REC $v0, $t7, $t3, $t4, $t5, $t6
	addiu	$v0, $v0, VM_REC_SIZE
	b	1b
2:	addiu	$t8, $t8, -1
	sw	$t8, VM_PAGE+VM_G_N($zero)
	li	$t0, VM_PAD
	sw	$t0, VM_R_VA($v0)			# the last record (a duplicate now) becomes padding
	move	$a0, $t8
	jal	vm_set_levels				# (a search over more levels is right too)
	move	$t9, $zero
9:	move	$v0, $t9
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# Backward-shift deletion: the hole moves down the probe chain; an entry whose home slot is not
# cyclically in (hole, its slot] moves into the hole. The hole is va 1 (probes pass it) until
# the chain ends, then 0.
vm_remove_hash:
	li	$t9, VM_TABLE
	srl	$t0, $a0, PAGE_SHIFT
	srl	$t1, $t0, 9
	xor	$t0, $t0, $t1
	sll	$t1, $t1, 5
	xor	$t0, $t0, $t1
	andi	$t0, $t0, VM_HASH_MASK
	sll	$t0, $t0, VM_REC_SHIFT
	addu	$t0, $t0, $t9				# i
1:	lw	$t1, VM_R_VA($t0)
	beq	$t1, $a0, 2f
	beqz	$t1, 8f					# not there
	addiu	$t0, $t0, VM_REC_SIZE
	andi	$t0, $t0, VM_HASH_SLOTS * VM_REC_SIZE - 1
	addu	$t0, $t0, $t9
	b	1b
2:	li	$t8, 1
	sw	$t8, VM_R_VA($t0)			# the hole (i)
	move	$t1, $t0				# j
3:	addiu	$t1, $t1, VM_REC_SIZE
	andi	$t1, $t1, VM_HASH_SLOTS * VM_REC_SIZE - 1
	addu	$t1, $t1, $t9
	lw	$t3, VM_R_VA($t1)
	beqz	$t3, 5f					# the chain ends
	srl	$t2, $t3, PAGE_SHIFT			# k = home(j's va)
	srl	$t4, $t2, 9
	xor	$t2, $t2, $t4
	sll	$t4, $t4, 5
	xor	$t2, $t2, $t4
	andi	$t2, $t2, VM_HASH_MASK
	sll	$t2, $t2, VM_REC_SHIFT
	addu	$t2, $t2, $t9
	subu	$t4, $t1, $t2				# (j - k) mod size
	andi	$t4, $t4, VM_HASH_SLOTS * VM_REC_SIZE - 1
	subu	$t5, $t1, $t0				# (j - i) mod size
	andi	$t5, $t5, VM_HASH_SLOTS * VM_REC_SIZE - 1
	sltu	$t4, $t4, $t5
	bnez	$t4, 3b					# k in (i, j]: it stays
	lw	$t4, VM_R_ELO($t1)
	lw	$t5, VM_R_MCAP($t1)
	lw	$t6, VM_R_RCAP($t1)
	VM_WRITE_REC $t0, $t8, $t3, $t4, $t5, $t6
	sw	$t8, VM_R_VA($t1)			# j is the hole now
	move	$t0, $t1
	b	3b
5:	sw	$zero, VM_R_VA($t0)
	lw	$t1, VM_PAGE+VM_G_N($zero)
	addiu	$t1, $t1, -1
	sw	$t1, VM_PAGE+VM_G_N($zero)
	move	$v0, $zero
	jr	$ra
8:	li	$v0, ENOENT
	jr	$ra

# vm_use_inverted() -> v0 = 0, or ENOMEM (no second table page) / EBUSY (more than
# VM_CONVERT_MAX records, or called from a handler): rebuilds the table as the inverted one
# and installs its handlers. The rebuild runs in crt0's pinned code (exo_vm_to_inverted), so no
# miss can see the table half converted.
	.globl	vm_use_inverted
vm_use_inverted:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	lw	$t0, VM_PAGE+VM_G_MODE($zero)
	move	$v0, $zero
	bnez	$t0, 9f					# already
1:	lw	$t0, VM_PAGE+VM_G_NPAGES($zero)
	li	$t1, VM_TABLE_MAXPAGES
	beq	$t0, $t1, 2f
	jal	vm_grow
	bltz	$v0, 9f
	b	1b
2:	jal	exo_vm_to_inverted
9:	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra
