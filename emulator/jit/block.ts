/**
 * Guest basic blocks: which instructions one compiled block covers.
 *
 * A block starts at a word of a cached RAM page and runs straight on to (and including) the first
 * branch or jump and its delay slot, or stops earlier: before an instruction the compiler leaves
 * to the interpreter (SYSCALL, BREAK, reserved instructions, every coprocessor instruction, SWL/SWR),
 * before a branch whose delay slot holds a branch, a jump or such an instruction (the R3000's
 * branch-in-delay-slot rule, r3000.md §2, stays the interpreter's), at the end of the 4 KB page
 * (a block never depends on two translations), or after MAX_BLOCK instructions.
 */
import { decodeId } from '../cpu.js';

/** Longest block, in instructions. */
export const MAX_BLOCK = 64;

/** ISA ids (emulator/isa.ts order; the interpreter's case labels) the compiler handles. */
export const ID = {
  jr: 6, jalr: 7, syscall: 8, brk: 9,
  bltz: 28, bgez: 29, bltzal: 30, bgezal: 31, j: 32, jal: 33, beq: 34, bne: 35, blez: 36, bgtz: 37,
  swl: 55, swr: 57,
  firstCop: 58, lastCop: 98, ri: 126,
} as const;

/** Branches and jumps (they have a delay slot). */
export function isBranch(id: number): boolean {
  return id === ID.jr || id === ID.jalr || (id >= ID.bltz && id <= ID.bgtz);
}

/** Instructions a block never contains: the interpreter executes them. */
export function isExcluded(id: number): boolean {
  return id === ID.syscall || id === ID.brk || id === ID.swl || id === ID.swr || (id >= ID.firstCop && id <= ID.lastCop) || id === ID.ri || id > 57;
}

export interface BlockShape {
  /** Virtual address of the first instruction. */
  readonly va: number;
  /** Physical word index of the first instruction. */
  readonly wa: number;
  /** The instruction words, and their ISA ids. */
  readonly words: readonly number[];
  readonly ids: readonly number[];
  /** The block ends with a branch (at n-2) and its delay slot (at n-1). */
  readonly branch: boolean;
}

/** The block at physical word `wa` (virtual `va`), or null if its first instruction is not compilable. */
export function findBlock(ram32: Int32Array, va: number, wa: number): BlockShape | null {
  const words: number[] = [];
  const ids: number[] = [];
  const pageEnd = (wa | 1023) + 1;
  let branch = false;
  for (let a = wa; a < pageEnd && words.length < MAX_BLOCK; a++) {
    const w = ram32[a]!;
    const id = decodeId(w);
    if (isExcluded(id)) break;
    if (isBranch(id)) {
      if (a + 1 >= pageEnd) break;
      const sw = ram32[a + 1]!;
      const sid = decodeId(sw);
      if (isExcluded(sid) || isBranch(sid)) break;
      words.push(w, sw);
      ids.push(id, sid);
      branch = true;
      break;
    }
    words.push(w);
    ids.push(id);
  }
  if (words.length === 0) return null;
  return { va: va | 0, wa, words, ids, branch };
}
