# isolation.s: tries every way we know to break the exokernel's isolation and reports each one
# refused (issue 6; docs/exokernel.md §4-§9). Run it with its victim right after it on the
# command line (the victim connects to the environment loaded just before it):
#   npx exo run programs/isolation.s programs/isolation-victim.s
# The victim (programs/isolation-victim.s) connects to us (programs/lib/ipc.s), publishes the
# numbers of some of its physical pages (no capability), grants us one page on purpose and takes it
# back later, and at the end checks that its secret, its text and its environment are intact.
#
# Each attempt prints one line: "N. what: refused (how)", where how is the kernel's error code or
# the exception the processor raised (caught by our handler, installed with exc.s's
# exc_set_handler for AdEL, AdES, Bp and CpU; a TLB miss nobody maps reaches it through vm.s's
# vm_set_fault_handler). An attempt
# that succeeds, or is refused in another way than the ABI says, prints "NOT REFUSED" or
# "UNEXPECTED" and makes the exit status 1. Exit status 0 only if every attempt was refused as
# documented and the victim found itself intact. (Not tried: a syscall in a branch delay slot,
# which the kernel answers by destroying the caller, programs/kernel/syscall-delay.s.)
# Known limit, by design (docs/exokernel.md §3.3): the kernel's capabilities come from a
# generator seeded by --seed, so an attacker who knows the seed can predict the ones the loader
# hands out; a program that needs secrets chooses its own with page_setcap. Not tried here.
	.include "lib/exo.inc"
	# The protocol with the victim (the same words as in isolation-victim.s).
	.equ	ISO_STATE, IPC_SHM + 0x00
	.equ	ISO_TEXT_PG, IPC_SHM + 0x04
	.equ	ISO_SCRATCH_PG, IPC_SHM + 0x08
	.equ	ISO_STACK_PG, IPC_SHM + 0x0c
	.equ	ISO_GRANT_PG, IPC_SHM + 0x10
	.equ	ISO_GRANT_CAP, IPC_SHM + 0x14
	.equ	ISO_VICTIM_OK, IPC_SHM + 0x18
	.equ	GRANT_MARK, 0x600dface
	# Ours.
	.equ	X_CAUSE, EXO_SCRATCH + EXO_USER	# what our handler saw: Cause (-1: nothing yet)
	.equ	X_BADVA, EXO_SCRATCH + EXO_USER + 4	# BadVAddr
	.equ	X_EPC, EXO_SCRATCH + EXO_USER + 8	# EPC
	.equ	PROBE_VA, 0x00800000			# where the tlb_write attempts would map
	.equ	PIN_VA, 0x00005000			# guaranteed slot PIN_SLOT (ours: no spawn here)
	.equ	PIN_SLOT, 4
	.equ	EDGE_VA, USER_STACK_TOP			# 0x7ffff000: the last kuseg page
	.equ	FORGED, 0x12345678
	.equ	NGUESS, 4

	# SYSTRY n, expected, "what": system call n with the arguments already in a0-a3; the result
	# must be the error `expected`.
	.macro	SYSTRY n, expect, what
	li	$v0, \n
	syscall
	move	$a1, $v0
	LSTR	$a0, "\what"
	li	$a2, \expect
	jal	report_sys
	.endm

	# SYSTRY2 n, expected, other, "what": as SYSTRY, where the error `other` is as good.
	.macro	SYSTRY2 n, expect, other, what
	li	$v0, \n
	syscall
	move	$a1, $v0
	LSTR	$a0, "\what"
	li	$a2, \expect
	li	$t0, \other
	bne	$a1, $t0, 1f
	move	$a2, $t0
1:	jal	report_sys
	.endm

	# EXCARM / EXCTRY code, "what": around one instruction that must raise ExcCode `code`.
	.macro	EXCARM
	li	$t0, -1
	sw	$t0, X_CAUSE($zero)
	.endm
	.macro	EXCTRY code, what
	LSTR	$a0, "\what"
	li	$a1, \code
	jal	report_exc
	.endm

	# PCTTRY class, idreg, expected, "what": a protected control transfer that must be refused.
	.macro	PCTTRY class, idreg, expect, what
	lui	$v0, \class << 8
	or	$v0, $v0, \idreg
	syscall
	move	$a1, $v0
	LSTR	$a0, "\what"
	li	$a2, \expect
	jal	report_sys
	.endm

	.text
	.globl	main
main:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	# Our handler for AdEL, AdES, Bp and CpU (exc.s), and the fault handler for TLB misses
	# nobody maps (vm.s).
	li	$s0, EXC_ADEL
	jal	set_handler
	li	$s0, EXC_ADES
	jal	set_handler
	li	$s0, EXC_BP
	jal	set_handler
	li	$s0, EXC_CPU
	jal	set_handler
	la	$a0, iso_fault
	jal	vm_set_fault_handler
	# The victim: it connects, then publishes.
	move	$a0, $zero
	jal	ipc_accept
	LSTR	$s7, "the victim did not connect (run: exo run programs/isolation.s programs/isolation-victim.s)"
	blez	$v0, fatal
	move	$s0, $v0				# s0 = the victim's id
	li	$a0, ISO_STATE
	li	$a1, 1
	jal	shm_wait
	LSTR	$s7, "the victim is gone"
	bnez	$v0, fatal
	lw	$s1, ISO_TEXT_PG($zero)			# s1..s3 = its text, scratch, stack pages
	lw	$s2, ISO_SCRATCH_PG($zero)
	lw	$s3, ISO_STACK_PG($zero)
	lw	$s4, ISO_GRANT_PG($zero)		# s4, s5 = the page it grants us, its capability
	lw	$s5, ISO_GRANT_CAP($zero)
	LSTR	$a0, "isolation: environment %d attacks environment %d\n"
	lw	$a1, BOOT_VA + BOOT_ENVID($zero)
	move	$a2, $s0
	jal	printf

	PRINT	"-- another environment's pages, by capability\n"
	li	$a0, PROBE_VA
	ENTRYLO_OF $a1, $s1, ELO_V
	li	$a2, FORGED
	SYSTRY	SYS_TLB_WRITE, ECAP, "tlb_write of the victim's text page with a forged capability"
	li	$a0, PROBE_VA
	ENTRYLO_OF $a1, $s1, ELO_V
	move	$a2, $zero
	SYSTRY	SYS_TLB_WRITE, ECAP, "tlb_write of the victim's text page with capability 0"
	li	$a0, PROBE_VA
	ENTRYLO_OF $a1, $s3, ELO_D | ELO_V
	lw	$a2, BOOT_VA + BOOT_PAGECAP($zero)
	SYSTRY	SYS_TLB_WRITE, ECAP, "tlb_write of the victim's stack page, writable, with our boot page's capability"
	li	$a0, PIN_SLOT
	li	$a1, PIN_VA
	ENTRYLO_OF $a2, $s2, ELO_D | ELO_V
	li	$a3, FORGED
	SYSTRY	SYS_GUARANTEE, ECAP, "guarantee of the victim's scratch page (its miss handler's save area)"
	sll	$a0, $s0, 8				# the victim's slot 0 (its boot page mapping)
	li	$a1, BOOT_VA
	lw	$a2, BOOT_VA + BOOT_MAPS + 4($zero)	# a page of ours, with its capability
	lw	$a3, BOOT_VA + BOOT_MAPS + 12($zero)
	SYSTRY	SYS_GUARANTEE, EPERM, "guarantee into the victim's slot 0 (we did not create it)"
	jal	scan_pages
	# The page the victim granted us: the control (sharing by capability works), then what a
	# holder of its capability still may not do.
	li	$a0, PIN_SLOT
	li	$a1, PIN_VA
	ENTRYLO_OF $a2, $s4, ELO_D | ELO_V
	move	$a3, $s5
	SYS	SYS_GUARANTEE
	LSTR	$s7, "mapping the page the victim granted us"
	bnez	$v0, fatal
	lw	$a1, PIN_VA($zero)
	li	$t0, GRANT_MARK
	LSTR	$s7, "the granted page does not hold the victim's mark"
	bne	$a1, $t0, fatal
	LSTR	$a0, "    (control: the page the victim granted us maps with its capability and reads 0x%x)\n"
	jal	printf
	move	$a0, $s4
	move	$a1, $s5
	SYSTRY	SYS_PAGE_DEALLOC, EPERM, "page_dealloc of the granted page (we hold its wcap, not the page)"
	move	$a0, $s4
	li	$a1, FORGED
	li	$a2, FORGED
	move	$a3, $s5
	SYSTRY	SYS_PAGE_SETCAP, EPERM, "page_setcap of the granted page with its wcap"
	move	$a0, $s1
	li	$a1, FORGED
	SYSTRY	SYS_PAGE_DEALLOC, EPERM, "page_dealloc of the victim's text page"
	move	$a0, $s1
	li	$a1, FORGED
	li	$a2, FORGED
	li	$a3, FORGED
	SYSTRY	SYS_PAGE_SETCAP, EPERM, "page_setcap of the victim's text page"
	move	$a0, $s1
	li	$a1, FORGED
	li	$a2, FORGED
	SYSTRY	SYS_PAGE_ALLOC, EBUSY, "page_alloc of the victim's text page by number"
	move	$a0, $zero
	li	$a1, FORGED
	li	$a2, FORGED
	SYSTRY	SYS_PAGE_ALLOC, EPERM, "page_alloc of physical page 0 (the kernel's vectors)"
	# The victim takes its page back: what we kept of it is stale.
	li	$t0, 2
	sw	$t0, ISO_STATE($zero)
	li	$a0, ISO_STATE
	li	$a1, 3
	jal	shm_wait
	LSTR	$s7, "the victim is gone"
	bnez	$v0, fatal
	EXCARM
	lw	$t0, PIN_VA($zero)
	EXCTRY	EXC_TLBL, "load through our mapping of the granted page after its owner freed it"
	li	$a0, PROBE_VA
	ENTRYLO_OF $a1, $s4, ELO_V
	move	$a2, $s5
	# ENOENT while the page is free; ECAP once another environment has allocated it (with secrets
	# of its own): both refuse the stale capability.
	SYSTRY2	SYS_TLB_WRITE, ENOENT, ECAP, "tlb_write of the freed page with its old (stale) capability"
	li	$a0, PIN_SLOT
	li	$a1, PIN_VA
	ENTRYLO_OF $a2, $s4, ELO_D | ELO_V
	move	$a3, $s5
	SYSTRY2	SYS_GUARANTEE, ENOENT, ECAP, "guarantee of the freed page with its stale capability"

	PRINT	"-- kernel memory and devices from user mode\n"
	li	$t1, 0x80000000
	EXCARM
	lw	$t0, 0($t1)
	EXCTRY	EXC_ADEL, "load from kseg0 (the UTLB refill vector)"
	li	$t1, ENV_TABLE
	EXCARM
	sw	$zero, 0($t1)
	EXCTRY	EXC_ADES, "store to kseg0 (the environment table)"
	li	$t1, KBASE
	EXCARM
	lw	$t0, 0($t1)
	EXCTRY	EXC_ADEL, "load from kseg0 (the STLB)"
	li	$t1, 0xa0000000
	EXCARM
	lw	$t0, 0($t1)
	EXCTRY	EXC_ADEL, "load from kseg1 (physical memory, uncached)"
	li	$t1, CONS_PUTGETCHAR
	EXCARM
	sw	$zero, 0($t1)
	EXCTRY	EXC_ADES, "store to the console device (kseg1)"
	li	$t1, CONS_HALT
	EXCARM
	sw	$zero, 0($t1)
	EXCTRY	EXC_ADES, "store to the machine's halt register (kseg1)"
	li	$t1, TIMER_BASE + TIMER_CONTROL
	EXCARM
	sw	$zero, 0($t1)
	EXCTRY	EXC_ADES, "store to the interval timer (stop the slices)"
	li	$t1, 0xc0000000
	EXCARM
	lw	$t0, 0($t1)
	EXCTRY	EXC_ADEL, "load from kseg2"
	li	$t1, 0xfffff000
	EXCARM
	sw	$zero, 0($t1)
	EXCTRY	EXC_ADES, "store to kseg2"
	li	$t9, 0x80000080
	EXCARM
	.set	noreorder
	jalr	$t9
	nop
	.set	reorder
	EXCTRY	EXC_ADEL, "jump into the kernel's exception vector"
	li	$a0, 0x80000000
	li	$a1, 16
	SYSTRY	SYS_CONSOLE_WRITE, EFAULT, "console_write of kernel memory (the kernel as a deputy)"
	li	$a0, KBASE
	li	$a1, 4
	SYSTRY	SYS_CONSOLE_READ, EFAULT, "console_read into kernel memory"
	# A page of ours at the last kuseg page, and a buffer that runs from it into kseg0.
	li	$a0, -1
	li	$a1, FORGED
	li	$a2, FORGED
	SYS	SYS_PAGE_ALLOC
	LSTR	$s7, "page_alloc"
	bltz	$v0, fatal
	move	$s6, $v0				# s6 = that page (freed below)
	li	$a0, EDGE_VA
	ENTRYLO_OF $a1, $s6, ELO_D | ELO_V
	li	$a2, FORGED
	SYS	SYS_TLB_WRITE
	LSTR	$s7, "tlb_write of our own page at the last kuseg page"
	bnez	$v0, fatal
	li	$a0, EDGE_VA + PAGE_SIZE - 8
	li	$a1, 16
	SYSTRY	SYS_CONSOLE_WRITE, EFAULT, "console_write of a buffer running from our last kuseg page into kseg0"
	li	$a0, EDGE_VA
	SYS	SYS_TLB_DELETE
	move	$a0, $s6
	li	$a1, FORGED
	SYS	SYS_PAGE_DEALLOC
	LSTR	$s7, "page_dealloc of our own page"
	bnez	$v0, fatal
	li	$a0, 0x80000000
	lw	$a1, BOOT_VA + BOOT_MAPS + 4($zero)	# our own text page and its capability
	lw	$a2, BOOT_VA + BOOT_MAPS + 12($zero)
	SYSTRY	SYS_TLB_WRITE, EINVAL, "tlb_write of our own page at a kseg0 address"
	li	$a0, PROBE_VA
	lw	$a1, BOOT_VA + BOOT_MAPS + 4($zero)
	ori	$a1, $a1, ELO_G
	lw	$a2, BOOT_VA + BOOT_MAPS + 12($zero)
	SYSTRY	SYS_TLB_WRITE, EINVAL, "tlb_write of our own page as global (G = 1: every ASID)"
	li	$a0, PROBE_VA
	li	$a1, ELO_D | ELO_V			# physical page 0
	lw	$a2, BOOT_VA + BOOT_PAGECAP($zero)
	SYSTRY	SYS_TLB_WRITE, EPERM, "tlb_write of physical page 0 (the exception vectors)"
	li	$a0, PROBE_VA
	li	$a1, (PAGE_TABLE - 0x80000000) | ELO_D | ELO_V
	lw	$a2, BOOT_VA + BOOT_PAGECAP($zero)
	SYSTRY	SYS_TLB_WRITE, EPERM, "tlb_write of the kernel's physical page table"
	li	$a0, PROBE_VA
	li	$a1, 0xfffff000 | ELO_V
	lw	$a2, BOOT_VA + BOOT_PAGECAP($zero)
	SYSTRY	SYS_TLB_WRITE, EINVAL, "tlb_write of a physical page beyond RAM"
	li	$a0, PIN_SLOT
	move	$a1, $zero
	lw	$a2, BOOT_VA + BOOT_MAPS + 4($zero)
	lw	$a3, BOOT_VA + BOOT_MAPS + 12($zero)
	SYSTRY	SYS_GUARANTEE, EINVAL, "guarantee of virtual page 0 (null pointers must fault)"

	PRINT	"-- privileged instructions in user mode\n"
	EXCARM
	mfc0	$t0, $12
	EXCTRY	EXC_CPU, "mfc0 Status"
	EXCARM
	mtc0	$zero, $12
	EXCTRY	EXC_CPU, "mtc0 Status (kernel mode, interrupts off)"
	EXCARM
	mtc0	$zero, $10
	EXCTRY	EXC_CPU, "mtc0 EntryHi (ASID 0, the kernel's)"
	EXCARM
	tlbwr
	EXCTRY	EXC_CPU, "tlbwr"
	EXCARM
	tlbwi
	EXCTRY	EXC_CPU, "tlbwi"
	EXCARM
	tlbr
	EXCTRY	EXC_CPU, "tlbr (read another environment's mapping)"
	EXCARM
	tlbp
	EXCTRY	EXC_CPU, "tlbp"
	EXCARM
	rfe
	EXCTRY	EXC_CPU, "rfe"
	EXCARM
	break	HOOK, HOOK_HALT
	EXCTRY	EXC_BP, "the halt trap hook (break 0x3e5, 2)"
	EXCARM
	break	HOOK, HOOK_IMAGE_COPY
	EXCTRY	EXC_BP, "the image_copy trap hook (writes physical memory)"

	PRINT	"-- our own environment record: what only the kernel may set\n"
	move	$a0, $zero
	li	$a1, FIELD_SAVE
	li	$a2, ENV_TABLE - 0x80000000		# physical address of the environment table
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EPERM, "env_set of our save area into a kernel page (the environment table)"
	move	$a0, $zero
	li	$a1, FIELD_INT_SAVE
	sll	$a2, $s1, PAGE_SHIFT
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EPERM, "env_set of our interrupt save area into the victim's text page"
	move	$a0, $zero
	li	$a1, FIELD_HANDLER + 4 * EXC_ADEL
	li	$a2, 0x80000080
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of a handler in the kernel (0x80000080)"
	move	$a0, $zero
	li	$a1, FIELD_SLICE_START
	li	$a2, 0xbfc00000
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of slice_start in the boot ROM"
	move	$a0, $zero
	li	$a1, FIELD_HANDLER + 4 * EXC_SYS
	la	$a2, main
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of a handler for system calls (take them over)"
	move	$a0, $zero
	li	$a1, FIELD_HANDLER + 4 * EXC_INT
	la	$a2, main
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of a handler for interrupts (keep the timer)"
	move	$a0, $zero
	li	$a1, FIELD_SR
	li	$a2, 0x10000000				# CU0: CP0 usable in user mode
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of Status with CU0 (CP0 in user mode)"
	move	$a0, $zero
	li	$a1, FIELD_SR
	li	$a2, SR_KUP				# "previous mode kernel": rfe would enter it
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of Status with KUp (resume in kernel mode)"
	move	$a0, $zero
	li	$a1, REC_RESUME_PC
	la	$a2, main
	lw	$a3, BOOT_VA + BOOT_ENVCAP($zero)
	SYSTRY	SYS_ENV_SET, EINVAL, "env_set of a field that is not settable (resume_pc)"

	PRINT	"-- another environment, without its capability\n"
	move	$a0, $s0
	li	$a1, FORGED
	SYSTRY	SYS_ENV_DESTROY, ECAP, "env_destroy of the victim with a forged capability"
	move	$a0, $s0
	move	$a1, $zero
	SYSTRY	SYS_ENV_DESTROY, ECAP, "env_destroy of the victim with capability 0"
	move	$a0, $s0
	li	$a1, FIELD_HANDLER + 4 * EXC_TLBL
	la	$a2, main
	li	$a3, FORGED
	SYSTRY	SYS_ENV_SET, ECAP, "env_set of the victim's TLB-miss handler"
	move	$a0, $s0
	li	$a1, FIELD_SAVE
	move	$a2, $zero
	li	$a3, FORGED
	SYSTRY	SYS_ENV_SET, ECAP, "env_set of the victim's save area to none (kill it at its next fault)"
	move	$a0, $s0
	li	$a1, FORGED
	la	$a2, main
	move	$a3, $zero
	SYSTRY	SYS_ENV_START, ECAP, "env_start of the victim at our code"
	li	$a0, -1
	move	$a1, $s0
	li	$a2, FORGED
	SYSTRY	SYS_SLICE_ALLOC, ECAP, "slice_alloc for the victim"
	jal	try_slices
	andi	$a0, $s0, NENV - 1			# the loader gives the program in slot i slice i - 1
	addiu	$a0, $a0, -1
	move	$a1, $zero
	move	$a2, $zero
	SYSTRY	SYS_SLICE_FREE, EPERM, "slice_free of the victim's slice, as ourselves"
	jal	try_asids
	li	$a0, 64
	SYSTRY	SYS_ASID_SWITCH, EINVAL, "asid_switch to ASID 64 (there are 64)"

	PRINT	"-- protected control transfer to bad or stale ids\n"
	move	$t1, $zero
	PCTTRY	PCT_SYNC, $t1, ENOENT, "synchronous PCT to id 0 (the kernel's slot)"
	li	$t1, 62
	PCTTRY	PCT_SYNC, $t1, ENOENT, "synchronous PCT to a free slot (62)"
	addiu	$t1, $s0, 64				# the victim's slot, the next generation
	PCTTRY	PCT_SYNC, $t1, ENOENT, "synchronous PCT to the victim's slot with a wrong generation"
	addiu	$t1, $s0, 64
	PCTTRY	PCT_ASYNC, $t1, ENOENT, "asynchronous PCT to the same"
	move	$t1, $s0
	PCTTRY	3, $t1, ENOSYS, "PCT of class 3 to the victim (no such class)"
	li	$a0, FORGED				# an environment of ours, never started
	SYS	SYS_ENV_CREATE
	LSTR	$s7, "env_create"
	blez	$v0, fatal
	move	$s6, $v0
	PCTTRY	PCT_SYNC, $s6, ENOENT, "synchronous PCT to an environment created but not started"
	move	$a0, $s6
	li	$a1, FORGED
	SYS	SYS_ENV_DESTROY
	LSTR	$s7, "env_destroy of our own child"
	bnez	$v0, fatal
	PCTTRY	PCT_SYNC, $s6, ENOENT, "synchronous PCT to a destroyed environment (stale id)"
	move	$a0, $s6
	li	$a1, FORGED
	SYSTRY	SYS_ENV_DESTROY, ENOENT, "env_destroy of the destroyed environment with its old capability"
	move	$a0, $s6
	li	$a1, FORGED
	la	$a2, main
	move	$a3, $zero
	SYSTRY	SYS_ENV_START, ENOENT, "env_start of the destroyed environment with its old capability"

	# Done: the victim checks itself.
	li	$t0, 4
	sw	$t0, ISO_STATE($zero)
	li	$a0, ISO_STATE
	li	$a1, 5
	jal	shm_wait
	LSTR	$s7, "the victim is gone before its self-check"
	bnez	$v0, fatal
	lw	$t0, ISO_VICTIM_OK($zero)
	LSTR	$s7, "the victim's self-check failed"
	beqz	$t0, fatal
	li	$t0, 6					# it may go now (it owns the shared page)
	sw	$t0, ISO_STATE($zero)
	lw	$a1, n_tries
	lw	$a2, n_bad
	bnez	$a2, 8f
	LSTR	$a0, "isolation: %d attempts, every one refused; the victim is intact\n"
	jal	printf
	move	$v0, $zero
	b	9f
