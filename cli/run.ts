/**
 * `exo run`: run programs on the machine.
 *   (no mode)       boot the exokernel firmware with each PROG (ELF, or .s assembled at 0x00400000 and
 *                   linked with programs/lib/crt0.s when it defines no __start) as an environment
 *                   (firmware/images.ts, docs/exokernel.md §3.3). The exit status is the kernel's halt
 *                   status; kernel messages go to stderr.
 *   --quantum N     cycles per time slice (firmware runs; default 390625 = 15.625 ms at 25 MHz).
 *   --seed N        the kernel's capability-generator seed (firmware runs; default fixed).
 *   --bare          load an ELF (or assemble .s sources at 0x80030000) at the physical addresses of
 *                   its kseg0/kseg1 segments; start at the entry in kernel mode, BEV=1, no firmware.
 *   --abi linux     run a static o32 Linux ELF in user mode with host-served system calls.
 *   --firmware-only boot the exokernel firmware (firmware/) from the reset vector, no programs.
 *   --max-cycles N  stop after N cycles: message on stderr, exit status 124.
 *   --stats         `key: value` lines on stderr (format below; the bench parses it).
 *   --state-json P  write the final machine state as JSON.
 *   --ram MiB       physical RAM (default 16).
 *   --trace LIST    trace events (exc, tlb, irq, insn, all) one line each on stderr, or into
 *                   --trace-file PATH (format: docs/machine.md "Tracing").
 *   --net-in FILE   frames for the network interface (docs/devices.md "Frames file").
 *   --net-loopback N  transmitted frames arrive back at the interface N cycles later (0: at once).
 *   --engine NAME   interp (the interpreter, default) or jit (the block compiler, docs/jit.md):
 *                   the same states and cycles; traced runs always interpret.
 *   --gdb PORT      start stopped and serve gdb's remote protocol on 127.0.0.1:PORT (docs/gdb.md).
 *   --disk FILE     a block device image (repeatable: disk 0, 1, ...).
 *   --snapshot-at N --save FILE
 *                   run to exactly N retired instructions, save the machine (docs/debugging.md
 *                   "The snapshot file") and stop with status 0.
 *   --restore FILE  continue a saved machine (no programs or machine options; --max-cycles counts
 *                   from the machine's start, as in the uninterrupted run).
 * Machine preparation (validation, programs, disks, boot) is cli/machine-setup.ts.
 * The exit status is the guest's (halt device value, exit() status, the kernel's halt status),
 * 128 + signal for a guest killed by an exception (docs/machine.md), 124 for --max-cycles, 1/2 for
 * bad input.
 */
