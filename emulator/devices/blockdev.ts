/**
 * The block device, with GXemul testmips's `disk` layout (dev_disk.h: base physical 0x13000000;
 * dev_disk.cc maps the registers at [0, 0x4000) and a one-page data buffer at 0x4000):
 * - 0x00 OFFSET: byte offset on the disk, low 32 bits (R/W).
 * - 0x08 OFFSET_HIGH32: its high 32 bits (R/W).
 * - 0x10 ID: which disk (R/W).
 * - 0x20 START_OPERATION: writing 0 reads the 512 bytes at OFFSET into BUFFER, 1 writes BUFFER's
 *   first 512 bytes there; reads return the last value written. After every START write OFFSET
 *   advances by 512 (GXemul 0.7.0 does so unconditionally; checked on gxemul: a read at 512
 *   leaves OFFSET = 0x400), so consecutive sectors need one store each.
 * - 0x30 STATUS: 1 when the last operation succeeded, 0 when it failed (GXemul's values; the guest
 *   may also write it, as on GXemul).
 * - 0x4000-0x4FFF BUFFER (the transfer uses bytes 0-511; GXemul's buffer is a page too).
 * Like GXemul, the transfer is done at the START store and STATUS is final at once, so GXemul
 * programs that poll STATUS work unchanged. OFFSET need not be 512-aligned (GXemul warns but
 * transfers at the byte offset). Unlike GXemul (whose reads past the end of an image succeed), an
 * access that does not lie wholly inside the disk fails with OUT_OF_RANGE.
 *
 * Our extensions (interrupt line IP5, which GXemul testmips leaves unused):
 * - 0x40 ERROR (read only): why the last operation failed: see DISK_ERR_*; 0 after a success.
 * - 0x50 IRQ_ENABLE: bit 0 selects interrupt mode. In interrupt mode each accepted operation keeps
 *   the device BUSY for `latency` cycles after the START store; then BUSY clears, DONE sets and
 *   the line is high while DONE is set and interrupt mode is on. A START while BUSY fails with
 *   ERROR = BUSY and moves no data. With bit 0 clear (the reset value) there is no BUSY time and
 *   no interrupt: GXemul's synchronous device.
 * - 0x60 IRQ_STATUS: bit 0 DONE, bit 1 BUSY (read, no side effect); any write clears DONE (ack).
 * - 0x70 SECTORS (read only): size of disk ID in 512-byte sectors (0 when there is no such disk).
 * Host I/O errors on the backing file set ERROR = IO, never a host exception.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { Device } from '../bus.js';
import type { Scheduler, TimedEvent } from '../scheduler.js';
import { sized, type IrqLine } from './irq.js';

export const DISK_BASE = 0x13000000;
/** Registers page(s) plus the buffer page. */
export const DISK_SIZE = 0x5000;
export const DISK_OFFSET = 0x00;
export const DISK_OFFSET_HIGH32 = 0x08;
export const DISK_ID = 0x10;
export const DISK_START = 0x20;
export const DISK_STATUS = 0x30;
export const DISK_ERROR = 0x40;
export const DISK_IRQ_ENABLE = 0x50;
export const DISK_IRQ_STATUS = 0x60;
export const DISK_SECTORS = 0x70;
export const DISK_BUFFER = 0x4000;
export const DISK_BUFFER_SIZE = 0x1000;
export const SECTOR_SIZE = 512;

export const DISK_OP_READ = 0;
export const DISK_OP_WRITE = 1;

export const DISK_ERR_NONE = 0;
export const DISK_ERR_NO_DISK = 1;
export const DISK_ERR_OUT_OF_RANGE = 2;
export const DISK_ERR_BAD_COMMAND = 3;
export const DISK_ERR_READ_ONLY = 4;
export const DISK_ERR_IO = 5;
export const DISK_ERR_BUSY = 6;

export const DISK_IRQ_DONE = 1;
export const DISK_IRQ_BUSY = 2;

/** Default interrupt-mode latency: 1 ms at the nominal 25 MHz. */
export const DEFAULT_DISK_LATENCY = 25_000;

/** Storage behind one disk. `read`/`write` may throw on host I/O errors (reported as ERROR = IO). */
export interface BlockBacking {
  readonly bytes: number;
  readonly readOnly: boolean;
  read(offset: number, dst: Uint8Array): void;
  write(offset: number, src: Uint8Array): void;
}

