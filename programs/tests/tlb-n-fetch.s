# tlb-n-fetch.s: instruction fetches from a TLB page with N = 1 are uncached: each costs the
# uncached read (1 + 5 cycles, docs/timing.md) where a warm I-cache hit costs 1. The same routine
# runs through kseg0 (cached) and through a kuseg alias mapped with N = 1, twice each (the first
# run warms what can be warmed); between its two cycle-counter loads 13 instructions are fetched.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-n-fetch\n"
	# kuseg alias of the routine's page, N = 1 (kernel mode may use kuseg).
	la	$t0, timed
	lui	$t1, 0x8000
	subu	$s0, $t0, $t1			# the alias address
	srl	$t2, $s0, 12
	sll	$t2, $t2, 12
	mtc0	$t2, c0_entryhi
	ori	$t2, $t2, (EL_V | EL_G | EL_N)
	mtc0	$t2, c0_entrylo
	li	$t3, (60 << 8)
	mtc0	$t3, c0_index
	nop
	tlbwi
	la	$s1, timed
	jalr	$s1				# cached, cold
	nop
	jalr	$s1				# cached, warm
	nop
	move	$s2, $v0
	jalr	$s0				# N = 1
	nop
	jalr	$s0
	nop
	move	$s3, $v0
	SHOW	"cached=", $s2
	SHOW	"n1=", $s3
	subu	$s4, $s3, $s2
	CHECK	$s4, (13 * 5), 1		# 13 fetches, 5 stall cycles each
	CHECKVAR T_COUNT, 0, 2
	PASS

	.balign	4096
# v0 = cycles between two counter reads around ten nops.
timed:	lui	$a0, 0xb500
	lw	$a1, 0x40($a0)
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	nop
	lui	$a0, 0xb500
	lw	$a2, 0x40($a0)
	nop
	jr	$ra
	subu	$v0, $a2, $a1
	.include "lib/runtime.inc"
