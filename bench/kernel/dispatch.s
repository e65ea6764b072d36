# bench/kernel/dispatch.s: exception dispatch to a user handler and back without the kernel
# (paper §5.3, Table 5): unaligned load (AdEL), overflow (Ov), coprocessor unusable (CpU) and a
# store to a read-only page (Mod). One handler for all four skips the faulting instruction and
# returns with the idiom of docs/exokernel.md §6. Measured from the faulting instruction (m_*)
# to the one after it (m_*_end), and to the handler's first instruction (dispatch only).
	.include "../../firmware/layout.inc"
	.equ	ITER, 8
	.equ	SAVE, BOOT_VA + BOOT_SAVE
	.equ	PROT_VA, 0x10000000
	.equ	CAP, 0x600df00d
	.text
	.set	noreorder
	.globl	__start
__start:
	la	$s1, handler
	li	$s2, FIELD_HANDLER + 4 * 4	# AdEL
	jal	sethandler
	nop
	li	$s2, FIELD_HANDLER + 4 * 12	# Ov
	jal	sethandler
	nop
	li	$s2, FIELD_HANDLER + 4 * 11	# CpU
	jal	sethandler
	nop
	li	$s2, FIELD_HANDLER + 4 * 1	# Mod
	jal	sethandler
	nop
	# A page mapped read-only (D = 0) at PROT_VA.
	li	$a0, -1
	li	$a1, CAP
	li	$a2, CAP
	li	$v0, SYS_PAGE_ALLOC
	syscall
	bltz	$v0, fail
	sll	$a1, $v0, 12
	ori	$a1, $a1, ELO_V
	li	$a0, PROT_VA
	li	$a2, CAP
	li	$v0, SYS_TLB_WRITE
	syscall
	bnez	$v0, fail
	nop
	li	$s0, ITER
	li	$s3, PROT_VA
	li	$s4, 0x7fffffff
	li	$s5, BOOT_VA
loop:
m_unalign:
	lw	$t0, 1($s5)
m_unalign_end:
m_ovf:
	add	$t1, $s4, $s4
m_ovf_end:
m_cop:
	mfc1	$t2, $f0
m_cop_end:
m_prot:
	sw	$t0, 0($s3)
m_prot_end:
	addiu	$s0, $s0, -1
	bnez	$s0, loop
	nop
	move	$a0, $zero
	li	$v0, SYS_EXIT
	syscall
fail:
	li	$a0, 1
	li	$v0, SYS_EXIT
	syscall

sethandler:					# env_set(0, s2, s1, 0)
	move	$a0, $zero
	move	$a1, $s2
	move	$a2, $s1
	move	$a3, $zero
	li	$v0, SYS_ENV_SET
	syscall
	bnez	$v0, fail
	nop
	jr	$ra
	nop

# a0 = EPC, a1 = BadVAddr, a2 = Cause; the interrupted a0-a2 are in the save area.
handler:
	addiu	$a0, $a0, 4			# skip the faulting instruction (none sits in a delay slot)
	sw	$a0, SAVE + 12($zero)
	lw	$a2, SAVE + 8($zero)
	lw	$a1, SAVE + 4($zero)
	lw	$a0, SAVE + 12($zero)
	nop
	jr	$a0
	lw	$a0, SAVE + 0($zero)
