/**
 * Differential test against GNU binutils: every corpus file assembled and linked by us and by
 * `mipsel-linux-gnu-as -march=r3000 -O0 -EL` + `mipsel-linux-gnu-ld` at the same -Ttext/-Tdata
 * must give identical .text and .data bytes. Also reports (as a figure, not a requirement) how
 * many corpus files match GNU as at its default optimisation, which fills delay slots.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, formatDiagnostic } from '../../assembler/index.js';
import { hasTools } from '../helpers/oracles.js';
import { firstDifference, gnuBuild, workDir } from './gnu.js';

const CORPUS = join(import.meta.dirname, 'corpus');
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.s'))
  .sort();
const TEXT = 0x00400000;
const DATA = 0x10000000;
const haveGnu = hasTools('mipsel-linux-gnu-as', 'mipsel-linux-gnu-ld', 'mipsel-linux-gnu-objcopy');
if (!haveGnu) console.warn('[differential] GNU binutils for mipsel are missing: the differential tests are skipped');

function ours(paths: string[], dataAddr: number | null = DATA) {
  const r = assemble(
    paths.map((p) => ({ name: p, text: readFileSync(p, 'utf8') })),
    { textAddr: TEXT, dataAddr: dataAddr ?? undefined },
  );
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  const sec = (n: string): Uint8Array => r.image?.sections.find((s) => s.name === n)?.data ?? new Uint8Array(0);
  return { r, errors, text: sec('.text'), data: sec('.data') };
}

describe.skipIf(!haveGnu)('differential: GNU as -O0 + ld', () => {
  it('has a corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  for (const f of files) {
    it(`${f}: .text and .data equal GNU's`, () => {
      const path = join(CORPUS, f);
      const g = gnuBuild([path], { textAddr: TEXT, dataAddr: DATA, includeDir: CORPUS });
      expect(g.ok, g.stderr).toBe(true);
      const o = ours([path]);
      expect(o.errors).toEqual([]);
      expect(firstDifference('.text', g.text, o.text)).toBeUndefined();
      expect(firstDifference('.data', g.data, o.data)).toBeUndefined();
      expect(o.text.length).toBeGreaterThan(0);
    });
  }

  it('links several files: cross-file globals, section order and padding', () => {
    const dir = workDir();
    const a = join(dir, 'a.s');
    const b = join(dir, 'b.s');
    writeFileSync(a, '\t.globl __start\n__start:\n\tjal func\n\tla $t0, shared\n\tlw $t1, bvar\n\t.byte 1\n\t.data\navar: .word func, bvar\n\t.byte 3\n');
    writeFileSync(b, '\t.globl func, shared, bvar\nfunc:\tlw $v0, avar_ref\n\tjr $ra\n\t.data\nshared: .word 7\nbvar:\t.half 2\navar_ref: .word shared\n');
    const g = gnuBuild([a, b], { textAddr: TEXT, dataAddr: DATA });
    expect(g.ok, g.stderr).toBe(true);
    const o = ours([a, b]);
    expect(o.errors).toEqual([]);
    expect(firstDifference('.text', g.text, o.text)).toBeUndefined();
    expect(firstDifference('.data', g.data, o.data)).toBeUndefined();
  });

  it('places .data like GNU ld without -Tdata (DATA_SEGMENT_ALIGN after .rodata)', () => {
    const dir = workDir();
    const a = join(dir, 'a.s');
    // Small enough that ld's default script does not overlap .MIPS.abiflags with .text.
    writeFileSync(a, '\t.globl __start\n__start:\n\tla $t0, d\n\tjr $ra\n\t.rdata\nr: .word 1,2,3\n\t.data\nd: .word d, r\n');
    const g = gnuBuild([a], { textAddr: TEXT, script: false });
    expect(g.ok, g.stderr).toBe(true);
    const o = ours([a], null);
    expect(o.errors).toEqual([]);
    expect(firstDifference('.text', g.text, o.text)).toBeUndefined();
    expect(firstDifference('.data', g.data, o.data)).toBeUndefined();
  });

  it('reports the match count against GNU as at its default optimisation (a figure)', () => {
    let match = 0;
    const mismatched: string[] = [];
    for (const f of files) {
      const path = join(CORPUS, f);
      const g = gnuBuild([path], { textAddr: TEXT, dataAddr: DATA, includeDir: CORPUS, optimise: true });
      const o = ours([path]);
      if (g.ok && !firstDifference('.text', g.text, o.text) && !firstDifference('.data', g.data, o.data)) match++;
      else mismatched.push(f);
    }
    console.log(`[differential] GNU as default optimisation (-O2, fills delay slots): ${match}/${files.length} corpus files match; differing: ${mismatched.join(', ') || 'none'}`);
    expect(match).toBeLessThanOrEqual(files.length);
  });
});
