/**
 * Pipeline behaviour from r3000.md §2 and exception entry from §1.4-1.6: the load delay slot (the
 * pcsx-redux hardware cases), LWL/LWR merging into a pending load, branches in branch delay slots
 * (pcsx-redux branchbranch.s: 0x189/9 and 0x69/21), and exception entry/return.
 */
import { describe, expect, it } from 'vitest';
import { C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_EPC, C0_STATUS } from '../../emulator/cop0.js';
import { CODE_VA, DATA_VA, NOP, TestMachine, enc } from './harness.js';

const T0 = 8;
const T2 = 10;
const T3 = 11;
const A0 = 4;
const V0 = 2;
const RA = 31;
const move = (rd: number, rs: number): number => enc('addu', { rd, rs, rt: 0 });
const li = (rt: number, v: number): number => enc('ori', { rt, rs: 0, imm: v });
const ori = (rt: number, v: number): number => enc('ori', { rt, rs: rt, imm: v });
const excCode = (t: TestMachine): number => (t.cpu.cop0[C0_CAUSE]! >>> 2) & 31;

describe('load delay slot', () => {
  it('the instruction after a load sees the old value; the next one sees the new', () => {
    const t = new TestMachine().poke(DATA_VA, [42]);
    t.boot([li(T0, 7), enc('lw', { rt: T0, rs: A0, imm: 0 }), move(T2, T0), move(T3, T0), NOP]);
    t.setReg(A0, DATA_VA).step(4);
    expect([t.reg(T2), t.reg(T3)]).toEqual([7, 42]);
  });
  it('a write to the same register in the delay slot wins (cpu_delayed_load_cancelled)', () => {
    const t = new TestMachine().poke(DATA_VA, [42]);
    t.boot([enc('lw', { rt: T0, rs: A0, imm: 0 }), li(T0, 5), move(T2, T0), NOP]);
    t.setReg(A0, DATA_VA).step(3);
    expect([t.reg(T0), t.reg(T2)]).toEqual([5, 5]);
  });
  it('of two back-to-back loads to one register the first is dropped (cpu_delayed_load_load)', () => {
    const t = new TestMachine().poke(DATA_VA, [42, 43]);
    t.boot([li(T0, 7), enc('lw', { rt: T0, rs: A0, imm: 0 }), enc('lw', { rt: T0, rs: A0, imm: 4 }), move(T2, T0), move(T3, T0), NOP]);
    t.setReg(A0, DATA_VA).step(5);
    expect([t.reg(T2), t.reg(T3)]).toEqual([7, 43]);
  });
  it('a load to r0 never changes r0', () => {
    const t = new TestMachine().poke(DATA_VA, [42]);
    t.boot([enc('lw', { rt: 0, rs: A0, imm: 0 }), move(T2, 0), move(T3, 0), NOP]);
    t.setReg(A0, DATA_VA).step(3);
    expect([t.reg(0), t.reg(T2), t.reg(T3)]).toEqual([0, 0, 0]);
  });
  it('an exception after a load completes the load first; the faulting load itself is dropped', () => {
    const t = new TestMachine().poke(DATA_VA, [42]);
    t.boot([enc('lw', { rt: T0, rs: A0, imm: 0 }), enc('syscall'), NOP]);
    t.setReg(A0, DATA_VA).step(2);
    expect(excCode(t)).toBe(8);
    expect(t.reg(T0)).toBe(42);
    const u = new TestMachine().poke(DATA_VA, [42]);
    u.boot([enc('lw', { rt: T0, rs: A0, imm: 2 }), NOP]);
    u.setReg(A0, DATA_VA).setReg(T0, 9).step(2);
    expect(excCode(u)).toBe(4);
    expect(u.reg(T0)).toBe(9);
  });
});

describe('LWL/LWR (pcsx-redux hardware results)', () => {
  const setup = (prog: number[]): TestMachine => {
    const t = new TestMachine().poke(DATA_VA, [0x11223344, 0x55667788]);
    return t.boot(prog).setReg(A0, DATA_VA).setReg(T0, 0xaabbccdd);
  };
  it('lwl 4(a0), read two instructions later: 0x88BBCCDD', () => {
    const t = setup([enc('lwl', { rt: T0, rs: A0, imm: 4 }), NOP, move(T2, T0), NOP]);
    t.step(3);
    expect(t.reg(T2)).toBe(0x88bbccdd);
  });
  it('lwl 4; lwr 1 merges into the pending value: slot sees 0xAABBCCDD, then 0x88112233', () => {
    const t = setup([enc('lwl', { rt: T0, rs: A0, imm: 4 }), enc('lwr', { rt: T0, rs: A0, imm: 1 }), move(T2, T0), move(T3, T0), NOP]);
    t.step(4);
    expect([t.reg(T2), t.reg(T3)]).toEqual([0xaabbccdd, 0x88112233]);
  });
});

