/**
 * The library OS's virtual memory (programs/lib/vm.s, crt0.s's pinned handlers): the API through
 * a self-checking program over the linear table and over the inverted one, with the kernel
 * invariant checker at every kernel exit; and a fault with no handler.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

const okLines = (n: number): string[] => Array.from({ length: n }, (_, i) => `ok ${i + 1}: `);

/** A self-checking program: its title, then exactly `n` lines "ok i: ...", then PASS; status 0. */
function expectChecks(file: string, title: string, n: number): void {
  const r = runExo([file]);
  expect(r.violations).toEqual([]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe(title);
  expect(lines[lines.length - 1]).toBe('PASS');
  const checks = lines.slice(1, -1);
  expect(checks).toHaveLength(n);
  checks.forEach((l, i) => expect(l.startsWith(okLines(n)[i]!), l).toBe(true));
}

describe('vm.s on the exokernel', () => {
  for (const [file, title] of [
    ['test/libos/vm/vm-api.s', 'vm api (linear)'],
    ['test/libos/vm/vm-api-inverted.s', 'vm api (inverted)'],
  ] as const) {
    it(`${title}: map, dirty bits, refill, protect and fault handler, unmap, growth, refusals`, () => {
      expectChecks(file, title, title.includes('inverted') ? 50 : 49); // vm_use_inverted is check 1 there
    });
  }

  for (const [file, title] of [
    ['test/libos/vm/vm-light.s', 'vm light (linear)'],
    ['test/libos/vm/vm-light-inverted.s', 'vm light (inverted)'],
  ] as const) {
    it(`${title}: built-in light fault handlers (skip, retry), a range with holes, o32 and light handlers replacing each other, hints after records moved`, () => {
      expectChecks(file, title, title.includes('inverted') ? 26 : 25);
    });
  }

  it('a light retry of a page that is not in the table is a segmentation fault', () => {
    const r = runExo(['test/libos/vm/vm-light-segv.s']);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toMatch(/^before\nexo: segmentation fault at 0x00900004 \(pc 0x[0-9a-f]{8}\)\n$/);
    expect(r.status).toBe(139);
  });
});
