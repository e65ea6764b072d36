import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BlockBacking,
  BlockDevice,
  DEFAULT_DISK_LATENCY,
  DISK_BUFFER,
  DISK_ERR_BAD_COMMAND,
  DISK_ERR_BUSY,
  DISK_ERR_IO,
  DISK_ERR_NO_DISK,
  DISK_ERR_NONE,
  DISK_ERR_OUT_OF_RANGE,
  DISK_ERR_READ_ONLY,
  DISK_ERROR,
  DISK_ID,
  DISK_IRQ_BUSY,
  DISK_IRQ_DONE,
  DISK_IRQ_ENABLE,
  DISK_IRQ_STATUS,
  DISK_OFFSET,
  DISK_OFFSET_HIGH32,
  DISK_OP_READ,
  DISK_OP_WRITE,
  DISK_SECTORS,
  DISK_START,
  DISK_STATUS,
  FileDisk,
  MemoryDisk,
  SECTOR_SIZE,
} from '../../emulator/devices/blockdev.js';
import { IRQ_DISK } from '../../emulator/devices/irq.js';
import { Bench } from './env.js';

/** A disk whose byte i is (i * 7 + (i >> 9)) & 0xff: every sector differs. */
function patterned(sectors: number): Uint8Array {
  const d = new Uint8Array(sectors * SECTOR_SIZE);
  for (let i = 0; i < d.length; i++) d[i] = (i * 7 + (i >> 9)) & 0xff;
  return d;
}

function setup(disks: (BlockBacking | null)[] = [new MemoryDisk(patterned(8))], latency = 1000) {
  const b = new Bench();
  const dev = new BlockDevice(b.now, b.scheduler, b.lines.line(IRQ_DISK), disks, latency);
  return { b, dev, disks };
}

function buffer(dev: BlockDevice): Uint8Array {
  const out = new Uint8Array(SECTOR_SIZE);
  for (let i = 0; i < SECTOR_SIZE; i += 4) {
    const w = dev.read(DISK_BUFFER + i, 4);
    out[i] = w & 0xff;
    out[i + 1] = (w >>> 8) & 0xff;
    out[i + 2] = (w >>> 16) & 0xff;
    out[i + 3] = w >>> 24;
  }
  return out;
}

function fill(dev: BlockDevice, byte: (i: number) => number): void {
  for (let i = 0; i < SECTOR_SIZE; i++) dev.write(DISK_BUFFER + i, 1, byte(i));
}

function op(dev: BlockDevice, offset: number, cmd: number, id = 0): void {
  dev.write(DISK_OFFSET, 4, offset);
  dev.write(DISK_ID, 4, id);
  dev.write(DISK_START, 4, cmd);
}

describe('block device registers (GXemul dev_disk layout)', () => {
  it('resets to zero and holds what is written', () => {
    const { dev } = setup();
    for (const r of [DISK_OFFSET, DISK_OFFSET_HIGH32, DISK_ID, DISK_START, DISK_STATUS, DISK_ERROR, DISK_IRQ_ENABLE, DISK_IRQ_STATUS])
      expect(dev.read(r, 4)).toBe(0);
    dev.write(DISK_OFFSET, 4, 0x1200);
    dev.write(DISK_OFFSET_HIGH32, 4, 3);
    dev.write(DISK_ID, 4, 5);
    dev.write(DISK_STATUS, 4, 77);
    expect([dev.read(DISK_OFFSET, 4), dev.read(DISK_OFFSET_HIGH32, 4), dev.read(DISK_ID, 4), dev.read(DISK_STATUS, 4)]).toEqual([
      0x1200, 3, 5, 77,
    ]);
    expect(dev.read(DISK_OFFSET, 1)).toBe(0x00);
    expect(dev.read(DISK_OFFSET, 2)).toBe(0x1200);
  });

  it('reports the disk size in sectors for the selected ID', () => {
    const { dev } = setup([new MemoryDisk(patterned(8)), null, new MemoryDisk(new Uint8Array(1000))]);
    expect(dev.read(DISK_SECTORS, 4)).toBe(8);
    dev.write(DISK_ID, 4, 1);
    expect(dev.read(DISK_SECTORS, 4)).toBe(0);
    dev.write(DISK_ID, 4, 2);
    expect(dev.read(DISK_SECTORS, 4)).toBe(1); // a partial last sector does not count
    dev.write(DISK_ID, 4, 9);
    expect(dev.read(DISK_SECTORS, 4)).toBe(0);
  });

  it('keeps a page of buffer at 0x4000 for any access size', () => {
    const { dev } = setup();
    dev.write(DISK_BUFFER, 4, 0xddccbbaa);
    dev.write(DISK_BUFFER + 0xffe, 2, 0x1234);
    expect(dev.read(DISK_BUFFER + 1, 1)).toBe(0xbb);
    expect(dev.read(DISK_BUFFER + 2, 2)).toBe(0xddcc);
    expect(dev.read(DISK_BUFFER + 0xffe, 2)).toBe(0x1234);
  });
});

