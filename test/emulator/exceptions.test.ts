/**
 * Every exception code with its vector under BEV=0 and BEV=1, the registers each one sets, the
 * priority order when one instruction could raise several, and Random's per-cycle decrement
 * (issue 4 items 1-3; r3000.md §1.2-§1.6).
 *
 * Priority (highest first), from the table in Kane & Heinrich "MIPS RISC Architecture" p. 6-35 that
 * vmips implements as `CPU::exception_priority` (r3000.md §1.6): AdEL (fetch), TLB refill/TLBL
 * (fetch), IBE; then Ov, Sys, Bp, RI, CpU (one instruction raises at most one of these); then
 * AdEL/AdES (data), TLB refill/TLBL/TLBS (data), Mod, DBE; Int lowest. The emulator gets this order
 * from the order of its checks: fetch (alignment, translation, bus) before decode, the opcode's
 * own checks (CpU before the address for LWCz/SWCz) before the access, alignment before
 * translation, V before D, translation before the bus. An interrupt is taken at the boundary
 * before the next instruction starts (docs/timing.md §7), so it never competes with that
 * instruction's own exception: that one is raised when the handler returns and re-executes it.
 */
import { describe, expect, it } from 'vitest';
import { C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_EPC, C0_STATUS } from '../../emulator/cop0.js';
import { CODE_VA, NOP, TestMachine, enc } from './harness.js';

const code = (t: TestMachine): number => (t.cpu.cop0[C0_CAUSE]! >>> 2) & 31;
const KUSEG_PAGE = 0x00400000; // mapped to PA 0x20000 by mapUser (V D G) in user-mode cases

interface Case {
  name: string;
  exc: number;
  refill?: boolean;
  /** BadVAddr expected (undefined: left unchanged). */
  bad?: number;
  tlb?: boolean;
  /** Sets up the machine; returns the number of steps that reach the exception. */
  setup(t: TestMachine): number;
}

const SENTINEL = 0x5a5a5000;

