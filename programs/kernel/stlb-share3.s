# stlb-share3.s: three copies of one program share the STLB under the timer (stlb-share.inc):
# copies 1 and 3 (ASIDs 32 and 48) meet at VPNs 0x80 apart, so their pages evict each other and
# come back through crt0's upcalls; every copy's data must read back right. Known failing
# (KERNEL-BUGS.md 5): the loader's STLB prefill of copy 3 evicts copy 1's text before copy 1 has
# run an instruction, and copy 1 is killed at __start.
# programs: stlb-share3.s stlb-share3.s stlb-share3.s
# run: --quantum 20000
# passes: 3
	.equ	NCOPIES, 3
	.include "stlb-share.inc"
