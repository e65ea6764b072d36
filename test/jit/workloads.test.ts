/**
 * The bench workloads (bench/workloads, built here with Debian's mipsel gcc as bench/build.ts
 * does) run to completion (~150 M instructions each) under both engines: identical output,
 * exit status, final state and every counter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readElf } from '../../assembler/elf-read.js';
import { GCC, buildWorkloads } from '../../bench/build.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { hasTool } from '../helpers/oracles.js';
import { fullState } from './lockstep.js';

const WORKLOADS = ['intloop', 'sieve', 'matmul', 'crc32', 'fib'];
const HAVE_GCC = hasTool(GCC);
if (!HAVE_GCC) console.warn(`[jit] ${GCC} is not installed (Debian gcc-mipsel-linux-gnu): the workload comparison is skipped`);

function run(file: string, engine: 'interp' | 'jit') {
  const io = new BufferIo();
  const m = new Machine({ io, engine });
  m.loadLinux(readElf(readFileSync(file), file), [file]);
  const r = m.run(1_000_000_000);
  return { r, out: io.stdout, state: fullState(m) };
}

describe.skipIf(!HAVE_GCC)('bench workloads: jit = interpreter', () => {
  const files = HAVE_GCC ? new Map(buildWorkloads(WORKLOADS).map((b) => [b.name, b.linuxElf])) : new Map<string, string>();
  for (const w of WORKLOADS) {
    it(w, () => {
      const file = files.get(w)!;
      const a = run(file, 'interp');
      const b = run(file, 'jit');
      expect(a.r).toEqual({ reason: 'exit', code: 0 });
      expect(a.out).toMatch(new RegExp(`^${w}: checksum=0x[0-9a-f]{8}\\n$`));
      expect(b.r).toEqual(a.r);
      expect(b.out).toBe(a.out);
      expect(b.state).toEqual(a.state);
    }, 60_000);
  }
});
