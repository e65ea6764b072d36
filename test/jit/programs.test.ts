/**
 * Whole programs under both engines: the bare test programs (programs/tests/*.s, assembled as
 * `exo run --bare` does) and the library-OS programs booted on the exokernel (as `exo run` does).
 * Output, run result and the complete final state (lockstep.ts fullState: registers, CP0, TLB,
 * every counter and cycle, caches, write buffer, all of RAM) must be identical.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { readElf } from '../../assembler/elf-read.js';
import { BufferIo } from '../../emulator/io.js';
import { jitOptions, jitStats } from '../../emulator/jit/engine.js';
import { Machine } from '../../emulator/machine.js';
import { bootFirmware } from '../../firmware/boot.js';
import { loadImages } from '../../firmware/images.js';
import { fullState } from './lockstep.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const saved = { ...jitOptions };
beforeAll(() => {
  // Compile at the second visit: almost everything that repeats runs compiled.
  jitOptions.hotThreshold = 2;
});
afterAll(() => Object.assign(jitOptions, saved));

type Engine = 'interp' | 'jit';

function compare(run: (engine: Engine) => { m: Machine; io: BufferIo; r: unknown }): number {
  const a = run('interp');
  const b = run('jit');
  expect(b.r).toEqual(a.r);
  expect(b.io.stdout).toBe(a.io.stdout);
  expect(b.io.stderr).toBe(a.io.stderr);
  const sa = fullState(a.m);
  const sb = fullState(b.m);
  for (const k of Object.keys(sa) as (keyof typeof sa)[]) expect(sb[k], k).toEqual(sa[k]);
  return jitStats(b.m.cpu)?.entries ?? 0;
}

describe('bare test programs: jit = interpreter', () => {
  const dir = join(ROOT, 'programs/tests');
  const files = readdirSync(dir).filter((f) => f.endsWith('.s')).sort();
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    // Programs with their own link address or run options (disks, ROM images) are left to
    // test/programs; the rest run as `exo run --bare prog.s` does (.text at 0x80030000).
    const special = /^#\s*(link|run):/m.test(text);
    it.skipIf(special)(f, () => {
      const out = assemble([{ name: join(dir, f), text }], { textAddr: 0x80030000 });
      expect(out.elf, out.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
      const elf = readElf(out.elf!, f);
      compare((engine) => {
        const io = new BufferIo();
        const m = new Machine({ io, engine });
        m.loadBare(elf);
        return { m, io, r: m.run(50_000_000) };
      });
    });
  }
});

describe('library-OS programs on the exokernel: jit = interpreter', () => {
  const cases: { files: string[]; stdin?: string; net?: number }[] = [
    { files: ['programs/hello.s'] },
    { files: ['programs/fib.s'] },
    { files: ['programs/sieve.s'] },
    { files: ['programs/matmul.s'] },
    { files: ['programs/echo.s'], stdin: 'hello jit\nsecond line\n' },
    { files: ['programs/cow.s'] },
    { files: ['programs/demand-paging.s'] },
    { files: ['programs/spawn.s'] },
    { files: ['programs/pingpong.s', 'programs/pingpong-peer.s'] },
    { files: ['programs/pipe.s', 'programs/pipe-peer.s'] },
    { files: ['programs/shm.s', 'programs/shm-peer.s'] },
    { files: ['programs/stride.s'] },
    { files: ['programs/isolation.s', 'programs/isolation-victim.s'] },
    // Frames arrive by DMA into RAM at device events; the ASH variant runs kernel-generated code.
    { files: ['programs/net-ping.s', 'programs/net-echo.s'], net: 0 },
    { files: ['programs/net-ping.s', 'programs/net-echo-ash.s'], net: 0 },
  ];
  for (const c of cases) {
    it(c.files.join(' + '), () => {
      const images = loadImages(c.files.map((f) => join(ROOT, f)));
      const entries = compare((engine) => {
        const io = new BufferIo(new TextEncoder().encode(c.stdin ?? ''));
        const m = new Machine({ io, engine, netLoopback: c.net });
        bootFirmware(m, { images });
        return { m, io, r: m.run(300_000_000) };
      });
      expect(entries).toBeGreaterThan(0);
    }, 60_000);
  }
});
