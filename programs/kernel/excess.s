# excess.s: the excess-time penalty (docs/exokernel.md §9, paper §5.1.1). First a polite
# end-of-slice handler: at each slice end it yields, then resumes the interrupted code (its a0 and
# PC from the interrupt save area), so the program runs on across many slices with every register
# intact and its output whole. Then the handler turns greedy (never yields): each tick that finds
# it still in the handler is an overrun, and the eighth one without a yield in between destroys
# the environment: REPORT_EXCESS on stderr, status 128 + SIGXCPU = 152 (KERNEL-BUGS.md 3).
# run: --quantum 5000
# max-cycles: 4000000
# status: 152
# expect: excess
# expect: ok 2: env_set slice_end
# expect: the polite handler yielded at slice ends
# expect: greedy now
# expect-stderr: destroyed: it overran its time slice 8 times
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	INT_SAVE_OFF, 0xf0			# in the scratch page: a0, PC (16 bytes)
	.equ	INT_SAVE_VA, EXO_SCRATCH + INT_SAVE_OFF
	.equ	ARMED, TEST_VARS + 0x00			# 1: the handler keeps the processor
	.equ	POLITE_N, TEST_VARS + 0x04		# slice ends the polite handler yielded at
	.equ	POLITE_V0, TEST_VARS + 0x08		# the interrupted v0 (yield returns 0 in it)
	.equ	SPIN, 40000				# iterations under the polite handler (~24 slices)
	.equ	SEED, 0x5eed0e11
	.text
	.globl	main
main:
	PRINT	"excess\n"
	sw	$zero, ARMED($zero)
	sw	$zero, POLITE_N($zero)
	lw	$a2, EXO_SCRATCH + EXO_S_PAGE($zero)
	sll	$a2, $a2, PAGE_SHIFT
	addiu	$a2, $a2, INT_SAVE_OFF
	li	$a0, 0
	li	$a1, FIELD_INT_SAVE
	li	$a3, 0
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set the interrupt save area"
	SET_ENTRY FIELD_SLICE_END, slice_end
	CHECK	$v0, 0, "env_set slice_end"
	# Many slices end in this loop (and in the prints around it); the handler yields each time.
	FILL_REGS SEED
	li	$s7, SPIN
1:	addiu	$s7, $s7, -1
	bnez	$s7, 1b
	STORE_REGS REGS_AREA
	CHECK_REGS REGS_AREA, SEED, 1 << 23, "registers across polite slice ends"
	lw	$s0, POLITE_N($zero)
	SHOW	"polite slice ends", $s0
	CHECKGE	$s0, 10, "the polite handler yielded at slice ends"
	PRINT	"greedy now\n"
	li	$t0, 1
	sw	$t0, ARMED($zero)
2:	b	2b

# The end-of-slice handler: a0 = the interrupted PC; the interrupted a0 and the PC are in the
# interrupt save area. Polite: yield, and when next scheduled, resume the interrupted code
# exactly (v0 kept here; the kernel keeps every other register across the yield). Greedy:
# spin until the kernel gives up on it.
slice_end:
	lw	$a0, ARMED($zero)
	nop
	bnez	$a0, greedy
	sw	$v0, POLITE_V0($zero)
	lw	$a0, POLITE_N($zero)
	nop
	addiu	$a0, $a0, 1
	sw	$a0, POLITE_N($zero)
	li	$a0, -1
	li	$v0, SYS_YIELD
	syscall
	lw	$v0, POLITE_V0($zero)
	lw	$a0, INT_SAVE_VA + 4($zero)
	.set	noreorder
	nop
	jr	$a0
	lw	$a0, INT_SAVE_VA + 0($zero)
	.set	reorder
greedy:	b	greedy
