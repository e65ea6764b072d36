# env-destroy-self.s: env_destroy(0) destroys the caller: it does not return, and (as the last
# environment) the machine halts with status 0. A child it created is destroyed with its own
# capability first; the same id then names nothing.
# expect: env-destroy-self
# expect: PASS
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.text
	.globl	main
main:
	PRINT	"env-destroy-self\n"
	li	$a0, 0x77
	SYS	SYS_ENV_CREATE
	CHECKGE	$v0, 2, "env_create"
	move	$s0, $v0
	move	$a0, $s0
	li	$a1, 0x77
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, 0, "env_destroy the child"
	move	$a0, $s0
	li	$a1, 0x77
	SYS	SYS_ENV_DESTROY
	CHECK	$v0, ENOENT, "env_destroy it again"
	PRINT	"PASS\n"
	li	$a0, 0
	li	$a1, 0
	SYS	SYS_ENV_DESTROY
	FAIL	"env_destroy(0) returned"
