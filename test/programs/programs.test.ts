/**
 * Runs every bare test program in `programs/tests/` with `exo run --bare` (docs/tests.md). Each
 * program checks its own results: it must exit with status 0, print its name first and `PASS`
 * last, write nothing on stderr (no assembler warnings, no unhandled exception), and contain no
 * `FAIL` line. A program that finds an emulator bug is listed in KNOWN_FAILING with the reason:
 * it is then expected to fail (so it is noticed when the bug is fixed).
 */
import { describe, expect, it } from 'vitest';
import { BUILT, listPrograms, runProgram } from './programs.js';

/** Programs that currently fail because of a known emulator bug: name -> reason. */
export const KNOWN_FAILING: ReadonlyMap<string, string> = new Map([]);

if (!BUILT) console.warn('[programs] dist/ is not built (npm run build): the test programs are skipped');

const programs = listPrograms();

describe.skipIf(!BUILT)('bare test programs (programs/tests)', () => {
  it('finds the programs', () => {
    expect(programs.length).toBeGreaterThanOrEqual(30);
    for (const name of KNOWN_FAILING.keys()) expect(programs.map((p) => p.name)).toContain(name);
  });

  for (const p of programs) {
    const known = KNOWN_FAILING.get(p.name);
    const title = known === undefined ? p.name : `${p.name} (known failing: ${known})`;
    const check = (): void => {
      const r = runProgram(p);
      const summary = `status ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      expect(r.stdout.startsWith(`${p.name}\n`), summary).toBe(true);
      expect(r.stdout.endsWith('PASS\n'), summary).toBe(true);
      expect(r.stdout, summary).not.toMatch(/FAIL/);
      expect(r.stderr, summary).toBe('');
      expect(r.status, summary).toBe(0);
    };
    if (known === undefined) it(title, check);
    else it.fails(title, check);
  }
});
