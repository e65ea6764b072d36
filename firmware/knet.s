# knet.s: the network path (docs/exokernel.md §12; issue 7): the interface's interrupt takes
# every waiting frame, runs the one classifier routine the installed packet filters compile to
# (DPF, paper §4.2; firmware/dpf/, installed by a trap hook, firmware/net-hooks.ts), and hands the
# frame to the filter's environment: into its receive ring, or to its application-specific
# handler (ASH, firmware/ash/: sandboxed R3000 code run right here, which may reply at once).
# The system calls: net_filter, net_unfilter, net_ash (thin: the hooks check and compile) and
# net_send. Linked after kmem.s (firmware/build.ts); conventions: firmware/kconv.md.
	.include "layout.inc"
	.include "kmacros.inc"
	.text
	.set	noreorder
	.set	noat

# Offsets in NET_SAVE: the interrupted context's registers the path uses (the classifier may
# change v1, a2, a3, t0-t9; an ASH at, v0, v1, a0-a3, t0-t9, HI and LO).
	.equ	NSV_AT, 0x00
	.equ	NSV_V0, 0x04
	.equ	NSV_V1, 0x08
	.equ	NSV_A0, 0x0c
	.equ	NSV_A1, 0x10
	.equ	NSV_A2, 0x14
	.equ	NSV_A3, 0x18
	.equ	NSV_T0, 0x1c			# t0-t7 at 0x1c..0x38
	.equ	NSV_T8, 0x3c
	.equ	NSV_T9, 0x40
	.equ	NSV_RA, 0x44
	.equ	NSV_HI, 0x48
	.equ	NSV_LO, 0x4c
	.equ	NSV_S0, 0x50
	.equ	NSV_S1, 0x54

# NSTAT_INC off: NET_STATS[off] += 1 (clobbers t8, t9).
	.macro	NSTAT_INC off
	lui	$t8, %hi(NET_STATS)
	lw	$t9, %lo(NET_STATS) + \off($t8)
	nop
	addiu	$t9, $t9, 1
	sw	$t9, %lo(NET_STATS) + \off($t8)
	.endm

# ---------------------------------------------------------------------------------------------
# k_net_int: Cause.IP3 (kslice.s k_int dispatches here first). In kernel mode with interrupts
# off, k0/k1 free, every other register the interrupted environment's: they are saved in
# NET_SAVE and restored, and the environment resumes at EPC as if nothing happened. The frames
# are served in arrival order; the line stays high while any waits (docs/devices.md), so one
# arriving during this loop is taken by it.
	.globl	k_net_int
k_net_int:
	lui	$k1, %hi(NET_SAVE)
	sw	$at, %lo(NET_SAVE) + NSV_AT($k1)
	sw	$v0, %lo(NET_SAVE) + NSV_V0($k1)
	sw	$v1, %lo(NET_SAVE) + NSV_V1($k1)
	sw	$a0, %lo(NET_SAVE) + NSV_A0($k1)
	sw	$a1, %lo(NET_SAVE) + NSV_A1($k1)
	sw	$a2, %lo(NET_SAVE) + NSV_A2($k1)
	sw	$a3, %lo(NET_SAVE) + NSV_A3($k1)
	sw	$t0, %lo(NET_SAVE) + NSV_T0($k1)
	sw	$t1, %lo(NET_SAVE) + NSV_T0 + 4($k1)
	sw	$t2, %lo(NET_SAVE) + NSV_T0 + 8($k1)
	sw	$t3, %lo(NET_SAVE) + NSV_T0 + 12($k1)
	sw	$t4, %lo(NET_SAVE) + NSV_T0 + 16($k1)
	sw	$t5, %lo(NET_SAVE) + NSV_T0 + 20($k1)
	sw	$t6, %lo(NET_SAVE) + NSV_T0 + 24($k1)
	sw	$t7, %lo(NET_SAVE) + NSV_T0 + 28($k1)
	sw	$t8, %lo(NET_SAVE) + NSV_T8($k1)
	sw	$t9, %lo(NET_SAVE) + NSV_T9($k1)
	sw	$ra, %lo(NET_SAVE) + NSV_RA($k1)
	sw	$s0, %lo(NET_SAVE) + NSV_S0($k1)
	sw	$s1, %lo(NET_SAVE) + NSV_S1($k1)
	mfhi	$k0
	sw	$k0, %lo(NET_SAVE) + NSV_HI($k1)
	mflo	$k0
	sw	$k0, %lo(NET_SAVE) + NSV_LO($k1)
	lui	$s0, %hi(NETIF)			# s0 = the interface
