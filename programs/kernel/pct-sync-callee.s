# pct-sync-callee.s: the callee of pct-sync.s. Sets its pct_sync entry, waits (yields); on the
# call it checks the message and calls back; then, when next scheduled, exits.
# part-of: pct-sync
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_SYNC, called
	CHECK	$v0, 0, "callee: env_set its pct_sync entry"
	PEER_ID	$s0, 1
	lui	$t0, PCT_SYNC << 8
	or	$t0, $t0, $s0
	sw	$t0, PEER_KEY($zero)
wait:	lw	$t0, PEER_DONE($zero)
	bnez	$t0, done
	li	$a0, -1
	SYS	SYS_YIELD
	b	wait
done:	PRINT	"callee: done\n"
	li	$a0, 0
	SYS	SYS_EXIT

called:	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	PRINT	"callee: got the call\n"
	CHECK_REGS REGS_AREA, 0x6d000000, 0x04, "callee: the registers are the caller's"
	lw	$s0, REGS_AREA + 8($zero)
	PEER_ID	$s1, 1
	CHECKR	$s0, $s1, "callee: v0 = the caller's id"
	SYS	SYS_GETENVID
	PEER_ID	$s1, 2
	CHECKR	$v0, $s1, "callee: it runs as itself"
	li	$t0, 1
	sw	$t0, PEER_DONE($zero)
	FILL_REGS 0x4e000000
	lw	$v0, PEER_KEY($zero)
	syscall
	lw	$sp, PEER_SP($zero)
	FAIL	"callee: the answer returned"
