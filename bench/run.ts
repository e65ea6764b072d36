/**
 * `npm run bench` (node dist/bench/run.js): builds the workloads, runs them on exo and the peer
 * emulators in one session and prints guest MIPS per workload and emulator, the geomeans and the
 * ratios exo/peer. Method (bench/README.md): wall-clock time of each emulator process, median of
 * N repetitions, minus the median time of the empty program on the same emulator; instruction
 * counts are exo's `--stats instructions` for the very same program file.
 *
 *   --workloads a,b   subset of intloop,sieve,matmul,crc32,fib (default: all)
 *   --emulators a,b   subset of exo,qemu,gxemul,spim (default: all)
 *   --reps N          repetitions per measurement, the median is reported (default 3)
 *   --timeout S       kill a run after S seconds (default 300)
 *   --json            print the result as JSON on stdout instead of the table
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { BuildError, EMPTY, GAS, GCC, GLD, WORKLOADS, buildSpim, buildWorkloads } from './build.js';
import { EMULATOR_IDS, emulator, exoMissing, exoRun, type EmulatorId, type Programs } from './emulators.js';
import type { ProcResult } from './proc.js';
import { runTimed } from './proc.js';
import { formatTable, median, summarise, type BenchResult, type Cell, type WorkloadResult } from './report.js';
import { hostSecondsOf, instructionsOf, parseStats } from './stats.js';
import { hasTool } from './tools.js';

class UsageError extends Error {}

interface Options {
  workloads: string[];
  emulators: EmulatorId[];
  reps: number;
  timeout: number;
  json: boolean;
}

function pickList<T extends string>(value: string | undefined, all: readonly T[], what: string): T[] {
  if (value === undefined) return [...all];
  const picked = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const p of picked) if (!(all as readonly string[]).includes(p)) throw new UsageError(`unknown ${what} '${p}' (choose from ${all.join(', ')})`);
  if (picked.length === 0) throw new UsageError(`no ${what} given`);
  return picked as T[];
}

function positive(value: string | undefined, def: number, what: string): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a positive integer (got '${value}')`);
  return n;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        workloads: { type: 'string' },
        emulators: { type: 'string' },
        reps: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(
      'usage: npm run bench -- [--workloads a,b] [--emulators exo,qemu,gxemul,spim] [--reps N] [--timeout S] [--json]\n',
    );
    process.exit(0);
  }
  return {
    workloads: pickList(v.workloads, WORKLOADS, 'workload'),
    emulators: pickList(v.emulators, EMULATOR_IDS, 'emulator'),
    reps: positive(v.reps, 3, '--reps'),
    timeout: positive(v.timeout, 300, '--timeout'),
    json: v.json === true,
  };
}

function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

/** Why a finished run does not count, or undefined if it succeeded. */
function failure(r: ProcResult): string | undefined {
  if (r.error !== undefined) return `cannot start: ${r.error}`;
  if (r.timedOut) return `timed out after ${r.seconds.toFixed(0)} s`;
  if (r.code !== 0) {
    // The first stderr line that says "error", else the last one outside exo's --stats block.
    const lines = r.stderr.trim().split('\n').filter((l) => l.trim() !== '' && !/^[a-z_]+: [0-9.]+$/.test(l));
    const line = lines.find((l) => /error/i.test(l)) ?? lines.pop();
    return `exit status ${r.code ?? 'signal'}${line ? `: ${line.trim().slice(0, 240)}` : ''}`;
  }
  return undefined;
}