net_next:
	sw	$zero, NETIF_COMMAND($s0)	# RX: the next waiting frame into BUFFER
	lw	$t0, NETIF_STATUS($s0)		# (the read clears bit 0)
	nop
	andi	$t0, $t0, 1
	beqz	$t0, net_done			# none left
	nop
	NSTAT_INC NST_FRAMES
	lw	$s1, NETIF_LENGTH($s0)		# s1 = its length
	nop
	sltiu	$t0, $s1, NET_FRAME_MAX + 1
	bnez	$t0, 1f
	nop
	NSTAT_INC NST_LONG
	b	net_next
	nop
	# Copy it to NET_RXBUF (the classifier and an ASH read kernel memory, not the device).
1:	addiu	$t0, $s1, 3
	srl	$t0, $t0, 2
	sll	$t0, $t0, 2			# bytes, rounded up to words
	move	$t1, $s0
	lui	$t2, %hi(NET_RXBUF)
	addu	$t3, $t2, $t0			# the end
2:	beq	$t2, $t3, 3f
	lw	$t4, 0($t1)
	addiu	$t1, $t1, 4
	sw	$t4, %lo(NET_RXBUF)($t2)
	b	2b
	addiu	$t2, $t2, 4
3:	lui	$a0, %hi(NET_RXBUF)
	move	$a1, $s1
	li	$t0, DPF_CODE
	.globl	net_dpf_call
net_dpf_call:					# (exo bench net measures from here to net_dpf_ret)
	jalr	$t0
	nop
	.globl	net_dpf_ret
net_dpf_ret:
	bgez	$v0, 4f
	nop
	NSTAT_INC NST_UNMATCHED
	b	net_next
	nop
	# The filter's entry: is its ring page still its owner's (destroyed, freed, repossessed)?
4:	sll	$t0, $v0, DPF_MAP_SHIFT
	lui	$t1, %hi(DPF_MAP)
	addu	$t0, $t0, $t1
	lw	$t1, %lo(DPF_MAP) + DPFM_OWNER($t0)
	lw	$t2, %lo(DPF_MAP) + DPFM_RING($t0)
	lw	$t3, %lo(DPF_MAP) + DPFM_ASH($t0)
	sll	$t4, $t2, PG_SHIFT
	li	$t5, PAGE_TABLE
	addu	$t4, $t4, $t5
	lw	$t4, PG_OWNER($t4)
	lui	$t5, 0x8000
	sll	$t2, $t2, 12
	beq	$t4, $t1, 5f
	or	$t2, $t2, $t5			# t2 = the ring (kseg0)
	NSTAT_INC NST_STALE
	b	net_next
	nop
5:	bnez	$t3, net_ash
	nop
	# Into the ring: slot head mod RING_NSLOT, unless full or too long for a slot.
	lw	$t4, RING_HEAD($t2)
	lw	$t5, RING_TAIL($t2)
	sltiu	$t7, $s1, RING_SLOT_MAX + 1
	subu	$t6, $t4, $t5
	sltiu	$t6, $t6, RING_NSLOT
	and	$t6, $t6, $t7
	bnez	$t6, 6f
	andi	$t7, $t4, RING_NSLOT - 1
	lw	$t6, RING_DROPS($t2)
	nop
	addiu	$t6, $t6, 1
	sw	$t6, RING_DROPS($t2)
	NSTAT_INC NST_RINGDROP
	b	net_next
	nop
