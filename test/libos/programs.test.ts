/**
 * The library OS's plain programs (programs/*.s, issue 6), each run on the exokernel with runExo:
 * exact standard output, no kernel message, exit status, and the kernel invariants checked at
 * every kernel exit. Also: the child executable spawn.s embeds is the current build of its source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { runExo, type ExoRunResult } from '../helpers/exo-run.js';

function expectRun(r: ExoRunResult, stdout: string, status = 0): void {
  expect(r.violations).toEqual([]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(stdout);
  expect(r.status).toBe(status);
  expect(r.checks).toBeGreaterThan(0);
}

describe('programs/', () => {
  it('hello greets and exits 0', () => {
    expectRun(runExo(['programs/hello.s']), 'Hello from environment 1 on the exokernel!\n');
  });

  it('echo copies its input to its output until the input ends', () => {
    const input = 'one\ntwo words\n\nlast line without a newline';
    expectRun(runExo(['programs/echo.s'], { stdin: input }), input);
    expectRun(runExo(['programs/echo.s']), '');
  });

  it('fib prints the first sixteen, fib(20) by recursion with its call count, fib(47)', () => {
    expectRun(runExo(['programs/fib.s']), 'fib(0..15): 0 1 1 2 3 5 8 13 21 34 55 89 144 233 377 610\nfib(20) = 6765 (recursive, 21891 calls)\nfib(47) = 2971215073\n');
  });

  it('sieve finds the 1229 primes below 10000', () => {
    expectRun(runExo(['programs/sieve.s']), 'primes below 10000: 1229\nfirst ten: 2 3 5 7 11 13 17 19 23 29\nlargest: 9973\n');
  });

  it('spawn starts a child from its embedded ELF twice, waits for each and gets its status', () => {
    const elfBytes = readFileSync('programs/spawn-child.elf').length;
    const r = runExo(['programs/spawn.s']);
    const parent = [
      `parent 1: spawning a child of ${elfBytes} bytes`,
      'parent: spawned child 2',
      'parent: child 2 exited with status 49',
      // The same slot, the next generation (id = generation << 6 | index).
      'parent: spawned child 42',
      'parent: child 42 exited with status 144',
      'parent: spawn of a non-executable: -1 (EINVAL)',
      'parent: wait for a child already waited for: -3 (ENOENT)',
    ];
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    // Each child runs concurrently with its parent once started (where the parent's slice ends
    // decides where its line falls), but after the parent started it and before its exit is seen.
    expect(lines.filter((l) => l.startsWith('parent'))).toEqual(parent);
    const at = (l: string): number => lines.indexOf(l);
    for (const [id, arg, status] of [[2, 7, 49], [42, 300, 144]] as const) {
      const child = at(`child ${id}: spawned=1, parent 1 (argument 1), arg ${arg}`);
      expect(child, `child ${id}'s line`).toBeGreaterThan(id === 2 ? at(parent[0]!) : at('parent: child 2 exited with status 49'));
      expect(child).toBeLessThan(at(`parent: child ${id} exited with status ${status}`));
    }
    expect(lines).toHaveLength(parent.length + 2);
    expectRun(r, r.stdout);
  });

  it('the embedded programs/spawn-child.elf is the current build of its source and the library OS', () => {
    const lib = readdirSync('programs/lib').filter((f) => f.endsWith('.s')).sort().map((f) => join('programs/lib', f));
    const files = [...lib, 'programs/spawn-child.s'].map((name) => ({ name, text: readFileSync(name, 'utf8') }));
    const r = assemble(files);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fresh = Buffer.from(r.elf!);
    const stale = !fresh.equals(readFileSync('programs/spawn-child.elf'));
    expect(stale, 'programs/spawn-child.elf is stale: rebuild it with `npx exo asm programs/lib/*.s programs/spawn-child.s -o programs/spawn-child.elf`').toBe(false);
  });
});
