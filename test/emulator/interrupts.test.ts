/**
 * Interrupts (issue 4 item 4; r3000.md §1.2, §1.5, §1.6; docs/timing.md §7): Cause.IP from
 * software (MTC0 Cause, IP1:0) and from the device pins (IP7:2), Status.IM and IEc, the EPC/BD rule
 * for an interrupt before a delay slot, the latency after MTC0/RFE, and exact cycle timing of a
 * device interrupt through Machine.run's slices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C0_CAUSE, C0_EPC, C0_STATUS } from '../../emulator/cop0.js';
import { IRQ_TIMER } from '../../emulator/devices/irq.js';
import { TRACE_INSN, Tracer } from '../../emulator/trace.js';
import { CODE_VA, NOP, TestMachine, enc } from './harness.js';

const VEC_GENERAL = 0x80000080;
const excCode = (t: TestMachine): number => (t.cpu.cop0[C0_CAUSE]! >>> 2) & 31;
const mtc0 = (rt: number, rd: number): number => enc('mtc0', { rt, rd });
const li = (rt: number, v: number): number[] => [enc('lui', { rt, imm: v >>> 16 }), enc('ori', { rt, rs: rt, imm: v & 0xffff })];
const b = (from: number, to: number): number => enc('beq', { rs: 0, rt: 0, imm: ((to - from - 4) >> 2) & 0xffff });
/** Handler at the BEV=0 general vector: halt with the exception code as the status. */
const HALT_WITH_CODE = [
  enc('lui', { rt: 27, imm: 0xb000 }),
  enc('mfc0', { rt: 26, rd: 13 }),
  NOP,
  enc('srl', { rd: 26, rt: 26, sa: 2 }),
  enc('andi', { rt: 26, rs: 26, imm: 31 }),
  enc('sw', { rt: 26, rs: 27, imm: 0x10 }),
  NOP,
];

describe('software interrupts (Cause.IP1:0)', () => {
  it('MTC0 Cause writes only IP1:0; a pending masked interrupt waits; enabling it takes it right after the MTC0', () => {
    const t = new TestMachine().boot([
      mtc0(1, 13), // Cause = 0xffffffff: only IP1:0 stick
      enc('mfc0', { rt: 2, rd: 13 }),
      NOP,
      mtc0(3, 12), // Status = IM0 | IEc (BEV=0)
      enc('addiu', { rt: 4, rs: 4, imm: 1 }), // must not execute before the interrupt
      NOP,
    ]);
    t.setReg(1, -1).setReg(3, 0x0101);
    t.step(3);
    expect(t.reg(2)).toBe(0x300);
    t.step(1); // the MTC0
    expect(t.cpu.pc >>> 0).toBe(CODE_VA + 16);
    t.step(1); // the boundary right after it: the interrupt
    expect(t.cpu.pc >>> 0).toBe(VEC_GENERAL);
    expect(excCode(t)).toBe(0);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 16);
    expect(t.cpu.cop0[C0_CAUSE]! >>> 31).toBe(0);
    expect(t.reg(4)).toBe(0);
    expect(t.cpu.cop0[C0_STATUS]! & 0x3f).toBe(0x04); // IEc pushed to IEp, interrupts off
    expect(t.cpu.cop0[C0_CAUSE]! & 0xff00).toBe(0x0300); // IP stays pending until software clears it
  });

  it('IEc = 0 or a clear IM bit keeps the interrupt pending', () => {
    for (const sr of [0x0100, 0x0201]) {
      const t = new TestMachine().boot([mtc0(1, 13), mtc0(3, 12), NOP, NOP, NOP]);
      t.setReg(1, 0x100).setReg(3, sr).step(5);
      expect(t.cpu.pc >>> 0).toBe(CODE_VA + 20);
      expect(t.cpu.cop0[C0_CAUSE]! & 0x7c).toBe(0);
    }
  });

  it('MTC0 Cause setting IP1 with IM1 and IEc already set interrupts right after the MTC0 (Machine.run)', () => {
    const t = new TestMachine();
    t.poke(VEC_GENERAL, HALT_WITH_CODE);
    t.boot([...li(3, 0x0201), mtc0(3, 12), ...li(1, 0x200), mtc0(1, 13), enc('break'), NOP]);
    const r = t.run(10_000);
    expect(r).toEqual({ reason: 'halt', code: 0 });
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 24); // the break after the MTC0 never ran
  });

  it('RFE that re-enables a pending interrupt takes it at the return target', () => {
    // jr k0; rfe with IEp = 1 and IP0/IM0 pending: the interrupt is taken before the target runs.
    const t = new TestMachine().boot([enc('jr', { rs: 26 }), enc('rfe'), NOP]);
    t.poke(0x80002000, [enc('addiu', { rt: 4, rs: 4, imm: 1 }), NOP]);
    t.cpu.cop0[C0_STATUS] = 0x0104; // IM0, IEp = 1, IEc = 0, BEV = 0
    t.cpu.cop0[C0_CAUSE] = 0x100;
    t.setReg(26, 0x80002000).step(2);
    expect(t.cpu.pc >>> 0).toBe(0x80002000);
    t.step(1);
    expect(t.cpu.pc >>> 0).toBe(VEC_GENERAL);
    expect(t.cpu.cop0[C0_EPC]).toBe(0x80002000);
    expect(t.reg(4)).toBe(0);
  });
});