/** `b` (beq zero, zero) from address `from` to `to`. */
const b = (from: number, to: number): number => enc('beq', { rs: 0, rt: 0, imm: ((to - (from + 4)) >> 2) & 0xffff });
const j = (to: number): number => (enc('j') | ((to >>> 2) & 0x3ffffff)) >>> 0;
const jr = (rs: number): number => enc('jr', { rs });
const addiu = (rt: number, v: number): number => enc('addiu', { rt, rs: rt, imm: v & 0xffff });
const sll = (rt: number, sa: number): number => enc('sll', { rd: rt, rt, sa });

function runUntilReturn(prog: number[]): number {
  const t = new TestMachine().boot(prog);
  const ret = 0x80008000;
  t.setReg(RA, ret);
  for (let i = 0; i < 100 && t.cpu.pc >>> 0 !== ret; i++) t.step(1);
  expect(t.cpu.pc >>> 0).toBe(ret);
  return t.reg(V0);
}

describe('a branch or jump in a branch delay slot (pcsx-redux branchbranch.s)', () => {
  const a = CODE_VA;
  it('branchbranch1 gives 0x189', () => {
    const prog = [
      li(V0, 1), b(a + 4, a + 24), b(a + 8, a + 36), ori(V0, 2), jr(RA), ori(V0, 4),
      ori(V0, 8), jr(RA), ori(V0, 16),
      ori(V0, 32), jr(RA), ori(V0, 64), ori(V0, 128), jr(RA), ori(V0, 256),
    ];
    expect(runUntilReturn(prog)).toBe(0x189);
  });
  it('branchbranch2 gives 9', () => {
    const prog = [
      li(V0, 1), b(a + 4, a + 24), b(a + 8, a + 36), addiu(V0, 3), jr(RA), move(V0, 0),
      addiu(V0, 1), jr(RA), move(V0, 0),
      sll(V0, 3), jr(RA), addiu(V0, 5), sll(V0, 2), jr(RA), addiu(V0, 1),
    ];
    expect(runUntilReturn(prog)).toBe(9);
  });
  it('jumpjump1 gives 0x69', () => {
    const prog = [
      li(V0, 1), j(a + 24), j(a + 36), ori(V0, 2), jr(RA), ori(V0, 4),
      ori(V0, 8), jr(RA), ori(V0, 16),
      ori(V0, 32), jr(RA), ori(V0, 64), ori(V0, 128), jr(RA), ori(V0, 256),
    ];
    expect(runUntilReturn(prog)).toBe(0x69);
  });
  it('jumpjump2 gives 21', () => {
    const prog = [
      li(V0, 1), j(a + 24), j(a + 36), addiu(V0, 3), jr(RA), move(V0, 0),
      addiu(V0, 1), jr(RA), move(V0, 0),
      sll(V0, 3), jr(RA), addiu(V0, 5), sll(V0, 2), jr(RA), addiu(V0, 1),
    ];
    expect(runUntilReturn(prog)).toBe(21);
  });
});

