/**
 * The places where our disassembly deliberately differs from GNU objdump's (binutils 2.40,
 * `-m mips:3000`), each with its reason. The oracle tests accept a difference only if one of these
 * explains it, and count how often each one fired.
 */
import { field } from '../../emulator/isa.js';

export interface KnownDifference {
  readonly name: string;
  readonly reason: string;
  /** Does this rule explain objdump printing `theirs` where we print `ours` for `word`? */
  readonly explains: (word: number, ours: string, theirs: string, noAliases: boolean) => boolean;
}

const mn = (text: string): string => text.split('\t')[0]!;

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    name: 'jalx',
    reason: 'opcode 0x1d is JALX of the MIPS16 ASE, which objdump decodes for every MIPS; an R3000 raises RI',
    explains: (w, ours, theirs) => field.op(w) === 0x1d && mn(theirs) === 'jalx' && mn(ours) === '.word',
  },
  {
    name: 'fpu',
    reason: 'COP1 operations (add.s, c.eq.d, cvt.w.s ...) belong to the R3010 FPU, which the table does not model; we print the generic `c1 0x...`, which GNU as assembles to the same word',
    explains: (w, ours, theirs) => field.op(w) === 0x11 && (w & 0x02000000) !== 0 && mn(ours) === 'c1' && mn(theirs).includes('.'),
  },
  {
    name: 'move-addu',
    reason: 'objdump prints `move` for `addu rd,rs,zero`, but GNU `move` assembles `or`: we print the addu',
    explains: (w, ours, theirs) => mn(theirs) === 'move' && mn(ours) === 'addu' && field.funct(w) === 0x21,
  },
  {
    name: 'b-bgez',
    reason: 'objdump prints `b` for `bgez zero,T`, but GNU `b` assembles `beq zero,zero,T`: we print the bgez',
    explains: (_w, ours, theirs) => mn(theirs) === 'b' && mn(ours) === 'bgez',
  },
  {
    name: 'li-ori',
    reason: 'objdump prints `li rt,0x...` for `ori rt,zero,imm`, but GNU `li` of a value below 0x8000 assembles `addiu`: we print the ori',
    explains: (w, ours, theirs) => mn(theirs) === 'li' && mn(ours) === 'ori' && field.imm(w) < 0x8000,
  },
  {
    name: 'target-outside-sections',
    reason: 'objdump names a branch/jump target outside every section after the nearest symbol of any section (`8f000000 <far+0xefefdfc>`); we print the bare address `0x8f000000`',
    explains: (_w, ours, theirs) => {
      const a = /^(\S+\t(?:.*,)?)0x([0-9a-f]+)$/.exec(ours);
      const b = /^(\S+\t(?:.*,)?)([0-9a-f]+) <[^>]+>$/.exec(theirs);
      return !!a && !!b && a[1] === b[1] && a[2] === b[2];
    },
  },
  {
    name: 'raw-negu',
    reason: 'objdump prints the GNU macros `negu`/`neg` for `subu/sub rd,zero,rt` even with -M no-aliases; `aliases: false` prints the real instruction',
    explains: (_w, ours, theirs, noAliases) =>
      noAliases && ((mn(theirs) === 'negu' && mn(ours) === 'subu') || (mn(theirs) === 'neg' && mn(ours) === 'sub')),
  },
];

export function explainDifference(word: number, ours: string, theirs: string, noAliases: boolean): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((d) => d.explains(word >>> 0, ours, theirs, noAliases));
}

/** A small deterministic PRNG (xorshift32) so that failures reproduce. */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}
