/**
 * Exception codes and exception entry/return of the R3000 (r3000.md §1.4-1.6; IDT R30xx manual
 * ch. 4; sys161 `exception()`, MAME `generate_exception`, vmips `enter_exception`).
 *
 * A guest exception is a state change, never a host throw: `enterException` updates CP0 and returns
 * the vector the CPU continues at. The CPU (interpreter.ts) is responsible for the pipeline side:
 * flushing the pending load and discarding the faulting instruction.
 */
import {
  C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_EPC, C0_STATUS,
  CAUSE_BD, CAUSE_CE_MASK, CAUSE_CE_SHIFT, CAUSE_EXC_MASK, SR_BEV,
} from './cop0.js';

export const EXC_INT = 0;
export const EXC_MOD = 1;
export const EXC_TLBL = 2;
export const EXC_TLBS = 3;
export const EXC_ADEL = 4;
export const EXC_ADES = 5;
export const EXC_IBE = 6;
export const EXC_DBE = 7;
export const EXC_SYS = 8;
export const EXC_BP = 9;
export const EXC_RI = 10;
export const EXC_CPU = 11;
export const EXC_OV = 12;

export const EXC_NAMES: readonly string[] = [
  'Int', 'Mod', 'TLBL', 'TLBS', 'AdEL', 'AdES', 'IBE', 'DBE', 'Sys', 'Bp', 'RI', 'CpU', 'Ov',
];

/**
 * Flag or'ed into an exception code by the translator: a TLB miss for a kuseg address, which uses
 * the UTLB refill vector (r3000.md §1.4).
 */
export const EXC_REFILL_FLAG = 0x100;

export const VEC_RESET = 0xbfc00000;
/** UTLB refill / general vectors with BEV=0 and BEV=1. */
export const VEC_UTLB = 0x80000000;
export const VEC_GENERAL = 0x80000080;
export const VEC_UTLB_BEV = 0xbfc00100;
export const VEC_GENERAL_BEV = 0xbfc00180;

/**
 * Takes an exception: EPC/Cause.BD, the KU/IE stack push, ExcCode and CE, BadVAddr (and Context /
 * EntryHi for TLB exceptions), and returns the vector.
 * @param code ExcCode, possibly with EXC_REFILL_FLAG.
 * @param pc address of the faulting instruction (for an interrupt: the next unexecuted one).
 * @param inDelaySlot the instruction at pc is in a branch delay slot: EPC = pc - 4, BD = 1.
 * @param badVAddr the faulting virtual address (used only for AdEL/AdES/TLBL/TLBS/Mod).
 * @param ce coprocessor number for CpU (0 otherwise).
 */
export function enterException(
  cop0: Uint32Array,
  code: number,
  pc: number,
  inDelaySlot: boolean,
  badVAddr: number,
  ce: number,
): number {
  const exc = code & 0x1f;
  let cause = cop0[C0_CAUSE]! & ~(CAUSE_BD | CAUSE_CE_MASK | CAUSE_EXC_MASK);
  cause |= exc << 2;
  cause |= (ce & 3) << CAUSE_CE_SHIFT;
  if (inDelaySlot) {
    cop0[C0_EPC] = (pc - 4) >>> 0;
    cause |= CAUSE_BD;
  } else {
    cop0[C0_EPC] = pc >>> 0;
  }
  cop0[C0_CAUSE] = cause >>> 0;
  // Push the KU/IE stack: current -> previous -> old; kernel mode, interrupts off.
  const sr = cop0[C0_STATUS]!;
  cop0[C0_STATUS] = ((sr & ~0x3f) | ((sr << 2) & 0x3c)) >>> 0;
  if (exc === EXC_ADEL || exc === EXC_ADES || exc === EXC_TLBL || exc === EXC_TLBS || exc === EXC_MOD) {
    cop0[C0_BADVADDR] = badVAddr >>> 0;
    if (exc !== EXC_ADEL && exc !== EXC_ADES) {
      // TLB exceptions: Context.BadVPN = VA[30:12], EntryHi.VPN = VA[31:12], ASID kept.
      cop0[C0_CONTEXT] = ((cop0[C0_CONTEXT]! & 0xffe00000) | ((badVAddr >>> 10) & 0x001ffffc)) >>> 0;
      cop0[C0_ENTRYHI] = ((cop0[C0_ENTRYHI]! & 0x00000fc0) | (badVAddr & 0xfffff000)) >>> 0;
    }
  }
  const bev = (sr & SR_BEV) !== 0;
  const refill = (code & EXC_REFILL_FLAG) !== 0;
  if (bev) return refill ? VEC_UTLB_BEV : VEC_GENERAL_BEV;
  return refill ? VEC_UTLB : VEC_GENERAL;
}

/** RFE: pop the KU/IE stack; KUo/IEo are left unchanged (sys161, vmips, DuckStation; r3000.md §1.5). */
export function returnFromException(cop0: Uint32Array): void {
  const sr = cop0[C0_STATUS]!;
  cop0[C0_STATUS] = ((sr & ~0x0f) | ((sr >>> 2) & 0x0f)) >>> 0;
}
