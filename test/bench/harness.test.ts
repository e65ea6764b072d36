/**
 * The emulator benchmark's own logic (bench/run.ts and friends): parsing exo's --stats, the
 * figures derived from timings, the table, and the build of the workloads (with the GNU toolchain).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSpim, buildWorkloads, WORKLOADS } from '../../bench/build.js';
import { runTimed } from '../../bench/proc.js';
import { formatTable, geomean, median, summarise, type BenchResult } from '../../bench/report.js';
import { hostSecondsOf, instructionsOf, parseStats } from '../../bench/stats.js';
import { hasTool, hasTools } from '../helpers/oracles.js';

describe('exo --stats parsing', () => {
  it('reads the cli/run.ts format', () => {
    const s = parseStats('cycles: 154810919\ninstructions: 153978182\ncpi: 1.0054\nhost_seconds: 2.663534\nguest_mips: 57.81\n');
    expect(instructionsOf(s)).toBe(153978182);
    expect(hostSecondsOf(s)).toBeCloseTo(2.663534, 6);
  });
  it('tolerates spelling variants and ignores other lines', () => {
    const s = parseStats('exo: stopped\nInstructions : 1,234\nhost seconds: 0.5s\n');
    expect(instructionsOf(s)).toBe(1234);
    expect(hostSecondsOf(s)).toBe(0.5);
    expect(instructionsOf(parseStats('cycles: 5\n'))).toBeUndefined();
  });
});

describe('figures', () => {
  it('median and geomean', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(geomean([1, 100])).toBeCloseTo(10, 10);
    expect(geomean([])).toBeUndefined();
    expect(geomean([1, 0])).toBeUndefined();
  });

  it('summarises geomeans and exo/peer ratios, and tables them', () => {
    const r: BenchResult = {
      date: '', host: { cpus: 2, node: 'v20', platform: 'linux-x64' }, reps: 1,
      emulators: [
        { id: 'exo', command: 'exo', startupSeconds: 0.15 },
        { id: 'qemu', command: 'qemu', startupSeconds: 0.01 },
        { id: 'spim', command: 'spim', skipped: 'spim is not installed' },
      ],
      workloads: [
        { name: 'a', cells: { exo: { status: 'ok', runs: [1], instructions: 2e8, mips: 100 }, qemu: { status: 'ok', runs: [1], mips: 1000 } } },
        { name: 'b', cells: { exo: { status: 'ok', runs: [1], instructions: 1e8, mips: 400 }, qemu: { status: 'ok', runs: [1], mips: 4000 } } },
      ],
      geomean: {}, ratios: {}, notes: [],
    };
    summarise(r);
    expect(r.geomean.exo).toBeCloseTo(200, 9);
    expect(r.geomean.qemu).toBeCloseTo(2000, 9);
    expect(r.ratios.qemu?.perWorkload).toEqual({ a: 0.1, b: 0.1 });
    expect(r.ratios.qemu?.geomean).toBeCloseTo(0.1, 12);
    const t = formatTable(r);
    expect(t).toMatch(/^a\s+200\.0\s+100\s+1000\s+0\.10$/m);
    expect(t).toMatch(/^geomean\s+200\s+2000\s+0\.10$/m);
    expect(t).toContain('skipped spim: spim is not installed');
  });

  it('leaves out the geomean of an emulator that missed a workload', () => {
    const r: BenchResult = {
      date: '', host: { cpus: 2, node: 'v20', platform: 'linux-x64' }, reps: 1,
      emulators: [{ id: 'gxemul', command: 'gxemul' }],
      workloads: [
        { name: 'a', cells: { gxemul: { status: 'ok', runs: [1], mips: 300 } } },
        { name: 'b', cells: { gxemul: { status: 'wrong-output', runs: [1], note: 'printed x' } } },
      ],
      geomean: {}, ratios: {}, notes: [],
    };
    summarise(r);
    expect(r.geomean.gxemul).toBeUndefined();
    expect(formatTable(r)).toMatch(/^b\s+\?\s+WRONG-OUTPUT$/m);
  });
});

const GNU = ['mipsel-linux-gnu-gcc', 'mipsel-linux-gnu-as', 'mipsel-linux-gnu-ld'];
describe.skipIf(!hasTools(...GNU))('workload build', () => {
  it('links the testmips ELF entirely in kseg0 and the Linux ELF in kuseg', () => {
    const [empty] = buildWorkloads(['empty']);
    const segments = (file: string): number[] => {
      const b = readFileSync(file);
      const phoff = b.readUInt32LE(28), phentsize = b.readUInt16LE(42), phnum = b.readUInt16LE(44);
      const vaddrs: number[] = [];
      for (let i = 0; i < phnum; i++) {
        const p = phoff + i * phentsize;
        if (b.readUInt32LE(p) === 1 /* PT_LOAD */) vaddrs.push(b.readUInt32LE(p + 8));
      }
      return vaddrs;
    };
    const bare = segments(empty!.testmipsElf);
    expect(bare.length).toBeGreaterThan(0);
    for (const v of bare) expect(v >= 0x80000000 && v < 0xa0000000, `segment at 0x${v.toString(16)}`).toBe(true);
    for (const v of segments(empty!.linuxElf)) expect(v < 0x80000000).toBe(true);
  });

  it.skipIf(!hasTool('qemu-mipsel'))('the Linux ELF and the SPIM twin print their line on qemu-mipsel', () => {
    const [empty] = buildWorkloads(['empty']);
    const [twin] = buildSpim(['empty']);
    for (const elf of [empty!.linuxElf, twin!.linuxElf]) {
      const r = spawnSync('qemu-mipsel', [elf], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('empty: checksum=0x00000001\n');
    }
  });
});

// The SPIM twins are small (~5 million instructions): run them all on exo and qemu-mipsel, and the
// bare `empty` program on exo --bare and GXemul, so a broken benchmark program (or a runtime
// that stopped matching an emulator) shows up in CI, not only when someone runs the bench.
const EXO = fileURLToPath(new URL('../../bin/exo.js', import.meta.url));
describe.skipIf(!hasTools(...GNU, 'qemu-mipsel'))('benchmark programs agree across emulators', () => {
  it('each SPIM twin prints the same line on exo --abi linux as on qemu-mipsel', () => {
    for (const twin of buildSpim([...WORKLOADS])) {
      const q = spawnSync('qemu-mipsel', [twin.linuxElf], { encoding: 'utf8', timeout: 60_000 });
      expect(q.status, `qemu on ${twin.name}`).toBe(0);
      expect(q.stdout).toMatch(new RegExp(`^${twin.name}: checksum=0x[0-9a-f]{8}\\n$`));
      const e = spawnSync(process.execPath, [EXO, 'run', '--abi', 'linux', twin.linuxElf], { encoding: 'utf8', timeout: 60_000 });
      expect(e.status, `exo on ${twin.name}: ${e.stderr}`).toBe(0);
      expect(e.stdout, twin.name).toBe(q.stdout);
    }
  });

  it.skipIf(!hasTool('gxemul'))('the testmips empty program prints the same on exo --bare and GXemul', async () => {
    const [empty] = buildWorkloads(['empty']);
    const g = await runTimed('gxemul', ['-q', '-E', 'testmips', '-C', 'R3000', empty!.testmipsElf], { timeoutSeconds: 30, openStdin: true });
    expect(g.timedOut).toBe(false);
    expect(g.stdout).toBe('empty: checksum=0x00000001\n');
    const e = spawnSync(process.execPath, [EXO, 'run', '--bare', empty!.testmipsElf], { encoding: 'utf8', timeout: 30_000 });
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toBe(g.stdout);
  });
});
