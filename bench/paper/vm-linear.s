# bench/paper/vm-linear.s: the paper's Table 10 (VM operations after Appel & Li) and the
# "original" column of Table 13, over the library OS's linear page table (programs/lib/vm.s,
# crt0.s's pinned handlers). vm-inverted.s is this file over the inverted table. Read by
# bench/paper.ts: each row is the interval m_<row> .. m_<row>_end in the last of REP repetitions
# (warm caches); m_<row>_div divides it for the per-page rows. Every operation is a call of the
# library as a program makes it (argument set-up included), and the program checks what each
# did (pages protected, faults taken), so a row cannot measure a no-op: a failed check exits
# non-zero and the harness refuses the run.
#
# The rows (../shared/reference/exokernel.md §3, Table 10):
#   dirty      vm_dirty(va): the page-table lookup of a page's dirty bit
#   prot1      vm_protect(va, 1) of a page that is in the TLB
#   prot100    vm_protect(va, 100): one call read-protecting 100 pages, each in the TLB or STLB
#   unprot100  vm_unprotect(va, 100): one call making them accessible again
#   trap       a load from a read-protected page: its negative TLB entry (vm_protect's
#              tlb_invalidate_range) traps through the general vector, crt0's handler finds the
#              record (its hint) with V = 0 and calls the program's light handler (crt0's built-in
#              skip, vm_set_fault_action), which returns epc + 4: from the load to the next
#              instruction
#   trapo32    the same with an o32 handler (on_skip): the upcall saves every register an o32
#              function may change in a frame around the call (shown for comparison, no paper
#              figure)
#   appel1     per page, over NP pages: prot1 + trap + unprot (the light handler crt0's built-in
#              retry: the page's record gets V again, tlb_write, the access is retried)
#   appel2     per page: protN of NP pages in one call, then NP accesses each trapping to the
#              same handler
#
# How the rows meet the paper's ExOS figures (DEC5000/125 cycles; `exo bench paper --tables
# 10,13` gives the current figures):
# - prot100: the linear table's records of the range are the slice between two binary
#   searches, walked two at a time (about 6 instructions a page), and one tlb_invalidate_range
#   call turns the kernel's entries into negative ones (14-17 instructions a page); the inverted
#   table hashes each page (about 13). The paper's figure is 27 cycles a page for everything.
# - unprot100 is lazy: only V in the table is set again, no kernel call; the next access of each
#   page traps on its negative entry and is refilled by the miss handler.
# - trap: about 70 cycles: no refill and no STLB probe (the negative entry), a hint instead of the
#   search, and no frame (the light handler may change only what the entry path saved).
	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.include "../../programs/lib/exo.inc"
	.equ	REP, 4					# repetitions; the last is measured
	.equ	NP, 100					# pages of the 100-page rows and of appel1/appel2
	.equ	BASE, 0x01000000			# NP pages
	.equ	ONE, BASE + NP * PAGE_SIZE		# the page of dirty, prot1 and trap
	.equ	m_appel1_div, NP
	.equ	m_appel2_div, NP
	.globl	m_appel1_div, m_appel2_div
	.text
	.set	noreorder
	.globl	main
main:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	.ifdef	INVERTED
	jal	vm_use_inverted
	nop
	bnez	$v0, fail
	li	$a0, 1					# failure 1: vm_use_inverted
	.endif
	# NP + 1 fresh writable pages, each written once (so mapped, dirty, in the table).
	move	$s0, $zero
1:	sll	$s1, $s0, PAGE_SHIFT
	li	$t0, BASE
	addu	$s1, $s1, $t0
	move	$a0, $s1
	jal	vm_map_new
	li	$a1, 1
	bltz	$v0, fail
	li	$a0, 2					# failure 2: vm_map_new
	sw	$s0, 0($s1)
	addiu	$s0, $s0, 1
	li	$t0, NP + 1
	bne	$s0, $t0, 1b
	nop
	# Each row runs REP times in a row (its set-up between, outside the interval); the
	# harness measures the last, with the code, the table and the TLB warm.
	# ---- dirty: the lookup of the dirty bit of a written page ----
	li	$s0, REP
1:
m_dirty:
	li	$a0, ONE
	jal	vm_dirty
	nop
m_dirty_end:
	li	$t0, 1
	bne	$v0, $t0, fail
	li	$a0, 3					# failure 3: vm_dirty did not say dirty
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop

	# ---- prot1: the page is in the TLB (just touched) ----
	li	$s0, REP
	li	$s1, ONE
1:	lw	$zero, 0($s1)
m_prot1:
	li	$a0, ONE
	jal	vm_protect
	li	$a1, 1
m_prot1_end:
	li	$t0, 1
	bne	$v0, $t0, fail
	li	$a0, 4					# failure 4: prot1 did not protect one page
	li	$a0, ONE
	jal	vm_unprotect
	li	$a1, 1
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop

	# ---- trap: a load from the protected page, resumed after it by the handler (a light one:
	# crt0's built-in skip, vm_set_fault_action) ----
	li	$a0, VM_ACT_SKIP
	jal	vm_set_fault_action
	nop
	jal	vm_fault_count
	nop
	sw	$v0, faults
	li	$s0, REP
