# io.s: console I/O of the library OS (issue 6): putchar, puts, printf, getchar, readline,
# io_flush. Over the kernel's console_write and console_read (docs/exokernel.md §7, §4.3).
#
# Calling convention: o32. Arguments a0-a3 (printf: the fourth and later at 16(sp) of the caller,
# as o32 passes them; printf never writes the caller's 16-byte argument area, so a hand-written
# caller need not reserve it), results in v0; t0-t9, a0-a3, v0, v1 clobbered; s0-s7, sp, fp kept.
#
# Output is buffered in IO_BUFSZ bytes: putchar flushes at a newline or when the buffer is full;
# puts and printf flush when they return, so each call is one console_write (a longer output
# one per IO_BUFSZ bytes). getchar flushes pending output before it reads (a prompt appears).
# A program that ends with a partial line written by putchar calls io_flush (or exit, proc.s):
# crt0 exits with SYS_EXIT directly when main returns, without flushing.
#
# End of input: the kernel's console_read returns 0 both for "nothing waiting now" and at the
# end of the input (the device has no end-of-file signal). On this machine the host side of the
# console blocks until input is available or has ended (docs/devices.md "Console receive
# interrupt": reads from a file, a pipe or a terminal block), so a read that finds nothing means
# the input has ended: getchar then returns IO_EOF (-1), now and at every later call.
# (On hardware whose input can arrive later, getchar would yield and poll instead.)

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	IO_BUFSZ, 256
	.equ	IO_INSZ, 64				# one console_read at most

	.bss
	.balign	64
io_inbuf:	.space	IO_INSZ			# 64-aligned: never crosses a page
io_buf:		.space	IO_BUFSZ
io_len:		.space	4			# bytes waiting in io_buf
io_inpos:	.space	4			# next byte of io_inbuf
io_incnt:	.space	4			# bytes in io_inbuf
io_ineof:	.space	4			# 1: the input has ended

	.text

# io_flush() -> v0 = bytes written (0 if none were pending), or a negative error.
	.globl	io_flush
io_flush:
	lw	$a1, io_len
	move	$v0, $zero
	beqz	$a1, 1f
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	la	$a0, io_buf
	sw	$zero, io_len
	jal	exo_puts				# touches the pages, retries an eviction
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
1:	jr	$ra

# putchar(c) -> v0 = c & 0xff. Buffered: flushed at a newline or a full buffer.
	.globl	putchar
putchar:
	lw	$t0, io_len
	la	$t1, io_buf
	addu	$t1, $t1, $t0
	sb	$a0, 0($t1)
	addiu	$t0, $t0, 1
	sw	$t0, io_len
	andi	$v0, $a0, 0xff
	li	$t1, 10
	beq	$v0, $t1, 1f
	sltiu	$t1, $t0, IO_BUFSZ
	beqz	$t1, 1f
	jr	$ra
1:	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$v0, 16($sp)
	jal	io_flush
	lw	$v0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# io_putstr(s, n): n bytes of s to the buffer (internal; o32 clobbers).
io_putstr:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	move	$s0, $a0
	move	$s1, $a1
1:	blez	$s1, 2f
	lbu	$a0, 0($s0)
	jal	putchar
	addiu	$s0, $s0, 1
	addiu	$s1, $s1, -1
	b	1b
2:	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# io_strlen(s) -> v0 = length of the .asciz string s (internal; clobbers t0).
io_strlen:
	move	$v0, $a0
1:	lbu	$t0, 0($v0)
	addiu	$v0, $v0, 1
	bnez	$t0, 1b
	addiu	$v0, $v0, -1
	subu	$v0, $v0, $a0
	jr	$ra

# puts(s): the string and a newline, one console_write. -> v0 = bytes written (length + 1).
	.globl	puts
puts:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$a0, 20($sp)
	jal	io_strlen
	move	$s0, $v0
	lw	$a0, 20($sp)
	move	$a1, $v0
	jal	io_putstr
	li	$a0, 10
	jal	putchar					# flushes at the newline
	addiu	$v0, $s0, 1
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# io_pad(c, n): n copies of c (n <= 0: none). Internal.
io_pad:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	move	$s0, $a0
	move	$s1, $a1
1:	blez	$s1, 2f
	move	$a0, $s0
	jal	putchar
	addiu	$s1, $s1, -1
	b	1b
2:	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

# printf(fmt, ...) -> v0 = bytes written. Conversions: %d %i (signed decimal), %u (unsigned
# decimal), %x %X (hexadecimal), %s (string; a null pointer prints "(null)"), %c, %%; each with
# optional flags '-' (left-justify) and '0' (pad with zeros; numbers only) and a decimal field
# width, e.g. %08x, %-6s, %5d. Anything else after '%' is printed as it stands. One
# console_write when it returns (more for outputs longer than IO_BUFSZ).
# Frame (96 bytes): 0-15 callees' argument area, 16-27 a1-a3, 28-59 s0-s7, 60 ra,
# 64-79 the digit buffer; the caller's fifth argument is at 96 + 16 = 112(sp).
	.equ	PF_FRAME, 96
	.globl	printf
