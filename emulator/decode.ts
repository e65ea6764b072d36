/**
 * Decoding words against the instruction table (isa.ts).
 *
 * Two views of one word:
 * - `decodeCanonical(word)`: the entry whose canonical encoding the word has, with every fixed
 *   field as the table states it; what the disassembler prints (else `.word`).
 * - `decodeHw(word)`: what an R3000 executes. The processor decodes only the opcode and the
 *   fields that select an operation (funct, REGIMM rt, COPz rs/funct); the others are ignored, so
 *   `addu` with a non-zero sa still executes as addu. Returns -1 for a reserved instruction (RI).
 */
import { ISA, type IsaEntry } from './isa.js';

/** Candidate entries by primary opcode, most specific (largest mask) first. */
const byOpcode: IsaEntry[][] = Array.from({ length: 64 }, () => []);
for (const e of ISA) byOpcode[e.match >>> 26]!.push(e);
const popcount = (x: number): number => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};
for (const list of byOpcode) list.sort((a, b) => popcount(b.mask) - popcount(a.mask));

export function decodeCanonical(word: number): IsaEntry | undefined {
  const w = word >>> 0;
  for (const e of byOpcode[w >>> 26]!) if (((w & e.mask) >>> 0) === e.match) return e;
  return undefined;
}

// ---- hardware decode tables ----
const primary = new Int16Array(64).fill(-1);
const specialFn = new Int16Array(64).fill(-1);
const regimmRt = new Int16Array(32).fill(-1);
/** [z][rs] for COPz moves/branches (rs < 16); copFn[z] for the CO forms. */
const copRs: Int16Array[] = Array.from({ length: 4 }, () => new Int16Array(16).fill(-1));
const bcTf: Int16Array[] = Array.from({ length: 4 }, () => new Int16Array(2).fill(-1));
const copGeneric = new Int16Array(4).fill(-1);
const cop0Fn = new Int16Array(64).fill(-1);

for (const e of ISA) {
  const opc = e.match >>> 26;
  if (opc === 0) specialFn[e.match & 63] = e.id;
  else if (opc === 1) regimmRt[(e.match >>> 16) & 31] = e.id;
  else if (opc >= 0x10 && opc <= 0x13) {
    const z = opc - 0x10;
    const rs = (e.match >>> 21) & 31;
    if (rs & 0x10) {
      if (e.mask === 0xffffffff) cop0Fn[e.match & 63] = e.id;
      else copGeneric[z] = e.id;
    } else if (rs === 8) bcTf[z]![(e.match >>> 16) & 1] = e.id;
    else copRs[z]![rs] = e.id;
  } else primary[opc] = e.id;
}

/**
 * The entry id an R3000 executes for `word`, or -1 for RI.
 * - REGIMM: MIPS I parts do not decode rt bit 17, so the MIPS II "likely" encodings run as the
 *   plain branches (MAME mips1.cpp, "Hardware testing has established that MIPS-1 processors do
 *   not decode bit 17 of REGIMM format instructions"); other rt values are reserved.
 * - COP0 with the CO bit: TLBR/TLBWI/TLBWR/TLBP/RFE by funct; any other function is reserved.
 *   COP1-3 with the CO bit: a coprocessor operation (`c1`..`c3`).
 * - BCzF/BCzT: rt bit 16 selects true/false; other rt values are reserved.
 */
export function decodeHw(word: number): number {
  const w = word >>> 0;
  const opc = w >>> 26;
  switch (opc) {
    case 0:
      return specialFn[w & 63]!;
    case 1: {
      const rt = (w >>> 16) & 0x1d;
      return rt === 0 || rt === 1 || rt === 0x10 || rt === 0x11 ? regimmRt[rt]! : -1;
    }
    case 0x10:
    case 0x11:
    case 0x12:
    case 0x13: {
      const z = opc - 0x10;
      const rs = (w >>> 21) & 31;
      if (rs & 0x10) return z === 0 ? cop0Fn[w & 63]! : copGeneric[z]!;
      if (rs === 8) {
        const rt = (w >>> 16) & 31;
        return rt <= 1 ? bcTf[z]![rt]! : -1;
      }
      return copRs[z]![rs]!;
    }
    default:
      return primary[opc]!;
  }
}
