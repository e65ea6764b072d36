/*
 * Start file for a bare testmips-style machine (GXemul `-E testmips`, `exo run --bare`): kernel
 * mode, no firmware. The program is linked in kseg0; the console's putchar register is at
 * physical 0x10000000 and writing to physical 0x10000010 halts the machine (GXemul's dev_cons;
 * exo takes the low 8 bits of the value as the exit code). Both are reached through kseg1
 * (uncached): 0xB0000000 and 0xB0000010.
 */
	.set	noreorder
	.text
	.globl	__start
	.ent	__start
__start:
	li	$sp, 0x80400000		/* stack top at 4 MiB of RAM, below it nothing is loaded */
	la	$gp, _gp
	la	$t0, __bss_start
	la	$t1, _end
1:	beq	$t0, $t1, 2f
	nop
	sb	$zero, 0($t0)
	b	1b
	addiu	$t0, $t0, 1
2:	jal	main
	nop
	j	rt_exit
	move	$a0, $v0
	.end	__start

/* void rt_write(const char *buf, u32 len): one byte at a time to the console. */
	.globl	rt_write
	.ent	rt_write
rt_write:
	lui	$t1, 0xb000
	beq	$a1, $zero, 2f
	addu	$a1, $a0, $a1
1:	lbu	$t0, 0($a0)
	addiu	$a0, $a0, 1
	bne	$a0, $a1, 1b
	sb	$t0, 0($t1)
2:	jr	$ra
	nop
	.end	rt_write

/* void rt_exit(int code): write the code to the halt register. */
	.globl	rt_exit
	.ent	rt_exit
rt_exit:
	lui	$t1, 0xb000
	sw	$a0, 0x10($t1)
1:	b	1b
	nop
	.end	rt_exit
