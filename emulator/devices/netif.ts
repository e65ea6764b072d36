/**
 * The network interface, with GXemul testmips's `ether` layout (dev_ether.h: base physical
 * 0x14000000, length 0x8000, interrupt cpu[0].3 = IP3):
 * - 0x0000-0x3FFF BUFFER: one frame, read and written by the guest with any access size.
 * - 0x4000 STATUS (read): bit 0 PACKET_RECEIVED (the last RX command put a frame in the buffer),
 *   bit 1 MORE_PACKETS_AVAILABLE (received frames are waiting). A read clears PACKET_RECEIVED.
 * - 0x4010 PACKETLENGTH: the length of the frame in the buffer (set by RX; written by the guest
 *   before TX). Writes above 0x4000 store 0x4000 (GXemul clamps the same way).
 * - 0x4020 COMMAND (write): 0 RX moves the oldest waiting frame into the buffer (frames longer
 *   than the buffer are cut to 0x4000 bytes), sets PACKETLENGTH and PACKET_RECEIVED; with no
 *   frame waiting it only clears PACKET_RECEIVED. 1 TX sends BUFFER[0, PACKETLENGTH) (nothing for
 *   length 0) and clears PACKET_RECEIVED. Other values are ignored (GXemul stops the emulator).
 * Our extensions: 0x4030-0x4035 MAC address bytes (read only; GXemul's MAC is not guest-visible),
 * 0x4040 DROPPED (read only): frames dropped because RX_QUEUE_LIMIT frames were already waiting.
 *
 * The line is high while STATUS is non-zero (GXemul dev_ether's tick asserts it when status != 0).
 * GXemul clears the whole STATUS on a read and recomputes MORE_PACKETS_AVAILABLE only at its tick,
 * every 2^14 cycles; here that bit is live at every cycle, so the line stays high until every
 * waiting frame has been taken by RX.
 *
 * Host side: `inject(frame, atCycle)` queues a frame that arrives at that guest cycle (driven by
 * the scheduler); `onTransmit(cb)` sees every frame the guest sends; `loadFramesFile(path)` reads
 * a frames file (format in `parseFrames`) for `--net-in FILE`.
 */
import { readFileSync } from 'node:fs';
import type { Device } from '../bus.js';
import type { Scheduler, TimedEvent } from '../scheduler.js';
import { sized, type IrqLine } from './irq.js';

export const NET_BASE = 0x14000000;
export const NET_SIZE = 0x8000;
export const NET_BUFFER = 0x0000;
export const NET_BUFFER_SIZE = 0x4000;
export const NET_STATUS = 0x4000;
export const NET_PACKETLENGTH = 0x4010;
export const NET_COMMAND = 0x4020;
export const NET_MAC = 0x4030;
export const NET_DROPPED = 0x4040;

export const NET_STATUS_RECEIVED = 1;
export const NET_STATUS_MORE = 2;
export const NET_COMMAND_RX = 0;
export const NET_COMMAND_TX = 1;
/** Frames the receive queue holds; later arrivals are dropped (and counted in DROPPED). */
export const RX_QUEUE_LIMIT = 64;
export const DEFAULT_MAC: readonly number[] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

export type TransmitListener = (frame: Uint8Array, cycle: number) => void;

export interface TimedFrame {
  at: number;
  frame: Uint8Array;
}

export interface NetSnapshot {
  buffer: Uint8Array;
  mac: number[];
  packetLength: number;
  received: boolean;
  dropped: number;
  /** Frames that have arrived and wait for RX, oldest first. */
  rxQueue: Uint8Array[];
  /** Injected frames not yet arrived, in arrival order. */
  arrivals: TimedFrame[];
}

/** A bad frames file: the message is `path:line: error: ...`. */
export class FramesFileError extends Error {}

export class NetDevice implements Device {
  readonly name = 'testmips ether';
  private readonly buffer = new Uint8Array(NET_BUFFER_SIZE);
  private readonly mac: Uint8Array;
  private packetLength = 0;
  private received = false;
  private dropped = 0;
  private rxQueue: Uint8Array[] = [];
  private arrivals: TimedFrame[] = [];
  private event: TimedEvent | null = null;
  private readonly txListeners: TransmitListener[] = [];

