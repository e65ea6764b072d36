# console.s: console_write and console_read (docs/exokernel.md §7): bytes written and read
# through user VAs, including a buffer across a page boundary; refusals: a kernel VA, a VA that
# does not translate, a length over 64 KiB, reading into a read-only page; an empty console
# reads 0 bytes.
# stdin: hello, kernel\n
# expect: console
# expect: two pages: ABCDEFGH
	.include "../../firmware/layout.inc"
	.include "../lib/exo.inc"
	.include "test.inc"
	.data
	.balign	4096
	.space	4092
across:	.ascii	"two pages: ABCDEFGH\n"			# starts 4 bytes before a page end
across_end:
	.balign	4
buf:	.space	64
	.text
	.globl	main
main:
	PRINT	"console\n"
	la	$a0, across
	li	$a1, across_end - across
	jal	exo_puts
	CHECK	$v0, across_end - across, "console_write across a page boundary"
	li	$a0, 0x80000000
	li	$a1, 4
	SYS	SYS_CONSOLE_WRITE
	CHECK	$v0, EFAULT, "console_write: a kernel VA"
	li	$a0, 0x20000000
	li	$a1, 4
	SYS	SYS_CONSOLE_WRITE
	CHECK	$v0, EFAULT, "console_write: an unmapped VA"
	la	$a0, across
	li	$a1, 65537
	SYS	SYS_CONSOLE_WRITE
	CHECK	$v0, EINVAL, "console_write: more than 64 KiB"
	la	$a0, across
	li	$a1, 0
	SYS	SYS_CONSOLE_WRITE
	CHECK	$v0, 0, "console_write of 0 bytes"
	# read the input
	la	$s0, buf
	lw	$zero, 0($s0)				# make sure the page is mapped
	move	$a0, $s0
	li	$a1, 64
	SYS	SYS_CONSOLE_READ
	CHECK	$v0, 14, "console_read returns the 14 bytes waiting"
	lw	$t0, 0($s0)
	CHECK	$t0, 0x6c6c6568, "the first bytes read are 'hell'"
	lbu	$t0, 13($s0)
	CHECK	$t0, 10, "the last byte is the newline"
	move	$a0, $s0
	li	$a1, 64
	SYS	SYS_CONSOLE_READ
	CHECK	$v0, 0, "nothing more waits: 0"
	li	$a0, 0x80001000
	li	$a1, 4
	SYS	SYS_CONSOLE_READ
	CHECK	$v0, EFAULT, "console_read: a kernel VA"
	li	$a0, -1
	li	$a1, 0x7777
	li	$a2, 0x8888
	SYS	SYS_PAGE_ALLOC
	CHECKGE	$v0, 1, "page_alloc"
	sll	$a1, $v0, PAGE_SHIFT
	ori	$a1, $a1, ELO_V				# read-only
	li	$a0, 0x10000000
	li	$a2, 0x7777
	SYS	SYS_TLB_WRITE
	CHECK	$v0, 0, "tlb_write it read-only"
	li	$a0, 0x10000000
	li	$a1, 4
	SYS	SYS_CONSOLE_READ
	CHECK	$v0, EFAULT, "console_read into a read-only page"
	li	$a0, BOOT_VA
	li	$a1, 65537
	SYS	SYS_CONSOLE_READ
	CHECK	$v0, EINVAL, "console_read: more than 64 KiB"
	PASS
