# rom.s: the boot ROM (0xBFC00000, kseg1, uncached). From the reset vector: CP0 to a known state,
# the TLB flushed (Linux r3k convention), the kernel image copied from the ROM to kseg0, BEV
# cleared so that exceptions use the kernel's vectors at 0x80000000/0x80000080, then the kernel's
# entry. Speed does not matter here (it runs once, uncached), so the code is in `reorder` mode and
# the assembler covers the CP0 hazards. docs/exokernel.md §3.
	.include "layout.inc"
	.text
	.globl	__start
__start:					# 0xBFC00000: reset (and NMI) vector
	j	rom_boot

	.org	0x100				# 0xBFC00100: UTLB refill, BEV=1
	la	$a0, rom_msg_utlb
	j	rom_panic

	.org	0x180				# 0xBFC00180: general exception, BEV=1
	la	$a0, rom_msg_exc
	j	rom_panic

	.org	0x200
rom_boot:
	# Status: BEV=1 (vectors in this ROM until the kernel is in RAM), kernel mode, interrupts
	# off, CU=0; Cause: no software interrupt requests.
	li	$t0, SR_BEV
	mtc0	$t0, c0_sr
	mtc0	$zero, c0_cause

	# Flush the TLB: entry i = EntryHi (0x80000 | i) << 12 (a kseg0 VPN, so it never matches a
	# mapped address, and all 64 differ), EntryLo 0 (Linux arch/mips/mm/tlb-r3k.c).
	move	$t0, $zero
	li	$t2, 64
	lui	$t3, 0x8000
1:	sll	$t1, $t0, 12
	or	$t1, $t1, $t3
	mtc0	$t1, c0_entryhi
	mtc0	$zero, c0_entrylo
	sll	$t1, $t0, 8
	mtc0	$t1, c0_index
	tlbwi
	addiu	$t0, $t0, 1
	bne	$t0, $t2, 1b
	mtc0	$zero, c0_entryhi		# ASID 0 (the kernel's)

	# Copy the kernel image to kseg0.
	li	$t0, KIMG_HDR
	lw	$t1, KIMG_OFF_MAGIC($t0)
	li	$t2, KIMG_MAGIC
	la	$a0, rom_msg_noimg
	bne	$t1, $t2, rom_panic
	lw	$a1, KIMG_OFF_LOAD($t0)		# destination
	lw	$a2, KIMG_OFF_SIZE($t0)		# bytes
	lw	$a3, KIMG_OFF_ENTRY($t0)
	addiu	$t0, $t0, KIMG_DATA		# source
	addu	$a2, $a2, $a1			# end of the destination
2:	beq	$a1, $a2, 3f
	lw	$t1, 0($t0)
	sw	$t1, 0($a1)
	addiu	$t0, $t0, 4
	addiu	$a1, $a1, 4
	b	2b
3:
	# Exceptions now go to the kernel's vectors in RAM.
	mtc0	$zero, c0_sr
	jr	$a3

# rom_panic: a0 = message (NUL-terminated, in this ROM). Prints it and halts with status 255.
rom_panic:
	move	$s0, $a0
	move	$a1, $zero
4:	addu	$t0, $s0, $a1			# strlen
	lbu	$t0, 0($t0)
	beqz	$t0, 5f
	addiu	$a1, $a1, 1
	b	4b
5:	move	$a0, $s0
	break	HOOK, HOOK_CONSOLE_WRITE
	li	$a0, 255
	break	HOOK, HOOK_HALT

	.rdata
rom_msg_utlb:	.asciiz	"exo rom: TLB refill exception during boot\n"
rom_msg_exc:	.asciiz	"exo rom: exception during boot\n"
rom_msg_noimg:	.asciiz	"exo rom: no kernel image in the boot ROM\n"