6:	sll	$t8, $t7, 9
	sll	$t7, $t7, 6
	subu	$t7, $t8, $t7			# index x 448 (RING_SLOT)
	addu	$t7, $t7, $t2
	addiu	$t7, $t7, RING_SLOTS		# the slot
	sw	$s1, 0($t7)			# its length
	addiu	$t0, $s1, 3
	srl	$t0, $t0, 2
	sll	$t0, $t0, 2
	lui	$t1, %hi(NET_RXBUF)
	addu	$t3, $t1, $t0
7:	beq	$t1, $t3, 8f
	lw	$t0, %lo(NET_RXBUF)($t1)
	addiu	$t1, $t1, 4
	sw	$t0, 4($t7)
	b	7b
	addiu	$t7, $t7, 4
8:	addiu	$t4, $t4, 1
	sw	$t4, RING_HEAD($t2)		# published after the bytes
	NSTAT_INC NST_DELIVERED
	b	net_next
	nop

# An ASH (t3 = its sandboxed code, t2 = the ring): a0 = the frame, a1 = its length, a2 = its
# receive buffer (the ring's RING_ASHBUF), a3 = its reply buffer; -> v0 = bytes to send from the
# reply buffer (-1: aborted, the frame dropped), v1 = bytes it left in the receive buffer.
net_ash:
	lui	$t0, %hi(NET_STATS)
	sw	$t2, %lo(NET_STATS) + NST_TMP($t0)
	NSTAT_INC NST_ASH
	lui	$a0, %hi(NET_RXBUF)
	move	$a1, $s1
	addiu	$a2, $t2, RING_ASHBUF
	lui	$a3, %hi(NET_TXBUF)
	ori	$a3, $a3, %lo(NET_TXBUF)
	jalr	$t3
	nop
	bgez	$v0, 1f
	nop
	NSTAT_INC NST_ASHABORT
	b	net_next
	nop
1:	lui	$t0, %hi(NET_STATS)
	lw	$t2, %lo(NET_STATS) + NST_TMP($t0)
	blez	$v1, 2f
	nop
	lw	$t1, RING_ASH($t2)
	sw	$v1, RING_ASHLEN($t2)
	addiu	$t1, $t1, 1
	sw	$t1, RING_ASH($t2)
2:	blez	$v0, net_next
	nop
	# The reply: TX from the reply buffer.
	lui	$a0, %hi(NET_TXBUF)
	ori	$a0, $a0, %lo(NET_TXBUF)
	jal	k_net_tx
	move	$a1, $v0
	b	net_next
	nop

net_done:
	lui	$k1, %hi(NET_SAVE)
	lw	$k0, %lo(NET_SAVE) + NSV_HI($k1)
	nop
	mthi	$k0
	lw	$k0, %lo(NET_SAVE) + NSV_LO($k1)
	nop
	mtlo	$k0
	lw	$at, %lo(NET_SAVE) + NSV_AT($k1)
	lw	$v0, %lo(NET_SAVE) + NSV_V0($k1)
	lw	$v1, %lo(NET_SAVE) + NSV_V1($k1)
	lw	$a0, %lo(NET_SAVE) + NSV_A0($k1)
	lw	$a1, %lo(NET_SAVE) + NSV_A1($k1)
	lw	$a2, %lo(NET_SAVE) + NSV_A2($k1)
	lw	$a3, %lo(NET_SAVE) + NSV_A3($k1)
	lw	$t0, %lo(NET_SAVE) + NSV_T0($k1)
	lw	$t1, %lo(NET_SAVE) + NSV_T0 + 4($k1)
	lw	$t2, %lo(NET_SAVE) + NSV_T0 + 8($k1)
	lw	$t3, %lo(NET_SAVE) + NSV_T0 + 12($k1)
	lw	$t4, %lo(NET_SAVE) + NSV_T0 + 16($k1)
	lw	$t5, %lo(NET_SAVE) + NSV_T0 + 20($k1)
	lw	$t6, %lo(NET_SAVE) + NSV_T0 + 24($k1)
	lw	$t7, %lo(NET_SAVE) + NSV_T0 + 28($k1)
	lw	$t8, %lo(NET_SAVE) + NSV_T8($k1)
	lw	$t9, %lo(NET_SAVE) + NSV_T9($k1)
	lw	$ra, %lo(NET_SAVE) + NSV_RA($k1)
	lw	$s0, %lo(NET_SAVE) + NSV_S0($k1)
	lw	$s1, %lo(NET_SAVE) + NSV_S1($k1)
	mfc0	$k0, c0_epc
	nop
	jr	$k0
	rfe

