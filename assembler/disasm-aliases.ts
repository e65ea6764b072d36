/**
 * The pseudo-instruction spellings the disassembler prints in place of a real instruction.
 *
 * GNU objdump (binutils 2.40, `-m mips:3000`) prints these aliases by default; each one kept here
 * was checked to reassemble to the same word with `mipsel-linux-gnu-as -march=r3000`
 * (test/disasm/gnu-roundtrip.test.ts). Aliases objdump prints that would NOT reassemble to the same
 * word are deliberately left out, so that the real instruction is printed instead:
 * - `addu rd,rs,zero` (objdump: `move rd,rs`): GNU `move` assembles `or rd,rs,zero`.
 * - `bgez zero,T` (objdump: `b T`): GNU `b` assembles `beq zero,zero,T`.
 * - `ori rt,zero,imm` with imm < 0x8000 (objdump: `li rt,0x...`): GNU `li` assembles `addiu` for
 *   any value that fits a signed 16-bit immediate.
 * `negu`/`neg` (subu/sub with rs = zero) are printed by objdump even with `-M no-aliases`; they
 * are GNU as macros, so `aliases: false` prints `subu`/`sub`.
 */
import { field } from '../emulator/isa.js';
import type { PrintedOperand } from './disasm.js';

export interface AliasRule {
  /** The real instruction's mnemonic this rule rewrites. */
  readonly of: string;
  readonly when: (word: number) => boolean;
  readonly mnemonic: string;
  /** Operands printed, drawn from the real instruction's fields. */
  readonly operands: readonly PrintedOperand[];
}

export const ALIASES: readonly AliasRule[] = [
  { of: 'sll', when: (w) => w === 0, mnemonic: 'nop', operands: [] },
  // SSNOP and EHB are MIPS32 hazard no-ops; objdump names them for any MIPS and GNU as accepts them.
  { of: 'sll', when: (w) => w === 0x40, mnemonic: 'ssnop', operands: [] },
  { of: 'sll', when: (w) => w === 0xc0, mnemonic: 'ehb', operands: [] },
  { of: 'or', when: (w) => field.rt(w) === 0, mnemonic: 'move', operands: ['rd', 'rs'] },
  { of: 'addiu', when: (w) => field.rs(w) === 0, mnemonic: 'li', operands: ['rt', 'simm'] },
  { of: 'ori', when: (w) => field.rs(w) === 0 && field.imm(w) >= 0x8000, mnemonic: 'li', operands: ['rt', 'uimm'] },
  { of: 'beq', when: (w) => field.rs(w) === 0 && field.rt(w) === 0, mnemonic: 'b', operands: ['branch'] },
  { of: 'beq', when: (w) => field.rt(w) === 0, mnemonic: 'beqz', operands: ['rs', 'branch'] },
  { of: 'bne', when: (w) => field.rt(w) === 0, mnemonic: 'bnez', operands: ['rs', 'branch'] },
  { of: 'bgezal', when: (w) => field.rs(w) === 0, mnemonic: 'bal', operands: ['branch'] },
  { of: 'subu', when: (w) => field.rs(w) === 0, mnemonic: 'negu', operands: ['rd', 'rt'] },
  { of: 'sub', when: (w) => field.rs(w) === 0, mnemonic: 'neg', operands: ['rd', 'rt'] },
];

const byMnemonic = new Map<string, AliasRule[]>();
for (const r of ALIASES) {
  const list = byMnemonic.get(r.of) ?? [];
  list.push(r);
  byMnemonic.set(r.of, list);
}

/** The alias objdump-style output uses for `word` (an instance of `mnemonic`), if any. */
export function aliasFor(mnemonic: string, word: number): AliasRule | undefined {
  const list = byMnemonic.get(mnemonic);
  if (!list) return undefined;
  for (const r of list) if (r.when(word >>> 0)) return r;
  return undefined;
}
