# bench/net/classify10.s: classify.s with ten filters (paper Table 7: "destined for one of ten").
	.equ	NF, 10
	.include "classify.s"
