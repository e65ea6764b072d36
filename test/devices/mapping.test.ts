/**
 * The devices mapped on a real Bus at the addresses docs/devices.md gives, the way the machine
 * will map them, and reached through physical addresses (kseg1 0xB3000000 = physical 0x13000000).
 */
import { describe, expect, it } from 'vitest';
import { Bus } from '../../emulator/bus.js';
import { BlockDevice, DISK_BASE, DISK_SIZE, MemoryDisk } from '../../emulator/devices/blockdev.js';
import { CLOCK_BASE, CLOCK_CYCLES_LO, ClockDevice } from '../../emulator/devices/clock.js';
import { CONSOLE_BASE, ConsoleDevice } from '../../emulator/devices/console.js';
import { CONSOLE_IRQ_ENABLE, ConsoleIrqDevice } from '../../emulator/devices/console-irq.js';
import { IRQ_CONSOLE, IRQ_DISK, IRQ_NET, IRQ_TIMER } from '../../emulator/devices/irq.js';
import { NET_BASE, NET_SIZE, NetDevice } from '../../emulator/devices/netif.js';
import { RtcPage, TimerDevice } from '../../emulator/devices/timer.js';
import { Bench } from './env.js';

function machine() {
  const b = new Bench();
  const bus = new Bus(1 << 20);
  const input = [0x61];
  const out: number[] = [];
  const host = {
    putByte: (x: number) => out.push(x),
    getByte: () => (input.length ? input.shift()! : -1),
    peekByte: () => (input.length ? input[0]! : -1),
    halt: () => {},
  };
  const timer = new TimerDevice(b.now, b.scheduler, b.lines.line(IRQ_TIMER));
  const net = new NetDevice(b.now, b.scheduler, b.lines.line(IRQ_NET));
  const disk = new BlockDevice(b.now, b.scheduler, b.lines.line(IRQ_DISK), [new MemoryDisk(new Uint8Array(4096).fill(0x5c))], 100);
  bus.map(CONSOLE_BASE, 0x1000, new ConsoleIrqDevice(new ConsoleDevice(host), host, b.now, b.scheduler, b.lines.line(IRQ_CONSOLE)));
  bus.map(DISK_BASE, DISK_SIZE, disk);
  bus.map(NET_BASE, NET_SIZE, net);
  bus.map(CLOCK_BASE, 0x1000, new RtcPage(new ClockDevice(b.now), timer));
  const rd = (pa: number): number => {
    expect(bus.read(pa, 4)).toBe(true);
    return bus.value;
  };
  return { b, bus, net, out, rd };
}

describe('device mapping', () => {
  it('reaches every device at its GXemul address and raises the documented Cause bits', () => {
    const { b, bus, net, out, rd } = machine();
    // console + receive interrupt
    bus.write(CONSOLE_BASE, 1, 0x48);
    expect(out).toEqual([0x48]);
    bus.write(CONSOLE_BASE + CONSOLE_IRQ_ENABLE, 4, 1);
    expect((b.lines.pending() << 10) >>> 0).toBe(0x0400);
    expect(rd(CONSOLE_BASE)).toBe(0x61);
    expect(b.lines.pending()).toBe(0);
    // timer through the RTC page, clock still there
    b.cycle = 1234;
    expect(rd(CLOCK_BASE + CLOCK_CYCLES_LO)).toBe(1234);
    bus.write(CLOCK_BASE + 0x120, 4, 10);
    bus.write(CLOCK_BASE + 0x130, 4, 1);
    b.runTo(1244);
    expect((b.lines.pending() << 10) >>> 0).toBe(0x1000);
    rd(CLOCK_BASE + 0x110);
    bus.write(CLOCK_BASE + 0x130, 4, 0);
    expect(b.lines.pending()).toBe(0);
    // network
    net.inject(Uint8Array.of(1, 2, 3), 1300);
    b.runTo(1300);
    expect((b.lines.pending() << 10) >>> 0).toBe(0x0800);
    bus.write(NET_BASE + 0x4020, 4, 0);
    expect(rd(NET_BASE + 0x4010)).toBe(3);
    expect(rd(NET_BASE + 0x4000)).toBe(1);
    expect(rd(NET_BASE)).toBe(0x030201);
    expect(b.lines.pending()).toBe(0);
    // disk, buffer page at +0x4000 and the last mapped byte
    bus.write(DISK_BASE + 0x50, 4, 1);
    bus.write(DISK_BASE + 0x20, 4, 0);
    expect(rd(DISK_BASE + 0x30)).toBe(1);
    expect(rd(DISK_BASE + 0x4000)).toBe(0x5c5c5c5c);
    b.runTo(1400);
    expect((b.lines.pending() << 10) >>> 0).toBe(0x2000);
    expect(bus.read(DISK_BASE + DISK_SIZE - 4, 4)).toBe(true);
    expect(bus.read(DISK_BASE + DISK_SIZE, 4)).toBe(false); // bus error past the device
    expect(bus.read(NET_BASE + NET_SIZE, 4)).toBe(false);
  });

  it('debug reads through the bus use peek', () => {
    const { b, bus, rd } = machine();
    bus.write(CLOCK_BASE + 0x120, 4, 5);
    bus.write(CLOCK_BASE + 0x130, 4, 1);
    b.runTo(5);
    expect(bus.read(CLOCK_BASE + 0x110, 4, true)).toBe(true);
    expect(rd(CLOCK_BASE + 0x150)).toBe(1); // the debug read did not acknowledge
    expect(bus.read(CONSOLE_BASE, 1, true)).toBe(true);
    expect(bus.value).toBe(0x61);
    expect(rd(CONSOLE_BASE)).toBe(0x61); // still there for the real read
  });
});
