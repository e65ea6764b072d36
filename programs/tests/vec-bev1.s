# vec-bev1.s: with Status.BEV = 1 (the reset state) a kuseg TLB miss enters at 0xBFC00100 and every
# other exception at 0xBFC00180, in the boot ROM (r3000.md 1.4). The whole program is linked into
# the ROM, so it needs its own link address:
#   exo asm vec-bev1.s -Ttext 0xbfc00000 -o vec-bev1.elf && exo run --bare vec-bev1.elf
# link: -Ttext 0xbfc00000
	.include "lib/test.inc"
	.text
	.globl	__start
__start:					# 0xbfc00000, the reset vector
	b	main
	nop

	.org	0x100				# 0xbfc00100: UTLB refill, BEV = 1
	j	t_handler
	li	$k1, 0x100

	.org	0x180				# 0xbfc00180: general, BEV = 1
	j	t_handler
	li	$k1, 0x180

	.org	0x200
main:	TEST_INIT				# (also fills the BEV = 0 vectors: they must stay unused)
	PRINT	"vec-bev1\n"
	li	$t0, SR_BEV
	mtc0	$t0, c0_sr
	nop
	nop
	li	$s0, 0x00700000			# kuseg miss -> 0xbfc00100
ld1:	lw	$t1, 0($s0)
	nop
	CHECKEXC EXC_TLBL, 1
	CHECKVAR T_VEC, 0x100, 2
	CHECKVARL T_EPC, ld1, 3
	SHOWVAR	"vec=", T_VEC
	T_RESET
sc1:	syscall					# -> 0xbfc00180
	CHECKEXC EXC_SYS, 4
	CHECKVAR T_VEC, 0x180, 5
	CHECKVARL T_EPC, sc1, 6
	SHOWVAR	"vec=", T_VEC
	T_RESET
	li	$s1, 0xc0000000			# kseg2 miss -> general
	lw	$t1, 0($s1)
	nop
	CHECKEXC EXC_TLBL, 7
	CHECKVAR T_VEC, 0x180, 8
	T_RESET
	mfc0	$t2, c0_sr			# the exceptions left BEV set
	nop
	CHECKMASK $t2, SR_BEV, SR_BEV, 9
	li	$t0, 0				# BEV = 0: back to the RAM vectors
	mtc0	$t0, c0_sr
	nop
	nop
	syscall
	CHECKVAR T_VEC, 0x080, 10
	PASS
	.include "lib/runtime.inc"