/** A disk held in memory (tests, embedding). */
export class MemoryDisk implements BlockBacking {
  constructor(
    readonly data: Uint8Array,
    readonly readOnly = false,
  ) {}
  get bytes(): number {
    return this.data.length;
  }
  read(offset: number, dst: Uint8Array): void {
    dst.set(this.data.subarray(offset, offset + dst.length));
  }
  write(offset: number, src: Uint8Array): void {
    this.data.set(src, offset);
  }
}

/** A disk image file, read and written in place. */
export class FileDisk implements BlockBacking {
  private fd: number;
  readonly bytes: number;
  private constructor(
    fd: number,
    bytes: number,
    readonly readOnly: boolean,
  ) {
    this.fd = fd;
    this.bytes = bytes;
  }

  /** Opens an image; throws an Error with a one-line message if the file cannot be opened. */
  static open(path: string, readOnly = false): FileDisk {
    let fd: number;
    try {
      fd = openSync(path, readOnly ? 'r' : 'r+');
    } catch (e) {
      throw new Error(`${path}: error: cannot open disk image: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      throw new Error(`${path}: error: disk image is not a regular file`);
    }
    return new FileDisk(fd, st.size, readOnly);
  }

  read(offset: number, dst: Uint8Array): void {
    let done = 0;
    while (done < dst.length) {
      const n = readSync(this.fd, dst, done, dst.length - done, offset + done);
      if (n === 0) throw new Error('short read');
      done += n;
    }
  }

  write(offset: number, src: Uint8Array): void {
    let done = 0;
    while (done < src.length) done += writeSync(this.fd, src, done, src.length - done, offset + done);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export interface BlockSnapshot {
  offset: number;
  id: number;
  command: number;
  status: number;
  error: number;
  irqEnabled: boolean;
  done: boolean;
  /** Absolute cycle at which the operation in flight completes, -1 when not busy. */
  busyUntil: number;
  buffer: Uint8Array;
}

export class BlockDevice implements Device {
  readonly name = 'testmips disk';
  private readonly buffer = new Uint8Array(DISK_BUFFER_SIZE);
  /** The 64-bit byte offset register as two 32-bit halves. */
  private offLo = 0;
  private offHi = 0;
  private id = 0;
  private command = 0;
  private status = 0;
  private error = DISK_ERR_NONE;
  private irqEnabled = false;
  private done = false;
  private busyUntil = -1;
  private event: TimedEvent | null = null;

  /**
   * @param disks backing store per disk ID (null: no disk with that ID)
   * @param latency cycles from a START store to its completion interrupt (interrupt mode)
   */
  constructor(
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly irq: IrqLine,
    private readonly disks: readonly (BlockBacking | null)[],
    readonly latency = DEFAULT_DISK_LATENCY,
  ) {
    if (!Number.isInteger(latency) || latency < 0) throw new Error(`internal: bad disk latency ${latency}`);
  }

  read(offset: number, size: number): number {
    return this.peek(offset, size);
  }

  peek(offset: number, size: number): number {
    if (offset >= DISK_BUFFER) {
      const o = offset - DISK_BUFFER;
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = (v << 8) | (o + i < DISK_BUFFER_SIZE ? this.buffer[o + i]! : 0);
      return v >>> 0;
    }
    switch (offset) {
      case DISK_OFFSET:
        return sized(this.offLo, size);
      case DISK_OFFSET_HIGH32:
        return sized(this.offHi, size);
      case DISK_ID:
        return sized(this.id, size);
      case DISK_START:
        return sized(this.command, size);
      case DISK_STATUS:
        return sized(this.status, size);
      case DISK_ERROR:
        return sized(this.error, size);
      case DISK_IRQ_ENABLE:
        return this.irqEnabled ? 1 : 0;
      case DISK_IRQ_STATUS:
        return (this.done ? DISK_IRQ_DONE : 0) | (this.busyUntil >= 0 ? DISK_IRQ_BUSY : 0);
      case DISK_SECTORS: {
        const d = this.disks[this.id];
        return sized(d ? Math.floor(d.bytes / SECTOR_SIZE) : 0, size);
      }
      default:
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (offset >= DISK_BUFFER) {
      const o = offset - DISK_BUFFER;
      for (let i = 0; i < size && o + i < DISK_BUFFER_SIZE; i++) this.buffer[o + i] = (value >>> (8 * i)) & 0xff;
      return;
    }
    const v = sized(value, size);
    switch (offset) {
      case DISK_OFFSET:
        this.offLo = v;
        break;
      case DISK_OFFSET_HIGH32:
        this.offHi = v;
        break;
      case DISK_ID:
        this.id = v;
        break;
      case DISK_START:
        this.command = v;
        this.start(v);
        this.advance();
        break;
      case DISK_STATUS:
        this.status = v;
        break;
      case DISK_IRQ_ENABLE:
        this.irqEnabled = (v & 1) !== 0;
        this.updateLine();
        break;
      case DISK_IRQ_STATUS:
        this.done = false;
        this.updateLine();
        break;
      default:
        break;
    }
  }

  snapshot(): BlockSnapshot {
    return {
      offset: this.offHi * 0x100000000 + this.offLo,
      id: this.id,
      command: this.command,
      status: this.status,
      error: this.error,
      irqEnabled: this.irqEnabled,
      done: this.done,
      busyUntil: this.busyUntil,
      buffer: this.buffer.slice(),
    };
  }

  /** Restores registers and the buffer (not the disks' contents, which live on the host). */
  restore(s: BlockSnapshot): void {
    this.cancel();
    this.offLo = s.offset % 0x100000000;
    this.offHi = Math.floor(s.offset / 0x100000000);
    this.id = s.id;
    this.command = s.command;
    this.status = s.status;
    this.error = s.error;
    this.irqEnabled = s.irqEnabled;
    this.done = s.done;
    this.buffer.set(s.buffer);
    if (s.busyUntil >= 0) this.scheduleCompletion(s.busyUntil);
    this.updateLine();
  }

  private start(op: number): void {
    if (this.irqEnabled && this.busyUntil >= 0) {
      this.fail(DISK_ERR_BUSY);
      return;
    }
    const err = this.transfer(op);
    if (err === DISK_ERR_NONE) {
      this.status = 1;
      this.error = DISK_ERR_NONE;
    } else this.fail(err);
    // Interrupt mode: every START that was not refused as BUSY completes after the latency,
    // failed ones too, so a driver waiting for the interrupt always gets one.
    if (this.irqEnabled) this.scheduleCompletion(this.now() + this.latency);
  }

  private transfer(op: number): number {
    if (op !== DISK_OP_READ && op !== DISK_OP_WRITE) return DISK_ERR_BAD_COMMAND;
    const disk = this.disks[this.id];
    if (disk === undefined || disk === null) return DISK_ERR_NO_DISK;
    const off = this.offHi * 0x100000000 + this.offLo;
    if (off + SECTOR_SIZE > disk.bytes) return DISK_ERR_OUT_OF_RANGE;
    if (op === DISK_OP_WRITE && disk.readOnly) return DISK_ERR_READ_ONLY;
    try {
      if (op === DISK_OP_READ) disk.read(off, this.buffer.subarray(0, SECTOR_SIZE));
      else disk.write(off, this.buffer.slice(0, SECTOR_SIZE));
    } catch {
      return DISK_ERR_IO;
    }
    return DISK_ERR_NONE;
  }

  private fail(err: number): void {
    this.status = 0;
    this.error = err;
  }

  /** OFFSET += 512 as a 64-bit register. */
  private advance(): void {
    const lo = this.offLo + SECTOR_SIZE;
    this.offLo = lo >>> 0;
    if (lo > 0xffffffff) this.offHi = (this.offHi + 1) >>> 0;
  }

  private scheduleCompletion(at: number): void {
    this.cancel();
    this.busyUntil = at;
    this.event = this.scheduler.schedule('disk done', at, () => {
      this.event = null;
      this.busyUntil = -1;
      this.done = true;
      this.updateLine();
    });
  }

  private cancel(): void {
    if (this.event !== null) this.scheduler.cancel(this.event);
    this.event = null;
    this.busyUntil = -1;
  }

  private updateLine(): void {
    this.irq.set(this.irqEnabled && this.done);
  }
}
