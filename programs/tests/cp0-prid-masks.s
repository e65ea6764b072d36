# cp0-prid-masks.s: PRId reads 0x0220 (R3000) and MTC0 changes only the writable bits of each
# register (vmips masks, r3000.md 1.2): EntryHi 0xFFFFFFC0, EntryLo 0xFFFFFF00, Context
# 0xFFE00000 (BadVPN is read-only), Index 0x3F00, Cause IP1:0 only, Status 0xF27FFF3F; writes to
# PRId, BadVAddr and EPC are ignored.
	.include "lib/test.inc"

.macro	MASKCASE reg, val, want, n
	li	$t0, \val
	mtc0	$t0, \reg
	nop
	nop
	mfc0	$t1, \reg
	nop
	CHECK	$t1, \want, \n
.endm

	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"cp0-prid-masks\n"
	mfc0	$t1, c0_prid
	nop
	SHOW	"prid=", $t1
	CHECK	$t1, 0x0220, 1
	MASKCASE c0_entryhi, 0xffffffff, 0xffffffc0, 2
	MASKCASE c0_entrylo, 0xffffffff, 0xffffff00, 3
	MASKCASE c0_context, 0xffffffff, 0xffe00000, 4
	MASKCASE c0_index, 0xffffffff, 0x00003f00, 5
	MASKCASE c0_cause, 0xffffffff, 0x00000300, 6
	SHOW	"cause=", $t1
	MASKCASE c0_cause, 0, 0, 7
	MASKCASE c0_sr, 0x0d800000, 0, 8			# bits 27, 26, 24, 23: not writable
	MASKCASE c0_sr, 0xf27fff3c, 0xf27fff3c, 9		# everything but KUc/IEc (kernel, no ints)
	MASKCASE c0_sr, 0, 0, 10
	MASKCASE c0_prid, 0, 0x0220, 11
ep:	lw	$t0, 1($zero)					# AdEL: BadVAddr = 1, EPC = ep
	nop
	MASKCASE c0_badvaddr, 0x12345678, 1, 12
	li	$t0, 0x12345678
	mtc0	$t0, c0_epc
	nop
	nop
	mfc0	$t1, c0_epc
	la	$t2, ep
	CHECKR	$t1, $t2, 13
	PASS
	.include "lib/runtime.inc"
