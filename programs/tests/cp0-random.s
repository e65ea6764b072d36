# cp0-random.s: Random counts down by one every cycle over 63..8 and wraps to 63 (r3000.md 1.3;
# derived from the cycle counter, docs/machine.md). Two MFC0s of Random in consecutive cycles
# differ by one (mod 56); 300 reads spread over time all lie in 8..63 and MTC0 cannot change it.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"cp0-random\n"
	li	$s0, 2				# second pass: I-cache warm, one cycle per mfc0
1:	mfc0	$t0, c0_random
	mfc0	$t1, c0_random
	mfc0	$t2, c0_random
	addiu	$s0, $s0, -1
	bnez	$s0, 1b
	nop
	srl	$t0, $t0, 8
	srl	$t1, $t1, 8
	srl	$t2, $t2, 8
	subu	$t3, $t0, $t1			# 1, or -55 at the wrap 8 -> 63
	subu	$t4, $t1, $t2
	li	$t5, -55
	bne	$t3, $t5, 2f
	nop
	li	$t3, 1
2:	bne	$t4, $t5, 3f
	nop
	li	$t4, 1
3:	CHECK	$t3, 1, 1
	CHECK	$t4, 1, 2
	# 300 reads at varying distances: always 8..63, low byte and high bits zero.
	li	$s1, 300
	li	$s2, 0				# bad values
4:	mfc0	$t0, c0_random
	andi	$t6, $s1, 7
5:	bnez	$t6, 5b				# 2 cycles per turn, 0..7 turns
	addiu	$t6, $t6, -1
	li	$t7, 0x3f00
	and	$t8, $t0, $t7
	sltu	$t9, $t8, $t0			# bits outside 13:8
	addu	$s2, $s2, $t9
	sltiu	$t9, $t8, 0x800			# below 8
	addu	$s2, $s2, $t9
	addiu	$s1, $s1, -1
	bnez	$s1, 4b
	nop
	CHECK	$s2, 0, 3
	# MTC0 Random is ignored: the next read still follows the cycle count.
	li	$t0, 0
	mtc0	$t0, c0_random
	mfc0	$t1, c0_random
	nop
	srl	$t1, $t1, 8
	sltiu	$t9, $t1, 8
	CHECK	$t9, 0, 4
	PRINT	"random in 8..63, one step per cycle\n"
	PASS
	.include "lib/runtime.inc"
