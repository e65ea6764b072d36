# ipc.s: interprocess communication of the library OS, after ExOS (paper §6.1, §7.1): a page
# shared by capability, pipes (a circular buffer in that page; a writer finding it full or a
# reader finding it empty yields its slice to the peer), a shared-memory counter switched by
# `yield`, and lrpc / tlrpc on synchronous protected control transfer (docs/exokernel.md §8).
#
# Functions follow o32: arguments a0-a3, results v0 (and v1 where stated); a*, t*, v* are
# clobbered; s0-s8, gp, sp are preserved. The inlined pipe' versions are exo.inc's PIPE_WRITE and
# PIPE_READ macros (section "ipc.s").
#
# ---- Finding each other (two programs of `exo run a.s b.s`) ----
# The kernel loads the programs as environments in command-line order: a.s is environment 1 and
# b.s is 2 (ids are generation << 6 | slot, and the generation is 0 at boot). One side calls
# ipc_accept(fn) and waits; the other calls ipc_connect(id of the first). ipc_connect allocates
# a page with a capability of its own choosing (a secret derived from its environment
# capability), maps it at IPC_VA, and hands {page, capability} over in the registers of an lrpc
# call (registers are the message of a PCT, paper §5.5); the acceptor's side of that call maps the
# same page at IPC_VA with the capability, records the caller's id (v0 on arrival of a PCT) as its
# peer, and installs `fn` as its lrpc server function. From then on each side knows its peer's id
# (ipc_peer) and both see the page at IPC_VA.
#
# Why IPC_VA is in the pinned segment (a guaranteed mapping, slot IPC_SLOT): the kernel refills a
# guaranteed mapping itself on a TLB miss, so the shared page survives eviction from the STLB;
# a mapping made with tlb_write would come back to crt0's miss handler, which only knows the
# boot map. Page layout (exo.inc IPC_*): pipe 0 at IPC_PIPE0 (written by the connector, read by
# the acceptor), pipe 1 at IPC_PIPE1 (the other way), shared words at IPC_SHM.
#
# ---- lrpc and tlrpc (paper §6.1, §7.1) ----
# Single function (the server exports one), single-threaded, no permission check: any
# environment that knows the server's id may call it. A call is a synchronous PCT to the server's
# entry (lrpc_entry), which switches to the server's own stack, calls its function
# fn(client id, a1, a2, a3), and transfers back to the client's entry with the result in v1.
# Which entry the client has decides how much it trusts the server:
#   lrpc   (lrpc_bind): the client saves every callee-saved register (s0-s8, gp, sp, ra) in its
#          own memory before the call and restores them all when the reply arrives;
#   tlrpc  (tlrpc_bind): the client trusts the server to give back s0-s8 and gp (its function
#          is an o32 function) and sp and ra (lrpc_entry restores them): nothing is saved.
# A server may also make its own procedure its PCT entry (lrpc_set_entry, an "inline" server):
# no stack switch, no call through a function pointer. The procedure is entered with v0 = the
# client's id, a1-a3 its arguments and every other register the client's; it may change only
# at, v0, v1, a0-a3, t0-t9 (a trusting client relies on the rest), and replies with exo.inc's
# TLRPC_RETURN (v1 = the result). Table 12's tlrpc row is such a server.
# Known limitation: the kernel keeps one saved context per environment. If the server's slice
# ends while it runs a call (the synchronous PCT donated the client's slice to it), the kernel
# saves the call's context over the server's main thread, which is then lost. Calls are short
# (about 100 cycles); a slice is 390625.

	.ifndef	SYS_NULL
	.include "../../firmware/layout.inc"
	.endif
	.ifndef	EXO_SCRATCH
	.include "exo.inc"
	.endif

	.equ	IPC_CONNECT_TRIES, 64		# refused share calls retried (with a yield between)
	.equ	IPC_ACCEPT_YIELDS, 1000		# yields ipc_accept waits for a connector (each gives the others a slice)
	.equ	IPC_MAGIC, 0x49504331		# "IPC1": the share call's a3

