/**
 * The `exo` command line. Each subcommand's work lives in its own module, imported only when that
 * subcommand runs, so `exo --help` and short runs start quickly.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { UserError } from './errors.js';

function parseAddress(value: string): number {
  const v = value.trim();
  const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v.slice(2), 16) : /^[0-9]+$/.test(v) ? parseInt(v, 10) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError(`not a 32-bit address: ${value}`);
  return n >>> 0;
}

function parseWord(value: string): number {
  const v = value.trim();
  const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v.slice(2), 16) : /^[0-9]+$/.test(v) ? parseInt(v, 10) : NaN;
  if (!Number.isFinite(n) || n > 0xffffffff) throw new InvalidArgumentError(`not a 32-bit number: ${value}`);
  return n;
}

function parseCount(value: string): number {
  if (!/^[0-9]+$/.test(value.trim())) throw new InvalidArgumentError(`not a non-negative integer: ${value}`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`too large: ${value}`);
  return n;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('exo')
    .description('exo-r3000: a cycle-accurate MIPS R3000 machine, its assembler and tools')
    .version('0.1.0')
    // Usage errors are one line, `exo: error: ...`, like every other error of the CLI.
    .configureOutput({ outputError: (str, write) => write(`exo: ${str}`) })
    .exitOverride();

  program
    .command('asm')
    .description('assemble and link GNU-as syntax MIPS I sources into an ELF32 little-endian executable')
    .argument('<files...>', 'assembly sources (.s)')
    .requiredOption('-o, --output <file>', 'output ELF file')
    .option('--Ttext <addr>', 'address of .text (default 0x00400000); -Ttext ADDR works too, as in GNU ld', parseAddress)
    .option('--Tdata <addr>', 'address of .data (default: after .text, aligned as GNU ld does); -Tdata ADDR works too', parseAddress)
    .option('-e, --entry <symbol>', 'entry symbol (default __start, else _start, else start of .text)')
    .option('--listing [file]', 'write a listing (address, bytes, source line); to stdout without a file')
    .option('--map [file]', 'write a symbol map; to stdout without a file')
    .option('-W, --no-warn', 'suppress warnings')
    .action(async (files: string[], opts) => {
      const { asmCommand } = await import('./asm.js');
      process.exitCode = await asmCommand(files, opts);
    });

  program
    .command('disasm')
    .description('disassemble the executable sections of an ELF file, objdump style')
    .argument('<file>', 'ELF file')
    .option('--raw', 'print real instructions only, no pseudo-instruction aliases')
    .action(async (file: string, opts) => {
      const { disasmCommand } = await import('./disasm.js');
      process.exitCode = await disasmCommand(file, opts);
    });

  program
    .command('run')
    .description('run programs (.s or .elf) on the machine: as environments of the exokernel firmware (default), or --bare, or --abi linux')
    .argument('[files...]', 'programs (firmware runs: each is one environment)')
    .option('--firmware-only', 'boot the exokernel firmware from the reset vector with no programs')
    .option('--quantum <cycles>', 'firmware runs: cycles per time slice (default 390625 = 15.625 ms at 25 MHz)', parseCount)
    .option('--seed <n>', "firmware runs: seed of the kernel's capability generator (decimal or 0x hex, 32 bits)", parseWord)
    .option('--bare', 'no firmware: load the ELF at the physical addresses of its kseg0/kseg1 segments and start in kernel mode with BEV=1')
    .option('--abi <abi>', 'serve a user-mode ABI with trap hooks instead of firmware: linux (o32 exit, exit_group, read, write, brk)')
    .option('--max-cycles <n>', 'stop a runaway guest after N cycles (exit code 124)', parseCount)
    .option('--stats', 'print cycles, instructions, CPI, cache misses and stall cycles on stderr')
    .option('--state-json <path>', 'write the final machine state as JSON')
    .option('--ram <mib>', 'physical RAM in MiB (default 16)', parseCount)
    .option('--trace <categories>', 'trace events, one line each, on stderr: comma list of exc, tlb, irq, insn (or all), hook')
    .option('--trace-file <path>', 'write the --trace lines to a file instead of stderr')
    .option('--net-in <file>', 'frames the network interface receives (text: [@CYCLE] hex bytes per line)')
    .option('--net-loopback <cycles>', 'frames the guest transmits arrive back at the interface CYCLES later (0: at once): environments talk over the network', parseCount)
    .option('--engine <name>', 'execution engine: jit (the block compiler, docs/jit.md; default) or interp (the interpreter); the same states and cycles')
    .option('--gdb <port>', "start stopped and serve GDB's remote protocol on 127.0.0.1:PORT (0: a free port): gdb-multiarch -ex 'target remote 127.0.0.1:PORT' (docs/gdb.md)", parseCount)
    .option('--disk <file>', 'block device image, read and written in place (repeat for disk 1, 2, ...)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--snapshot-at <n>', 'run to exactly N retired instructions, save the machine (--save FILE) and stop', parseCount)
    .option('--save <file>', 'the snapshot file --snapshot-at writes')
    .option('--restore <file>', 'continue the machine saved in a snapshot file (no programs or machine options)')
    .action(async (files: string[], opts) => {
      const { runCommand } = await import('./run.js');
      process.exitCode = await runCommand(files, opts);
    });

  program
    .command('debug')
    .description('the full-screen terminal debugger on the machine `exo run` boots (docs/debugger.md)')
    .argument('<files...>', 'programs (.s or .elf), as for exo run')
    .option('--quantum <cycles>', 'firmware runs: cycles per time slice', parseCount)
    .option('--seed <n>', "firmware runs: seed of the kernel's capability generator", parseWord)
    .option('--bare', 'no firmware: the ELF in kseg0/kseg1, kernel mode, BEV=1')
    .option('--abi <abi>', 'serve a user-mode ABI with trap hooks instead of firmware: linux')
    .option('--input <file>', "the guest console's input")
    .option('--net-loopback <cycles>', 'frames the guest transmits arrive back at the interface CYCLES later (0: at once)', parseCount)
    .option('--gdb <port>', 'also serve the machine to gdb on 127.0.0.1:PORT (0: a free port, shown in the output pane); while gdb is attached it drives the machine', parseCount)
    .action(async (files: string[], opts) => {
      const { debugCommand } = await import('./debug.js');
      process.exitCode = await debugCommand(files, opts);
    });

  program
    .command('demo')
    .description('boot the exokernel with two programs passing a counter by protected control transfer, then measure the kernel (exo bench kernel)')
    .action(async () => {
      const { demoCommand } = await import('./demo.js');
      process.exitCode = await demoCommand();
    });

  const bench = program.command('bench').description('measure the machine and the exokernel (the emulator-speed benchmark is `npm run bench`)');
  bench
    .command('kernel')
    .description("the exokernel's primitives in instructions and cycles, beside the paper's Aegis and Ultrix figures")
    .option('--json', 'print the rows as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { benchKernelCommand } = await import('./bench.js');
      process.exitCode = await benchKernelCommand(opts);
    });
  bench
    .command('paper')
    .description("the paper's tables (4-6, 8-10, 12, 13) rerun on our machine, beside its Aegis/ExOS and Ultrix figures")
    .option('--json', 'print the rows as JSON')
    .option('--tables <list>', 'run only these tables (comma list, e.g. 8,12)')
    .action(async (opts: { json?: boolean; tables?: string }) => {
      const { benchPaperCommand } = await import('./bench.js');
      process.exitCode = await benchPaperCommand(opts);
    });
  bench
    .command('net')
    .description("the paper's network rows on our machine: packet classification with 1 and 10 filters (Table 7), the UDP echo round trip with and without an ASH (Table 11)")
    .option('--json', 'print the rows as JSON')
    .action(async (opts) => {
      const { benchNetCommand } = await import('./bench.js');
      process.exitCode = await benchNetCommand(opts);
    });

  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  // `exo disasm x.elf | head`: when the reader goes away, stop quietly as a SIGPIPE would (status
  // 128 + 13), instead of node's unhandled 'error' event and its stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(128 + 13);
    process.stderr.write(`exo: error: cannot write standard output: ${e.code ?? e.message}\n`);
    process.exit(1);
  });
  const program = buildProgram();
  try {
    // GNU ld spells these -Ttext/-Tdata; commander would read -Ttext as -T with value "text".
    await program.parseAsync(argv.map((a) => (a === '-Ttext' || a === '-Tdata' ? `-${a}` : a.replace(/^-(T(?:text|data)=)/, '--$1'))));
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message (help, version or a usage error).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`exo: error: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`exo: internal error (a bug, please report it): ${err?.stack ?? String(e)}\n`);
    return 70;
  }
}
