/**
 * `exo bench paper` (bench/paper.ts): every row of the tables our programs provide is measured and
 * positive, and the goals hold where the README says they do: the exokernel and library-OS rows
 * at or below the paper's Aegis/ExOS cycles, except the rows the README lists as missed (their
 * bound is the kernel's yield, or two PCTs), which are pinned so a regression still fails;
 * Table 9 within 25% of the paper's 92.5 M cycles (needs Debian's mipsel gcc).
 */
import { describe, expect, it } from 'vitest';
import { formatPaperTable, GCC, runPaperBench, type PaperRow } from '../../bench/paper.js';
import { hasTool } from '../helpers/oracles.js';

/** Rows known to miss the paper (README "exo bench paper"), with a ceiling that catches regressions. */
const MISSED: Record<string, number> = {
  "pipe' (read/write inlined)": 320,
  'shm (one way)': 320,
  'tlrpc (trusts the server)': 100,
};

describe('exo bench paper: Tables 4, 5, 6, 8, 12', () => {
  const rows: PaperRow[] = runPaperBench({ tables: [4, 5, 6, 8, 12] });

  it('measures every row, each positive', () => {
    expect(rows.map((r) => r.table)).toEqual([4, 4, 4, 5, 5, 5, 5, 6, 8, 8, 8, 8, 12, 12]);
    for (const r of rows) {
      expect(r.cycles, r.name).not.toBeNull();
      expect(r.cycles!, r.name).toBeGreaterThan(0);
      expect(r.instructions!, r.name).toBeGreaterThan(0);
      expect(r.cycles!, r.name).toBeGreaterThanOrEqual(r.instructions!);
      expect(r.us, r.name).toBeCloseTo(r.cycles! / 25, 6);
    }
  });

  it('meets the paper (ExOS/Aegis cycles) on every row but the documented ones', () => {
    for (const r of rows) {
      const ceiling = MISSED[r.name];
      if (ceiling !== undefined) {
        expect(r.goal, r.name).toBe(false); // if this starts to pass, update the README and this list
        expect(r.cycles!, r.name).toBeLessThanOrEqual(ceiling);
      } else {
        expect(r.goal, r.name).toBe(true);
        expect(r.cycles!, r.name).toBeLessThanOrEqual(r.exos!);
      }
    }
  });

  it('lrpc saves what tlrpc trusts the server with, so it costs more', () => {
    const lrpc = rows.find((r) => r.table === 12 && r.name.startsWith('lrpc'))!;
    const tlrpc = rows.find((r) => r.table === 12 && r.name.startsWith('tlrpc'))!;
    expect(lrpc.cycles! - tlrpc.cycles!).toBeGreaterThanOrEqual(24); // 12 stores and 12 loads at least
  });

  it('prints one line per row, with numbered notes', () => {
    const t = formatPaperTable(rows);
    const table = t.split('\n\n')[0]!.trimEnd().split('\n');
    expect(table).toHaveLength(rows.length + 1);
  });
});

describe('exo bench paper: Tables 10 and 13 show what is not measured yet, never a number', () => {
  it('each row is measured or carries the reason', () => {
    for (const r of runPaperBench({ tables: [10, 13] })) {
      if (r.cycles === null) expect(r.note, r.name).toMatch(/^not measured yet: /);
      else expect(r.cycles, r.name).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!hasTool(GCC))('exo bench paper: Table 9 (150x150 matrix multiply)', () => {
  it('is within 25% of the paper (92.5 M cycles on ExOS)', () => {
    const [r] = runPaperBench({ tables: [9] });
    expect(r!.cycles).not.toBeNull();
    expect(Math.abs(r!.cycles! - 92.5e6) / 92.5e6).toBeLessThanOrEqual(0.25);
    expect(r!.goal).toBe(true);
  }, 120_000);
});
