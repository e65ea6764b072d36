import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IRQ_NET } from '../../emulator/devices/irq.js';
import {
  DEFAULT_MAC,
  FramesFileError,
  NET_BUFFER_SIZE,
  NET_COMMAND,
  NET_COMMAND_RX,
  NET_COMMAND_TX,
  NET_DROPPED,
  NET_MAC,
  NET_PACKETLENGTH,
  NET_STATUS,
  NET_STATUS_MORE,
  NET_STATUS_RECEIVED,
  NetDevice,
  RX_QUEUE_LIMIT,
  formatFrame,
  parseFrames,
} from '../../emulator/devices/netif.js';
import { Bench } from './env.js';

function setup() {
  const b = new Bench();
  const net = new NetDevice(b.now, b.scheduler, b.lines.line(IRQ_NET));
  const sent: { frame: number[]; cycle: number }[] = [];
  net.onTransmit((f, c) => sent.push({ frame: Array.from(f), cycle: c }));
  return { b, net, sent };
}

const bytes = (...xs: number[]) => Uint8Array.from(xs);
/** Reads `n` bytes of the device buffer with word loads (as a guest would). */
function bufferBytes(net: NetDevice, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += 4) {
    const w = net.read(i, 4);
    for (let k = 0; k < 4 && i + k < n; k++) out.push((w >>> (8 * k)) & 0xff);
  }
  return out;
}

describe('network registers', () => {
  it('resets empty, with the MAC address readable bytewise and by word', () => {
    const { net, b } = setup();
    expect(net.read(NET_STATUS, 4)).toBe(0);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(0);
    expect(net.read(NET_DROPPED, 4)).toBe(0);
    for (let i = 0; i < 6; i++) expect(net.read(NET_MAC + i, 1)).toBe(DEFAULT_MAC[i]);
    expect(net.read(NET_MAC, 4)).toBe(0x00000002);
    expect(net.read(NET_MAC + 4, 2)).toBe(0x0100);
    const custom = new NetDevice(b.now, b.scheduler, b.lines.line(IRQ_NET), [0xde, 0xad, 0xbe, 0xef, 0x00, 0x42]);
    expect(custom.read(NET_MAC, 4)).toBe(0xefbeadde);
    expect(custom.read(NET_MAC + 5, 1)).toBe(0x42);
    expect(() => new NetDevice(b.now, b.scheduler, b.lines.line(IRQ_NET), [1, 2, 3])).toThrow();
  });

  it('stores the buffer little-endian at any access size', () => {
    const { net } = setup();
    net.write(0, 4, 0x44332211);
    net.write(4, 2, 0x6655);
    net.write(6, 1, 0x77);
    net.write(NET_BUFFER_SIZE - 1, 1, 0xee);
    expect(net.read(0, 1)).toBe(0x11);
    expect(net.read(1, 2)).toBe(0x3322);
    expect(net.read(4, 4)).toBe(0x00776655);
    expect(net.peek(0, 4)).toBe(0x44332211);
    expect(net.read(NET_BUFFER_SIZE - 1, 1)).toBe(0xee);
  });

  it('clamps PACKETLENGTH to the buffer size', () => {
    const { net } = setup();
    net.write(NET_PACKETLENGTH, 4, 60);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(60);
    net.write(NET_PACKETLENGTH, 4, 0xffffffff);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(NET_BUFFER_SIZE);
    net.write(NET_PACKETLENGTH, 1, 0x1ff);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(0xff);
  });
});

