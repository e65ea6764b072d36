/**
 * The real-time clock / cycle counter, at GXemul testmips's RTC address (dev_rtc: base physical
 * 0x15000000). GXemul's registers: a write (or read) of offset 0x00 (TRIGGER_READ) latches the
 * time, then 0x10 (SEC) and 0x20 (USEC) read it. Our time is guest time, derived from the cycle
 * counter at the nominal 25 MHz clock, never the host's wall clock, so runs are deterministic.
 * Our extension, for exact measurements:
 * - 0x40 CYCLES_LO: the low 32 bits of the cycle counter *at the cycle of the load*; the read also
 *   latches the high 32 bits into
 * - 0x44 CYCLES_HI: the high half latched by the last CYCLES_LO read.
 * Other offsets read 0. Writes other than the trigger are ignored.
 */
import type { Device } from '../bus.js';

export const CLOCK_BASE = 0x15000000;
export const CLOCK_TRIGGER = 0x00;
export const CLOCK_SEC = 0x10;
export const CLOCK_USEC = 0x20;
export const CLOCK_CYCLES_LO = 0x40;
export const CLOCK_CYCLES_HI = 0x44;
/** Nominal clock of the modelled machine (DECstation 5000/125: R3000A at 25 MHz). */
export const CLOCK_HZ = 25_000_000;

export class ClockDevice implements Device {
  readonly name = 'clock';
  private sec = 0;
  private usec = 0;
  private hiLatch = 0;

  /** @param now the current cycle count (total since reset). */
  constructor(private readonly now: () => number) {}

  private latch(): void {
    const c = this.now();
    this.sec = Math.floor(c / CLOCK_HZ);
    this.usec = Math.floor(((c % CLOCK_HZ) * 1_000_000) / CLOCK_HZ);
  }

  read(offset: number, size: number): number {
    if (offset === CLOCK_TRIGGER) {
      this.latch();
      return 0;
    }
    if (offset === CLOCK_CYCLES_LO) {
      const c = this.now();
      this.hiLatch = Math.floor(c / 0x100000000) >>> 0;
      return c >>> 0;
    }
    return this.peek(offset, size);
  }

  peek(offset: number, _size: number): number {
    switch (offset) {
      case CLOCK_SEC:
        return this.sec >>> 0;
      case CLOCK_USEC:
        return this.usec >>> 0;
      case CLOCK_CYCLES_LO:
        return this.now() >>> 0;
      case CLOCK_CYCLES_HI:
        return this.hiLatch;
      default:
        return 0;
    }
  }

  write(offset: number, _size: number, _value: number): void {
    if (offset === CLOCK_TRIGGER) this.latch();
  }
}