# Server state (lrpc_entry): aligned so that %lo(ipc_srv + offset) never carries (offsets < 256).
	.equ	SRV_FN, 0			# the server function
	.equ	SRV_CLIENT, 4			# the caller of the call in progress
	.equ	SRV_SP, 8			# the caller's sp and ra, given back with the reply
	.equ	SRV_RA, 12
	.equ	SRV_NEXT, 16			# the function ipc_accept installs once the page is shared
	.equ	SRV_CALLS, 20			# calls served
# Client state (lrpc_call): the callee-saved registers.
	.equ	CLI_S0, 0			# s0..s7 at 0..28
	.equ	CLI_FP, 32
	.equ	CLI_GP, 36
	.equ	CLI_SP, 40
	.equ	CLI_RA, 44

	.bss
	.balign	256
ipc_srv:	.space	32
	.balign	256
ipc_cli:	.space	48
	.balign	8
ipc_srv_stack:	.space	2048
ipc_srv_stack_top:

	.data
	.balign	4
	.globl	ipc_peer
ipc_peer:	.word	0			# the peer's environment id (0: not connected)
	.globl	ipc_role
ipc_role:	.word	0			# 1 connector, 2 acceptor

	.text
	.set	noreorder

# ---------------------------------------------------------------------------------------------
# Rendezvous and the shared page.

# ipc_connect(a0 = the acceptor's id) -> v0 = 0, or a negative error: page_alloc's or
# guarantee's, the acceptor's answer, or its refusal after IPC_CONNECT_TRIES attempts (EPERM: it
# has not accepted; ENOENT: it is gone). Binds us as an lrpc client (lrpc_bind).
	.globl	ipc_connect
ipc_connect:
	addiu	$sp, $sp, -32
	sw	$ra, 28($sp)
	sw	$s0, 24($sp)
	sw	$s1, 20($sp)
	sw	$s2, 16($sp)
	sw	$s3, 12($sp)
	move	$s0, $a0				# the peer
	# The page's capability: a secret of ours (never 0), chosen as crt0 chooses its scratch page's.
	lw	$t0, BOOT_VA+BOOT_ENVCAP($zero)
	lui	$t1, 0x1bc5
	ori	$t1, $t1, 0x9a2e
	xor	$s2, $t0, $t1
	ori	$s2, $s2, 1
	li	$a0, -1
	move	$a1, $s2
	move	$a2, $s2
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	move	$s1, $v0				# (delay slot) the page number
	move	$a0, $s1
	jal	ipc_map
	move	$a1, $s2
	bltz	$v0, 9f
	lui	$t0, %hi(ipc_peer)
	sw	$s0, %lo(ipc_peer)($t0)
	li	$t1, 1
	lui	$t0, %hi(ipc_role)
	sw	$t1, %lo(ipc_role)($t0)
	jal	lrpc_bind
	nop
	bltz	$v0, 9f
	li	$s3, IPC_CONNECT_TRIES
1:	move	$a0, $s0				# share {page, capability} by an lrpc call
	move	$a1, $s1
	li	$a3, IPC_MAGIC
	jal	lrpc_call
	move	$a2, $s2
	beqz	$v0, 8f					# the call was made: v1 = the acceptor's answer
	addiu	$s3, $s3, -1
	beqz	$s3, 9f					# refused too often: v0 = the refusal
	nop
	move	$a0, $s0				# not accepting yet: let it run
	SYS	SYS_YIELD
	bgez	$v0, 1b
	nop
	b	9f					# ENOENT: it is gone
	nop
8:	move	$v0, $v1
9:	lw	$ra, 28($sp)
	lw	$s0, 24($sp)
	lw	$s1, 20($sp)
	lw	$s2, 16($sp)
	lw	$s3, 12($sp)
	jr	$ra
	addiu	$sp, $sp, 32

