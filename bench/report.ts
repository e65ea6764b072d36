/** The bench's result model, its derived figures (guest MIPS, geomeans, ratios) and the table. */
import { EMULATOR_IDS, type EmulatorId } from './emulators.js';

export type CellStatus = 'ok' | 'wrong-output' | 'failed' | 'no-program';

export interface Cell {
  status: CellStatus;
  /** Wall-clock seconds of each repetition. */
  runs: number[];
  /** Median wall-clock seconds. */
  seconds?: number;
  /** Median minus the emulator's start-up time (the empty program's median). */
  netSeconds?: number;
  /** Guest instructions executed (counted by exo on the same program). */
  instructions?: number;
  /** Millions of guest instructions per second of net time. */
  mips?: number;
  /** exo only: the run's own `host_seconds` (machine.run() time, no process start-up). */
  internalSeconds?: number;
  output?: string;
  note?: string;
}

export interface WorkloadResult {
  name: string;
  cells: Partial<Record<EmulatorId, Cell>>;
}

export interface EmulatorInfo {
  id: EmulatorId;
  command: string;
  /** Why it did not run (missing tool, not selected by --emulators is not listed). */
  skipped?: string;
  /** Median seconds of the empty program. */
  startupSeconds?: number;
}

export interface BenchResult {
  date: string;
  host: { cpus: number; node: string; platform: string };
  reps: number;
  emulators: EmulatorInfo[];
  workloads: WorkloadResult[];
  /** Geometric mean of guest MIPS over the workloads each emulator completed. */
  geomean: Partial<Record<EmulatorId, number>>;
  /** exo MIPS / peer MIPS: per workload and the ratio of geomeans. */
  ratios: Partial<Record<EmulatorId, { perWorkload: Record<string, number>; geomean?: number }>>;
  notes: string[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function geomean(xs: number[]): number | undefined {
  if (xs.length === 0 || xs.some((x) => !(x > 0))) return undefined;
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Fills in geomean and ratios from the cells. */
export function summarise(r: BenchResult): void {
  const ran = r.emulators.filter((e) => e.skipped === undefined).map((e) => e.id);
  for (const id of ran) {
    const mips = r.workloads.map((w) => w.cells[id]?.mips).filter((m): m is number => m !== undefined);
    const g = mips.length === r.workloads.length ? geomean(mips) : undefined;
    if (g !== undefined) r.geomean[id] = g;
    else if (mips.length > 0) r.notes.push(`${id}: no geomean (only ${mips.length} of ${r.workloads.length} workloads measured)`);
  }
  if (!ran.includes('exo')) return;
  for (const id of ran) {
    if (id === 'exo') continue;
    const perWorkload: Record<string, number> = {};
    for (const w of r.workloads) {
      const a = w.cells.exo?.mips;
      const b = w.cells[id]?.mips;
      if (a !== undefined && b !== undefined && b > 0) perWorkload[w.name] = a / b;
    }
    const ge = r.geomean.exo, gp = r.geomean[id];
    r.ratios[id] = { perWorkload, ...(ge !== undefined && gp !== undefined ? { geomean: ge / gp } : {}) };
  }
}

function fmtMips(c: Cell | undefined): string {
  if (c === undefined) return '-';
  if (c.status !== 'ok') return c.status === 'no-program' ? '-' : c.status.toUpperCase();
  if (c.mips === undefined) return c.netSeconds !== undefined && c.netSeconds <= 0 ? 'too short' : 'n/a';
  return c.mips >= 100 ? c.mips.toFixed(0) : c.mips >= 10 ? c.mips.toFixed(1) : c.mips.toFixed(2);
}

function fmtRatio(x: number | undefined): string {
  if (x === undefined) return '-';
  return x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function formatTable(r: BenchResult): string {
  const ran = EMULATOR_IDS.filter((id) => r.emulators.some((e) => e.id === id && e.skipped === undefined));
  const peers = ran.filter((id) => id !== 'exo' && r.ratios[id] !== undefined);
  const header = ['workload', 'Minstr', ...ran.map((id) => id), ...peers.map((id) => `exo/${id}`)];
  const rows: string[][] = [header];
  for (const w of r.workloads) {
    const n = w.cells.exo?.instructions ?? w.cells.qemu?.instructions ?? w.cells.gxemul?.instructions;
    rows.push([
      w.name,
      n !== undefined ? (n / 1e6).toFixed(1) : '?',
      ...ran.map((id) => fmtMips(w.cells[id])),
      ...peers.map((id) => fmtRatio(r.ratios[id]?.perWorkload[w.name])),
    ]);
  }
  rows.push([
    'geomean',
    '',
    ...ran.map((id) => {
      const g = r.geomean[id];
      return g === undefined ? '-' : g >= 100 ? g.toFixed(0) : g >= 10 ? g.toFixed(1) : g.toFixed(2);
    }),
    ...peers.map((id) => fmtRatio(r.ratios[id]?.geomean)),
  ]);
  rows.push([
    'start-up ms',
    '',
    ...ran.map((id) => {
      const s = r.emulators.find((e) => e.id === id)?.startupSeconds;
      return s === undefined ? '-' : (s * 1000).toFixed(0);
    }),
    ...peers.map(() => ''),
  ]);
  const lines = [
    `guest MIPS (millions of guest instructions per second), median of ${r.reps} run(s), start-up subtracted`,
    '',
    table(rows),
    '',
  ];
  if (ran.includes('spim')) {
    const spimSizes = r.workloads
      .map((w) => (w.cells.spim?.instructions !== undefined ? `${w.name} ${(w.cells.spim.instructions / 1e6).toFixed(1)}` : undefined))
      .filter(Boolean);
    if (spimSizes.length > 0) lines.push(`spim runs the smaller bench/spim twins (Minstr: ${spimSizes.join(', ')})`);
  }
  for (const e of r.emulators) if (e.skipped !== undefined) lines.push(`skipped ${e.id}: ${e.skipped}`);
  for (const w of r.workloads)
    for (const id of ran) {
      const c = w.cells[id];
      if (c?.note !== undefined) lines.push(`${w.name} on ${id}: ${c.note}`);
    }
  lines.push(...r.notes);
  return lines.join('\n') + '\n';
}