# k_net_tx(a0 = kseg0 address of a frame, word aligned, a1 = length, 1..NET_FRAME_MAX): copies it
# to the interface's BUFFER and transmits it. Clobbers t0-t3.
k_net_tx:
	addiu	$t0, $a1, 3
	srl	$t0, $t0, 2
	sll	$t0, $t0, 2
	addu	$t1, $a0, $t0			# the end
	lui	$t2, %hi(NETIF)
1:	beq	$a0, $t1, 2f
	lw	$t3, 0($a0)
	addiu	$a0, $a0, 4
	sw	$t3, 0($t2)
	b	1b
	addiu	$t2, $t2, 4
2:	lui	$t2, %hi(NETIF)
	sw	$a1, NETIF_LENGTH($t2)
	li	$t3, 1
	sw	$t3, NETIF_COMMAND($t2)		# TX
	lui	$t8, %hi(NET_STATS)
	lw	$t9, %lo(NET_STATS) + NST_TX($t8)
	nop
	addiu	$t9, $t9, 1
	jr	$ra
	sw	$t9, %lo(NET_STATS) + NST_TX($t8)

# ---------------------------------------------------------------------------------------------
# System calls (stack calls, kconv.md kind 2). The filter, ring and code are given by their
# virtual addresses; k_va_to_kaddr translates them (a page must be in the TLB, the STLB or a
# guaranteed mapping: a library OS touches it first). The hooks (firmware/net-hooks.ts) check
# ownership, decode, verify and compile.

# sys_net_filter(a0 = filter va (DPF binary form, docs/downloaded-code.md §1.2, within one page),
# a1 = ring va (page aligned: a page the caller owns, mapped writable)) -> filter id (> 0), or
# EINVAL, EFAULT, EPERM (the ring page is not the caller's), ENOMEM (DPF_NMAP filters), or a
# DPF_E* code (a bad filter, or one that overlaps another environment's: the reason goes to the
# kernel's messages).  [SYS_NET_FILTER]
	.globl	sys_net_filter
sys_net_filter:
	KSAVE
	andi	$t0, $a1, 0xfff
	bnez	$t0, 8f				# the ring: a page
	li	$v0, EINVAL
	andi	$t0, $a0, 3
	bnez	$t0, 8f				# the filter: words
	nop
	move	$s0, $a0
	move	$a0, $a1
	jal	k_va_to_kaddr
	li	$a1, 1				# the ring is written
	li	$t0, EFAULT			# (a kseg0 address is negative too)
	beq	$v0, $t0, 8f
	move	$s1, $v0
	move	$a0, $s0
	jal	k_va_to_kaddr
	move	$a1, $zero
	li	$t0, EFAULT
	beq	$v0, $t0, 8f
	move	$a0, $v0			# the filter (kseg0)
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	sll	$a2, $s1, 3
	lw	$a1, REC_ID($t0)
	srl	$a2, $a2, 15			# the ring's page number (kseg0 address << 3 >> 15)
	break	HOOK, HOOK_DPF_INSTALL
8:	KRESTORE
	jr	$ra
	nop

# sys_net_unfilter(a0 = filter id) -> 0, or ENOENT (no such filter) / EPERM (another's).
# [SYS_NET_UNFILTER]
	.globl	sys_net_unfilter
