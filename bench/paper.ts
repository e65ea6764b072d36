/**
 * `exo bench paper`: the paper's tables rerun on our machine (Engler et al., SOSP '95; the figures
 * are `../shared/reference/exokernel.md` §3). Each row: our cycles and instructions, our µs at
 * 25 MHz, the paper's Aegis/ExOS and Ultrix cycles for the DEC5000/125, and the ratios ours ÷
 * paper. Nothing is hard-coded but the paper's own figures: every row is measured here, or shown
 * as not measured with the reason.
 *
 * Method (as bench/kernel.ts): guest programs run as environments of the exokernel; a probe sees
 * every instruction boundary and records the boundaries at watched addresses. A row is the
 * interval from the boundary before the start label `m_<row>` (in the environment named) to the
 * next boundary before the end label `m_<row>_end` (in its environment), in the LAST of several
 * repetitions (warm caches and TLB: the paper's "best case"). An optional absolute symbol
 * `m_<row>_div` divides the interval (per-page figures such as appel1/appel2).
 *
 * Tables 4 (procedure call here; system calls from bench/kernel.ts), 5 and 6 (bench/kernel.ts),
 * 8 and 12 (bench/paper/ipc-*.s over programs/lib/ipc.s), 9 (bench/paper/matmul.c compiled by
 * Debian's mipsel gcc, linked by our assembler with the library OS's crt0), 10 and 13
 * (bench/paper/vm-linear.s and vm-inverted.s, written with the VM library: rows appear when
 * their labels do).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { C0_ENTRYHI } from '../emulator/cop0.js';
import type { Cpu } from '../emulator/cpu.js';
import { BufferIo } from '../emulator/io.js';
import { Machine } from '../emulator/machine.js';
import { Tracer } from '../emulator/trace.js';
import { bootFirmware } from '../firmware/boot.js';
import { assembleProgram, imageFromElf, type ProgramImage } from '../firmware/images.js';
import { asidOfSlot, MHZ, runKernelBench, type KernelRow } from './kernel.js';
import { hasTool } from './tools.js';

export { MHZ };

export interface PaperRow {
  /** The paper's table number. */
  readonly table: number;
  readonly name: string;
  /** Our measurement (null: not measured, see `note`). */
  readonly cycles: number | null;
  readonly instructions: number | null;
  /** cycles / 25. */
  readonly us: number | null;
  /** The paper's Aegis/ExOS figure in cycles (DEC5000/125 unless `note` says otherwise). */
  readonly exos: number | null;
  /** The paper's Ultrix figure in cycles (null: n/a or not given). */
  readonly ultrix: number | null;
  /** cycles ÷ exos and cycles ÷ ultrix. */
  readonly vsExos: number | null;
  readonly vsUltrix: number | null;
  /** Whether the row meets the goal (null: no goal or not measured). */
  readonly goal: boolean | null;
  /** Why a row is not measured, or what to know about it. */
  readonly note: string | null;
}

/** The matrix multiply's gcc flags (the issue's; the paper used gcc 2.6.0 -O2). */
export const MATMUL_CFLAGS = ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static'];
export const GCC = 'mipsel-linux-gnu-gcc';
/** Table 9's paper figures: 3.7 s (ExOS) and 3.8 s (Ultrix) at 25 MHz. */
const MATMUL_EXOS = 92.5e6;
const MATMUL_ULTRIX = 95.0e6;

export interface PaperOptions {
  /** Tables to run (default all). */
  readonly tables?: readonly number[];
  /** The library OS's start file (default programs/lib/crt0.s). */
  readonly crt0?: string;
}

