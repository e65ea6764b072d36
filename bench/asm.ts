/**
 * Assembler benchmark (node dist/bench/asm.js): generates a 100,000-line program (instructions,
 * pseudo-instructions, labels, branches, data), then measures in one run
 * - our assembler in-process (assemble + link + ELF), after a warm-up, median of --reps runs;
 * - GNU `mipsel-linux-gnu-as -march=r3000 -O0` + `mipsel-linux-gnu-ld` on the same file, as
 *   processes, median of --reps runs;
 * and prints source lines per second for each and the ratio ours/GNU.
 *
 *   --lines N   program size (default 100000)
 *   --reps N    repetitions, the median is reported (default 3)
 *   --json      print the result as JSON
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assemble } from '../assembler/index.js';

/** A deterministic pseudo-random generator (xorshift32), so every run assembles the same text. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const REGS = ['$t0', '$t1', '$t2', '$t3', '$s0', '$s1', '$a0', '$a1', '$v0', '$v1'];

/** A program of `lines` source lines with a realistic mix. */
export function generateProgram(lines: number): string {
  const r = rng(12345);
  const reg = (): string => REGS[r() % REGS.length]!;
  const out: string[] = ['\t.text', '\t.globl __start', '__start:'];
  let label = 0;
  let dataWords = 0;
  while (out.length < lines - 2) {
    const k = r() % 100;
    if (k < 6) out.push(`L${label++}:`);
    else if (k < 30) out.push(`\taddu\t${reg()}, ${reg()}, ${reg()}`);
    else if (k < 40) out.push(`\taddiu\t${reg()}, ${reg()}, ${(r() % 2000) - 1000}`);
    else if (k < 48) out.push(`\tlw\t${reg()}, ${(r() % 64) * 4}($sp)`);
    else if (k < 54) out.push(`\tsw\t${reg()}, ${(r() % 64) * 4}($sp)`);
    else if (k < 60) out.push(`\tli\t${reg()}, ${r() % 3 === 0 ? r() >>> 0 : r() % 30000}`);
    else if (k < 64) out.push(`\tla\t${reg()}, D${r() % (dataWords + 1)}`);
    else if (k < 68) out.push(`\tmove\t${reg()}, ${reg()}`);
    else if (k < 74) out.push(`\t${['beq', 'bne'][r() % 2]}\t${reg()}, ${reg()}, L${label + (r() % 8)}`);
    else if (k < 77) out.push(`\t${['blt', 'bge', 'bgtu', 'ble'][r() % 4]}\t${reg()}, ${reg()}, L${label + (r() % 8)}`);
    else if (k < 80) out.push(`\tsll\t${reg()}, ${reg()}, ${r() % 32}`);
    else if (k < 83) out.push(`\t${['and', 'or', 'xor', 'slt', 'sltu', 'subu'][r() % 6]}\t${reg()}, ${reg()}, ${reg()}`);
    else if (k < 85) out.push(`\tmult\t${reg()}, ${reg()}`, `\tmflo\t${reg()}`);
    else if (k < 86) out.push(`\tdiv\t${reg()}, ${reg()}, ${reg()}`);
    else if (k < 88) out.push(`\tjal\tL${label + (r() % 8)}`);
    else if (k < 90) out.push(`\tlw\t${reg()}, D${r() % (dataWords + 1)}`);
    else if (k < 93) out.push(`\t.data`, `D${dataWords++}:\t.word\t${r() % 1000}, D${r() % dataWords}`, `\t.text`);
    else if (k < 95) out.push(`\tnop\t\t# padding`);
    else out.push(`\tori\t${reg()}, ${reg()}, 0x${(r() & 0xffff).toString(16)}`);
  }
  for (let i = label; i < label + 8; i++) out.push(`L${i}:`);
  out.push('\tjr\t$ra');
  return out.slice(0, Math.max(lines, out.length)).join('\n') + '\n';
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function main(): number {
  const { values } = parseArgs({ options: { lines: { type: 'string' }, reps: { type: 'string' }, json: { type: 'boolean' } } });
  const lines = Number(values.lines ?? 100000);
  const reps = Number(values.reps ?? 3);
  if (!Number.isInteger(lines) || lines < 10 || !Number.isInteger(reps) || reps < 1) {
    process.stderr.write('bench/asm: --lines and --reps take positive integers\n');
    return 2;
  }
  const text = generateProgram(lines);
  const nLines = text.split('\n').length - 1;
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-asm-'));
  try {
    const src = join(dir, 'prog.s');
    writeFileSync(src, text);

    // ours: warm-up, then timed runs
    const warm = assemble([{ name: src, text }], { textAddr: 0x400000, dataAddr: 0x10000000 });
    const errors = warm.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      process.stderr.write(`bench/asm: the generated program does not assemble: ${errors[0]!.message} (line ${errors[0]!.line})\n`);
      return 1;
    }
    const ours: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      assemble([{ name: src, text }], { textAddr: 0x400000, dataAddr: 0x10000000 });
      ours.push((performance.now() - t0) / 1000);
    }

    // GNU as + ld, as processes
    let gnu: number[] | undefined;
    const have = spawnSync('which', ['mipsel-linux-gnu-as'], { stdio: 'ignore' }).status === 0 && spawnSync('which', ['mipsel-linux-gnu-ld'], { stdio: 'ignore' }).status === 0;
    if (have) {
      gnu = [];
      const obj = join(dir, 'prog.o');
      const elf = join(dir, 'prog.elf');
      const script = join(dir, 'link.ld');
      // ld's default script overlaps .MIPS.abiflags with a large .text at -Ttext; keep them apart.
      writeFileSync(script, 'SECTIONS { .text : { *(.text) } .rodata : { *(.rodata) } .data : { *(.data) } .bss : { *(.bss) } .MIPS.abiflags : { *(.MIPS.abiflags) } .reginfo : { *(.reginfo) } }\n');
      for (let i = 0; i < reps + 1; i++) {
        const t0 = performance.now();
        const a = spawnSync('mipsel-linux-gnu-as', ['-march=r3000', '-O0', '-EL', src, '-o', obj], { encoding: 'utf8' });
        const l = spawnSync('mipsel-linux-gnu-ld', ['-T', script, '-Ttext', '0x400000', '-Tdata', '0x10000000', obj, '-o', elf], { encoding: 'utf8' });
        const s = (performance.now() - t0) / 1000;
        if (a.status !== 0 || l.status !== 0) {
          process.stderr.write(`bench/asm: GNU as/ld failed: ${(a.stderr + l.stderr).split('\n')[0]}\n`);
          gnu = undefined;
          break;
        }
        if (i > 0) gnu.push(s); // the first run warms the page cache
      }
    }

    const oursLps = nLines / median(ours);
    const gnuLps = gnu ? nLines / median(gnu) : undefined;
    const result = {
      lines: nLines,
      reps,
      ours: { seconds: median(ours), linesPerSecond: Math.round(oursLps) },
      gnu: gnu ? { seconds: median(gnu), linesPerSecond: Math.round(gnuLps!) } : null,
      ratio: gnuLps ? oursLps / gnuLps : null,
    };
    if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      process.stdout.write(`assembler benchmark: ${nLines} lines, median of ${reps}\n`);
      process.stdout.write(`  exo asm (in-process, assemble+link+ELF): ${result.ours.seconds.toFixed(3)} s, ${result.ours.linesPerSecond.toLocaleString('en-US')} lines/s\n`);
      if (result.gnu) {
        process.stdout.write(`  GNU as -O0 + ld (processes):            ${result.gnu.seconds.toFixed(3)} s, ${result.gnu.linesPerSecond.toLocaleString('en-US')} lines/s\n`);
        process.stdout.write(`  ratio exo/GNU: ${result.ratio!.toFixed(2)}x\n`);
      } else process.stdout.write('  GNU as/ld not available: no comparison\n');
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
