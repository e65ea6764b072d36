/**
 * A small code buffer for generating R3000 machine code from TypeScript (the DPF compiler and the
 * ASH sandboxer): instructions are encoded from the one instruction table (emulator/isa.ts), branches
 * name labels and are resolved at the end.
 */
import { decodeCanonical } from '../../emulator/decode.js';
import { encode, isaEntry, type EncodeFields } from '../../emulator/isa.js';

export const REG = {
  zero: 0, at: 1, v0: 2, v1: 3, a0: 4, a1: 5, a2: 6, a3: 7,
  t0: 8, t1: 9, t2: 10, t3: 11, t4: 12, t5: 13, t6: 14, t7: 15,
  s0: 16, s1: 17, s2: 18, s3: 19, s4: 20, s5: 21, s6: 22, s7: 23,
  t8: 24, t9: 25, k0: 26, k1: 27, gp: 28, sp: 29, fp: 30, ra: 31,
} as const;

/** The word of one instruction. */
export function ins(mnemonic: string, f: EncodeFields = {}): number {
  return encode(isaEntry(mnemonic), f);
}

export const NOP = 0;

/** The words that put a 32-bit constant in `rt` (1 or 2 instructions). */
export function li(rt: number, value: number): number[] {
  const v = value >>> 0;
  if (v <= 0xffff) return [ins('ori', { rt, rs: 0, imm: v })];
  if (v >= 0xffff8000) return [ins('addiu', { rt, rs: 0, imm: v & 0xffff })];
  const hi = ins('lui', { rt, imm: v >>> 16 });
  return (v & 0xffff) === 0 ? [hi] : [hi, ins('ori', { rt, rs: rt, imm: v & 0xffff })];
}

export type Item =
  /** An instruction; `spec`: it may also run in the delay slot of the branch just before it (see the DPF compiler). */
  | { readonly k: 'w'; w: number; readonly spec?: boolean }
  /**
   * A branch (beq/bne rs, rt; bltz rs) to a label; its delay slot is the next item. With `raw`,
   * that word is kept and only its 16-bit offset is set (a copied branch of any kind).
   */
  | { readonly k: 'br'; readonly mn: 'beq' | 'bne' | 'bltz'; readonly rs: number; readonly rt: number; label: number; readonly raw?: number }
  | { readonly k: 'label'; readonly id: number };

export class CodeBuffer {
  items: Item[] = [];
  private nlabels = 0;

  label(): number {
    return this.nlabels++;
  }

  place(id: number): void {
    this.items.push({ k: 'label', id });
  }

  w(...words: number[]): void {
    for (const w of words) this.items.push({ k: 'w', w });
  }

  ins(mnemonic: string, f: EncodeFields = {}): void {
    this.w(ins(mnemonic, f));
  }

  /** A branch plus a nop in its delay slot (a later pass may fill it). */
  br(mn: 'beq' | 'bne' | 'bltz', rs: number, rt: number, label: number): void {
    this.items.push({ k: 'br', mn, rs, rt, label });
    this.w(NOP);
  }

  /** Word positions of labels and of items (an item's position is its word's; a label's the next word's). */
  layout(): { labelPos: Map<number, number>; itemPos: number[]; words: number } {
    const labelPos = new Map<number, number>();
    const itemPos: number[] = [];
    let n = 0;
    for (const it of this.items) {
      itemPos.push(n);
      if (it.k === 'label') labelPos.set(it.id, n);
      else n++;
    }
    return { labelPos, itemPos, words: n };
  }

  /** Resolves labels to words; throws if a branch is out of range. */
  resolve(): Uint32Array {
    const { labelPos: pos, words: n } = this.layout();
    const out = new Uint32Array(n);
    let i = 0;
    for (const it of this.items) {
      if (it.k === 'label') continue;
      if (it.k === 'w') out[i] = it.w;
      else {
        const t = pos.get(it.label);
        if (t === undefined) throw new Error(`internal: label ${it.label} never placed`);
        const off = t - (i + 1);
        if (off < -0x8000 || off > 0x7fff) throw new Error('internal: branch out of range (code larger than 128 KiB)');
        out[i] = it.raw !== undefined ? ((it.raw & 0xffff0000) | (off & 0xffff)) >>> 0 : ins(it.mn, { rs: it.rs, rt: it.rt, imm: off & 0xffff });
      }
      i++;
    }
    return out;
  }
}

/** The register an instruction writes (rd or rt by its table entry), or -1. */
export function writtenReg(word: number): number {
  const e = decodeCanonical(word);
  if (e === undefined) return -1;
  if (e.writes.includes('rd')) return (word >>> 11) & 31;
  if (e.writes.includes('rt')) return (word >>> 16) & 31;
  if (e.writes.includes('ra')) return 31;
  return -1;
}

/** The general registers an instruction reads. */
export function readRegs(word: number): number[] {
  const e = decodeCanonical(word);
  if (e === undefined) return [];
  const out: number[] = [];
  if (e.reads.includes('rs')) out.push((word >>> 21) & 31);
  if (e.reads.includes('rt')) out.push((word >>> 16) & 31);
  return out;
}
