/**
 * Builds the benchmark programs from the committed sources into bench/out/:
 *   <w>.linux.elf      C workload + crt-linux.S: static o32 Linux ELF (qemu-mipsel, exo --abi linux)
 *   <w>.testmips.elf   C workload + crt-testmips.S linked in kseg0 (gxemul -E testmips, exo --bare)
 *   spim/<w>.spim.s    SPIM twin: rt-spim.s + print.s + <w>.s, fed to spim
 *   spim/<w>.elf       the same instructions with rt-linux.s, GNU-assembled (exo counts them)
 * A product is rebuilt when it is missing or older than one of its inputs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR, SPIM_DIR, WORKLOAD_DIR } from './paths.js';

/** The CPU-bound workloads, in table order; `empty` is measured separately as start-up cost. */
export const WORKLOADS = ['intloop', 'sieve', 'matmul', 'crc32', 'fib'] as const;
export const EMPTY = 'empty';

/** The flags the issue prescribes: MIPS I code, no PIC/abicalls, no libc. */
export const CFLAGS = ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-ffreestanding'];

/** Extra flags per source file, each for a stated reason. */
const EXTRA_CFLAGS: Record<string, string[]> = {
  // rt.c defines memset/memcpy: stop gcc from turning their loops back into calls to themselves.
  'rt.c': ['-fno-tree-loop-distribute-patterns'],
  // keep fib doubly recursive: gcc -O2 otherwise turns one of the two calls into a loop.
  'fib.c': ['-fno-optimize-sibling-calls'],
};

/** The testmips programs live in kseg0; the first segment (with the ELF headers) starts here. */
const TESTMIPS_BASE = '0x80010000';

/** GNU as flags for the SPIM twins: R3000 code, and -O0 so nothing is moved into delay slots. */
const GAS_FLAGS = ['-march=r3000', '-mfp32', '-O0'];

export const GCC = 'mipsel-linux-gnu-gcc';
export const GAS = 'mipsel-linux-gnu-as';
export const GLD = 'mipsel-linux-gnu-ld';

export interface BuiltWorkload {
  name: string;
  linuxElf: string;
  testmipsElf: string;
}

export interface BuiltSpim {
  name: string;
  spimSource: string;
  linuxElf: string;
}

export class BuildError extends Error {}

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

function stale(output: string, inputs: string[]): boolean {
  const out = mtime(output);
  return out < 0 || inputs.some((i) => mtime(i) > out);
}

/**
 * bench/out/flags.json records the flags the products were built with; when they change, every
 * product is deleted so that all are rebuilt.
 */
function checkFlags(): void {
  const stamp = join(OUT_DIR, 'flags.json');
  const flags = JSON.stringify({ CFLAGS, EXTRA_CFLAGS, TESTMIPS_BASE, GAS_FLAGS }) + '\n';
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === flags) return;
  for (const dir of [OUT_DIR, join(OUT_DIR, 'spim')])
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (/\.(o|elf)$/.test(f)) rmSync(join(dir, f));
  writeFileSync(stamp, flags);
}

function tool(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new BuildError(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new BuildError(`${cmd} ${args.join(' ')} failed:\n${(r.stderr || r.stdout).trim()}`);
}

function compile(src: string): string {
  const file = src.split('/').pop()!;
  const obj = join(OUT_DIR, file.replace(/\.[cS]$/, '.o'));
  const header = join(WORKLOAD_DIR, 'rt.h');
  if (stale(obj, [src, header])) tool(GCC, [...CFLAGS, ...(EXTRA_CFLAGS[file] ?? []), '-c', src, '-o', obj]);
  return obj;
}

/** Builds the C workloads (and `empty`) named; throws BuildError with the tool's message. */
export function buildWorkloads(names: readonly string[]): BuiltWorkload[] {
  mkdirSync(OUT_DIR, { recursive: true });
  checkFlags();
  const rt = compile(join(WORKLOAD_DIR, 'rt.c'));
  const crtLinux = compile(join(WORKLOAD_DIR, 'crt-linux.S'));
  const crtTestmips = compile(join(WORKLOAD_DIR, 'crt-testmips.S'));
  return names.map((name) => {
    const obj = compile(join(WORKLOAD_DIR, `${name}.c`));
    const linuxElf = join(OUT_DIR, `${name}.linux.elf`);
    const testmipsElf = join(OUT_DIR, `${name}.testmips.elf`);
    if (stale(linuxElf, [obj, rt, crtLinux])) tool(GCC, [...CFLAGS, crtLinux, obj, rt, '-o', linuxElf]);
    if (stale(testmipsElf, [obj, rt, crtTestmips]))
      tool(GCC, [...CFLAGS, `-Wl,-Ttext-segment=${TESTMIPS_BASE}`, crtTestmips, obj, rt, '-o', testmipsElf]);
    return { name, linuxElf, testmipsElf };
  });
}

/** Builds the SPIM twins named (and `empty`): the spim source and the GNU-assembled Linux ELF. */
export function buildSpim(names: readonly string[]): BuiltSpim[] {
  const dir = join(OUT_DIR, 'spim');
  mkdirSync(dir, { recursive: true });
  checkFlags();
  const print = join(SPIM_DIR, 'print.s');
  return names.map((name) => {
    const body = join(SPIM_DIR, `${name}.s`);
    const spimSource = join(dir, `${name}.spim.s`);
    const linuxSource = join(dir, `${name}.linux.s`);
    const obj = join(dir, `${name}.o`);
    const linuxElf = join(dir, `${name}.elf`);
    const concat = (out: string, parts: string[]): void => {
      if (stale(out, parts)) writeFileSync(out, parts.map((p) => readFileSync(p, 'utf8')).join('\n'));
    };
    concat(spimSource, [join(SPIM_DIR, 'rt-spim.s'), print, body]);
    concat(linuxSource, [join(SPIM_DIR, 'rt-linux.s'), print, body]);
    if (stale(obj, [linuxSource])) tool(GAS, [...GAS_FLAGS, linuxSource, '-o', obj]);
    if (stale(linuxElf, [obj])) tool(GLD, ['-static', '-e', '__start', obj, '-o', linuxElf]);
    return { name, spimSource, linuxElf };
  });
}