describe('hardware interrupt lines (Cause.IP7:2)', () => {
  it('line n shows as Cause.IP(n+2), read-only to MTC0, and follows the level', () => {
    const t = new TestMachine().boot([mtc0(1, 13), enc('mfc0', { rt: 2, rd: 13 }), NOP, NOP]);
    const line5 = t.m.irq.line(5);
    line5.set(true);
    expect(t.cpu.cop0[C0_CAUSE]! & 0xfc00).toBe(0x8000);
    t.setReg(1, 0).step(3); // MTC0 Cause = 0 cannot clear a hardware bit
    expect(t.reg(2)).toBe(0x8000);
    line5.set(false);
    expect(t.cpu.cop0[C0_CAUSE]! & 0xfc00).toBe(0);
  });

  it('an interrupt before a delay-slot instruction: EPC = the branch, BD = 1; the handler re-executes the branch', () => {
    // beq -> target; slot: addiu r4 += 1. The line rises at the boundary between the branch and its slot.
    const target = CODE_VA + 0x40;
    const t = new TestMachine().boot([b(CODE_VA, target), enc('addiu', { rt: 4, rs: 4, imm: 1 }), NOP]);
    t.poke(target, [enc('addiu', { rt: 5, rs: 5, imm: 1 }), NOP]);
    // Handler: lower the line (host side, below), return to EPC with RFE in the jr's slot.
    t.poke(VEC_GENERAL, [enc('mfc0', { rt: 26, rd: 14 }), NOP, enc('jr', { rs: 26 }), enc('rfe')]);
    t.cpu.cop0[C0_STATUS] = 0x8001; // IM7, IEc
    const line = t.m.irq.line(5);
    t.step(1); // the branch
    line.set(true);
    t.step(1); // the interrupt, not the slot
    expect(t.cpu.pc >>> 0).toBe(VEC_GENERAL);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA);
    expect(t.cpu.cop0[C0_CAUSE]! >>> 31).toBe(1);
    expect(t.reg(4)).toBe(0);
    line.set(false);
    t.step(4); // handler back to the branch
    expect(t.cpu.pc >>> 0).toBe(CODE_VA);
    t.step(3); // branch, slot, target
    expect([t.reg(4), t.reg(5)]).toEqual([1, 1]);
  });

  it('a load before the interrupt completes first (r3000.md §1.5)', () => {
    const t = new TestMachine().boot([enc('lw', { rt: 3, rs: 1, imm: 0 }), NOP, NOP]);
    t.poke(0x80010000, [0x12345678]);
    t.cpu.cop0[C0_STATUS] = 0x0401;
    t.setReg(1, 0x80010000 | 0).step(1);
    t.m.irq.line(0).set(true);
    t.step(1);
    expect(t.cpu.pc >>> 0).toBe(VEC_GENERAL);
    expect(t.reg(3)).toBe(0x12345678);
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 4);
  });
});

