/**
 * `exo bench kernel`: runs bench/kernel.ts and prints its table (or `--json`). The method and the
 * paper's figures are documented there and in docs/exokernel.md "Measured".
 */
import { join } from 'node:path';
import { formatKernelTable, MHZ, runKernelBench } from '../bench/kernel.js';
import { firmwareDir } from '../firmware/build.js';
import { runCommand } from './run.js';

export async function benchKernelCommand(opts: { json?: boolean }): Promise<number> {
  const rows = runKernelBench();
  if (opts.json) {
    process.stdout.write(JSON.stringify({ mhz: MHZ, rows }, null, 2) + '\n');
  } else {
    process.stdout.write(formatKernelTable(rows));
    process.stdout.write(`\ncycles under our timing model with warm caches (docs/timing.md); paper figures converted at ${MHZ} MHz (DEC5000/125).\n`);
  }
  return 0;
}

/**
 * `exo demo`: programs/examples/ping.s and pong.s as two environments of the exokernel (their
 * output and the run's statistics), then the kernel's primitives measured.
 */
export async function demoCommand(): Promise<number> {
  const dir = join(firmwareDir(), '..', 'programs', 'examples');
  const files = [join(dir, 'ping.s'), join(dir, 'pong.s')];
  process.stdout.write('$ exo run programs/examples/ping.s programs/examples/pong.s --stats\n');
  const status = await runCommand(files, { stats: true });
  if (status !== 0) return status;
  process.stdout.write('\n$ exo bench kernel\n');
  return benchKernelCommand({});
}