# ipc_accept(a0 = the lrpc server function after the rendezvous, or 0 for none) -> v0 = the
# peer's id, or ENOENT if nobody connected within IPC_ACCEPT_YIELDS yields. Yields until a
# connector has shared its page (ipc_share_fn runs as our side of its lrpc call).
	.globl	ipc_accept
ipc_accept:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	bnez	$a0, 1f
	lui	$t0, %hi(ipc_srv)
	la	$a0, ipc_nofn
1:	sw	$a0, %lo(ipc_srv+SRV_NEXT)($t0)
	la	$t1, ipc_share_fn
	sw	$t1, %lo(ipc_srv+SRV_FN)($t0)
	move	$a0, $zero				# our synchronous PCT entry
	li	$a1, FIELD_PCT_SYNC
	la	$a2, lrpc_entry
	move	$a3, $zero
	li	$s0, IPC_ACCEPT_YIELDS
	SYS	SYS_ENV_SET
	bltz	$v0, 9f
	nop
2:	lui	$t0, %hi(ipc_peer)
	lw	$v0, %lo(ipc_peer)($t0)
	nop
	bnez	$v0, 9f					# connected
	addiu	$s0, $s0, -1
	beqz	$s0, 9f
	li	$v0, ENOENT
	li	$a0, -1					# the connector is not known yet: any slice
	SYS	SYS_YIELD
	b	2b
	nop
9:	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# ipc_share_fn(a0 = the connector's id, a1 = page, a2 = capability, a3 = IPC_MAGIC) -> v0 = 0 or
# an error: the acceptor's side of the rendezvous (an lrpc server function).
ipc_share_fn:
	addiu	$sp, $sp, -24
	sw	$ra, 20($sp)
	sw	$s0, 16($sp)
	li	$t0, IPC_MAGIC
	bne	$a3, $t0, 9f
	li	$v0, EINVAL
	move	$s0, $a0
	move	$a0, $a1
	jal	ipc_map
	move	$a1, $a2
	bltz	$v0, 9f
	lui	$t0, %hi(ipc_peer)
	sw	$s0, %lo(ipc_peer)($t0)
	li	$t1, 2
	lui	$t0, %hi(ipc_role)
	sw	$t1, %lo(ipc_role)($t0)
	lui	$t0, %hi(ipc_srv)
	lw	$t1, %lo(ipc_srv+SRV_NEXT)($t0)		# from now on, the program's function
	li	$v0, -1
	sw	$v0, %lo(ipc_srv+SRV_CALLS)($t0)	# (this call is not counted)
	move	$v0, $zero
	sw	$t1, %lo(ipc_srv+SRV_FN)($t0)
9:	lw	$ra, 20($sp)
	lw	$s0, 16($sp)
	jr	$ra
	addiu	$sp, $sp, 24

# ipc_nofn: the server function of an acceptor that gave none: ENOSYS.
ipc_nofn:
	jr	$ra
	li	$v0, ENOSYS

# ipc_map(a0 = page, a1 = capability) -> v0 = guarantee's result: maps the page read-write at
# IPC_VA by our guaranteed mapping IPC_SLOT.
	.globl	ipc_map
ipc_map:
	sll	$a2, $a0, PAGE_SHIFT
	ori	$a2, $a2, ELO_D | ELO_V
	move	$a3, $a1
	li	$a0, IPC_SLOT				# id 0 (ourselves) << 8 | slot
	li	$a1, IPC_VA
	SYS	SYS_GUARANTEE
	jr	$ra
	nop

# ipc_yield() -> v0 = 0 when we run again, or ENOENT if the peer is gone: gives the rest of our
# slice to the peer (the kernel's full yield, docs/exokernel.md §9; pipes and shm_wait use the
# light one, YIELD_LIGHT).
	.globl	ipc_yield
ipc_yield:
	lui	$a0, %hi(ipc_peer)
	lw	$a0, %lo(ipc_peer)($a0)
	SYS	SYS_YIELD
	jr	$ra
	nop

