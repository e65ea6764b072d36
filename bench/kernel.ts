/**
 * `exo bench kernel`: the exokernel's primitives measured in instructions and cycles under our
 * timing model, beside the paper's Aegis and Ultrix figures for the DEC5000/125 converted to
 * cycles at 25 MHz (`../shared/reference/exokernel.md` §3, Tables 4-6; §5.4 for the STLB).
 *
 * Method: each guest program in bench/kernel/ repeats its primitive several times; the machine
 * runs in its debug loop with a probe that sees every instruction boundary (PC, ASID, cycle count).
 * A measurement is the interval from the boundary before a start instruction to the boundary
 * before an end instruction, in the LAST repetition (warm caches and TLB, as the paper measured:
 * "best case"). Instructions = instructions begun in the interval, including the one that traps
 * (a trapping instruction does not retire, so this is the count a reader of the code would
 * make). Cycles = the cycle counter's difference, stalls included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { C0_ENTRYHI } from '../emulator/cop0.js';
import type { Cpu } from '../emulator/cpu.js';
import { BufferIo } from '../emulator/io.js';
import { Machine } from '../emulator/machine.js';
import { Tracer } from '../emulator/trace.js';
import { bootFirmware } from '../firmware/boot.js';
import { buildFirmware } from '../firmware/build.js';
import { assembleProgram, imageFromElf, type ProgramImage } from '../firmware/images.js';

/** The paper's clock for cycle conversions (DEC5000/125, Table 1). */
export const MHZ = 25;

export interface KernelRow {
  /** What is measured. */
  readonly name: string;
  readonly instructions: number;
  readonly cycles: number;
  /** The paper's Aegis instruction count, where it gives one. */
  readonly paperInstructions: number | null;
  /** The paper's Aegis figure in cycles at 25 MHz (a range when the paper gives one). */
  readonly aegisCycles: number | readonly [number, number] | null;
  /** The paper's Ultrix figure in cycles (null: n/a or not given). */
  readonly ultrixCycles: number | null;
  /** Where the paper's numbers come from. */
  readonly source: string;
}

interface Step {
  pc: number;
  asid: number;
  cycles: number;
}

/** Sees every instruction boundary of a traced run (Machine's debug loop). */
class Probe extends Tracer {
  readonly steps: Step[] = [];
  constructor() {
    super(0, () => {});
  }
  override instruction(cpu: Cpu): void {
    this.steps.push({ pc: cpu.pc >>> 0, asid: (cpu.cop0[C0_ENTRYHI]! >>> 6) & 63, cycles: cpu.totalCycles });
  }
}

function benchDir(): string {
  for (const rel of ['./kernel/', '../../bench/kernel/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      readFileSync(join(dir, 'syscall.s'));
      return dir;
    } catch {
      // try the next
    }
  }
  throw new Error('internal: cannot find bench/kernel/*.s');
}

interface Loaded {
  images: ProgramImage[];
  /** Symbols per program (index = environment index - 1). */
  symbols: Map<string, number>[];
}

function load(files: readonly string[]): Loaded {
  const dir = benchDir();
  const images: ProgramImage[] = [];
  const symbols: Map<string, number>[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const elf = assembleProgram(path, readFileSync(path, 'utf8'), {
      diag: (line) => {
        throw new Error(`internal: bench program does not assemble cleanly: ${line}`);
      },
    });
    images.push(imageFromElf(elf, path));
    symbols.push(new Map(elf.symbols.map((s) => [s.name, s.value >>> 0])));
  }
  return { images, symbols };
}

/** Runs the programs as environments to the end; returns every instruction boundary. */
function trace(files: readonly string[]): { steps: Step[]; symbols: Map<string, number>[]; kernel: ReadonlyMap<string, number> } {
  const { images, symbols } = load(files);
  const io = new BufferIo();
  const m = new Machine({ io });
  const fw = buildFirmware();
  bootFirmware(m, { images, firmware: fw });
  const probe = new Probe();
  m.setTracer(probe);
  const r = m.run(50_000_000);
  if (r.reason !== 'halt' || r.code !== 0) {
    throw new Error(`internal: bench programs ${files.join(', ')} ended with ${r.reason} ${r.code}: ${io.stderr.trim()}`);
  }
  return { steps: probe.steps, symbols, kernel: fw.symbols };
}

function sym(symbols: Map<string, number>[], env: number, name: string): number {
  const v = symbols[env - 1]!.get(name);
  if (v === undefined) throw new Error(`internal: bench symbol ${name} missing`);
  return v;
}

/**
 * Intervals from a boundary matching `start` to the next boundary matching `end` (each a
 * predicate on the step); returns the last one as {instructions, cycles} and every one's.
 */
function intervals(steps: Step[], start: (s: Step) => boolean, end: (s: Step) => boolean): { instructions: number; cycles: number }[] {
  const out: { instructions: number; cycles: number }[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (!start(steps[i]!)) continue;
    for (let j = i + 1; j < steps.length; j++) {
      if (end(steps[j]!)) {
        out.push({ instructions: j - i, cycles: steps[j]!.cycles - steps[i]!.cycles });
        i = j - 1;
        break;
      }
    }
  }
  return out;
}

function last<T>(xs: T[], what: string): T {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error(`internal: no measurement of ${what}`);
  return x;
}

/** The ASID the kernel gives environment slot `env`: its 6 bits reversed (kernel.s asid_of_slot). */
export function asidOfSlot(env: number): number {
  let r = 0;
  for (let b = 0; b < 6; b++) if ((env & (1 << b)) !== 0) r |= 1 << (5 - b);
  return r;
}

const at = (env: number, pc: number) => {
  const asid = asidOfSlot(env);
  return (s: Step): boolean => s.pc === pc && s.asid === asid;
};