describe('network receive', () => {
  it('delivers an injected frame at its cycle and raises the line exactly then', () => {
    const { b, net } = setup();
    net.inject(bytes(1, 2, 3, 4, 5), 500);
    b.runTo(499);
    expect(net.read(NET_STATUS, 4)).toBe(0);
    expect(b.level(IRQ_NET)).toBe(false);
    b.runTo(500);
    expect(b.level(IRQ_NET)).toBe(true);
    expect(net.peek(NET_STATUS, 4)).toBe(NET_STATUS_MORE);
    b.cycle = 520;
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(5);
    expect(bufferBytes(net, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(b.level(IRQ_NET)).toBe(true); // PACKET_RECEIVED holds it until STATUS is read
    b.cycle = 530;
    expect(net.read(NET_STATUS, 4)).toBe(NET_STATUS_RECEIVED);
    expect(net.read(NET_STATUS, 4)).toBe(0);
    expect(b.irqLog).toEqual([
      { cycle: 500, line: IRQ_NET, level: true },
      { cycle: 530, line: IRQ_NET, level: false },
    ]);
  });

  it('hands frames over one at a time, in arrival order, MORE while others wait', () => {
    const { b, net } = setup();
    net.inject(bytes(0xbb), 200);
    net.inject(bytes(0xaa, 0xaa), 100);
    net.inject(bytes(0xcc, 0xcc, 0xcc), 200); // same cycle: injection order
    b.runTo(300);
    const got: number[][] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      net.write(NET_COMMAND, 4, NET_COMMAND_RX);
      statuses.push(net.read(NET_STATUS, 4));
      if ((statuses[i]! & NET_STATUS_RECEIVED) !== 0) got.push(bufferBytes(net, net.read(NET_PACKETLENGTH, 4)));
    }
    expect(got).toEqual([[0xaa, 0xaa], [0xbb], [0xcc, 0xcc, 0xcc]]);
    expect(statuses).toEqual([3, 3, 1, 0]);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(3); // an empty RX leaves the length alone
    expect(b.level(IRQ_NET)).toBe(false);
  });

  it('delivers a frame injected for the past at the current cycle', () => {
    const { b, net } = setup();
    b.cycle = 1000;
    net.inject(bytes(7), 10);
    expect(b.scheduler.nextAt()).toBe(1000);
    b.runTo(1000);
    expect(b.level(IRQ_NET)).toBe(true);
    expect(() => net.inject(new Uint8Array(0))).toThrow(/empty/);
  });

  it('cuts frames longer than the buffer to 0x4000 bytes', () => {
    const { b, net } = setup();
    const big = new Uint8Array(NET_BUFFER_SIZE + 100).fill(0x5a);
    net.inject(big, 0);
    b.runTo(0);
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    expect(net.read(NET_PACKETLENGTH, 4)).toBe(NET_BUFFER_SIZE);
    expect(net.read(NET_BUFFER_SIZE - 4, 4)).toBe(0x5a5a5a5a);
  });

  it('drops frames beyond the queue limit and counts them', () => {
    const { b, net } = setup();
    for (let i = 0; i < RX_QUEUE_LIMIT + 6; i++) net.inject(bytes(i), 50);
    b.runTo(50);
    expect(net.read(NET_DROPPED, 4)).toBe(6);
    expect(net.queued()).toEqual({ waiting: RX_QUEUE_LIMIT, inFlight: 0 });
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    expect(net.read(0, 1)).toBe(0);
  });

  it('copies injected frames (later host changes do not leak in)', () => {
    const { b, net } = setup();
    const f = bytes(1, 2);
    net.inject(f, 0);
    f[0] = 9;
    b.runTo(0);
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    expect(net.read(0, 1)).toBe(1);
  });
});

describe('network transmit', () => {
  it('sends BUFFER[0, PACKETLENGTH) with the cycle of the command store', () => {
    const { b, net, sent } = setup();
    for (let i = 0; i < 6; i++) net.write(i, 1, 0x10 + i);
    net.write(NET_PACKETLENGTH, 4, 6);
    b.cycle = 777;
    net.write(NET_COMMAND, 4, NET_COMMAND_TX);
    expect(sent).toEqual([{ frame: [0x10, 0x11, 0x12, 0x13, 0x14, 0x15], cycle: 777 }]);
    // The sent frame is a copy: later buffer writes do not change it.
    net.write(0, 1, 0xff);
    expect(sent[0]!.frame[0]).toBe(0x10);
  });

  it('sends nothing for length 0, and TX clears PACKET_RECEIVED', () => {
    const { b, net, sent } = setup();
    net.inject(bytes(1), 0);
    b.runTo(0);
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    expect(net.peek(NET_STATUS, 4)).toBe(NET_STATUS_RECEIVED);
    net.write(NET_PACKETLENGTH, 4, 0);
    net.write(NET_COMMAND, 4, NET_COMMAND_TX);
    expect(sent).toEqual([]);
    expect(net.peek(NET_STATUS, 4)).toBe(0);
    expect(b.level(IRQ_NET)).toBe(false);
  });

  it('ignores unknown commands and lets listeners unsubscribe', () => {
    const { net, sent } = setup();
    const extra: number[] = [];
    const off = net.onTransmit((f) => extra.push(f.length));
    net.write(NET_PACKETLENGTH, 4, 2);
    net.write(NET_COMMAND, 4, 7);
    expect(sent).toEqual([]);
    net.write(NET_COMMAND, 4, NET_COMMAND_TX);
    off();
    net.write(NET_COMMAND, 4, NET_COMMAND_TX);
    expect(sent.length).toBe(2);
    expect(extra).toEqual([2]);
    expect(net.read(NET_COMMAND, 4)).toBe(0);
  });
});

describe('network peek and snapshot', () => {
  it('peeks every register without side effects', () => {
    const { b, net } = setup();
    net.inject(bytes(1, 2), 0);
    net.inject(bytes(3), 10);
    b.runTo(0);
    net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    const before = net.snapshot();
    for (let off = 0; off < 0x8000; off += 4) net.peek(off, 4);
    expect(net.peek(NET_STATUS, 4)).toBe(NET_STATUS_RECEIVED);
    expect(net.snapshot()).toEqual(before);
    expect(b.level(IRQ_NET)).toBe(true);
  });

  it('restores waiting and in-flight frames into a fresh device', () => {
    const a = setup();
    a.net.inject(bytes(1), 10);
    a.net.inject(bytes(2, 2), 20);
    a.net.inject(bytes(3, 3, 3), 5000);
    a.b.runTo(100);
    a.net.write(NET_COMMAND, 4, NET_COMMAND_RX);
    a.net.write(0x100, 4, 0xcafe);
    const snap = a.net.snapshot();
    expect(snap.rxQueue.map((f) => Array.from(f))).toEqual([[2, 2]]);
    expect(snap.arrivals.map((x) => x.at)).toEqual([5000]);

    const c = setup();
    c.b.cycle = 100;
    c.net.restore(structuredClone(snap));
    expect(c.b.level(IRQ_NET)).toBe(true);
    expect(c.net.read(0x100, 4)).toBe(0xcafe);
    for (const x of [a, c]) {
      x.b.cycle = 150;
      x.net.read(NET_STATUS, 4);
      x.net.write(NET_COMMAND, 4, NET_COMMAND_RX);
      x.net.read(NET_STATUS, 4);
      x.b.runTo(6000);
      x.net.write(NET_COMMAND, 4, NET_COMMAND_RX);
      x.net.write(NET_COMMAND, 4, NET_COMMAND_TX);
    }
    expect(c.net.snapshot()).toEqual(a.net.snapshot());
    expect(c.sent).toEqual(a.sent);
    expect(c.b.irqLog.slice(1)).toEqual(a.b.irqLog.slice(1));
    expect(a.sent).toEqual([{ frame: [3, 3, 3], cycle: 6000 }]);
  });
});

describe('frames files', () => {
  it('parses cycles, comments and spaced bytes', () => {
    const text = ['# two frames', '@100 ffff 0a0B', '', '  01 02 03  # same cycle', '@0x200 aa', 'bb'].join('\n');
    const frames = parseFrames(text, 'f.txt');
    expect(frames.map((f) => [f.at, Array.from(f.frame)])).toEqual([
      [100, [0xff, 0xff, 0x0a, 0x0b]],
      [100, [1, 2, 3]],
      [0x200, [0xaa]],
      [0x200, [0xbb]],
    ]);
    expect(parseFrames('00\n', 'x')[0]!.at).toBe(0);
  });

  it('reports bad lines as file:line: error', () => {
    const bad: [string, RegExp][] = [
      ['@100 zz', /^f:1: error: 'z' is not a hex digit$/],
      ['00\n@12 abc', /^f:2: error: odd number of hex digits in 'abc'$/],
      ['@100 00\n@50 00', /^f:2: error: delivery cycle 50 is before the previous frame's 100$/],
      ['@100', /^f:1: error: no frame bytes$/],
      ['@x1 00', /^f:1: error: bad delivery cycle/],
      ['a b', /^f:1: error: odd number/],
      [`${'00'.repeat(NET_BUFFER_SIZE + 1)}`, /^f:1: error: frame longer than 16384 bytes$/],
    ];
    for (const [text, re] of bad) {
      expect(() => parseFrames(text, 'f')).toThrow(FramesFileError);
      expect(() => parseFrames(text, 'f')).toThrow(re);
    }
  });

  it('parses the example in docs/devices.md', () => {
    const doc = readFileSync(new URL('../../docs/devices.md', import.meta.url), 'utf8');
    const block = /### Frames file[\s\S]*?```\n([\s\S]*?)```/.exec(doc);
    expect(block).not.toBeNull();
    const frames = parseFrames(block![1]!, 'docs/devices.md');
    expect(frames.map((f) => [f.at, f.frame.length])).toEqual([
      [1000, 42],
      [50000, 34],
      [50000, 34],
    ]);
  });

  it('loads a file into the device and round-trips through formatFrame', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-net-'));
    const path = join(dir, 'in.txt');
    const frames = [bytes(1, 2, 3), bytes(0xff)];
    writeFileSync(path, `${formatFrame(frames[0]!, 30)}\n${formatFrame(frames[1]!, 40)}\n`);
    expect(formatFrame(frames[0]!, 30)).toBe('@30 010203');
    const { b, net } = setup();
    expect(net.loadFramesFile(path)).toBe(2);
    expect(net.queued()).toEqual({ waiting: 0, inFlight: 2 });
    b.runTo(35);
    expect(net.queued()).toEqual({ waiting: 1, inFlight: 1 });
    b.runTo(40);
    expect(net.queued()).toEqual({ waiting: 2, inFlight: 0 });
    expect(() => net.loadFramesFile(join(dir, 'missing.txt'))).toThrow(/missing\.txt: error: cannot read frames file/);
  });
});
