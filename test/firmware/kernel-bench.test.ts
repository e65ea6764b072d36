/**
 * `exo bench kernel` (bench/kernel.ts): every primitive is measured, and the goals hold:
 * instruction counts at or below Aegis's where the paper gives one (18 dispatch, 18 STLB hit, 30
 * PCT) and cycles at or below the paper's Aegis figure (the top of its range) on every row that
 * has one. A regression in a kernel fast path fails here.
 */
import { describe, expect, it } from 'vitest';
import { formatKernelTable, runKernelBench, type KernelRow } from '../../bench/kernel.js';

describe('exo bench kernel', () => {
  const rows: KernelRow[] = runKernelBench();
  const byName = (s: string): KernelRow => {
    const r = rows.find((x) => x.name.startsWith(s));
    if (r === undefined) throw new Error(`no row ${s}`);
    return r;
  };

  it('measures every primitive the issue names', () => {
    for (const name of [
      'null system call (no-stack path)',
      'null system call (stack path)',
      'exception dispatch and return (unaligned)',
      'exception dispatch and return (overflow)',
      'exception dispatch and return (coprocessor)',
      'exception dispatch and return (protection)',
      'STLB refill hit',
      'TLB miss upcall',
      'synchronous PCT, one way',
      'yield to a named environment',
    ]) {
      const r = byName(name);
      expect(r.instructions, name).toBeGreaterThan(0);
      expect(r.cycles, name).toBeGreaterThanOrEqual(r.instructions);
    }
  });

  it('meets the paper: instructions at or below Aegis, cycles at or below the Aegis column', () => {
    for (const r of rows) {
      if (r.paperInstructions !== null) expect(r.instructions, r.name).toBeLessThanOrEqual(r.paperInstructions);
      if (r.aegisCycles !== null) {
        const top = typeof r.aegisCycles === 'number' ? r.aegisCycles : r.aegisCycles[1];
        expect(r.cycles, r.name).toBeLessThanOrEqual(top);
      }
    }
  });

  it('gives the documented fast-path counts', () => {
    expect(byName('exception dispatch to the user handler (overflow)').instructions).toBe(17); // the faulting add + 16
    expect(byName('STLB refill hit').instructions).toBe(17);
    expect(byName('synchronous PCT, one way').instructions).toBe(30); // the syscall + 29
  });

  it('prints one line per row', () => {
    const t = formatKernelTable(rows);
    expect(t.trimEnd().split('\n')).toHaveLength(rows.length + 1);
  });
});
