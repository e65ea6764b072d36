/**
 * The binary form of a filter, as an environment writes it in its memory for the install system
 * call (docs/downloaded-code.md §1.2). Little-endian 32-bit words (the machine's order):
 *
 *   word 0              n = number of atoms, 1..DPF_MAX_ATOMS
 *   then per atom i     word 1+4i: offset (0..1514)
 *                       word 2+4i: size (1, 2 or 4) | op << 8   (op: 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge)
 *                       word 3+4i: mask  (at most size bytes wide)
 *                       word 4+4i: value (at most size bytes wide)
 *
 * 4 + 16n bytes in all. Every bit is validated; the first fault found (in word order) is reported
 * with a named code. The codes are negative and distinct from layout.inc's kernel errors (-1..-8)
 * so the install call can return them as they are.
 */
import { DPF_MAX_ATOMS, DPF_MAX_OFFSET, OPS, sizeMask, type Atom, type FieldSize, type Filter } from './filter.js';

export const DPF_ERR = {
  /** Atom count 0 or above DPF_MAX_ATOMS. */
  DPF_ECOUNT: -16,
  /** Offset above DPF_MAX_OFFSET. */
  DPF_EOFFSET: -17,
  /** Size not 1, 2 or 4. */
  DPF_ESIZE: -18,
  /** Op above 5. */
  DPF_EOP: -19,
  /** Reserved bits of the size/op word set. */
  DPF_ERESERVED: -20,
  /** Mask wider than the field. */
  DPF_EMASK: -21,
  /** Value wider than the field. */
  DPF_EVALUE: -22,
  /** The filter could accept a frame another owner's filter accepts (overlap.ts). */
  DPF_EOVERLAP: -23,
  /** Overlap could not be decided within the search bound: refused conservatively (overlap.ts). */
  DPF_ECOMPLEX: -24,
  /** The words are not readable (the caller's buffer is shorter than 4 + 16n bytes). */
  DPF_ESHORT: -25,
} as const;
export type DpfErrName = keyof typeof DPF_ERR;

export function dpfErrName(code: number): DpfErrName | undefined {
  for (const [k, v] of Object.entries(DPF_ERR)) if (v === code) return k as DpfErrName;
  return undefined;
}

/** Bytes of the encoding of n atoms. */
export function encodedBytes(n: number): number {
  return 4 + 16 * n;
}

export function encodeFilter(f: Filter): Uint32Array {
  const w = new Uint32Array(1 + 4 * f.length);
  w[0] = f.length;
  f.forEach((a, i) => {
    w[1 + 4 * i] = a.offset;
    w[2 + 4 * i] = a.size | (OPS.indexOf(a.op) << 8);
    w[3 + 4 * i] = a.mask >>> 0;
    w[4 + 4 * i] = a.value >>> 0;
  });
  return w;
}

/** The encoding as bytes (little-endian words), what a program stores in its memory. */
export function encodeFilterBytes(f: Filter): Uint8Array {
  const w = encodeFilter(f);
  const b = new Uint8Array(w.length * 4);
  const dv = new DataView(b.buffer);
  w.forEach((x, i) => dv.setUint32(4 * i, x, true));
  return b;
}

export type DecodeResult =
  | { readonly ok: true; readonly filter: Filter }
  | { readonly ok: false; readonly code: number; readonly name: DpfErrName; readonly reason: string };

const fail = (name: DpfErrName, reason: string): DecodeResult => ({ ok: false, code: DPF_ERR[name], name, reason });

/**
 * Decodes and validates. `readWord(i)` returns word i (unsigned) or undefined when it cannot be
 * read; the count word is read first, so a hook reads at most 4 + 16 * DPF_MAX_ATOMS bytes.
 */
export function decodeFilter(readWord: (i: number) => number | undefined): DecodeResult {
  const n = readWord(0);
  if (n === undefined) return fail('DPF_ESHORT', 'the atom count cannot be read');
  if (n === 0 || n > DPF_MAX_ATOMS) return fail('DPF_ECOUNT', `atom count ${n >>> 0} is not 1..${DPF_MAX_ATOMS}`);
  const atoms: Atom[] = [];
  for (let i = 0; i < n; i++) {
    const w = [1, 2, 3, 4].map((k) => readWord(4 * i + k));
    if (w.some((x) => x === undefined)) return fail('DPF_ESHORT', `atom ${i} cannot be read`);
    const [offset, sizeOp, mask, value] = w as [number, number, number, number];
    if (offset > DPF_MAX_OFFSET) return fail('DPF_EOFFSET', `atom ${i}: offset ${offset >>> 0} is above ${DPF_MAX_OFFSET}`);
    const size = sizeOp & 0xff;
    const op = (sizeOp >>> 8) & 0xff;
    if (size !== 1 && size !== 2 && size !== 4) return fail('DPF_ESIZE', `atom ${i}: field size ${size} is not 1, 2 or 4`);
    if (op >= OPS.length) return fail('DPF_EOP', `atom ${i}: unknown comparison ${op} (0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge)`);
    if (sizeOp >>> 16 !== 0) return fail('DPF_ERESERVED', `atom ${i}: reserved bits 31:16 of the size/op word are not 0`);
    const max = sizeMask(size as FieldSize);
    if (mask >>> 0 > max) return fail('DPF_EMASK', `atom ${i}: mask 0x${(mask >>> 0).toString(16)} is wider than a ${size}-byte field`);
    if (value >>> 0 > max) return fail('DPF_EVALUE', `atom ${i}: value 0x${(value >>> 0).toString(16)} is wider than a ${size}-byte field`);
    atoms.push({ offset, size: size as FieldSize, mask: mask >>> 0, op: OPS[op]!, value: value >>> 0 });
  }
  return { ok: true, filter: atoms };
}

/** Decodes from a byte array (little-endian words). */
export function decodeFilterBytes(bytes: Uint8Array): DecodeResult {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeFilter((i) => (4 * i + 4 <= bytes.length ? dv.getUint32(4 * i, true) : undefined));
}
