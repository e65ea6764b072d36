/**
 * A C program on the exokernel (docs/libos.md "Programs in C"): Debian's mipsel gcc compiles
 * programs/c/fib.c to assembly, and `exo run` links it with the library OS like any program.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/oracles.js';
import { runExo } from '../helpers/exo-run.js';

const GCC = 'mipsel-linux-gnu-gcc';
const have = hasTool(GCC);
if (!have) console.warn(`[libos] ${GCC} is missing: the C program test is skipped`);

describe.skipIf(!have)('a C program compiled by gcc, on the library OS', () => {
  it('programs/c/fib.c prints with printf and exits 0', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'exo-c-')), 'fib.s');
    const cc = spawnSync(GCC, ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-G0', '-S', '-o', out, 'programs/c/fib.c'], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).toBe(0);
    const r = runExo([out]);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(0);
    const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
    expect(r.stdout).toBe(Array.from({ length: 10 }, (_, i) => `fib(${i}) = ${fib(i)}\n`).join(''));
  });
});
