/**
 * Where the benchmark finds its sources and puts its build products. The harness runs from
 * `dist/bench/` (compiled) but reads the committed sources in `bench/` and builds into
 * `bench/out/` (gitignored), so it walks up to the repository root first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'exo-r3000') return dir;
      } catch {
        // not our package.json: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the exo-r3000 repository root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const ROOT = findRoot();
export const BENCH_DIR = join(ROOT, 'bench');
export const WORKLOAD_DIR = join(BENCH_DIR, 'workloads');
export const SPIM_DIR = join(BENCH_DIR, 'spim');
export const OUT_DIR = join(BENCH_DIR, 'out');
export const EXO_CLI = join(ROOT, 'bin', 'exo.js');