describe('block device transfers', () => {
  it('reads a sector, sets STATUS 1 and advances OFFSET by 512 (as gxemul 0.7.0)', () => {
    const { dev, disks } = setup();
    op(dev, 3 * SECTOR_SIZE, DISK_OP_READ);
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    expect(dev.read(DISK_ERROR, 4)).toBe(DISK_ERR_NONE);
    expect(dev.read(DISK_START, 4)).toBe(DISK_OP_READ);
    expect(dev.read(DISK_OFFSET, 4)).toBe(4 * SECTOR_SIZE);
    expect(buffer(dev)).toEqual((disks[0] as MemoryDisk).data.slice(3 * SECTOR_SIZE, 4 * SECTOR_SIZE));
    // Consecutive sectors: START again without touching OFFSET.
    dev.write(DISK_START, 4, DISK_OP_READ);
    expect(buffer(dev)).toEqual((disks[0] as MemoryDisk).data.slice(4 * SECTOR_SIZE, 5 * SECTOR_SIZE));
  });

  it('round-trips a written sector and touches nothing else', () => {
    const { dev, disks } = setup();
    const data = (disks[0] as MemoryDisk).data;
    const before = data.slice();
    fill(dev, (i) => (i * 13 + 1) & 0xff);
    op(dev, 2 * SECTOR_SIZE, DISK_OP_WRITE);
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    fill(dev, () => 0);
    op(dev, 2 * SECTOR_SIZE, DISK_OP_READ);
    const expected = Uint8Array.from({ length: SECTOR_SIZE }, (_, i) => (i * 13 + 1) & 0xff);
    expect(buffer(dev)).toEqual(expected);
    expect(data.slice(0, 2 * SECTOR_SIZE)).toEqual(before.slice(0, 2 * SECTOR_SIZE));
    expect(data.slice(3 * SECTOR_SIZE)).toEqual(before.slice(3 * SECTOR_SIZE));
  });

  it('transfers at unaligned byte offsets, like GXemul', () => {
    const { dev, disks } = setup();
    op(dev, 513, DISK_OP_READ);
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    expect(buffer(dev)).toEqual((disks[0] as MemoryDisk).data.slice(513, 1025));
    expect(dev.read(DISK_OFFSET, 4)).toBe(1025);
  });

  it('fails with STATUS 0 and an ERROR code, never an exception', () => {
    const ro = new MemoryDisk(patterned(2), true);
    const broken: BlockBacking = {
      bytes: 4096,
      readOnly: false,
      read: () => {
        throw new Error('EIO');
      },
      write: () => {
        throw new Error('EIO');
      },
    };
    const { dev } = setup([new MemoryDisk(patterned(8)), null, ro, broken]);
    const cases: [number, number, number, number][] = [
      // offset, command, id, error
      [8 * SECTOR_SIZE, DISK_OP_READ, 0, DISK_ERR_OUT_OF_RANGE],
      [7 * SECTOR_SIZE + 1, DISK_OP_WRITE, 0, DISK_ERR_OUT_OF_RANGE],
      [0, DISK_OP_READ, 1, DISK_ERR_NO_DISK],
      [0, DISK_OP_READ, 42, DISK_ERR_NO_DISK],
      [0, 2, 0, DISK_ERR_BAD_COMMAND],
      [0, DISK_OP_WRITE, 2, DISK_ERR_READ_ONLY],
      [0, DISK_OP_READ, 3, DISK_ERR_IO],
      [0, DISK_OP_WRITE, 3, DISK_ERR_IO],
    ];
    for (const [offset, cmd, id, err] of cases) {
      fill(dev, () => 0x33);
      op(dev, offset, cmd, id);
      expect([dev.read(DISK_STATUS, 4), dev.read(DISK_ERROR, 4)]).toEqual([0, err]);
      expect(dev.read(DISK_OFFSET, 4)).toBe(offset + SECTOR_SIZE); // GXemul advances regardless
      expect(dev.read(DISK_BUFFER, 4)).toBe(0x33333333);
    }
    expect(ro.data).toEqual(patterned(2));
    // A read-only disk still reads; ERROR clears on success.
    op(dev, 0, DISK_OP_READ, 2);
    expect([dev.read(DISK_STATUS, 4), dev.read(DISK_ERROR, 4)]).toEqual([1, DISK_ERR_NONE]);
  });

  it('uses both offset halves', () => {
    const { dev } = setup();
    dev.write(DISK_OFFSET_HIGH32, 4, 1);
    op(dev, 0, DISK_OP_READ);
    expect(dev.read(DISK_ERROR, 4)).toBe(DISK_ERR_OUT_OF_RANGE);
    // OFFSET advancing carries into the high half.
    dev.write(DISK_OFFSET_HIGH32, 4, 0);
    dev.write(DISK_OFFSET, 4, 0xfffffe00);
    dev.write(DISK_START, 4, DISK_OP_READ);
    expect([dev.read(DISK_OFFSET, 4), dev.read(DISK_OFFSET_HIGH32, 4)]).toEqual([0, 1]);
  });

  it('reads and writes a host image file in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-disk-'));
    const path = join(dir, 'disk.img');
    writeFileSync(path, patterned(4));
    const disk = FileDisk.open(path);
    const { dev } = setup([disk]);
    expect(dev.read(DISK_SECTORS, 4)).toBe(4);
    op(dev, SECTOR_SIZE, DISK_OP_READ);
    expect(buffer(dev)).toEqual(patterned(4).slice(SECTOR_SIZE, 2 * SECTOR_SIZE));
    fill(dev, (i) => 255 - (i & 0xff));
    op(dev, 3 * SECTOR_SIZE, DISK_OP_WRITE);
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    disk.close();
    const after = readFileSync(path);
    expect(after.length).toBe(4 * SECTOR_SIZE);
    expect(after[3 * SECTOR_SIZE]).toBe(255);
    expect(after[3 * SECTOR_SIZE + 511]).toBe(0);
    expect(Uint8Array.from(after.subarray(0, 3 * SECTOR_SIZE))).toEqual(patterned(4).slice(0, 3 * SECTOR_SIZE));

    const ro = FileDisk.open(path, true);
    const r = setup([ro]);
    op(r.dev, 0, DISK_OP_WRITE);
    expect(r.dev.read(DISK_ERROR, 4)).toBe(DISK_ERR_READ_ONLY);
    ro.close();
    expect(() => FileDisk.open(join(dir, 'nope.img'))).toThrow(/nope\.img: error: cannot open disk image: ENOENT/);
    expect(() => FileDisk.open(dir)).toThrow(/error: disk image is not a regular file|EISDIR/);
  });
});

