# stlb-share.s: two copies of one program share the STLB under the timer (stlb-share.inc). With
# ASIDs 32 and 16 their pages could meet only 0x180 pages apart, farther than either image
# reaches, so neither takes an upcall, and both run to completion (each one's STLB prefill used to
# be evicted by the other's before its crt0 had installed a handler, with ASID = index:
# KERNEL-BUGS.md 4).
# programs: stlb-share.s stlb-share.s
# run: --quantum 20000
# passes: 2
# expect: stlb-share 1: upcalls=0x00000000
	.equ	NCOPIES, 2
	.include "stlb-share.inc"