8:	LSTR	$a0, "isolation: %d attempts, %d NOT refused as documented\n"
	jal	printf
	li	$v0, 1
9:	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# fatal: s7 = what went wrong (not an attempt: the test itself could not go on). Exit 2.
fatal:	move	$a2, $v0
	LSTR	$a0, "isolation: FAIL: %s (%d)\n"
	move	$a1, $s7
	jal	printf
	li	$a0, 2
	jal	exit

# set_handler: iso_exc handles ExcCode s0 (exc.s).
set_handler:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	move	$a0, $s0
	la	$a1, iso_exc
	jal	exc_set_handler
	LSTR	$s7, "exc_set_handler"
	bltz	$v0, fatal
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# iso_exc(epc, badvaddr, cause, frame): exc.s's handler: records Cause, BadVAddr and EPC and
# resumes after the faulting instruction; a fetch from a bad address (BadVAddr = EPC) resumes
# at the interrupted ra, after the jalr that went there.
iso_exc:
	sw	$a2, X_CAUSE($zero)
	sw	$a1, X_BADVA($zero)
	sw	$a0, X_EPC($zero)
	addiu	$v0, $a0, 4
	bne	$a0, $a1, 1f
	lw	$v0, F_RA($a3)
1:	jr	$ra

# iso_fault(va, epc, cause, frame): vm.s's fault handler (a TLB miss on a page nobody maps):
# record it like iso_exc and resume after the faulting instruction.
iso_fault:
	sw	$a2, X_CAUSE($zero)
	sw	$a0, X_BADVA($zero)
	sw	$a1, X_EPC($zero)
	addiu	$v0, $a1, 4
	jr	$ra