export function runKernelBench(): KernelRow[] {
  const rows: KernelRow[] = [];
  const row = (name: string, m: { instructions: number; cycles: number }, paperInstructions: number | null, aegis: KernelRow['aegisCycles'], ultrix: number | null, source: string): void => {
    rows.push({ name, instructions: m.instructions, cycles: m.cycles, paperInstructions, aegisCycles: aegis, ultrixCycles: ultrix, source });
  };

  // Null system calls (Table 4: getpid; Aegis no-stack / stack path).
  {
    const t = trace(['syscall.s']);
    const S = (n: string): number => sym(t.symbols, 1, n);
    row('null system call (no-stack path)', last(intervals(t.steps, at(1, S('m_null')), at(1, S('m_null_end'))), 'null'), null, 40, 532, 'Table 4');
    row('null system call (stack path)', last(intervals(t.steps, at(1, S('m_stack')), at(1, S('m_stack_end'))), 'stack'), null, 58, 532, 'Table 4');
    row('getenvid (no-stack path)', last(intervals(t.steps, at(1, S('m_getid')), at(1, S('m_getid_end'))), 'getid'), null, 40, 532, 'Table 4 (getpid)');
  }

  // Exception dispatch (Table 5; §5.3: 18 instructions).
  {
    const t = trace(['dispatch.s']);
    const S = (n: string): number => sym(t.symbols, 1, n);
    const handler = S('handler');
    const kinds: [string, string, number | null][] = [
      ['unaligned', 'm_unalign', null],
      ['overflow', 'm_ovf', 3250],
      ['coprocessor', 'm_cop', null],
      ['protection', 'm_prot', 3850],
    ];
    for (const [what, label, ultrix] of kinds) {
      const d = last(intervals(t.steps, at(1, S(label)), at(1, handler)), `${what} dispatch`);
      row(`exception dispatch to the user handler (${what})`, d, 18, null, null, '§5.3');
      const full = last(intervals(t.steps, at(1, S(label)), at(1, S(`${label}_end`))), what);
      row(`exception dispatch and return (${what})`, full, null, 37.5, ultrix, 'Table 5');
    }
  }

  // STLB refill hit (§5.4: 18 instructions, 1-2 µs).
  {
    const t = trace(['stlb.s']);
    const utlb = t.kernel.get('utlb_vector') ?? 0x80000000;
    const miss = t.kernel.get('stlb_miss');
    if (miss === undefined) throw new Error('internal: kernel symbol stlb_miss missing');
    const all: { instructions: number; cycles: number; hit: boolean }[] = [];
    for (let i = 0; i < t.steps.length; i++) {
      if (t.steps[i]!.pc !== utlb) continue;
      let hit = true;
      for (let j = i + 1; j < t.steps.length; j++) {
        const s = t.steps[j]!;
        if (s.pc === miss) hit = false;
        if (s.pc < 0x80000000) {
          all.push({ instructions: j - i, cycles: s.cycles - t.steps[i]!.cycles, hit });
          i = j - 1;
          break;
        }
      }
    }
    const hits = all.filter((x) => x.hit);
    row('STLB refill hit (UTLB vector to user mode)', last(hits, 'STLB hit'), 18, [25, 50], null, '§5.4');
  }

  // TLB miss upcall to the library OS and back (§5.4: 3-6 µs more than an STLB hit).
  {
    const t = trace(['upcall.s']);
    const S = (n: string): number => sym(t.symbols, 1, n);
    row('TLB miss upcall to the library OS and back', last(intervals(t.steps, at(1, S('m_miss')), at(1, S('m_miss_end'))), 'upcall'), null, [100, 200], null, '§5.4 (STLB hit + 75-150)');
  }

  // Synchronous PCT, one way (Table 6; §5.5: 30 instructions).
  {
    const t = trace(['pct-a.s', 'pct-b.s']);
    row('synchronous PCT, one way', last(intervals(t.steps, at(1, sym(t.symbols, 1, 'm_pct')), at(2, sym(t.symbols, 2, 'b_entry'))), 'pct'), 30, 35, null, 'Table 6');
  }

  // Yield to a named environment (§7.3; the paper gives no figure).
  {
    const t = trace(['yield-a.s', 'yield-b.s']);
    row('yield to a named environment', last(intervals(t.steps, at(1, sym(t.symbols, 1, 'm_yield')), at(2, sym(t.symbols, 2, 'm_resume'))), 'yield'), null, null, null, '§7.3 (no figure)');
  }
  {
    const t = trace(['yield-light-a.s', 'yield-light-b.s']);
    row('light yield to an environment waiting in one', last(intervals(t.steps, at(1, sym(t.symbols, 1, 'm_yield_light')), at(2, sym(t.symbols, 2, 'm_resume'))), 'yield_light'), null, null, null, '§9 (no figure; nothing saved)');
  }
  return rows;
}

const fmtRange = (c: KernelRow['aegisCycles']): string => (c === null ? '-' : typeof c === 'number' ? String(c) : `${c[0]}-${c[1]}`);

/** The table `exo bench kernel` prints. */
export function formatKernelTable(rows: readonly KernelRow[]): string {
  const head = ['primitive', 'insns', 'paper insns', 'cycles', 'µs@25MHz', 'Aegis cycles', 'Ultrix cycles', 'source'];
  const body = rows.map((r) => [
    r.name,
    String(r.instructions),
    r.paperInstructions === null ? '-' : String(r.paperInstructions),
    String(r.cycles),
    (r.cycles / MHZ).toFixed(2),
    fmtRange(r.aegisCycles),
    r.ultrixCycles === null ? '-' : String(r.ultrixCycles),
    r.source,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...body.map(line)].join('\n') + '\n';
}
