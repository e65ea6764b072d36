/**
 * The library OS's memory allocation (programs/lib/mem.s): sbrk over vm.s's fresh pages and a
 * first-fit malloc/free with coalescing, through a self-checking program, with the kernel
 * invariant checker at every kernel exit.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

describe('mem.s on the exokernel', () => {
  it('sbrk, malloc alignment, reuse, coalescing, a heap of several pages, double free', () => {
    const r = runExo(['test/libos/mem/mem-api.s']);
    expect(r.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('mem api');
    expect(lines[lines.length - 1]).toBe('PASS');
    const checks = lines.slice(1, -1);
    expect(checks).toHaveLength(30);
    checks.forEach((l, i) => expect(l.startsWith(`ok ${i + 1}: `), l).toBe(true));
  });
});
