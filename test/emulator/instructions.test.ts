/**
 * One or more tests per MIPS I instruction, and fast-check properties against the BigInt reference
 * model (refmodel.ts) for every ALU, shift, multiply/divide, branch and load/store instruction.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { C0_BADVADDR, C0_CAUSE, C0_EPC, C0_STATUS } from '../../emulator/cop0.js';
import { ISA } from '../../emulator/isa.js';
import { CODE_VA, DATA_VA, NOP, TestMachine, enc } from './harness.js';
import { ALU_I, ALU_R, RefMemory, SHIFT, branchTaken, branchTarget, jumpTarget, load, multdiv, store } from './refmodel.js';

const covered = new Set<string>();
const word = fc.oneof(
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  fc.constantFrom(0, 1, -1, 2, 0x7fffffff, -0x80000000, 0x8000, 0xffff, 0x10000, -2),
);
const imm16 = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 0x7fff, 0x8000, 0xffff));
const GENERAL_BEV = 0xbfc00180;
const excCode = (t: TestMachine): number => (t.cpu.cop0[C0_CAUSE]! >>> 2) & 31;

describe('ALU register-register', () => {
  for (const op of Object.keys(ALU_R)) {
    it(`${op} matches the reference model`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(word, word, (a, b) => {
          t.boot([enc(op, { rd: 3, rs: 1, rt: 2 }), NOP]);
          t.setReg(1, a).setReg(2, b).setReg(3, 0x5a5a5a5a);
          t.step(1);
          const ref = ALU_R[op]!(a, b);
          if (ref.overflow) {
            expect(t.reg(3)).toBe(0x5a5a5a5a); // Ov: destination not written
            expect(excCode(t)).toBe(12);
            expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA);
            expect(t.cpu.pc >>> 0).toBe(GENERAL_BEV);
          } else {
            expect(t.reg(3)).toBe(ref.value);
            expect(t.cpu.pc >>> 0).toBe(CODE_VA + 4);
          }
        }),
      );
    });
  }
  it('writes to r0 are discarded', () => {
    const t = new TestMachine().boot([enc('addu', { rd: 0, rs: 1, rt: 1 }), NOP]);
    t.setReg(1, 5).step(2);
    expect(t.reg(0)).toBe(0);
  });
});

describe('ALU immediate', () => {
  for (const op of Object.keys(ALU_I)) {
    it(`${op} matches the reference model`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(word, imm16, (a, imm) => {
          t.boot([enc(op, { rt: 3, rs: 1, imm }), NOP]);
          t.setReg(1, a).setReg(3, 0x5a5a5a5a);
          t.step(1);
          const ref = ALU_I[op]!(a, imm);
          if (ref.overflow) {
            expect(t.reg(3)).toBe(0x5a5a5a5a);
            expect(excCode(t)).toBe(12);
          } else {
            expect(t.reg(3)).toBe(ref.value);
          }
        }),
      );
    });
  }
});

describe('shifts', () => {
  for (const op of ['sll', 'srl', 'sra']) {
    it(`${op} matches the reference model`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(word, fc.integer({ min: 0, max: 31 }), (v, sa) => {
          t.boot([enc(op, { rd: 3, rt: 2, sa }), NOP]).setReg(2, v).step(1);
          expect(t.reg(3)).toBe(SHIFT[op]!(v, sa));
        }),
      );
    });
    it(`${op}v uses rs & 31 and matches the reference model`, () => {
      covered.add(`${op}v`);
      const t = new TestMachine();
      fc.assert(
        fc.property(word, word, (v, amount) => {
          t.boot([enc(`${op}v`, { rd: 3, rt: 2, rs: 1 }), NOP]).setReg(2, v).setReg(1, amount).step(1);
          expect(t.reg(3)).toBe(SHIFT[op]!(v, amount & 31));
        }),
      );
    });
  }
});

describe('multiply and divide', () => {
  for (const op of ['mult', 'multu', 'div', 'divu']) {
    it(`${op} then mfhi/mflo matches the reference model (R3000 divide-by-zero results)`, () => {
      covered.add(op).add('mfhi').add('mflo');
      const t = new TestMachine();
      const special = fc.constantFrom(0, -1, 1, -0x80000000, 0x7fffffff);
      fc.assert(
        fc.property(fc.oneof(word, special), fc.oneof(word, special), (a, b) => {
          t.boot([enc(op, { rs: 1, rt: 2 }), enc('mfhi', { rd: 3 }), enc('mflo', { rd: 4 }), NOP]);
          t.setReg(1, a).setReg(2, b).step(3);
          const ref = multdiv(op, a, b);
          expect([t.reg(3), t.reg(4)]).toEqual([ref.hi, ref.lo]);
        }),
      );
    });
  }
  it('mthi/mtlo write HI and LO', () => {
    covered.add('mthi').add('mtlo');
    const t = new TestMachine().boot([
      enc('mthi', { rs: 1 }), enc('mtlo', { rs: 2 }), enc('mfhi', { rd: 3 }), enc('mflo', { rd: 4 }), NOP,
    ]);
    t.setReg(1, 0x12345678).setReg(2, -5).step(4);
    expect([t.reg(3), t.reg(4)]).toEqual([0x12345678, 0xfffffffb]);
  });
  it('divide-by-zero cases from r3000.md', () => {
    const cases: [string, number, number, number, number][] = [
      ['divu', 1234, 0, 1234, 0xffffffff],
      ['div', 1234, 0, 1234, 0xffffffff],
      ['div', 0, 0, 0, 0xffffffff],
      ['div', -1234, 0, (-1234 >>> 0), 1],
      ['div', -0x80000000, -1, 0, 0x80000000],
    ];
    for (const [op, a, b, hi, lo] of cases) {
      const t = new TestMachine().boot([enc(op, { rs: 1, rt: 2 }), enc('mfhi', { rd: 3 }), enc('mflo', { rd: 4 }), NOP]);
      t.setReg(1, a).setReg(2, b).step(3);
      expect([t.reg(3), t.reg(4)], `${op} ${a}/${b}`).toEqual([hi, lo]);
    }
  });
});

describe('branches', () => {
  const two = ['beq', 'bne'];
  const one = ['blez', 'bgtz', 'bltz', 'bgez', 'bltzal', 'bgezal'];
  for (const op of [...two, ...one]) {
    it(`${op}: outcome, target and delay slot match the reference model`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(fc.oneof(word, fc.constantFrom(0, 1, -1)), fc.oneof(word, fc.constantFrom(0, 1, -1)), fc.integer({ min: -64, max: 64 }), (a, b, off) => {
          const imm = off & 0xffff;
          t.boot([enc(op, { rs: 1, rt: two.includes(op) ? 2 : undefined, imm }), enc('addiu', { rt: 3, rs: 0, imm: 7 })]);
          t.setReg(1, a).setReg(2, b).setReg(3, 0).setReg(31, 0);
          if (!two.includes(op)) t.setReg(2, 0);
          t.step(2);
          const taken = branchTaken(op, a, two.includes(op) ? b : 0);
          expect(t.reg(3)).toBe(7); // the delay slot always executes
          expect(t.cpu.pc >>> 0).toBe(taken ? branchTarget(CODE_VA, imm) : CODE_VA + 8);
          if (op.endsWith('al')) expect(t.reg(31)).toBe(CODE_VA + 8); // links even when not taken
        }),
      );
    });
  }
  it('REGIMM encodings with rt bit 17 set run as the plain branches (MIPS I decode)', () => {
    const w = (enc('bltz', { rs: 1, imm: 4 }) | (2 << 16)) >>> 0; // "bltzl"
    const t = new TestMachine().boot([w, NOP]);
    t.setReg(1, -1).step(2);
    expect(t.cpu.pc >>> 0).toBe(branchTarget(CODE_VA, 4));
  });
});

describe('jumps', () => {
  it('j and jal go to the region of the delay slot; jal links pc+8', () => {
    covered.add('j').add('jal');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x3ffffff }), (index) => {
        for (const op of ['j', 'jal']) {
          const t = new TestMachine().boot([(enc(op) | index) >>> 0, NOP]);
          t.step(2);
          expect(t.cpu.pc >>> 0).toBe(jumpTarget(CODE_VA, index));
          if (op === 'jal') expect(t.reg(31)).toBe(CODE_VA + 8);
        }
      }),
      { numRuns: 30 },
    );
  });
  it('jr and jalr jump to rs after the delay slot; jalr links rd', () => {
    covered.add('jr').add('jalr');
    const t = new TestMachine().boot([enc('jr', { rs: 1 }), enc('addiu', { rt: 3, rs: 0, imm: 1 })]);
    t.setReg(1, 0x80002000).step(2);
    expect([t.cpu.pc >>> 0, t.reg(3)]).toEqual([0x80002000, 1]);
    const u = new TestMachine().boot([enc('jalr', { rs: 1, rd: 5 }), NOP]);
    u.setReg(1, 0x80003000).step(2);
    expect([u.cpu.pc >>> 0, u.reg(5)]).toEqual([0x80003000, CODE_VA + 8]);
  });
  it('a jump to a misaligned address faults at the fetch: AdEL, EPC = BadVAddr = target', () => {
    const t = new TestMachine().boot([enc('jr', { rs: 1 }), NOP]);
    t.setReg(1, 0x80002002).step(3);
    expect(excCode(t)).toBe(4);
    expect(t.cpu.cop0[C0_EPC]).toBe(0x80002002);
    expect(t.cpu.cop0[C0_BADVADDR]).toBe(0x80002002);
  });
});

describe('loads and stores', () => {
  const loads = ['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr'];
  const stores = ['sb', 'sh', 'sw', 'swl', 'swr'];
  const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
  for (const op of loads) {
    it(`${op} matches the reference model (and raises AdEL when misaligned)`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(bytes16, fc.integer({ min: 0, max: 12 }), word, (data, off, old) => {
          const mem = new RefMemory();
          data.forEach((b, i) => mem.setByte(DATA_VA + i, b));
          t.m.bus.load(DATA_VA & 0x1fffffff, data);
          t.boot([enc(op, { rt: 3, rs: 1, imm: off }), NOP, NOP]);
          t.setReg(1, DATA_VA).setReg(3, old);
          t.step(2);
          const ref = load(op, mem, DATA_VA + off, old);
          if (ref === undefined) {
            expect(excCode(t)).toBe(4);
            expect(t.cpu.cop0[C0_BADVADDR]).toBe(DATA_VA + off);
            expect(t.reg(3)).toBe(old >>> 0);
          } else {
            expect(t.reg(3)).toBe(ref);
          }
        }),
      );
    });
  }
  for (const op of stores) {
    it(`${op} matches the reference model (and raises AdES when misaligned)`, () => {
      covered.add(op);
      const t = new TestMachine();
      fc.assert(
        fc.property(bytes16, fc.integer({ min: 0, max: 12 }), word, (data, off, value) => {
          const mem = new RefMemory();
          data.forEach((b, i) => mem.setByte(DATA_VA + i, b));
          t.m.bus.load(DATA_VA & 0x1fffffff, data);
          t.boot([enc(op, { rt: 3, rs: 1, imm: off }), NOP]);
          t.setReg(1, DATA_VA).setReg(3, value);
          t.step(1);
          const ok = store(op, mem, DATA_VA + off, value);
          if (!ok) {
            expect(excCode(t)).toBe(5);
            expect(t.cpu.cop0[C0_BADVADDR]).toBe(DATA_VA + off);
          }
          for (let i = 0; i < 16; i++) {
            t.m.bus.read((DATA_VA & 0x1fffffff) + i, 1, true);
            expect(t.m.bus.value, `byte ${i}`).toBe(mem.byte(DATA_VA + i));
          }
        }),
      );
    });
  }
  it('negative offsets address below the base', () => {
    const t = new TestMachine().boot([enc('sw', { rt: 2, rs: 1, imm: -4 }), enc('lw', { rt: 3, rs: 1, imm: -4 }), NOP, NOP]);
    t.setReg(1, DATA_VA + 8).setReg(2, 0xcafe).step(3);
    expect(t.reg(3)).toBe(0xcafe);
    expect(t.peekWord(DATA_VA + 4)).toBe(0xcafe);
  });
});

describe('system and coprocessor instructions', () => {
  it('syscall raises Sys, break raises Bp, EPC = the instruction', () => {
    covered.add('syscall').add('break');
    for (const [op, code] of [['syscall', 8], ['break', 9]] as const) {
      const t = new TestMachine().boot([NOP, enc(op, { code: 5 }), NOP]);
      t.step(2);
      expect(excCode(t)).toBe(code);
      expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 4);
      expect(t.cpu.pc >>> 0).toBe(GENERAL_BEV);
    }
  });
  it('mfc0/mtc0 move CP0 registers, with the load delay on mfc0 and write masks on mtc0', () => {
    covered.add('mfc0').add('mtc0');
    const t = new TestMachine().boot([
      enc('mtc0', { rt: 1, rd: 12 }), // Status
      enc('mfc0', { rt: 2, rd: 15 }), // PRId
      enc('addu', { rd: 3, rs: 2, rt: 0 }), // delay slot: old r2
      enc('addu', { rd: 4, rs: 2, rt: 0 }),
      NOP,
    ]);
    t.setReg(1, 0xfffffffc).setReg(2, 77).step(4); // KUc stays 0: kernel code keeps running
    expect(t.cpu.cop0[C0_STATUS]).toBe(0xf27fff3c);
    expect([t.reg(3), t.reg(4)]).toEqual([77, 0x0220]);
  });
  it('cfc0 reads 0 and ctc0 has no effect (CP0 has no control registers)', () => {
    covered.add('cfc0').add('ctc0');
    const t = new TestMachine().boot([enc('ctc0', { rt: 1, rd: 3 }), enc('cfc0', { rt: 2, rd: 3 }), NOP, NOP]);
    t.setReg(1, 5).setReg(2, 9).step(3);
    expect(t.reg(2)).toBe(0);
  });
  it('rfe pops the KU/IE stack and keeps KUo/IEo', () => {
    covered.add('rfe');
    const t = new TestMachine().boot([enc('rfe'), NOP]);
    t.cpu.cop0[C0_STATUS] = 0x0040003c; // BEV | KUo IEo KUp IEp
    t.step(1);
    expect(t.cpu.cop0[C0_STATUS]).toBe(0x0040003f);
  });
  it('tlbwi/tlbr round-trip, tlbp hit and miss, tlbwr never writes entries 0-7', () => {
    covered.add('tlbwi').add('tlbr').add('tlbp').add('tlbwr');
    const t = new TestMachine().boot([enc('tlbwi'), enc('tlbr'), enc('tlbp'), NOP]);
    const c0 = t.cpu.cop0;
    c0[0] = 5 << 8;
    c0[10] = 0x12345fc0;
    c0[2] = 0x0abcd700;
    t.step(1);
    c0[10] = 0;
    c0[2] = 0;
    t.step(1);
    expect([c0[10], c0[2]]).toEqual([0x12345fc0, 0x0abcd700]);
    t.step(1);
    expect(c0[0]).toBe(5 << 8);
    c0[10] = 0x77777000;
    t.boot([enc('tlbp'), NOP]).step(1);
    expect(c0[0]! >>> 31).toBe(1);
    for (let i = 0; i < 60; i++) {
      t.boot([enc('tlbwr'), NOP]).step(1);
    }
    for (let i = 0; i < 8; i++) if (i !== 5) expect(t.cpu.mmu.tlbHi[i]).toBe(((0x80000 | i) << 12) >>> 0);
  });
  it('bc0f/bc0t test CpCond0 = write buffer empty', () => {
    covered.add('bc0f').add('bc0t');
    const t = new TestMachine().boot([enc('bc0t', { imm: 16 }), NOP]);
    t.step(2);
    expect(t.cpu.pc >>> 0).toBe(branchTarget(CODE_VA, 16)); // empty at start: true
    const prog = [enc('sw', { rt: 0, rs: 1, imm: 0 }), enc('bc0f', { imm: 16 }), NOP];
    const u = new TestMachine().boot(prog);
    u.setReg(1, DATA_VA).step(3); // warms the I-cache (a miss would wait for the buffer to drain)
    u.boot(prog).step(3);
    expect(u.cpu.pc >>> 0).toBe(branchTarget(CODE_VA + 4, 16)); // a store is in flight: false
  });
  it('c0 with an unassigned function, lwc0 and swc0 are reserved in kernel mode', () => {
    covered.add('c0').add('lwc0').add('swc0');
    for (const w of [(enc('c0') | 0x3f) >>> 0, enc('lwc0', { rs: 0 }), enc('swc0', { rs: 0 })]) {
      const t = new TestMachine().boot([w, NOP]);
      t.step(1);
      expect(excCode(t)).toBe(10);
    }
  });
  it('COP0 in user mode without CU0 raises CpU with CE = 0', () => {
    const t = new TestMachine();
    t.mapUser(0x00400000, 0x00020000).poke(0x80020000, [enc('mfc0', { rt: 2, rd: 12 }), NOP]);
    t.cpu.setPc(0x00400000);
    t.cpu.cop0[C0_STATUS] = 0x00400002; // user mode
    t.step(1);
    expect(excCode(t)).toBe(11);
    expect((t.cpu.cop0[C0_CAUSE]! >>> 28) & 3).toBe(0);
  });
  for (const z of [1, 2, 3]) {
    it(`COP${z} instructions raise CpU with CE = ${z} while CU${z} is clear, and act as an absent unit when set`, () => {
      const ops = ['mfc', 'cfc', 'mtc', 'ctc', 'bcf', 'bct', 'c', 'lwc', 'swc'].map((p) =>
        p === 'bcf' ? `bc${z}f` : p === 'bct' ? `bc${z}t` : `${p}${z}`,
      );
      for (const op of ops) {
        covered.add(op);
        const isBc = op.startsWith('bc');
        const t = new TestMachine().boot([enc(op, { rt: isBc ? undefined : 2, rs: op.startsWith('lwc') || op.startsWith('swc') ? 1 : undefined }), NOP, NOP]);
        t.setReg(1, DATA_VA).setReg(2, 99).step(1);
        expect(excCode(t), op).toBe(11);
        expect((t.cpu.cop0[C0_CAUSE]! >>> 28) & 3, op).toBe(z);
        const u = new TestMachine().boot([enc(op, { rt: isBc ? undefined : 2, rs: op.startsWith('lwc') || op.startsWith('swc') ? 1 : undefined, imm: op.startsWith('bc') ? 16 : undefined }), NOP, NOP]);
        u.cpu.cop0[C0_STATUS] = (u.cpu.cop0[C0_STATUS]! | (0x10000000 << z)) >>> 0;
        u.setReg(1, DATA_VA).setReg(2, 99).step(3);
        expect(u.cpu.cop0[C0_CAUSE]! & 0x7c, op).toBe(0);
        if (op.startsWith('mfc') || op.startsWith('cfc')) expect(u.reg(2), op).toBe(0);
        if (op === `bc${z}f`) expect(u.cpu.pc >>> 0, op).toBe(branchTarget(CODE_VA, 16) + 4);
      }
    });
  }
  it('a reserved opcode raises RI', () => {
    const t = new TestMachine().boot([0xfc000000, NOP]);
    t.step(1);
    expect(excCode(t)).toBe(10);
  });
});

afterAll(() => {
  const missing = ISA.map((e) => e.mnemonic).filter((m) => !covered.has(m));
  if (missing.length > 0) throw new Error(`instructions without a test: ${missing.join(' ')}`);
});
