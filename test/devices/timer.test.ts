import { describe, expect, it } from 'vitest';
import { ClockDevice, CLOCK_CYCLES_LO, CLOCK_SEC, CLOCK_TRIGGER } from '../../emulator/devices/clock.js';
import { IRQ_TIMER } from '../../emulator/devices/irq.js';
import {
  RtcPage,
  TIMER_ACK,
  TIMER_CONTROL,
  TIMER_COUNT,
  TIMER_CTL_ONESHOT,
  TIMER_CTL_RUN,
  TIMER_HZ,
  TIMER_PENDING,
  TIMER_PERIOD,
  TimerDevice,
} from '../../emulator/devices/timer.js';
import { Bench } from './env.js';

function setup(): { b: Bench; t: TimerDevice } {
  const b = new Bench();
  const t = new TimerDevice(b.now, b.scheduler, b.lines.line(IRQ_TIMER));
  return { b, t };
}

const rises = (b: Bench): number[] => b.irqLog.filter((e) => e.level).map((e) => e.cycle);

describe('timer registers', () => {
  it('resets stopped and quiet', () => {
    const { b, t } = setup();
    for (const r of [TIMER_HZ, TIMER_PERIOD, TIMER_CONTROL, TIMER_COUNT, TIMER_PENDING]) expect(t.read(r, 4)).toBe(0);
    b.runTo(1_000_000);
    expect(b.irqLog).toEqual([]);
    expect(b.scheduler.nextAt()).toBe(Infinity);
  });

  it('ticks every PERIOD cycles from the starting store, exactly', () => {
    const { b, t } = setup();
    b.cycle = 10;
    t.write(TIMER_PERIOD, 4, 100);
    expect(b.scheduler.nextAt()).toBe(Infinity); // PERIOD alone does not start it
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    expect(t.read(TIMER_CONTROL, 4)).toBe(TIMER_CTL_RUN);
    b.runTo(109);
    expect(b.level(IRQ_TIMER)).toBe(false);
    expect(t.read(TIMER_COUNT, 4)).toBe(1);
    b.runTo(110);
    expect(b.level(IRQ_TIMER)).toBe(true);
    expect(b.irqLog).toEqual([{ cycle: 110, line: IRQ_TIMER, level: true }]);
    expect(t.read(TIMER_PENDING, 4)).toBe(1);
    expect(t.read(TIMER_COUNT, 4)).toBe(100);
    b.runTo(315);
    expect(t.read(TIMER_PENDING, 4)).toBe(3); // 110, 210, 310: unacknowledged ticks accumulate
    expect(t.read(TIMER_COUNT, 4)).toBe(95);
  });

  it('keeps the line high until every tick is acknowledged (read or write of ACK)', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 50);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(120); // ticks at 50 and 100
    expect(t.read(TIMER_PENDING, 4)).toBe(2);
    expect(t.read(TIMER_ACK, 4)).toBe(0);
    expect(b.level(IRQ_TIMER)).toBe(true);
    b.cycle = 121;
    t.write(TIMER_ACK, 4, 0);
    expect(b.level(IRQ_TIMER)).toBe(false);
    expect(b.irqLog).toEqual([
      { cycle: 50, line: IRQ_TIMER, level: true },
      { cycle: 121, line: IRQ_TIMER, level: false },
    ]);
    t.read(TIMER_ACK, 4); // nothing pending: stays 0
    expect(t.read(TIMER_PENDING, 4)).toBe(0);
    b.runTo(150);
    expect(rises(b)).toEqual([50, 150]);
  });

  it('clears all pending ticks on a PENDING write', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 10);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(35);
    expect(t.read(TIMER_PENDING, 4)).toBe(3);
    t.write(TIMER_PENDING, 4, 1234);
    expect(t.read(TIMER_PENDING, 4)).toBe(0);
    expect(b.level(IRQ_TIMER)).toBe(false);
  });

  it('fires a one-shot once and clears RUN', () => {
    const { b, t } = setup();
    b.cycle = 7;
    t.write(TIMER_PERIOD, 4, 1000);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN | TIMER_CTL_ONESHOT);
    b.runTo(5000);
    expect(rises(b)).toEqual([1007]);
    expect(t.read(TIMER_CONTROL, 4)).toBe(TIMER_CTL_ONESHOT);
    expect(t.read(TIMER_COUNT, 4)).toBe(0);
    expect(t.read(TIMER_PENDING, 4)).toBe(1);
    // Re-arming restarts from the store.
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN | TIMER_CTL_ONESHOT);
    t.read(TIMER_ACK, 4);
    b.runTo(7000);
    expect(rises(b)).toEqual([1007, 6000]);
  });

  it('restarts the countdown on a PERIOD write while running; PERIOD 0 stops it', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 100);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(150);
    t.write(TIMER_PERIOD, 4, 30);
    b.runTo(250);
    expect(rises(b)).toEqual([100]); // the line stayed high: pending counts 100, 180, 210, 240
    expect(t.read(TIMER_PENDING, 4)).toBe(4);
    t.write(TIMER_PERIOD, 4, 0);
    expect(t.read(TIMER_CONTROL, 4)).toBe(0);
    b.runTo(10_000);
    expect(t.read(TIMER_PENDING, 4)).toBe(4);
  });

  it('refuses to run with PERIOD 0', () => {
    const { b, t } = setup();
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    expect(t.read(TIMER_CONTROL, 4)).toBe(0);
    expect(b.scheduler.nextAt()).toBe(Infinity);
  });

  it('stops on CONTROL = 0 without losing pending ticks', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 10);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(25);
    t.write(TIMER_CONTROL, 4, 0);
    b.runTo(1000);
    expect(t.read(TIMER_PENDING, 4)).toBe(2);
    expect(b.level(IRQ_TIMER)).toBe(true);
  });

  it('converts GXemul HZ at 25 MHz; HZ 0 stops and forgets pending ticks', () => {
    const { b, t } = setup();
    b.cycle = 3;
    t.write(TIMER_HZ, 4, 100);
    expect(t.read(TIMER_HZ, 4)).toBe(100);
    expect(t.read(TIMER_PERIOD, 4)).toBe(250_000);
    expect(t.read(TIMER_CONTROL, 4)).toBe(TIMER_CTL_RUN);
    b.runTo(500_004);
    expect(rises(b)).toEqual([250_003]);
    expect(t.read(TIMER_PENDING, 4)).toBe(2);
    t.write(TIMER_HZ, 4, 0);
    expect(t.read(TIMER_PENDING, 4)).toBe(0);
    expect(b.level(IRQ_TIMER)).toBe(false);
    expect(t.read(TIMER_CONTROL, 4)).toBe(0);
    expect(b.scheduler.nextAt()).toBe(Infinity);
    // HZ above 25 MHz still ticks every cycle at least; PERIOD clears HZ.
    t.write(TIMER_HZ, 4, 100_000_000);
    expect(t.read(TIMER_PERIOD, 4)).toBe(1);
    t.write(TIMER_PERIOD, 4, 7);
    expect(t.read(TIMER_HZ, 4)).toBe(0);
  });

  it('keeps the nominal grid when events fire late', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 100);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runToLate(450, 3);
    expect(t.read(TIMER_PENDING, 4)).toBe(4);
    expect(t.read(TIMER_COUNT, 4)).toBe(50); // next due at 500, not 503
  });

  it('answers narrow reads with the low bytes', () => {
    const { t } = setup();
    t.write(TIMER_PERIOD, 4, 0x12345678);
    expect(t.read(TIMER_PERIOD, 1)).toBe(0x78);
    expect(t.read(TIMER_PERIOD, 2)).toBe(0x5678);
    expect(t.read(0x104, 4)).toBe(0);
  });

  it('peeks without acknowledging', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 10);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(25);
    const before = t.snapshot();
    for (let off = 0x100; off < 0x200; off += 4) t.peek(off, 4);
    expect(t.peek(TIMER_ACK, 4)).toBe(0);
    expect(t.peek(TIMER_PENDING, 4)).toBe(2);
    expect(t.snapshot()).toEqual(before);
    expect(b.level(IRQ_TIMER)).toBe(true);
  });
});

