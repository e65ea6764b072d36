/**
 * User-level exception handling (programs/lib/exc.s over crt0's pinned exo_exc_entry): handlers
 * per ExcCode resumed without the kernel, registers changed through the frame, a fault in a
 * delay slot, refusals; and a handler that declines (the default action). The kernel invariant
 * checker runs at every kernel exit.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

describe('exc.s on the exokernel', () => {
  it('Ov, Bp, RI, AdEL handlers; Cause.BD; refusals; removal', () => {
    const r = runExo(['test/libos/exc/exc-api.s']);
    expect(r.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('exc api');
    expect(lines[lines.length - 1]).toBe('PASS');
    // Check 17 is the FAIL of a path that must not run (the branch over it is taken).
    const want = Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => n !== 17);
    const checks = lines.slice(1, -1);
    expect(checks.map((l) => Number(/^ok (\d+): /.exec(l)?.[1]))).toEqual(want);
  });

  it('a handler that returns 0 declines: the default action, exit 128 + SIGTRAP', () => {
    const r = runExo(['test/libos/exc/exc-decline.s']);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toMatch(/^break\nexo: unhandled exception 9 \(pc 0x00[0-9a-f]{6}\)\n$/);
    expect(r.status).toBe(133);
  });
});
