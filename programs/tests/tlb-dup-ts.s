# tlb-dup-ts.s: two TLB entries that both match an access are architecturally undefined; the
# R3000 may set Status.TS (TLB shutdown). This machine sets TS on such a lookup and uses the
# first (lowest-numbered) match (r3000.md 1.3, docs/machine.md). Writing duplicates alone does
# not set TS; only a lookup that finds both does.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-dup-ts\n"
	lui	$t0, 0x8010
	li	$t1, 0xaaaa0001
	sw	$t1, 0($t0)			# physical 0x100000
	li	$t1, 0xbbbb0002
	sw	$t1, 0x1000($t0)		# physical 0x101000
	TLB_SET	44, 0x00800000, (0x00101000 | EL_V | EL_G)
	TLB_SET	43, 0x00800000, (0x00100000 | EL_V | EL_G)
	mfc0	$t2, c0_sr
	nop
	CHECKMASK $t2, SR_TS, 0, 1		# not yet: no lookup
	li	$s0, 0x00800000
	lw	$t3, 0($s0)
	nop
	mfc0	$t2, c0_sr
	nop
	SHOW	"sr=", $t2
	CHECKMASK $t2, SR_TS, SR_TS, 2
	CHECK	$t3, 0xaaaa0001, 3		# entry 43, the lower index
	CHECKVAR T_COUNT, 0, 4
	mtc0	$zero, c0_sr
	PASS
	.include "lib/runtime.inc"
