/**
 * The emulators the bench compares, each as a black box started as a process:
 *   exo     node bin/exo.js run --abi linux --stats <w>.linux.elf   (ours; the same ELF as qemu)
 *   qemu    qemu-mipsel <w>.linux.elf                                (user-mode QEMU, TCG JIT)
 *   gxemul  gxemul -q -E testmips -C R3000 <w>.testmips.elf          (GXemul dyntrans, bare machine)
 *   spim    spim -quiet -delayed_branches -delayed_loads -file <w>.spim.s   (SPIM, assembly twin)
 */
import { hasTool } from './tools.js';
import { runTimed, type ProcResult } from './proc.js';
import { EXO_CLI } from './paths.js';
import { existsSync } from 'node:fs';

export const EMULATOR_IDS = ['exo', 'qemu', 'gxemul', 'spim'] as const;
export type EmulatorId = (typeof EMULATOR_IDS)[number];

/** The files one workload exists as. */
export interface Programs {
  linuxElf: string;
  testmipsElf: string;
  /** SPIM twin: source for spim, and the GNU-assembled ELF with the same instructions. */
  spimSource?: string;
  spimElf?: string;
}

export interface Emulator {
  id: EmulatorId;
  /** The command line, for the report. */
  describe: string;
  /** Why it cannot run here, or null. */
  missing(): string | null;
  /** The file this emulator runs for a workload, or undefined if it has no version of it. */
  program(p: Programs): string | undefined;
  run(file: string, timeoutSeconds: number): Promise<ProcResult>;
  /** The guest's output with the emulator's own banners removed. */
  guestOutput(stdout: string): string;
}

const identity = (s: string): string => s;

export function exoRun(mode: 'linux' | 'bare', file: string, timeoutSeconds: number): Promise<ProcResult> {
  const modeArgs = mode === 'linux' ? ['--abi', 'linux'] : ['--bare'];
  return runTimed(process.execPath, [EXO_CLI, 'run', ...modeArgs, '--stats', file], { timeoutSeconds });
}

export function exoMissing(): string | null {
  if (!existsSync(EXO_CLI)) return `${EXO_CLI} not found`;
  return null;
}

const EMULATORS: Record<EmulatorId, Emulator> = {
  exo: {
    id: 'exo',
    describe: 'node bin/exo.js run --abi linux --stats <w>.linux.elf',
    missing: exoMissing,
    program: (p) => p.linuxElf,
    run: (file, t) => exoRun('linux', file, t),
    guestOutput: identity,
  },
  qemu: {
    id: 'qemu',
    describe: 'qemu-mipsel <w>.linux.elf',
    missing: () => (hasTool('qemu-mipsel') ? null : 'qemu-mipsel is not installed (Debian package qemu-user)'),
    program: (p) => p.linuxElf,
    run: (file, t) => runTimed('qemu-mipsel', [file], { timeoutSeconds: t }),
    guestOutput: identity,
  },
  gxemul: {
    id: 'gxemul',
    describe: 'gxemul -q -E testmips -C R3000 <w>.testmips.elf (stdin an open pipe)',
    missing: () => (hasTool('gxemul') ? null : 'gxemul is not installed (Debian package gxemul)'),
    program: (p) => p.testmipsElf,
    run: (file, t) => runTimed('gxemul', ['-q', '-E', 'testmips', '-C', 'R3000', file], { timeoutSeconds: t, openStdin: true }),
    guestOutput: identity,
  },
  spim: {
    id: 'spim',
    describe: 'spim -quiet -delayed_branches -delayed_loads -file <w>.spim.s (bench/spim twin)',
    missing: () => (hasTool('spim') ? null : 'spim is not installed (Debian package spim)'),
    program: (p) => p.spimSource,
    run: (file, t) => runTimed('spim', ['-quiet', '-delayed_branches', '-delayed_loads', '-file', file], { timeoutSeconds: t }),
    // SPIM prints its banner (version, copyright, "Loaded: .../exceptions.s") even with -quiet.
    guestOutput: (s) => {
      const lines = s.split('\n');
      const loaded = lines.findIndex((l) => l.startsWith('Loaded: '));
      return loaded >= 0 ? lines.slice(loaded + 1).join('\n') : s;
    },
  },
};

export function emulator(id: EmulatorId): Emulator {
  return EMULATORS[id];
}
