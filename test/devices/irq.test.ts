import { describe, expect, it } from 'vitest';
import { IRQ_CONSOLE, IRQ_DISK, IRQ_NET, IRQ_TIMER, IrqLines, sized } from '../../emulator/devices/irq.js';

describe('IrqLines', () => {
  it('maps line n to pending bit n (Cause.IP(n+2) after << 10)', () => {
    const lines = new IrqLines();
    for (let n = 0; n < 6; n++) {
      const l = lines.line(n);
      l.set(true);
      expect(lines.pending()).toBe(1 << n);
      expect((lines.pending() << 10) >>> 0).toBe(0x400 << n);
      l.set(false);
      expect(lines.pending()).toBe(0);
    }
  });

  it('rejects lines outside 0..5', () => {
    const lines = new IrqLines();
    expect(() => lines.line(6)).toThrow(/no interrupt line 6/);
    expect(() => lines.line(-1)).toThrow();
    expect(() => lines.line(1.5)).toThrow();
  });

  it('wires sources on one line as OR', () => {
    const lines = new IrqLines();
    const a = lines.line(2);
    const b = lines.line(2);
    a.set(true);
    b.set(true);
    a.set(false);
    expect(lines.pending()).toBe(4);
    b.set(false);
    expect(lines.pending()).toBe(0);
    // Setting the same level twice counts once.
    a.set(true);
    a.set(true);
    a.set(false);
    expect(lines.pending()).toBe(0);
  });

  it('tells listeners about changes of the mask only', () => {
    const lines = new IrqLines();
    const seen: string[] = [];
    const off = lines.onChange((p, n, lvl) => seen.push(`${p}:${n}:${lvl}`));
    const a = lines.line(1);
    const b = lines.line(1);
    const c = lines.line(5);
    a.set(true);
    b.set(true); // line already high: no change
    c.set(true);
    a.set(false); // b still holds it
    b.set(false);
    off();
    c.set(false);
    expect(seen).toEqual(['2:1:true', '34:5:true', '32:1:false']);
    expect(lines.snapshot()).toEqual({ pending: 0 });
  });

  it('assigns the GXemul testmips pins', () => {
    expect([IRQ_CONSOLE, IRQ_NET, IRQ_TIMER, IRQ_DISK]).toEqual([0, 1, 2, 3]);
  });

  it('sizes register reads', () => {
    expect(sized(0x12345678, 4)).toBe(0x12345678);
    expect(sized(0x12345678, 2)).toBe(0x5678);
    expect(sized(0x12345678, 1)).toBe(0x78);
    expect(sized(-1, 4)).toBe(0xffffffff);
  });
});
