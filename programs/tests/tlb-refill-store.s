# tlb-refill-store.s: a kuseg store with no matching TLB entry raises TLBS through the UTLB
# vector (0x80000000); memory is not written; BadVAddr/EntryHi/Context as for loads.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-refill-store\n"
	li	$t0, (63 << 6)			# ASID 63
	mtc0	$t0, c0_entryhi
	mtc0	$zero, c0_context
	li	$s0, 0x00001000
st1:	sw	$zero, 8($s0)
	CHECKEXC EXC_TLBS, 1
	CHECKVAR T_VEC, 0x000, 2
	CHECKVARL T_EPC, st1, 3
	CHECKVAR T_BADVA, 0x00001008, 4
	CHECKVAR T_ENTRYHI, (0x00001000 | (63 << 6)), 5
	CHECKVAR T_CONTEXT, (0x00001 << 2), 6
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"entryhi=", T_ENTRYHI
	T_RESET
	li	$s0, 0x12345678
st2:	sh	$zero, 0($s0)
	CHECKEXC EXC_TLBS, 7
	CHECKVAR T_VEC, 0x000, 8
	CHECKVAR T_BADVA, 0x12345678, 9
	CHECKVAR T_CONTEXT, (0x12345 << 2), 10
	PASS
	.include "lib/runtime.inc"
