/**
 * Hand-written ASH handlers (R3000 assembly, assembled with our assembler at address 0) and the
 * frames they serve: a UDP-style echo and a copy with the Internet checksum computed while copying.
 */
import { assembleOrThrow } from '../../assembler/index.js';

/** Words of a handler written in assembly (`.set noreorder`, linked at 0). */
export function handlerWords(src: string): Uint32Array {
  const img = assembleOrThrow(`\t.text\n\t.set noreorder\n${src}\n__ash_end:\n`, { textAddr: 0 });
  const text = img.sections.find((s) => s.name === '.text');
  const end = img.symbols.find((s) => s.name === '__ash_end');
  if (text === undefined || end === undefined) throw new Error('no .text');
  // The section is padded to 16 bytes: the handler ends at the label.
  const dv = new DataView(text.data.buffer, text.data.byteOffset, text.data.byteLength);
  return Uint32Array.from({ length: end.value / 4 }, (_, i) => dv.getUint32(4 * i, true));
}

/**
 * UDP echo: the reply is the frame with the Ethernet addresses, the IPv4 addresses and the UDP
 * ports swapped (the IPv4 and UDP checksums are sums, so they stay valid). Frames shorter than
 * 42 bytes (Ethernet + IPv4 + UDP headers) get no reply.
 */
export const UDP_ECHO = `
	sltiu	t0, a1, 42
	bne	t0, zero, none
	or	t6, a0, zero		# frame start
	or	t7, a3, zero		# reply start
	addiu	t0, a1, 1
	srl	t0, t0, 1		# halfwords to copy
copy:	lhu	t1, 0(a0)
	addiu	t0, t0, -1
	sh	t1, 0(a3)
	addiu	a0, a0, 2
	bgtz	t0, copy
	addiu	a3, a3, 2
	or	a0, t6, zero
	or	a3, t7, zero
	lhu	t1, 6(a0)		# Ethernet: destination <- source
	lhu	t2, 8(a0)
	lhu	t3, 10(a0)
	sh	t1, 0(a3)
	sh	t2, 2(a3)
	sh	t3, 4(a3)
	lhu	t1, 0(a0)		# source <- destination
	lhu	t2, 2(a0)
	lhu	t3, 4(a0)
	sh	t1, 6(a3)
	sh	t2, 8(a3)
	sh	t3, 10(a3)
	lhu	t1, 30(a0)		# IPv4: source <- destination
	lhu	t2, 32(a0)
	lhu	t3, 26(a0)
	lhu	t4, 28(a0)
	sh	t1, 26(a3)
	sh	t2, 28(a3)
	sh	t3, 30(a3)
	sh	t4, 32(a3)
	lhu	t1, 36(a0)		# UDP ports
	lhu	t2, 34(a0)
	sh	t1, 34(a3)
	sh	t2, 36(a3)
	or	v1, zero, zero
	jr	ra
	or	v0, a1, zero		# reply: the whole frame
none:	or	v1, zero, zero
	jr	ra
	or	v0, zero, zero
`;

/**
 * Copy and checksum: the UDP payload (frame bytes 42..) goes to receive buffer + 4, with the
 * Internet checksum's sum (RFC 1071: ones'-complement sum of big-endian 16-bit words, folded, not
 * complemented) computed while copying; receive[0..1] = that sum in network order, receive[2..3]
 * = the payload length (little-endian). Delivers 4 + payload bytes; no reply.
 */
export const COPY_CHECKSUM = `
	sltiu	t0, a1, 42
	bne	t0, zero, none
	addiu	t0, a1, -42		# payload length
	or	t5, t0, zero
	or	t6, a2, zero		# receive buffer start
	or	t2, zero, zero		# sum
	addiu	a0, a0, 42
	addiu	a2, a2, 4
	srl	t1, t0, 1		# whole halfwords
	beq	t1, zero, tail
	nop
loop:	lhu	t3, 0(a0)		# little-endian halfword: the sum is byte-order independent
	addiu	a0, a0, 2
	addiu	t1, t1, -1
	sh	t3, 0(a2)
	addu	t2, t2, t3
	bne	t1, zero, loop
	addiu	a2, a2, 2
tail:	andi	t4, t5, 1
	beq	t4, zero, fold
	nop
	lbu	t3, 0(a0)		# the odd last byte, padded with zero
	nop
	sb	t3, 0(a2)
	addu	t2, t2, t3
fold:	srl	t3, t2, 16
	andi	t2, t2, 0xffff
	addu	t2, t2, t3
	srl	t3, t2, 16
	addu	t2, t2, t3
	andi	t2, t2, 0xffff
	or	a2, t6, zero
	sh	t2, 0(a2)		# a little-endian store of the little-endian sum: network order
	sh	t5, 2(a2)
	addiu	v1, t5, 4
	jr	ra
	or	v0, zero, zero
none:	or	v1, zero, zero
	jr	ra
	or	v0, zero, zero
`;

/** The RFC 1071 sum (folded, not complemented) of bytes, big-endian words, odd byte padded. */
export function internetSum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (i + 1 < b.length ? b[i + 1]! : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** A UDP/IPv4/Ethernet frame with `payload`. */
export function udpFrame(payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(42 + payload.length);
  f.set([0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x08, 0x00], 0);
  f.set([0x45, 0, 0, 28 + payload.length, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1], 14);
  f.set([0x1f, 0x40, 0x00, 0x07, 0, 8 + payload.length, 0, 0], 34);
  f.set(payload, 42);
  return f;
}
