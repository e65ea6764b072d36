/**
 * The DPF filter language (docs/downloaded-code.md §1; paper §3.2, §5.6): a filter is a
 * conjunction of atoms, each comparing one big-endian field of the frame, masked, with a constant:
 *
 *   (field(frame, offset, size) & mask) OP value       unsigned; OP in eq ne lt le gt ge
 *
 * A frame shorter than offset + size fails the atom. A filter with no atoms accepts every frame.
 * `classify` is the reference interpreter: the compiled guest code (compile.ts) must agree with it.
 *
 * The text syntax (parse.ts), the binary encoding (encoding.ts), the overlap check (overlap.ts) and
 * the compiler (compile.ts) all use these types.
 */

export const OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type Op = (typeof OPS)[number];
export type FieldSize = 1 | 2 | 4;

export interface Atom {
  /** Bytes into the frame (0 = the first byte of the Ethernet destination address). */
  readonly offset: number;
  /** 1, 2 or 4 bytes, read in network (big-endian) order. */
  readonly size: FieldSize;
  /** ANDed with the field before the comparison; at most size bytes wide. */
  readonly mask: number;
  readonly op: Op;
  /** Unsigned, at most size bytes wide. */
  readonly value: number;
}

export type Filter = readonly Atom[];

/** The largest offset an atom may name: the last byte of a maximal Ethernet frame (1514 bytes, no FCS). */
export const DPF_MAX_OFFSET = 1514;
/** Atoms per filter. */
export const DPF_MAX_ATOMS = 16;

/** The C-like operator of each op (the text syntax). */
export const OP_TEXT: Record<Op, string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** The all-ones mask of a field size. */
export function sizeMask(size: FieldSize): number {
  return size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
}

/** Frame bytes an atom needs: offset + size. */
export function atomNeed(a: Atom): number {
  return a.offset + a.size;
}

/** What is wrong with an atom, or undefined. (The codes of encoding.ts name the same faults.) */
export function atomProblem(a: Atom): string | undefined {
  if (a.size !== 1 && a.size !== 2 && a.size !== 4) return `field size ${String(a.size)} is not 1, 2 or 4`;
  if (!Number.isInteger(a.offset) || a.offset < 0 || a.offset > DPF_MAX_OFFSET) return `offset ${a.offset} is outside 0..${DPF_MAX_OFFSET}`;
  if (!(OPS as readonly string[]).includes(a.op)) return `unknown comparison '${String(a.op)}'`;
  const max = sizeMask(a.size);
  if (!Number.isInteger(a.mask) || a.mask < 0 || a.mask > max) return `mask 0x${a.mask.toString(16)} is wider than a ${a.size}-byte field`;
  if (!Number.isInteger(a.value) || a.value < 0 || a.value > max) return `value 0x${a.value.toString(16)} is wider than a ${a.size}-byte field`;
  return undefined;
}

/** Reads the big-endian field, or undefined if the frame is too short. */
export function readField(frame: Uint8Array, offset: number, size: FieldSize): number | undefined {
  if (offset + size > frame.length) return undefined;
  let v = 0;
  for (let i = 0; i < size; i++) v = (v * 256 + frame[offset + i]!) >>> 0;
  return v;
}

export function compare(x: number, op: Op, v: number): boolean {
  switch (op) {
    case 'eq':
      return x === v;
    case 'ne':
      return x !== v;
    case 'lt':
      return x < v;
    case 'le':
      return x <= v;
    case 'gt':
      return x > v;
    case 'ge':
      return x >= v;
  }
}

export function atomAccepts(a: Atom, frame: Uint8Array): boolean {
  const f = readField(frame, a.offset, a.size);
  if (f === undefined) return false;
  return compare((f & a.mask) >>> 0, a.op, a.value);
}

export function filterAccepts(f: Filter, frame: Uint8Array): boolean {
  for (const a of f) if (!atomAccepts(a, frame)) return false;
  return true;
}

/**
 * The reference classifier: the index of the first filter in `filters` that accepts the frame, or
 * -1. (The kernel lists filters in install order, so within one owner the first installed wins;
 * filters of different owners never overlap, checkInstall in overlap.ts.)
 */
export function classify(filters: readonly Filter[], frame: Uint8Array): number {
  for (let i = 0; i < filters.length; i++) if (filterAccepts(filters[i]!, frame)) return i;
  return -1;
}

const hexv = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** The text form of an atom, e.g. `u16@12 == 0x800` (parse.ts reads it back). */
export function formatAtom(a: Atom): string {
  const m = a.mask === sizeMask(a.size) ? '' : `&${hexv(a.mask)}`;
  return `u${a.size * 8}@${a.offset}${m} ${OP_TEXT[a.op]} ${hexv(a.value)}`;
}

export function formatFilter(f: Filter): string {
  return f.length === 0 ? 'true' : f.map(formatAtom).join(' && ');
}

/** Atoms identical in every field (the compiler tests such a shared atom once). */
export function sameAtom(a: Atom, b: Atom): boolean {
  return a.offset === b.offset && a.size === b.size && a.mask === b.mask && a.op === b.op && a.value === b.value;
}
