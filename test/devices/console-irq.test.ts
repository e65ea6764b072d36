import { describe, expect, it } from 'vitest';
import { CONSOLE_HALT, CONSOLE_PUTGETCHAR, ConsoleDevice } from '../../emulator/devices/console.js';
import { CONSOLE_IRQ_ENABLE, CONSOLE_POLL_CYCLES, ConsoleIrqDevice } from '../../emulator/devices/console-irq.js';
import { IRQ_CONSOLE } from '../../emulator/devices/irq.js';
import { Bench } from './env.js';

function setup(input: number[] = []) {
  const b = new Bench();
  const out: number[] = [];
  const halts: number[] = [];
  const host = {
    putByte: (x: number) => out.push(x),
    getByte: () => (input.length > 0 ? input.shift()! : -1),
    peekByte: () => (input.length > 0 ? input[0]! : -1),
    halt: (c: number) => halts.push(c),
  };
  const con = new ConsoleIrqDevice(new ConsoleDevice(host), host, b.now, b.scheduler, b.lines.line(IRQ_CONSOLE));
  return { b, con, input, out, halts };
}

describe('console receive interrupt', () => {
  it('passes the console registers through', () => {
    const { con, out, halts } = setup([0x41]);
    con.write(CONSOLE_PUTGETCHAR, 1, 0x68);
    expect(out).toEqual([0x68]);
    expect(con.peek(CONSOLE_PUTGETCHAR, 1)).toBe(0x41);
    expect(con.read(CONSOLE_PUTGETCHAR, 1)).toBe(0x41);
    expect(con.read(CONSOLE_PUTGETCHAR, 1)).toBe(0);
    con.write(CONSOLE_HALT, 4, 3);
    expect(halts).toEqual([3]);
    expect(con.name).toBe('testmips console');
  });

  it('is off at reset: no line, no polling, input never examined', () => {
    const { b, con } = setup([0x41]);
    let peeks = 0;
    const spy = new ConsoleIrqDevice(
      new ConsoleDevice({ putByte: () => {}, getByte: () => -1, peekByte: () => -1, halt: () => {} }),
      { peekByte: () => (peeks++, 0x41) },
      b.now,
      b.scheduler,
      b.lines.line(IRQ_CONSOLE),
    );
    spy.read(CONSOLE_PUTGETCHAR, 1);
    b.runTo(10 * CONSOLE_POLL_CYCLES);
    expect(peeks).toBe(0);
    expect(con.read(CONSOLE_IRQ_ENABLE, 4)).toBe(0);
    expect(b.irqLog).toEqual([]);
  });

  it('raises the line at the enabling store when input waits, drops it when input is consumed', () => {
    const { b, con } = setup([0x41, 0x42]);
    b.cycle = 100;
    con.write(CONSOLE_IRQ_ENABLE, 4, 1);
    expect(con.read(CONSOLE_IRQ_ENABLE, 4)).toBe(1);
    expect(b.level(IRQ_CONSOLE)).toBe(true);
    b.cycle = 150;
    expect(con.read(CONSOLE_PUTGETCHAR, 1)).toBe(0x41);
    expect(b.level(IRQ_CONSOLE)).toBe(true);
    b.cycle = 160;
    expect(con.read(CONSOLE_PUTGETCHAR, 1)).toBe(0x42);
    expect(b.level(IRQ_CONSOLE)).toBe(false);
    expect(b.irqLog).toEqual([
      { cycle: 100, line: IRQ_CONSOLE, level: true },
      { cycle: 160, line: IRQ_CONSOLE, level: false },
    ]);
  });

  it('notices input that arrives later at the next poll, every 2^14 cycles from the enable', () => {
    const { b, con, input } = setup();
    b.cycle = 1000;
    con.write(CONSOLE_IRQ_ENABLE, 4, 1);
    expect(b.level(IRQ_CONSOLE)).toBe(false);
    b.runTo(1000 + CONSOLE_POLL_CYCLES + 5);
    input.push(0x7a); // arrives between polls
    b.runTo(1000 + 2 * CONSOLE_POLL_CYCLES - 1);
    expect(b.level(IRQ_CONSOLE)).toBe(false);
    b.runTo(1000 + 2 * CONSOLE_POLL_CYCLES);
    expect(b.level(IRQ_CONSOLE)).toBe(true);
    expect(b.irqLog).toEqual([{ cycle: 1000 + 2 * CONSOLE_POLL_CYCLES, line: IRQ_CONSOLE, level: true }]);
  });

  it('drops the line and stops polling when disabled', () => {
    const { b, con } = setup([1]);
    con.write(CONSOLE_IRQ_ENABLE, 4, 1);
    expect(b.level(IRQ_CONSOLE)).toBe(true);
    b.cycle = 5;
    con.write(CONSOLE_IRQ_ENABLE, 4, 0);
    expect(b.level(IRQ_CONSOLE)).toBe(false);
    expect(b.scheduler.nextAt()).toBe(Infinity);
  });

  it('peeks without consuming or changing the line', () => {
    const { b, con, input } = setup([9]);
    con.write(CONSOLE_IRQ_ENABLE, 4, 1);
    const before = con.snapshot();
    expect(con.peek(CONSOLE_PUTGETCHAR, 1)).toBe(9);
    expect(con.peek(CONSOLE_IRQ_ENABLE, 4)).toBe(1);
    expect(input).toEqual([9]);
    expect(con.snapshot()).toEqual(before);
    expect(b.level(IRQ_CONSOLE)).toBe(true);
  });

  it('snapshots and restores enable, level and the poll schedule', () => {
    const a = setup();
    a.b.cycle = 40;
    a.con.write(CONSOLE_IRQ_ENABLE, 4, 1);
    const snap = a.con.snapshot();
    expect(snap).toEqual({ enabled: true, level: false, nextPoll: 40 + CONSOLE_POLL_CYCLES });
    const c = setup();
    c.b.cycle = 40;
    c.con.restore(snap);
    for (const x of [a, c]) {
      x.b.runTo(50);
      x.input.push(0x30);
      x.b.runTo(3 * CONSOLE_POLL_CYCLES);
    }
    expect(c.b.irqLog).toEqual(a.b.irqLog);
    expect(c.con.snapshot()).toEqual(a.con.snapshot());
  });
});
