/**
 * Lockstep comparison of the two engines: the complete machine state that can influence the
 * future or that a user can observe, as one comparable record.
 */
import { createHash } from 'node:crypto';
import type { Machine } from '../../emulator/machine.js';

export interface FullState {
  pc: number;
  npc: number;
  bd: number;
  ldReg: number;
  ldVal: number;
  gpr: number[];
  hilo: number[];
  /** HI/LO ready time as an absolute cycle (-1: already ready; only the future matters). */
  hiloReadyAbs: number;
  cop0: number[];
  tlb: number[];
  counts: number[];
  cycles: number;
  wb: { done: number[]; next: number; last: number; stalls: number[] };
  icache: string;
  dcache: string;
  ram: string;
  stop: unknown;
  yieldReq: number;
}

const digest = (a: ArrayBufferView): string => createHash('sha1').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

/**
 * Everything of the CPU and memory. Write-buffer and HI/LO times are slice relative in the CPU;
 * here they are absolute, and times already past are -1 (they no longer influence anything).
 */
export function fullState(m: Machine): FullState {
  const c = m.cpu;
  const base = c.count[0]!;
  return {
    pc: c.pc | 0,
    npc: c.npc | 0,
    bd: c.bd,
    ldReg: c.ldReg,
    // Also with no load pending: the last load's value stays (nothing reads it, but snapshots
    // and their hashes hold it).
    ldVal: c.ldVal | 0,
    gpr: Array.from(c.gpr.subarray(0, 32)),
    hilo: Array.from(c.hilo),
    hiloReadyAbs: c.hiloReady + base <= c.totalCycles ? -1 : c.hiloReady + base,
    cop0: Array.from(c.cop0),
    tlb: [...Array.from(c.mmu.tlbHi), ...Array.from(c.mmu.tlbLo)],
    counts: Array.from(c.count),
    cycles: c.totalCycles,
    wb: {
      done: Array.from(c.wb.done, (t) => (t + base <= c.totalCycles ? -1 : t + base)),
      next: c.wb.next,
      last: c.wb.last + base <= c.totalCycles ? -1 : c.wb.last + base,
      stalls: Array.from(c.wb.stalls),
    },
    icache: digest(c.icache.tags),
    dcache: digest(c.dcache.tags),
    ram: digest(m.bus.ram32),
    stop: c.stop,
    yieldReq: c.yieldReq,
  };
}
