/**
 * Preparing the machine `exo run` (and `exo debug`, `exo run --gdb`) runs: option validation, the
 * programs (firmware images, or one ELF for --bare / --abi linux), the disks, the machine itself,
 * the boot (firmware) or load (bare, linux) and the network frames. Nothing has run yet when
 * `prepareMachine` returns.
 *
 * Machine preparation is split in two so that a snapshot (emulator/debug/snapshot.ts) can rebuild
 * the same machine without the original files: `loadPrograms` reads the files,
 * `buildMachine` makes the machine from a `MachineConfig` and the loaded programs.
 */
import { readFileSync } from 'node:fs';
import type { ElfSegment } from '../assembler/elf-read.js';
import { ElfError, readElf, type ElfImage } from '../assembler/elf-read.js';
import { FileDisk, type BlockBacking } from '../emulator/devices/blockdev.js';
import { FramesFileError } from '../emulator/devices/netif.js';
import { LoadError } from '../emulator/elf-load.js';
import type { GuestIo } from '../emulator/io.js';
import { Machine } from '../emulator/machine.js';
import { RecordingDisk } from '../emulator/debug/disk.js';
import { restoreMachine, SnapshotMismatch, type MachineSnapshot } from '../emulator/debug/snapshot.js';
import { decodeSnapshotFile, SnapshotFileError, type SnapshotFile } from '../emulator/debug/snapshot-file.js';
import { bootFirmware, type BootedFirmware } from '../firmware/boot.js';
import { FirmwareBuildError } from '../firmware/build.js';
import { DEFAULT_QUANTUM, DEFAULT_SEED } from '../firmware/hooks.js';
import { ImageError, loadImages, type ProgramImage } from '../firmware/images.js';
import { C0_STATUS, SR_KUC } from '../emulator/cop0.js';
import { peekInstruction } from '../emulator/debug/access.js';
import { decodeHw } from '../emulator/decode.js';
import { ISA } from '../emulator/isa.js';
import { L } from '../firmware/layout.js';
import { UserError } from './errors.js';

/** The `exo run` options (commander's parsed values). */
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
  /** --net-loopback CYCLES: transmitted frames come back to the interface after CYCLES. */
  netLoopback?: number;
  /** --engine interp|jit (default interp): how `Machine.run` executes; the same states and cycles. */
  engine?: string;
  /** --gdb PORT: start stopped and serve the GDB remote protocol on 127.0.0.1:PORT (0: any free port). */
  gdb?: number;
  disk?: string[];
  quantum?: number;
  seed?: number;
  /** `--snapshot-at N`: stop at retired instruction N and save the machine (with --save). */
  snapshotAt?: number;
  /** `--save FILE`: where --snapshot-at writes the snapshot. */
  save?: string;
  /** `--restore FILE`: continue a saved snapshot (no programs, no machine options). */
  restore?: string;
}

export type MachineMode = 'firmware' | 'bare' | 'linux';

/** Everything that decides how the machine is built, besides the programs and disks. */
export interface MachineConfig {
  readonly mode: MachineMode;
  readonly ramMiB: number;
  /** Firmware runs: cycles per time slice and the capability-generator seed. */
  readonly quantum: number;
  readonly seed: number;
  /** Linux runs: argv[0]. */
  readonly argv0: string;
  /** MachineOptions.netLoopback: cycles until a transmitted frame arrives back; absent: no loopback. */
  readonly netLoopback?: number;
  /** MachineOptions.engine (absent: the interpreter). Not part of the machine's state. */
  readonly engine?: 'interp' | 'jit';
}

/** The programs of a run: firmware images (firmware mode), or the one ELF (bare, linux). */
export interface LoadedPrograms {
  readonly images: readonly ProgramImage[];
  readonly elf: ElfImage | null;
}

export interface PreparedMachine {
  readonly machine: Machine;
  readonly mode: MachineMode;
  /** The firmware boot (hooks, data) of a firmware run; null otherwise. */
  readonly booted: BootedFirmware | null;
  /** Firmware images (empty for bare/linux runs and --firmware-only). */
  readonly images: readonly ProgramImage[];
  /** The ELF of a bare or linux run (symbols for debuggers); null for firmware runs. */
  readonly elf: ElfImage | null;
  readonly config: MachineConfig;
  /** The disks by id, each recording what the guest wrote (snapshots need it). */
  readonly disks: readonly RecordingDisk[];
  /** The --disk paths, in order. */
  readonly diskPaths: readonly string[];
  /** Closes the disk files. */
  close(): void;
  /**
   * For a debug session with waitForInput (SessionOptions.isInputRead): recognises the
   * instruction that asks the mode's OS for console input beyond the device itself (firmware: the
   * console_read system call). Undefined when the device and Linux read(0) are all there is.
   */
  readonly isInputRead?: (machine: Machine) => boolean;
}

