/**
 * Unit tests of the assembler's API and of behaviour the GNU differential test cannot show:
 * our syntax extensions (objdump's register names), symbols, entry selection, layout, listing
 * and map, and that the table drives the encoder.
 */
import { describe, expect, it } from 'vitest';
import { ISA } from '../../emulator/isa.js';
import { assemble, assembleOrThrow, formatDiagnostic } from '../../assembler/index.js';

const words = (text: string): number[] => {
  const img = assembleOrThrow(`\t.set noreorder\n${text}`);
  const t = img.sections.find((s) => s.name === '.text')!;
  const out: number[] = [];
  for (let i = 0; i < t.size; i += 4) out.push((t.data[i]! | (t.data[i + 1]! << 8) | (t.data[i + 2]! << 16) | (t.data[i + 3]! << 24)) >>> 0);
  // strip the section padding
  while (out.length > 1 && out[out.length - 1] === 0 && !/nop|\.word 0/.test(text)) out.pop();
  return out;
};

describe('encoding', () => {
  it('every table entry is reachable by its mnemonic and encodes to its match bits', () => {
    for (const e of ISA) {
      const ops: string[] = e.operands.map((k): string => {
        switch (k) {
          case 'rd': case 'rs': case 'rt': return '$0';
          case 'sa': case 'simm': case 'uimm': case 'hi16': case 'cofun': return '0';
          case 'mem': return '0($0)';
          case 'branch': return '.+4';
          case 'jump': return '0';
          case 'cpreg': case 'cpctl': case 'cprt': return '$0';
          default: return '';
        }
      }).filter((s) => s !== '');
      if (e.mnemonic === 'div' || e.mnemonic === 'divu') ops.unshift('$zero');
      const w = words(`\t${e.mnemonic}\t${ops.join(', ')}\n`)[0]!;
      expect((w & e.mask) >>> 0, e.mnemonic).toBe(e.match);
    }
  });

  it("accepts objdump's coprocessor register names and $fN", () => {
    expect(words('\tmfc0 $t0, c0_sr\n\tmfc0 $t0, $c0_sr\n\tmfc0 $t0, $12\n')).toEqual([0x40086000, 0x40086000, 0x40086000]);
    expect(words('\tmtc0 $k0, c0_epc\n')).toEqual([0x409a7000]);
    expect(words('\tlwc1 $f3, 8($sp)\n\tmtc1 $t0, $f31\n')).toEqual([0xc7a30008, 0x4488f800]);
    expect(words('\tctc1 $t0, c1_fcsr\n')).toEqual([0x44c8f800]);
  });

  it("accepts objdump's bare register names where only a register fits; labels named like registers still work", () => {
    expect(words('\taddu v0,a0,zero\n\tlw t0,4(sp)\n\tssnop\n\tehb\n').slice(0, 4)).toEqual([0x00801021, 0x8fa80004, 0x40, 0xc0]);
    // `a1` is a label here: a branch target is never a register.
    expect(words('a1:\tnop\n\tb a1\n\tbeq $t0, $t1, a1\n').slice(0, 3)).toEqual([0, 0x1000fffe, 0x1109fffd]);
  });

  it('break and syscall codes', () => {
    expect(words('\tbreak\n\tbreak 7\n\tbreak 7, 3\n\tsyscall\n\tsyscall 0x12345\n')).toEqual([0x0d, 0x0007000d, 0x000700cd, 0x0c, 0x0048d14c]);
  });

  it('strings: escapes give bytes, non-ASCII characters their UTF-8 bytes', () => {
    const img = assembleOrThrow('__start: nop\n\t.data\n\t.ascii "\\101\\x42\\n\u00e9\u20ac"\n');
    const d = img.sections.find((s) => s.name === '.data')!.data;
    expect([...d.subarray(0, 8)]).toEqual([0x41, 0x42, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  });

  it('%hi is carry-adjusted, %lo signed', () => {
    expect(words('\tlui $t0, %hi(0x12348765)\n\taddiu $t0, $t0, %lo(0x12348765)\n')).toEqual([0x3c081235, 0x25088765]);
  });

  it('numeric local labels can be redefined; 1f/1b find the nearest', () => {
    // b 1f from 0 -> 8; b 1b from 8 -> 8; b 1f from 0xc -> 0x10
    expect(words('\tb 1f\n\tnop\n1:\tb 1b\n\tb 1f\n1:\tnop\n').slice(0, 5)).toEqual([0x10000001, 0x0, 0x1000ffff, 0x10000000, 0x0]);
  });

  it('`.` is the address of the statement', () => {
    expect(words('\tnop\n\tb .\n\t.word .\n').slice(0, 3)).toEqual([0, 0x1000ffff, 0x00400008]);
  });
});

describe('symbols, entry and layout', () => {
  it('symbols carry section, size, type and binding; numeric labels are not exported', () => {
    const img = assembleOrThrow('\t.globl f\n\t.type f, @function\nf:\tnop\n1:\tjr $ra\n\t.size f, .-f\n\t.data\n\t.type v, @object\nv:\t.word 1\n\t.size v, 4\n\t.equ K, 5\n');
    const by = new Map(img.symbols.map((s) => [s.name, s]));
    expect(by.get('f')).toEqual({ name: 'f', value: 0x400000, size: 12, type: 'func', global: true, section: '.text' });
    expect(by.get('v')).toMatchObject({ value: 0x410010, size: 4, type: 'object', global: false, section: '.data' });
    expect(by.get('K')).toMatchObject({ value: 5, section: '*ABS*' });
    expect(img.symbols.some((s) => s.name.includes('1'))).toBe(false);
  });

  it('entry: -e symbol, else __start, else _start, else start of .text (with a warning)', () => {
    expect(assembleOrThrow('\tnop\n_start: nop\n__start: nop\n').entry).toBe(0x400008);
    expect(assembleOrThrow('\tnop\n_start: nop\n').entry).toBe(0x400004);
    expect(assembleOrThrow('\tnop\n_start: nop\n', { entry: '_start', textAddr: 0x80000000 }).entry).toBe(0x80000004);
    const r = assemble([{ name: 'a.s', text: '\tnop\n' }]);
    expect(r.image!.entry).toBe(0x400000);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(['a.s: warning: cannot find entry symbol __start; defaulting to 0x00400000']);
  });

  it('lays out .text, .rodata, then .data at ALIGN(0x10000) + (end & 0xffff), then .bss', () => {
    const img = assembleOrThrow('__start: nop\n\t.rdata\n\t.word 1\n\t.data\n\t.word 2\n\t.bss\n\t.space 8\n');
    expect(img.sections.map((s) => [s.name, s.addr, s.size])).toEqual([
      ['.text', 0x400000, 16],
      ['.rodata', 0x400010, 16],
      ['.data', 0x410020, 16],
      ['.bss', 0x410030, 16],
    ]);
    const t = assembleOrThrow('__start: nop\n\t.data\n\t.word 2\n', { textAddr: 0x80010000, dataAddr: 0x80100000 });
    expect(t.sections.map((s) => s.addr)).toEqual([0x80010000, 0x80100000]);
  });

  it('assembleOrThrow lists the diagnostics', () => {
    expect(() => assembleOrThrow('\tfoo\n\tbar\n')).toThrow("test.s:1:2: error: unrecognized opcode 'foo'\ntest.s:2:2: error: unrecognized opcode 'bar'");
  });
});

describe('labels before alignment', () => {
  it('.align moves a label defined just before it past the padding; .balign and .p2align do not (as GNU as)', () => {
    const img = assembleOrThrow('\t.data\nx:\t.byte 1\nlb:\t.balign 8\n\t.byte 2\nlp:\t.p2align 3\n\t.byte 3\nla:\t.align 4\n\t.byte 4\n');
    const x = img.symbols.find((s) => s.name === 'x')!.value;
    const at = (n: string): number => img.symbols.find((s) => s.name === n)!.value - x;
    expect([at('lb'), at('lp'), at('la')]).toEqual([1, 9, 0x20]);
  });
});

describe('listing and map', () => {
  it('listing: final address, bytes and source line, including expansions and data', () => {
    const r = assemble([{ name: 'l.s', text: '__start:\n\tli $t0, 0x12345678\n\tlw $t1, 0($t0)\n\t.data\nmsg: .ascii "abcdef"\n' }], { textAddr: 0x80000000, dataAddr: 0x80001000 });
    const l = r.listing!.split('\n');
    expect(l).toContain('l.s:2            80000000  3c081234  \tli $t0, 0x12345678');
    expect(l).toContain('                 80000004  35085678');
    expect(l).toContain('l.s:3            80000008  8d090000  \tlw $t1, 0($t0)');
    expect(l).toContain('l.s:5            80001000  61626364  msg: .ascii "abcdef"');
    expect(l).toContain('                 80001004  6566');
  });

  it('listing: a macro invocation and a .rept show the bytes they produced', () => {
    const r = assemble([{ name: 'r.s', text: '__start:\n\t.macro two\n\tnop\n\tnop\n\t.endm\n\ttwo\n\t.rept 2\n\taddiu $t0, $t0, 1\n\t.endr\n' }]);
    const l = r.listing!.split('\n');
    expect(l).toContain('r.s:6            00400000  00000000  \ttwo');
    expect(l).toContain('r.s:9            00400008  25080001  \t.endr');
    expect(l).toContain('                 0040000c  25080001');
  });

  it('map: symbols sorted by address with section and size', () => {
    const r = assemble([{ name: 'm.s', text: '\t.data\nz: .word 0\n\t.text\n\t.globl __start\n__start: nop\nb: nop\n\t.size b, 4\n' }]);
    expect(r.map!.split('\n').slice(0, 5)).toEqual([
      'entry 00400000',
      'address   size      section   type    bind    name',
      '00400000  00000000  .text     notype  global  __start',
      '00400004  00000004  .text     notype  local   b',
      '00410010  00000000  .data     notype  local   z',
    ]);
  });
});

describe('common symbols', () => {
  it('.comm in several files merges; a real definition wins', () => {
    const r = assemble([
      { name: 'a.s', text: '\t.globl __start\n__start: la $t0, buf\n\t.comm buf, 16, 4\n' },
      { name: 'b.s', text: '\t.comm buf, 16, 4\n' },
      { name: 'c.s', text: '\t.globl buf\n\t.data\n\t.word 0\nbuf: .word 5\n' },
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const buf = r.image!.symbols.filter((s) => s.name === 'buf');
    expect(buf).toHaveLength(1);
    expect(buf[0]!.section).toBe('.data');
  });
});

describe('macro arguments', () => {
  it('passes a quoted string argument without its quotes, as GNU as does', () => {
    const img = assembleOrThrow(
      ['\t.macro str s', '\t.asciiz "\\s"', '\t.endm', '\t.data', '\tstr "hello"', '\tstr "a\\nb"', '\tstr world', ''].join('\n'),
    );
    const data = img.sections.find((s) => s.name === '.data')!;
    expect(Buffer.from(data.data.slice(0, 16)).toString('latin1')).toBe('hello\0a\nb\0world\0');
  });
});
