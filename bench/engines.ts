/**
 * `node dist/bench/engines.js`: the two execution engines (interpreter and block compiler,
 * docs/jit.md) on the bench workloads, and optionally the peers, from one run.
 *
 * Each measurement is a fresh Node process (`--child`), so every engine starts cold, as `exo run`
 * does: it loads the workload's Linux ELF (`exo run --abi linux`), runs it and reports the guest
 * instructions, cycles, output and the host time of `Machine.run` alone. The table shows
 *   - guest MIPS from the in-process run time (no Node start-up, no module loading), and
 *   - guest MIPS from the process wall time minus the `empty` program's wall time (the method of
 *     bench/run.ts, comparable with the peers' column),
 * medians of --reps runs; the start-up cost (wall time of the `empty` program) per engine; and
 * the wall time of `programs/hello.s` booted on the exokernel (a short `exo run`) per engine.
 * Both engines must print the same checksum and count the same instructions and cycles (they
 * are exact, test/jit/): a difference is reported as an error.
 *
 *   --workloads a,b   subset of intloop,sieve,matmul,crc32,fib (default: all)
 *   --reps N          repetitions, the median is reported (default 3)
 *   --peers a,b       also run these peers as bench/run.ts does (qemu, gxemul; default: none)
 *   --json            the result as JSON on stdout
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readElf } from '../assembler/elf-read.js';
import { BufferIo } from '../emulator/io.js';
import { jitStats } from '../emulator/jit/engine.js';
import { Machine } from '../emulator/machine.js';
import { bootFirmware } from '../firmware/boot.js';
import { loadImages } from '../firmware/images.js';
import { EMPTY, WORKLOADS, buildWorkloads } from './build.js';
import { ROOT } from './paths.js';
import { emulator } from './emulators.js';
import { runTimed } from './proc.js';
import { geomean, median } from './report.js';

type Engine = 'interp' | 'jit';
const ENGINES: readonly Engine[] = ['interp', 'jit'];

interface ChildResult {
  instructions: number;
  cycles: number;
  output: string;
  runSeconds: number;
  compiled: number;
}

type Mode = 'linux' | 'bare' | 'firmware';

/** The child: one run of one program on one engine; prints a ChildResult. */
function child(engine: Engine, file: string, mode: Mode): void {
  const io = new BufferIo();
  const m = new Machine({ io, engine });
  if (mode === 'firmware') bootFirmware(m, { images: loadImages([file]) });
  else {
    const elf = readElf(readFileSync(file), file);
    if (mode === 'linux') m.loadLinux(elf, [file]);
    else m.loadBare(elf);
  }
  const t0 = process.hrtime.bigint();
  const r = m.run(Infinity);
  const runSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.reason !== 'exit' && r.reason !== 'halt') {
    process.stderr.write(`engines: ${file} on ${engine}: ${JSON.stringify(r)}\n`);
    process.exitCode = 1;
  }
  const res: ChildResult = {
    instructions: m.cpu.instructions,
    cycles: m.cpu.totalCycles,
    output: io.stdout,
    runSeconds,
    compiled: jitStats(m.cpu)?.compiled ?? 0,
  };
  process.stdout.write(JSON.stringify(res) + '\n');
}

const SELF = fileURLToPath(import.meta.url);

async function runChild(engine: Engine, file: string, mode: Mode = 'linux'): Promise<{ wall: number; res: ChildResult }> {
  const p = await runTimed(process.execPath, [SELF, '--child', engine, mode, file], { timeoutSeconds: 600 });
  if (p.code !== 0) throw new Error(`child ${engine} ${file} failed (${p.code}): ${p.stderr.trim().slice(0, 400)}`);
  return { wall: p.seconds, res: JSON.parse(p.stdout) as ChildResult };
}

