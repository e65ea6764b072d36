/**
 * `exo bench kernel`: runs bench/kernel.ts and prints its table (or `--json`). The method and the
 * paper's figures are documented there and in docs/exokernel.md "Measured".
 */
import { formatKernelTable, MHZ, runKernelBench } from '../bench/kernel.js';

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
