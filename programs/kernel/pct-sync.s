# pct-sync.s: synchronous protected control transfer (docs/exokernel.md §8, paper §5.5) between
# two environments: the callee (pct-sync-callee.s) starts at its pct_sync entry with v0 = the
# caller's id and every other register the caller's (the message), and answers the same way;
# refusals: a callee without an entry (EPERM), no such environment or a stale id (ENOENT).
# programs: pct-sync.s pct-sync-callee.s
# expect: callee: got the call
# expect: caller: got the answer
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"pct-sync\n"
	sw	$sp, PEER_SP($zero)
	SET_ENTRY FIELD_PCT_SYNC, answer
	CHECK	$v0, 0, "env_set our pct_sync entry"
	PEER_ID	$s0, 2
	lui	$t0, PCT_SYNC << 8
	or	$t0, $t0, $s0
	sw	$t0, PEER_KEY($zero)
	PEER_ID	$s1, 40
	PCT_CALL $s1
	CHECK	$v0, ENOENT, "PCT to an index nobody has"
	addiu	$s1, $s0, NENV
	PCT_CALL $s1
	CHECK	$v0, ENOENT, "PCT to the callee's index with another generation"
	PCT_SEND $s0
	CHECK	$v0, EPERM, "async PCT to a callee with only a sync entry"
	# Call until the callee has set its entry (EPERM before it ran).
call:	FILL_REGS 0x6d000000
	lw	$v0, PEER_KEY($zero)
	syscall
	# Refused (it has not run yet): v0 = EPERM, the rest ours. Let it run, try again.
	lw	$sp, PEER_SP($zero)
	move	$s3, $v0
	CHECK	$s3, EPERM, "before the callee set its entry: EPERM"
	PEER_ID	$a0, 2
	SYS	SYS_YIELD
	b	call

# The answer: v0 = the callee's id, everything else its registers.
answer:	STORE_REGS REGS_AREA
	lw	$sp, PEER_SP($zero)
	PRINT	"caller: got the answer\n"
	CHECK_REGS REGS_AREA, 0x4e000000, 0x04, "the answer's registers are the callee's"
	lw	$s0, REGS_AREA + 8($zero)
	PEER_ID	$s1, 2
	CHECKR	$s0, $s1, "v0 = the callee's id"
	SYS	SYS_GETENVID
	lw	$s2, BOOT_VA + BOOT_ENVID($zero)
	CHECKR	$v0, $s2, "we run as ourselves again"
	PASS
