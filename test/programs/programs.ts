/**
 * The bare test programs of `programs/tests/` (docs/tests.md): listing them, building them with
 * our assembler through the CLI, and running them with `exo run --bare` (the built CLI in dist/,
 * which `npm test` builds first).
 *
 * A program is normally run straight from its source (`exo run --bare prog.s`: .text at
 * 0x80030000). A header line `# link: ARGS` (e.g. `-Ttext 0xbfc00000` for a program that lives in
 * the boot ROM) makes it go through `exo asm prog.s ARGS -o prog.elf` first. A header line
 * `# run: ARGS` adds options to `exo run`; in it `@zero:N` stands for a fresh zero-filled disk
 * image of N 512-byte sectors (for `--disk`) and `@tests/PATH` for a file under programs/tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const PROGRAMS_DIR = join(ROOT, 'programs/tests');
export const BUILT = existsSync(join(ROOT, 'dist/cli/run.js'));

/** Cycle budget for one program: all of them finish in well under a million cycles. */
export const MAX_CYCLES = 50_000_000;

export interface Program {
  /** File name without `.s`, e.g. `exc-ov-add`. */
  name: string;
  path: string;
  /** `exo asm` arguments from a `# link:` header, or null to run the source directly. */
  link: string[] | null;
  /** `exo run` options from a `# run:` header. */
  run: string[];
}

export function listPrograms(): Program[] {
  return readdirSync(PROGRAMS_DIR)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((f) => {
      const path = join(PROGRAMS_DIR, f);
      const text = readFileSync(path, 'utf8');
      const m = /^#\s*link:\s*(.+)$/m.exec(text);
      const r = /^#\s*run:\s*(.+)$/m.exec(text);
      return {
        name: basename(f, '.s'),
        path,
        link: m ? m[1]!.trim().split(/\s+/) : null,
        run: r ? r[1]!.trim().split(/\s+/) : [],
      };
    });
}

export interface ExoResult {
  status: number;
  stdout: string;
  stderr: string;
}

let scratch: string | null = null;
function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'exo-progs-'));
  return scratch;
}

function exo(args: string[]): ExoResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/exo.js'), ...args], {
    encoding: 'latin1',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Assembles a program to an ELF with its link arguments (default .text 0x80030000, as `run`). */
export function buildElf(p: Program): string {
  const out = join(scratchDir(), `${p.name}.elf`);
  const r = exo(['asm', p.path, ...(p.link ?? ['-Ttext', '0x80030000']), '-o', out]);
  if (r.status !== 0) throw new Error(`exo asm ${p.name} failed (${r.status}): ${r.stderr}`);
  return out;
}

/** Runs a program with `exo run --bare` plus `extra` options. */
export function runProgram(p: Program, extra: string[] = []): ExoResult {
  const target = p.link ? buildElf(p) : p.path;
  const runArgs = p.run.map((a) => {
    if (a.startsWith('@tests/')) return join(PROGRAMS_DIR, a.slice('@tests/'.length));
    const zero = /^@zero:(\d+)$/.exec(a);
    if (!zero) return a;
    const image = join(scratchDir(), `${p.name}-${Date.now()}.img`);
    writeFileSync(image, new Uint8Array(Number(zero[1]) * 512));
    return image;
  });
  return exo(['run', '--bare', '--max-cycles', String(MAX_CYCLES), ...runArgs, ...extra, target]);
}
