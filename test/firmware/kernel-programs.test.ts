/**
 * The exokernel's user-level test programs (programs/kernel/*.s, issue 5 acceptance): each one
 * exercises a primitive and its refusals from user mode, through crt0 (programs/lib/crt0.s) and
 * `exo run PROG...` (the built CLI in dist/, as test/programs does). A program checks itself: it
 * prints "ok N: what" per check and "PASS", or "FAIL N: what: got X, expected Y" and exits with
 * status N. Header lines (programs/kernel/test.inc) say how to run it and what else to expect:
 * `# programs:` (several environments), `# run:` (options such as --quantum), `# status:`,
 * `# expect:` (stdout lines, in order), `# expect-stderr:`, `# stdin:`, `# max-cycles:`,
 * `# passes:` (how many environments must print PASS; default 1 when the status is 0),
 * `# part-of:` (a partner program, not run alone). A program that shows a known kernel bug
 * (programs/kernel/KERNEL-BUGS.md) is listed in KNOWN_FAILING and expected to fail, so that the
 * fix is noticed.
 *
 * The CLI runs in programs/kernel, so the names of a `# programs:` line are those of the files
 * beside the program.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = join(ROOT, 'programs/kernel');
const BUILT = existsSync(join(ROOT, 'dist/cli/run.js'));
/** Every program finishes in a few million cycles; a hang stops here with status 124. */
const MAX_CYCLES = 40_000_000;

interface KernelProgram {
  name: string;
  file: string;
  programs: string[];
  run: string[];
  status: number;
  expect: string[];
  expectStderr: string[];
  stdin: string;
  maxCycles: number;
  /** "PASS" lines required on stdout: one per environment that checks itself. */
  passes: number;
  partOf: string | null;
}

/** Programs that fail because of a kernel bug (programs/kernel/KERNEL-BUGS.md): name -> reason. */
export const KNOWN_FAILING: ReadonlyMap<string, string> = new Map<string, string>([
]);

function headers(text: string, key: string): string[] {
  const re = new RegExp(`^#\\s*${key}:\\s*(.*)$`, 'gm');
  return [...text.matchAll(re)].map((m) => m[1]!.trim());
}

function listKernelPrograms(): KernelProgram[] {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const programs = headers(text, 'programs')[0]?.split(/\s+/) ?? [file];
      const status = headers(text, 'status')[0];
      const passes = headers(text, 'passes')[0];
      return {
        name: basename(file, '.s'),
        file,
        programs,
        run: headers(text, 'run')[0]?.split(/\s+/) ?? [],
        status: status === undefined ? 0 : Number(status),
        expect: headers(text, 'expect'),
        expectStderr: headers(text, 'expect-stderr'),
        stdin: (headers(text, 'stdin')[0] ?? '').replace(/\\n/g, '\n'),
        maxCycles: Number(headers(text, 'max-cycles')[0] ?? MAX_CYCLES),
        passes: passes === undefined ? (status === undefined || Number(status) === 0 ? 1 : 0) : Number(passes),
        partOf: headers(text, 'part-of')[0] ?? null,
      };
    });
}

function runKernelProgram(p: KernelProgram): { status: number; stdout: string; stderr: string } {
  const args = [join(ROOT, 'bin/exo.js'), 'run', '--max-cycles', String(p.maxCycles), ...p.run, ...p.programs];
  const r = spawnSync(process.execPath, args, { cwd: DIR, encoding: 'latin1', input: p.stdin, timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

if (!BUILT) console.warn('[kernel-programs] dist/ is not built (npm run build): the kernel test programs are skipped');

const all = listKernelPrograms();
const runnable = all.filter((p) => p.partOf === null);

describe.skipIf(!BUILT)('exokernel test programs (programs/kernel)', () => {
  it('finds the programs and their partners', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(10);
    for (const p of all) {
      for (const q of p.programs) expect(existsSync(join(DIR, q)), `${p.file}: # programs: names ${q}`).toBe(true);
      if (p.partOf !== null) expect(runnable.some((r) => r.name === p.partOf && r.programs.includes(p.file)), `${p.file} is part of ${p.partOf}`).toBe(true);
    }
  });

  it('lists only existing programs as known failing', () => {
    for (const name of KNOWN_FAILING.keys()) expect(runnable.map((p) => p.name)).toContain(name);
  });

  for (const p of runnable) {
    const known = KNOWN_FAILING.get(p.name);
    (known === undefined ? it : it.fails)(known === undefined ? p.name : `${p.name} (known failing: ${known})`, () => {
      const r = runKernelProgram(p);
      const summary = `exo run ${[...p.run, ...p.programs].join(' ')}: status ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      expect(r.stderr, summary).not.toMatch(/warning:|error:/);
      expect(r.stdout, summary).not.toMatch(/^FAIL/m);
      expect(r.status, summary).toBe(p.status);
      expect(r.stdout.match(/^PASS$/gm)?.length ?? 0, `${summary}\nPASS lines`).toBe(p.passes);
      let from = 0;
      for (const line of p.expect) {
        const at = r.stdout.indexOf(line, from);
        expect(at, `${summary}\nexpected "${line}" (in order)`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
      for (const text of p.expectStderr) expect(r.stderr, summary).toContain(text);
    }, 120_000);
  }
});
