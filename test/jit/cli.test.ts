/** `exo run --engine interp|jit`: the same output and statistics; a bad name is one line, status 1. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BUILT = existsSync('dist/cli/main.js');
const exo = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, ['bin/exo.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const stats = (stderr: string): string => stderr.split('\n').filter((l) => /^(cycles|instructions|icache|dcache|stall|exceptions)/.test(l)).join('\n');

describe.skipIf(!BUILT)('exo run --engine', () => {
  if (!BUILT) console.warn('test/jit/cli.test.ts: dist/ is not built (npm run build): skipped');
  it('interp and jit: the same output, exit status and statistics', () => {
    for (const args of [['programs/sieve.s'], ['--net-loopback', '0', 'programs/net-ping.s', 'programs/net-echo-ash.s']]) {
      const a = exo('run', '--engine', 'interp', '--stats', ...args);
      const b = exo('run', '--engine', 'jit', '--stats', ...args);
      expect(a.status).toBe(0);
      expect(b.status).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      expect(stats(b.stderr)).toBe(stats(a.stderr));
      expect(stats(a.stderr)).toMatch(/^cycles: \d+/);
    }
  });
  it('refuses an unknown engine with one line', () => {
    const r = exo('run', '--engine', 'fast', 'programs/hello.s');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("exo: error: run: unknown engine 'fast' (jit, interp)\n");
  });
});
