# vec-bev0.s: with Status.BEV = 0 a kuseg TLB miss enters at 0x80000000 (UTLB refill) and every
# other exception at 0x80000080 (r3000.md 1.4). Here the vectors hold code written by this program
# itself (not the runtime's trampolines): each records its address and returns past the fault.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"vec-bev0\n"
	lui	$a0, 0x8000			# 0x80000000
	la	$a1, vec_utlb
	jal	t_copy5
	nop
	lui	$a0, 0x8000
	ori	$a0, $a0, 0x80			# 0x80000080
	la	$a1, vec_gen
	jal	t_copy5
	nop
	li	$s0, 0x00700000			# kuseg, unmapped
	lw	$t0, 0($s0)			# -> 0x80000000
	nop
	lui	$t1, 0x8000
	lw	$s1, 0x200+T_X0($t1)
	sw	$zero, 0x200+T_X0($t1)
	SHOW	"utlb_vec=", $s1
	CHECK	$s1, 0x80000000, 1
	syscall					# -> 0x80000080
	lui	$t1, 0x8000
	lw	$s2, 0x200+T_X0($t1)
	sw	$zero, 0x200+T_X0($t1)
	SHOW	"gen_vec=", $s2
	CHECK	$s2, 0x80000080, 2
	li	$s3, 0xc0000000			# kseg2 miss: general vector
	lw	$t0, 0($s3)
	nop
	lui	$t1, 0x8000
	lw	$s2, 0x200+T_X0($t1)
	CHECK	$s2, 0x80000080, 3
	PASS

# Five words each, copied to the vectors: T_X0 = the vector's address (from a jal's link), then
# return to EPC + 4.
vec_utlb:
	bal	1f				# ra = 0x80000008
	lui	$k1, 0x8000
1:	addiu	$k0, $ra, -8
	j	vec_common
	sw	$k0, 0x200+T_X0($k1)
vec_gen:
	bal	1f				# ra = 0x80000088
	lui	$k1, 0x8000
1:	addiu	$k0, $ra, -8
	j	vec_common
	sw	$k0, 0x200+T_X0($k1)
vec_common:
	mfc0	$k0, c0_epc
	nop
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
	.include "lib/runtime.inc"
