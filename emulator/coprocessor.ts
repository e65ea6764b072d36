/**
 * Coprocessor instructions (ISA ids 58-98): COP0 (RFE, the TLB instructions, MFC0/MTC0, BC0x) and
 * the absent coprocessors 1-3. They are rare, so the interpreter calls this function instead of
 * carrying their code in its hot loop (a smaller loop compiles faster and better).
 *
 * Protocol with interpreter.ts: on entry cpu.pc/npc/ldReg/cyc hold the loop's state (pc = address
 * after this instruction). Returns 0, or an exception code (with cpu.copCe for CpU, cpu.badVAddr
 * for address errors). Outputs: cpu.npc (a taken BCzx), cpu.copBd (1 after a branch),
 * cpu.copLdReg/copLdVal (MFCz/CFCz: the delayed load; 32 = none), cpu.ldReg (32 if cancelled).
 *
 * Usability (r3000.md §1.2, §1.6): COP0 is usable in kernel mode or with CU0; COP1-3 only with
 * their CU bit, in any mode; otherwise CpU with Cause.CE = z. No coprocessor 1-3 is attached:
 * with CUz set MFCz/CFCz read 0, MTCz/CTCz/COPz do nothing, LWCz/SWCz do the access checks and bus
 * access without moving data (SWCz writes 0), BCzT/BCzF see a false condition.
 */
import { C0_STATUS } from './cop0.js';
import type { Cpu } from './cpu.js';
import { EXC_CPU, EXC_RI } from './exceptions.js';

/** COP0 unusable: user mode (KUc=1) without CU0. */
const cop0Unusable = (cpu: Cpu): boolean => (cpu.cop0[C0_STATUS]! & 0x10000002) === 2;

export function execCoprocessor(cpu: Cpu, id: number, w: number): number {
  cpu.copBd = 0;
  cpu.copLdReg = 32;
  cpu.copLdVal = 0;
  if (id <= 71) {
    if (cop0Unusable(cpu)) {
      cpu.copCe = 0;
      return EXC_CPU;
    }
  } else {
    const z = (w >>> 26) & 3;
    if ((cpu.cop0[C0_STATUS]! & (0x10000000 << z)) === 0) {
      cpu.copCe = z;
      return EXC_CPU;
    }
  }
  switch (id) {
    case 58: // tlbr
      cpu.tlbr();
      return 0;
    case 59: // tlbwi
      cpu.tlbwi();
      return 0;
    case 60: // tlbwr
      cpu.tlbwr();
      return 0;
    case 61: // tlbp
      cpu.tlbp();
      return 0;
    case 62: // rfe
      cpu.rfe();
      return 0;
    case 63: // mfc0
    case 64: // cfc0 (CP0 has no control registers: reads 0)
      delayedLoad(cpu, (w >>> 16) & 31, id === 63 ? cpu.readCop0((w >>> 11) & 31) : 0);
      return 0;
    case 65: // mtc0
      cpu.writeCop0((w >>> 11) & 31, cpu.gpr[(w >>> 16) & 31]!);
      return 0;
    case 66: // ctc0 (no control registers: no effect)
      return 0;
    case 67: // bc0f
    case 68: // bc0t
      // CpCond0 is wired to "write buffer empty" on R3000 boards (r3000.md §2).
      if ((cpu.wb.emptyAt() <= cpu.cyc) === (id === 68)) cpu.npc = (cpu.pc + ((w << 16) >> 14)) | 0;
      cpu.copBd = 1;
      return 0;
    case 69: // c0 with an unassigned function (decodeHw never yields it: RI)
    case 70: // lwc0
    case 71: // swc0
      return EXC_RI;
    case 72: // mfc1
    case 73: // cfc1
    case 81: // mfc2
    case 82: // cfc2
    case 90: // mfc3
    case 91: // cfc3
      delayedLoad(cpu, (w >>> 16) & 31, 0);
      return 0;
    case 74: // mtc1
    case 75: // ctc1
    case 78: // c1
    case 83: // mtc2
    case 84: // ctc2
    case 87: // c2
    case 92: // mtc3
    case 93: // ctc3
    case 96: // c3
      return 0;
    case 76: // bc1f
    case 77: // bc1t
    case 85: // bc2f
    case 86: // bc2t
    case 94: // bc3f
    case 95: // bc3t
      // No coprocessor drives CpCond1-3: false, so BCzF is taken.
      if ((w & 0x10000) === 0) cpu.npc = (cpu.pc + ((w << 16) >> 14)) | 0;
      cpu.copBd = 1;
      return 0;
    case 79: // lwc1
    case 80: // swc1
    case 88: // lwc2
    case 89: // swc2
    case 97: // lwc3
    case 98: { // swc3
      const va = (cpu.gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
      return (w & 0x08000000) === 0 ? cpu.loadSlow(va, 4) : cpu.storeSlow(va, 4, 0);
    }
    default:
      throw new Error(`internal: execCoprocessor called with id ${id}`);
  }
}

function delayedLoad(cpu: Cpu, rt: number, v: number): void {
  if (rt === cpu.ldReg) cpu.ldReg = 32;
  cpu.copLdReg = rt;
  cpu.copLdVal = v;
}
