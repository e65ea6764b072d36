/*
 * Start file for a static freestanding Linux o32 program (qemu-mipsel, `exo run --abi linux`).
 * The kernel (or the emulator's loader) has set $sp; we set $gp for gcc's small-data accesses,
 * clear .bss, call main and pass its result to exit. System calls follow the o32 ABI: number in
 * $v0 (4000 + Linux number), arguments in $a0..$a2, `syscall`.
 */
	.set	noreorder
	.text
	.globl	__start
	.ent	__start
__start:
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

/* void rt_write(const char *buf, u32 len): write(1, buf, len). */
	.globl	rt_write
	.ent	rt_write
rt_write:
	move	$a2, $a1
	move	$a1, $a0
	li	$a0, 1
	li	$v0, 4004		/* __NR_write */
	syscall
	jr	$ra
	nop
	.end	rt_write

/* void rt_exit(int code): exit(code). */
	.globl	rt_exit
	.ent	rt_exit
rt_exit:
	li	$v0, 4001		/* __NR_exit */
	syscall
1:	b	1b
	nop
	.end	rt_exit
