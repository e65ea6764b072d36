/**
 * The DPF compiler (docs/downloaded-code.md §1.3; paper §3.2, §5.6): every installed filter becomes
 * part of ONE R3000 routine, specialised on the filters' constants, with filters that share a
 * prefix of identical atoms merged into a decision tree (DPF's trie) so each shared atom is tested
 * once, and consecutive tests of one field loading it once.
 *
 * Calling convention (kernel mode, kseg0 code):
 *   a0 = kseg0 address of the frame (word aligned unless `alignedFrame: false`), a1 = its length.
 *   Returns v0 = the index in `filters` of the first filter that accepts the frame, or -1.
 *   Clobbers v1, a2, a3, t0-t9 (nothing else: a0, a1, ra, HI/LO and memory are unchanged).
 *   Returns with `jr ra`. No stores; every load lies inside [a0, a0 + a1) (checked against the
 *   length before it runs); no exception is possible (no unaligned lh/lw: a 2- or 4-byte field at
 *   an offset the alignment of a0 does not make aligned is read with byte loads or an lwr/lwl pair).
 *
 * The tree. Filters are tried in priority order (their index); each filter's atoms are first put
 * in a canonical order (a conjunction is order-free), so the same atoms line up. At each level the
 * first remaining filter's first atom A is tested once for every later filter whose first atom is
 * also A, and those are moved up beside it only past filters they are disjoint from (overlap.ts
 * decides that exactly), so the first filter found to accept is always the lowest index that
 * accepts. Sibling tests of the same field share one load (in the same register), e.g. the ten
 * port comparisons of Table 7's ten TCP filters. Before any load the frame length is checked, once
 * for the whole subtree when every filter in it needs at least that many bytes.
 *
 * Registers: the field of tree depth d lives in LEVEL[d] (t0-t7, a2); depths 9 and more share a3
 * and reload; v1, t8, t9 are scratch and never live across a branch, so any instruction that only
 * writes them can fill a branch delay slot.
 */
import { atomNeed, sameAtom, sizeMask, type Atom, type Filter } from './filter.js';
import { overlaps } from './overlap.js';
import { CodeBuffer, NOP, REG, ins, li, readRegs, writtenReg, type Item } from './emit.js';
import { decodeCanonical } from '../../emulator/decode.js';
import type { EncodeFields } from '../../emulator/isa.js';

const LEVEL: readonly number[] = [REG.t0, REG.t1, REG.t2, REG.t3, REG.t4, REG.t5, REG.t6, REG.t7, REG.a2];
const DEEP = REG.a3;
/** Registers a delay-slot filler may write: never live across a branch. (t8 is scratch too, but a
 * binary search keeps the masked field in it across branches.) */
const SCRATCH: ReadonlySet<number> = new Set([REG.v1, REG.t9]);
/** Equality tests of one field from which a binary search is used, and its leaves' size. */
const SWITCH_MIN = 4;
const SWITCH_LEAF = 2;
/** The accepting index is returned with `ori v0, zero, index`. */
export const DPF_MAX_FILTERS = 0x7fff;

export interface CompileOptions {
  /** a0 is word aligned (default true): aligned 2- and 4-byte fields use lhu/lw. */
  readonly alignedFrame?: boolean;
}

export interface CompiledClassifier {
  /** The routine, to be placed at `base`. */
  readonly words: Uint32Array;
  readonly base: number;
  /** Static instruction count of the longest path from entry to `jr ra` (delay slots included). */
  readonly longestPath: number;
}

interface Cand {
  readonly idx: number;
  readonly atoms: readonly Atom[];
}

/** Canonical atom order: by offset, size, mask, op, value; duplicates dropped. */
export function canonical(f: Filter): Atom[] {
  const key = (a: Atom): number[] => [a.offset, a.size, a.mask, ['eq', 'ne', 'lt', 'le', 'gt', 'ge'].indexOf(a.op), a.value];
  const sorted = [...f].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
  return sorted.filter((a, i) => i === 0 || !sameAtom(a, sorted[i - 1]!));
}

const tailsOf = (members: readonly Cand[]): Cand[] => members.map((c) => ({ idx: c.idx, atoms: c.atoms.slice(1) }));
const swap16 = (x: number): number => ((x & 0xff) << 8) | ((x >>> 8) & 0xff);
const swap32 = (x: number): number => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;

class Compiler {
  readonly code = new CodeBuffer();
  readonly fail: number;
  private readonly disjointMemo = new Map<number, boolean>();

