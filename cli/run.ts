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
 *   --disk FILE     a block device image (repeatable: disk 0, 1, ...).
 * The exit status is the guest's (halt device value, exit() status, the kernel's halt status),
 * 128 + signal for a guest killed by an exception (docs/machine.md), 124 for --max-cycles, 1/2 for
 * bad input.
 */
import { dirname, resolve } from 'node:path';
import { accessSync, closeSync, constants as fsConstants, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { ElfError, readElf, type ElfImage } from '../assembler/elf-read.js';
import { FileDisk } from '../emulator/devices/blockdev.js';
import { FramesFileError } from '../emulator/devices/netif.js';
import { LoadError } from '../emulator/elf-load.js';
import type { GuestIo } from '../emulator/io.js';
import { Machine, type MachineStats } from '../emulator/machine.js';
import { Tracer, parseTraceCategories } from '../emulator/trace.js';
import { bootFirmware } from '../firmware/boot.js';
import { FirmwareBuildError } from '../firmware/build.js';
import { DEFAULT_QUANTUM, DEFAULT_SEED } from '../firmware/hooks.js';
import { ImageError, loadImages, type ProgramImage } from '../firmware/images.js';
import { UserError } from './errors.js';

export interface RunOptions {
  firmwareOnly?: boolean;
  bare?: boolean;
  abi?: string;
  maxCycles?: number;
  stats?: boolean;
  stateJson?: string;
  ram?: number;
  trace?: string;
  traceFile?: string;
  netIn?: string;
  disk?: string[];
  quantum?: number;
  seed?: number;
}

/** Bounds of --quantum: a slice must be longer than the kernel's own switch path. */
const MIN_QUANTUM = 1000;
const MAX_QUANTUM = 0x7fffffff;

/** Default .text address for `.s` sources: bare runs in kseg0, Linux programs where ld puts them. */
const BARE_TEXT = 0x80030000;
const LINUX_TEXT = 0x00400000;

export async function runCommand(files: string[], opts: RunOptions): Promise<number> {
  if (opts.bare && opts.abi !== undefined) throw new UserError('run: --bare and --abi are exclusive');
  if (opts.firmwareOnly) {
    if (files.length > 0) throw new UserError('run: --firmware-only takes no programs (without it, the programs are loaded as environments)');
    if (opts.bare || opts.abi !== undefined) throw new UserError('run: --firmware-only excludes --bare and --abi');
  } else if (files.length === 0) throw new UserError('run: no program given');
  if (opts.abi !== undefined && opts.abi !== 'linux') throw new UserError(`run: unknown ABI '${opts.abi}' (supported: linux)`);
  const firmware = !opts.bare && opts.abi === undefined;
  if (!firmware && (opts.quantum !== undefined || opts.seed !== undefined)) {
    throw new UserError(`run: ${opts.quantum !== undefined ? '--quantum' : '--seed'} applies to firmware runs only (not --bare or --abi)`);
  }
  const quantum = opts.quantum ?? DEFAULT_QUANTUM;
  if (!Number.isInteger(quantum) || quantum < MIN_QUANTUM || quantum > MAX_QUANTUM) throw new UserError(`run: --quantum must be ${MIN_QUANTUM}..${MAX_QUANTUM} cycles (got ${quantum})`);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UserError(`run: --seed must be a 32-bit number (got ${seed})`);
  const ramMiB = opts.ram ?? 16;
  if (!Number.isInteger(ramMiB) || ramMiB < 1 || ramMiB > 256) throw new UserError(`run: --ram must be 1..256 MiB (got ${ramMiB})`);

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

  const images = firmware ? loadFirmwareImages(files) : null;
  const image = firmware ? null : await loadProgram(files, opts.bare ? BARE_TEXT : LINUX_TEXT);
  const disks: FileDisk[] = [];
  for (const path of opts.disk ?? []) {
    try {
      disks.push(FileDisk.open(path));
    } catch (e) {
      throw new UserError((e as Error).message.replace(/^(.*?): error: /, '$1: '));
    }
  }
  const machine = new Machine({ ramBytes: ramMiB * 1024 * 1024, io: processIo(), disks });
  try {
    if (image === null) {
      try {
        bootFirmware(machine, { images: images ?? [], quantum, seed });
      } catch (e) {
        if (e instanceof FirmwareBuildError) throw new UserError(e.message);
        throw e;
      }
    } else if (opts.bare) machine.loadBare(image);
    else machine.loadLinux(image, [files[0]!]);
  } catch (e) {
    if (e instanceof LoadError) throw new UserError(`${files[0]}: ${e.message}`);
    throw e;
  }
  if (opts.netIn !== undefined) {
    try {
      machine.net.loadFramesFile(opts.netIn);
    } catch (e) {
      if (e instanceof FramesFileError) throw new UserError(e.message.replace(/^(.*?): error: /, '$1: '));
      throw e;
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
    for (const d of disks) d.close();
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

/** The programs of a firmware run, validated (one line per problem; assembler diagnostics on stderr). */
function loadFirmwareImages(files: string[]): ProgramImage[] {
  try {
    return loadImages(files, { diag: (line) => process.stderr.write(line + '\n') });
  } catch (e) {
    if (e instanceof ImageError) throw new UserError(`run: ${e.message}`);
    if (e instanceof FirmwareBuildError) throw new UserError(e.message);
    throw e;
  }
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

async function loadProgram(files: string[], textAddr: number): Promise<ElfImage> {
  const isAsm = (f: string): boolean => /\.(s|S|asm)$/.test(f);
  if (files.every(isAsm)) {
    const sources = files.map((name) => ({ name, text: readText(name) }));
    const asm = await import('../assembler/index.js');
    const out = asm.assemble(sources, { textAddr });
    for (const d of out.diagnostics) process.stderr.write(asm.formatDiagnostic(d) + '\n');
    if (!out.elf || out.diagnostics.some((d) => d.severity === 'error')) throw new UserError('run: assembly failed', 1);
    return parseElf(out.elf, files[0]!);
  }
  if (files.length !== 1) throw new UserError('run: give one ELF file, or one or more .s sources');
  const name = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(name);
  } catch (e) {
    throw new UserError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseElf(bytes, name);
}

function parseElf(bytes: Uint8Array, name: string): ElfImage {
  try {
    return readElf(bytes, name);
  } catch (e) {
    if (e instanceof ElfError) throw new UserError(e.message.replace(/^.*?: error: /, `${name}: `));
    throw e;
  }
}

function readText(name: string): string {
  try {
    return readFileSync(name, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
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
