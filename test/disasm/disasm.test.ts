/**
 * The disassembler's spelling, pinned by examples copied from `mipsel-linux-gnu-objdump -d`
 * (binutils 2.40) output for an r3000 object, so that these run without the oracle installed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../assembler/disasm.js';
import { decodeCanonical } from '../../emulator/decode.js';

const PC = 0x00400000;
const text = (w: number, opts = {}) => disassemble(w, PC, opts).text;

describe('objdump spelling', () => {
  it.each([
    [0x00000000, 'nop'],
    [0x00000040, 'ssnop'],
    [0x000000c0, 'ehb'],
    [0x00000140, 'sll\tzero,zero,0x5'],
    [0x00042080, 'sll\ta0,a0,0x2'],
    [0x00801025, 'move\tv0,a0'],
    [0x00801021, 'addu\tv0,a0,zero'], // objdump: move (GNU move assembles or)
    [0x00041021, 'addu\tv0,zero,a0'],
    [0x24020004, 'li\tv0,4'],
    [0x2402ffff, 'li\tv0,-1'],
    [0x241f8000, 'li\tra,-32768'],
    [0x3402ffff, 'li\tv0,0xffff'],
    [0x34020004, 'ori\tv0,zero,0x4'], // objdump: li v0,0x4 (GNU li 4 assembles addiu)
    [0x00041023, 'negu\tv0,a0'],
    [0x00041022, 'neg\tv0,a0'],
    [0x00802027, 'nor\ta0,a0,zero'],
    [0x3c01ffff, 'lui\tat,0xffff'],
    [0x8fbf0014, 'lw\tra,20(sp)'],
    [0xafa4fffc, 'sw\ta0,-4(sp)'],
    [0x0000000d, 'break'],
    [0x0007000d, 'break\t0x7'],
    [0x000700cd, 'break\t0x7,0x3'],
    [0x0000004d, 'break\t0x0,0x1'],
    [0x0000000c, 'syscall'],
    [0x0123450c, 'syscall\t0x48d14'],
    [0x03e00008, 'jr\tra'],
    [0x0040f809, 'jalr\tv0'],
    [0x00400809, 'jalr\tat,v0'],
    [0x0034001a, 'div\tzero,at,s4'],
    [0x0276001b, 'divu\tzero,s3,s6'],
    [0x00430018, 'mult\tv0,v1'],
    [0x00001010, 'mfhi\tv0'],
    [0x40026000, 'mfc0\tv0,c0_sr'],
    [0x40021800, 'mfc0\tv0,$3'],
    [0x40826800, 'mtc0\tv0,c0_cause'],
    [0x40422800, 'cfc0\tv0,$5'],
    [0x4482f800, 'mtc1\tv0,$f31'],
    [0x4442f800, 'cfc1\tv0,c1_fcsr'],
    [0x44420000, 'cfc1\tv0,c1_fir'],
    [0x44421000, 'cfc1\tv0,$2'],
    [0x4c000000, 'mfc3\tzero,$0'],
    [0x48c2f800, 'ctc2\tv0,$31'],
    [0xc0400004, 'lwc0\tc0_index,4(v0)'],
    [0xc4410000, 'lwc1\t$f1,0(v0)'],
    [0xc8410000, 'lwc2\t$1,0(v0)'],
    [0x42000001, 'tlbr'],
    [0x42000002, 'tlbwi'],
    [0x42000006, 'tlbwr'],
    [0x42000008, 'tlbp'],
    [0x42000010, 'rfe'],
    [0x42000011, 'c0\t0x11'],
    [0x42100010, 'c0\t0x100010'],
    [0x4a123456, 'c2\t0x123456'],
    [0x04082600, '.word\t0x4082600'],
    [0x00000001, '.word\t0x1'],
    [0x41020000, '.word\t0x41020000'],
    [0x03e00408, '.word\t0x3e00408'],
    [0x74000000, '.word\t0x74000000'],
    [0xffffffff, '.word\t0xffffffff'],
  ])('%s -> %s', (w, expected) => {
    expect(text(w)).toBe(expected);
  });

  it('branch and jump targets are absolute hex addresses', () => {
    // At 0x400020: b 0x400034, bal, beqz, bnez (objdump: `b\t0x400034` etc.).
    expect(disassemble(0x10000004, 0x400020).text).toBe('b\t0x400034');
    expect(disassemble(0x04110004, 0x400024).text).toBe('bal\t0x400038');
    expect(disassemble(0x10800004, 0x400028).text).toBe('beqz\ta0,0x40003c');
    expect(disassemble(0x14800004, 0x40002c).text).toBe('bnez\ta0,0x400040');
    expect(disassemble(0x14000001, 0x400048).text).toBe('bnez\tzero,0x400050');
    expect(disassemble(0x10020001, 0x400044).text).toBe('beq\tzero,v0,0x40004c');
    expect(disassemble(0x04010000, 0x40003c).text).toBe('bgez\tzero,0x400040'); // objdump: b
    expect(disassemble(0x04100004, 0x400080).text).toBe('bltzal\tzero,0x400094');
    expect(disassemble(0x4100ffff, 0x4000ac).text).toBe('bc0f\t0x4000ac');
    expect(disassemble(0x08000004, 0x400054).text).toBe('j\t0x10');
    expect(disassemble(0x0c000000, 0x400050).text).toBe('jal\t0x0');
    // J keeps the top four bits of the delay slot's address.
    expect(disassemble(0x08000004, 0x8fff_fffc).text).toBe('j\t0x90000010');
    // Backward branches wrap modulo 2^32.
    expect(disassemble(0x1000ffff, 0).target).toBe(0);
    expect(disassemble(0x1000fffe, 0).target).toBe(0xfffffffc);
  });

  it('reports entry, target and fields', () => {
    const d = disassemble(0x1466fff9, 0x400180);
    expect(d.entry?.mnemonic).toBe('bne');
    expect(d.target).toBe(0x400168);
    expect(d.mnemonic).toBe('bne');
    expect(d.operands).toBe('v1,a2,0x400168');
    expect(disassemble(0x00801021, 0).target).toBeUndefined();
    const bad = disassemble(0xfc000000, 0);
    expect(bad.entry).toBeUndefined();
    expect([bad.mnemonic, bad.operands]).toEqual(['.word', '0xfc000000']);
  });

  it('prints targets with symbols objdump style', () => {
    const symbols = (a: number) => (a >= 0x400150 && a < 0x4001a0 ? { name: '__start', offset: a - 0x400150 } : undefined);
    expect(disassemble(0x1466fff9, 0x400180, { symbols }).text).toBe('bne\tv1,a2,400168 <__start+0x18>');
    expect(disassemble(0x1000ffff, 0x400190, { symbols }).text).toBe('b\t400190 <__start+0x40>');
    expect(disassemble(0x0c100054, 0x400190, { symbols }).text).toBe('jal\t400150 <__start>');
    expect(disassemble(0x0c100000, 0x400190, { symbols }).text).toBe('jal\t0x400000');
    expect(disassemble(0x10000000, 0x1000, { symbols: () => ({ name: 'foo', offset: -8 }) }).text).toBe('b\t1004 <foo-0x8>');
  });

  it('aliases: false prints real instructions only', () => {
    const raw = { aliases: false };
    expect(text(0, raw)).toBe('sll\tzero,zero,0x0');
    expect(text(0x40, raw)).toBe('sll\tzero,zero,0x1');
    expect(text(0x00801025, raw)).toBe('or\tv0,a0,zero');
    expect(text(0x24020004, raw)).toBe('addiu\tv0,zero,4');
    expect(text(0x3402ffff, raw)).toBe('ori\tv0,zero,0xffff');
    expect(text(0x00041023, raw)).toBe('subu\tv0,zero,a0');
    expect(text(0x00041022, raw)).toBe('sub\tv0,zero,a0');
    expect(disassemble(0x10000004, 0x400020, raw).text).toBe('beq\tzero,zero,0x400034');
    expect(disassemble(0x04110004, 0x400024, raw).text).toBe('bgezal\tzero,0x400038');
    expect(disassemble(0x10800004, 0x400028, raw).text).toBe('beq\ta0,zero,0x40003c');
    // Not aliases: objdump -M no-aliases prints these the same way.
    expect(text(0x0040f809, raw)).toBe('jalr\tv0');
    expect(text(0x0034001a, raw)).toBe('div\tzero,at,s4');
    expect(text(0x0000000d, raw)).toBe('break');
  });

  it("syntax: 'gas' spells registers as GNU as reads them and ignores symbols", () => {
    const gas = { syntax: 'gas' as const, symbols: () => ({ name: 'x', offset: 0 }) };
    expect(text(0x8fbf0014, gas)).toBe('lw\t$ra,20($sp)');
    expect(text(0x40026000, gas)).toBe('mfc0\t$v0,$12');
    expect(text(0xc0400004, gas)).toBe('lwc0\t$0,4($v0)');
    expect(text(0x4442f800, gas)).toBe('cfc1\t$v0,$31');
    expect(text(0x4482f800, gas)).toBe('mtc1\t$v0,$f31');
    expect(text(0x0034001a, gas)).toBe('div\t$zero,$at,$s4');
    expect(disassemble(0x10800004, 0x400028, gas).text).toBe('beqz\t$a0,0x40003c');
  });
});

describe('any word at any address', () => {
  it('gives well-formed text, an entry exactly for canonical words, a target exactly for branches and jumps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0x3fffffff }), fc.boolean(), (w, pcw, aliases) => {
        const pc = pcw * 4;
        const d = disassemble(w, pc, { aliases });
        expect(d.word).toBe(w);
        expect(d.pc).toBe(pc);
        expect(d.text).toBe(d.operands ? `${d.mnemonic}\t${d.operands}` : d.mnemonic);
        expect(d.text).toMatch(/^[a-z.][a-z0-9.]*(\t\S+)?$/);
        expect(d.entry).toBe(decodeCanonical(w));
        const jumps = d.entry?.operands.some((k) => k === 'branch' || k === 'jump') ?? false;
        expect(d.target !== undefined).toBe(jumps);
        if (d.target !== undefined) {
          expect(d.target >>> 0).toBe(d.target);
          expect(d.operands.endsWith(`0x${d.target.toString(16)}`)).toBe(true);
        }
        if (!d.entry) expect(d.text).toBe(`.word\t0x${w.toString(16)}`);
      }),
      { numRuns: 20_000 },
    );
  });
});