import { dirname, resolve } from 'node:path';
import { accessSync, closeSync, constants as fsConstants, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import type { GuestIo } from '../emulator/io.js';
import type { MachineStats } from '../emulator/machine.js';
import { Tracer, parseTraceCategories } from '../emulator/trace.js';
import { UserError } from './errors.js';
import { runToInstruction } from '../emulator/debug/advance.js';
import { captureMachine } from '../emulator/debug/snapshot.js';
import { encodeSnapshotFile } from '../emulator/debug/snapshot-file.js';
import { machineConfig, parseEngine, prepareMachine, restoreFromFile, snapshotFileOf, type PreparedMachine, type RunOptions } from './machine-setup.js';

export type { RunOptions } from './machine-setup.js';

export async function runCommand(files: string[], opts: RunOptions): Promise<number> {
  if (opts.restore !== undefined) checkRestoreOptions(files, opts);
  else {
    machineConfig(files, opts);
    checkSnapshotOptions(opts);
  }

  let traceMask = 0;
  if (opts.trace !== undefined) {
    try {
      traceMask = parseTraceCategories(opts.trace);
    } catch (e) {
      throw new UserError(`run: --trace: ${(e as Error).message}`);
    }
  } else if (opts.traceFile !== undefined) {
    throw new UserError('run: --trace-file needs --trace');
  }

  // Refuse an unwritable --state-json before the run, not after it.
  if (opts.stateJson !== undefined) {
    try {
      accessSync(dirname(resolve(opts.stateJson)), fsConstants.W_OK);
    } catch (e) {
      throw new UserError(`cannot write ${opts.stateJson}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  if (opts.gdb !== undefined) return runWithGdb(files, opts);

  const prepared = opts.restore !== undefined ? restoreFromFile(opts.restore, processIo(), parseEngine(opts.engine)) : await prepareMachine(files, opts, processIo());
  const machine = prepared.machine;

  if (opts.snapshotAt !== undefined && opts.save !== undefined) {
    try {
      return saveSnapshotAt(prepared, opts.snapshotAt, opts.save, opts);
    } finally {
      prepared.close();
    }
  }

  const trace = traceMask !== 0 ? openTrace(opts.traceFile) : null;
  if (trace !== null) machine.setTracer(new Tracer(traceMask, trace.line));

  const t0 = process.hrtime.bigint();
  let result;
  try {
    result = machine.run(opts.maxCycles ?? Infinity);
  } finally {
    trace?.close();
    prepared.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  if (result.reason === 'budget') {
    process.stderr.write(`exo: stopped after ${machine.cpu.totalCycles} cycles: --max-cycles ${opts.maxCycles} reached (pc ${hex(machine.cpu.pc)})\n`);
  } else if (result.reason === 'fault') {
    process.stderr.write(`exo: ${result.message}\n`);
  }
  if (opts.stats) process.stderr.write(formatStats(machine.stats(), seconds));
  if (opts.stateJson !== undefined) {
    try {
      writeFileSync(opts.stateJson, JSON.stringify(machine.state(), null, 2) + '\n');
    } catch (e) {
      throw new UserError(`cannot write ${opts.stateJson}: ${(e as Error).message}`);
    }
  }
  return result.code;
}

/** --snapshot-at and --save go together and exclude the options that end or watch a run. */
function checkSnapshotOptions(opts: RunOptions): void {
  if (opts.snapshotAt === undefined && opts.save === undefined) return;
  if (opts.snapshotAt === undefined) throw new UserError('run: --save needs --snapshot-at N');
  if (opts.save === undefined) throw new UserError('run: --snapshot-at needs --save FILE');
  if (opts.maxCycles !== undefined) throw new UserError('run: --snapshot-at excludes --max-cycles');
  if (opts.trace !== undefined) throw new UserError('run: --snapshot-at excludes --trace');
  try {
    accessSync(dirname(resolve(opts.save)), fsConstants.W_OK);
  } catch (e) {
    throw new UserError(`cannot write ${opts.save}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * --gdb PORT: the machine starts stopped under a debug session (emulator/debug/session.ts) that
 * the GDB stub serves (cli/gdb.ts, docs/gdb.md); the exit status is the guest's when it ends.
 * Options that need the run to be the CLI's own are refused.
 */
async function runWithGdb(files: string[], opts: RunOptions): Promise<number> {
  const excluded: [keyof RunOptions, string][] = [
    ['restore', '--restore'], ['snapshotAt', '--snapshot-at'], ['save', '--save'], ['trace', '--trace'],
    ['maxCycles', '--max-cycles'], ['stateJson', '--state-json'], ['stats', '--stats'],
  ];
  for (const [k, name] of excluded) {
    if (opts[k] !== undefined && opts[k] !== false) throw new UserError(`run: --gdb excludes ${name}`);
  }
  const { createDebugSession, debugGuestIo } = await import('../emulator/debug/session.js');
  const { serveGdb } = await import('./gdb.js');
  const prepared = await prepareMachine(files, opts, debugGuestIo());
  try {
    const session = createDebugSession(prepared.machine);
    return await serveGdb(session, opts.gdb!, (line) => process.stderr.write(`exo: ${line}\n`));
  } finally {
    prepared.close();
  }
}

/** --restore FILE takes the programs and the machine from the file. */
function checkRestoreOptions(files: string[], opts: RunOptions): void {
  if (files.length > 0) throw new UserError('run: --restore takes no programs (the snapshot holds them)');
  const machineOpts: [keyof RunOptions, string][] = [
    ['firmwareOnly', '--firmware-only'], ['bare', '--bare'], ['abi', '--abi'], ['quantum', '--quantum'], ['seed', '--seed'],
    ['ram', '--ram'], ['disk', '--disk'], ['netIn', '--net-in'], ['netLoopback', '--net-loopback'], ['snapshotAt', '--snapshot-at'], ['save', '--save'],
  ];
  for (const [k, name] of machineOpts) {
    if (opts[k] !== undefined) throw new UserError(`run: --restore excludes ${name} (the snapshot records the machine)`);
  }
}

/** Runs to retired instruction n, saves the snapshot file, reports on stderr; exit status 0. */
function saveSnapshotAt(prepared: PreparedMachine, n: number, path: string, opts: RunOptions): number {
  const machine = prepared.machine;
  const t0 = process.hrtime.bigint();
  runToInstruction(machine, n);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  machine.flushOutput();
  const cpu = machine.cpu;
  if (cpu.instructions < n) {
    const stop = cpu.stop;
    const how = stop === null ? 'stopped' : stop.kind === 'fault' ? `faulted (${stop.message})` : `${stop.kind === 'halt' ? 'halted' : 'exited'} with status ${stop.code}`;
    throw new UserError(`run: the guest ${how} after ${cpu.instructions} instructions, before --snapshot-at ${n}; nothing saved`);
  }
  const bytes = encodeSnapshotFile(snapshotFileOf(prepared, captureMachine(machine)));
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stderr.write(`exo: snapshot at instruction ${cpu.instructions} (cycle ${cpu.totalCycles}, pc ${hex(cpu.pc)}) saved to ${path}\n`);
  if (opts.stats) process.stderr.write(formatStats(machine.stats(), seconds));
  if (opts.stateJson !== undefined) {
    try {
      writeFileSync(opts.stateJson, JSON.stringify(machine.state(), null, 2) + '\n');
    } catch (e) {
      throw new UserError(`cannot write ${opts.stateJson}: ${(e as Error).message}`);
    }
  }
  return 0;
}

/** Trace output: buffered lines to stderr or a file. */
function openTrace(path: string | undefined): { line: (s: string) => void; close: () => void } {
  let fd = 2;
  if (path !== undefined) {
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      throw new UserError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let buf: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (buf.length === 0) return;
    writeAll(fd, Buffer.from(buf.join(''), 'latin1'));
    buf = [];
    size = 0;
  };
  return {
    line: (s) => {
      buf.push(s, '\n');
      size += s.length + 1;
      if (size >= 65536) flush();
    },
    close: () => {
      flush();
      if (fd !== 2) closeSync(fd);
    },
  };
}

/** The `--stats` block: one `key: value` per line, stable keys (the bench parses them). */
export function formatStats(s: MachineStats, seconds: number): string {
  const lines: [string, string][] = [
    ['cycles', String(s.cycles)],
    ['instructions', String(s.instructions)],
    ['cpi', s.instructions > 0 ? (s.cycles / s.instructions).toFixed(4) : '0'],
    ['icache_misses', String(s.icacheMisses)],
    ['dcache_misses', String(s.dcacheMisses)],
    ['stall_icache', String(s.stallIcache)],
    ['stall_dcache', String(s.stallDcache)],
    ['stall_uncached', String(s.stallUncached)],
    ['stall_write_buffer', String(s.stallWriteBuffer)],
    ['stall_hilo', String(s.stallHilo)],
    ['exceptions', String(s.exceptions)],
    ['host_seconds', seconds.toFixed(6)],
    ['guest_mips', seconds > 0 ? (s.instructions / seconds / 1e6).toFixed(2) : '0'],
  ];
  return lines.map(([k, v]) => `${k}: ${v}\n`).join('');
}

/**
 * Writes all of bytes to fd. A closed pipe (EPIPE) ends trace output silently; guest output
 * (`guest` true) stops the run as SIGPIPE would stop a Linux process, so that `exo run prog | head`
 * does not leave a guest writing forever into nothing.
 */
function writeAll(fd: number, bytes: Uint8Array, guest = false): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') {
        if (guest) throw new UserError(`run: the guest wrote to a closed ${fd === 1 ? 'standard output' : 'standard error'} (broken pipe)`, 128 + 13);
        return;
      }
      throw new UserError(`run: cannot write the guest's output: ${code ?? (e as Error).message}`);
    }
  }
}

/** Guest I/O on the process's stdin/stdout/stderr (blocking reads, as a terminal program). */
function processIo(): GuestIo {
  let eof = false;
  return {
    writeOut: (b) => writeAll(1, b, true),
    writeErr: (b) => writeAll(2, b, true),
    readIn: (max) => {
      if (eof || max <= 0) return new Uint8Array(0);
      const buf = new Uint8Array(Math.min(max, 65536));
      for (;;) {
        try {
          const n = readSync(0, buf, 0, buf.length, null);
          if (n === 0) eof = true;
          return buf.subarray(0, n);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') continue;
          if (code === 'EOF') {
            eof = true;
            return new Uint8Array(0);
          }
          throw new UserError(`cannot read standard input: ${code ?? (e as Error).message}`);
        }
      }
    },
  };
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