describe('a line raised by a device access', () => {
  it('is taken right after that access, in the middle of a long slice (console IRQ_ENABLE with input waiting)', () => {
    const t = new TestMachine({ input: 'x' });
    t.poke(VEC_GENERAL, HALT_WITH_CODE);
    const loop = CODE_VA + 32;
    t.boot([
      enc('lui', { rt: 16, imm: 0xb000 }),
      enc('ori', { rt: 9, rs: 0, imm: 0x0401 }), // IM2 (console) | IEc
      mtc0(9, 12),
      enc('ori', { rt: 8, rs: 0, imm: 1 }),
      enc('sw', { rt: 8, rs: 16, imm: 0x20 }), // IRQ_ENABLE: the line rises during this store
      enc('addiu', { rt: 4, rs: 4, imm: 1 }), // must not run first
      NOP,
      NOP,
      // loop: spin
      b(loop, loop),
      NOP,
    ]);
    expect(t.run(10_000_000)).toEqual({ reason: 'halt', code: 0 });
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 20);
    expect(t.reg(4)).toBe(0);
  });

  it('is taken right after that access even when the device schedules nothing (a bare line device)', () => {
    const t = new TestMachine();
    const pin = t.m.irq.line(5);
    t.m.bus.map(0x16000000, 0x1000, {
      name: 'test line',
      read: () => 0,
      peek: () => 0,
      write: (_o, _s, v) => pin.set(v !== 0),
    });
    t.poke(VEC_GENERAL, HALT_WITH_CODE);
    const loop = CODE_VA + 32;
    t.boot([
      enc('lui', { rt: 16, imm: 0xb600 }),
      enc('ori', { rt: 9, rs: 0, imm: 0x8001 }), // IM7 | IEc
      mtc0(9, 12),
      enc('ori', { rt: 8, rs: 0, imm: 1 }),
      enc('sw', { rt: 8, rs: 16, imm: 0 }), // raises Int5 = IP7
      enc('addiu', { rt: 4, rs: 4, imm: 1 }),
      NOP,
      NOP,
      b(loop, loop),
      NOP,
    ]);
    expect(t.run(10_000_000)).toEqual({ reason: 'halt', code: 0 });
    expect(t.cpu.cop0[C0_EPC]).toBe(CODE_VA + 20);
    expect(t.reg(4)).toBe(0);
  });
});

/** Loop-body snippets with different cycle costs (docs/timing.md §5). */
const SNIPPETS: readonly (readonly number[])[] = [
  [NOP],
  [enc('lw', { rt: 10, rs: 17, imm: 0 })], // uncached: 6 cycles
  [enc('sw', { rt: 11, rs: 17, imm: 8 })], // write buffer (stalls when full)
  [enc('mult', { rs: 11, rt: 11 }), enc('mflo', { rd: 12 })], // HI/LO interlock
  [enc('div', { rs: 11, rt: 11 }), enc('mfhi', { rd: 12 })],
  [enc('lw', { rt: 10, rs: 19, imm: 0 })], // cached load (miss, then hits)
  [enc('lw', { rt: 10, rs: 16, imm: 0x140 })], // device read: timer COUNT
];

/** Timer program: PERIOD = p, IM4|IEc, RUN, then a loop with an uncached load (6-cycle boundaries). */
function timerProgram(period: number, body: readonly number[] = [enc('lw', { rt: 10, rs: 17, imm: 0 }), enc('addiu', { rt: 11, rs: 11, imm: 1 })]): TestMachine {
  const t = new TestMachine();
  t.poke(VEC_GENERAL, HALT_WITH_CODE);
  const loop = CODE_VA + 40;
  t.boot([
    enc('lui', { rt: 16, imm: 0xb500 }), // s0 = timer page (kseg1 0x15000000)
    enc('lui', { rt: 17, imm: 0xa001 }), // s1 = uncached RAM
    enc('ori', { rt: 8, rs: 0, imm: period }),
    enc('sw', { rt: 8, rs: 16, imm: 0x120 }), // PERIOD
    ...li(9, 0x1001), // IM4 (timer, IP4) | IEc
    mtc0(9, 12),
    enc('ori', { rt: 8, rs: 0, imm: 1 }),
    enc('sw', { rt: 8, rs: 16, imm: 0x130 }), // CONTROL = RUN: first tick PERIOD cycles from here
    NOP,
    // loop:
    ...body,
    b(loop + 4 * body.length, loop),
    NOP,
  ]);
  t.setReg(19, 0x80020000 | 0);
  return t;
}

/** Entry cycle of the first interrupt, with the traced run's boundaries and the tick's due cycle. */
function entryCycles(period: number, body?: readonly number[]): { traced: number; fast: number; expected: number | undefined } {
  const traced = timerProgram(period, body);
  const boundaries: number[] = [];
  let due = -1;
  traced.m.setTracer(new Tracer(TRACE_INSN, (line) => boundaries.push(Number(line.split(' ')[0]))));
  let entry = -1;
  traced.cpu.onVector = (v) => {
    if (v === VEC_GENERAL && entry < 0) entry = traced.cpu.totalCycles;
    return true;
  };
  const origWrite = traced.m.timer.write.bind(traced.m.timer);
  traced.m.timer.write = (off, size, val) => {
    origWrite(off, size, val);
    if (off === 0x130) due = traced.m.timer.snapshot().nextAt;
  };
  expect(traced.run(1_000_000)).toEqual({ reason: 'halt', code: 0 });
  expect(due).toBeGreaterThan(0);
  // The boundary after the last instruction before the interrupt is the entry cycle itself.
  const expected = [...boundaries, entry].find((c) => c >= due);
  const fast = timerProgram(period, body);
  let fastEntry = -1;
  fast.cpu.onVector = (v) => {
    if (v === VEC_GENERAL && fastEntry < 0) fastEntry = fast.cpu.totalCycles;
    return true;
  };
  expect(fast.run(1_000_000)).toEqual({ reason: 'halt', code: 0 });
  expect(fast.m.state()).toEqual(traced.m.state());
  return { traced: entry, fast: fastEntry, expected };
}