/** Bounds of --quantum: a slice must be longer than the kernel's own switch path. */
export const MIN_QUANTUM = 1000;
export const MAX_QUANTUM = 0x7fffffff;

/** Default .text address for `.s` sources: bare runs in kseg0, Linux programs where ld puts them. */
const BARE_TEXT = 0x80030000;
const LINUX_TEXT = 0x00400000;

/** Checks the options that shape the machine; throws UserError (one line). No file is read. */
export function machineConfig(files: string[], opts: RunOptions): MachineConfig {
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
  const loop = opts.netLoopback;
  if (loop !== undefined && (!Number.isInteger(loop) || loop < 0 || loop > 0x7fffffff)) throw new UserError(`run: --net-loopback must be 0..${0x7fffffff} cycles (got ${loop})`);
  const engine = parseEngine(opts.engine);
  const config: MachineConfig = { mode: firmware ? 'firmware' : opts.bare ? 'bare' : 'linux', ramMiB, quantum, seed, argv0: files[0] ?? '' };
  return { ...config, ...(loop === undefined ? {} : { netLoopback: loop }), ...(engine === undefined ? {} : { engine }) };
}

/** --engine's value: 'jit' or 'interp' (undefined: not given, the machine's default, jit); a one-line error otherwise. */
export function parseEngine(name: string | undefined): 'interp' | 'jit' | undefined {
  if (name === undefined) return undefined;
  if (name !== 'interp' && name !== 'jit') throw new UserError(`run: unknown engine '${name}' (jit, interp)`);
  return name;
}

/** Reads and validates the programs (assembler diagnostics on stderr). */
export async function loadPrograms(files: string[], config: MachineConfig): Promise<LoadedPrograms> {
  if (config.mode === 'firmware') return { images: loadFirmwareImages(files), elf: null };
  return { images: [], elf: await loadProgram(files, config.mode === 'bare' ? BARE_TEXT : LINUX_TEXT) };
}

/** Opens the --disk images (read and written in place), each wrapped to record the guest's writes. */
export function openDisks(paths: readonly string[]): RecordingDisk[] {
  const disks: RecordingDisk[] = [];
  for (const path of paths) {
    let file: FileDisk;
    try {
      file = FileDisk.open(path);
    } catch (e) {
      for (const d of disks) d.close();
      throw new UserError((e as Error).message.replace(/^(.*?): error: /, '$1: '));
    }
    disks.push(new RecordingDisk(file, () => file.close()));
  }
  return disks;
}

/**
 * Builds the machine for `config` with the loaded programs and boots (firmware) or loads (bare,
 * linux) it. Throws UserError for a program the loader refuses.
 */
export function buildMachine(config: MachineConfig, programs: LoadedPrograms, io: GuestIo, disks: readonly BlockBacking[] = []): { machine: Machine; booted: BootedFirmware | null } {
  const machine = new Machine({ ramBytes: config.ramMiB * 1024 * 1024, io, disks, netLoopback: config.netLoopback, engine: config.engine });
  let booted: BootedFirmware | null = null;
  try {
    if (config.mode === 'firmware') {
      try {
        booted = bootFirmware(machine, { images: programs.images, quantum: config.quantum, seed: config.seed });
      } catch (e) {
        if (e instanceof FirmwareBuildError) throw new UserError(e.message);
        throw e;
      }
    } else if (programs.elf === null) {
      throw new Error('internal: a bare or linux machine needs its ELF');
    } else if (config.mode === 'bare') machine.loadBare(programs.elf);
    else machine.loadLinux(programs.elf, [config.argv0]);
  } catch (e) {
    if (e instanceof LoadError) throw new UserError(`${config.argv0}: ${e.message}`);
    throw e;
  }
  return { machine, booted };
}