printf:
	addiu	$sp, $sp, -PF_FRAME
	sw	$ra, 60($sp)
	sw	$s0, 28($sp)
	sw	$s1, 32($sp)
	sw	$s2, 36($sp)
	sw	$s3, 40($sp)
	sw	$s4, 44($sp)
	sw	$s5, 48($sp)
	sw	$s6, 52($sp)
	sw	$s7, 56($sp)
	sw	$a1, 16($sp)
	sw	$a2, 20($sp)
	sw	$a3, 24($sp)
	move	$s0, $a0				# s0 = the format
	move	$s1, $zero				# s1 = index of the next argument
	move	$s2, $zero				# s2 = bytes written
pf_loop:
	lbu	$a0, 0($s0)
	addiu	$s0, $s0, 1
	beqz	$a0, pf_done
	li	$t0, '%'
	beq	$a0, $t0, pf_spec
	jal	putchar
	addiu	$s2, $s2, 1
	b	pf_loop
pf_spec:
	move	$s3, $zero				# s3 = flags: 1 '-', 2 '0'
	move	$s4, $zero				# s4 = width
	addiu	$s7, $s0, -1				# s7 = the '%' (printed as is if unknown)
1:	lbu	$t0, 0($s0)
	li	$t1, '-'
	bne	$t0, $t1, 2f
	ori	$s3, $s3, 1
	addiu	$s0, $s0, 1
	b	1b
2:	li	$t1, '0'
	bne	$t0, $t1, 3f
	ori	$s3, $s3, 2
	addiu	$s0, $s0, 1
	b	1b
3:	addiu	$t1, $t0, -'0'				# width digits
	sltiu	$t2, $t1, 10
	beqz	$t2, 4f
	sll	$t2, $s4, 3
	sll	$s4, $s4, 1
	addu	$s4, $s4, $t2
	addu	$s4, $s4, $t1
	addiu	$s0, $s0, 1
	lbu	$t0, 0($s0)
	b	3b
4:	move	$s5, $t0				# s5 = the conversion
	beqz	$t0, pf_bad				# "%" at the end: print it, stop
	addiu	$s0, $s0, 1
	li	$t1, '%'
	beq	$t0, $t1, pf_percent
	li	$t1, 'd'
	beq	$t0, $t1, pf_arg
	li	$t1, 'i'
	beq	$t0, $t1, pf_arg
	li	$t1, 'u'
	beq	$t0, $t1, pf_arg
	li	$t1, 'x'
	beq	$t0, $t1, pf_arg
	li	$t1, 'X'
	beq	$t0, $t1, pf_arg
	li	$t1, 's'
	beq	$t0, $t1, pf_arg
	li	$t1, 'c'
	beq	$t0, $t1, pf_arg
pf_bad:							# unknown: the text from '%' as it stands
	subu	$a1, $s0, $s7
	move	$a0, $s7
	addu	$s2, $s2, $a1
	jal	io_putstr
	lbu	$t0, -1($s0)
	bnez	$t0, pf_loop
	b	pf_done
pf_percent:
	li	$a0, '%'
	jal	putchar
	addiu	$s2, $s2, 1
	b	pf_loop
pf_arg:							# s6 = the next argument (o32 varargs)
	sltiu	$t0, $s1, 3
	sll	$t1, $s1, 2
	addu	$t1, $t1, $sp
	beqz	$t0, 1f
	lw	$s6, 16($t1)				# a1-a3, saved above
	b	2f
1:	lw	$s6, PF_FRAME + 16 - 12($t1)		# the caller's 16(sp) + 4 * (index - 3)
2:	addiu	$s1, $s1, 1
	addiu	$s7, $sp, 80				# s7 = end of the digit buffer (64-79)
	move	$t3, $zero				# t3 = '-' needed
	li	$t0, 's'
	beq	$s5, $t0, pf_str
	li	$t0, 'c'
	beq	$s5, $t0, pf_chr
	li	$t4, 10					# t4 = base
	li	$t0, 'x'
	beq	$s5, $t0, 5f
	li	$t0, 'X'
	beq	$s5, $t0, 5f
	li	$t0, 'u'
	beq	$s5, $t0, 6f
	bgez	$s6, 6f					# d, i: the sign
	li	$t3, 1
	subu	$s6, $zero, $s6				# (0x80000000 stays: unsigned below)
	b	6f
5:	li	$t4, 16
6:	divu	$zero, $s6, $t4				# digits, backwards from s7
	mfhi	$t0
	mflo	$s6
	sltiu	$t1, $t0, 10
	addiu	$t0, $t0, '0'
	bnez	$t1, 7f
	addiu	$t0, $t0, 'a' - '0' - 10
	li	$t1, 'X'
	bne	$s5, $t1, 7f
	addiu	$t0, $t0, 'A' - 'a'
7:	addiu	$s7, $s7, -1
	sb	$t0, 0($s7)
	bnez	$s6, 6b
	move	$s6, $s7				# s6 = the text, s7 = its length
	addiu	$s7, $sp, 80
	subu	$s7, $s7, $s6
	b	pf_emit
