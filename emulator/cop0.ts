/**
 * System control coprocessor (CP0) register numbers, bit fields and write masks of the R3000.
 * Source: ../shared/reference/r3000.md §1.2 (vmips cpzeroreg.h masks, gxemul mips_cpuregs.h, sys161).
 * Registers are stored literally in `Cpu.cop0` (a Uint32Array indexed by these numbers).
 */

export const C0_INDEX = 0;
export const C0_RANDOM = 1;
export const C0_ENTRYLO = 2;
export const C0_CONTEXT = 4;
export const C0_BADVADDR = 8;
export const C0_ENTRYHI = 10;
export const C0_STATUS = 12;
export const C0_CAUSE = 13;
export const C0_EPC = 14;
export const C0_PRID = 15;

/** R3000 processor id: implementation 2, revision 0x20 (MAME, gxemul). */
export const PRID_R3000 = 0x0220;

// Status bits.
export const SR_IEC = 0x00000001;
export const SR_KUC = 0x00000002;
export const SR_KUIE_MASK = 0x0000003f;
export const SR_ISC = 0x00010000;
export const SR_SWC = 0x00020000;
export const SR_TS = 0x00200000;
export const SR_BEV = 0x00400000;
export const SR_CU0 = 0x10000000;

// Cause bits.
export const CAUSE_BD = 0x80000000;
export const CAUSE_CE_SHIFT = 28;
export const CAUSE_CE_MASK = 0x30000000;
export const CAUSE_EXC_MASK = 0x0000007c;
export const CAUSE_IP_SW = 0x00000300;
/** Cause.IP7:2, the hardware interrupt pins (read-only to MTC0). */
export const CAUSE_IP_HW = 0x0000fc00;

/**
 * Bits MTC0 can change, per register (vmips `cpzeroreg.h`; r3000.md §1.2). Registers with mask 0
 * are read-only (Random, BadVAddr, EPC, PRId) or unimplemented on the R3000.
 * Index: only the 6-bit index field is written (P is set by TLBP). Cause: only IP1:0.
 */
export const C0_WRITE_MASK: readonly number[] = (() => {
  const m = new Array<number>(32).fill(0);
  m[C0_INDEX] = 0x00003f00;
  m[C0_ENTRYLO] = 0xffffff00;
  m[C0_CONTEXT] = 0xffe00000;
  m[C0_ENTRYHI] = 0xffffffc0;
  m[C0_STATUS] = 0xf27fff3f;
  m[C0_CAUSE] = CAUSE_IP_SW;
  return m;
})();

/** Registers that exist on an R3000 (MFC0 of any other number reads 0 here). */
export const C0_IMPLEMENTED: ReadonlySet<number> = new Set([
  C0_INDEX, C0_RANDOM, C0_ENTRYLO, C0_CONTEXT, C0_BADVADDR, C0_ENTRYHI, C0_STATUS, C0_CAUSE, C0_EPC, C0_PRID,
]);
