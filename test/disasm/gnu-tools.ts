/** Running GNU as + ld on generated sources and reading the linked .text back (with our reader). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf } from '../../assembler/elf-read.js';

export const GAS = 'mipsel-linux-gnu-as';
export const GLD = 'mipsel-linux-gnu-ld';
export const GCC = 'mipsel-linux-gnu-gcc';

export interface GnuResult {
  /** Linked `.text` words, or undefined when as or ld failed. */
  words?: Uint32Array;
  stderr: string;
}

/** Assemble `source` with `as -march=r3000 -O0`, link with `ld -Ttext textAddr`, return .text. */
export function gnuAssemble(source: string, textAddr = 0): GnuResult {
  const dir = mkdtempSync(join(tmpdir(), 'exo-gas-'));
  try {
    const s = join(dir, 'a.s');
    const o = join(dir, 'a.o');
    const elf = join(dir, 'a.elf');
    writeFileSync(s, source);
    const as = spawnSync(GAS, ['-march=r3000', '-O0', s, '-o', o], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (as.status !== 0) return { stderr: as.stderr };
    const ld = spawnSync(GLD, ['-Ttext', `0x${textAddr.toString(16)}`, '-e', `0x${textAddr.toString(16)}`, o, '-o', elf], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (ld.status !== 0) return { stderr: as.stderr + ld.stderr };
    const image = readElf(readFileSync(elf), elf);
    const text = image.sections.find((x) => x.name === '.text')!;
    const words = new Uint32Array(text.size >>> 2);
    const dv = new DataView(text.data.buffer, text.data.byteOffset, text.data.byteLength);
    for (let i = 0; i < words.length; i++) words[i] = dv.getUint32(i * 4, true);
    return { words, stderr: as.stderr + ld.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Build an executable with `cmd` (gcc or as+ld) in a temp dir; returns its path and a cleanup. */
export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'exo-disasm-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}