# ---------------------------------------------------------------------------------------------
# Pipes: a ring of IPC_PIPE_CAP words in the shared page (exo.inc IPC_PIPE_*): +0 the count of
# words written, +4 the count read (both only grow; written - read = words waiting), data from
# IPC_PIPE_DATA. One writer and one reader, on one processor: the writer stores the word before
# it publishes the new count, the reader loads the word before it publishes its count.

# pipe_out() / pipe_in() -> v0 = the pipe we write / read (the connector writes pipe 0).
	.globl	pipe_out
pipe_out:
	lui	$v0, %hi(ipc_role)
	lw	$v0, %lo(ipc_role)($v0)
	li	$v1, 1
	bne	$v0, $v1, ipc_pipe1
	nop
ipc_pipe0:
	li	$v0, IPC_PIPE0
	jr	$ra
	nop
	.globl	pipe_in
pipe_in:
	lui	$v0, %hi(ipc_role)
	lw	$v0, %lo(ipc_role)($v0)
	li	$v1, 1
	bne	$v0, $v1, ipc_pipe0
	nop
ipc_pipe1:
	li	$v0, IPC_PIPE1
	jr	$ra
	nop

# pipe_write(a0 = pipe, a1 = word) -> v0 = 0, or ENOENT if the pipe is full and the reader gone.
# A full pipe yields to the reader until there is room.
	.globl	pipe_write
pipe_write:
1:	lw	$t0, 0($a0)				# written
	lw	$t1, 4($a0)				# read
	andi	$t2, $t0, IPC_PIPE_CAP - 1
	subu	$t1, $t0, $t1
	sltiu	$t1, $t1, IPC_PIPE_CAP
	beqz	$t1, 2f					# full
	sll	$t2, $t2, 2
	addu	$t2, $t2, $a0
	sw	$a1, IPC_PIPE_DATA($t2)
	addiu	$t0, $t0, 1
	sw	$t0, 0($a0)				# publish
	jr	$ra
	move	$v0, $zero
2:	YIELD_LIGHT ipc_peer				# keeps a0, a1, s*, sp, ra
	bgez	$v0, 1b
	nop
	jr	$ra					# v0 = ENOENT
	nop

# pipe_read(a0 = pipe) -> v0 = 0 and v1 = the next word, or v0 = ENOENT if the pipe is empty and
# the writer gone. An empty pipe yields to the writer until a word arrives.
	.globl	pipe_read
pipe_read:
1:	lw	$t0, 4($a0)				# read
	lw	$t1, 0($a0)				# written
	andi	$t2, $t0, IPC_PIPE_CAP - 1
	beq	$t0, $t1, 2f				# empty
	sll	$t2, $t2, 2
	addu	$t2, $t2, $a0
	lw	$v1, IPC_PIPE_DATA($t2)
	addiu	$t0, $t0, 1
	sw	$t0, 4($a0)				# publish (after the word is loaded)
	jr	$ra
	move	$v0, $zero
2:	YIELD_LIGHT ipc_peer				# keeps a0, a1, s*, sp, ra
	bgez	$v0, 1b
	nop
	jr	$ra					# v0 = ENOENT
	nop

# ---------------------------------------------------------------------------------------------
# Shared memory.

# shm_wait(a0 = address, a1 = value) -> v0 = 0 once the word at a0 equals a1, yielding to the
# peer until it does; ENOENT if the peer is gone first.
	.globl	shm_wait
shm_wait:
1:	lw	$t0, 0($a0)
	nop
	beq	$t0, $a1, 2f
	nop
	YIELD_LIGHT ipc_peer
	bgez	$v0, 1b
	nop
	jr	$ra					# v0 = ENOENT
	nop
2:	jr	$ra
	move	$v0, $zero

# ---------------------------------------------------------------------------------------------
# lrpc / tlrpc (see the top of the file).