  constructor(
    private readonly filters: readonly Atom[][],
    private readonly aligned: boolean,
  ) {
    this.fail = this.code.label();
  }

  private disjoint(i: number, j: number): boolean {
    const key = Math.min(i, j) * 0x10000 + Math.max(i, j);
    let r = this.disjointMemo.get(key);
    if (r === undefined) {
      // 'unknown' counts as not disjoint: the order is then kept as it is.
      r = overlaps(this.filters[i]!, this.filters[j]!).sat === false;
      this.disjointMemo.set(key, r);
    }
    return r;
  }

  /** Splits off the group of `list[0]`'s first atom (see the header) from the rest. */
  private takeGroup(list: readonly Cand[]): { atom: Atom; members: Cand[]; rest: Cand[] } {
    const atom = list[0]!.atoms[0]!;
    const members: Cand[] = [list[0]!];
    const rest: Cand[] = [];
    for (const c of list.slice(1)) {
      const a = c.atoms[0];
      if (a !== undefined && sameAtom(a, atom) && rest.every((s) => this.disjoint(c.idx, s.idx))) members.push(c);
      else rest.push(c);
    }
    return { atom, members, rest };
  }

  private accept(idx: number): void {
    this.code.ins('jr', { rs: REG.ra });
    this.code.ins('ori', { rt: REG.v0, rs: REG.zero, imm: idx });
  }

  private jump(label: number): void {
    if (label === this.fail) {
      this.code.ins('jr', { rs: REG.ra });
      this.code.ins('addiu', { rt: REG.v0, rs: REG.zero, imm: 0xffff });
    } else this.code.br('beq', REG.zero, REG.zero, label);
  }

  /** if (a1 < need) goto label */
  private lengthCheck(need: number, label: number): void {
    this.code.ins('sltiu', { rt: REG.v1, rs: REG.a1, imm: need });
    this.code.br('bne', REG.v1, REG.zero, label);
  }

  gen(cands: readonly Cand[], known: number, depth: number, fail: number): void {
    if (cands.length === 0) {
      this.jump(fail);
      return;
    }
    if (cands[0]!.atoms.length === 0) {
      this.accept(cands[0]!.idx);
      return;
    }
    // Every candidate needs at least L bytes: one check for all of them.
    const L = Math.min(...cands.map((c) => (c.atoms.length === 0 ? 0 : Math.max(...c.atoms.map(atomNeed)))));
    let checked = false;
    if (L > known) {
      this.lengthCheck(L, fail);
      known = L;
      checked = true;
    }
    const first = cands[0]!.atoms[0]!;
    const groups: { atom: Atom; members: Cand[] }[] = [];
    let rest: readonly Cand[] = cands;
    while (rest.length > 0) {
      const a = rest[0]!.atoms[0];
      if (a === undefined || a.offset !== first.offset || a.size !== first.size) break;
      if (groups.length > 0 && depth >= LEVEL.length) break; // the deep register is reloaded per test
      const g = this.takeGroup(rest);
      groups.push({ atom: g.atom, members: g.members });
      rest = g.rest;
    }
    const chainEnd = this.code.label();
    this.chain(groups, known, depth, chainEnd, checked);
    this.code.place(chainEnd);
    this.gen(rest, known, depth, fail);
  }

