/**
 * `exo run PROG...` (firmware runs, programs as environments): every refusal of a bad option or
 * a bad program is one line and a non-zero exit, before the machine starts; the options that do
 * not apply to a mode are refused, not ignored. Spawns the built `exo` (dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeUserPrograms } from '../firmware/user-programs.js';

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/firmware/images.js'));
if (!built) console.warn('[cli run-firmware] dist/ is not built (npm run build): these tests are skipped');

function exo(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'run', ...args], { input: '', encoding: 'latin1', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.skipIf(!built)('exo run PROG...: bad options and programs', () => {
  const p = writeUserPrograms();

  it('refuses bad programs and options with one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-bad-'));
    const cases: [string[], number, string][] = [
      [['--quantum', '5', p.hello!], 1, 'exo: error: run: --quantum must be 1000..2147483647 cycles (got 5)\n'],
      [['--quantum', 'x', p.hello!], 2, "exo: error: option '--quantum <cycles>' argument 'x' is invalid. not a non-negative integer: x\n"],
      [['--seed', '0x100000000', p.hello!], 2, "exo: error: option '--seed <n>' argument '0x100000000' is invalid. not a 32-bit number: 0x100000000\n"],
      [['--bare', '--quantum', '5000', p.spin!], 1, 'exo: error: run: --quantum applies to firmware runs only (not --bare or --abi)\n'],
      [['--abi', 'linux', '--seed', '1', p.spin!], 1, 'exo: error: run: --seed applies to firmware runs only (not --bare or --abi)\n'],
      [[join(dir, 'nope.s')], 1, `exo: error: run: cannot read ${join(dir, 'nope.s')}: ENOENT\n`],
    ];
    for (const [args, status, err] of cases) {
      const r = exo(args);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toEqual(err);
      expect(r.status, args.join(' ')).toBe(status);
    }
    const bad = exo([file(dir, 'bad.s', '\t.globl main\nmain:\tfrob $t0\n')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^.*bad\.s:2:\d+: error: .*\nexo: error: run: .*bad\.s: assembly failed\n$/);
    const many = exo(Array(63).fill(p.hello!));
    expect(many.status).toBe(1);
    expect(many.stderr).toBe('exo: error: run: 63 programs given; at most 62 can be loaded as environments\n');
    const nomain = exo([file(dir, 'nomain.s', 'start: nop\n')]);
    expect(nomain.status).toBe(1);
    expect(nomain.stderr).toMatch(/^exo: error: run: .*nomain\.s: defines neither __start nor a global main \(the start file .*crt0\.s calls main\)\n$/);
  });

  it('accepts --quantum and --seed with --firmware-only', () => {
    const r = exo(['--firmware-only', '--quantum', '1000', '--seed', '0xffffffff']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an option value at the edge of its range', () => {
    const r = exo(['--quantum', '2147483648', p.hello!]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('exo: error: run: --quantum must be 1000..2147483647 cycles (got 2147483648)\n');
  });
});