const CASES: Case[] = [
  {
    name: 'Int (software, IP0)',
    exc: 0,
    setup: (t) => {
      t.boot([NOP, NOP]);
      t.cpu.cop0[C0_CAUSE] = 0x100;
      t.cpu.cop0[C0_STATUS]! |= 0x101;
      return 1;
    },
  },
  {
    name: 'Mod (store to a clean page)',
    exc: 1,
    bad: 0x00012344,
    tlb: true,
    setup: (t) => {
      t.boot([enc('sw', { rt: 0, rs: 1, imm: 0 }), NOP]).setReg(1, 0x00012344);
      t.cpu.mmu.tlbHi[20] = 0x00012000;
      t.cpu.mmu.tlbLo[20] = 0x00030300; // V G, D = 0
      t.cpu.mmu.invalidate();
      return 1;
    },
  },
  {
    name: 'TLBL refill (kuseg miss, load)',
    exc: 2,
    refill: true,
    bad: 0x00777008,
    tlb: true,
    setup: (t) => (t.boot([enc('lw', { rt: 2, rs: 1, imm: 8 }), NOP]).setReg(1, 0x00777000), 1),
  },
  {
    name: 'TLBL refill (kuseg miss, fetch)',
    exc: 2,
    refill: true,
    bad: 0x00777000,
    tlb: true,
    setup: (t) => (t.boot([enc('jr', { rs: 1 }), NOP]).setReg(1, 0x00777000), 3),
  },
  {
    name: 'TLBL (kseg2 miss: general vector)',
    exc: 2,
    bad: 0xc0001000,
    tlb: true,
    setup: (t) => (t.boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0xc0001000 | 0), 1),
  },
  {
    name: 'TLBL (V = 0: general vector)',
    exc: 2,
    bad: 0x00012000,
    tlb: true,
    setup: (t) => {
      t.boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0x00012000);
      t.cpu.mmu.tlbHi[20] = 0x00012000;
      t.cpu.mmu.tlbLo[20] = 0x00030500; // D G, V = 0
      t.cpu.mmu.invalidate();
      return 1;
    },
  },
  {
    name: 'TLBS refill (kuseg miss, store)',
    exc: 3,
    refill: true,
    bad: 0x7ffff000,
    tlb: true,
    setup: (t) => (t.boot([enc('sw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0x7ffff000), 1),
  },
  {
    name: 'AdEL (misaligned load)',
    exc: 4,
    bad: 0x80010002,
    setup: (t) => (t.boot([enc('lw', { rt: 2, rs: 1, imm: 2 }), NOP]).setReg(1, 0x80010000 | 0), 1),
  },
  {
    name: 'AdES (misaligned store)',
    exc: 5,
    bad: 0x80010001,
    setup: (t) => (t.boot([enc('sh', { rt: 2, rs: 1, imm: 1 }), NOP]).setReg(1, 0x80010000 | 0), 1),
  },
  {
    name: 'IBE (fetch from an undecoded physical address)',
    exc: 6,
    setup: (t) => (t.boot([enc('jr', { rs: 1 }), NOP]).setReg(1, 0xaf000000 | 0), 3),
  },
  {
    name: 'DBE (load from an undecoded physical address)',
    exc: 7,
    setup: (t) => (t.boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0xaf000000 | 0), 1),
  },
  { name: 'Sys', exc: 8, setup: (t) => (t.boot([enc('syscall'), NOP]), 1) },
  { name: 'Bp', exc: 9, setup: (t) => (t.boot([enc('break'), NOP]), 1) },
  { name: 'RI', exc: 10, setup: (t) => (t.boot([0xfc000000, NOP]), 1) },
  {
    name: 'CpU (COP1 with CU1 clear)',
    exc: 11,
    setup: (t) => (t.boot([enc('mfc1', { rt: 2, rd: 0 }), NOP]), 1),
  },
  {
    name: 'Ov',
    exc: 12,
    setup: (t) => (t.boot([enc('addi', { rt: 2, rs: 1, imm: 1 }), NOP]).setReg(1, 0x7fffffff), 1),
  },
];

describe('every exception code, BEV = 0 and BEV = 1', () => {
  for (const c of CASES) {
    for (const bev of [0, 1]) {
      it(`${c.name}: code ${c.exc}, BEV=${bev} vector, BadVAddr/Context/EntryHi`, () => {
        const t = new TestMachine();
        const c0 = t.cpu.cop0;
        c0[C0_STATUS] = bev ? 0x00400000 : 0;
        c0[C0_BADVADDR] = SENTINEL;
        c0[C0_CONTEXT] = 0xffe00000;
        c0[C0_ENTRYHI] = 5 << 6;
        const steps = c.setup(t);
        t.step(steps);
        expect(code(t)).toBe(c.exc);
        const vector = (bev ? 0xbfc00100 : 0x80000000) + (c.refill ? 0 : 0x80);
        expect(t.cpu.pc >>> 0).toBe(vector >>> 0);
        expect(c0[C0_BADVADDR]).toBe(c.bad ?? SENTINEL);
        if (c.tlb) {
          expect(c0[C0_CONTEXT]).toBe((0xffe00000 | ((c.bad! >>> 10) & 0x1ffffc)) >>> 0);
          expect(c0[C0_ENTRYHI]).toBe(((c.bad! & 0xfffff000) | (5 << 6)) >>> 0);
        } else {
          expect(c0[C0_CONTEXT]).toBe(0xffe00000);
          expect(c0[C0_ENTRYHI]).toBe(5 << 6);
        }
        expect(c0[C0_CAUSE]! >>> 28 & 3).toBe(c.exc === 11 ? 1 : 0);
      });
    }
  }
});

describe('exception priority (one instruction, several possible exceptions)', () => {
  const user = (t: TestMachine, words: number[]): TestMachine => {
    t.mapUser(KUSEG_PAGE, 0x00020000).poke(0x80020000, words);
    t.cpu.setPc(KUSEG_PAGE);
    t.cpu.cop0[C0_STATUS] = 0x00400002;
    return t;
  };
  it('fetch before decode: a user fetch from kseg0 is AdEL even where the word is RI', () => {
    const t = user(new TestMachine(), [enc('jr', { rs: 1 }), NOP]).setReg(1, 0x80001000 | 0);
    t.poke(0x80001000, [0xfc000000]);
    t.step(3);
    expect(code(t)).toBe(4);
    expect(t.cpu.cop0[C0_EPC]).toBe(0x80001000);
    expect(t.cpu.cop0[C0_BADVADDR]).toBe(0x80001000);
  });
  it('fetch alignment before fetch translation: misaligned unmapped target is AdEL, not TLBL', () => {
    const t = new TestMachine().boot([enc('jr', { rs: 1 }), NOP]).setReg(1, 0x00777002);
    t.step(3);
    expect(code(t)).toBe(4);
    expect(t.cpu.pc >>> 0).toBe(0xbfc00180);
  });
  it('CpU before the address: LWC1 with CU1 clear at a misaligned unmapped address', () => {
    const t = new TestMachine().boot([enc('lwc1', { rt: 2, rs: 1, imm: 3 }), NOP]).setReg(1, 0x00777000);
    t.cpu.cop0[C0_BADVADDR] = SENTINEL;
    t.step(1);
    expect(code(t)).toBe(11);
    expect(t.cpu.cop0[C0_BADVADDR]).toBe(SENTINEL);
  });
  it('data alignment before translation: misaligned load from an unmapped page is AdEL', () => {
    const t = new TestMachine().boot([enc('lw', { rt: 2, rs: 1, imm: 2 }), NOP]).setReg(1, 0x00777000);
    t.step(1);
    expect(code(t)).toBe(4);
    expect(t.cpu.pc >>> 0).toBe(0xbfc00180);
  });
  it('misaligned store to a clean page is AdES, not Mod', () => {
    const t = new TestMachine().boot([enc('sw', { rt: 2, rs: 1, imm: 2 }), NOP]).setReg(1, 0x00012000);
    t.cpu.mmu.tlbHi[20] = 0x00012000;
    t.cpu.mmu.tlbLo[20] = 0x00030300;
    t.cpu.mmu.invalidate();
    t.step(1);
    expect(code(t)).toBe(5);
  });
  it('the user-mode segment check before the TLB: user store to unmapped kseg2 is AdES, not TLBS', () => {
    const t = user(new TestMachine(), [enc('sw', { rt: 0, rs: 1, imm: 0 }), NOP]).setReg(1, 0xc0001000 | 0);
    t.step(1);
    expect(code(t)).toBe(5);
  });
  it('V before D: a store to an invalid clean page is TLBS, not Mod', () => {
    const t = new TestMachine().boot([enc('sw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0x00012000);
    t.cpu.mmu.tlbHi[20] = 0x00012000;
    t.cpu.mmu.tlbLo[20] = 0x00030100; // G only
    t.cpu.mmu.invalidate();
    t.step(1);
    expect(code(t)).toBe(3);
    expect(t.cpu.pc >>> 0).toBe(0xbfc00180); // matched: not a refill
  });
  it('translation before the bus: a store to an unmapped kuseg page whose PFN would be no memory is TLBS', () => {
    const t = new TestMachine().boot([enc('sw', { rt: 2, rs: 1, imm: 0 }), NOP]).setReg(1, 0x00013000);
    t.cpu.mmu.tlbHi[20] = 0x00013000;
    t.cpu.mmu.tlbLo[20] = 0x0ff00100; // PFN with nothing behind it, G, V = 0
    t.cpu.mmu.invalidate();
    t.step(1);
    expect(code(t)).toBe(3);
  });
  it('an interrupt pending before a SYSCALL is taken first; the SYSCALL runs after the return', () => {
    const t = new TestMachine().boot([NOP, enc('syscall'), NOP]);
    t.poke(0x80000080, [enc('mtc0', { rt: 0, rd: 13 }), enc('mfc0', { rt: 26, rd: 14 }), NOP, enc('jr', { rs: 26 }), enc('rfe')]);
    t.cpu.cop0[C0_STATUS] = 0x0101; // IM0, IEc, BEV = 0
    t.step(1);
    t.cpu.cop0[C0_CAUSE] = 0x100;
    t.step(1);
    expect(code(t)).toBe(0);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 4);
    t.step(5); // handler clears IP0 and returns
    expect(t.cpu.pc >>> 0).toBe(CODE_VA + 4);
    t.step(1);
    expect(code(t)).toBe(8);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 4);
  });
});

describe('Random', () => {
  it('decrements once per cycle, stall cycles included, over 63..8', () => {
    // mfc0 Random; an uncached load; mfc0 Random. Code fetched cold (docs/timing.md §5): the lw
    // takes 1 + 5 (I-cache miss) + 5 (uncached read) = 11 cycles, the second mfc0 1 + 5 = 6.
    const t = new TestMachine().boot([
      enc('mfc0', { rt: 2, rd: 1 }),
      enc('lw', { rt: 4, rs: 5, imm: 0 }),
      enc('mfc0', { rt: 3, rd: 1 }),
      NOP,
      NOP,
    ]);
    t.setReg(5, 0xa0010000 | 0).step(5);
    const r1 = (t.reg(2) >>> 8) & 63;
    const r2 = (t.reg(3) >>> 8) & 63;
    expect(t.reg(2) & ~0x3f00).toBe(0);
    expect((r1 - r2 + 56) % 56).toBe(17);
  });
  it('never leaves 8..63 and wraps from 8 to 63', () => {
    const t = new TestMachine();
    const seen = new Set<number>();
    for (let c = 0; c < 200; c++) {
      t.cpu.count[0] = c; // CNT_CYCLE_BASE
      seen.add(t.cpu.random());
      if (c > 0 && t.cpu.random() === 63) {
        t.cpu.count[0] = c - 1;
        expect(t.cpu.random()).toBe(8);
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 56 }, (_, i) => i + 8));
  });
});