pf_chr:
	addiu	$s7, $s7, -1
	sb	$s6, 0($s7)
	move	$s6, $s7
	li	$s7, 1
	andi	$s3, $s3, 1				# '0' pads numbers only
	b	pf_emit
pf_str:
	bnez	$s6, 1f
	la	$s6, pf_null
1:	move	$a0, $s6
	jal	io_strlen
	move	$s7, $v0
	andi	$s3, $s3, 1
pf_emit:						# s6 = text, s7 = its length, t3 = sign, s4 = width
	addu	$t0, $s7, $t3				# the field: pad = width - (length + sign)
	subu	$s4, $s4, $t0
	bgez	$s4, 1f
	move	$s4, $zero
1:	addu	$s2, $s2, $t0
	addu	$s2, $s2, $s4
	andi	$t0, $s3, 1
	bnez	$t0, 3f					# left-justified: sign, text, spaces
	andi	$t0, $s3, 2
	bnez	$t0, 2f
	li	$a0, ' '				# right-justified with spaces: spaces, sign, text
	move	$a1, $s4
	move	$s5, $t3
	jal	io_pad
	move	$t3, $s5
	move	$s4, $zero
	b	3f
2:	beqz	$t3, 4f					# zeros: sign, zeros, text
	li	$a0, '-'
	jal	putchar
4:	li	$a0, '0'
	move	$a1, $s4
	jal	io_pad
	move	$s4, $zero
	b	5f
3:	beqz	$t3, 5f
	li	$a0, '-'
	jal	putchar
5:	move	$a0, $s6
	move	$a1, $s7
	jal	io_putstr
	li	$a0, ' '				# left-justified: the padding after
	move	$a1, $s4
	jal	io_pad
	b	pf_loop
pf_done:
	jal	io_flush
	move	$v0, $s2
	lw	$s0, 28($sp)
	lw	$s1, 32($sp)
	lw	$s2, 36($sp)
	lw	$s3, 40($sp)
	lw	$s4, 44($sp)
	lw	$s5, 48($sp)
	lw	$s6, 52($sp)
	lw	$s7, 56($sp)
	lw	$ra, 60($sp)
	addiu	$sp, $sp, PF_FRAME
	jr	$ra

# getchar() -> v0 = the next input byte (0..255), or IO_EOF (-1) when the input has ended.
	.globl	getchar
getchar:
	lw	$t0, io_inpos
	lw	$t1, io_incnt
	beq	$t0, $t1, 1f
	la	$t1, io_inbuf
	addu	$t1, $t1, $t0
	lbu	$v0, 0($t1)
	addiu	$t0, $t0, 1
	sw	$t0, io_inpos
	jr	$ra
1:	lw	$t0, io_ineof
	li	$v0, IO_EOF
	beqz	$t0, 2f
	jr	$ra
2:	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	jal	io_flush				# a prompt appears before we wait
	li	$s0, 4					# attempts (an evicted buffer page: EFAULT)
3:	la	$a0, io_inbuf
	sb	$zero, 0($a0)				# console_read needs the page mapped writable:
	sb	$zero, IO_INSZ - 1($a0)			# a store makes crt0's handler map it
	li	$a1, IO_INSZ
	li	$v0, SYS_CONSOLE_READ
	syscall
	li	$t0, EFAULT
	bne	$v0, $t0, 4f
	addiu	$s0, $s0, -1
	bgtz	$s0, 3b
4:	sw	$zero, io_inpos
	blez	$v0, 5f					# 0: the input has ended (see the top); < 0: an error
	sw	$v0, io_incnt
	lw	$s0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	b	getchar
5:	sw	$zero, io_incnt
	li	$t0, 1
	sw	$t0, io_ineof
	li	$v0, IO_EOF
	lw	$s0, 16($sp)
	lw	$ra, 20($sp)
	addiu	$sp, $sp, 24
	jr	$ra

# readline(buf, size) -> v0 = bytes stored (the newline included if one was read), or IO_EOF
# when the input had ended before any byte. Reads up to size - 1 bytes, stopping after a
# newline; buf is NUL-terminated (size >= 1).
	.globl	readline
readline:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	move	$s0, $a0				# s0 = buf
	addiu	$s1, $a1, -1				# s1 = room
	move	$s2, $zero				# s2 = stored
1:	slt	$t0, $s2, $s1
	beqz	$t0, 3f
	jal	getchar
	bltz	$v0, 2f
	addu	$t0, $s0, $s2
	sb	$v0, 0($t0)
	addiu	$s2, $s2, 1
	li	$t0, 10
	bne	$v0, $t0, 1b
	b	3f
2:	bnez	$s2, 3f					# end of input: EOF only if nothing was read
	sb	$zero, 0($s0)
	li	$v0, IO_EOF
	b	4f
3:	addu	$t0, $s0, $s2
	sb	$zero, 0($t0)
	move	$v0, $s2
4:	lw	$s2, 16($sp)
	lw	$s1, 20($sp)
	lw	$s0, 24($sp)
	lw	$ra, 28($sp)
	addiu	$sp, $sp, 32
	jr	$ra

	.rdata
pf_null:	.asciz	"(null)"