describe('block device completion interrupt', () => {
  it('is synchronous with no interrupt at reset (GXemul mode)', () => {
    const { b, dev } = setup();
    op(dev, 0, DISK_OP_READ);
    op(dev, 0, DISK_OP_READ); // back to back: never BUSY
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    expect(dev.read(DISK_IRQ_STATUS, 4)).toBe(0);
    b.runTo(100_000);
    expect(b.irqLog).toEqual([]);
    expect(b.scheduler.nextAt()).toBe(Infinity);
  });

  it('raises the line exactly `latency` cycles after the START store, until acknowledged', () => {
    const { b, dev } = setup(undefined, 1000);
    dev.write(DISK_IRQ_ENABLE, 4, 1);
    b.cycle = 250;
    op(dev, 0, DISK_OP_READ);
    expect(dev.read(DISK_STATUS, 4)).toBe(1);
    expect(dev.read(DISK_IRQ_STATUS, 4)).toBe(DISK_IRQ_BUSY);
    b.runTo(1249);
    expect(b.level(IRQ_DISK)).toBe(false);
    b.runTo(1250);
    expect(b.level(IRQ_DISK)).toBe(true);
    expect(dev.read(DISK_IRQ_STATUS, 4)).toBe(DISK_IRQ_DONE);
    b.cycle = 1300;
    dev.write(DISK_IRQ_STATUS, 4, 0);
    expect(b.level(IRQ_DISK)).toBe(false);
    expect(dev.read(DISK_IRQ_STATUS, 4)).toBe(0);
    expect(b.irqLog).toEqual([
      { cycle: 1250, line: IRQ_DISK, level: true },
      { cycle: 1300, line: IRQ_DISK, level: false },
    ]);
  });

  it('refuses a START while busy, and still interrupts after a failed operation', () => {
    const { b, dev } = setup([new MemoryDisk(patterned(2))], 500);
    dev.write(DISK_IRQ_ENABLE, 4, 1);
    op(dev, 0, DISK_OP_READ);
    b.cycle = 100;
    fill(dev, () => 0x44);
    op(dev, SECTOR_SIZE, DISK_OP_READ);
    expect([dev.read(DISK_STATUS, 4), dev.read(DISK_ERROR, 4)]).toEqual([0, DISK_ERR_BUSY]);
    expect(dev.read(DISK_BUFFER, 4)).toBe(0x44444444);
    b.runTo(500);
    expect(b.level(IRQ_DISK)).toBe(true); // the first operation's completion, not delayed
    dev.write(DISK_IRQ_STATUS, 4, 1);
    b.cycle = 600;
    op(dev, 100 * SECTOR_SIZE, DISK_OP_READ);
    expect(dev.read(DISK_ERROR, 4)).toBe(DISK_ERR_OUT_OF_RANGE);
    b.runTo(1100);
    expect(b.irqLog.filter((e) => e.level).map((e) => e.cycle)).toEqual([500, 1100]);
  });

  it('gates the line with IRQ_ENABLE; DONE survives disabling', () => {
    const { b, dev } = setup(undefined, 10);
    dev.write(DISK_IRQ_ENABLE, 4, 1);
    op(dev, 0, DISK_OP_READ);
    dev.write(DISK_IRQ_ENABLE, 4, 0);
    b.runTo(10);
    expect(b.level(IRQ_DISK)).toBe(false);
    expect(dev.read(DISK_IRQ_STATUS, 4)).toBe(DISK_IRQ_DONE);
    b.cycle = 20;
    dev.write(DISK_IRQ_ENABLE, 4, 1);
    expect(b.level(IRQ_DISK)).toBe(true);
  });

  it('defaults to 1 ms of latency', () => {
    const b = new Bench();
    const dev = new BlockDevice(b.now, b.scheduler, b.lines.line(IRQ_DISK), [new MemoryDisk(patterned(1))]);
    expect(dev.latency).toBe(DEFAULT_DISK_LATENCY);
    expect(DEFAULT_DISK_LATENCY).toBe(25_000);
    expect(() => new BlockDevice(b.now, b.scheduler, b.lines.line(IRQ_DISK), [], -1)).toThrow();
  });
});