# lrpc_bind() / tlrpc_bind() -> v0 = env_set's result: replies to our calls come back to the
# restoring entry (lrpc) or to the trusting one (tlrpc). Bind before calling; ipc_connect binds
# lrpc.
	.globl	lrpc_bind
lrpc_bind:
	la	$a2, lrpc_reply
ipc_bind:
	move	$a0, $zero
	li	$a1, FIELD_PCT_SYNC
	move	$a3, $zero
	SYS	SYS_ENV_SET
	jr	$ra
	nop
	.globl	tlrpc_bind
tlrpc_bind:
	la	$a2, tlrpc_reply
	b	ipc_bind
	nop

# lrpc_set_entry(a0 = procedure, or 0 for lrpc_entry) -> v0 = env_set's result: the server's
# synchronous PCT entry (an inline server, see the top of the file; 0 goes back to the function
# ipc_accept installed).
	.globl	lrpc_set_entry
lrpc_set_entry:
	bnez	$a0, 1f
	move	$a2, $a0
	la	$a2, lrpc_entry
1:	move	$a0, $zero
	li	$a1, FIELD_PCT_SYNC
	move	$a3, $zero
	SYS	SYS_ENV_SET
	jr	$ra
	nop

# ipc_reply_refused: where an inline server's TLRPC_RETURN goes if the client is gone (as
# lrpc_entry's refused reply: serve the peer's yields until it is gone, then exit).
	.globl	ipc_reply_refused
ipc_reply_refused:
	b	lrpc_entry_refused
	nop

# lrpc_call(a0 = server id, a1, a2, a3 = arguments) -> v0 = 0 and v1 = the server function's
# result, or v0 = ENOENT / EPERM (no such server, or it takes no calls) and nothing happened.
# The same function serves tlrpc calls once tlrpc_bind has chosen the trusting reply entry (then
# the 12 stores below are not read back: tlrpc_call skips them).
	.globl	lrpc_call
lrpc_call:
	lui	$t0, %hi(ipc_cli)
	sw	$s0, %lo(ipc_cli+CLI_S0)($t0)
	sw	$s1, %lo(ipc_cli+CLI_S0+4)($t0)
	sw	$s2, %lo(ipc_cli+CLI_S0+8)($t0)
	sw	$s3, %lo(ipc_cli+CLI_S0+12)($t0)
	sw	$s4, %lo(ipc_cli+CLI_S0+16)($t0)
	sw	$s5, %lo(ipc_cli+CLI_S0+20)($t0)
	sw	$s6, %lo(ipc_cli+CLI_S0+24)($t0)
	sw	$s7, %lo(ipc_cli+CLI_S0+28)($t0)
	sw	$fp, %lo(ipc_cli+CLI_FP)($t0)
	sw	$gp, %lo(ipc_cli+CLI_GP)($t0)
	sw	$sp, %lo(ipc_cli+CLI_SP)($t0)
	sw	$ra, %lo(ipc_cli+CLI_RA)($t0)
	.globl	tlrpc_call
tlrpc_call:						# tlrpc: nothing to save
	lui	$v0, PCT_SYNC << 8
	or	$v0, $v0, $a0
	syscall						# to lrpc_entry in the server
	jr	$ra					# refused: v0 = the error, nothing changed
	nop

# lrpc_reply: our PCT entry as an lrpc client. v0 = the server's id, v1 = the result; every other
# register is the server's: restore ours from our own memory.
lrpc_reply:
	lui	$t0, %hi(ipc_cli)
	lw	$s0, %lo(ipc_cli+CLI_S0)($t0)
	lw	$s1, %lo(ipc_cli+CLI_S0+4)($t0)
	lw	$s2, %lo(ipc_cli+CLI_S0+8)($t0)
	lw	$s3, %lo(ipc_cli+CLI_S0+12)($t0)
	lw	$s4, %lo(ipc_cli+CLI_S0+16)($t0)
	lw	$s5, %lo(ipc_cli+CLI_S0+20)($t0)
	lw	$s6, %lo(ipc_cli+CLI_S0+24)($t0)
	lw	$s7, %lo(ipc_cli+CLI_S0+28)($t0)
	lw	$fp, %lo(ipc_cli+CLI_FP)($t0)
	lw	$gp, %lo(ipc_cli+CLI_GP)($t0)
	lw	$ra, %lo(ipc_cli+CLI_RA)($t0)
	lw	$sp, %lo(ipc_cli+CLI_SP)($t0)
	jr	$ra
	move	$v0, $zero

