/** Machines for the debug-engine tests: bare programs from source text, firmware runs from files. */
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';
import { readElf, type ElfImage } from '../../assembler/elf-read.js';
import { buildMachine, prepareMachine, type MachineConfig, type PreparedMachine, type RunOptions } from '../../cli/machine-setup.js';
import { createDebugSession, debugGuestIo } from '../../emulator/debug/session.js';
import type { DebugSession, SessionOptions } from '../../emulator/debug/types.js';
import { BufferIo, type GuestIo } from '../../emulator/io.js';
import type { Machine } from '../../emulator/machine.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const prog = (name: string): string => join(ROOT, 'programs', name);

export interface Bare {
  readonly machine: Machine;
  readonly elf: ElfImage;
  sym(name: string): number;
}

/** A bare machine (kernel mode, BEV=1) running `src` assembled at 0x80030000. */
export function bareMachine(src: string, io: GuestIo = new BufferIo()): Bare {
  const out = assemble([{ name: 't.s', text: src }], { textAddr: 0x80030000 });
  const errs = out.diagnostics.filter((d) => d.severity === 'error');
  if (!out.elf || errs.length > 0) throw new Error(`assembly failed: ${JSON.stringify(errs)}`);
  const elf = readElf(out.elf, 't.s');
  const config: MachineConfig = { mode: 'bare', ramMiB: 4, quantum: 0, seed: 0, argv0: 't.s' };
  const { machine } = buildMachine(config, { images: [], elf }, io);
  return {
    machine,
    elf,
    sym: (name) => {
      const s = elf.symbols.find((x) => x.name === name);
      if (s === undefined) throw new Error(`no symbol ${name}`);
      return s.value >>> 0;
    },
  };
}

export function bareSession(src: string, opts?: SessionOptions): { s: DebugSession; b: Bare } {
  const b = bareMachine(src, debugGuestIo());
  return { s: createDebugSession(b.machine, opts), b };
}

/** A machine as `exo run FILES... OPTIONS` prepares it. */
export async function runMachine(files: string[], opts: RunOptions = {}, io: GuestIo = new BufferIo()): Promise<Machine> {
  return (await prepareMachine(files, opts, io)).machine;
}

export async function runSession(files: string[], opts: RunOptions = {}, sopts?: SessionOptions): Promise<DebugSession> {
  return (await runPrepared(files, opts, sopts)).s;
}

export async function runPrepared(files: string[], opts: RunOptions = {}, sopts?: SessionOptions): Promise<{ s: DebugSession; p: PreparedMachine }> {
  const p = await prepareMachine(files, opts, debugGuestIo());
  return { s: createDebugSession(p.machine, sopts), p };
}

/** Text of a byte array. */
export const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
