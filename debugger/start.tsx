/**
 * Starting the full-screen debugger on a prepared session: the alternate screen (written by hand:
 * Ink 6 has no alternateScreen option, debugger.md §3.3), Ink with Ctrl-C handled by the debugger
 * (it pauses, never quits while running), and the screen restored however the process ends.
 */
import { render } from 'ink';
import type { DebugSession } from '../emulator/debug/types.js';
import { UserError } from '../cli/errors.js';
import { App } from './App.js';
import { DebugController } from './controller.js';
import type { SymbolTable } from './symbols.js';

export interface StartOptions {
  readonly symbols: SymbolTable;
  readonly firmware: boolean;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  /** `exo debug --gdb PORT`: also serve the session to gdb on 127.0.0.1:PORT (gdb/server.ts, embedded). */
  readonly gdbPort?: number;
}

const ENTER_ALT = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE_ALT = '\x1b[?1049l';

/** Runs the debugger until the user quits; resolves when the screen is restored. */
export async function startDebugger(session: DebugSession, opts: StartOptions): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  let quit = (): void => {};
  const controller = new DebugController(session, { symbols: opts.symbols, firmware: opts.firmware, onQuit: () => quit() });
  let closeGdb = (): void => {};
  if (opts.gdbPort !== undefined) {
    const { GdbServer } = await import('../gdb/server.js');
    const server = new GdbServer(session, {
      log: (line) => controller.externalLog(line),
      embedded: {
        attached: () => controller.externalAttached('gdb'),
        detached: () => controller.externalDetached(),
        running: () => controller.externalRunning(),
        stopped: () => controller.externalStopped(),
      },
    });
    let port: number;
    try {
      port = await server.listen(opts.gdbPort);
    } catch (e) {
      throw new UserError(`debug: --gdb: cannot listen on 127.0.0.1:${opts.gdbPort}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    controller.externalLog(`gdb: waiting for gdb on 127.0.0.1:${port} (gdb-multiarch -ex 'target remote 127.0.0.1:${port}' PROGRAM)`);
    closeGdb = () => server.close();
  }
  stdout.write(ENTER_ALT);
  const restore = (): void => {
    stdout.write(LEAVE_ALT);
  };
  process.once('exit', restore);
  // A hangup or kill leaves the terminal as it found it (status 128 + signal, as a shell reports).
  const onSignal = (sig: NodeJS.Signals): void => {
    restore();
    process.exit(128 + (sig === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGHUP', onSignal);
  process.once('SIGTERM', onSignal);
  const instance = render(<App controller={controller} />, { stdout, stdin, exitOnCtrlC: false, patchConsole: true, maxFps: 20 });
  quit = () => {
    closeGdb();
    instance.unmount();
  };
  try {
    await instance.waitUntilExit();
  } finally {
    process.removeListener('exit', restore);
    process.removeListener('SIGHUP', onSignal);
    process.removeListener('SIGTERM', onSignal);
    restore();
  }
}
