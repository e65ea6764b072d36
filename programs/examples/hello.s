# hello.s: the smallest bare-machine program. It prints through the GXemul testmips console
# (putchar at physical 0x10000000, reached uncached through kseg1) and halts with exit code 0.
#
#   npx exo run --bare programs/examples/hello.s          (or: exo asm hello.s -o hello.elf -Ttext 0x80010000)

	.equ	CONSOLE, 0xb0000000	# kseg1 view of physical 0x10000000
	.equ	HALT, 0xb0000010

	.text
	.globl	__start
__start:
	la	$a0, message
	li	$t1, CONSOLE
1:	lbu	$t0, 0($a0)		# the assembler puts a nop in the load delay slot
	beqz	$t0, 2f
	addiu	$a0, $a0, 1
	sb	$t0, 0($t1)
	b	1b
2:	li	$t1, HALT
	sw	$zero, 0($t1)		# exit code 0
3:	b	3b			# not reached: the machine halts

	.rdata
message:
	.asciiz	"Hello from the R3000!\n"
