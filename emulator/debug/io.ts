/**
 * The GuestIo of a debugged machine (`debugGuestIo()`, re-exported by session.ts): the guest's
 * output is kept so the session can show it and cut it back when going back in time; input comes
 * from what the session was given.
 */
import type { GuestIo } from '../io.js';

/** A growable byte buffer whose length can be cut back (output consistent with the current point). */
export class ByteLog {
  private buf = new Uint8Array(4096);
  length = 0;
  push(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buf.length) {
      let n = this.buf.length * 2;
      while (n < this.length + bytes.length) n *= 2;
      const b = new Uint8Array(n);
      b.set(this.buf.subarray(0, this.length));
      this.buf = b;
    }
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * The GuestIo a debugged machine is created with: output is kept (consoleOutput), input comes from
 * what the session was given (SessionOptions.input, sendInput). An empty read means "nothing
 * waiting now" (the console then reads 0; the machine looks again once input is sent).
 */
export class DebugIo implements GuestIo {
  readonly out = new ByteLog();
  readonly err = new ByteLog();
  /** Input sent but not yet read by the machine. */
  pending: number[] = [];
  /** The input has not ended (SessionOptions.waitForInput, until endInput). */
  open = false;
  writeOut(bytes: Uint8Array): void {
    this.out.push(bytes);
  }
  writeErr(bytes: Uint8Array): void {
    this.err.push(bytes);
  }
  readIn(max: number): Uint8Array {
    const n = Math.min(max, this.pending.length);
    return Uint8Array.from(this.pending.splice(0, n));
  }
}

/** The GuestIo to create a machine with before `createDebugSession` (types.ts). */
export function debugGuestIo(): DebugIo {
  return new DebugIo();
}

