# exc-adel-fetch.s: a jump to a misaligned address faults at the fetch of the target: AdEL with
# EPC = BadVAddr = the target, BD = 0 (r3000.md 1.6; DuckStation `Branch`).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-adel-fetch\n"
	la	$t0, target + 2
	li	$t1, 0
	RESUME_AT back1
	jr	$t0
	addiu	$t1, $t1, 1			# the delay slot runs
target:	nop
	nop
back1:	CHECKEXC EXC_ADEL, 1
	la	$t2, target + 2
	lui	$t8, 0x8000
	lw	$t3, 0x200+T_EPC($t8)
	lw	$t4, 0x200+T_BADVA($t8)
	lw	$t5, 0x200+T_CAUSE($t8)
	CHECKR	$t3, $t2, 2
	CHECKR	$t4, $t2, 3
	CHECK	$t5, (EXC_ADEL << 2), 4		# BD = 0: the target is not in a delay slot
	CHECK	$t1, 1, 5
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$t0, 0x80040001			# jalr to an odd address: same, and ra is written
	RESUME_AT back2
	jalr	$t0
	nop
back2:	CHECKEXC EXC_ADEL, 6
	CHECKVAR T_EPC, 0x80040001, 7
	CHECKVAR T_BADVA, 0x80040001, 8
	PASS
	.include "lib/runtime.inc"
