/**
 * The ELF reader: correct on ELFs from GNU ld and from a small writer of our own, a one-line
 * ElfError for each kind of bad input, and only ElfError for random, truncated and mutated files
 * (fast-check), including through the symbolizer and the listing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElfError, readElf, symbolizer, type ElfImage } from '../../assembler/elf-read.js';
import { disasmListing } from '../../assembler/disasm-listing.js';
import { hasTools } from '../helpers/oracles.js';
import { buildElf, words } from './elf-builder.js';
import { GCC, tempDir } from './gnu-tools.js';

const TEXT = words(0x27bdffe8, 0xafbf0014, 0x0c100006, 0x00000000, 0x8fbf0014, 0x03e00008, 0x27bd0018, 0x03e00008, 0x00000000);
const sample = (): Uint8Array =>
  buildElf(
    [
      { name: '.text', addr: 0x400000, data: TEXT, exec: true },
      { name: '.data', addr: 0x410000, data: words(1, 2, 3) },
    ],
    [
      { name: '__start', value: 0x400000, section: 0, size: 24 },
      { name: 'leaf', value: 0x400018, section: 0, bind: 0 },
      { name: 'table', value: 0x410000, section: 1, type: 1, size: 12 },
      { name: 'ABSV', value: 0x1234, section: -1, type: 0 },
    ],
  );

function patch(bytes: Uint8Array, f: (v: DataView) => void): Uint8Array {
  const copy = bytes.slice();
  f(new DataView(copy.buffer));
  return copy;
}

function reason(bytes: Uint8Array): string {
  try {
    readElf(bytes, 'prog.elf');
  } catch (e) {
    if (e instanceof ElfError) {
      expect(e.message).toBe(`prog.elf: error: ${e.reason}`);
      expect(e.message).not.toContain('\n');
      return e.reason;
    }
    throw e;
  }
  return 'ok';
}

describe('readElf on good files', () => {
  it('reads header, segments, sections and symbols', () => {
    const img = readElf(sample(), 'a.elf');
    expect([img.entry, img.machine, img.flags]).toEqual([0x400000, 8, 0x1001]);
    expect(img.segments.map((s) => [s.vaddr, s.paddr, s.filesz, s.memsz, s.flags])).toEqual([
      [0x400000, 0x400000, 36, 36, 5],
      [0x410000, 0x410000, 12, 12, 6],
    ]);
    expect(Array.from(img.segments[0]!.data)).toEqual(Array.from(TEXT));
    expect(img.sections.map((s) => s.name)).toEqual(['', '.text', '.data', '.symtab', '.strtab', '.shstrtab']);
    expect(img.sections[1]).toMatchObject({ addr: 0x400000, size: 36, type: 1, flags: 6 });
    expect(img.symbols).toEqual([
      { name: '__start', value: 0x400000, size: 24, type: 2, bind: 1, shndx: 1 },
      { name: 'leaf', value: 0x400018, size: 0, type: 2, bind: 0, shndx: 1 },
      { name: 'table', value: 0x410000, size: 12, type: 1, bind: 1, shndx: 2 },
      { name: 'ABSV', value: 0x1234, size: 0, type: 0, bind: 1, shndx: 0xfff1 },
    ]);
  });

  it('symbolizer: nearest label in the containing section', () => {
    const sym = symbolizer(readElf(sample(), 'a.elf'));
    expect(sym(0x400000)).toEqual({ name: '__start', offset: 0 });
    expect(sym(0x400010)).toEqual({ name: '__start', offset: 0x10 });
    expect(sym(0x400020)).toEqual({ name: 'leaf', offset: 8 });
    expect(sym(0x410008)).toEqual({ name: 'table', offset: 8 });
    expect(sym(0x400024)).toBeUndefined(); // past the end of .text
    expect(sym(0x1234)).toBeUndefined(); // absolute symbols name no code
  });

  it('symbolizer prefers functions, then objects, then globals, among equal addresses', () => {
    const img = readElf(
      buildElf(
        [{ name: '.text', addr: 0x1000, data: TEXT, exec: true }],
        [
          { name: 'a_local', value: 0x1000, section: 0, bind: 0, type: 0 },
          { name: '_ftext', value: 0x1000, section: 0, type: 0 },
          { name: 'main', value: 0x1000, section: 0, type: 2 },
          { name: 'later', value: 0x1008, section: 0, bind: 0, type: 0 },
          { name: 'glob', value: 0x1008, section: 0, type: 0 },
        ],
      ),
      'b.elf',
    );
    const sym = symbolizer(img);
    expect(sym(0x1004)).toEqual({ name: 'main', offset: 4 });
    expect(sym(0x100c)).toEqual({ name: 'glob', offset: 4 });
  });

  describe.skipIf(!hasTools(GCC, 'mipsel-linux-gnu-readelf'))('on a gcc-built executable, agrees with readelf', () => {
    const tmp = tempDir();
    let file = '';
    let img: ElfImage;
    beforeAll(() => {
      file = join(tmp.dir, 'p.elf');
      const fixture = new URL('./fixtures/algo.c', import.meta.url).pathname;
      const r = spawnSync(GCC, ['-march=r3000', '-mfp32', '-msoft-float', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-O1', fixture, '-o', file]);
      expect(r.status).toBe(0);
      img = readElf(readFileSync(file), file);
    });
    afterAll(() => tmp.done());
    const readelf = (flag: string) => spawnSync('mipsel-linux-gnu-readelf', ['-W', flag, file], { encoding: 'utf8' }).stdout;

    it('sections', () => {
      const rows = [...readelf('-S').matchAll(/^\s*\[\s*(\d+)\]\s+(\S*)\s+(\S+)\s+([0-9a-f]{8}) [0-9a-f]{6} ([0-9a-f]{6})/gm)].filter((m) => m[1] !== '0');
      expect(rows.length).toBe(img.sections.length - 1);
      for (const m of rows) {
        const s = img.sections[Number(m[1])]!;
        expect([s.name, s.addr, s.size]).toEqual([m[2], parseInt(m[4]!, 16), parseInt(m[5]!, 16)]);
      }
    });

    it('symbols', () => {
      const rows = [...readelf('-s').matchAll(/^\s*(\d+): ([0-9a-f]{8})\s+(\d+) (\w+)\s+(\w+)\s+\w+\s+(\w+) ?(.*)$/gm)].filter((m) => m[1] !== '0');
      expect(rows.length).toBe(img.symbols.length);
      rows.forEach((m, i) => {
        const s = img.symbols[i]!;
        // readelf shows a section symbol under its section's name; its own name is empty.
        expect([m[4] === 'SECTION' ? '' : s.name, s.value, s.size]).toEqual([m[4] === 'SECTION' ? '' : m[7], parseInt(m[2]!, 16), Number(m[3])]);
        expect(s.type).toBe({ NOTYPE: 0, OBJECT: 1, FUNC: 2, SECTION: 3, FILE: 4 }[m[4]!]);
      });
    });

    it('fuzz: mutations of this file give an image or an ElfError', () => {
      const good = readFileSync(file);
      fc.assert(
        fc.property(
          fc.array(fc.record({ at: fc.nat(good.length - 4), value: fc.oneof(fc.nat(), fc.constantFrom(0, 0xffffffff, 0x80000000, good.length)) }), { minLength: 1, maxLength: 4 }),
          (ms) => {
            const b = new Uint8Array(good);
            const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
            for (const m of ms) v.setUint32(m.at, m.value >>> 0, true);
            parseAndList(b);
          },
        ),
        { numRuns: 1500 },
      );
    });

    it('loadable segments', () => {
      const rows = [...readelf('-l').matchAll(/^\s*LOAD\s+0x[0-9a-f]+ 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+)/gm)];
      expect(img.segments.map((s) => [s.vaddr, s.paddr, s.filesz, s.memsz])).toEqual(rows.map((m) => m.slice(1, 5).map((x) => parseInt(x, 16))));
      expect(img.entry).toBe(parseInt(/Entry point address:\s+0x([0-9a-f]+)/.exec(readelf('-h'))![1]!, 16));
    });
  });
});

describe('readElf on bad files: one-line ElfError', () => {
  const good = sample();
  it.each<[string, Uint8Array, string]>([
    ['empty', new Uint8Array(0), 'not an ELF file'],
    ['text', new TextEncoder().encode('hello world, this is not an ELF file at all...........'), 'not an ELF file'],
    ['truncated header', good.slice(0, 30), 'truncated ELF header'],
    ['64-bit', patch(good, (v) => v.setUint8(4, 2)), 'not a 32-bit ELF file (class 2)'],
    ['big-endian', patch(good, (v) => v.setUint8(5, 2)), 'big-endian ELF file; only little-endian MIPS is supported'],
    ['bad version', patch(good, (v) => v.setUint8(6, 0)), 'unsupported ELF version 0'],
    ['x86', patch(good, (v) => v.setUint16(18, 3, true)), 'not a MIPS ELF file (machine 3)'],
    ['object', patch(good, (v) => v.setUint16(16, 1, true)), 'not an executable (a relocatable object)'],
    ['shared', patch(good, (v) => v.setUint16(16, 3, true)), 'not an executable (a shared object)'],
    ['phdrs outside', patch(good, (v) => v.setUint32(28, 0xfffffff0, true)), 'program header table outside the file'],
    ['phentsize', patch(good, (v) => v.setUint16(42, 20, true)), 'bad program header size 20'],
    ['segment data outside', patch(good, (v) => v.setUint32(52 + 4, good.length - 8, true)), 'segment 0: file data outside the file'],
    ['filesz > memsz', patch(good, (v) => v.setUint32(52 + 20, 8, true)), 'segment 0: file size 0x24 exceeds memory size 0x8'],
    ['wrapping segment', patch(good, (v) => v.setUint32(52 + 8, 0xfffffff0, true)), 'segment 0: virtual range 0xfffffff0+0x24 wraps around'],
    ['overlapping segments', patch(good, (v) => v.setUint32(52 + 32 + 8, 0x400020, true)), 'segments at 0x400000 and 0x400020 overlap'],
    ['shdrs outside', patch(good, (v) => v.setUint32(32, good.length - 10, true)), 'section header table outside the file'],
    ['shentsize', patch(good, (v) => v.setUint16(46, 64, true)), 'bad section header size 64'],
    ['shstrndx range', patch(good, (v) => v.setUint16(50, 40, true)), 'section name table index 40 out of range'],
    ['shstrndx not strtab', patch(good, (v) => v.setUint16(50, 1, true)), 'section name table (section 1) is not a string table'],
  ])('%s', (_name, bytes, expected) => {
    expect(reason(bytes)).toBe(expected);
  });

  it('section, symbol and string offsets are checked', () => {
    const img = readElf(good, 'x');
    const v = new DataView(good.buffer);
    const shoff = v.getUint32(32, true);
    const symtabIdx = img.sections.findIndex((s) => s.name === '.symtab');
    const textHdr = shoff + 1 * 40;
    const symHdr = shoff + symtabIdx * 40;
    expect(reason(patch(good, (d) => d.setUint32(textHdr + 20, 0x7fffffff, true)))).toBe('section 1: contents outside the file');
    expect(reason(patch(good, (d) => d.setUint32(textHdr, 0x10000, true)))).toBe('section 1: name offset 0x10000 outside the name table');
    expect(reason(patch(good, (d) => d.setUint32(symHdr + 36, 12, true)))).toBe('symbol table entry size 12 is not 16');
    expect(reason(patch(good, (d) => d.setUint32(symHdr + 24, 1, true)))).toBe("symbol table's string table (section 1) is not a string table");
    const symData = v.getUint32(symHdr + 16, true);
    expect(reason(patch(good, (d) => d.setUint32(symData + 16, 0x9999, true)))).toBe('symbol 1: name offset 0x9999 outside the string table');
    expect(reason(patch(good, (d) => d.setUint16(symData + 16 + 14, 77, true)))).toBe('symbol 1: section index 77 out of range');
  });
});

/** readElf, then everything the disassembler does with an image: only ElfError may escape. */
function parseAndList(bytes: Uint8Array): void {
  let img: ElfImage;
  try {
    img = readElf(bytes, 'fuzz.elf');
  } catch (e) {
    if (e instanceof ElfError) return;
    throw e;
  }
  for (const s of img.segments) expect(s.data.length).toBe(s.filesz);
  disasmListing(img, 'fuzz.elf');
  const sym = symbolizer(img);
  for (const s of img.sections) sym(s.addr);
}

