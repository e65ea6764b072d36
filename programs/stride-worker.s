# stride-worker.s: a process of programs/stride.s (embedded as programs/stride-worker.elf, built
# by `npm run build`; see stride.s). It maps the page its parent shares (spawnx arguments: page
# number, capability, our index) at STRIDE_VA and counts loop iterations into word `index` of it,
# forever: the parent's stride scheduler decides how much processor it gets, and kills it.
	.include "lib/exo.inc"
	.equ	STRIDE_VA, EXO_FREE_VA		# pinned: guaranteed slot EXO_FREE_SLOT (3)
	.text
	.globl	main
main:
	li	$a0, 0
	jal	proc_arg
	move	$s0, $v0			# the page
	li	$a0, 1
	jal	proc_arg
	move	$s1, $v0			# its capability
	li	$a0, 2
	jal	proc_arg
	sll	$s2, $v0, 2
	addiu	$s2, $s2, STRIDE_VA		# our counter
	li	$a0, EXO_FREE_SLOT
	li	$a1, STRIDE_VA
	ENTRYLO_OF $a2, $s0, ELO_D | ELO_V
	move	$a3, $s1
	SYS	SYS_GUARANTEE
	bnez	$v0, 9f
	lw	$s3, 0($s2)
	.set	noreorder
	nop
1:	addiu	$s3, $s3, 1
	b	1b
	sw	$s3, 0($s2)
	.set	reorder
9:	move	$a0, $v0			# the page was refused: say so (the parent sees no count)
	jal	exit
