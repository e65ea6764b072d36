/**
 * `exo bench kernel`: runs bench/kernel.ts and prints its table (or `--json`). The method and the
 * paper's figures are documented there and in docs/exokernel.md "Measured".
 */
import { formatKernelTable, MHZ, runKernelBench } from '../bench/kernel.js';
import { formatPaperTable, runPaperBench } from '../bench/paper.js';
import { UserError } from './errors.js';

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

const PAPER_TABLES = [4, 5, 6, 8, 9, 10, 12, 13];

/**
 * `exo bench paper`: runs bench/paper.ts (the paper's Tables 4-6, 8-10, 12, 13 on our machine) and
 * prints its table, or `--json`; `--tables 8,12` runs some of them.
 */
export async function benchPaperCommand(opts: { json?: boolean; tables?: string }): Promise<number> {
  let tables: number[] | undefined;
  if (opts.tables !== undefined) {
    tables = opts.tables.split(',').map((t) => Number(t.trim()));
    const bad = tables.find((t) => !PAPER_TABLES.includes(t));
    if (bad !== undefined) throw new UserError(`bench paper: --tables: no table ${Number.isNaN(bad) ? 'in that list' : bad} (known: ${PAPER_TABLES.join(', ')})`, 2);
  }
  const rows = runPaperBench({ tables });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ mhz: MHZ, paperMachine: 'DEC5000/125', rows }, null, 2) + '\n');
  } else {
    process.stdout.write(formatPaperTable(rows));
    process.stdout.write(`\ncycles under our timing model, warm caches, last of several repetitions; paper figures (DEC5000/125) converted at ${MHZ} MHz; "vs" = ours / theirs; goal: at or below ExOS/Aegis (Table 9: within 25%).\n`);
  }
  return 0;
}

/**
 * `exo bench net`: runs bench/net.ts (the paper's Table 7, packet classification, and Table 11,
 * the UDP echo round trip with and without an ASH) and prints its table, or `--json`.
 */
export async function benchNetCommand(opts: { json?: boolean }): Promise<number> {
  const { formatNetTable, runNetBench } = await import('../bench/net.js');
  const rows = runNetBench();
  if (opts.json) process.stdout.write(JSON.stringify({ mhz: MHZ, rows }, null, 2) + '\n');
  else process.stdout.write(formatNetTable(rows) + '\n');
  return 0;
}