/** Counts a program's instructions with exo (`--stats`); returns the count and the guest output. */
async function exoCount(mode: 'linux' | 'bare', file: string, timeout: number): Promise<{ instructions?: number; output?: string; error?: string }> {
  const r = await exoRun(mode, file, timeout);
  const f = failure(r);
  if (f !== undefined) return { error: `exo --${mode === 'linux' ? 'abi linux' : 'bare'}: ${f}` };
  const n = instructionsOf(parseStats(r.stderr));
  if (n === undefined) return { output: r.stdout, error: 'exo --stats printed no instruction count' };
  return { instructions: n, output: r.stdout };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  for (const t of [GCC, GAS, GLD])
    if (!hasTool(t)) throw new UsageError(`${t} is not installed (Debian packages gcc-mipsel-linux-gnu, binutils-mipsel-linux-gnu): cannot build the workloads`);

  const result: BenchResult = {
    date: new Date().toISOString(),
    host: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    reps: opts.reps,
    emulators: [],
    workloads: [],
    geomean: {},
    ratios: {},
    notes: [],
  };

  log('building workloads in bench/out/');
  const built = buildWorkloads([EMPTY, ...opts.workloads]);
  const spimBuilt = opts.emulators.includes('spim') ? buildSpim([EMPTY, ...opts.workloads]) : [];
  const programs = new Map<string, Programs>();
  for (const b of built) {
    const s = spimBuilt.find((x) => x.name === b.name);
    programs.set(b.name, { linuxElf: b.linuxElf, testmipsElf: b.testmipsElf, ...(s ? { spimSource: s.spimSource, spimElf: s.linuxElf } : {}) });
  }

  const active: EmulatorId[] = [];
  for (const id of opts.emulators) {
    const e = emulator(id);
    const missing = e.missing();
    result.emulators.push({ id, command: e.describe, ...(missing !== null ? { skipped: missing } : {}) });
    if (missing !== null) log(`skipping ${id}: ${missing}`);
    else active.push(id);
  }
  const exoAvailable = exoMissing() === null;

  // Start-up cost: the empty program, median of N.
  for (const id of active) {
    const e = emulator(id);
    const file = e.program(programs.get(EMPTY)!)!;
    const times: number[] = [];
    for (let i = 0; i < opts.reps; i++) {
      const r = await e.run(file, opts.timeout);
      const f = failure(r);
      if (f !== undefined) {
        result.notes.push(`${id}: the empty program failed (${f}); start-up not subtracted`);
        break;
      }
      times.push(r.seconds);
    }
    const info = result.emulators.find((x) => x.id === id)!;
    if (times.length === opts.reps) info.startupSeconds = median(times);
    log(`${id}: start-up ${info.startupSeconds !== undefined ? (info.startupSeconds * 1000).toFixed(0) + ' ms' : 'unknown'}`);
  }

  for (const name of opts.workloads) {
    const p = programs.get(name)!;
    const w: WorkloadResult = { name, cells: {} };
    result.workloads.push(w);

    // Instruction counts and reference outputs, by exo on the same files (the timed exo runs
    // below count the Linux ELF themselves).
    let linuxCount: number | undefined;
    let testmipsCount: number | undefined;
    let spimCount: number | undefined;
    let spimReference: string | undefined;
    const countNotes: string[] = [];
    if (exoAvailable) {
      if (!active.includes('exo') && active.includes('qemu')) {
        const c = await exoCount('linux', p.linuxElf, opts.timeout);
        linuxCount = c.instructions;
        if (c.error) countNotes.push(c.error);
      }
      if (active.includes('gxemul')) {
        const c = await exoCount('bare', p.testmipsElf, opts.timeout);
        testmipsCount = c.instructions;
        if (c.error) countNotes.push(`testmips count: ${c.error}`);
      }
      if (active.includes('spim') && p.spimElf !== undefined) {
        const c = await exoCount('linux', p.spimElf, opts.timeout);
        spimCount = c.instructions;
        spimReference = c.output;
        if (c.error) countNotes.push(`spim twin count: ${c.error}`);
      }
    } else {
      countNotes.push('exo is not runnable, so no instruction counts: seconds only');
    }
    if (active.includes('spim') && p.spimElf !== undefined && hasTool('qemu-mipsel')) {
      const q = await runTimed('qemu-mipsel', [p.spimElf], { timeoutSeconds: opts.timeout });
      if (failure(q) === undefined) spimReference = q.stdout;
    }

    for (const id of active) {
      const e = emulator(id);
      const file = e.program(p);
      if (file === undefined) {
        w.cells[id] = { status: 'no-program', runs: [] };
        continue;
      }
      const cell: Cell = { status: 'ok', runs: [] };
      w.cells[id] = cell;
      const internal: number[] = [];
      for (let i = 0; i < opts.reps; i++) {
        log(`${name} on ${id} (${i + 1}/${opts.reps})`);
        const r = await e.run(file, opts.timeout);
        const f = failure(r);
        if (f !== undefined) {
          cell.status = 'failed';
          cell.note = f;
          break;
        }
        cell.runs.push(r.seconds);
        cell.output = e.guestOutput(r.stdout);
        if (id === 'exo') {
          const stats = parseStats(r.stderr);
          const n = instructionsOf(stats);
          if (n !== undefined) {
            if (linuxCount !== undefined && n !== linuxCount) result.notes.push(`${name}: exo counted ${linuxCount} then ${n} instructions (not deterministic!)`);
            linuxCount = n;
          }
          const hs = hostSecondsOf(stats);
          if (hs !== undefined) internal.push(hs);
        }
      }
      if (cell.status !== 'ok') continue;
      cell.seconds = median(cell.runs);
      if (internal.length > 0) cell.internalSeconds = median(internal);
      const startup = result.emulators.find((x) => x.id === id)!.startupSeconds;
      cell.netSeconds = cell.seconds - (startup ?? 0);
    }

    // Every emulator must print the same checksum line: the C workloads are checked against
    // qemu's output (else exo's, else gxemul's), the SPIM twins against the same instructions
    // run by qemu (else exo).
    const reference = (['qemu', 'exo', 'gxemul'] as const).map((id) => w.cells[id]).find((c) => c?.status === 'ok')?.output;
    for (const id of active) {
      const c = w.cells[id];
      if (c === undefined || c.status !== 'ok') continue;
      const expected = id === 'spim' ? spimReference : reference;
      if (expected !== undefined && c.output !== expected) {
        c.status = 'wrong-output';
        c.note = `printed ${JSON.stringify(c.output?.slice(0, 80))}, expected ${JSON.stringify(expected.slice(0, 80))}`;
      }
      if (id === 'spim' && expected === undefined) c.note = 'output not verified (no reference run)';
      c.instructions = id === 'gxemul' ? testmipsCount : id === 'spim' ? spimCount : linuxCount;
      if (id === 'gxemul' && c.instructions === undefined && linuxCount !== undefined) {
        c.note = 'no exo --bare count for the testmips ELF: MIPS not computed';
      }
      if (c.status === 'ok' && c.instructions !== undefined && c.netSeconds !== undefined && c.netSeconds > 0) {
        c.mips = c.instructions / c.netSeconds / 1e6;
      }
    }
    for (const n of countNotes) result.notes.push(`${name}: ${n}`);
  }

  summarise(result);
  if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(formatTable(result));
  const bad = result.workloads.some((w) => Object.values(w.cells).some((c) => c.status === 'wrong-output' || c.status === 'failed'));
  return bad ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof BuildError) {
      process.stderr.write(`bench: error: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`bench: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    }
  },
);