describe('exact interrupt timing (docs/timing.md §7)', () => {
  for (const period of [1, 2, 3, 7, 50, 61, 200, 1001]) {
    it(`timer period ${period}: taken at the first instruction boundary at or after the tick, in run and traced runs alike`, () => {
      // Traced run: every instruction boundary (the insn lines' cycles) and the tick's due cycle.
      const traced = timerProgram(period);
      const boundaries: number[] = [];
      let due = -1;
      traced.m.setTracer(new Tracer(TRACE_INSN, (line) => boundaries.push(Number(line.split(' ')[0]))));
      let entry = -1;
      traced.cpu.onVector = (v) => {
        if (v === VEC_GENERAL && entry < 0) entry = traced.cpu.totalCycles;
        return true;
      };
      const origWrite = traced.m.timer.write.bind(traced.m.timer);
      traced.m.timer.write = (off, size, val) => {
        origWrite(off, size, val);
        if (off === 0x130) due = traced.m.timer.snapshot().nextAt;
      };
      expect(traced.run(1_000_000)).toEqual({ reason: 'halt', code: 0 });
      expect(due).toBeGreaterThan(0);
      const expected = boundaries.find((c) => c >= due);
      expect(entry).toBe(expected);

      // Untraced run through Machine.run's slices: the same entry cycle and the same final state.
      const fast = timerProgram(period);
      let fastEntry = -1;
      fast.cpu.onVector = (v) => {
        if (v === VEC_GENERAL && fastEntry < 0) fastEntry = fast.cpu.totalCycles;
        return true;
      };
      expect(fast.run(1_000_000)).toEqual({ reason: 'halt', code: 0 });
      expect(fastEntry).toBe(expected);
      expect(fast.m.state()).toEqual(traced.m.state());
    });
  }

  it('property: any loop body and period: the first boundary at or after the tick, fast run = traced run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: SNIPPETS.length - 1 }), { minLength: 1, maxLength: 8 }),
        (period, picks) => {
          const body = picks.flatMap((i) => SNIPPETS[i]!);
          const r = entryCycles(period, body);
          expect(r.traced).toBe(r.expected);
          expect(r.fast).toBe(r.expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the timer line is IP4 and a handler that acknowledges every tick sees each one once', () => {
    // Count 5 ticks of period 300 in s2, acknowledging each, then halt with the count.
    const t = new TestMachine();
    t.poke(VEC_GENERAL, [
      enc('lw', { rt: 0, rs: 16, imm: 0x110 }), // ACK
      enc('addiu', { rt: 18, rs: 18, imm: 1 }),
      enc('mfc0', { rt: 26, rd: 14 }),
      NOP,
      enc('jr', { rs: 26 }),
      enc('rfe'),
    ]);
    const loop = CODE_VA + 28;
    t.boot([
      enc('lui', { rt: 16, imm: 0xb500 }),
      enc('ori', { rt: 8, rs: 0, imm: 300 }),
      enc('sw', { rt: 8, rs: 16, imm: 0x120 }),
      enc('ori', { rt: 8, rs: 0, imm: 1 }),
      enc('sw', { rt: 8, rs: 16, imm: 0x130 }),
      enc('ori', { rt: 9, rs: 0, imm: 0x1001 }),
      mtc0(9, 12),
      // loop: until s2 == 5
      enc('slti', { rt: 10, rs: 18, imm: 5 }),
      enc('bne', { rs: 10, rt: 0, imm: (loop - (loop + 8)) >> 2 & 0xffff }),
      NOP,
      enc('lui', { rt: 27, imm: 0xb000 }),
      enc('sw', { rt: 18, rs: 27, imm: 0x10 }),
      NOP,
    ]);
    const takes: number[] = [];
    t.cpu.onVector = () => {
      takes.push(t.cpu.totalCycles);
      return true;
    };
    expect(t.run(100_000)).toEqual({ reason: 'halt', code: 5 });
    expect(takes).toHaveLength(5);
    for (let i = 1; i < takes.length; i++) expect(takes[i]! - takes[i - 1]!).toBe(300); // 1-cycle boundaries: exact grid
    expect(t.m.timer.snapshot().pending).toBe(0);
    expect(IRQ_TIMER + 2).toBe(4);
  });
});