# tlrpc_reply: our PCT entry as a tlrpc client: the server gave back s0-s8, gp, sp and ra.
tlrpc_reply:
	jr	$ra
	move	$v0, $zero

# lrpc_entry: the server's PCT entry. v0 = the client's id, a1-a3 its arguments, every other
# register the client's. Runs the server function on our own stack and transfers back with its
# result in v1 and the client's sp and ra (for a trusting client).
lrpc_entry:
	lui	$t0, %hi(ipc_srv)
	sw	$sp, %lo(ipc_srv+SRV_SP)($t0)
	sw	$ra, %lo(ipc_srv+SRV_RA)($t0)
	sw	$v0, %lo(ipc_srv+SRV_CLIENT)($t0)
	lw	$t9, %lo(ipc_srv+SRV_FN)($t0)
	lui	$sp, %hi(ipc_srv_stack_top)
	addiu	$sp, $sp, %lo(ipc_srv_stack_top)
	jalr	$t9
	move	$a0, $v0
	lui	$t0, %hi(ipc_srv)
	lw	$t1, %lo(ipc_srv+SRV_CLIENT)($t0)
	lw	$t2, %lo(ipc_srv+SRV_CALLS)($t0)
	lw	$sp, %lo(ipc_srv+SRV_SP)($t0)
	lw	$ra, %lo(ipc_srv+SRV_RA)($t0)
	addiu	$t2, $t2, 1
	sw	$t2, %lo(ipc_srv+SRV_CALLS)($t0)
	move	$v1, $v0
	lui	$v0, PCT_SYNC << 8
	or	$v0, $v0, $t1
	syscall						# back to the client's entry
	# Refused: the client is gone. Nothing to return to here (our main thread is where the
	# kernel saved it): wait for calls as lrpc_serve does until the peer is gone, then exit.
lrpc_entry_refused:
1:	lui	$a0, %hi(ipc_peer)
	lw	$a0, %lo(ipc_peer)($a0)
	SYS	SYS_YIELD
	bgez	$v0, 1b
	nop
	move	$a0, $zero
	SYS	SYS_EXIT

# lrpc_serve() -> v0 = the number of calls served: the server's main thread, once it has
# accepted. Yields to the peer (its client) until lrpc_stop() was called (by the server function)
# or the peer is gone.
	.globl	lrpc_serve
lrpc_serve:
1:	lui	$t0, %hi(ipc_srv)
	lw	$t1, %lo(ipc_srv+SRV_FN)($t0)
	la	$t2, ipc_stopped
	beq	$t1, $t2, 2f
	lui	$a0, %hi(ipc_peer)
	lw	$a0, %lo(ipc_peer)($a0)
	SYS	SYS_YIELD
	bgez	$v0, 1b
	nop
2:	lui	$t0, %hi(ipc_srv)
	lw	$v0, %lo(ipc_srv+SRV_CALLS)($t0)
	jr	$ra
	nop

# lrpc_stop(): from the server function: no more calls (later ones get ENOSYS as their result);
# lrpc_serve returns.
	.globl	lrpc_stop
lrpc_stop:
	la	$t1, ipc_stopped
	lui	$t0, %hi(ipc_srv)
	jr	$ra
	sw	$t1, %lo(ipc_srv+SRV_FN)($t0)
ipc_stopped:
	jr	$ra
	li	$v0, ENOSYS

	.set	reorder