describe('fuzz: only ElfError, never another exception or a hang', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => parseAndList(b)), { numRuns: 3000 });
  });

  it('random bytes behind a valid identification', () => {
    const ident = [0x7f, 0x45, 0x4c, 0x46, 1, 1, 1];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 800 }), fc.integer({ min: 0, max: 4 }), (b, type) => {
        const bytes = new Uint8Array(Math.max(b.length, 52));
        bytes.set(b);
        bytes.set(ident);
        bytes[16] = type;
        bytes[18] = 8;
        parseAndList(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('every truncation of a valid file', () => {
    const good = sample();
    for (let n = 0; n <= good.length; n++) parseAndList(good.slice(0, n));
  });

  it('mutated valid files (bytes, and 32-bit fields with boundary values)', () => {
    const good = sample();
    const mutation = fc.oneof(
      fc.record({ at: fc.nat(good.length - 1), byte: fc.integer({ min: 0, max: 255 }) }).map(({ at, byte }) => (b: Uint8Array) => {
        b[at] = byte;
      }),
      fc
        .record({
          at: fc.nat(good.length - 4),
          value: fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, good.length, good.length - 1), fc.nat()),
        })
        .map(({ at, value }) => (b: Uint8Array) => new DataView(b.buffer).setUint32(at & ~3, value >>> 0, true)),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        const b = good.slice();
        for (const m of ms) m(b);
        parseAndList(b);
      }),
      { numRuns: 5000 },
    );
  });
});
