# sys-null.s: the null system calls on both paths (0: no-stack, 16: stack) and getenvid (1)
# return their result in v0 and preserve every register but v0/v1 (k0/k1 are the kernel's,
# docs/exokernel.md §7); the boot page names the environment; unknown numbers get ENOSYS.
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$ra, TEST_VARS($zero)			# FILL_REGS overwrites ra
	move	$s0, $a0
	PRINT	"sys-null\n"
	CHECK	$s0, BOOT_VA, "main gets a0 = BOOT_VA"
	lw	$t0, BOOT_MAGIC($s0)
	CHECK	$t0, BOOT_MAGIC_VALUE, "boot page magic"
	SYS	SYS_NULL
	CHECK	$v0, 0, "null (no-stack path) returns 0"
	SYS	SYS_NULL_STACK
	CHECK	$v0, 0, "null (stack path) returns 0"
	SYS	SYS_GETENVID
	move	$s1, $v0
	lw	$t0, BOOT_ENVID($s0)
	CHECKR	$s1, $t0, "getenvid = the boot page's BOOT_ENVID"
	andi	$t0, $s1, NENV - 1
	CHECK	$t0, 1, "the first program has environment index 1"
	# Registers: everything but v0/v1 (and k0/k1) survives each path.
	FILL_REGS 0x5a3c0000
	syscall						# v0 = pattern(2): not a known number...
	STORE_REGS REGS_AREA
	CHECK_REGS REGS_AREA, 0x5a3c0000, 0x0c, "ENOSYS call preserves registers"
	FILL_REGS 0x11e70000
	li	$v0, SYS_NULL
	syscall
	STORE_REGS REGS_AREA
	CHECK_REGS REGS_AREA, 0x11e70000, 0x0c, "null (no-stack) preserves registers"
	FILL_REGS 0x77010000
	li	$v0, SYS_NULL_STACK
	syscall
	STORE_REGS REGS_AREA
	CHECK_REGS REGS_AREA, 0x77010000, 0x0c, "null (stack) preserves registers"
	FILL_REGS 0x0ddb0000
	li	$v0, SYS_GETENVID
	syscall
	STORE_REGS REGS_AREA
	CHECK_REGS REGS_AREA, 0x0ddb0000, 0x0c, "getenvid preserves registers"
	# Unknown numbers, on each path and beyond.
	li	$v0, 0x5a3c0000 ^ (2 * 0x01010101)
	syscall
	CHECK	$v0, ENOSYS, "a huge number: ENOSYS"
	SYS	15
	CHECK	$v0, ENOSYS, "unused no-stack number 15: ENOSYS"
	SYS	35
	CHECK	$v0, ENOSYS, "unused stack number 35: ENOSYS"
	SYS	SYS_LIMIT - 1
	CHECK	$v0, ENOSYS, "number 63: ENOSYS"
	SYS	SYS_LIMIT
	CHECK	$v0, ENOSYS, "number 64: ENOSYS"
	li	$v0, 3 << 24 | 1
	syscall
	CHECK	$v0, ENOSYS, "class 3 (no such call class): ENOSYS"
	PRINT	"PASS\n"
	lw	$ra, TEST_VARS($zero)			# main returns 0: crt0 calls exit(0)
	move	$v0, $zero
	jr	$ra
