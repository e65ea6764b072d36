/**
 * The example programs run on the exokernel with the invariant checker at every kernel exit.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('exo demo', () => {
  it('shows both environments, a summary of the kernel events, and the kernel benchmark', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'demo'], { input: '', encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ping 1\n\s+pong 1\n/m);
    expect(r.stdout).toMatch(/protected control transfers 10 synchronous, 1 asynchronous/);
    expect(r.stdout).toMatch(/TLB misses \d+: STLB hits \d+, guaranteed mappings \d+, upcalls to the library OS \d+/);
    expect(r.stdout).toMatch(/synchronous PCT, one way\s+30\s+30\s+30/);
  });
});
