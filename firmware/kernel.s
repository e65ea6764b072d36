# kernel.s: the exokernel's kseg0 part, linked at 0x80000000 and copied there by the boot ROM.
# So far: the two exception vectors (which panic: the STLB refill path and the dispatcher of
# docs/exokernel.md §5-§6 are the next step) and the entry, which prints the banner and halts.
	.include "layout.inc"
	.text
	.set	noreorder
utlb_vector:					# 0x80000000: UTLB refill vector
	j	panic_utlb
	nop

	.org	0x80				# 0x80000080: general exception vector
gen_vector:
	j	panic_exc
	nop

	.org	0x100
	.globl	kernel_entry
kernel_entry:
	la	$a0, banner
	li	$a1, banner_end - banner
	break	HOOK, HOOK_CONSOLE_WRITE
	# Nothing to run yet (environments come with docs/exokernel.md §4): halt with status 0.
	move	$a0, $zero
	break	HOOK, HOOK_HALT

panic_utlb:
	la	$a0, msg_utlb
	b	panic
	li	$a1, msg_utlb_end - msg_utlb
panic_exc:
	la	$a0, msg_exc
	li	$a1, msg_exc_end - msg_exc
panic:
	break	HOOK, HOOK_CONSOLE_WRITE
	li	$a0, 255
	break	HOOK, HOOK_HALT

	.rdata
banner:	.ascii	"exo-r3000 exokernel firmware: boot ROM ok, kernel at 0x80000000, TLB flushed\n"
banner_end:
msg_utlb:	.ascii	"exo kernel: panic: TLB refill exception (no STLB yet)\n"
msg_utlb_end:
msg_exc:	.ascii	"exo kernel: panic: unexpected exception\n"
msg_exc_end:
