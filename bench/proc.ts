/** Runs one emulator process and times it from spawn to exit (wall clock, host monotonic time). */
import { spawn } from 'node:child_process';

export interface ProcResult {
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  stdout: string;
  stderr: string;
  /** Exit status, or null if killed by a signal. */
  code: number | null;
  timedOut: boolean;
  /** Set when the program could not be started at all. */
  error?: string;
}

export interface ProcOptions {
  /** Kill the process (SIGKILL) after this many seconds. */
  timeoutSeconds: number;
  /**
   * Keep the child's stdin an open, empty pipe until it exits. GXemul's console polls stdin and,
   * when stdin is at end of file (e.g. /dev/null), spins without finishing the program.
   */
  openStdin?: boolean;
}

export function runTimed(cmd: string, args: string[], opts: ProcOptions): Promise<ProcResult> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [opts.openStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutSeconds * 1000);
    const finish = (code: number | null, error?: string): void => {
      if (settled) return;
      settled = true;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      child.stdin?.destroy();
      resolve({
        seconds,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        timedOut,
        ...(error !== undefined ? { error } : {}),
      });
    };
    child.on('error', (e) => finish(null, e.message));
    child.on('close', (code) => finish(code));
  });
}
