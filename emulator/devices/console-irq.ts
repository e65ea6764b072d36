/**
 * The console's receive interrupt, wrapped around the console device (console.ts) so that the
 * console itself stays as it is. GXemul testmips raises the console's interrupt (cpu[0].2 = IP2)
 * while input is waiting (dev_cons: its tick asserts the line when console_charavail, every 2^14
 * cycles, and deasserts it otherwise).
 *
 * Register (our extension, after GXemul's 0x20 bytes of console registers):
 * - 0x20 IRQ_ENABLE: bit 0 enables the receive interrupt. The line is high while the interrupt is
 *   enabled and an input byte is waiting. Reset value 0 (GXemul has no enable: its line is always
 *   live), because checking for waiting input can block the host on an interactive terminal; a
 *   program that wants GXemul's behaviour writes 1 here first (harmless on GXemul).
 *
 * When the line is re-evaluated (always on the guest's cycle counter, never the host clock): at
 * the enabling store, after every guest read of PUTGETCHAR (a read consumes a byte), and every
 * CONSOLE_POLL_CYCLES cycles while enabled, which is when input that arrived meanwhile is noticed.
 * With input from a file or a pipe this is deterministic: the host's input reads block until data
 * or end of file, so which byte is waiting at a given cycle never depends on host timing.
 */
import type { Device } from '../bus.js';
import type { Scheduler, TimedEvent } from '../scheduler.js';
import { CONSOLE_PUTGETCHAR } from './console.js';
import { sized, type IrqLine } from './irq.js';

export const CONSOLE_IRQ_ENABLE = 0x20;
/** GXemul's console tick period (dev_cons.c CONS_TICK_SHIFT 14). */
export const CONSOLE_POLL_CYCLES = 1 << 14;

export interface ConsoleInput {
  /** The next input byte without consuming it, or -1 when none is waiting. */
  peekByte(): number;
}

export interface ConsoleIrqSnapshot {
  enabled: boolean;
  level: boolean;
  /** Absolute cycle of the next poll, -1 when not polling. */
  nextPoll: number;
}

export class ConsoleIrqDevice implements Device {
  readonly name: string;
  private enabled = false;
  private level = false;
  private nextPoll = -1;
  private event: TimedEvent | null = null;

  constructor(
    private readonly inner: Device,
    private readonly input: ConsoleInput,
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly irq: IrqLine,
  ) {
    this.name = inner.name;
  }

  read(offset: number, size: number): number {
    if (offset === CONSOLE_IRQ_ENABLE) return sized(this.enabled ? 1 : 0, size);
    const v = this.inner.read(offset, size);
    if (offset === CONSOLE_PUTGETCHAR && this.enabled) this.evaluate();
    return v;
  }

  peek(offset: number, size: number): number {
    if (offset === CONSOLE_IRQ_ENABLE) return sized(this.enabled ? 1 : 0, size);
    return this.inner.peek(offset, size);
  }

  write(offset: number, size: number, value: number): void {
    if (offset !== CONSOLE_IRQ_ENABLE) {
      this.inner.write(offset, size, value);
      return;
    }
    const on = (value & 1) !== 0;
    if (on === this.enabled) return;
    this.enabled = on;
    this.cancelPoll();
    if (on) {
      this.evaluate();
      this.schedulePoll(this.now() + CONSOLE_POLL_CYCLES);
    } else {
      this.setLevel(false);
    }
  }

  snapshot(): ConsoleIrqSnapshot {
    return { enabled: this.enabled, level: this.level, nextPoll: this.nextPoll };
  }

  restore(s: ConsoleIrqSnapshot): void {
    this.cancelPoll();
    this.enabled = s.enabled;
    this.setLevel(s.level);
    if (s.nextPoll >= 0) this.schedulePoll(s.nextPoll);
  }

  private evaluate(): void {
    this.setLevel(this.enabled && this.input.peekByte() >= 0);
  }

  private setLevel(v: boolean): void {
    this.level = v;
    this.irq.set(v);
  }

  private schedulePoll(at: number): void {
    this.nextPoll = at;
    this.event = this.scheduler.schedule('console poll', at, () => {
      this.event = null;
      this.evaluate();
      this.schedulePoll(at + CONSOLE_POLL_CYCLES);
    });
  }

  private cancelPoll(): void {
    if (this.event !== null) this.scheduler.cancel(this.event);
    this.event = null;
    this.nextPoll = -1;
  }
}
