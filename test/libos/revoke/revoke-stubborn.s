# revoke-stubborn.s: revoke-peer.s with an upcall handler that never answers (the abort protocol).
	.equ	STUBBORN, 1
	.include "revoke-peer.s"
