/**
 * GXemul `testmips` console and power device (dev_cons.h, public domain): base physical address
 * 0x10000000, length 0x20.
 * - offset 0x00 (DEV_CONS_PUTGETCHAR): a write outputs the low byte; a read returns the next input
 *   byte, or 0 when none is waiting (GXemul returns 0 for "no character").
 * - offset 0x10 (DEV_CONS_HALT): a write halts the machine; the low 8 bits of the value are the
 *   exit code (our extension: GXemul ignores the value).
 * Other offsets read 0 and ignore writes.
 */
import type { Device } from '../bus.js';

export const CONSOLE_BASE = 0x10000000;
export const CONSOLE_PUTGETCHAR = 0x00;
export const CONSOLE_HALT = 0x10;

export interface ConsoleHost {
  /** Called for every byte the guest writes. */
  putByte(b: number): void;
  /** The next input byte, or -1 when none is available now. */
  getByte(): number;
  /** Peek without consuming (debug reads). */
  peekByte(): number;
  /** The guest wrote the halt register. */
  halt(code: number): void;
}

export class ConsoleDevice implements Device {
  readonly name = 'testmips console';
  constructor(private readonly host: ConsoleHost) {}

  read(offset: number, _size: number): number {
    if (offset === CONSOLE_PUTGETCHAR) {
      const b = this.host.getByte();
      return b < 0 ? 0 : b & 0xff;
    }
    return 0;
  }

  peek(offset: number, _size: number): number {
    if (offset === CONSOLE_PUTGETCHAR) {
      const b = this.host.peekByte();
      return b < 0 ? 0 : b & 0xff;
    }
    return 0;
  }

  write(offset: number, _size: number, value: number): void {
    if (offset === CONSOLE_PUTGETCHAR) this.host.putByte(value & 0xff);
    else if (offset === CONSOLE_HALT) this.host.halt(value & 0xff);
  }
}
