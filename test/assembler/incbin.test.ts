/**
 * `.incbin "file"[, skip[, count]]` (assembler/directives.ts): the file's bytes, found like
 * `.include` (relative to the including file, then the working directory), with GNU's errors.
 * Compared with mipsel-linux-gnu-as where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { hasTool } from '../helpers/oracles.js';

const dir = mkdtempSync(join(tmpdir(), 'exo-incbin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const blob = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 3) & 0xff);
writeFileSync(join(dir, 'blob.bin'), blob);

function dataOf(src: string, name = join(dir, 'main.s')): { bytes: Uint8Array; errors: string[]; symbols: Map<string, number> } {
  const r = assemble([{ name, text: src }]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col}: ${d.message}`);
  const sec = r.image?.sections.find((s) => s.name === '.data');
  const symbols = new Map((r.image?.symbols ?? []).map((s) => [s.name, s.value]));
  return { bytes: sec ? sec.data.subarray(0, sec.size) : new Uint8Array(0), errors, symbols };
}

describe('.incbin', () => {
  it('includes the whole file, relative to the including file, unaligned', () => {
    const r = dataOf('\t.data\n\t.byte 0xaa\nstart:\t.incbin "blob.bin"\nend:\t.byte 0xbb\n');
    expect(r.errors).toEqual([]);
    expect(Array.from(r.bytes.subarray(0, 302))).toEqual([0xaa, ...blob, 0xbb]);
    expect(r.symbols.get('end')! - r.symbols.get('start')!).toBe(300);
  });

  it('takes skip and count', () => {
    expect(Array.from(dataOf('\t.data\n\t.incbin "blob.bin", 290\n').bytes.subarray(0, 10))).toEqual(Array.from(blob.subarray(290)));
    expect(Array.from(dataOf('\t.data\n\t.incbin "blob.bin", 5, 3\n\t.byte 1\n').bytes.subarray(0, 4))).toEqual([...blob.subarray(5, 8), 1]);
    expect(dataOf('\t.data\n\tx: .incbin "blob.bin", 300\ny:\n').symbols.get('y')).toBe(dataOf('\t.data\n\tx: .incbin "blob.bin", 300\ny:\n').symbols.get('x'));
  });

  it('refuses a missing file, a bad skip or count, .bss, and a missing name', () => {
    expect(dataOf('\t.data\n\t.incbin "nope.bin"\n').errors).toEqual(['2:10: file not found: nope.bin']);
    expect(dataOf('\t.data\n\t.incbin "blob.bin", 301\n').errors[0]).toMatch(/skip \(301\) or count \(-1\) invalid for file size \(300\)/);
    expect(dataOf('\t.data\n\t.incbin "blob.bin", 200, 101\n').errors[0]).toMatch(/skip \(200\) or count \(101\) invalid for file size \(300\)/);
    expect(dataOf('\t.data\n\t.incbin "blob.bin", -1\n').errors[0]).toMatch(/invalid for file size/);
    expect(dataOf('\t.bss\n\t.incbin "blob.bin"\n').errors[0]).toMatch(/non-zero value in section '.bss'/);
    expect(dataOf('\t.data\n\t.incbin blob\n').errors[0]).toMatch(/expected a file name in quotes/);
  });

  describe.skipIf(!hasTool('mipsel-linux-gnu-as') || !hasTool('mipsel-linux-gnu-objcopy'))('against GNU as', () => {
    it('gives the same .data bytes', () => {
      const src = '\t.data\n\t.byte 1\n\t.incbin "blob.bin", 7, 100\n\t.word 0x11223344\n\t.incbin "blob.bin"\n';
      const s = join(dir, 'gnu.s');
      writeFileSync(s, src);
      const o = join(dir, 'gnu.o');
      const as = spawnSync('mipsel-linux-gnu-as', ['-march=r3000', '-I', dir, '-o', o, s], { cwd: dir, encoding: 'utf8' });
      expect(as.status, as.stderr).toBe(0);
      const dump = spawnSync('mipsel-linux-gnu-objcopy', ['-O', 'binary', '-j', '.data', o, join(dir, 'gnu.bin')], { encoding: 'utf8' });
      expect(dump.status, dump.stderr).toBe(0);
      const gnu = new Uint8Array(readFileSync(join(dir, 'gnu.bin')));
      const ours = dataOf(src, s).bytes;
      expect(Array.from(ours.subarray(0, gnu.length))).toEqual(Array.from(gnu));
    });
  });
});
