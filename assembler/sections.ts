/**
 * One file's contribution to an output section: bytes, the fixups to apply when addresses are
 * known, and the state the hazard pass keeps per section.
 */
import type { Expr } from './expr.js';
import type { Hist } from './hazards.js';

/** The output sections, in link order (GNU ld's default script order). */
export const OUT_SECTIONS = ['.text', '.rodata', '.data', '.bss'] as const;
export type OutName = (typeof OUT_SECTIONS)[number];

/**
 * What a fixup fills once its expression's value is known:
 * - `w32` `h16` `b8`: data words (.word/.half/.byte)
 * - `simm16` `uimm16`: an I-type immediate (range-checked)
 * - `hi16`: %hi() in the low half; `lo16`: %lo() in the low half (no range check)
 * - `pc16`: a branch displacement; `j26`: a jump target
 */
export type FixKind = 'w32' | 'h16' | 'b8' | 'simm16' | 'uimm16' | 'hi16' | 'lo16' | 'pc16' | 'j26';

export interface Fixup {
  off: number;
  kind: FixKind;
  expr: Expr;
  file: string;
  line: number;
  col: number;
}

/** GNU as (MIPS ELF) gives .text/.data/.bss an alignment of 16 and pads their size to it. */
export const SECTION_ALIGN = 16;

export class SectionBuf {
  bytes = new Uint8Array(256);
  size = 0;
  align = SECTION_ALIGN;
  fixups: Fixup[] = [];
  history: Hist[] = [];
  /** Address of this contribution, set by the linker. */
  base = 0;
  /** `name` is the output section; `inputName` the section as the source named it. */
  constructor(
    readonly name: OutName,
    readonly inputName: string = name,
  ) {}

  get nobits(): boolean {
    return this.name === '.bss';
  }

  private ensure(extra: number): void {
    const need = this.size + extra;
    if (need <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < need) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.bytes.subarray(0, this.size));
    this.bytes = nb;
  }

  put8(v: number): void {
    this.ensure(1);
    this.bytes[this.size++] = v & 0xff;
  }

  put16(v: number): void {
    this.ensure(2);
    this.bytes[this.size++] = v & 0xff;
    this.bytes[this.size++] = (v >>> 8) & 0xff;
  }

  put32(v: number): void {
    this.ensure(4);
    const b = this.bytes;
    let s = this.size;
    b[s++] = v & 0xff;
    b[s++] = (v >>> 8) & 0xff;
    b[s++] = (v >>> 16) & 0xff;
    b[s++] = (v >>> 24) & 0xff;
    this.size = s;
  }

  fill(n: number, byte: number): void {
    if (n <= 0) return;
    this.ensure(n);
    this.bytes.fill(byte & 0xff, this.size, this.size + n);
    this.size += n;
  }

  get32(off: number): number {
    const b = this.bytes;
    return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
  }

  set32(off: number, v: number): void {
    const b = this.bytes;
    b[off] = v & 0xff;
    b[off + 1] = (v >>> 8) & 0xff;
    b[off + 2] = (v >>> 16) & 0xff;
    b[off + 3] = (v >>> 24) & 0xff;
  }

  /** Size as the object file has it: padded to the section's alignment. */
  paddedSize(): number {
    return Math.ceil(this.size / this.align) * this.align;
  }
}

/** Maps a section name from `.section NAME` to the output section it links into. */
export function outSectionFor(name: string, flags?: string): OutName | undefined {
  if (name === '.text' || name.startsWith('.text.') || name === '.init' || name === '.fini') return '.text';
  if (name === '.rdata' || name === '.rodata' || name.startsWith('.rodata.') || name.startsWith('.rdata.')) return '.rodata';
  if (name === '.data' || name.startsWith('.data.') || name === '.sdata' || name.startsWith('.sdata.')) return '.data';
  if (name === '.bss' || name.startsWith('.bss.') || name === '.sbss' || name.startsWith('.sbss.')) return '.bss';
  if (flags !== undefined) {
    if (flags.includes('x')) return '.text';
    if (flags.includes('w')) return '.data';
    if (flags.includes('a')) return '.rodata';
  }
  return undefined;
}