  /** Tests of one field (offset, size): load it once, then each group's comparison and subtree. */
  private chain(groups: readonly { atom: Atom; members: Cand[] }[], known: number, depth: number, end: number, checked: boolean): void {
    const a0 = groups[0]!.atom;
    const need = atomNeed(a0);
    if (need > known) {
      this.lengthCheck(need, end);
      known = need;
      checked = true;
    }
    // Little-endian loads (constants byte-swapped) serve equality tests; ordered ones need the
    // field's big-endian value.
    const le = a0.size > 1 && groups.every((g) => g.atom.op === 'eq' || g.atom.op === 'ne');
    const R = depth < LEVEL.length ? LEVEL[depth]! : DEEP;
    // With no length check just before it, the field's first load may run in the delay slot of
    // the branch before it (the parent's comparison): that branch's target proved the same length,
    // and reads R only after writing it (R belongs to this depth; targets are at this depth or
    // above, where R is reloaded before use).
    let pendingLoad = this.load(R, a0.offset, a0.size, le, known, !checked);
    for (let k = 0; k < groups.length; ) {
      // A run of equality tests under one mask: their values exclude each other, so a binary
      // search finds the one that can hold.
      let j = k;
      while (j < groups.length && groups[j]!.atom.op === 'eq' && groups[j]!.atom.mask === groups[k]!.atom.mask) j++;
      if (j - k >= SWITCH_MIN) {
        const next = j === groups.length ? end : this.code.label();
        this.switchOn(R, groups.slice(k, j), le, known, depth, next, pendingLoad);
        pendingLoad = false;
        if (next !== end) this.code.place(next);
        k = j;
        continue;
      }
      const g = groups[k]!;
      const next = k === groups.length - 1 ? end : this.code.label();
      const cmp = compareCode(R, g.atom, le);
      if (cmp !== 'never') {
        this.code.w(...cmp.prep);
        if (pendingLoad && cmp.prep.length === 0 && cmp.body.length + cmp.branch.length > 0) this.code.w(NOP);
        if (cmp.prep.length + cmp.body.length + cmp.branch.length > 0) pendingLoad = false;
        this.code.w(...cmp.body);
        for (const b of cmp.branch) this.code.br(b.mn, b.rs, b.rt, next);
        if (pendingLoad) {
          this.code.w(NOP);
          pendingLoad = false;
        }
        this.gen(tailsOf(g.members), known, depth + 1, next);
      }
      if (next !== end) this.code.place(next);
      k++;
    }
  }

  /**
   * Equality tests of one field under one mask: a binary search over the (distinct) values,
   * then at the leaf the subtrees of the groups with that value, in order. No other group of the
   * run can hold once the value is known, so every failure goes to `next`.
   */
  private switchOn(R: number, run: readonly { atom: Atom; members: Cand[] }[], le: boolean, known: number, depth: number, next: number, pendingLoad: boolean): void {
    const c = this.code;
    const a = run[0]!.atom;
    const sw = (x: number): number => (!le ? x : a.size === 2 ? swap16(x) : a.size === 4 ? swap32(x) : x);
    const mask = sw(a.mask);
    let Y = R;
    const full = mask === sizeMask(a.size);
    const byValue = new Map<number, { atom: Atom; members: Cand[] }[]>();
    for (const g of run) {
      const v = sw(g.atom.value) >>> 0;
      if ((v & ~mask) !== 0) continue; // never holds
      const list = byValue.get(v);
      if (list === undefined) byValue.set(v, [g]);
      else list.push(g);
    }
    const values = [...byValue.keys()].sort((x, y) => x - y);
    // R's load may still be in its delay slot: only a first `li t9` may share it.
    const firstReadsR = !full || (values.length > 0 && values.length <= SWITCH_LEAF && values[0] === 0);
    if (pendingLoad && firstReadsR) c.w(NOP);
    if (!full) {
      // t8 holds the masked field across the search's branches (no delay-slot filler writes t8).
      if (mask <= 0xffff) c.ins('andi', { rt: REG.t8, rs: R, imm: mask });
      else {
        c.w(...li(REG.t8, mask));
        c.ins('and', { rd: REG.t8, rs: R, rt: REG.t8 });
      }
      Y = REG.t8;
    }
    if (values.length === 0) {
      this.jump(next);
      return;
    }
    const leaf = (v: number): void => {
      const gs = byValue.get(v)!;
      gs.forEach((g, q) => {
        const nx = q === gs.length - 1 ? next : c.label();
        this.gen(tailsOf(g.members), known, depth + 1, nx);
        if (nx !== next) c.place(nx);
      });
    };
    const search = (lo: number, hi: number): void => {
      if (hi - lo <= SWITCH_LEAF) {
        for (let i = lo; i < hi; i++) {
          const miss = i === hi - 1 ? next : c.label();
          const v = values[i]!;
          if (v === 0) c.br('bne', Y, REG.zero, miss);
          else {
            c.w(...li(REG.t9, v));
            c.br('bne', Y, REG.t9, miss);
          }
          leaf(v);
          if (miss !== next) c.place(miss);
        }
        return;
      }
      const mid = (lo + hi) >>> 1;
      const left = c.label();
      c.w(...li(REG.t9, values[mid]!));
      c.ins('sltu', { rd: REG.v1, rs: Y, rt: REG.t9 });
      c.br('bne', REG.v1, REG.zero, left);
      search(mid, hi);
      c.place(left);
      search(lo, mid);
    };
    search(0, values.length);
  }