describe('timer snapshot', () => {
  it('restores into a fresh machine and continues identically', () => {
    const a = setup();
    a.t.write(TIMER_PERIOD, 4, 70);
    a.t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    a.b.runTo(200);
    const snap = a.t.snapshot();
    expect(snap).toEqual({ hz: 0, period: 70, control: TIMER_CTL_RUN, pending: 2, nextAt: 210 });

    const c = setup();
    c.b.cycle = 200;
    c.t.restore(structuredClone(snap));
    expect(c.b.level(IRQ_TIMER)).toBe(true);
    for (const x of [a, c]) {
      x.t.read(TIMER_ACK, 4);
      x.t.read(TIMER_ACK, 4);
      for (let cyc = 235; cyc <= 1000; cyc += 35) {
        x.b.runTo(cyc);
        if (cyc % 2 === 1) x.t.read(TIMER_ACK, 4);
      }
    }
    expect(c.t.snapshot()).toEqual(a.t.snapshot());
    expect(c.b.irqLog.slice(1)).toEqual(a.b.irqLog.slice(1));
    expect(a.b.irqLog.length).toBeGreaterThan(5);
  });

  it('restoring over a running timer replaces its scheduled tick', () => {
    const { b, t } = setup();
    t.write(TIMER_PERIOD, 4, 10);
    t.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    const stopped = { hz: 0, period: 10, control: 0, pending: 0, nextAt: -1 };
    t.restore(stopped);
    expect(b.scheduler.nextAt()).toBe(Infinity);
    b.runTo(100);
    expect(t.snapshot()).toEqual(stopped);
    expect(b.level(IRQ_TIMER)).toBe(false);
  });
});

describe('RtcPage', () => {
  it('sends 0x100-0x1FF to the timer and the rest to the clock', () => {
    const { b, t } = setup();
    const page = new RtcPage(new ClockDevice(b.now), t);
    b.cycle = 50_000_123;
    expect(page.read(CLOCK_CYCLES_LO, 4)).toBe(50_000_123);
    page.write(CLOCK_TRIGGER, 4, 0);
    expect(page.read(CLOCK_SEC, 4)).toBe(2);
    page.write(TIMER_PERIOD, 4, 99);
    expect(page.read(TIMER_PERIOD, 4)).toBe(99);
    expect(page.peek(TIMER_PERIOD, 4)).toBe(99);
    expect(t.read(TIMER_PERIOD, 4)).toBe(99);
    page.write(TIMER_CONTROL, 4, TIMER_CTL_RUN);
    b.runTo(50_000_222);
    expect(b.level(IRQ_TIMER)).toBe(true);
    page.read(TIMER_ACK, 4);
    expect(b.level(IRQ_TIMER)).toBe(false);
    expect(page.read(0x200, 4)).toBe(0); // beyond GXemul's rtc: the clock's (empty) offsets
  });
});
