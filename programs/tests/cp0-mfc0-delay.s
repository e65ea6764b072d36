# cp0-mfc0-delay.s: MFC0 has a load delay like a load (r3000.md 1.2, issue 4): the instruction
# right after it still sees the old register value, the one after that sees the new one. (A write
# to the same register in the delay slot is an undefined hazard and is not tested.)
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"cp0-mfc0-delay\n"
	li	$t0, 0x12345000
	mtc0	$t0, c0_entryhi
	nop
	nop
	li	$t1, 7
	mfc0	$t1, c0_entryhi
	.word	0x01205025			# or $t2, $t1, $zero in the delay slot: old value 7
						# (a .word, so that the assembler does not warn)
	move	$t3, $t1			# new value
	SHOW	"slot=", $t2
	CHECK	$t2, 7, 1
	CHECK	$t3, 0x12345000, 2
	PASS
	.include "lib/runtime.inc"
