# ping.s (environment 1) with pong.s (environment 2): two programs on the exokernel passing a
# counter back and forth by protected control transfer (docs/exokernel.md §8). The registers are
# the message: s0 goes across, and the callee finds the caller's id in v0.
#
#   npx exo run programs/examples/ping.s programs/examples/pong.s     (or: npx exo demo)
	.include "../lib/exo.inc"
	.equ	PONG, 2				# the second program is environment 2 (generation 0)
	.equ	ROUNDS, 5
	.text
	.globl	main
main:
	move	$a0, $zero			# our synchronous entry: where pong calls back
	li	$a1, FIELD_PCT_SYNC
	la	$a2, back
	move	$a3, $zero
	SYS	SYS_ENV_SET
	li	$s0, 1
	li	$s1, PONG
send:	PRINT	"ping "
	move	$a0, $s0
	jal	exo_putdec
	nop
	PRINT	"\n"
1:	PCT_CALL $s1				# does not come back here unless refused
	li	$a0, -1				# pong has not set its entry yet: let it run, then retry
	SYS	SYS_YIELD
	b	1b
	nop
back:						# pong called back: the registers as pong left them, v0 = its id
	li	$s1, PONG
	addiu	$s0, $s0, 1
	slti	$t0, $s0, ROUNDS + 1
	bnez	$t0, send
	nop
	move	$s0, $zero			# 0: the last message, sent asynchronously: we continue
	PCT_SEND $s1				# here (after pong has run) when our slice comes round
	PRINT	"ping: done\n"
	move	$a0, $zero			# (main's return address did not survive the transfers)
	SYS	SYS_EXIT