function here(rel: string): string {
  // From bench/ (vitest, tsx) or dist/bench/ (the built CLI).
  for (const base of ['./', '../../bench/']) {
    const p = fileURLToPath(new URL(base + rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('./' + rel, import.meta.url));
}

const paperDir = (): string => here('paper');

interface Event {
  pc: number;
  asid: number;
  cycles: number;
  insn: number;
}

/** Records the boundaries at watched addresses (every boundary is seen; few are kept). */
export class Watch extends Tracer {
  readonly events: Event[] = [];
  private n = 0;
  constructor(private readonly pcs: ReadonlySet<number>) {
    super(0, () => {});
  }
  override instruction(cpu: Cpu): void {
    this.n++;
    const pc = cpu.pc >>> 0;
    if (this.pcs.has(pc)) this.events.push({ pc, asid: (cpu.cop0[C0_ENTRYHI]! >>> 6) & 63, cycles: cpu.totalCycles, insn: this.n });
  }
}

interface Program {
  image: ProgramImage;
  symbols: Map<string, number>;
}

function assemble(path: string, crt0: string | undefined): Program {
  const elf = assembleProgram(path, readFileSync(path, 'utf8'), {
    crt0,
    diag: (line) => {
      if (/error/.test(line)) throw new Error(`internal: bench program does not assemble: ${line}`);
    },
  });
  return { image: imageFromElf(elf, path), symbols: new Map(elf.symbols.map((s) => [s.name, s.value >>> 0])) };
}

/** A label in environment `env` (1-based, command-line order). */
interface Mark {
  env: number;
  label: string;
}

interface Measured {
  cycles: number;
  instructions: number;
}

/**
 * Runs the programs as environments and measures each [start, end] pair: the last interval
 * from a start boundary to the next end boundary. Returns null for a pair whose labels are absent.
 */
function measure(programs: Program[], pairs: readonly (readonly [Mark, Mark])[], what: string, maxCycles = 50_000_000): (Measured | null)[] {
  const addr = (m: Mark): number | undefined => programs[m.env - 1]?.symbols.get(m.label);
  const pcs = new Set<number>();
  for (const [a, b] of pairs) {
    const x = addr(a);
    const y = addr(b);
    if (x !== undefined && y !== undefined) pcs.add(x).add(y);
  }
  const io = new BufferIo();
  const m = new Machine({ io });
  bootFirmware(m, { images: programs.map((p) => p.image) });
  const watch = new Watch(pcs);
  m.setTracer(watch);
  const r = m.run(maxCycles);
  if (r.reason !== 'halt' || r.code !== 0) {
    throw new Error(`internal: bench ${what} ended with ${r.reason} ${r.code}: ${(io.stdout + io.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  }
  return pairs.map(([a, b]) => {
    const x = addr(a);
    const y = addr(b);
    if (x === undefined || y === undefined) return null;
    const sa = asidOfSlot(a.env);
    const sb = asidOfSlot(b.env);
    let last: Measured | null = null;
    let start: Event | null = null;
    for (const e of watch.events) {
      if (start !== null && e.pc === y && e.asid === sb) {
        last = { cycles: e.cycles - start.cycles, instructions: e.insn - start.insn };
        start = null;
      } else if (e.pc === x && e.asid === sa) start = e;
    }
    if (last === null) throw new Error(`internal: bench ${what}: no interval ${a.label} -> ${b.label}`);
    const div = programs[a.env - 1]!.symbols.get(`${a.label}_div`);
    if (div !== undefined && div > 0) last = { cycles: last.cycles / div, instructions: last.instructions / div };
    return last;
  });
}

function row(table: number, name: string, m: Measured | null, exos: number | null, ultrix: number | null, note: string | null = null, goal?: (cycles: number) => boolean): PaperRow {
  const cycles = m === null ? null : m.cycles;
  const ok = cycles === null ? null : goal !== undefined ? goal(cycles) : exos === null ? null : cycles <= exos;
  return {
    table,
    name,
    cycles,
    instructions: m === null ? null : m.instructions,
    us: cycles === null ? null : cycles / MHZ,
    exos,
    ultrix,
    vsExos: cycles === null || exos === null ? null : cycles / exos,
    vsUltrix: cycles === null || ultrix === null ? null : cycles / ultrix,
    goal: ok,
    note,
  };
}

const fromKernel = (rows: KernelRow[], prefix: string): Measured => {
  const r = rows.find((x) => x.name.startsWith(prefix));
  if (r === undefined) throw new Error(`internal: bench/kernel.ts has no row ${prefix}`);
  return { cycles: r.cycles, instructions: r.instructions };
};

function kernelTables(tables: ReadonlySet<number>, crt0: string | undefined): PaperRow[] {
  const out: PaperRow[] = [];
  if (tables.has(4)) {
    const [call] = measure([assemble(join(paperDir(), 'proc.s'), crt0)], [[{ env: 1, label: 'm_call' }, { env: 1, label: 'm_call_end' }]], 'proc.s');
    out.push(row(4, 'procedure call (null)', call!, 7, 7));
  }
  if (!tables.has(4) && !tables.has(5) && !tables.has(6)) return out;
  const k = runKernelBench();
  if (tables.has(4)) {
    out.push(row(4, 'system call (getpid), no-stack path', fromKernel(k, 'getenvid'), 40, 532, 'our getenvid'));
    out.push(row(4, 'system call, stack path', fromKernel(k, 'null system call (stack path)'), 58, 532));
  }
  if (tables.has(5)) {
    for (const [what, label, ultrix] of [
      ['unalign', 'unaligned', null],
      ['overflow', 'overflow', 3250],
      ['coproc', 'coprocessor', null],
      ['prot', 'protection', 3850],
    ] as const) {
      out.push(row(5, `exception dispatch: ${what}`, fromKernel(k, `exception dispatch and return (${label})`), 37.5, ultrix));
    }
  }
  if (tables.has(6)) out.push(row(6, 'protected control transfer, one way', fromKernel(k, 'synchronous PCT, one way'), 35, null));
  return out;
}

function ipcTables(tables: ReadonlySet<number>, crt0: string | undefined): PaperRow[] {
  const out: PaperRow[] = [];
  const pair = (name: string): Program[] => [assemble(join(paperDir(), `${name}-a.s`), crt0), assemble(join(paperDir(), `${name}-b.s`), crt0)];
  const span = (startEnv: number, label: string, endEnv: number): readonly [Mark, Mark] => [
    { env: startEnv, label },
    { env: endEnv, label: `${label}_end` },
  ];
  let lrpc: Measured | null = null;
  let tlrpc: Measured | null = null;
  if (tables.has(8) || tables.has(12)) {
    const got = measure(pair('ipc-lrpc'), [span(1, 'm_lrpc', 1), span(1, 'm_tlrpc', 1)], 'ipc-lrpc');
    lrpc = got[0] ?? null;
    tlrpc = got[1] ?? null;
  }
  if (tables.has(8)) {
    const [pipe, pipep] = measure(pair('ipc-pipe'), [span(1, 'm_pipe', 2), span(1, 'm_pipep', 2)], 'ipc-pipe');
    const [shm] = measure(pair('ipc-shm'), [span(1, 'm_shm', 2)], 'ipc-shm');
    out.push(row(8, 'pipe (one way, one word)', pipe!, 355, 4975, 'write, read finds empty, kernel light yield, peer reads'));
    out.push(row(8, "pipe' (read/write inlined)", pipep!, 268, null));
    out.push(row(8, 'shm (one way)', shm!, 142, 2950, 'store, kernel light yield, peer sees it'));
    out.push(row(8, 'lrpc (round trip)', lrpc, 158, null));
  }
  if (tables.has(12)) {
    out.push(row(12, 'lrpc (saves callee-saved registers)', lrpc, 158, null));
    out.push(row(12, 'tlrpc (trusts the server)', tlrpc, 73, null, "the server's procedure is its PCT entry (ipc.s lrpc_set_entry): no stack switch, no call through a pointer"));
  }
  return out;
}

/** Compiles bench/paper/matmul.c to assembly with Debian's gcc (cached in bench/out/paper/). */
function compileMatmul(): string {
  const src = join(paperDir(), 'matmul.c');
  const outDir = join(here('out'), 'paper');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'matmul.s');
  const stamp = join(outDir, 'matmul.flags');
  const flags = MATMUL_CFLAGS.join(' ');
  const fresh = existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs && existsSync(stamp) && readFileSync(stamp, 'utf8') === flags;
  if (!fresh) {
    const r = spawnSync(GCC, [...MATMUL_CFLAGS, '-S', src, '-o', out], { encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`internal: ${GCC} failed on ${src}: ${(r.stderr || r.error?.message || '').trim()}`);
    spawnSync('sh', ['-c', `printf %s "${flags}" > "${stamp}"`]);
  }
  return out;
}

function matmulTable(crt0: string | undefined): PaperRow[] {
  const name = '150x150 integer matrix multiply';
  if (!hasTool(GCC)) return [row(9, name, null, MATMUL_EXOS, MATMUL_ULTRIX, `not measured: ${GCC} is not installed (apt-get install gcc-mipsel-linux-gnu)`)];
  const prog = assemble(compileMatmul(), crt0);
  const [m] = measure([prog], [[{ env: 1, label: 'mm_multiply' }, { env: 1, label: 'mm_done' }]], 'matmul', 400_000_000);
  const diff = (m!.cycles - MATMUL_EXOS) / MATMUL_EXOS;
  const pct = `${diff >= 0 ? '+' : ''}${(diff * 100).toFixed(1)}%`;
  const note =
    Math.abs(diff) <= 0.25
      ? `${pct} vs ExOS: within the 25% goal`
      : `${pct} vs ExOS: outside 25%; see README "exo bench paper" for the reasons (gcc ${'-O2'} of today vs gcc 2.6.0, our cache model)`;
  return [row(9, name, m!, MATMUL_EXOS, MATMUL_ULTRIX, note, (c) => Math.abs(c - MATMUL_EXOS) / MATMUL_EXOS <= 0.25)];
}

/** Table 10 (ExOS, DEC5000/125) and Table 13 (DEC3100: the paper gives no DEC5000 row). */
const VM_OPS = ['dirty', 'prot1', 'prot100', 'unprot100', 'trap', 'appel1', 'appel2'] as const;
const T10_EXOS = [245, 423, 2725, 3575, 120, 850, 550];
const T10_ULTRIX = [null, 800, 2550, 2550, 4025, 6550, 5800];
const T13_ORIGINAL = [218, 407, 2601, 3434, 168, 917, 567];
const T13_INVERTED = [98, 295, 3151, 4051, 168, 673, 482];

function vmRows(table: number, file: string, exos: readonly number[], ultrix: readonly (number | null)[], label: (op: string) => string, extra: string | null, crt0: string | undefined): PaperRow[] {
  const path = join(paperDir(), file);
  if (!existsSync(path)) return VM_OPS.map((op, i) => row(table, label(op), null, exos[i]!, ultrix[i]!, `not measured yet: bench/paper/${file} does not exist (the VM library's benchmark)`));
  const prog = assemble(path, crt0);
  const ops: readonly string[] = table === 10 ? [...VM_OPS, 'trapo32'] : VM_OPS;
  const pairs = ops.map((op) => [{ env: 1, label: `m_${op}` }, { env: 1, label: `m_${op}_end` }] as const);
  const got = measure([prog], pairs, file);
  const rows = VM_OPS.map((op, i) => row(table, label(op), got[i]!, exos[i]!, ultrix[i]!, got[i] === null ? `not measured yet: bench/paper/${file} has no labels m_${op} and m_${op}_end` : extra));
  // Table 10's trap uses a light handler (crt0's built-in skip); the same trap with an o32 handler
  // (every register it may change saved in a frame) is shown beside it, with no paper figure.
  if (table === 10) rows.push(row(table, 'trap, o32 C-callable handler (for comparison)', got[VM_OPS.length]!, null, null, 'the trap row\'s handler is a light one (crt0.s exo_vm_light: no frame); this one saves every register an o32 function may change'));
  return rows;
}

/** Runs the paper's tables (all by default) and returns their rows in table order. */
export function runPaperBench(opts: PaperOptions = {}): PaperRow[] {
  const tables = new Set(opts.tables ?? [4, 5, 6, 8, 9, 10, 12, 13]);
  const rows: PaperRow[] = [...kernelTables(tables, opts.crt0), ...ipcTables(tables, opts.crt0)];
  if (tables.has(9)) rows.push(...matmulTable(opts.crt0));
  if (tables.has(10)) rows.push(...vmRows(10, 'vm-linear.s', T10_EXOS, T10_ULTRIX, (op) => op, null, opts.crt0));
  if (tables.has(13)) {
    const d3100 = 'paper: DEC3100 (Table 13 has no DEC5000 row)';
    rows.push(...vmRows(13, 'vm-linear.s', T13_ORIGINAL, T13_ORIGINAL.map(() => null), (op) => `${op}, linear page table`, d3100, opts.crt0));
    rows.push(...vmRows(13, 'vm-inverted.s', T13_INVERTED, T13_INVERTED.map(() => null), (op) => `${op}, inverted page table`, d3100, opts.crt0));
  }
  return rows.sort((a, b) => a.table - b.table);
}

const num = (n: number | null, digits = 0): string => (n === null ? '-' : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : Number.isInteger(n) ? String(n) : n.toFixed(digits || 1));
const ratio = (r: number | null): string => (r === null ? '-' : r >= 10 || r < 0.01 ? r.toExponential(1) : r.toFixed(2));

/** The table `exo bench paper` prints; notes follow it, numbered. */
export function formatPaperTable(rows: readonly PaperRow[]): string {
  const head = ['table', 'row', 'insns', 'cycles', 'µs@25MHz', 'ExOS/Aegis', 'Ultrix', 'vs ExOS', 'vs Ultrix', 'goal'];
  const notes: string[] = [];
  const body = rows.map((r) => {
    let name = r.name;
    if (r.note !== null) {
      if (!notes.includes(r.note)) notes.push(r.note);
      name += ` [${notes.indexOf(r.note) + 1}]`;
    }
    return [
      String(r.table),
      name,
      r.instructions === null ? '-' : num(r.instructions),
      r.cycles === null ? 'not measured' : num(r.cycles),
      r.us === null ? '-' : r.us >= 1e5 ? `${(r.us / 1e6).toFixed(2)} s` : r.us.toFixed(2),
      num(r.exos),
      num(r.ultrix),
      ratio(r.vsExos),
      ratio(r.vsUltrix),
      r.goal === null ? '' : r.goal ? 'met' : 'MISSED',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  if (notes.length > 0) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  return out.join('\n') + '\n';
}
