/**
 * `exo debug PROG...`: the full-screen terminal debugger (debugger/, docs/debugger.md) on the
 * machine `exo run` boots (cli/machine-setup.ts): firmware with the programs as environments,
 * --bare, or --abi linux. It needs a terminal on stdin and stdout (one-line error otherwise). The
 * guest's console goes to the console pane, never to the terminal Ink owns; console input comes
 * from --input FILE and the `:input` command.
 */
import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';
import { machineConfig, prepareMachine } from './machine-setup.js';

export interface DebugOptions {
  quantum?: number;
  seed?: number;
  bare?: boolean;
  abi?: string;
  input?: string;
  netLoopback?: number;
  gdb?: number;
}

/** machine-setup's messages name `run`; here they are about `debug`. */
function asDebug(e: unknown): unknown {
  return e instanceof UserError ? new UserError(e.message.replace(/^run: /, 'debug: '), e.exitCode) : e;
}

/**
 * Imports the module that loads Ink with Ink's CI detection off. Ink (through the is-in-ci
 * package, evaluated once when Ink loads) treats any process whose environment has CI or
 * CONTINUOUS_INTEGRATION set as non-interactive and then draws nothing until it exits: the
 * debugger's screen stays blank under a CI runner's environment even though both ends are
 * terminals (checked above). The variables are hidden only while Ink loads, then restored.
 */
async function importInteractiveInk<T>(load: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string>();
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
    const v = process.env[key];
    if (v !== undefined) {
      saved.set(key, v);
      delete process.env[key];
    }
  }
  try {
    return await load();
  } finally {
    for (const [key, v] of saved) process.env[key] = v;
  }
}

export async function debugCommand(files: string[], opts: DebugOptions): Promise<number> {
  const runOpts = { quantum: opts.quantum, seed: opts.seed, bare: opts.bare, abi: opts.abi, netLoopback: opts.netLoopback };
  // Bad options first (no file is read), then the terminal, then the programs.
  try {
    machineConfig(files, runOpts);
  } catch (e) {
    throw asDebug(e);
  }
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UserError(`debug: needs a terminal: standard ${process.stdin.isTTY !== true ? 'input' : 'output'} is not a TTY (for scripts, use exo run)`, 1);
  }
  let input: Uint8Array | undefined;
  if (opts.input !== undefined) {
    try {
      input = readFileSync(opts.input);
    } catch (e) {
      throw new UserError(`cannot read ${opts.input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const { createDebugSession, debugGuestIo } = await import('../emulator/debug/session.js');
  const io = debugGuestIo();
  let pm;
  try {
    pm = await prepareMachine(files, runOpts, io);
  } catch (e) {
    throw asDebug(e);
  }
  try {
    const session = createDebugSession(pm.machine, input !== undefined ? { input } : {});
    const { symbolsForRun } = await import('../debugger/symbols.js');
    const firmware = pm.mode === 'firmware';
    const symbols = symbolsForRun({ files, mode: pm.mode, elf: pm.elf, machine: pm.machine, ...(pm.booted ? { firmware: pm.booted.firmware } : {}) });
    const { startDebugger } = await importInteractiveInk(() => import('../debugger/start.js'));
    if (opts.gdb !== undefined && (!Number.isInteger(opts.gdb) || opts.gdb > 65535)) throw new UserError(`debug: --gdb: not a TCP port: ${opts.gdb}`);
    await startDebugger(session, { symbols, firmware, ...(opts.gdb !== undefined ? { gdbPort: opts.gdb } : {}) });
  } finally {
    pm.close();
  }
  return 0;
}
