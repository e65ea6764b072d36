# tlb-refill-load.s: a kuseg load with no matching TLB entry raises TLBL through the UTLB refill
# vector 0x80000000 (BEV=0), in kernel mode too; BadVAddr = the address, EntryHi.VPN = VA[31:12]
# with the ASID kept, Context.BadVPN = VA[30:12] with PTEBase kept (r3000.md 1.4, 1.5).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-refill-load\n"
	li	$t0, (5 << 6)			# ASID 5
	mtc0	$t0, c0_entryhi
	li	$t0, 0x80200000			# PTEBase
	mtc0	$t0, c0_context
	li	$s0, 0x00412344
	li	$t1, 0x1111
ld1:	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 1
	CHECKVAR T_VEC, 0x000, 2		# the UTLB vector
	CHECKVARL T_EPC, ld1, 3
	CHECKVAR T_BADVA, 0x00412344, 4
	CHECKVAR T_ENTRYHI, (0x00412000 | (5 << 6)), 5
	CHECKVAR T_CONTEXT, (0x80200000 | (0x00412 << 2)), 6
	CHECK	$t1, 0x1111, 7
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"badvaddr=", T_BADVA
	SHOWVAR	"entryhi=", T_ENTRYHI
	SHOWVAR	"context=", T_CONTEXT
	T_RESET
	li	$s0, 0x7ffff000			# top kuseg page: BadVPN = VA[30:12] = 0x7ffff
ld2:	lbu	$t1, 0xffc($s0)
	nop
	CHECKEXC EXC_TLBL, 8
	CHECKVAR T_VEC, 0x000, 9
	CHECKVAR T_BADVA, 0x7ffffffc, 10
	CHECKVAR T_CONTEXT, (0x80200000 | (0x7ffff << 2)), 11
	CHECKVAR T_ENTRYHI, (0x7ffff000 | (5 << 6)), 12
	T_RESET
	# An instruction fetch miss in kuseg: TLBL, UTLB vector, EPC = BadVAddr = the target.
	li	$t2, 0x00500000
	RESUME_AT back3
	jr	$t2
	nop
back3:	CHECKEXC EXC_TLBL, 13
	CHECKVAR T_VEC, 0x000, 14
	CHECKVAR T_EPC, 0x00500000, 15
	CHECKVAR T_BADVA, 0x00500000, 16
	PASS
	.include "lib/runtime.inc"