  constructor(
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly irq: IrqLine,
    mac: readonly number[] = DEFAULT_MAC,
  ) {
    if (mac.length !== 6) throw new Error('internal: a MAC address has 6 bytes');
    this.mac = Uint8Array.from(mac);
  }

  // ---- host side ----

  /**
   * Queues a frame that arrives at guest cycle `atCycle` (now, or now if that is in the past).
   * Frames arrive in order of their cycles (same cycle: injection order).
   */
  inject(frame: Uint8Array, atCycle = this.now()): void {
    if (frame.length === 0) throw new Error('inject: empty frame');
    const at = Math.max(atCycle, this.now());
    let i = this.arrivals.length;
    while (i > 0 && this.arrivals[i - 1]!.at > at) i--;
    this.arrivals.splice(i, 0, { at, frame: frame.slice() });
    if (i === 0) this.scheduleArrival();
  }

  /** Adds a listener for frames the guest transmits; returns its remover. */
  onTransmit(cb: TransmitListener): () => void {
    this.txListeners.push(cb);
    return () => {
      const i = this.txListeners.indexOf(cb);
      if (i >= 0) this.txListeners.splice(i, 1);
    };
  }

  /** Injects every frame of a frames file (`--net-in FILE`); throws FramesFileError on bad input. */
  loadFramesFile(path: string): number {
    let text: string;
    try {
      text = readFileSync(path, 'latin1');
    } catch (e) {
      throw new FramesFileError(`${path}: error: cannot read frames file: ${(e as Error).message}`);
    }
    const frames = parseFrames(text, path);
    for (const f of frames) this.inject(f.frame, f.at);
    return frames.length;
  }

  /** Frames waiting for RX plus frames not yet arrived (host-side inspection). */
  queued(): { waiting: number; inFlight: number } {
    return { waiting: this.rxQueue.length, inFlight: this.arrivals.length };
  }

  // ---- guest side ----

  read(offset: number, size: number): number {
    if (offset === NET_STATUS) {
      const v = this.status();
      this.received = false;
      this.updateLine();
      return v;
    }
    return this.peek(offset, size);
  }

  peek(offset: number, size: number): number {
    if (offset < NET_BUFFER_SIZE) return readBytes(this.buffer, offset, size);
    if (offset >= NET_MAC && offset < NET_MAC + 6) {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) {
        const k = offset - NET_MAC + i;
        v = (v << 8) | (k < 6 ? this.mac[k]! : 0);
      }
      return v >>> 0;
    }
    switch (offset) {
      case NET_STATUS:
        return this.status();
      case NET_PACKETLENGTH:
        return sized(this.packetLength, size);
      case NET_DROPPED:
        return sized(this.dropped, size);
      default:
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (offset < NET_BUFFER_SIZE) {
      writeBytes(this.buffer, offset, size, value);
      return;
    }
    const v = sized(value, size);
    if (offset === NET_PACKETLENGTH) this.packetLength = Math.min(v, NET_BUFFER_SIZE);
    else if (offset === NET_COMMAND) {
      if (v === NET_COMMAND_RX) this.receive();
      else if (v === NET_COMMAND_TX) this.transmit();
    }
  }

  snapshot(): NetSnapshot {
    return {
      buffer: this.buffer.slice(),
      mac: Array.from(this.mac),
      packetLength: this.packetLength,
      received: this.received,
      dropped: this.dropped,
      rxQueue: this.rxQueue.map((f) => f.slice()),
      arrivals: this.arrivals.map((a) => ({ at: a.at, frame: a.frame.slice() })),
    };
  }

  restore(s: NetSnapshot): void {
    this.buffer.set(s.buffer);
    this.mac.set(s.mac);
    this.packetLength = s.packetLength;
    this.received = s.received;
    this.dropped = s.dropped;
    this.rxQueue = s.rxQueue.map((f) => f.slice());
    this.arrivals = s.arrivals.map((a) => ({ at: a.at, frame: a.frame.slice() }));
    this.scheduleArrival();
    this.updateLine();
  }

  private status(): number {
    return (this.received ? NET_STATUS_RECEIVED : 0) | (this.rxQueue.length > 0 ? NET_STATUS_MORE : 0);
  }

  private updateLine(): void {
    this.irq.set(this.status() !== 0);
  }

