/**
 * The VM programs of issue 6: demand paging (a fault handler mapping zeroed pages on first
 * touch) and copy-on-write of a data page; exact output and status, with the kernel invariant
 * checker at every kernel exit.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

describe('VM programs', () => {
  it('demand-paging.s: 64 pages created on demand, each zero first and holding what was written', () => {
    const r = runExo(['programs/demand-paging.s']);
    expect(r.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('demand paging: touched 64 pages at 0x2000000, the fault handler created 64\nfresh pages not zero: 0, pages not holding what was written: 0\n');
    expect(r.status).toBe(0);
  });

  it('cow.s: the first write to either sharer copies; the last sharer keeps the original', () => {
    const r = runExo(['programs/cow.s']);
    expect(r.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'cow: A=0x3000000 and B=0x3001000 share one page read-only: A[0]=0xc0ffee0 B[0]=0xc0ffee0',
        'after a write to A: A[0]=0xaaaa0001 B[0]=0xc0ffee0 A[last]=0xc0ffee0 copies=1',
        'after a write to B: A[0]=0xaaaa0001 B[0]=0xbbbb0002 B[last]=0xc0ffee0 copies=1',
        'A has its own page: yes, B kept the original: yes',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });
});
