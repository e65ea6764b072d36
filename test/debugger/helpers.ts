/**
 * Helpers of the debugger tests: a debug session on the machine `exo run` boots (as cli/debug.ts
 * opens it), a never-ending guest, and polling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareMachine } from '../../cli/machine-setup.js';
import { DebugController } from '../../debugger/controller.js';
import { stripAnsi } from '../../debugger/format.js';
import { symbolsForRun, type SymbolTable } from '../../debugger/symbols.js';
import type { DebugSession } from '../../emulator/debug/types.js';

export const plain = (lines: readonly string[]): string[] => lines.map((l) => stripAnsi(l).replace(/ +$/, ''));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `f` is true (or throws after `ms`). */
export async function waitFor(f: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A loop that never ends (Ctrl-C tests): main spins forever, counting in t0. */
export function writeSpinProgram(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exo-dbg-'));
  const path = join(dir, 'spin.s');
  writeFileSync(path, '\t.text\n\t.globl\tmain\nmain:\n\tli\t$t0, 0\nloop:\n\taddiu\t$t0, $t0, 1\n\tb\tloop\n\tnop\n');
  return path;
}

/** A debug session on the machine `exo run FILES` boots, with its symbol table (as cli/debug.ts builds them). */
export async function openSession(files: string[], opts: { input?: string; bare?: boolean; abi?: string } = {}): Promise<{ session: DebugSession; symbols: SymbolTable; controller: (onQuit?: () => void) => DebugController }> {
  const { createDebugSession, debugGuestIo } = await import('../../emulator/debug/session.js');
  const pm = await prepareMachine(files, { bare: opts.bare, abi: opts.abi }, debugGuestIo());
  const session = createDebugSession(pm.machine, opts.input !== undefined ? { input: new TextEncoder().encode(opts.input) } : {});
  const symbols = symbolsForRun({ files, mode: pm.mode, elf: pm.elf, machine: pm.machine, ...(pm.booted ? { firmware: pm.booted.firmware } : {}) });
  return {
    session,
    symbols,
    controller: (onQuit) => new DebugController(session, { symbols, firmware: pm.mode === 'firmware', ...(onQuit ? { onQuit } : {}) }),
  };
}

/** A tmux session for the end-to-end tests: commands, the screen's text, waiting for a screen. */
export function tmuxSession(session: string): {
  tm: (...args: string[]) => string;
  screen: () => string;
  until: (pred: (s: string) => boolean, what: string, ms?: number) => Promise<string>;
} {
  const tm = (...args: string[]): string => {
    const r = spawnSync('tmux', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const screen = (): string => tm('capture-pane', '-p', '-t', session);
  const until = async (pred: (s: string) => boolean, what: string, ms = 20_000): Promise<string> => {
    const t0 = Date.now();
    let s = '';
    while (Date.now() - t0 < ms) {
      s = screen();
      if (pred(s)) return s;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
  };
  return { tm, screen, until };
}
