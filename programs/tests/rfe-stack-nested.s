# rfe-stack-nested.s: the 3-level KU/IE stack through nested exceptions (r3000.md 1.5). User
# mode with IEc = 1 (o, p, c) = (00, 00, 11) makes a syscall: the push gives (00, 11, 00). The
# handler makes a nested BREAK: (11, 00, 00). The inner handler returns with RFE: (11, 11, 00),
# KUo/IEo kept. The outer handler clears KUp, (11, 01, 00), and returns with RFE: kernel mode,
# (11, 11, 01) (the pop copies o into p and keeps o).
# Interrupt masks are 0 throughout.
	.include "lib/test.inc"
	.text
	.globl	__start
__start:
	TEST_INIT
	PRINT	"rfe-stack-nested\n"
	SETVAR	T_GENH, nest_handler
	USER_MAP 8, user1
	GO_USER	user1, SR_IEP			# user mode, IEc = 1
user1:	syscall
	FAIL	90
back:	mfc0	$s0, c0_sr
	nop
	lui	$t0, 0x8000
	lw	$s1, 0x200+T_X0($t0)		# Status in the outer handler
	lw	$s2, 0x200+T_X1($t0)		# Status in the inner handler
	lw	$s3, 0x200+T_X2($t0)		# Status in the outer handler after the inner RFE
	lw	$s4, 0x200+T_X3($t0)		# EPC of the inner exception
	SHOW	"outer=", $s1
	SHOW	"inner=", $s2
	SHOW	"after_inner_rfe=", $s3
	SHOW	"final=", $s0
	CHECK	$s1, (SR_KUP | SR_IEP), 1
	CHECK	$s2, (SR_KUO | SR_IEO), 2
	CHECK	$s3, (SR_KUO | SR_IEO | SR_KUP | SR_IEP), 3
	CHECK	$s0, (SR_KUO | SR_IEO | SR_KUP | SR_IEP | SR_IEC), 4
	la	$t1, inner_bp
	CHECKR	$s4, $t1, 5
	mtc0	$zero, c0_sr
	PASS

# Sys: record Status, raise a nested Bp, record Status again, return to `back` in kernel mode.
# Bp: record Status and EPC, return past the break.
nest_handler:
	mfc0	$k0, c0_cause
	nop
	andi	$k0, $k0, 0x7c
	li	$k1, (EXC_BP << 2)
	beq	$k0, $k1, inner
	nop
	mfc0	$k0, c0_sr
	lui	$k1, 0x8000
	sw	$k0, 0x200+T_X0($k1)
inner_bp:
	break	3
	mfc0	$k0, c0_sr
	lui	$k1, 0x8000
	sw	$k0, 0x200+T_X2($k1)
	ori	$k0, $k0, SR_KUP
	xori	$k0, $k0, SR_KUP
	mtc0	$k0, c0_sr
	la	$k1, back
	nop
	jr	$k1
	rfe
inner:	mfc0	$k0, c0_sr
	lui	$k1, 0x8000
	sw	$k0, 0x200+T_X1($k1)
	mfc0	$k0, c0_epc
	nop
	sw	$k0, 0x200+T_X3($k1)
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
	.include "lib/runtime.inc"
