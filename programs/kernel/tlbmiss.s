# tlbmiss.s: crt0's TLB-miss handler (programs/lib/crt0.s; docs/exokernel.md §5-§6): after an
# eviction, a load, a store, and a load in a branch delay slot each resume exactly, with every
# register (v0/v1 included) as it was; a miss on a page the program does not have ends it with
# status 139 and a message.
# status: 139
# expect: ok 10: execution went on at the branch target
# expect: exo: segmentation fault at 0x20000010 (pc 0x
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.data
	.balign	4096
dword:	.word	0x600d0001
	.balign	4096
	.text
	.globl	main
main:
	PRINT	"tlbmiss\n"
	sw	$ra, TEST_VARS($zero)
	sw	$sp, TEST_VARS + 4($zero)
	la	$a0, dword
	SYS	SYS_TLB_DELETE
	CHECK	$v0, 0, "tlb_delete the data page"
	lw	$t0, EXO_SCRATCH + EXO_S_NMISS($zero)
	sw	$t0, TEST_VARS + 8($zero)		# FILL_REGS overwrites s0
	# A load miss with every register holding a pattern.
	FILL_REGS 0x3c5a0000
	.set	noat
	lui	$1, %hi(dword)
	lw	$0, %lo(dword)($1)			# misses
	.set	at
	STORE_REGS REGS_AREA
	lw	$sp, TEST_VARS + 4($zero)
	CHECK_REGS REGS_AREA, 0x3c5a0000, 0x02, "a load miss keeps every register"
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	lw	$s0, TEST_VARS + 8($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 1, "it was an upcall"
	# A store miss, likewise.
	la	$a0, dword
	SYS	SYS_TLB_DELETE
	lw	$t0, EXO_SCRATCH + EXO_S_NMISS($zero)
	sw	$t0, TEST_VARS + 8($zero)
	FILL_REGS 0x71c30000
	.set	noat
	lui	$1, %hi(dword)
	sw	$2, %lo(dword)($1)			# misses; stores pattern(2)
	.set	at
	STORE_REGS REGS_AREA
	lw	$sp, TEST_VARS + 4($zero)
	CHECK_REGS REGS_AREA, 0x71c30000, 0x02, "a store miss keeps every register"
	lw	$t0, dword
	CHECK	$t0, 0x71c30000 ^ 0x02020202, "the store happened once resumed"
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	lw	$s0, TEST_VARS + 8($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 1, "it was an upcall"
	# A miss in a branch delay slot: EPC is the branch, which runs again (BD = 1).
	lw	$s0, EXO_SCRATCH + EXO_S_NMISS($zero)
	la	$a0, dword
	SYS	SYS_TLB_DELETE
	la	$t3, dword
	li	$t4, 0
	li	$t0, 0
	.set	noreorder
	addiu	$t4, $t4, 1
	bgez	$zero, 1f
	lw	$t0, 0($t3)				# delay slot: misses
	addiu	$t4, $t4, 100				# never
1:	nop
	.set	reorder
	CHECK	$t0, 0x71c30000 ^ 0x02020202, "the delay-slot load completed"
	lw	$t1, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t1, $t1, $s0
	CHECK	$t1, 1, "one upcall for it"
	CHECKMEM EXO_SCRATCH + EXO_S_BADVA, dword, "BadVAddr of the delay-slot miss"
	CHECK	$t4, 1, "execution went on at the branch target"
	# A page that is not ours.
	li	$t0, 0x20000010
	lw	$t1, 0($t0)
	FAIL	"the access to an unmapped page returned"
