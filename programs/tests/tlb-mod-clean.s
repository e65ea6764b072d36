# tlb-mod-clean.s: a store to a valid page whose entry has D = 0 (clean) raises Mod (ExcCode 1)
# through the general vector with BadVAddr, EntryHi.VPN and Context.BadVPN set; loads from the
# page work and the store writes nothing. With D = 1 the store goes through.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-mod-clean\n"
	lui	$t0, 0x8010			# physical page 0x00100000, via kseg0
	li	$t1, 0x600dcafe
	sw	$t1, 0x10($t0)
	li	$t0, 0x80200000
	mtc0	$t0, c0_context
	TLB_SET	30, (0x00400000 | (9 << 6)), (0x00100000 | EL_V)	# clean, ASID 9
	li	$s0, 0x00400000
	lw	$t2, 0x10($s0)			# loads are fine
	nop
	CHECKVAR T_COUNT, 0, 1
	CHECK	$t2, 0x600dcafe, 2
	li	$t3, 0xdeadbeef
st1:	sw	$t3, 0x10($s0)
	CHECKEXC EXC_MOD, 3
	CHECKVAR T_VEC, 0x080, 4
	CHECKVARL T_EPC, st1, 5
	CHECKVAR T_BADVA, 0x00400010, 6
	CHECKVAR T_ENTRYHI, (0x00400000 | (9 << 6)), 7
	CHECKVAR T_CONTEXT, (0x80200000 | (0x00400 << 2)), 8
	lw	$t2, 0x10($s0)
	nop
	CHECK	$t2, 0x600dcafe, 9		# not written
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"badvaddr=", T_BADVA
	T_RESET
st2:	sb	$t3, 0x13($s0)			# byte stores too
	CHECKEXC EXC_MOD, 10
	CHECKVARL T_EPC, st2, 11
	T_RESET
	# Make it dirty: TLBP finds the entry, TLBWI rewrites it with D = 1.
	li	$t0, (0x00400000 | (9 << 6))
	mtc0	$t0, c0_entryhi
	nop
	tlbp
	li	$t0, (0x00100000 | EL_V | EL_D)
	mtc0	$t0, c0_entrylo
	nop
	tlbwi
	sw	$t3, 0x10($s0)
	lw	$t2, 0x10($s0)
	nop
	CHECKVAR T_COUNT, 0, 12
	CHECK	$t2, 0xdeadbeef, 13
	PASS
	.include "lib/runtime.inc"
