/**
 * Pipeline hazards, as GNU as handles them for -march=r3000 at -O0 under `.set reorder`.
 *
 * GNU as at -O0 does not look at the following instruction: before each instruction it inserts
 * the worst-case number of nops any successor could need (tc-mips.c, append_insn: with
 * mips_optimize == 0 it asks nops_for_insn(history, NULL)). Measured with binutils 2.40
 * (`mipsel-linux-gnu-as -march=r3000 -O0`, objdump -z):
 * - loads (lb..lwr, lwcz), mfcz and cfcz, and mtc1: 1 nop (load delay / coprocessor move delay);
 * - mtc0/mtc2/mtc3 and ctcz: 2 nops (coprocessor register written late);
 * - mfhi/mflo: 2 nops (a following mult/div/mthi/mtlo would corrupt the value being read);
 * - everything else: none. A user's `nop` counts as an ordinary instruction (it does not absorb a
 *   pending nop: `lw; nop; addu` becomes lw, nop, nop, addu).
 * Branch and jump delay slots get one nop after the branch.
 */
import type { IsaEntry, RegRole } from '../emulator/isa.js';

export interface Hist {
  /** Nops a successor may need after this instruction (worst case). */
  worst: number;
  entry: IsaEntry | null;
  word: number;
}

export function worstNopsAfter(e: IsaEntry): number {
  switch (e.op) {
    case 'mfhi':
    case 'mflo':
      return 2;
    case 'mtc':
      return e.cop === 1 ? 1 : 2;
    case 'ctc':
      return 2;
    case 'mfc':
    case 'cfc':
      return 1;
    default:
      return e.class === 'load' ? 1 : 0;
  }
}

/** history[0] is the most recent instruction. */
export function nopsNeeded(history: readonly Hist[]): number {
  let n = 0;
  for (let i = 0; i < history.length; i++) n = Math.max(n, history[i]!.worst - i);
  return n;
}

const fieldOf = (role: RegRole, word: number): number => {
  switch (role) {
    case 'rs': return (word >>> 21) & 31;
    case 'rt': return (word >>> 16) & 31;
    case 'rd': return (word >>> 11) & 31;
    case 'ra': return 31;
    default: return -1;
  }
};

/** GPRs an instruction reads (for the noreorder hazard warnings). */
export function gprReads(e: IsaEntry, word: number): number[] {
  const out: number[] = [];
  for (const r of e.reads) {
    const n = fieldOf(r, word);
    if (n > 0) out.push(n);
  }
  return out;
}

/** The GPR a load-delayed instruction writes, or -1. */
export function delayedWrite(e: IsaEntry, word: number): number {
  if (!e.loadDelay) return -1;
  for (const r of e.writes) {
    const n = fieldOf(r, word);
    if (n > 0) return n;
  }
  return -1;
}

/**
 * The hazard a `.set noreorder` sequence leaves in when `e` follows `history`, as a warning text,
 * or undefined. Checks the R3000 facts that matter: a load-delayed GPR read by the next
 * instruction, and HI/LO written within two instructions of MFHI/MFLO.
 */
export function hazardWarning(history: readonly Hist[], e: IsaEntry, word: number, gprName: (n: number) => string): string | undefined {
  const prev = history[0];
  if (prev?.entry) {
    const w = delayedWrite(prev.entry, prev.word);
    if (w > 0 && gprReads(e, word).includes(w)) {
      return `load delay: ${gprName(w)} used by the next instruction`;
    }
  }
  if (e.writes.includes('hi') || e.writes.includes('lo')) {
    for (let i = 0; i < Math.min(2, history.length); i++) {
      const h = history[i]!.entry;
      if (h && (h.op === 'mfhi' || h.op === 'mflo')) {
        return `HI/LO hazard: ${e.mnemonic} within two instructions of ${h.mnemonic}`;
      }
    }
  }
  return undefined;
}
