/**
 * Targeted cases for the block compiler, each run on both engines and compared in full at many
 * budgets (fullState, lockstep.ts): translation changes under compiled code (a TLB remap of the
 * code page, the same physical code through two virtual aliases, an ASID switch), and a slice
 * limit that falls on every cycle of a block with stalls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferIo } from '../../emulator/io.js';
import { jitOptions, jitStats } from '../../emulator/jit/engine.js';
import { Machine } from '../../emulator/machine.js';
import { enc } from '../emulator/harness.js';
import { fullState } from './lockstep.js';

const saved = { ...jitOptions };
beforeAll(() => {
  jitOptions.hotThreshold = 1;
});
afterAll(() => Object.assign(jitOptions, saved));

function li(r: number, v: number): number[] {
  return [enc('lui', { rt: r, imm: v >>> 16 }), enc('ori', { rs: r, rt: r, imm: v & 0xffff })];
}

type Setup = (m: Machine) => void;

function put(m: Machine, pa: number, words: readonly number[]): void {
  const bytes = new Uint8Array(words.length * 4);
  const dv = new DataView(bytes.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  if (!m.bus.load(pa, bytes)) throw new Error('outside RAM');
}

/** Runs `setup` on an interpreter machine and a jit machine and compares them every `step` cycles. */
function lockstep(setup: Setup, total: number, step: (i: number) => number): Machine {
  const a = new Machine({ io: new BufferIo(), ramBytes: 256 * 1024, engine: 'interp' });
  const b = new Machine({ io: new BufferIo(), ramBytes: 256 * 1024, engine: 'jit' });
  setup(a);
  setup(b);
  let budget = 0;
  for (let i = 0; budget < total; i++) {
    budget += step(i);
    const ra = a.run(budget);
    const rb = b.run(budget);
    expect(rb).toEqual(ra);
    const sa = fullState(a);
    const sb = fullState(b);
    for (const k of Object.keys(sa) as (keyof typeof sa)[]) expect(sb[k], `${k} at budget ${budget}`).toEqual(sa[k]);
    if (ra.reason !== 'budget') break;
  }
  return b;
}

const HALT = [...li(27, 0xb0000000), enc('sw', { rt: 0, rs: 27, imm: 0x10 })];

