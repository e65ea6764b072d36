/**
 * Golden traces: `exo run --bare --trace exc,tlb,irq` (format: docs/machine.md "Tracing") of a few
 * test programs, compared byte for byte with the files checked in next to this test. A change in
 * exception entry, TLB writes, interrupt timing or cycle counts shows up here as a diff.
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/golden     rewrites the .trace files (review the diff!)
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, listPrograms, runProgram } from '../programs/programs.js';

const GOLDEN_DIR = new URL('./', import.meta.url).pathname;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Program -> trace categories. `insn` only for programs short enough to read. */
const GOLDEN: ReadonlyArray<readonly [string, string]> = [
  ['exc-delay-slot', 'exc,tlb,irq'],
  ['exc-cpu-cop1', 'exc,tlb,irq'],
  ['tlb-refill-load', 'exc,tlb,irq'],
  ['tlb-mod-clean', 'exc,tlb,irq'],
  ['tlb-asid-global', 'exc,tlb,irq'],
  ['tlb-tlbwr-wired', 'exc,tlb,irq'],
  ['rfe-stack-nested', 'exc,tlb,irq'],
  ['int-sw', 'exc,tlb,irq'],
  ['int-timer', 'exc,tlb,irq'],
  ['int-timer-delay-slot', 'exc,tlb,irq'],
  ['int-timer-masked', 'exc,tlb,irq'],
  ['tlb-dup-ts', 'exc,tlb,irq'],
  ['vec-bev1', 'exc,tlb,irq'],
  ['exc-ov-add', 'insn,exc,tlb,irq'],
];

if (!BUILT) console.warn('[golden] dist/ is not built (npm run build): the golden traces are skipped');

describe.skipIf(!BUILT)('golden traces (test/golden/*.trace)', () => {
  const programs = new Map(listPrograms().map((p) => [p.name, p]));
  const dir = mkdtempSync(join(tmpdir(), 'exo-golden-'));

  for (const [name, categories] of GOLDEN) {
    it(`${name} --trace ${categories}`, () => {
      const p = programs.get(name);
      expect(p, `no program ${name}`).toBeDefined();
      const out = join(dir, `${name}.trace`);
      const r = runProgram(p!, ['--trace', categories, '--trace-file', out]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const trace = readFileSync(out, 'latin1');
      expect(trace.length).toBeGreaterThan(0);
      const golden = join(GOLDEN_DIR, `${name}.trace`);
      if (UPDATE) {
        writeFileSync(golden, trace);
        return;
      }
      expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 to create it`).toBe(true);
      // Compare line by line first, so a failure names the first differing event.
      const want = readFileSync(golden, 'latin1');
      const a = trace.split('\n');
      const b = want.split('\n');
      const first = a.findIndex((line, i) => line !== b[i]);
      if (first >= 0 || a.length !== b.length) {
        const at = first >= 0 ? first : Math.min(a.length, b.length);
        expect(`line ${at + 1}: ${a[at] ?? '<end>'}`).toBe(`line ${at + 1}: ${b[at] ?? '<end>'}`);
      }
      expect(trace).toBe(want);
    });
  }
});