interface Row {
  workload: string;
  instructions: number;
  cycles: number;
  mipsRun: Record<string, number>;
  mipsWall: Record<string, number>;
  compiled: number;
}

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    args: process.argv.slice(2),
    options: {
      workloads: { type: 'string' },
      reps: { type: 'string' },
      peers: { type: 'string' },
      json: { type: 'boolean' },
      child: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (v.child) {
    const [engine, mode, file] = process.argv.slice(3);
    child(engine as Engine, file!, mode as Mode);
    return 0;
  }
  const workloads = v.workloads ? v.workloads.split(',') : [...WORKLOADS];
  for (const w of workloads) if (!(WORKLOADS as readonly string[]).includes(w)) throw new Error(`unknown workload ${w}`);
  const reps = v.reps ? Number(v.reps) : 3;
  const peers = v.peers ? v.peers.split(',') : [];
  for (const p of peers) if (p !== 'qemu' && p !== 'gxemul') throw new Error(`unknown peer ${p} (qemu, gxemul)`);
  const load0 = loadavg()[0]!;
  const built = new Map(buildWorkloads([EMPTY, ...workloads]).map((b) => [b.name, b]));
  const errors: string[] = [];

  // Start-up: the empty program, per engine and peer.
  const startup: Record<string, number> = {};
  for (const e of ENGINES) {
    const t: number[] = [];
    for (let i = 0; i < reps; i++) t.push((await runChild(e, built.get(EMPTY)!.linuxElf)).wall);
    startup[e] = median(t);
  }
  // A short library-OS program as `exo run programs/hello.s` runs it: firmware boot, kernel,
  // library OS, the program (in-process, so without the CLI's own module loading).
  const hello = `${ROOT}/programs/hello.s`;
  const helloMs: Record<string, number> = {};
  for (const e of ENGINES) {
    const t: number[] = [];
    for (let i = 0; i < reps; i++) t.push((await runChild(e, hello, 'firmware')).wall);
    helloMs[e] = Math.round(median(t) * 1000);
  }
  for (const p of peers) {
    const em = emulator(p as 'qemu' | 'gxemul');
    const miss = em.missing();
    if (miss !== null) {
      errors.push(`${p}: ${miss}`);
      continue;
    }
    const file = em.program({ linuxElf: built.get(EMPTY)!.linuxElf, testmipsElf: built.get(EMPTY)!.testmipsElf })!;
    const t: number[] = [];
    for (let i = 0; i < reps; i++) t.push((await em.run(file, 600)).seconds);
    startup[p] = median(t);
  }

  const rows: Row[] = [];
  for (const w of workloads) {
    const b = built.get(w)!;
    const row: Row = { workload: w, instructions: 0, cycles: 0, mipsRun: {}, mipsWall: {}, compiled: 0 };
    const outputs = new Map<string, string>();
    for (const e of ENGINES) {
      const run: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < reps; i++) {
        process.stderr.write(`engines: ${w} on ${e} (${i + 1}/${reps})\n`);
        const { wall: s, res } = await runChild(e, b.linuxElf);
        if (row.instructions === 0) {
          row.instructions = res.instructions;
          row.cycles = res.cycles;
        } else if (res.instructions !== row.instructions || res.cycles !== row.cycles) {
          errors.push(`${w}: ${e} counted ${res.instructions} instructions / ${res.cycles} cycles, expected ${row.instructions} / ${row.cycles}`);
        }
        outputs.set(e, res.output);
        if (e === 'jit') row.compiled = res.compiled;
        run.push(res.runSeconds);
        wall.push(s);
      }
      row.mipsRun[e] = row.instructions / median(run) / 1e6;
      row.mipsWall[e] = row.instructions / (median(wall) - startup[e]!) / 1e6;
    }
    if (outputs.get('interp') !== outputs.get('jit')) errors.push(`${w}: the engines printed different output`);
    for (const p of peers) {
      if (startup[p] === undefined) continue;
      const em = emulator(p as 'qemu' | 'gxemul');
      const file = em.program({ linuxElf: b.linuxElf, testmipsElf: b.testmipsElf })!;
      // GXemul runs the testmips twin: its instruction count comes from our bare run of it.
      const n = p === 'gxemul' ? (await runChild('jit', b.testmipsElf, 'bare')).res.instructions : row.instructions;
      const t: number[] = [];
      for (let i = 0; i < reps; i++) {
        process.stderr.write(`engines: ${w} on ${p} (${i + 1}/${reps})\n`);
        const r = await em.run(file, 600);
        if (em.guestOutput(r.stdout) !== outputs.get('interp')) errors.push(`${w}: ${p} printed ${JSON.stringify(r.stdout.slice(0, 80))}`);
        t.push(r.seconds);
      }
      row.mipsWall[p] = n / (median(t) - startup[p]!) / 1e6;
    }
    rows.push(row);
  }

  const result = {
    date: new Date().toISOString(),
    host: { cpus: cpus().length, node: process.version, loadavgBefore: load0, loadavgAfter: loadavg()[0] },
    reps,
    startupMs: Object.fromEntries(Object.entries(startup).map(([k, s]) => [k, Math.round(s * 1000)])),
    helloMs,
    rows,
    geomean: {
      run: Object.fromEntries(ENGINES.map((e) => [e, geomean(rows.map((r) => r.mipsRun[e]!))])),
      wall: Object.fromEntries([...ENGINES, ...peers].map((e) => [e, geomean(rows.map((r) => r.mipsWall[e]).filter((x): x is number => x !== undefined))])),
    },
    errors,
  };
  if (v.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(format(result, peers));
  return errors.length > 0 ? 1 : 0;
}

function format(r: { startupMs: Record<string, number>; helloMs: Record<string, number>; rows: Row[]; geomean: { run: Record<string, number | undefined>; wall: Record<string, number | undefined> }; errors: string[]; reps: number; host: { loadavgBefore: number; loadavgAfter: number | undefined } }, peers: string[]): string {
  const f = (x: number | undefined): string => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const cols = ['interp run', 'jit run', 'interp wall', 'jit wall', ...peers.map((p) => `${p} wall`), 'jit/interp'];
  const lines = [`guest MIPS, median of ${r.reps} (run: Machine.run time only; wall: process time minus the empty program's)`, ''];
  lines.push(['workload'.padEnd(9), ...cols.map((c) => c.padStart(12))].join(' '));
  for (const row of r.rows) {
    lines.push([
      row.workload.padEnd(9),
      ...[row.mipsRun.interp, row.mipsRun.jit, row.mipsWall.interp, row.mipsWall.jit, ...peers.map((p) => row.mipsWall[p])].map((x) => f(x).padStart(12)),
      (row.mipsRun.jit! / row.mipsRun.interp!).toFixed(2).padStart(12),
    ].join(' '));
  }
  const g = r.geomean;
  lines.push([
    'geomean'.padEnd(9),
    ...[g.run.interp, g.run.jit, g.wall.interp, g.wall.jit, ...peers.map((p) => g.wall[p])].map((x) => f(x).padStart(12)),
    (g.run.jit! / g.run.interp!).toFixed(2).padStart(12),
  ].join(' '));
  lines.push('', `start-up (empty program, wall): ${Object.entries(r.startupMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  lines.push(`programs/hello.s on the exokernel (process wall, firmware build and boot included): ${Object.entries(r.helloMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  lines.push(`load average: ${r.host.loadavgBefore.toFixed(2)} before, ${(r.host.loadavgAfter ?? 0).toFixed(2)} after`);
  for (const e of r.errors) lines.push(`error: ${e}`);
  return lines.join('\n') + '\n';
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`engines: error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