  /** Loads the field into R. Returns true when the last instruction is a load (R not yet usable). */
  private load(R: number, off: number, size: 1 | 2 | 4, le: boolean, known: number, spec: boolean): boolean {
    const c = {
      first: true,
      ins: (mn: string, f: EncodeFields): void => {
        this.code.items.push({ k: 'w', w: ins(mn, f), spec: spec && c.first });
        c.first = false;
      },
    };
    const A = REG.a0;
    const T = REG.t8;
    if (size === 1) {
      c.ins('lbu', { rt: R, rs: A, imm: off });
      return true;
    }
    if (le && this.aligned && off % size === 0) {
      c.ins(size === 2 ? 'lhu' : 'lw', { rt: R, rs: A, imm: off });
      return true;
    }
    // lwr/lwl read the aligned words holding the field: use them only when those words lie inside
    // the bytes the length check already proved.
    if (le && this.aligned && size === 4 && ((off + 3) | 3) + 1 <= known) {
      // Little-endian: lwr at the field's address fills the low bytes, lwl at its last byte the
      // high ones; the pair needs no nop between them (the R3000's LWL/LWR merge, r3000.md §2).
      c.ins('lwr', { rt: R, rs: A, imm: off });
      c.ins('lwl', { rt: R, rs: A, imm: off + 3 });
      return true;
    }
    // Byte loads, most significant first (field bytes in frame order for big-endian, reversed for
    // little-endian): R = R << 8 | next.
    const order = Array.from({ length: size }, (_, i) => off + (le ? size - 1 - i : i));
    c.ins('lbu', { rt: R, rs: A, imm: order[0]! });
    for (let i = 1; i < size; i++) {
      c.ins('lbu', { rt: T, rs: A, imm: order[i]! });
      c.ins('sll', { rd: R, rt: R, sa: 8 });
      c.ins('or', { rd: R, rs: R, rt: T });
    }
    return false;
  }
}

interface Cmp {
  /** Instructions that do not read the field register (may fill its load delay slot). */
  prep: number[];
  body: number[];
  /** Branches to the "false" label (0 or 1). */
  branch: { mn: 'beq' | 'bne'; rs: number; rt: number }[];
}

/** The comparison of field register R with an atom: falls through when true. 'never': always false. */
function compareCode(R: number, a: Atom, le: boolean): Cmp | 'never' {
  const full = sizeMask(a.size);
  const sw = (x: number): number => (!le ? x : a.size === 2 ? swap16(x) : a.size === 4 ? swap32(x) : x);
  const mask = sw(a.mask);
  const value = sw(a.value);
  const out: Cmp = { prep: [], body: [], branch: [] };
  let Y = R;
  const useMask = (): void => {
    if (mask === full) return;
    if (mask <= 0xffff) out.body.push(ins('andi', { rt: REG.v1, rs: R, imm: mask }));
    else {
      out.prep.push(...li(REG.v1, mask));
      out.body.push(ins('and', { rd: REG.v1, rs: R, rt: REG.v1 }));
    }
    Y = REG.v1;
  };
  // (field & mask) is at most mask.
  switch (a.op) {
    case 'eq':
    case 'ne': {
      const eq = a.op === 'eq';
      if ((value & ~mask) !== 0) return eq ? 'never' : out; // a value bit the mask clears
      useMask();
      if (value === 0) out.branch.push({ mn: eq ? 'bne' : 'beq', rs: Y, rt: REG.zero });
      else {
        out.prep.push(...li(REG.t9, value));
        out.branch.push({ mn: eq ? 'bne' : 'beq', rs: Y, rt: REG.t9 });
      }
      return out;
    }
    case 'lt':
    case 'ge':
    case 'le':
    case 'gt': {
      // x < c, x <= c == x < c + 1; ge and gt are their negations.
      const c = a.op === 'lt' || a.op === 'ge' ? a.value : a.value + 1;
      const whenLess = a.op === 'lt' || a.op === 'le'; // the atom holds when x < c
      if (c === 0) return whenLess ? 'never' : out; // x < 0 never holds
      if (c > a.mask) return whenLess ? out : 'never'; // x <= mask < c always holds
      useMask();
      if (c <= 0x7fff) out.body.push(ins('sltiu', { rt: REG.v1, rs: Y, imm: c }));
      else {
        out.prep.push(...li(REG.t9, c));
        out.body.push(ins('sltu', { rd: REG.v1, rs: Y, rt: REG.t9 }));
      }
      out.branch.push({ mn: whenLess ? 'beq' : 'bne', rs: REG.v1, rt: REG.zero });
      return out;
    }
  }
}

