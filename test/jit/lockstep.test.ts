/**
 * Lockstep property test of the block compiler (issue 10): random programs (random-code.ts) run on
 * two machines, one with the interpreter and one with the block compiler; at random checkpoints
 * (budgets of 1 to ~3,000 cycles, so they fall anywhere: inside would-be blocks, in delay slots,
 * right after interrupts) and at the end, the complete state must be identical: registers, the
 * pending load, PC/nPC/BD, HI/LO and their ready time, CP0, the TLB, every counter, the total
 * cycles, the write buffer, both caches' tags and all of RAM (fullState in lockstep.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferIo } from '../../emulator/io.js';
import { jitOptions, jitStats } from '../../emulator/jit/engine.js';
import { Machine } from '../../emulator/machine.js';
import { DEFAULT_TIMING, type TimingConfig } from '../../emulator/cpu.js';
import { fullState } from './lockstep.js';
import { generate, type RandomProgram } from './random-code.js';

const saved = { ...jitOptions };
const RUNS = Number(process.env.JIT_LOCKSTEP_RUNS ?? 120);

/** The default cycle model, or tiny caches (conflicts, evictions of block words) and other costs. */
const timings: fc.Arbitrary<TimingConfig> = fc.oneof(
  fc.constant(DEFAULT_TIMING),
  fc.record({
    icacheBytes: fc.constantFrom(16, 64, 256, 4096),
    dcacheBytes: fc.constantFrom(16, 64, 256, 4096),
    icacheMissCycles: fc.integer({ min: 0, max: 9 }),
    dcacheMissCycles: fc.integer({ min: 0, max: 9 }),
    uncachedReadCycles: fc.integer({ min: 0, max: 9 }),
    writeBufferDepth: fc.constantFrom(1, 2, 4, 8),
    writeRetireCycles: fc.integer({ min: 1, max: 9 }),
  }),
);
afterAll(() => Object.assign(jitOptions, saved));

function boot(p: RandomProgram, engine: 'interp' | 'jit', timing: TimingConfig): Machine {
  const m = new Machine({ io: new BufferIo(), ramBytes: 256 * 1024, engine, timing });
  const put = (pa: number, words: readonly number[]): void => {
    const bytes = new Uint8Array(words.length * 4);
    const dv = new DataView(bytes.buffer);
    words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
    if (!m.bus.load(pa, bytes)) throw new Error('program outside RAM');
  };
  put(0, p.low);
  put(0x1000, p.body);
  const data = new Uint8Array(4096);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) & 0xff;
  m.bus.load(0x10000, data);
  m.bus.load(0x20000, data.reverse());
  p.tlb.forEach(([hi, lo], i) => {
    m.cpu.mmu.tlbHi[i] = hi >>> 0;
    m.cpu.mmu.tlbLo[i] = lo >>> 0;
  });
  m.cpu.mmu.invalidate();
  m.cpu.setPc(p.entry);
  return m;
}

/** Runs both engines to the same budgets; returns a description of the first difference, or null. */
function lockstep(seed: number, words: number, steps: readonly number[], threshold: number, regionAfter: number, timing: TimingConfig): string | null {
  jitOptions.hotThreshold = threshold;
  jitOptions.regionAfter = regionAfter;
  const p = generate(seed, words);
  const a = boot(p, 'interp', timing);
  const b = boot(p, 'jit', timing);
  try {
    return compare(a, b, seed, steps);
  } finally {
    const st = jitStats(b.cpu);
    if (st !== undefined) {
      totals.entries += st.entries;
      totals.compiled += st.compiled;
      totals.stale += st.stale;
      totals.regions += st.regions;
    }
  }
}

/** The engine's work over all cases (the property must exercise compiled code, not only the interpreter). */
const totals = { entries: 0, compiled: 0, stale: 0, regions: 0 };

function compare(a: Machine, b: Machine, seed: number, steps: readonly number[]): string | null {
  let budget = 0;
  for (const s of steps) {
    budget += s;
    const ra = a.run(budget);
    const rb = b.run(budget);
    const sa = fullState(a);
    const sb = fullState(b);
    if (JSON.stringify(ra) !== JSON.stringify(rb)) return `budget ${budget}: run results ${JSON.stringify(ra)} vs ${JSON.stringify(rb)}`;
    for (const k of Object.keys(sa) as (keyof typeof sa)[]) {
      if (JSON.stringify(sa[k]) !== JSON.stringify(sb[k])) {
        return `seed ${seed}, budget ${budget}, cycle ${sa.cycles}: ${k} differs\n interp ${JSON.stringify(sa[k])}\n jit    ${JSON.stringify(sb[k])}`;
      }
    }
    if (ra.reason !== 'budget') break;
  }
  return null;
}

describe('block compiler in lockstep with the interpreter', () => {
  it('random programs: identical full state at random checkpoints and at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 8, max: 400 }),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 4000 })), { minLength: 5, maxLength: 60 }),
        fc.constantFrom(1, 1, 2, 8),
        // Completed runs before a block becomes the head of a region (0: no regions).
        fc.constantFrom(0, 1, 2, 4, 16),
        timings,
        (seed, words, steps, threshold, regionAfter, timing) => {
          const d = lockstep(seed, words, steps, threshold, regionAfter, timing);
          if (d !== null) throw new Error(d);
        },
      ),
      { numRuns: RUNS },
    );
    // Not vacuous: compiled blocks ran, and self-modifying stores made some of them stale. (Over
    // 2,000 cases: ~140 block entries, ~12 compiled blocks and ~0.4 stale blocks per case.)
    console.log(`[jit lockstep] ${JSON.stringify(totals)}`);
    expect(totals.compiled).toBeGreaterThan(2 * RUNS);
    expect(totals.entries).toBeGreaterThan(30 * RUNS);
    expect(totals.stale).toBeGreaterThan(RUNS / 40);
    expect(totals.regions).toBeGreaterThan(RUNS / 4);
  });
});