describe('exception entry and RFE', () => {
  it('an exception in a delay slot: EPC = the branch, Cause.BD = 1', () => {
    const t = new TestMachine().boot([b(CODE_VA, CODE_VA + 64), enc('add', { rd: 3, rs: 1, rt: 1 }), NOP]);
    t.setReg(1, 0x40000000).step(2);
    expect(excCode(t)).toBe(12);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA);
    expect(t.cpu.cop0[C0_CAUSE]! >>> 31).toBe(1);
  });
  it('pushes the KU/IE stack and picks the vector by BEV', () => {
    const t = new TestMachine().boot([enc('break'), NOP]);
    t.cpu.cop0[C0_STATUS] = 0x0000000d; // BEV=0, KUp=1 IEp=1 IEc=1
    t.step(1);
    expect(t.cpu.cop0[C0_STATUS]).toBe(0x34);
    expect(t.cpu.pc >>> 0).toBe(0x80000080);
    expect(t.cpu.cop0[C0_CAUSE]! & 0x8000007c).toBe(9 << 2);
  });
  it('RFE in the delay slot of jr k0 returns to user mode, keeping KUo/IEo', () => {
    const t = new TestMachine().boot([enc('jr', { rs: 26 }), enc('rfe')]);
    t.mapUser(0x00400000, 0x00020000).poke(0x80020000, [NOP, NOP]);
    t.cpu.cop0[C0_STATUS] = 0x0000003c;
    t.setReg(26, 0x00400000).step(3);
    expect(t.cpu.cop0[C0_STATUS]).toBe(0x3f);
    expect(t.cpu.pc >>> 0).toBe(0x00400004);
  });
  it('user-mode loads/stores/fetches at or above 0x80000000 raise AdEL/AdES with BadVAddr', () => {
    for (const [w, code] of [[enc('lw', { rt: 2, rs: 1, imm: 0 }), 4], [enc('sw', { rt: 2, rs: 1, imm: 0 }), 5], [enc('jr', { rs: 1 }), 4]] as const) {
      const t = new TestMachine();
      t.mapUser(0x00400000, 0x00020000).poke(0x80020000, [w, NOP, NOP]);
      t.cpu.setPc(0x00400000);
      t.cpu.cop0[C0_STATUS] = 0x00000002;
      t.setReg(1, 0x80010000).step(3);
      expect(excCode(t)).toBe(code);
      expect(t.cpu.cop0[C0_BADVADDR]).toBe(0x80010000);
      expect(t.cpu.cop0[C0_STATUS]! & 0x3f).toBe(0x08); // KUp = 1: came from user mode
    }
  });
  it('a kuseg TLB miss uses the UTLB vector and sets BadVAddr, Context.BadVPN and EntryHi.VPN', () => {
    for (const [bev, vector] of [[0, 0x80000000], [1, 0xbfc00100]] as const) {
      const t = new TestMachine().boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]);
      t.cpu.cop0[C0_STATUS] = bev ? 0x00400000 : 0;
      t.cpu.cop0[C0_ENTRYHI] = 0x00000fc0; // ASID 63
      t.setReg(1, 0x12345678).step(1);
      expect(excCode(t)).toBe(2);
      expect(t.cpu.pc >>> 0).toBe(vector);
      expect(t.cpu.cop0[C0_BADVADDR]).toBe(0x12345678);
      expect(t.cpu.cop0[C0_CONTEXT]).toBe((0x12345678 >>> 12) << 2);
      expect(t.cpu.cop0[C0_ENTRYHI]).toBe(0x12345fc0);
    }
  });
  it('a mapped kuseg page translates through the TLB; V=0 raises TLBL at the general vector; D=0 raises Mod', () => {
    const t = new TestMachine().poke(0x80020000, [0x1234]);
    t.boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP, enc('sw', { rt: 2, rs: 1, imm: 4 }), NOP]);
    t.cpu.cop0[C0_STATUS] = 0;
    t.cpu.mmu.tlbHi[3] = 0x00400000;
    t.cpu.mmu.tlbLo[3] = 0x00020000 | 0x300; // V, G, not dirty
    t.cpu.mmu.invalidate();
    t.setReg(1, 0x00400000).step(3);
    expect(t.reg(2)).toBe(0x1234);
    expect([excCode(t), t.cpu.pc >>> 0, t.cpu.cop0[C0_BADVADDR]]).toEqual([1, 0x80000080, 0x00400004]);
    const u = new TestMachine().boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]);
    u.cpu.cop0[C0_STATUS] = 0;
    u.cpu.mmu.tlbHi[3] = 0x00400000;
    u.cpu.mmu.tlbLo[3] = 0x00020000 | 0x100; // G only: matches, not valid
    u.cpu.mmu.invalidate();
    u.setReg(1, 0x00400010).step(1);
    expect([excCode(u), u.cpu.pc >>> 0]).toEqual([2, 0x80000080]);
  });
  it('a kseg2 TLB miss (store) uses the general vector', () => {
    const t = new TestMachine().boot([enc('sw', { rt: 2, rs: 1, imm: 0 }), NOP]);
    t.cpu.cop0[C0_STATUS] = 0;
    t.setReg(1, 0xc0001000).step(1);
    expect([excCode(t), t.cpu.pc >>> 0]).toEqual([3, 0x80000080]);
  });
  it('bus errors raise IBE/DBE and leave BadVAddr alone', () => {
    const t = new TestMachine().boot([enc('lw', { rt: 2, rs: 1, imm: 0 }), NOP]);
    t.cpu.cop0[C0_BADVADDR] = 0x1234;
    t.setReg(1, 0xa8000000).step(1);
    expect([excCode(t), t.cpu.cop0[C0_BADVADDR]]).toEqual([7, 0x1234]);
    const u = new TestMachine().boot([jr(1), NOP]);
    u.setReg(1, 0xa8000000).step(3);
    expect([excCode(u), u.cpu.cop0[C0_EPC]]).toEqual([6, 0xa8000000]);
  });
});
