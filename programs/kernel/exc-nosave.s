# exc-nosave.s: a handler without an exception save area cannot be dispatched to (the
# dispatcher saves a0-a2 there first, docs/exokernel.md §6): clearing the save area with
# env_set(FIELD_SAVE, 0) makes the next exception kill the environment, with its own report.
# status: 136
# expect: ok 2: env_set(FIELD_SAVE, 0)
# expect-stderr: its handler is set but it has no save area
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"exc-nosave\n"
	SET_HANDLER EXC_OV, trap_handler
	CHECK	$v0, 0, "env_set an Ov handler"
	li	$a0, 0
	li	$a1, FIELD_SAVE
	li	$a2, 0
	li	$a3, 0
	SYS	SYS_ENV_SET
	CHECK	$v0, 0, "env_set(FIELD_SAVE, 0)"
	li	$t0, 0x7fffffff
	add	$t0, $t0, $t0
	FAIL	"the overflow returned"