/** An instruction that may execute on both paths of a branch: writes only scratch, no memory, no control. */
function movable(w: number, fromTarget: boolean): boolean {
  const e = decodeCanonical(w);
  if (e === undefined || w === NOP) return false;
  if (e.class !== 'alu' && e.class !== 'shift') return false;
  if (e.traps === true) return false;
  if (!SCRATCH.has(writtenReg(w))) return false;
  // Copied from a branch target: it must see the same inputs at the branch as at the target, so
  // only the frame's address and length (never written) or constants.
  if (fromTarget && readRegs(w).some((r) => r !== REG.a0 && r !== REG.a1 && r !== REG.zero)) return false;
  return true;
}

/** Peephole: drop branches to the next instruction; fill delay slots from the fall-through or the target. */
function optimize(code: CodeBuffer): void {
  let items = code.items;
  // 1. `b L; nop; L:`
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.k === 'br' && it.mn === 'beq' && it.rs === 0 && it.rt === 0) {
      let j = i + 2;
      let hit = false;
      while (j < items.length && items[j]!.k === 'label') {
        if ((items[j] as { id: number }).id === it.label) hit = true;
        j++;
      }
      if (hit) {
        i++; // skip the nop too
        continue;
      }
    }
    out.push(it);
  }
  items = out;
  // 2. Delay slots.
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.k !== 'br') continue;
    const slot = items[i + 1];
    if (slot === undefined || slot.k !== 'w' || slot.w !== NOP) continue;
    const unconditional = it.mn === 'beq' && it.rs === 0 && it.rt === 0;
    const after = items[i + 2];
    if (!unconditional && after !== undefined && after.k === 'w' && (movable(after.w, false) || after.spec === true)) {
      slot.w = after.w;
      items.splice(i + 2, 1);
      continue;
    }
    // From the target: copy its first instruction into the slot and branch past it.
    let t = items.findIndex((x) => x.k === 'label' && x.id === it.label);
    if (t < 0) continue;
    while (t < items.length && items[t]!.k === 'label') t++;
    const first = items[t];
    if (first === undefined || first.k !== 'w' || !movable(first.w, true)) continue;
    slot.w = first.w;
    const id = code.label();
    items.splice(t + 1, 0, { k: 'label', id });
    it.label = id;
    if (t + 1 <= i) i++;
  }
  code.items = items;
}

/** Longest path, in instructions, from word `from` to a `jr` (all branches go forward). */
export function longestPath(words: Uint32Array, from = 0): number {
  const n = words.length;
  const cost = new Array<number>(n + 2).fill(0);
  for (let i = n - 1; i >= from; i--) {
    const w = words[i]!;
    const e = decodeCanonical(w);
    if (e?.op === 'jr') cost[i] = 2;
    else if (e?.op === 'beq' || e?.op === 'bne') {
      const target = i + 1 + ((w << 16) >> 16);
      if (target <= i) throw new Error('internal: backward branch in generated code');
      const taken = cost[target] ?? 0;
      const uncond = e.op === 'beq' && ((w >>> 21) & 31) === 0 && ((w >>> 16) & 31) === 0;
      cost[i] = 2 + (uncond ? taken : Math.max(taken, cost[i + 2] ?? 0));
    } else cost[i] = 1 + (cost[i + 1] ?? 0);
  }
  return cost[from]!;
}

/**
 * Compiles `filters` (in priority order: index 0 wins) to one classifier routine for kseg0 address
 * `base`. Filters are validated (atomProblem) by the caller's parser or decoder.
 */
export function compileFilters(filters: readonly Filter[], base: number, opts: CompileOptions = {}): CompiledClassifier {
  if ((base & 3) !== 0 || base >>> 0 < 0x80000000 || base >>> 0 >= 0xa0000000) throw new Error(`internal: classifier base 0x${(base >>> 0).toString(16)} is not a word-aligned kseg0 address`);
  if (filters.length > DPF_MAX_FILTERS) throw new Error(`internal: more than ${DPF_MAX_FILTERS} filters`);
  const canon = filters.map(canonical);
  const c = new Compiler(canon, opts.alignedFrame ?? true);
  c.gen(
    canon.map((atoms, idx) => ({ idx, atoms })),
    0,
    0,
    c.fail,
  );
  c.code.place(c.fail);
  c.code.ins('jr', { rs: REG.ra });
  c.code.ins('addiu', { rt: REG.v0, rs: REG.zero, imm: 0xffff });
  optimize(c.code);
  const words = c.code.resolve();
  return { words, base: base >>> 0, longestPath: longestPath(words) };
}