# scan_pages: tlb_write of every physical page with NGUESS guessed capabilities, read-only.
# Every attempt must be refused with EPERM (a kernel page), ENOENT (a free one) or ECAP.
# The number of pages is where tlb_write says EINVAL (a PFN beyond RAM).
scan_pages:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$s0, 32($sp)
	sw	$s1, 28($sp)
	sw	$s2, 24($sp)
	sw	$s3, 20($sp)
	move	$s0, $zero				# s0 = page
	move	$s2, $zero				# s2 = attempts
	move	$s3, $zero				# s3 = refused as expected
1:	move	$s1, $zero				# s1 = guess index
2:	sll	$t0, $s1, 2
	lw	$a2, guesses($t0)
	li	$a0, PROBE_VA
	ENTRYLO_OF $a1, $s0, ELO_V
	SYS	SYS_TLB_WRITE
	li	$t0, EINVAL
	beq	$v0, $t0, 5f				# beyond RAM: done
	addiu	$s2, $s2, 1
	li	$t0, EPERM
	beq	$v0, $t0, 3f
	li	$t0, ENOENT
	beq	$v0, $t0, 3f
	li	$t0, ECAP
	beq	$v0, $t0, 3f
	bnez	$v0, 4f					# another error: not as documented
	li	$a0, PROBE_VA				# mapped: remove it again
	SYS	SYS_TLB_DELETE
	b	4f
