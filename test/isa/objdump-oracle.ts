/**
 * GNU objdump as an oracle for single words: writes the words as a raw little-endian binary and
 * disassembles it with `mipsel-linux-gnu-objdump -b binary -m mips:3000 -EL -D`, one run for
 * any number of words.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OBJDUMP = 'mipsel-linux-gnu-objdump';

export interface ObjdumpLine {
  addr: number;
  word: number;
  mnemonic: string;
  operands: string;
  /** `mnemonic\toperands` or `mnemonic`. */
  text: string;
}

/** objdump's text for each word, disassembled at consecutive addresses from `base`. */
export function objdumpWords(words: ArrayLike<number>, base: number, noAliases = false): ObjdumpLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'exo-objdump-'));
  try {
    const buf = Buffer.alloc(words.length * 4);
    for (let i = 0; i < words.length; i++) buf.writeUInt32LE(words[i]! >>> 0, i * 4);
    const file = join(dir, 'words.bin');
    writeFileSync(file, buf);
    const args = ['-b', 'binary', '-m', 'mips:3000', '-EL', '-D', '-z', `--adjust-vma=0x${base.toString(16)}`];
    if (noAliases) args.push('-M', 'no-aliases');
    args.push(file);
    const r = spawnSync(OBJDUMP, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`objdump failed: ${r.stderr}`);
    const out: ObjdumpLine[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t([^\t]+)(?:\t(.*))?$/.exec(line);
      if (!m) continue;
      const mnemonic = m[3]!;
      const operands = m[4] ?? '';
      out.push({
        addr: parseInt(m[1]!, 16),
        word: parseInt(m[2]!, 16),
        mnemonic,
        operands,
        text: operands ? `${mnemonic}\t${operands}` : mnemonic,
      });
    }
    if (out.length !== words.length) throw new Error(`objdump printed ${out.length} lines for ${words.length} words`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
