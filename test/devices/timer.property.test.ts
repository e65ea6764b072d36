/**
 * The timer against a closed-form reference: ticks are the multiples of PERIOD after the starting
 * cycle, counted per interval, instead of events on the scheduler. Random programs of register
 * stores and time steps must agree on PENDING, COUNT, CONTROL and the line after every step; and a
 * snapshot taken anywhere, restored into a fresh device, must continue identically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IRQ_TIMER } from '../../emulator/devices/irq.js';
import {
  TIMER_ACK,
  TIMER_CONTROL,
  TIMER_COUNT,
  TIMER_CTL_ONESHOT,
  TIMER_CTL_RUN,
  TIMER_PENDING,
  TIMER_PERIOD,
  TimerDevice,
} from '../../emulator/devices/timer.js';
import { Bench } from './env.js';

type Op =
  | { k: 'period'; v: number }
  | { k: 'control'; v: number }
  | { k: 'ack' }
  | { k: 'clear' }
  | { k: 'wait'; n: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('period' as const), v: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })) }),
  fc.record({ k: fc.constant('control' as const), v: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('ack' as const) }),
  fc.record({ k: fc.constant('clear' as const) }),
  fc.record({ k: fc.constant('wait' as const), n: fc.integer({ min: 0, max: 1000 }) }),
);

class Reference {
  period = 0;
  ctl = 0;
  pending = 0;
  base = 0;
  cycle = 0;

  advance(to: number): void {
    if ((this.ctl & TIMER_CTL_RUN) !== 0) {
      const P = this.period;
      const before = Math.floor((this.cycle - this.base) / P);
      const after = Math.floor((to - this.base) / P);
      let ticks = after - before;
      if ((this.ctl & TIMER_CTL_ONESHOT) !== 0 && ticks > 0) {
        ticks = 1;
        this.ctl &= ~TIMER_CTL_RUN;
      }
      this.pending += ticks;
    }
    this.cycle = to;
  }

  apply(o: Op): void {
    switch (o.k) {
      case 'period':
        this.period = o.v;
        if (o.v === 0) this.ctl &= ~TIMER_CTL_RUN;
        else if ((this.ctl & TIMER_CTL_RUN) !== 0) this.base = this.cycle;
        break;
      case 'control':
        this.ctl = o.v;
        if ((this.ctl & TIMER_CTL_RUN) !== 0) {
          if (this.period === 0) this.ctl &= ~TIMER_CTL_RUN;
          else this.base = this.cycle;
        }
        break;
      case 'ack':
        this.pending = Math.max(0, this.pending - 1);
        break;
      case 'clear':
        this.pending = 0;
        break;
      case 'wait':
        this.advance(this.cycle + o.n);
        break;
    }
  }

  count(): number {
    if ((this.ctl & TIMER_CTL_RUN) === 0) return 0;
    return this.period - ((this.cycle - this.base) % this.period);
  }
}

function apply(b: Bench, t: TimerDevice, o: Op): void {
  switch (o.k) {
    case 'period':
      t.write(TIMER_PERIOD, 4, o.v);
      break;
    case 'control':
      t.write(TIMER_CONTROL, 4, o.v);
      break;
    case 'ack':
      t.read(TIMER_ACK, 4);
      break;
    case 'clear':
      t.write(TIMER_PENDING, 4, 0);
      break;
    case 'wait':
      b.runTo(b.cycle + o.n);
      break;
  }
}

describe('timer properties', () => {
  it('agrees with the closed-form reference after every step', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const b = new Bench();
        const t = new TimerDevice(b.now, b.scheduler, b.lines.line(IRQ_TIMER));
        const ref = new Reference();
        for (const o of ops) {
          apply(b, t, o);
          ref.apply(o);
          expect(b.cycle).toBe(ref.cycle);
          expect(t.read(TIMER_PENDING, 4)).toBe(ref.pending);
          expect(t.read(TIMER_CONTROL, 4)).toBe(ref.ctl);
          expect(t.read(TIMER_COUNT, 4)).toBe(ref.count());
          expect(b.level(IRQ_TIMER)).toBe(ref.pending > 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('continues identically after a snapshot is restored into a fresh device', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.array(op, { maxLength: 30 }), (before, after) => {
        const a = new Bench();
        const ta = new TimerDevice(a.now, a.scheduler, a.lines.line(IRQ_TIMER));
        for (const o of before) apply(a, ta, o);
        const c = new Bench();
        const tc = new TimerDevice(c.now, c.scheduler, c.lines.line(IRQ_TIMER));
        c.cycle = a.cycle;
        tc.restore(structuredClone(ta.snapshot()));
        const logA = a.irqLog.length;
        const logC = c.irqLog.length;
        for (const o of after) {
          apply(a, ta, o);
          apply(c, tc, o);
          expect(tc.snapshot()).toEqual(ta.snapshot());
        }
        expect(c.irqLog.slice(logC)).toEqual(a.irqLog.slice(logA));
      }),
      { numRuns: 200 },
    );
  });
});