  private receive(): void {
    this.received = false;
    const frame = this.rxQueue.shift();
    if (frame !== undefined) {
      const n = Math.min(frame.length, NET_BUFFER_SIZE);
      this.buffer.set(frame.subarray(0, n));
      this.packetLength = n;
      this.received = true;
    }
    this.updateLine();
  }

  private transmit(): void {
    this.received = false;
    if (this.packetLength > 0) {
      const frame = this.buffer.slice(0, this.packetLength);
      const cycle = this.now();
      for (const cb of this.txListeners) cb(frame, cycle);
    }
    this.updateLine();
  }

  /** (Re)schedules the one arrival event for the earliest injected frame. */
  private scheduleArrival(): void {
    if (this.event !== null) this.scheduler.cancel(this.event);
    this.event = null;
    const first = this.arrivals[0];
    if (first === undefined) return;
    this.event = this.scheduler.schedule('net rx', first.at, () => {
      this.event = null;
      this.arrive();
    });
  }

  private arrive(): void {
    const now = this.now();
    while (this.arrivals.length > 0 && this.arrivals[0]!.at <= now) {
      const { frame } = this.arrivals.shift()!;
      if (this.rxQueue.length >= RX_QUEUE_LIMIT) this.dropped = Math.min(this.dropped + 1, 0xffffffff);
      else this.rxQueue.push(frame);
    }
    this.updateLine();
    this.scheduleArrival();
  }
}

function readBytes(buf: Uint8Array, offset: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = (v << 8) | (offset + i < buf.length ? buf[offset + i]! : 0);
  return v >>> 0;
}

function writeBytes(buf: Uint8Array, offset: number, size: number, value: number): void {
  for (let i = 0; i < size && offset + i < buf.length; i++) buf[offset + i] = (value >>> (8 * i)) & 0xff;
}

/**
 * Parses a frames file: one frame per line, as hex digits (pairs of digits; spaces and tabs may
 * separate bytes anywhere between pairs), optionally preceded by `@CYCLE` (decimal or 0x-hex),
 * the guest cycle at which the frame arrives. A line without `@` arrives at the same cycle as the
 * frame before it (0 for the first). Cycles may not go backwards. `#` starts a comment; blank
 * lines are ignored. Example:
 *   # ARP request, then an IPv4 frame 10,000 cycles later
 *   @1000 ffffffffffff 020000000002 0806 0001080006040001...
 *   @11000 020000000001 020000000002 0800 4500...
 */
export function parseFrames(text: string, name = '<frames>'): TimedFrame[] {
  const out: TimedFrame[] = [];
  let at = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const where = `${name}:${n + 1}`;
    let line = lines[n]!;
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    line = line.trim();
    if (line === '') continue;
    if (line.startsWith('@')) {
      const m = /^@(0[xX][0-9a-fA-F]+|[0-9]+)(?:\s+|$)/.exec(line);
      if (m === null) throw new FramesFileError(`${where}: error: bad delivery cycle (expected @DECIMAL or @0xHEX)`);
      const c = Number(m[1]!);
      if (!Number.isSafeInteger(c)) throw new FramesFileError(`${where}: error: delivery cycle too large`);
      if (c < at) throw new FramesFileError(`${where}: error: delivery cycle ${c} is before the previous frame's ${at}`);
      at = c;
      line = line.slice(m[0].length);
    }
    const tokens = line.split(/[ \t\r]+/).filter((t) => t !== '');
    if (tokens.length === 0) throw new FramesFileError(`${where}: error: no frame bytes`);
    for (const t of tokens) {
      const bad = /[^0-9a-fA-F]/.exec(t);
      if (bad !== null) throw new FramesFileError(`${where}: error: '${bad[0]}' is not a hex digit`);
      if (t.length % 2 !== 0) throw new FramesFileError(`${where}: error: odd number of hex digits in '${t}'`);
    }
    const hex = tokens.join('');
    if (hex.length / 2 > NET_BUFFER_SIZE) throw new FramesFileError(`${where}: error: frame longer than ${NET_BUFFER_SIZE} bytes`);
    out.push({ at, frame: Uint8Array.from(Buffer.from(hex, 'hex')) });
  }
  return out;
}

/** One frames-file line for a frame (e.g. to log transmitted frames in the `--net-in` format). */
export function formatFrame(frame: Uint8Array, at: number): string {
  return `@${at} ${Buffer.from(frame).toString('hex')}`;
}
