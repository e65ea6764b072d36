/**
 * `exo disasm` against `mipsel-linux-gnu-objdump -d`, line by line, on executables built by GNU
 * tools: gcc (-march=r3000, two C files at four optimisation levels), GNU as + ld with every
 * instruction form (test/disasm/fixtures/allinsn.s), a minimal linker script (code before the
 * first label) and a stripped file (no symbols). Every differing line must be an instruction line
 * whose difference is one of the documented ones (test/isa/known-differences.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disasmListing } from '../../assembler/disasm-listing.js';
import { readElf } from '../../assembler/elf-read.js';
import { hasTools } from '../helpers/oracles.js';
import { explainDifference } from '../isa/known-differences.js';
import { OBJDUMP } from '../isa/objdump-oracle.js';
import { GAS, GCC, GLD, tempDir } from './gnu-tools.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const INSN = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;

/** Compare listings; returns the unexplained differences and counts the explained ones. */
function compare(ours: string[], theirs: string[], noAliases: boolean): { unexplained: string[]; explained: number } {
  const unexplained: string[] = [];
  let explained = 0;
  const n = Math.max(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (a === b) continue;
    const ma = a === undefined ? null : INSN.exec(a);
    const mb = b === undefined ? null : INSN.exec(b);
    if (ma && mb && ma[1] === mb[1] && ma[2] === mb[2]) {
      const word = parseInt(ma[2]!, 16);
      // A target of an instruction we spell differently (jalx) may also carry objdump's `<sym+off>`.
      if (explainDifference(word, ma[3]!, mb[3]!, noAliases) || explainDifference(word, ma[3]!, mb[3]!.replace(/ <[^>]*>$/, ''), noAliases)) {
        explained++;
        continue;
      }
    }
    unexplained.push(`line ${i + 1}: ours ${JSON.stringify(a)} objdump ${JSON.stringify(b)}`);
    if (unexplained.length > 20) break;
  }
  return { unexplained, explained };
}

describe.skipIf(!hasTools(OBJDUMP, GAS, GLD, GCC))('listing against objdump -d', () => {
  const tmp = tempDir();
  const elves: string[] = [];
  beforeAll(() => {
    // No libgcc: Debian's is MIPS32R2 code, which would make the executable MIPS32R2.
    const cc = ['-march=r3000', '-mfp32', '-msoft-float', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static'];
    for (const [src, levels] of [['algo', ['0', '1', '2', 's']], ['kernel', ['0', '1', '2', '3']]] as const)
      for (const o of levels) {
        const out = join(tmp.dir, `${src}-O${o}.elf`);
        run(GCC, [...cc, `-O${o}`, join(FIXTURES, `${src}.c`), '-o', out]);
        elves.push(out);
      }
    const obj = join(tmp.dir, 'allinsn.o');
    run(GAS, ['-march=r3000', '-O0', join(FIXTURES, 'allinsn.s'), '-o', obj]);
    for (const [name, args] of [
      ['allinsn-kseg0.elf', ['-Ttext', '0x80010000', '-e', '__start']],
      ['allinsn-user.elf', ['-Ttext', '0x00410000', '-e', '__start']],
      ['allinsn-stripped.elf', ['-Ttext', '0x1000', '-e', '__start', '-s']],
    ] as const) {
      const out = join(tmp.dir, name);
      run(GLD, [...args, obj, '-o', out]);
      elves.push(out);
    }
    // A minimal script: no _ftext, so the code before the first label is labelled `<first-0x..>`.
    const script = join(tmp.dir, 'min.ld');
    writeFileSync(script, 'SECTIONS { . = 0x2000; .text : { *(.text) } }\n');
    const small = join(tmp.dir, 'small.s');
    writeFileSync(small, '\t.set noreorder\n\tnop\n\taddu $2,$3,$4\nfoo:\taddu $2,$3,$4\n\t.word 0,0\nbar:\tjr $31\n\tnop\n\tnop\n');
    run(GAS, ['-march=r3000', small, '-o', join(tmp.dir, 'small.o')]);
    run(GLD, ['-T', script, '-e', '0x2000', join(tmp.dir, 'small.o'), '-o', join(tmp.dir, 'small.elf')]);
    elves.push(join(tmp.dir, 'small.elf'));
  });
  afterAll(() => tmp.done());

  for (const raw of [false, true]) {
    it(`matches objdump -d${raw ? ' -M no-aliases (--raw)' : ''} line by line`, () => {
      let explained = 0;
      let lines = 0;
      for (const file of elves) {
        const theirs = run(OBJDUMP, ['-d', ...(raw ? ['-M', 'no-aliases'] : []), file]).split('\n');
        if (theirs[theirs.length - 1] === '') theirs.pop();
        const ours = disasmListing(readElf(readFileSync(file), file), file, { aliases: !raw });
        const r = compare(ours, theirs, raw);
        expect(r.unexplained, file).toEqual([]);
        explained += r.explained;
        lines += theirs.length;
      }
      expect(lines).toBeGreaterThan(1000);
      console.log(`[listing${raw ? ' raw' : ''}] ${elves.length} files, ${lines} lines identical except ${explained} documented differences`);
    });
  }
});
