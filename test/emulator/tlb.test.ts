/**
 * TLB details beyond translation results (r3000.md §1.3, docs/timing.md §3): N=1 pages are
 * uncached for loads and fetches, duplicate matches set SR.TS on every lookup (also through the
 * translation caches), TLBWR picks Random of the TLBWR's cycle, and G/ASID matching for fetches.
 */
import { describe, expect, it } from 'vitest';
import { C0_ENTRYHI, C0_ENTRYLO, C0_STATUS, SR_TS } from '../../emulator/cop0.js';
import { NOP, TestMachine, enc } from './harness.js';

function mapped(n: boolean): TestMachine {
  const t = new TestMachine();
  t.cpu.mmu.tlbHi[10] = 0x00012000;
  t.cpu.mmu.tlbLo[10] = (0x00030000 | 0x700 | (n ? 0x800 : 0)) >>> 0; // D V G (+N)
  t.cpu.mmu.invalidate();
  return t;
}

describe('N bit (non-cacheable)', () => {
  for (const n of [false, true]) {
    it(`a repeated load from an N=${n ? 1 : 0} page takes ${n ? 6 : 1} cycles`, () => {
      const t = mapped(n);
      const prog = [enc('lw', { rt: 2, rs: 4, imm: 0 }), NOP];
      t.boot(prog).setReg(4, 0x00012010).step(2).step(100);
      t.boot(prog).setReg(4, 0x00012010);
      const c0 = t.cycles;
      t.step(1);
      expect(t.cycles - c0).toBe(n ? 6 : 1);
    });
    it(`code on an N=${n ? 1 : 0} page: a second pass costs ${n ? 6 : 1} cycles per instruction`, () => {
      const t = mapped(n);
      t.poke(0x80030000, [NOP, NOP, NOP, NOP]);
      t.cpu.setPc(0x00012000);
      t.step(4);
      t.cpu.setPc(0x00012000);
      const c0 = t.cycles;
      t.step(4);
      expect(t.cycles - c0).toBe(n ? 24 : 4);
    });
  }
});

describe('duplicate matches', () => {
  it('set SR.TS on every access, even after the page was used (the page is never cached)', () => {
    const t = new TestMachine();
    const mmu = t.cpu.mmu;
    mmu.tlbHi[10] = 0x00012000;
    mmu.tlbLo[10] = 0x00030700;
    mmu.tlbHi[11] = 0x00012040; // same VPN, ASID 1, but G: matches too
    mmu.tlbLo[11] = 0x00031700;
    mmu.invalidate();
    const prog = [enc('lw', { rt: 2, rs: 4, imm: 0 }), NOP, enc('lw', { rt: 2, rs: 4, imm: 0 }), NOP];
    t.poke(0x80030000, [0x11111111]);
    t.boot(prog).setReg(4, 0x00012000).step(2);
    expect(t.cpu.cop0[C0_STATUS]! & SR_TS).toBe(SR_TS);
    expect(t.reg(2)).toBe(0x11111111); // the lowest-numbered match
    t.cpu.cop0[C0_STATUS] = 0x00400000;
    t.step(2);
    expect(t.cpu.cop0[C0_STATUS]! & SR_TS).toBe(SR_TS);
  });
  it('a single match never sets TS; TLBP sets it on a duplicate', () => {
    const t = new TestMachine().boot([enc('tlbp'), NOP]);
    const mmu = t.cpu.mmu;
    mmu.tlbHi[12] = 0x00012000;
    mmu.tlbLo[12] = 0x00030700;
    mmu.invalidate();
    t.cpu.cop0[C0_ENTRYHI] = 0x00012000;
    t.step(1);
    expect(t.cpu.cop0[C0_STATUS]! & SR_TS).toBe(0);
    mmu.tlbHi[13] = 0x00012000;
    t.boot([enc('tlbp'), NOP]).step(1);
    expect(t.cpu.cop0[C0_STATUS]! & SR_TS).toBe(SR_TS);
  });
});

describe('TLBWR', () => {
  it('writes the entry Random names in the TLBWR cycle, for many cycles: never 0-7', () => {
    const t = new TestMachine();
    const hits = new Set<number>();
    for (let k = 0; k < 120; k++) {
      // k nops then tlbwr: the TLBWR executes at a different cycle each time.
      t.boot([...Array<number>(k % 60).fill(NOP), enc('tlbwr'), NOP]);
      t.cpu.cop0[C0_ENTRYHI] = ((0x40000 + k) << 12) >>> 0;
      t.cpu.cop0[C0_ENTRYLO] = 0x00000200;
      t.step(k % 60);
      t.step(1);
      // Random in the TLBWR's cycle: the count at its end (its fetch stall included), as MFC0 sees it.
      const i = t.cpu.mmu.tlbHi.findIndex((h) => h === ((0x40000 + k) << 12) >>> 0);
      expect(i).toBe(63 - (t.cycles % 56));
      expect(i).toBeGreaterThanOrEqual(8);
      hits.add(i);
    }
    expect(hits.size).toBeGreaterThan(20);
  });
});
