/**
 * Test scaffolding for the emulator: an encoder built from the ISA table (so these tests do not
 * depend on the assembler), and a small machine wrapper that runs exact instruction counts.
 */
import { ISA_BY_MNEMONIC, encode, type EncodeFields } from '../../emulator/isa.js';
import { Machine } from '../../emulator/machine.js';
import { BufferIo } from '../../emulator/io.js';
import { runSlice } from '../../emulator/interpreter.js';
import type { TimingConfig } from '../../emulator/cpu.js';

export type Fields = EncodeFields;

/** Encodes a machine instruction from its table entry's `match` plus fields. */
export function enc(mnemonic: string, f: Fields = {}): number {
  const e = ISA_BY_MNEMONIC.get(mnemonic);
  if (!e) throw new Error(`no ISA entry ${mnemonic}`);
  return encode(e, f);
}

export const NOP = 0;
/** k1 = 0xb0000000; sw zero, 0x10(k1): halt with code 0 (uses k1 = r27). */
export const HALT = [enc('lui', { rt: 27, imm: 0xb000 }), enc('sw', { rt: 0, rs: 27, imm: 0x10 })];

export const CODE_VA = 0x80001000;
export const DATA_VA = 0x80010000;

export class TestMachine {
  readonly io: BufferIo;
  readonly m: Machine;

  constructor(opts: { timing?: TimingConfig; ramBytes?: number; input?: string } = {}) {
    this.io = new BufferIo(Buffer.from(opts.input ?? '', 'latin1'));
    this.m = new Machine({ io: this.io, ramBytes: opts.ramBytes ?? 1024 * 1024, timing: opts.timing });
  }

  get cpu() {
    return this.m.cpu;
  }

  /** Loads words at a kseg0/kseg1 virtual address (physical = VA & 0x1fffffff). */
  poke(va: number, words: readonly number[]): this {
    const bytes = new Uint8Array(words.length * 4);
    const dv = new DataView(bytes.buffer);
    words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
    if (!this.m.bus.load((va >>> 0) & 0x1fffffff, bytes)) throw new Error('poke outside memory');
    return this;
  }

  /** Maps one 4 KB kuseg page through TLB entry `index` (valid, dirty, global). */
  mapUser(va: number, pa: number, index = 8): this {
    this.cpu.mmu.tlbHi[index] = (va & 0xfffff000) >>> 0;
    this.cpu.mmu.tlbLo[index] = ((pa & 0xfffff000) | 0x700) >>> 0;
    this.cpu.mmu.invalidate();
    return this;
  }

  peekWord(va: number): number {
    if (!this.m.bus.read((va >>> 0) & 0x1fffffff, 4, true)) throw new Error('peek outside memory');
    return this.m.bus.value >>> 0;
  }

  /** Loads code and starts at it in kernel mode with the reset Status (BEV=1). */
  boot(words: readonly number[], at = CODE_VA): this {
    this.poke(at, words);
    this.cpu.setPc(at);
    return this;
  }

  /**
   * Executes exactly `n` instructions (or exceptions). Each step starts at an instruction
   * boundary; a deliverable interrupt taken there counts as the step (as Machine.run does it:
   * the boundary's interrupt check, then the instruction).
   */
  step(n = 1): this {
    for (let i = 0; i < n; i++) {
      if (this.cpu.serviceInterrupt()) continue;
      runSlice(this.cpu, this.cpu.cyc + 1);
    }
    return this;
  }

  run(maxCycles = 1_000_000) {
    return this.m.run(maxCycles);
  }

  /** Architectural register value as an unsigned number (ignores a still-pending load). */
  reg(i: number): number {
    return this.cpu.gpr[i]! >>> 0;
  }

  setReg(i: number, v: number): this {
    this.cpu.gpr[i] = v;
    return this;
  }

  get cycles(): number {
    return this.cpu.totalCycles;
  }
}