sys_net_unfilter:
	KSAVE
	lui	$t0, %hi(KBASE)
	lw	$t0, KG_CUR_ENV($t0)
	nop
	lw	$a1, REC_ID($t0)
	break	HOOK, HOOK_DPF_REMOVE
	KRESTORE
	jr	$ra
	nop

# sys_net_ash(a0 = filter id, a1 = code va (word aligned), a2 = words (1..512; the code within
# one page)) -> 0, or EINVAL (a bad range; or the verifier refused the handler: the reason goes
# to the kernel's messages), EFAULT, ENOENT / EPERM (the filter), ENOMEM (NASH handlers).
# [SYS_NET_ASH]
	.globl	sys_net_ash
sys_net_ash:
	KSAVE
	li	$v0, EINVAL
	andi	$t0, $a1, 3
	bnez	$t0, 8f
	addiu	$t0, $a2, -1
	sltiu	$t0, $t0, ASH_SLOT_BYTES / 4
	beqz	$t0, 8f				# 1..512 words
	sll	$t0, $a2, 2
	addu	$t0, $t0, $a1
	addiu	$t0, $t0, -1			# the last byte
	xor	$t0, $t0, $a1
	srl	$t0, $t0, 12
	bnez	$t0, 8f				# in one page
	move	$s0, $a1
	move	$a0, $a1
	jal	k_va_to_kaddr
	move	$a1, $zero
	li	$t0, EFAULT
	beq	$v0, $t0, 8f
	lw	$a0, 0($sp)			# the filter id (KSAVE's copy)
	move	$a1, $v0			# the code (kseg0)
	lw	$a2, 8($sp)			# words
	move	$a3, $s0			# its link address
	break	HOOK, HOOK_ASH_INSTALL
8:	KRESTORE
	jr	$ra
	nop

# sys_net_send(a0 = frame va (word aligned), a1 = length (1..NET_FRAME_MAX)) -> 0, or EINVAL /
# EFAULT: transmits the frame (no check of its contents: the wire is the environment's).
# [SYS_NET_SEND]
	.globl	sys_net_send
sys_net_send:
	KSAVE
	li	$v0, EINVAL
	andi	$t0, $a0, 3
	bnez	$t0, 8f
	addiu	$t0, $a1, -1
	sltiu	$t0, $t0, NET_FRAME_MAX
	beqz	$t0, 8f
	move	$s0, $a0			# s0 = va
	move	$s1, $a1			# s1 = bytes left, rounded up to words
	addiu	$s1, $s1, 3
	srl	$s1, $s1, 2
	sll	$s1, $s1, 2
	lui	$s2, %hi(NET_TXBUF)		# the frame is gathered in NET_TXBUF (it may span two pages)
	ori	$s2, $s2, %lo(NET_TXBUF)
1:	beqz	$s1, 4f
	move	$a0, $s0
	jal	k_va_to_kaddr
	move	$a1, $zero
	li	$t0, EFAULT
	beq	$v0, $t0, 8f
	andi	$t0, $s0, 0xfff
	li	$t1, 0x1000
	subu	$t1, $t1, $t0			# bytes to the end of the page
	sltu	$t0, $s1, $t1
	beqz	$t0, 2f
	nop
	move	$t1, $s1
2:	addu	$s0, $s0, $t1
	subu	$s1, $s1, $t1
	addu	$t2, $v0, $t1			# copy [v0, v0 + t1) to s2
3:	lw	$t3, 0($v0)
	addiu	$v0, $v0, 4
	sw	$t3, 0($s2)
	bne	$v0, $t2, 3b
	addiu	$s2, $s2, 4
	b	1b
	nop
4:	lw	$a1, 4($sp)			# the length (KSAVE's copy)
	lui	$a0, %hi(NET_TXBUF)
	jal	k_net_tx
	ori	$a0, $a0, %lo(NET_TXBUF)
	move	$v0, $zero
8:	KRESTORE
	jr	$ra
	nop