3:	addiu	$s3, $s3, 1
4:	addiu	$s1, $s1, 1
	li	$t0, NGUESS
	bne	$s1, $t0, 2b
	addiu	$s0, $s0, 1
	b	1b
5:	LSTR	$a0, "tlb_write of every page of RAM, read-only, with each of 4 guessed capabilities"
	move	$a1, $s3
	move	$a2, $s2
	jal	report_count
	lw	$s3, 20($sp)
	lw	$s2, 24($sp)
	lw	$s1, 28($sp)
	lw	$s0, 32($sp)
	lw	$ra, 36($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# try_slices: slice_free of each of the 64 slices for the victim, with a forged capability.
try_slices:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s1, 24($sp)
	sw	$s2, 20($sp)
	move	$s1, $zero				# slice
	move	$s2, $zero				# refused with ECAP
1:	move	$a0, $s1
	move	$a1, $s0
	li	$a2, FORGED
	SYS	SYS_SLICE_FREE
	li	$t0, ECAP
	bne	$v0, $t0, 2f
	addiu	$s2, $s2, 1
2:	addiu	$s1, $s1, 1
	li	$t0, NSLICE
	bne	$s1, $t0, 1b
	LSTR	$a0, "slice_free of each of the 64 slices for the victim (ECAP)"
	move	$a1, $s2
	li	$a2, NSLICE
	jal	report_count
	lw	$s2, 20($sp)
	lw	$s1, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# try_asids: asid_switch to each of the 64 ASIDs: exactly one (our own) may be accepted, every
# other refused with EPERM (the kernel's ASID 0 included). We stay in our own ASID.
try_asids:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s1, 24($sp)
	sw	$s2, 20($sp)
	sw	$s3, 16($sp)
	move	$s1, $zero				# ASID
	move	$s2, $zero				# refused with EPERM
	move	$s3, $zero				# accepted
1:	move	$a0, $s1
	SYS	SYS_ASID_SWITCH
	li	$t0, EPERM
	bne	$v0, $t0, 2f
	addiu	$s2, $s2, 1
	b	3f
2:	bnez	$v0, 3f
	addiu	$s3, $s3, 1
3:	addiu	$s1, $s1, 1
	li	$t0, 64
	bne	$s1, $t0, 1b
	LSTR	$a0, "asid_switch to each of the 63 ASIDs not ours, the kernel's included (EPERM)"
	move	$a1, $s2
	li	$a2, 63
	li	$t0, 1
	beq	$s3, $t0, 4f
	move	$a1, $zero				# not exactly one of ours: count it all as failed
4:	jal	report_count
	lw	$s3, 16($sp)
	lw	$s2, 20($sp)
	lw	$s1, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# report_sys(what, result, expected): one attempt that had to return the error `expected`.
report_sys:
	addiu	$sp, $sp, -40
	sw	$ra, 36($sp)
	sw	$a0, 32($sp)
	sw	$a1, 28($sp)
	sw	$a2, 24($sp)
	jal	count_try
	lw	$a0, 28($sp)
	lw	$t0, 24($sp)
	bne	$a0, $t0, 1f
	jal	err_name				# refused as documented
	move	$a3, $v0
	LSTR	$a0, "%2d. %s: refused (%s)\n"
	b	8f
1:	jal	count_bad
	lw	$a0, 28($sp)
	bgez	$a0, 2f
	jal	err_name				# refused, but not as documented
	sw	$v0, 20($sp)
	lw	$a0, 24($sp)
	jal	err_name
	sw	$v0, 16($sp)
	lw	$a3, 20($sp)
	LSTR	$a0, "%2d. %s: UNEXPECTED: refused with %s, not %s\n"
	b	8f
2:	lw	$a3, 28($sp)
	LSTR	$a0, "%2d. %s: NOT REFUSED (returned %d)\n"
8:	lw	$a1, n_tries
	lw	$a2, 32($sp)
	jal	printf
	lw	$ra, 36($sp)
	addiu	$sp, $sp, 40
	jr	$ra

# report_exc(what, code): one attempt that had to raise ExcCode `code` (X_CAUSE: what it did).
report_exc:
	addiu	$sp, $sp, -48
	sw	$ra, 44($sp)
	sw	$a0, 40($sp)
	sw	$a1, 36($sp)
	jal	count_try
	lw	$t0, X_CAUSE($zero)
	li	$t1, -1
	beq	$t0, $t1, 3f				# no exception at all
	srl	$t0, $t0, 2
	andi	$t0, $t0, 31
	sw	$t0, 32($sp)				# the code seen
	sll	$t1, $t0, 2
	lw	$t1, exc_names($t1)
	sw	$t1, 28($sp)
	lw	$t2, 36($sp)
	bne	$t0, $t2, 2f
	sltiu	$t1, $t0, EXC_ADES + 1			# TLBL, TLBS, AdEL, AdES: the address too
	sltiu	$t2, $t0, EXC_TLBL
	xor	$t1, $t1, $t2
	beqz	$t1, 1f
	LSTR	$a0, "%2d. %s: refused (%s at 0x%08x)\n"
	lw	$a1, n_tries
	lw	$a2, 40($sp)
	lw	$a3, 28($sp)
	lw	$t0, X_BADVA($zero)
	sw	$t0, 16($sp)
	jal	printf
	b	9f
1:	LSTR	$a0, "%2d. %s: refused (%s)\n"
	lw	$a1, n_tries
	lw	$a2, 40($sp)
	lw	$a3, 28($sp)
	jal	printf
	b	9f
2:	jal	count_bad
	LSTR	$a0, "%2d. %s: UNEXPECTED exception %s\n"
	lw	$a1, n_tries
	lw	$a2, 40($sp)
	lw	$a3, 28($sp)
	jal	printf
	b	9f
3:	jal	count_bad
	LSTR	$a0, "%2d. %s: NOT REFUSED (no exception)\n"
	lw	$a1, n_tries
	lw	$a2, 40($sp)
	jal	printf
9:	lw	$ra, 44($sp)
	addiu	$sp, $sp, 48
	jr	$ra

# report_count(what, refused, attempts): a family of attempts, each refused as documented.
report_count:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$a0, 24($sp)
	sw	$a1, 20($sp)
	sw	$a2, 16($sp)
	jal	count_try
	lw	$t0, 20($sp)
	lw	$t1, 16($sp)
	beq	$t0, $t1, 1f
	jal	count_bad
	LSTR	$a0, "%2d. %s: only %d of %d refused: NOT REFUSED\n"
	b	2f
1:	LSTR	$a0, "%2d. %s: %d of %d refused\n"
2:	lw	$a1, n_tries
	lw	$a2, 24($sp)
	lw	$a3, 20($sp)
	lw	$t1, 16($sp)
	addiu	$sp, $sp, -24				# printf's fifth argument at its caller's 16(sp)
	sw	$t1, 16($sp)
	jal	printf
	addiu	$sp, $sp, 24
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

count_try:
	lw	$t0, n_tries
	addiu	$t0, $t0, 1
	sw	$t0, n_tries
	jr	$ra
count_bad:
	lw	$t0, n_bad
	addiu	$t0, $t0, 1
	sw	$t0, n_bad
	jr	$ra

# err_name(e) -> v0 = the name of kernel error e (layout.inc), or "?".
err_name:
	subu	$t0, $zero, $a0
	addiu	$t1, $t0, -1
	sltiu	$t1, $t1, 8
	la	$v0, err_unknown
	beqz	$t1, 1f
	sll	$t0, $t0, 2
	lw	$v0, err_names - 4($t0)
1:	jr	$ra

	.rdata
	.balign	4
err_names:	.word	e_inval, e_cap, e_noent, e_nomem, e_fault, e_nosys, e_perm, e_busy
exc_names:	.word	x_int, x_mod, x_tlbl, x_tlbs, x_adel, x_ades, x_ibe, x_dbe
		.word	x_sys, x_bp, x_ri, x_cpu, x_ov, x_res, x_res, x_res
		.word	x_res, x_res, x_res, x_res, x_res, x_res, x_res, x_res
		.word	x_res, x_res, x_res, x_res, x_res, x_res, x_res, x_res
guesses:	.word	0xffffffff, 0x00000001, 0xdeadbeef, 0x2545f491	# (the last: --seed's default)
e_inval:	.asciz	"EINVAL"
e_cap:		.asciz	"ECAP"
e_noent:	.asciz	"ENOENT"
e_nomem:	.asciz	"ENOMEM"
e_fault:	.asciz	"EFAULT"
e_nosys:	.asciz	"ENOSYS"
e_perm:		.asciz	"EPERM"
e_busy:		.asciz	"EBUSY"
err_unknown:	.asciz	"?"
x_int:	.asciz	"Int"
x_mod:	.asciz	"Mod"
x_tlbl:	.asciz	"TLBL"
x_tlbs:	.asciz	"TLBS"
x_adel:	.asciz	"AdEL"
x_ades:	.asciz	"AdES"
x_ibe:	.asciz	"IBE"
x_dbe:	.asciz	"DBE"
x_sys:	.asciz	"Sys"
x_bp:	.asciz	"Bp"
x_ri:	.asciz	"RI"
x_cpu:	.asciz	"CpU"
x_ov:	.asciz	"Ov"
x_res:	.asciz	"reserved"
	.bss
	.balign	4
n_tries:	.space	4
n_bad:		.space	4
