# tlb-kseg2-miss.s: kseg2 (0xC0000000 up) is mapped for the kernel; a miss there raises TLBL/TLBS
# through the general vector (only kuseg misses use the refill vector: r3000.md 1.4); a mapped
# kseg2 page reaches its physical page.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-kseg2-miss\n"
	li	$s0, 0xc0001234
ld1:	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 1
	CHECKVAR T_VEC, 0x080, 2
	CHECKVARL T_EPC, ld1, 3
	CHECKVAR T_BADVA, 0xc0001234, 4
	CHECKVAR T_ENTRYHI, 0xc0001000, 5
	CHECKVAR T_CONTEXT, (0x40001 << 2), 6	# BadVPN = VA[30:12]
	SHOWVAR	"cause=", T_CAUSE
	SHOWVAR	"context=", T_CONTEXT
	T_RESET
	li	$s1, 0xfffff000
st1:	sb	$zero, 0($s1)
	CHECKEXC EXC_TLBS, 7
	CHECKVAR T_VEC, 0x080, 8
	CHECKVAR T_BADVA, 0xfffff000, 9
	T_RESET
	TLB_SET	20, 0xc0001000, (0x00102000 | EL_V | EL_D | EL_G)
	li	$t2, 0x0c0ffee0
	sw	$t2, 0($s0)			# kseg2 store -> physical 0x00102234
	lui	$t3, 0xa010
	lw	$t4, 0x2234($t3)
	nop
	CHECKVAR T_COUNT, 0, 10
	CHECK	$t4, 0x0c0ffee0, 11
	PASS
	.include "lib/runtime.inc"