1:	li	$a0, ONE
	jal	vm_protect
	li	$a1, 1
m_trap:
	lw	$t1, 0($s1)
m_trap_end:
	li	$a0, ONE
	jal	vm_unprotect
	li	$a1, 1
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	jal	vm_fault_count
	nop
	lw	$t0, faults
	li	$t1, REP
	subu	$t0, $v0, $t0
	bne	$t0, $t1, fail
	li	$a0, 5					# failure 5: the trap did not reach the handler

	# ---- trapo32: the same with an o32 handler (on_skip, a C-callable function: the upcall
	# saves every register an o32 function may change in a frame), for comparison ----
	la	$a0, on_skip
	jal	vm_set_fault_handler
	nop
	sw	$zero, faults
	li	$s0, REP
1:	li	$a0, ONE
	jal	vm_protect
	li	$a1, 1
m_trapo32:
	lw	$t1, 0($s1)
m_trapo32_end:
	li	$a0, ONE
	jal	vm_unprotect
	li	$a1, 1
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	lw	$t0, faults
	li	$t1, REP
	bne	$t0, $t1, fail
	li	$a0, 11					# failure 11: the o32 trap did not reach its handler

	# ---- prot100 and unprot100: every page touched first (in the TLB or the STLB) ----
	li	$s0, REP
1:	jal	touch_all
	nop
m_prot100:
	li	$a0, BASE
	jal	vm_protect
	li	$a1, NP
m_prot100_end:
	li	$t0, NP
	bne	$v0, $t0, fail
	li	$a0, 6					# failure 6: prot100 did not protect 100 pages
m_unprot100:
	li	$a0, BASE
	jal	vm_unprotect
	li	$a1, NP
m_unprot100_end:
	li	$t0, NP
	bne	$v0, $t0, fail
	li	$a0, 7					# failure 7: unprot100 did not unprotect 100 pages
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop

	# ---- appel1: per page, protect it, touch it (trap), the handler unprotects, retry (a
	# light handler: crt0's built-in retry, vm_set_fault_action) ----
	li	$a0, VM_ACT_RETRY
	jal	vm_set_fault_action
	nop
	li	$s0, REP
1:	jal	touch_all
	nop
	jal	vm_fault_count
	nop
	sw	$v0, faults
m_appel1:
	li	$s1, BASE
	li	$s2, BASE + NP * PAGE_SIZE
2:	move	$a0, $s1
	jal	vm_protect
	li	$a1, 1
	lw	$t0, 0($s1)
	addiu	$s1, $s1, PAGE_SIZE
	bne	$s1, $s2, 2b
	nop
m_appel1_end:
	jal	vm_fault_count
	nop
	lw	$t0, faults
	li	$t1, NP
	subu	$t0, $v0, $t0
	bne	$t0, $t1, fail
	li	$a0, 8					# failure 8: appel1 did not trap once per page
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop

	# ---- appel2: protect all NP pages in one call, then touch each (trap, unprotect, retry) ----
	li	$s0, REP
1:	jal	touch_all
	nop
	jal	vm_fault_count
	nop
	sw	$v0, faults
m_appel2:
	li	$a0, BASE
	jal	vm_protect
	li	$a1, NP
	li	$s1, BASE
	li	$s2, BASE + NP * PAGE_SIZE
2:	lw	$t0, 0($s1)
	addiu	$s1, $s1, PAGE_SIZE
	bne	$s1, $s2, 2b
	nop
m_appel2_end:
	jal	vm_fault_count
	nop
	lw	$t0, faults
	li	$t1, NP
	subu	$t0, $v0, $t0
	bne	$t0, $t1, fail
	li	$a0, 9					# failure 9: appel2 did not trap once per page
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop

	# Every page still holds its number (the faults lost nothing).
	jal	touch_all
	nop
	bnez	$v0, fail
	li	$a0, 10					# failure 10: a page's contents changed
	lw	$ra, 36($sp)
	lw	$s0, 32($sp)
	lw	$s1, 28($sp)
	lw	$s2, 24($sp)
	addiu	$sp, $sp, 40
	jr	$ra
	move	$v0, $zero

# touch_all() -> v0 = the number of pages of BASE that do not hold their number (0): a load
# from each page, so that each is in the TLB or the STLB (refilled by the miss handler).
touch_all:
	li	$t0, BASE
	move	$t1, $zero
	move	$v0, $zero
1:	lw	$t2, 0($t0)
	addiu	$t0, $t0, PAGE_SIZE
	beq	$t2, $t1, 2f
	addiu	$t1, $t1, 1
	addiu	$v0, $v0, 1
2:	li	$t2, NP
	bne	$t1, $t2, 1b
	nop
	jr	$ra
	nop

# on_skip(va, epc, cause, frame): the o32 handler of the trapo32 row: counts, resumes after the
# access.
on_skip:
	lw	$t0, faults
	nop
	addiu	$t0, $t0, 1
	sw	$t0, faults
	jr	$ra
	addiu	$v0, $a1, 4

# fail(a0 = the failure's number): print it and exit with it.
fail:
	PRINT	"vm bench: failure "
	jal	exo_putdec
	nop
	PRINT	"\n"
	SYS	SYS_EXIT

	.data
faults:	.word	0
