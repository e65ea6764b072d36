# tlb-asid-global.s: a TLB entry matches when the VPN is equal and either G = 1 or its ASID equals
# EntryHi.ASID (r3000.md 1.3). Two non-global entries share a VPN under ASIDs 1 and 2 and map
# different physical pages; a global entry is seen under every ASID; ASID 3 misses the shared VPN.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"tlb-asid-global\n"
	lui	$t0, 0x8010			# physical pages 0x100000, 0x101000, 0x102000
	li	$t1, 0x11111111
	sw	$t1, 0($t0)
	li	$t1, 0x22222222
	sw	$t1, 0x1000($t0)
	li	$t1, 0x33333333
	sw	$t1, 0x2000($t0)
	TLB_SET	40, (0x00200000 | (1 << 6)), (0x00100000 | EL_V | EL_D)
	TLB_SET	41, (0x00200000 | (2 << 6)), (0x00101000 | EL_V | EL_D)
	TLB_SET	42, (0x00300000 | (5 << 6)), (0x00102000 | EL_V | EL_D | EL_G)
	li	$s0, 0x00200000
	li	$s1, 0x00300000
	# ASID 1
	li	$t0, (1 << 6)
	mtc0	$t0, c0_entryhi
	nop
	lw	$t2, 0($s0)
	lw	$t3, 0($s1)
	nop
	CHECK	$t2, 0x11111111, 1
	CHECK	$t3, 0x33333333, 2
	SHOW	"asid1=", $t2
	# ASID 2: the same VPN reaches the other page; the global entry still matches.
	li	$t0, (2 << 6)
	mtc0	$t0, c0_entryhi
	nop
	lw	$t2, 0($s0)
	lw	$t3, 0($s1)
	nop
	CHECK	$t2, 0x22222222, 3
	CHECK	$t3, 0x33333333, 4
	SHOW	"asid2=", $t2
	# A store under ASID 2 lands in page 0x101000.
	li	$t4, 0x2a2a2a2a
	sw	$t4, 4($s0)
	lui	$t5, 0x8010
	lw	$t6, 0x1004($t5)
	lw	$t7, 4($t5)
	nop
	CHECK	$t6, 0x2a2a2a2a, 5
	CHECK	$t7, 0, 6
	CHECKVAR T_COUNT, 0, 7
	# ASID 3: no entry for the shared VPN (refill); the global one still works.
	li	$t0, (3 << 6)
	mtc0	$t0, c0_entryhi
	nop
	lw	$t3, 0($s1)
	nop
	CHECK	$t3, 0x33333333, 8
	CHECKVAR T_COUNT, 0, 9
	li	$t2, 0x0f0f
ld3:	lw	$t2, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 10
	CHECKVAR T_VEC, 0x000, 11
	CHECKVARL T_EPC, ld3, 12
	CHECKVAR T_ENTRYHI, (0x00200000 | (3 << 6)), 13
	CHECK	$t2, 0x0f0f, 14
	T_RESET
	# Back to ASID 1: the translation is the first page again (no stale mapping).
	li	$t0, (1 << 6)
	mtc0	$t0, c0_entryhi
	nop
	lw	$t2, 0($s0)
	nop
	CHECK	$t2, 0x11111111, 15
	# The same in user mode, where the ASID matters the same way.
	USER_MAP 9, user1
	li	$t0, (2 << 6)
	mtc0	$t0, c0_entryhi
	RESUME_AT back1
	GO_USER	user1
user1:	lw	$t2, 0($s0)
	lw	$t3, 0($s1)
	syscall
	FAIL	90
back1:	CHECKEXC EXC_SYS, 16
	CHECK	$t2, 0x22222222, 17
	CHECK	$t3, 0x33333333, 18
	PASS
	.include "lib/runtime.inc"