/**
 * Everything `exo run` does before running: validation (UserError, one line), programs, disks,
 * the machine (booted or loaded) and the --net-in frames.
 */
export async function prepareMachine(files: string[], opts: RunOptions, io: GuestIo): Promise<PreparedMachine> {
  const config = machineConfig(files, opts);
  const programs = await loadPrograms(files, config);
  const diskPaths = opts.disk ?? [];
  const disks = openDisks(diskPaths);
  const close = (): void => {
    for (const d of disks) d.close();
  };
  try {
    const { machine, booted } = buildMachine(config, programs, io, disks);
    if (opts.netIn !== undefined) {
      try {
        machine.net.loadFramesFile(opts.netIn);
      } catch (e) {
        if (e instanceof FramesFileError) throw new UserError(e.message.replace(/^(.*?): error: /, '$1: '));
        throw e;
      }
    }
    return { machine, mode: config.mode, booted, images: programs.images, elf: programs.elf, config, disks, diskPaths, close, ...inputRead(config.mode) };
  } catch (e) {
    close();
    throw e;
  }
}

/** The exokernel's console_read system call (docs/exokernel.md §7): a user-mode `syscall` with v0 = SYS_CONSOLE_READ and a length. */
function inputRead(mode: MachineMode): { isInputRead?: (m: Machine) => boolean } {
  if (mode !== 'firmware') return {};
  const sys = L('SYS_CONSOLE_READ');
  return {
    isInputRead: (m) => {
      const cpu = m.cpu;
      if ((cpu.cop0[C0_STATUS]! & SR_KUC) === 0) return false;
      const w = peekInstruction(m, cpu.pc);
      if (w === null) return false;
      const id = decodeHw(w);
      if (id < 0 || ISA[id]!.op !== 'syscall') return false;
      // The kernel sees registers with the pending load committed (cpu.ts takeException).
      const reg = (r: number): number => (cpu.ldReg === r ? cpu.ldVal : cpu.gpr[r]!) >>> 0;
      return reg(2) === sys && reg(5) !== 0;
    },
  };
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

/** The snapshot file record for a prepared machine's snapshot (programs copied out of file buffers). */
export function snapshotFileOf(p: PreparedMachine, machine: MachineSnapshot): SnapshotFile {
  const { engine: _engine, ...config } = p.config; // the engine is not the machine's state: --restore chooses
  return {
    config,
    images: p.images.map((img) => ({
      name: img.name,
      entry: img.entry,
      pages: img.pages,
      segments: img.segments.map((s) => ({ vaddr: s.vaddr, memsz: s.memsz, filesz: s.filesz, flags: s.flags, data: new Uint8Array(s.data) })),
    })),
    diskPaths: p.diskPaths,
    machine,
  };
}

/**
 * `exo run --restore FILE`: rebuilds the machine the snapshot file describes (its programs, RAM
 * size, quantum, seed; the disks reopened from their paths) and restores the snapshot into it.
 * A file that is not a readable snapshot is a one-line UserError.
 */
export function restoreFromFile(path: string, io: GuestIo, engine?: 'interp' | 'jit'): PreparedMachine {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let file: SnapshotFile;
  try {
    file = decodeSnapshotFile(bytes);
  } catch (e) {
    if (e instanceof SnapshotFileError) throw new UserError(`${path}: ${e.message}`);
    throw e;
  }
  const config: MachineConfig = engine === undefined ? file.config : { ...file.config, engine };
  // Bare and Linux machines take everything from the snapshot: an empty image sets the mode up.
  const elf: ElfImage | null = config.mode === 'firmware' ? null : { entry: 0x80000000, machine: 8, flags: 0, segments: [] as ElfSegment[], sections: [], symbols: [] };
  const images = file.images as ProgramImage[];
  const disks = openDisks(file.diskPaths);
  const close = (): void => {
    for (const d of disks) d.close();
  };
  try {
    const { machine, booted } = buildMachine(config, { images, elf }, io, disks);
    try {
      restoreMachine(machine, file.machine);
    } catch (e) {
      if (e instanceof SnapshotMismatch) throw new UserError(`${path}: ${e.message}`);
      throw e;
    }
    return { machine, mode: config.mode, booted, images, elf: null, config, disks, diskPaths: file.diskPaths, close, ...inputRead(config.mode) };
  } catch (e) {
    close();
    throw e;
  }
}
