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

  it('regions: a loop of two blocks that stores into its other block now and then, with a side exit every fourth pass', () => {
    jitOptions.regionAfter = 1;
    try {
      // A store that goes to code word `to` on the passes where ($9 & mask) == when, else to a
      // data word 2 KB further: $1 = $19 | ($9 & flip) (an `addiu $8, $8, k` that changes
      // from one code store to the next); $3 = 0 or 0x800; sw $1, 0($21 + $3) with $21 = &to.
      const ADDIU8 = enc('addiu', { rs: 8, rt: 8, imm: 1 });
      const smc = (to: number, mask: number, when: number, flip: number): number[] => [
        ...li(21, 0x80001000 + 4 * to),
        enc('andi', { rs: 9, rt: 1, imm: flip }),
        enc('or', { rd: 1, rs: 1, rt: 19 }),
        enc('andi', { rs: 9, rt: 2, imm: mask }),
        enc('xori', { rs: 2, rt: 2, imm: when }),
        enc('sltu', { rd: 3, rs: 0, rt: 2 }), // 1 unless this is a code-store pass
        enc('sll', { rd: 3, rt: 3, sa: 11 }),
        enc('addu', { rd: 3, rs: 3, rt: 21 }),
        enc('sw', { rt: 1, rs: 3, imm: 0 }),
      ];
      // L: ADDIU8; smc(-> T); if (($9 & 3) == 0) goto M; addiu $10 += 1;
      // M: T: ADDIU8; smc(-> L); $9 -= 1; bgtz $9, L.
      const L = 7;
      const M = L + 1 + 10 + 1 + 2 + 1;
      const T = M;
      const main = [...li(9, 400), ...li(20, 0x80001000), ...li(19, ADDIU8), 0];
      expect(main.length).toBe(L);
      main.push(ADDIU8, ...smc(T, 3, 0, 4));
      main.push(enc('andi', { rs: 9, rt: 2, imm: 3 }));
      main.push(enc('beq', { rs: 2, rt: 0, imm: (M - (main.length + 1)) & 0xffff }), 0);
      main.push(enc('addiu', { rs: 10, rt: 10, imm: 1 }));
      expect(main.length).toBe(M);
      main.push(ADDIU8, ...smc(L, 7, 2, 8));
      main.push(enc('addiu', { rs: 9, rt: 9, imm: 0xffff }));
      main.push(enc('bgtz', { rs: 9, imm: (L - (main.length + 1)) & 0xffff }), 0, ...HALT);
      const b = lockstep((mm) => {
        put(mm, 0x1000, main);
        mm.cpu.setPc(0x80001000);
      }, 80_000, (i) => 7 + ((i * 13) % 40));
      expect(b.cpu.gpr[9]).toBe(0);
      expect(jitStats(b.cpu)!.regions).toBeGreaterThan(0);
      expect(jitStats(b.cpu)!.stale).toBeGreaterThan(10);
    } finally {
      jitOptions.regionAfter = saved.regionAfter;
    }
  });
  it('regions: a block reached from two blocks, one of which leaves a load pending (its delay slot)', () => {
    jitOptions.regionAfter = 1;
    try {
      // L: if ($9 & 1) { X: $6++; b J; lw $5, 0($17) } else { Y: $7++; b J; $5 += 3 }
      // J: $8 += $5 (the old $5 after X: the load is still in its delay); $5++; sw $5, 0($17);
      //    $9--; bgtz $9, L.
      const L = 6;
      const main = [...li(9, 300), ...li(17, 0x80010000), 0, 0];
      expect(main.length).toBe(L);
      const X = L + 3;
      const Y = X + 3;
      const J = Y + 3;
      main.push(enc('andi', { rs: 9, rt: 2, imm: 1 }), enc('beq', { rs: 2, rt: 0, imm: (Y - (L + 2)) & 0xffff }), 0);
      main.push(enc('addiu', { rs: 6, rt: 6, imm: 1 }), enc('beq', { rs: 0, rt: 0, imm: (J - (X + 2)) & 0xffff }), enc('lw', { rt: 5, rs: 17, imm: 0 }));
      main.push(enc('addiu', { rs: 7, rt: 7, imm: 1 }), enc('beq', { rs: 0, rt: 0, imm: (J - (Y + 2)) & 0xffff }), enc('addiu', { rs: 5, rt: 5, imm: 3 }));
      expect(main.length).toBe(J);
      main.push(
        enc('addu', { rd: 8, rs: 8, rt: 5 }),
        enc('addiu', { rs: 5, rt: 5, imm: 1 }),
        enc('sll', { rd: 5, rt: 5, sa: 1 }),
        enc('sw', { rt: 5, rs: 17, imm: 0 }),
        enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
        enc('bgtz', { rs: 9, imm: (L - (J + 6)) & 0xffff }),
        0,
        ...HALT,
      );
      const b = lockstep((mm) => {
        put(mm, 0x1000, main);
        put(mm, 0x10000, [7]);
        mm.cpu.setPc(0x80001000);
      }, 40_000, (i) => 5 + ((i * 7) % 30));
      expect(b.cpu.gpr[9]).toBe(0);
      expect(jitStats(b.cpu)!.regions).toBeGreaterThan(0);
    } finally {
      jitOptions.regionAfter = saved.regionAfter;
    }
  });
  it('no compiled code runs while the caches are isolated or swapped (SR.IsC, SR.SwC)', () => {
    // Status = IsC (then SwC|IsC, then 0), each time a counted loop with a load and a store.
    const loop = [
      ...li(9, 300),
      enc('lw', { rt: 10, rs: 17, imm: 0 }),
      enc('addiu', { rs: 10, rt: 10, imm: 1 }),
      enc('sw', { rt: 10, rs: 17, imm: 0 }),
      enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
      enc('bgtz', { rs: 9, imm: 0xfffb }),
      0,
    ];
    const status = (v: number): number[] => [...li(8, v), enc('mtc0', { rt: 8, rd: 12 })];
    const main = [...li(17, 0x80010000), ...status(0x10000), ...loop, ...status(0x30000), ...loop, ...status(0), ...loop, ...HALT];
    const m = new Machine({ io: new BufferIo(), ramBytes: 256 * 1024, engine: 'jit' });
    put(m, 0x1000, main);
    m.cpu.setPc(0x80001000);
    // Two isolated loops take about 3,700 cycles: nothing compiled has run by then.
    m.run(3500);
    expect(jitStats(m.cpu)?.entries ?? 0).toBe(0);
    expect(m.run(100_000).reason).toBe('halt');
    expect(jitStats(m.cpu)!.entries).toBeGreaterThan(0);
    lockstep((mm) => {
      put(mm, 0x1000, main);
      mm.cpu.setPc(0x80001000);
    }, 40_000, (i) => 11 + ((i * 7) % 40));
  });
  it('a store in the delay slot of a loop into the loop itself (a self-loop, and a region of two blocks)', () => {
    jitOptions.regionAfter = 1;
    try {
      // $1 = $19 | ($9 & 4): `addiu $8, $8, 1` or `addiu $8, $8, 5`, changing every four passes,
      // stored by the delay slot of the loop's branch into the loop's first word (self-loop) or
      // into the first word of the other block (region).
      const ADDIU8 = enc('addiu', { rs: 8, rt: 8, imm: 1 });
      const selfLoop = [
        ...li(9, 200), ...li(19, ADDIU8), ...li(21, 0x80001000 + 4 * 6),
        ADDIU8, // 6: L
        enc('andi', { rs: 9, rt: 1, imm: 4 }),
        enc('or', { rd: 1, rs: 1, rt: 19 }),
        enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
        enc('bgtz', { rs: 9, imm: (6 - 11) & 0xffff }),
        enc('sw', { rt: 1, rs: 21, imm: 0 }),
        ...HALT,
      ];
      // Two blocks: L: ...; j M; sw -> M's first word. M: ADDIU8; ...; bgtz L; nop.
      const region = [
        ...li(9, 200), ...li(19, ADDIU8), ...li(21, 0x80001000 + 4 * 12),
        enc('andi', { rs: 9, rt: 1, imm: 4 }), // 6: L
        enc('or', { rd: 1, rs: 1, rt: 19 }),
        enc('addiu', { rs: 10, rt: 10, imm: 1 }),
        enc('beq', { rs: 0, rt: 0, imm: (12 - 10) & 0xffff }), // 9: b M
        enc('sw', { rt: 1, rs: 21, imm: 0 }),
        0,
        ADDIU8, // 12: M
        enc('addiu', { rs: 9, rt: 9, imm: 0xffff }),
        enc('bgtz', { rs: 9, imm: (6 - 15) & 0xffff }),
        0,
        ...HALT,
      ];
      for (const main of [selfLoop, region]) {
        const b = lockstep((mm) => {
          put(mm, 0x1000, main);
          mm.cpu.setPc(0x80001000);
        }, 30_000, (i) => 13 + ((i * 11) % 50));
        expect(b.cpu.gpr[9]).toBe(0);
        expect(jitStats(b.cpu)!.entries).toBeGreaterThan(0);
      }
    } finally {
      jitOptions.regionAfter = saved.regionAfter;
    }
  });
});
