/**
 * `exo bench net`: the network rows of the paper (Engler et al., SOSP '95; figures in
 * `../shared/reference/exokernel.md` §3) measured on our machine (issue 7):
 *
 * - Table 7, packet classification: the kernel's call of the classifier the installed filters
 *   compile to (firmware/knet.s `net_dpf_call` .. `net_dpf_ret`: the call, the generated code, the
 *   return), for TCP/IP headers destined for one of 1 and of 10 filters (bench/net/classify*.s),
 *   averaged over the last round of frames (one to each filter).
 * - Table 11, a 60-byte UDP-style echo round trip between two environments (programs/net-ping.s
 *   with programs/net-echo.s, a user-level server, or programs/net-echo-ash.s, an ASH): from the
 *   client's `jal net_send` (m_rtt) to its `net_recv_wait` returning with the reply (m_rtt_end),
 *   averaged over the steady rounds (not the first two, nor the last, after which the server
 *   exits). Our network interface has no wire: the
 *   machine runs with the loopback (a transmitted frame arrives back at once), so the figure is
 *   both machines' software path, kernel and library, on one processor: it excludes the
 *   Ethernet's transmission time (60 bytes at 10 Mb/s: 48 µs, 1200 cycles each way) and the
 *   controller, which the paper's 259/320 µs include.
 *
 * Every row is measured by watching instruction boundaries at the labels (warm caches: later
 * rounds), nothing estimated.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferIo } from '../emulator/io.js';
import { Machine } from '../emulator/machine.js';
import { bootFirmware } from '../firmware/boot.js';
import { buildFirmware } from '../firmware/build.js';
import { assembleProgram, imageFromElf, type ProgramImage } from '../firmware/images.js';
import { MHZ, asidOfSlot } from './kernel.js';
import { Watch } from './paper.js';

export interface NetRow {
  readonly table: number;
  readonly name: string;
  readonly cycles: number;
  readonly instructions: number;
  readonly us: number;
  /** How many intervals the average is over. */
  readonly samples: number;
  /** The paper's ExOS figure in cycles (25 MHz), and what it includes. */
  readonly paper: number | null;
  readonly note: string;
}

function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      readFileSync(join(dir, 'programs/lib/crt0.s'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('internal: cannot find the repository root (programs/lib/crt0.s)');
}

interface Prog {
  image: ProgramImage;
  symbols: Map<string, number>;
}

function assemble(path: string): Prog {
  const elf = assembleProgram(path, readFileSync(path, 'utf8'), {
    diag: (line) => {
      if (/error/.test(line)) throw new Error(`internal: bench program does not assemble: ${line}`);
    },
  });
  return { image: imageFromElf(elf, path), symbols: new Map(elf.symbols.map((s) => [s.name, s.value >>> 0])) };
}

/**
 * Intervals between `start` and the next `end` (addresses; in environment `env`'s address space,
 * or any for kernel addresses: env 0).
 */
function run(files: readonly string[], start: number, end: number, what: string, env = 0): { cycles: number; insn: number }[] {
  const progs = files.map(assemble);
  const io = new BufferIo();
  const m = new Machine({ io, netLoopback: 0 });
  bootFirmware(m, { images: progs.map((p) => p.image) });
  const watch = new Watch(new Set([start, end]));
  m.setTracer(watch);
  const r = m.run(100_000_000);
  if (r.reason !== 'halt' || r.code !== 0) throw new Error(`internal: bench net ${what} ended with ${r.reason} ${r.code}: ${(io.stdout + io.stderr).trim()}`);
  const out: { cycles: number; insn: number }[] = [];
  let s: (typeof watch.events)[number] | null = null;
  const asid = env === 0 ? -1 : asidOfSlot(env);
  for (const e of watch.events) {
    if (asid >= 0 && e.asid !== asid) continue;
    if (e.pc === start) s = e;
    else if (e.pc === end && s !== null) {
      out.push({ cycles: e.cycles - s.cycles, insn: e.insn - s.insn });
      s = null;
    }
  }
  return out;
}

const mean = (xs: readonly { cycles: number; insn: number }[]): { cycles: number; insn: number } => ({
  cycles: xs.reduce((a, x) => a + x.cycles, 0) / xs.length,
  insn: xs.reduce((a, x) => a + x.insn, 0) / xs.length,
});

export function runNetBench(): NetRow[] {
  const dir = root();
  const fw = buildFirmware();
  const k = (name: string): number => {
    const v = fw.symbols.get(name);
    if (v === undefined) throw new Error(`internal: kernel symbol ${name} missing`);
    return v >>> 0;
  };
  const rows: NetRow[] = [];
  for (const [file, nf] of [['classify.s', 1], ['classify10.s', 10]] as const) {
    const iv = run([join(dir, 'bench/net', file)], k('net_dpf_call'), k('net_dpf_ret'), file);
    if (iv.length < 2 * nf) throw new Error(`internal: bench net ${file}: ${iv.length} classifications`);
    const m = mean(iv.slice(-nf));
    rows.push({
      table: 7, name: `DPF classification, ${nf} filter${nf === 1 ? '' : 's'}`, cycles: m.cycles, instructions: m.insn, us: m.cycles / MHZ,
      samples: nf, paper: nf === 10 ? 37.5 : null,
      note: 'the kernel\'s call of the generated classifier, TCP/IP frames, one to each filter (paper: DEC5000/200, average of 1M trials)',
    });
  }
  const ping = join(dir, 'programs/net-ping.s');
  const pingSyms = assemble(ping).symbols;
  const a = pingSyms.get('m_rtt');
  const b = pingSyms.get('m_rtt_end');
  if (a === undefined || b === undefined) throw new Error('internal: programs/net-ping.s has no m_rtt / m_rtt_end');
  for (const [server, name, paper] of [
    ['programs/net-echo.s', 'UDP echo round trip, user-level server', 8000],
    ['programs/net-echo-ash.s', 'UDP echo round trip, ASH server', 6475],
  ] as const) {
    const iv = run([ping, join(dir, server)], a, b, server, 1);
    // The steady state: not the first two rounds (cold caches, the server still setting up) nor
    // the last (the server exits after its last reply, before the client runs again).
    const steady = iv.slice(2, -1);
    const m = mean(steady);
    rows.push({
      table: 11, name, cycles: m.cycles, instructions: m.insn, us: m.cycles / MHZ, samples: steady.length, paper,
      note: 'one processor, loopback interface: no wire, no controller (the paper\'s figure includes 2 x 1200 cycles of Ethernet time)',
    });
  }
  return rows;
}

export function formatNetTable(rows: readonly NetRow[]): string {
  const head = ['table', 'row', 'insns', 'cycles', 'µs@25MHz', 'samples', 'paper ExOS', 'ours/paper'];
  const body = rows.map((r) => [String(r.table), r.name, r.instructions.toFixed(1), r.cycles.toFixed(1), r.us.toFixed(2), String(r.samples), r.paper === null ? '-' : String(r.paper), r.paper === null ? '-' : (r.cycles / r.paper).toFixed(2)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]): string => cols.map((c, i) => (i === 1 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const notes = [...new Set(rows.map((r) => r.note))];
  return [line(head), ...body.map(line), '', ...notes.map((n, i) => `[${i + 1}] ${n}`), '', 'cycles under our timing model; paper figures converted at 25 MHz. Table 7: DPF 1.5 µs; Table 11: ExOS/ASH 259 µs, ExOS 320 µs.'].join('\n');
}
