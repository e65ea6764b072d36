/**
 * Side-effect-free views of the machine for the debug engine: the memory access the instruction at
 * pc is about to make (for watchpoints, which stop BEFORE the access), translation under any ASID,
 * and physical reads. Nothing here changes CPU, cache, TLB, device or counter state; the MMU's
 * debug path (translate.ts INTENT_DEBUG) writes only its scratch result fields.
 */
import { decodeHw } from '../decode.js';
import { BOOTROM_BASE, BOOTROM_SIZE } from '../devices/bootrom.js';
import { ISA, field, type SemOp } from '../isa.js';
import type { Machine } from '../machine.js';
import { EH_ASID, EH_VPN, EL_D, EL_G, EL_N, EL_PFN, EL_V, INTENT_DEBUG, INTENT_FETCH, INTENT_READ, INTENT_WRITE } from '../translate.js';
import type { Translation } from './types.js';

const LOADS: ReadonlySet<SemOp> = new Set(['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr']);
const STORES: ReadonlySet<SemOp> = new Set(['sb', 'sh', 'sw', 'swl', 'swr']);
const CALLS: ReadonlySet<SemOp> = new Set(['jal', 'jalr', 'bltzal', 'bgezal']);

/** The instruction word at a virtual address as the CPU would fetch it now, or null if the fetch would fault. */
export function peekInstruction(m: Machine, pc: number): number | null {
  const cpu = m.cpu;
  if ((pc & 3) !== 0) return null;
  if (cpu.mmu.translate(pc >>> 0, INTENT_FETCH | INTENT_DEBUG) !== 0) return null;
  if (!m.bus.read(cpu.mmu.pa, 4, true)) return null;
  return m.bus.value >>> 0;
}

export interface PendingAccess {
  readonly access: 'read' | 'write';
  /** First byte accessed and the number of bytes (LWL/LWR/SWL/SWR: the bytes of the word they touch). */
  readonly vaddr: number;
  readonly paddr: number;
  readonly size: number;
}

/**
 * The data access the instruction at pc will make if it executes now, or null (not a load or
 * store, or it would raise an exception before accessing: alignment, TLB, Mod, mode). The base
 * register is read as the instruction sees it: a load still in its delay slot is not visible yet.
 */
export function pendingAccess(m: Machine): PendingAccess | null {
  const cpu = m.cpu;
  const w = peekInstruction(m, cpu.pc);
  if (w === null) return null;
  const id = decodeHw(w);
  if (id < 0) return null;
  const e = ISA[id]!;
  const store = STORES.has(e.op);
  if (!store && !LOADS.has(e.op)) return null;
  const va = (cpu.gpr[field.rs(w)]! + field.simm(w)) >>> 0;
  let start = va;
  let size = e.width ?? 4;
  if (e.op === 'lwl' || e.op === 'swl') {
    // Little-endian LWL/SWL touch the bytes from the aligned word's start up to va (cpu.ts storeMerge).
    start = (va & ~3) >>> 0;
    size = (va & 3) + 1;
  } else if (e.op === 'lwr' || e.op === 'swr') {
    size = 4 - (va & 3);
  } else if ((va & (size - 1)) !== 0) {
    return null; // AdEL/AdES: no access
  }
  if (cpu.mmu.translate(start, (store ? INTENT_WRITE : INTENT_READ) | INTENT_DEBUG) !== 0) return null;
  return { access: store ? 'write' : 'read', vaddr: start, paddr: cpu.mmu.pa >>> 0, size };
}

/** True if the instruction at pc is a call that links (jal, jalr, bltzal, bgezal). */
export function isCallAt(m: Machine, pc: number): boolean {
  const w = peekInstruction(m, pc);
  if (w === null) return false;
  const id = decodeHw(w);
  return id >= 0 && CALLS.has(ISA[id]!.op);
}

/** EntryHi's current ASID. */
export function currentAsid(m: Machine): number {
  return (m.cpu.cop0[10]! & EH_ASID) >>> 6;
}

/**
 * Translates a virtual address under `asid` without side effects and regardless of the CPU's
 * mode (a debugger sees kernel addresses from user mode too). null: no valid mapping.
 */
export function translateDebug(m: Machine, va: number, asid: number): Translation | null {
  const v = va >>> 0;
  if (v >= 0x80000000 && v < 0xa0000000) return { paddr: v - 0x80000000, cached: true, writable: true, tlbIndex: -1 };
  if (v >= 0xa0000000 && v < 0xc0000000) return { paddr: v - 0xa0000000, cached: false, writable: true, tlbIndex: -1 };
  const mmu = m.cpu.mmu;
  if (v < 0x80000000 && mmu.hostMap !== null) {
    const ppn = mmu.hostMap.lookup(v >>> 12);
    if (ppn === 0) return null;
    return { paddr: (((ppn - 1) << 12) | (v & 0xfff)) >>> 0, cached: true, writable: true, tlbIndex: -1 };
  }
  const vpn = (v & EH_VPN) >>> 0;
  for (let i = 0; i < 64; i++) {
    const hi = mmu.tlbHi[i]!;
    const lo = mmu.tlbLo[i]!;
    if (((hi & EH_VPN) >>> 0) !== vpn) continue;
    if ((lo & EL_G) === 0 && (hi & EH_ASID) >>> 6 !== asid) continue;
    // The first match is the one the hardware uses (translate.ts probe).
    if ((lo & EL_V) === 0) return null;
    return { paddr: ((lo & EL_PFN) | (v & 0xfff)) >>> 0, cached: (lo & EL_N) === 0, writable: (lo & EL_D) !== 0, tlbIndex: i };
  }
  return null;
}

/** A byte of RAM or boot ROM at a physical address; null elsewhere (devices are never touched). */
export function physicalByte(m: Machine, pa: number): number | null {
  const a = pa >>> 0;
  if (a < m.bus.ramSize) return m.bus.ram8[a]!;
  if (a >= BOOTROM_BASE && a < BOOTROM_BASE + BOOTROM_SIZE) return m.rom.bytes[a - BOOTROM_BASE]!;
  return null;
}
