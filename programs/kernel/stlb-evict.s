# stlb-evict.s: evictions between environments in the shared, direct-mapped STLB
# (docs/exokernel.md §5) come back as upcalls, in both directions, and no data is lost.
#
# The STLB index of a mapping is VPN[11:0] ^ VPN[2:0] << 9 ^ ASID << 3 (12 bits; kernel.s
# utlb_vector: ((EntryHi >> 9) ^ EntryHi) & 0x7ff8 = index x 8). We are environment index 1, ASID
# 32; the peer (stlb-evict-peer.s) is index 2, ASID 16 (kernel.s asid_of_slot: the index's 6 bits
# reversed). For our VPN c and its VPN p to share an entry the VPN[2:0] terms must agree, so
# c[2:0] = p[2:0] and c[11:0] = p[11:0] ^ (32 ^ 16) << 3 = p ^ 0x180. Its pages (the peer checks
# that it lies in them) and the pages we map over them:
#
#   peer VPN (ASID 16)  STLB index  our VPN (ASID 32)
#   0x00400 text        0x480       0x00580
#   0x00401 text        0x681       0x00581
#   0x00402 text        0x082       0x00582
#   0x00403 text        0x283       0x00583
#   0x00404-0x0040f text (the library OS grows)   0x00584-0x0058f
#   0x00410 data        0x490       0x00590
#   0x00411 data        0x691       0x00591
#   0x00412 data        0x092       0x00592
#   0x00413 data        0x293       0x00593
#   0x00414-0x0041f data (the library OS's data comes first)   0x00594-0x0059f
#   0x7fffb stack       0x97b       0x7fe7b
#   0x7fffc stack       0x77c       0x7fe7c
#   0x7fffd stack       0x57d       0x7fe7d
#   0x7fffe stack       0x37e       0x7fe7e
#
# (Check one: 0x580 ^ (0 << 9) ^ (32 << 3) = 0x580 ^ 0x100 = 0x480 = 0x400 ^ 0 ^ (16 << 3).)
# None of our image's pages (text from 0x400, .bss 0x412-0x4d9, stack 0x7fffb-0x7fffe) meets one
# of the peer's: theirs would be at our VPN ^ 0x180, where the peer has nothing.
#
# Each pass: read back every colliding page (where the peer's refills took the STLB entry and
# our TLB entry is gone, the miss is an upcall to coll_tlbmiss, which rebinds the page: these
# pages are not in the boot map, so crt0's handler could not); rebind all of them with tlb_write
# (which writes the STLB entries, evicting the peer's text, data and stack); touch our 200 .bss
# pages (refills that push the peer's entries out of the 64-entry TLB as well); yield. The
# peer's next fetch, load or push must then miss in the TLB and the STLB and come back through
# its crt0 handler. Both sides count their upcalls and check their data.
# programs: stlb-evict.s stlb-evict-peer.s
# passes: 2
# expect: stlb-evict-peer: upcalls
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.equ	NPAGES, 200
	.equ	PASSES, 10
	.equ	NCOLL, 36
	.equ	CCAP, 0xc0111de5			# rcap = wcap of the colliding pages
	.equ	CPAT, 0xc0110000			# word 0 of colliding page k: CPAT + k
	.equ	COLL_TAB, EXO_SCRATCH + 0x800		# NCOLL x {va, EntryLo}, then 0 (pinned)
	.equ	COLL_NMISS, TEST_VARS + 0x00		# upcalls coll_tlbmiss served
	.equ	COLL_ERR, TEST_VARS + 0x04		# a tlb_write it got refused (0: none)
	.equ	COLL_V0, TEST_VARS + 0x08		# its register save
	.equ	COLL_T0, TEST_VARS + 0x0c
	.rdata
	.balign	4
coll_va:					# the table above, our column
	.word	0x00580000, 0x00581000, 0x00582000, 0x00583000
	.word	0x00584000, 0x00585000, 0x00586000, 0x00587000
	.word	0x00588000, 0x00589000, 0x0058a000, 0x0058b000
	.word	0x0058c000, 0x0058d000, 0x0058e000, 0x0058f000
	.word	0x00590000, 0x00591000, 0x00592000, 0x00593000
	.word	0x00594000, 0x00595000, 0x00596000, 0x00597000
	.word	0x00598000, 0x00599000, 0x0059a000, 0x0059b000
	.word	0x0059c000, 0x0059d000, 0x0059e000, 0x0059f000
	.word	0x7fe7b000, 0x7fe7c000, 0x7fe7d000, 0x7fe7e000
	.bss
	.balign	4096
pages:	.space	NPAGES * 4096
	.text
	.globl	main
main:
	PRINT	"stlb-evict\n"
	sw	$zero, COLL_NMISS($zero)
	sw	$zero, COLL_ERR($zero)
	PEER_ID	$a0, 2
	SYS	SYS_YIELD				# let the peer start first (its crt0 installs
	CHECK	$v0, 0, "yield to the peer"		# its handler before we evict anything)
	# The colliding pages: allocate, bind, fill.
	la	$s5, coll_va
	li	$s6, COLL_TAB
	li	$s1, 0
1:	li	$a0, -1
	li	$a1, CCAP
	li	$a2, CCAP
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 2f
	lw	$a0, 0($s5)
	sll	$a1, $v0, PAGE_SHIFT
	ori	$a1, $a1, ELO_D | ELO_V
	sw	$a0, 0($s6)
	sw	$a1, 4($s6)
	li	$a2, CCAP
	SYS	SYS_TLB_WRITE
	bnez	$v0, 2f
	lw	$a0, 0($s6)
	addiu	$t0, $s1, CPAT & 0xffff
	lui	$t1, CPAT >> 16
	or	$t0, $t0, $t1
	sw	$t0, 0($a0)
	addiu	$s5, $s5, 4
	addiu	$s6, $s6, 8
	addiu	$s1, $s1, 1
	bne	$s1, NCOLL, 1b
	move	$v0, $zero
