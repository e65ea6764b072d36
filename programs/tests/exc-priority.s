# exc-priority.s: when one access could raise several exceptions, the address (alignment) check
# comes first: a misaligned store to a clean TLB page is AdES (not Mod), a misaligned load from an
# unmapped kuseg page is AdEL (not TLBL), and a misaligned load from unpopulated memory is AdEL
# (not DBE) ("MIPS RISC Architecture" exception priority; vmips `exception_priority`).
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"exc-priority\n"
	TLB_SET	33, 0x00400000, (0x00100000 | EL_V | EL_G)	# clean page
	li	$s0, 0x00400000
st1:	sw	$zero, 2($s0)
	CHECKEXC EXC_ADES, 1
	CHECKVARL T_EPC, st1, 2
	CHECKVAR T_BADVA, 0x00400002, 3
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$s1, 0x00500000			# unmapped
ld2:	lw	$t0, 1($s1)
	nop
	CHECKEXC EXC_ADEL, 4
	CHECKVARL T_EPC, ld2, 5
	CHECKVAR T_BADVA, 0x00500001, 6
	CHECKVAR T_VEC, 0x080, 7		# general vector, not the refill one
	SHOWVAR	"cause=", T_CAUSE
	T_RESET
	li	$s2, 0xa8000000			# nothing there
ld3:	lh	$t0, 1($s2)
	nop
	CHECKEXC EXC_ADEL, 8
	CHECKVARL T_EPC, ld3, 9
	CHECKVAR T_BADVA, 0xa8000001, 10
	SHOWVAR	"cause=", T_CAUSE
	PASS
	.include "lib/runtime.inc"
