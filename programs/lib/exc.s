# exc.s: user-level exception handling (issue 6; paper §5.3: the kernel dispatches an exception
# to the environment's handler, which resumes without the kernel).
#
# Functions follow o32: arguments a0-a3, result v0; a*, t*, v* are clobbered; s0-s8, gp, sp
# are preserved.
#
#   exc_set_handler(code, fn) -> v0 = the previous fn (0: none), or EINVAL for a code that is
#                                not one's to handle here (Int, Sys: the kernel's; TLBL, TLBS,
#                                Mod: the VM's, vm_set_fault_handler), or env_set's error.
#   exc_count()               -> v0 = exceptions delivered to exc_set_handler's functions
#
# The codes: AdEL 4, AdES 5 (unaligned or kernel address), IBE 6, DBE 7 (bus error), Bp 9
# (break), RI 10 (reserved instruction), CpU 11 (coprocessor unusable), Ov 12 (overflow), and
# the reserved 13-15 (exo.inc EXC_*). fn 0 removes the handler (the kernel's default: the
# environment is killed with the signal Linux would send).
#
# The path: the kernel's dispatch (docs/exokernel.md §6) enters crt0's pinned exo_exc_entry
# (installed in the environment's handler table, FIELD_HANDLER + 4 x code, at its address in
# the alias EXO_PTEXT), which saves the registers an o32 function may change in a frame on the
# exception stack (exo.inc F_*) and calls
#     fn(epc, badvaddr, cause, frame) -> v0 = the PC to resume at, or 0 for the default action
# ("exo: unhandled exception N at pc X", exit 128 + the signal). epc is the faulting
# instruction, or the branch before it when Cause.BD is set (CAUSE_BD): skipping a faulting
# instruction in a delay slot is the handler's business (resume at the branch's target). The
# function may change the interrupted registers in the frame (say, F_V0 for the result of a
# faulting add); they are the ones resumed with. The return restores the frame and jumps to the
# resume PC with the return idiom (no kernel entry). A handler may itself fault: the frame goes
# below it on the exception stack.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif
	.text

# exc_set_handler(a0 = code, a1 = fn) -> v0 = the previous fn, or an error.
	.globl	exc_set_handler
exc_set_handler:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	li	$v0, EINVAL
	sltiu	$t0, $a0, 16
	beqz	$t0, 9f
	li	$t0, 1
	sllv	$t0, $t0, $a0
	andi	$t0, $t0, (1 << EXC_INT) | (1 << EXC_MOD) | (1 << EXC_TLBL) | (1 << EXC_TLBS) | (1 << EXC_SYS)
	bnez	$t0, 9f
	andi	$t0, $a1, 3
	bnez	$t0, 9f					# fn must be a word-aligned PC
	move	$s0, $a0
	move	$s1, $a1
	sll	$t0, $s0, 2
	lw	$s2, VM_PAGE+VM_G_EXC($t0)		# the previous one
	move	$a2, $zero				# fn 0: no handler in the kernel's table either
	beqz	$s1, 1f
	la	$a0, exo_exc_entry
	jal	exo_pinned_va
	move	$a2, $v0
	sll	$t0, $s0, 2
	sw	$s1, VM_PAGE+VM_G_EXC($t0)		# the function first: the entry reads it
1:	move	$a0, $zero
	sll	$a1, $s0, 2
	addiu	$a1, $a1, FIELD_HANDLER
	lw	$a3, BOOT_VA+BOOT_ENVCAP($zero)
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
	sll	$t0, $s0, 2
	sw	$s1, VM_PAGE+VM_G_EXC($t0)
	move	$v0, $s2
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# exc_count() -> v0 = exceptions delivered to handlers.
	.globl	exc_count
exc_count:
	lw	$v0, VM_PAGE+VM_G_NEXC($zero)
	jr	$ra