2:	CHECK	$v0, 0, "allocate and map the 36 colliding pages"
	sw	$zero, 0($s6)				# the table's end
	SET_HANDLER EXC_TLBL, coll_tlbmiss
	CHECK	$v0, 0, "our TLBL handler (colliding pages, else crt0's)"
	SET_HANDLER EXC_TLBS, coll_tlbmiss
	CHECK	$v0, 0, "our TLBS handler"
	# The .bss pages.
	la	$s0, pages
	li	$s1, 0
1:	sll	$t0, $s1, PAGE_SHIFT
	addu	$t0, $t0, $s0
	addiu	$t1, $s1, 0x3300
	sw	$t1, 0($t0)
	addiu	$s1, $s1, 1
	bne	$s1, NPAGES, 1b
	lw	$s4, EXO_SCRATCH + EXO_S_NMISS($zero)
	li	$s2, 0					# passes
	li	$s3, 0					# wrong words (.bss)
	li	$s7, 0					# wrong words (colliding pages)
pass:	li	$s1, 0					# read back the colliding pages
	li	$s6, COLL_TAB
1:	lw	$t0, 0($s6)
	lw	$t1, 0($t0)
	addiu	$t2, $s1, CPAT & 0xffff
	lui	$t3, CPAT >> 16
	or	$t2, $t2, $t3
	beq	$t1, $t2, 2f
	addiu	$s7, $s7, 1
2:	addiu	$s6, $s6, 8
	addiu	$s1, $s1, 1
	bne	$s1, NCOLL, 1b
	li	$s6, COLL_TAB				# rebind them all: the peer's entries go
1:	lw	$a0, 0($s6)
	beqz	$a0, 2f
	lw	$a1, 4($s6)
	li	$a2, CCAP
	SYS	SYS_TLB_WRITE
	beqz	$v0, 3f
	sw	$v0, COLL_ERR($zero)
3:	addiu	$s6, $s6, 8
	b	1b
2:	li	$s1, 0					# the .bss pages: TLB churn
3:	sll	$t0, $s1, PAGE_SHIFT
	addu	$t0, $t0, $s0
	lw	$t1, 0($t0)
	addiu	$t2, $s1, 0x3300
	beq	$t1, $t2, 4f
	addiu	$s3, $s3, 1
4:	addiu	$s1, $s1, 1
	bne	$s1, NPAGES, 3b
	PEER_ID	$a0, 2					# the peer's turn
	SYS	SYS_YIELD
	addiu	$s2, $s2, 1
	bne	$s2, PASSES, pass
	CHECK	$s3, 0, "every .bss page read back right on every pass"
	CHECK	$s7, 0, "every colliding page read back right on every pass"
	lw	$t0, COLL_ERR($zero)
	CHECK	$t0, 0, "every rebinding tlb_write succeeded"
	lw	$t0, EXO_SCRATCH + EXO_S_NMISS($zero)
	subu	$t0, $t0, $s4
	SHOW	"stlb-evict: crt0 upcalls", $t0
	lw	$t0, COLL_NMISS($zero)
	SHOW	"stlb-evict: colliding-page upcalls", $t0
	CHECKGE	$t0, PASSES / 2, "the peer's refills evicted our colliding pages (upcalls)"
	PASS

# coll_tlbmiss: TLBL/TLBS handler (a0 = EPC, a1 = BadVAddr, a2 = Cause; the interrupted a0-a2
# in the boot page's save area). A colliding page (in COLL_TAB) is rebound with tlb_write and
# the faulting instruction restarts; any other page goes on to crt0's handler unchanged.
# Its text cannot be evicted from the STLB by the peer (no peer page at our text VPN ^ 0x180).
coll_tlbmiss:
	.set	noreorder
	sw	$a0, BOOT_VA + BOOT_SAVE + 12($zero)	# resume PC: the faulting instruction
	sw	$v0, COLL_V0($zero)
	sw	$t0, COLL_T0($zero)
	srl	$a0, $a1, PAGE_SHIFT
	sll	$a0, $a0, PAGE_SHIFT			# the page
	li	$t0, COLL_TAB
1:	lw	$v0, 0($t0)
	nop
	beqz	$v0, 9f					# not one of ours
	nop
	bne	$v0, $a0, 1b
	addiu	$t0, $t0, 8
	lw	$a1, 4 - 8($t0)				# its EntryLo
	li	$a2, CCAP
	li	$v0, SYS_TLB_WRITE
	syscall
	beqz	$v0, 2f
	nop
	sw	$v0, COLL_ERR($zero)
2:	lw	$t0, COLL_NMISS($zero)
	nop
	addiu	$t0, $t0, 1
	sw	$t0, COLL_NMISS($zero)
	lw	$t0, COLL_T0($zero)
	lw	$v0, COLL_V0($zero)
	lw	$a2, BOOT_VA + BOOT_SAVE + 8($zero)	# the return idiom (docs/exokernel.md §6)
	lw	$a1, BOOT_VA + BOOT_SAVE + 4($zero)
	lw	$a0, BOOT_VA + BOOT_SAVE + 12($zero)
	nop
	jr	$a0
	lw	$a0, BOOT_VA + BOOT_SAVE + 0($zero)
9:	lw	$t0, COLL_T0($zero)			# crt0's handler: a0 = EPC, a1 = BadVAddr,
	lw	$v0, COLL_V0($zero)			# a2 = Cause (a1, a2 untouched)
	j	EXO_TLBMISS_VA
	lw	$a0, BOOT_VA + BOOT_SAVE + 12($zero)
	.set	reorder
