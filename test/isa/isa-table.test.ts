/** Internal consistency of the instruction table and the two decoders (no oracle needed). */
import { describe, expect, it } from 'vitest';
import { ISA, ISA_BY_MNEMONIC, field } from '../../emulator/isa.js';
import { decodeCanonical, decodeHw } from '../../emulator/decode.js';
import { xorshift } from './known-differences.js';

/** The entry's canonical encoding with random values in every field it does not fix. */
function sample(e: (typeof ISA)[number], rnd: () => number): number {
  return (e.match | (rnd() & ~e.mask)) >>> 0;
}

describe('ISA table facts', () => {
  it('ids are dense and equal to the index', () => {
    ISA.forEach((e, i) => expect(e.id).toBe(i));
    expect(ISA.length).toBeGreaterThan(90);
  });

  it('mnemonics are unique and ISA_BY_MNEMONIC finds each entry', () => {
    expect(new Set(ISA.map((e) => e.mnemonic)).size).toBe(ISA.length);
    for (const e of ISA) expect(ISA_BY_MNEMONIC.get(e.mnemonic)).toBe(e);
  });

  it('match lies inside mask', () => {
    for (const e of ISA) expect({ m: e.mnemonic, stray: (e.match & ~e.mask) >>> 0 }).toEqual({ m: e.mnemonic, stray: 0 });
  });

  it('every branch and jump has a delay slot, nothing else has one', () => {
    for (const e of ISA) expect([e.mnemonic, e.delaySlot]).toEqual([e.mnemonic, e.class === 'branch' || e.class === 'jump']);
  });

  it('loads into a GPR and MFCz/CFCz have a load delay; nothing else does', () => {
    for (const e of ISA) {
      const gprLoad = e.class === 'load' && e.op !== 'lwc';
      const copToGpr = e.op === 'mfc' || e.op === 'cfc';
      expect([e.mnemonic, e.loadDelay]).toEqual([e.mnemonic, gprLoad || copToGpr]);
    }
  });

  it('loads and stores have a width and a mem operand; branches a branch operand; jumps a target', () => {
    for (const e of ISA) {
      if (e.class === 'load' || e.class === 'store') {
        expect(e.width, e.mnemonic).toBeDefined();
        expect(e.operands, e.mnemonic).toContain('mem');
      }
      if (e.class === 'branch') expect(e.operands, e.mnemonic).toContain('branch');
      if (e.op === 'j' || e.op === 'jal') expect(e.operands).toEqual(['jump']);
      if (e.op === 'jr' || e.op === 'jalr') expect(e.operands).toContain('rs');
    }
  });

  it('links write ra (or rd for JALR); COP0 instructions are privileged', () => {
    for (const m of ['jal', 'bltzal', 'bgezal']) expect(ISA_BY_MNEMONIC.get(m)!.writes).toContain('ra');
    expect(ISA_BY_MNEMONIC.get('jalr')!.writes).toContain('rd');
    for (const e of ISA) if (e.cop === 0) expect([e.mnemonic, e.privileged]).toEqual([e.mnemonic, true]);
  });

  it('operand kinds name fields that the mask leaves free', () => {
    const fieldMask: Record<string, number> = {
      rd: 0xf800, rs: 0x03e00000, rt: 0x001f0000, sa: 0x7c0, simm: 0xffff, uimm: 0xffff, hi16: 0xffff,
      mem: 0x03e0ffff, branch: 0xffff, jump: 0x03ffffff, breakcode: 0x03ffffc0, syscode: 0x03ffffc0,
      cpreg: 0xf800, cpctl: 0xf800, cprt: 0x001f0000, cofun: 0x01ffffff,
    };
    for (const e of ISA) for (const k of e.operands) expect([e.mnemonic, k, e.mask & fieldMask[k]!]).toEqual([e.mnemonic, k, 0]);
  });
});

describe('decoders', () => {
  it('decodeCanonical(e.match) is e for every entry', () => {
    for (const e of ISA) expect(decodeCanonical(e.match)?.mnemonic).toBe(e.mnemonic);
  });

  it('decodeCanonical finds e for its encoding with random free fields (only c0 yields to the COP0 operations)', () => {
    const rnd = xorshift(7);
    for (const e of ISA)
      for (let i = 0; i < 2000; i++) {
        const w = sample(e, rnd);
        const d = decodeCanonical(w)!;
        if (d !== e) expect([e.mnemonic, w.toString(16), d.class, d.mask]).toEqual([e.mnemonic, w.toString(16), 'cop0', 0xffffffff]);
      }
  });

  it('decodeHw agrees with decodeCanonical on every canonical word (COP0 operations by funct alone)', () => {
    const rnd = xorshift(11);
    for (const e of ISA)
      for (let i = 0; i < 2000; i++) {
        const w = sample(e, rnd);
        const d = decodeCanonical(w)!;
        const hw = decodeHw(w);
        // COP0 with the CO bit: the hardware decodes only funct (TLBR..RFE), anything else is RI.
        if (d.mnemonic === 'c0') {
          const op = ISA[hw];
          if (hw !== -1) expect([op!.class, op!.match & 63]).toEqual(['cop0', w & 63]);
        } else expect([w.toString(16), hw]).toEqual([w.toString(16), d.id]);
      }
  });

  it('decodeHw ignores the fields the R3000 does not decode and rejects reserved opcodes', () => {
    const rnd = xorshift(13);
    for (let i = 0; i < 200_000; i++) {
      const w = rnd();
      const hw = decodeHw(w);
      const c = decodeCanonical(w);
      if (c && c.mnemonic !== 'c0') expect(hw).toBe(c.id);
      if (hw >= 0) {
        const e = ISA[hw]!;
        // Same primary opcode and same selecting fields (funct for SPECIAL, rt for REGIMM modulo bit 17).
        expect(field.op(w)).toBe(field.op(e.match));
        if (field.op(w) === 0) expect(field.funct(w)).toBe(field.funct(e.match));
        if (field.op(w) === 1) expect(field.rt(w) & 0x1d).toBe(field.rt(e.match));
      }
    }
    for (const opc of [0x14, 0x15, 0x16, 0x17, 0x18, 0x1c, 0x1d, 0x27, 0x2c, 0x2f, 0x34, 0x3c, 0x3f])
      expect(decodeHw((opc << 26) >>> 0)).toBe(-1);
    for (const fn of [0x01, 0x05, 0x0a, 0x0e, 0x0f, 0x14, 0x1c, 0x28, 0x30, 0x3f]) expect(decodeHw(fn)).toBe(-1);
  });
});
