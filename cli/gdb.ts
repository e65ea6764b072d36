/**
 * `exo run --gdb PORT`: serve the GDB remote protocol for a prepared debug session on
 * 127.0.0.1:PORT (gdb/server.ts; docs/gdb.md). The guest starts stopped.
 */
import type { DebugSession } from '../emulator/debug/types.js';
import { GdbServer } from '../gdb/server.js';
import { UserError } from './errors.js';

/**
 * Serves `session` on 127.0.0.1:`port` until the session ends (the guest stopped and gdb
 * detached or disconnected, or gdb killed it); resolves with the exit code: the guest's exit
 * status, or 137 when gdb killed a guest that could still run. `log` gets one line per event;
 * the guest's console output goes to standard output.
 */
export async function serveGdb(session: DebugSession, port: number, log: (line: string) => void): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--gdb: not a TCP port: ${port}`);
  // The guest's console output goes to standard output, as in `exo run`.
  const server = new GdbServer(session, { log, output: (bytes) => process.stdout.write(bytes) });
  let bound: number;
  try {
    bound = await server.listen(port);
  } catch (e) {
    throw new UserError(`--gdb: cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  log(`gdb: waiting for gdb on 127.0.0.1:${bound} (gdb-multiarch -ex 'target remote 127.0.0.1:${bound}' PROGRAM)`);
  return server.done;
}