describe('block device peek and snapshot', () => {
  it('peeks without side effects', () => {
    const { b, dev } = setup(undefined, 100);
    dev.write(DISK_IRQ_ENABLE, 4, 1);
    op(dev, 0, DISK_OP_READ);
    const before = dev.snapshot();
    for (let off = 0; off < 0x5000; off += 4) dev.peek(off, 4);
    expect(dev.snapshot()).toEqual(before);
    expect(dev.peek(DISK_BUFFER, 4)).toBe(dev.read(DISK_BUFFER, 4));
    expect(b.scheduler.nextAt()).toBe(100);
  });

  it('restores registers, buffer and the operation in flight', () => {
    const a = setup(undefined, 300);
    a.dev.write(DISK_IRQ_ENABLE, 4, 1);
    a.b.cycle = 50;
    op(a.dev, SECTOR_SIZE, DISK_OP_READ);
    const snap = a.dev.snapshot();
    expect(snap.busyUntil).toBe(350);
    expect(snap.offset).toBe(2 * SECTOR_SIZE);

    const c = setup(undefined, 300);
    c.b.cycle = 50;
    c.dev.restore(structuredClone(snap));
    expect(buffer(c.dev)).toEqual(buffer(a.dev));
    for (const x of [a, c]) {
      x.b.runTo(400);
      x.dev.write(DISK_IRQ_STATUS, 4, 0);
      x.dev.write(DISK_START, 4, DISK_OP_READ);
      x.b.runTo(800);
    }
    expect(c.dev.snapshot()).toEqual(a.dev.snapshot());
    expect(c.b.irqLog).toEqual(a.b.irqLog);
    expect(a.b.irqLog.map((e) => e.cycle)).toEqual([350, 400, 700]);
  });
});
