# tlb-n-uncached.s: a TLB entry with N = 1 makes accesses to its page uncached (r3000.md 1.3).
# Timed with the cycle counter (docs/machine.md; docs/timing.md defaults): a load that hits the
# D-cache costs 1 cycle, a load from an N = 1 page costs 6 every time (uncached read, 5 stall
# cycles), like a kseg1 load; a load from an N = 0 page misses once, then hits.
# Each measurement runs twice and the second pass is checked (the first warms the I-cache).
	.include "lib/test.inc"

# MEASURE dst, off, base: `lw $t0, off(base)` timed; dst = cycles between two counter reads with the load between them, minus
# the cycles between two counter reads with nothing between them (the counter read's own cost).
.macro	MEASURE dst, off, base
	READ_CYCLES $t1
	READ_CYCLES $t2
	lw	$t0, \off(\base)
	READ_CYCLES $t3
	subu	$t4, $t2, $t1			# counter read alone
	subu	$t5, $t3, $t2			# counter read + the load
	subu	\dst, $t5, $t4
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-n-uncached\n"
	TLB_SET	50, 0x00200000, (0x00100000 | EL_V | EL_D | EL_G)		# N = 0
	TLB_SET	51, 0x00201000, (0x00101000 | EL_V | EL_D | EL_G | EL_N)	# N = 1
	li	$s0, 0x00200000
	li	$s1, 0x00201000
	li	$s2, 0xa0100000			# kseg1 view of the N = 0 page
	li	$s7, 2				# two passes
1:	lw	$t0, 0($s0)			# warm the D-cache line for the N = 0 page
	lw	$t0, 0($s1)			# and "warm" the N = 1 one (no effect)
	nop
	MEASURE	$s3, 0, $s0			# N = 0, cached: a hit
	MEASURE	$s4, 0, $s1			# N = 1
	MEASURE	$s5, 0, $s2			# kseg1
	sll	$t6, $s7, 8			# a line not loaded before (differs per pass)
	addu	$t6, $t6, $s0
	MEASURE	$s6, 0x40, $t6			# N = 0, cold line: a D-cache miss
	addiu	$s7, $s7, -1
	bnez	$s7, 1b
	nop
	SHOW	"hit=", $s3
	SHOW	"n1=", $s4
	SHOW	"kseg1=", $s5
	SHOW	"miss=", $s6
	CHECK	$s3, 1, 1
	CHECK	$s4, 6, 2
	CHECK	$s5, 6, 3
	CHECK	$s6, 6, 4			# miss: 1 + 5
	CHECKVAR T_COUNT, 0, 5
	PASS
	.include "lib/runtime.inc"
