# exc-load-delay-commit.s: a load followed by an instruction that raises an exception completes:
# the loaded value is in its register when the handler runs, and after the return (r3000.md 1.5;
# the faulting instruction is the one aborted, not the load before it).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-load-delay-commit\n"
	SETVAR	T_GENH, save_handler
	lui	$s0, 0x8004
	li	$t0, 0x5eed1234
	sw	$t0, 0($s0)
	li	$t1, 1
	lw	$t1, 0($s0)
bp1:	break	0				# in the load's delay slot
	CHECK	$t1, 0x5eed1234, 1		# after the return
	lui	$t8, 0x8000
	lw	$t2, 0x200+T_X0($t8)		# t1 as the handler saw it
	lw	$t3, 0x200+T_X1($t8)		# EPC
	nop
	CHECK	$t2, 0x5eed1234, 2
	la	$t4, bp1
	CHECKR	$t3, $t4, 3
	PASS

# Records t1 (T_X0) and EPC (T_X1), returns past the break.
save_handler:
	lui	$k1, 0x8000
	sw	$t1, 0x200+T_X0($k1)
	mfc0	$k0, c0_epc
	nop
	sw	$k0, 0x200+T_X1($k1)
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
	.include "lib/runtime.inc"