describe('block compiler: translation changes and slice limits', () => {
  it('the code page is remapped by TLBWI between two passes (blocks keyed by physical word)', () => {
    // Kernel code at 0x80001000 calls user-space VA 0x00400000 twice (kernel mode may use kuseg),
    // remapping that VA from physical page 0x3000 (adds 1 to $8) to 0x4000 (adds 100) in between.
    const loop = (inc: number): number[] => [
      ...li(9, 200),
      enc('addiu', { rs: 8, rt: 8, imm: inc }), // 0x08
      enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
      enc('bgtz', { rs: 9, imm: 0xfffd }),
      0,
      enc('jr', { rs: 31 }),
      0,
    ];
    const mapping = (pfn: number): number[] => [
      ...li(10, 0x00400000), enc('mtc0', { rt: 10, rd: 10 }),
      ...li(10, pfn | 0x700), enc('mtc0', { rt: 10, rd: 2 }),
      enc('mtc0', { rt: 0, rd: 0 }), 0, enc('tlbwi'),
    ];
    const main = [
      ...mapping(0x3000), ...li(11, 0x00400000), enc('jalr', { rd: 31, rs: 11 }), 0,
      ...mapping(0x4000), enc('jalr', { rd: 31, rs: 11 }), 0,
      ...HALT,
    ];
    const b = lockstep((m) => {
      put(m, 0x1000, main);
      put(m, 0x3000, loop(1));
      put(m, 0x4000, loop(100));
      m.cpu.setPc(0x80001000);
    }, 100_000, (i) => 37 + (i % 50));
    expect(b.cpu.gpr[8]).toBe(200 + 200 * 100);
    expect(jitStats(b.cpu)!.entries).toBeGreaterThan(10);
  });

  it('one physical routine through two virtual aliases (kseg0 and kseg1 are not both cached, so kseg0 and a TLB alias)', () => {
    // The routine computes a PC-relative value (bltzal's link) that differs per alias.
    const routine = [
      ...li(9, 50),
      enc('bgezal', { rs: 0, imm: 1 }), // links $31 = this address + 8 (alias dependent)
      0,
      enc('addu', { rd: 8, rs: 8, rt: 31 }),
      enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
      enc('bgtz', { rs: 9, imm: 0xfffb }),
      0,
      enc('jr', { rs: 12 }),
      0,
    ];
    const main = [
      ...li(10, 0x00500000), enc('mtc0', { rt: 10, rd: 10 }),
      ...li(10, 0x3000 | 0x700), enc('mtc0', { rt: 10, rd: 2 }),
      enc('mtc0', { rt: 0, rd: 0 }), 0, enc('tlbwi'),
      ...li(11, 0x80003000), enc('jalr', { rd: 12, rs: 11 }), 0,
      ...li(11, 0x00500000), enc('jalr', { rd: 12, rs: 11 }), 0,
      ...li(11, 0x80003000), enc('jalr', { rd: 12, rs: 11 }), 0,
      ...HALT,
    ];
    lockstep((m) => {
      put(m, 0x1000, main);
      put(m, 0x3000, routine);
      m.cpu.setPc(0x80001000);
    }, 100_000, (i) => 13 + ((i * 7) % 90));
  });

  it('an ASID switch changes which mapping of a non-global code page applies', () => {
    // Two non-global entries for VA 0x00600000: ASID 1 -> page 0x3000, ASID 2 -> page 0x4000.
    const loop = (inc: number): number[] => [
      ...li(9, 30), enc('addiu', { rs: 8, rt: 8, imm: inc }), enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
      enc('bgtz', { rs: 9, imm: 0xfffd }), 0, enc('jr', { rs: 31 }), 0,
    ];
    const asid = (n: number): number[] => [...li(10, 0x00600000 | (n << 6)), enc('mtc0', { rt: 10, rd: 10 })];
    const main = [
      ...li(11, 0x00600000),
      ...asid(1), enc('jalr', { rd: 31, rs: 11 }), 0,
      ...asid(2), enc('jalr', { rd: 31, rs: 11 }), 0,
      ...asid(1), enc('jalr', { rd: 31, rs: 11 }), 0,
      ...HALT,
    ];
    const b = lockstep((m) => {
      put(m, 0x1000, main);
      put(m, 0x3000, loop(1));
      put(m, 0x4000, loop(1000));
      m.cpu.mmu.tlbHi[1] = 0x00600000 | (1 << 6);
      m.cpu.mmu.tlbLo[1] = 0x3000 | 0x600; // V, D, not global
      m.cpu.mmu.tlbHi[2] = 0x00600000 | (2 << 6);
      m.cpu.mmu.tlbLo[2] = 0x4000 | 0x600;
      m.cpu.mmu.invalidate();
      m.cpu.setPc(0x80001000);
    }, 100_000, (i) => 29 + (i % 31));
    expect(b.cpu.gpr[8]).toBe(30 + 30 * 1000 + 30);
  });

  it('a slice limit on every cycle of a block with D-cache misses, uncached loads and write-buffer stalls', () => {
    const body = [
      ...li(16, 0x80010000), ...li(17, 0xa0010000), ...li(9, 40),
      enc('sw', { rt: 9, rs: 16, imm: 0 }), enc('sw', { rt: 9, rs: 16, imm: 4 }), enc('sw', { rt: 9, rs: 16, imm: 8 }),
      enc('sw', { rt: 9, rs: 16, imm: 12 }), enc('sw', { rt: 9, rs: 16, imm: 16 }),
      enc('lw', { rt: 10, rs: 17, imm: 4 }), enc('lw', { rt: 11, rs: 16, imm: 0x400 }), enc('addu', { rd: 12, rs: 10, rt: 11 }),
      enc('mult', { rs: 12, rt: 9 }), enc('mflo', { rd: 13 }),
      enc('addiu', { rs: 16, rt: 16, imm: 0x40 }),
      enc('addiu', { rs: 9, rt: 9, imm: 0xffff }), enc('bgtz', { rs: 9, imm: (-13 & 0xffff) }), 0,
      ...HALT,
    ];
    // One run to each budget from a fresh machine: the run's slice ends there, so the end falls
    // on every cycle of the loop's block in turn (stalls included).
    let entries = 0;
    for (let budget = 1; budget <= 1500; budget++) {
      const a = new Machine({ io: new BufferIo(), ramBytes: 128 * 1024, engine: 'interp' });
      const b = new Machine({ io: new BufferIo(), ramBytes: 128 * 1024, engine: 'jit' });
      for (const m of [a, b]) {
        put(m, 0x1000, body);
        m.cpu.setPc(0x80001000);
      }
      expect(b.run(budget)).toEqual(a.run(budget));
      expect(fullState(b)).toEqual(fullState(a));
      entries = jitStats(b.cpu)?.entries ?? 0;
    }
    // The loop is one self-looping block: one entry runs many passes.
    expect(entries).toBeGreaterThan(0);
  });
});
