/**
 * The example programs run on the exokernel with the invariant checker at every kernel exit.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

describe('programs/examples on the exokernel', () => {
  it('ping and pong pass the counter five times by PCT and both finish', () => {
    const r = runExo(['programs/examples/ping.s', 'programs/examples/pong.s']);
    expect(r.violations).toEqual([]);
    expect(r.checks).toBeGreaterThan(10);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => l.trim());
    expect(lines).toEqual(['ping 1', 'pong 1', 'ping 2', 'pong 2', 'ping 3', 'pong 3', 'ping 4', 'pong 4', 'ping 5', 'pong 5', 'pong: done', 'ping: done']);
  });
});
