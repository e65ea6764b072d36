/**
 * The micro-sequences of docs/timing.md §5, exactly. Code is run once to warm the I-cache, then
 * measured on a second run (unless the sequence is about cold fetches).
 */
import { describe, expect, it } from 'vitest';
import { CODE_VA, DATA_VA, NOP, TestMachine, enc } from './harness.js';

const A0 = 4;
const addu = enc('addu', { rd: 2, rs: 2, rt: 3 });

/** Cycles taken by `n` instructions of `prog` after a warm-up run (fresh machine each time). */
function measure(prog: number[], n: number, setup?: (t: TestMachine) => void, warm = true): number {
  const t = new TestMachine();
  setup?.(t);
  t.boot(prog);
  if (warm) {
    t.step(n);
    t.step(200); // let the write buffer drain and any stall finish
    t.boot(prog);
  }
  const c0 = t.cycles;
  t.step(n);
  return t.cycles - c0;
}

describe('cycle model micro-sequences (docs/timing.md §5)', () => {
  it('n ALU instructions in a warm I-cache take n cycles', () => {
    expect(measure(Array(10).fill(addu).concat(NOP), 10)).toBe(10);
  });
  it('n cold cached fetches take 6n cycles', () => {
    expect(measure(Array(10).fill(addu), 10, undefined, false)).toBe(60);
  });
  it('n fetches from kseg1 take 6n cycles, warm or not', () => {
    const t = new TestMachine().boot(Array(20).fill(addu), 0xa0001000);
    t.step(10);
    const c0 = t.cycles;
    t.step(10);
    expect(t.cycles - c0).toBe(60);
  });
  it('a load that hits takes 1 cycle, one that misses 6', () => {
    const lw = enc('lw', { rt: 2, rs: A0, imm: 0 });
    const hit = measure([lw, NOP, NOP], 1, (t) => t.setReg(A0, DATA_VA));
    expect(hit).toBe(1);
    const t = new TestMachine();
    const prog = [enc('lw', { rt: 2, rs: A0, imm: 0 }), enc('lw', { rt: 2, rs: A0, imm: 4 }), NOP];
    t.boot(prog).setReg(A0, DATA_VA).step(2);
    t.boot(prog).setReg(A0, DATA_VA + 8); // same code, new data lines
    const c0 = t.cycles;
    t.step(1);
    expect(t.cycles - c0).toBe(6);
    expect(t.m.stats().dcacheMisses).toBe(3);
  });
  it('an uncached load takes 6 cycles every time', () => {
    const prog = [enc('lw', { rt: 2, rs: A0, imm: 0 }), NOP];
    expect(measure(prog, 1, (t) => t.setReg(A0, 0xa0010000))).toBe(6);
  });
  it('sw then a missing lw: the load waits for the write buffer, 11 cycles', () => {
    const t = new TestMachine();
    const prog = [enc('sw', { rt: 0, rs: A0, imm: 0 }), enc('lw', { rt: 2, rs: A0, imm: 64 }), NOP];
    t.boot(prog).setReg(A0, DATA_VA).step(2).step(200);
    t.boot(prog).setReg(A0, DATA_VA + 256);
    const c0 = t.cycles;
    t.step(2);
    expect(t.cycles - c0).toBe(11);
  });
  it('8 stores back to back: 4 go at full speed, then one per 5 cycles (21 cycles)', () => {
    const prog = Array.from({ length: 8 }, (_, i) => enc('sw', { rt: 0, rs: A0, imm: 4 * i })).concat(NOP);
    const t = new TestMachine();
    t.boot(prog).setReg(A0, DATA_VA).step(8).step(200);
    const wb0 = t.m.stats().stallWriteBuffer;
    t.boot(prog);
    const c0 = t.cycles;
    t.step(8);
    expect(t.cycles - c0).toBe(21);
    expect(t.m.stats().stallWriteBuffer - wb0).toBe(13);
  });
  for (const [op, mf, latency] of [['mult', 'mflo', 12], ['multu', 'mfhi', 12], ['div', 'mfhi', 35], ['divu', 'mflo', 35]] as const) {
    it(`${op} then ${mf} at distances 1..${latency + 2}: d + 1 + max(0, ${latency} - d) cycles`, () => {
      for (let d = 1; d <= latency + 2; d++) {
        const prog = [enc(op, { rs: 2, rt: 3 }), ...Array(d - 1).fill(NOP), enc(mf, { rd: 5 }), NOP];
        const got = measure(prog, d + 1, (t) => t.setReg(2, 1000).setReg(3, 7));
        expect(got, `distance ${d}`).toBe(d + 1 + Math.max(0, latency - d));
      }
    });
  }
  it('two consecutive reads of the cycle counter differ by 6 (1 + uncached read)', () => {
    const prog = [enc('lw', { rt: 2, rs: A0, imm: 0x40 }), enc('lw', { rt: 3, rs: A0, imm: 0x40 }), NOP, NOP];
    const t = new TestMachine();
    t.boot(prog).setReg(A0, 0xb5000000).step(4); // warms the I-cache
    t.boot(prog).step(4);
    expect(t.reg(3) - t.reg(2)).toBe(6);
    t.boot(prog).step(3);
    expect(t.reg(3)).toBe(t.cycles - 1); // the value is the count at its own read (then one nop)
  });
  it('cycles = instructions + stalls + faulting instructions', () => {
    const t = new TestMachine();
    const prog = [enc('sw', { rt: 0, rs: A0, imm: 0 }), enc('mult', { rs: 2, rt: 3 }), enc('mflo', { rd: 5 }), enc('lw', { rt: 6, rs: A0, imm: 64 }), enc('break'), NOP];
    t.boot(prog).setReg(A0, DATA_VA).step(5);
    const s = t.m.stats();
    const stalls = s.stallIcache + s.stallDcache + s.stallUncached + s.stallWriteBuffer + s.stallHilo;
    expect(s.cycles).toBe(s.instructions + stalls + 1);
    expect(s.instructions).toBe(4);
    void CODE_VA;
  });
});
