/**
 * The interval timer: GXemul testmips's RTC periodic interrupt (dev_rtc.h: DEV_RTC_HZ 0x100,
 * DEV_RTC_INTERRUPT_ACK 0x110, in the rtc device at physical 0x15000000, interrupt cpu[0].4 = IP4)
 * plus our exact-cycle registers. Offsets are relative to the RTC base 0x15000000, so this device
 * answers offsets 0x100-0x1FF of the page `clock.ts` serves; `RtcPage` below joins the two.
 *
 * GXemul semantics kept (dev_rtc.c): writing HZ = n > 0 makes the timer tick n times per second,
 * HZ = 0 stops it and forgets pending ticks; every tick adds one to a pending count and the line
 * is high while the count is non-zero; any access (read or write) to INTERRUPT_ACK takes one tick
 * off the count. GXemul times ticks with the host's clock; we use guest cycles at the nominal
 * 25 MHz (period = round(25,000,000 / HZ) cycles), so runs are deterministic. GXemul lowers the
 * line on an ACK and raises it again at its next device tick (2^14 cycles later) if ticks remain;
 * we keep the line equal to "count > 0" at every cycle.
 *
 * Our registers (exact, in cycles):
 * - 0x120 PERIOD: cycles between ticks. Writing it clears HZ to 0, and restarts the countdown if
 *   the timer runs; PERIOD = 0 stops the timer.
 * - 0x130 CONTROL: bit 0 RUN, bit 1 ONESHOT. Writing it with RUN = 1 (re)starts the countdown:
 *   the next tick is due PERIOD cycles after the cycle of the store. A ONESHOT timer clears RUN
 *   at its tick. RUN reads 0 while PERIOD is 0.
 * - 0x140 COUNT (read only): cycles until the next tick, 0 when stopped.
 * - 0x150 PENDING: ticks not yet acknowledged (read, no side effect); any write sets it to 0.
 */
import type { Device } from '../bus.js';
import type { Scheduler, TimedEvent } from '../scheduler.js';
import { CLOCK_HZ } from './clock.js';
import { sized, type IrqLine } from './irq.js';

export const TIMER_HZ = 0x100;
export const TIMER_ACK = 0x110;
export const TIMER_PERIOD = 0x120;
export const TIMER_CONTROL = 0x130;
export const TIMER_COUNT = 0x140;
export const TIMER_PENDING = 0x150;
/** First and last+1 offsets of the timer within the RTC page (GXemul DEV_RTC_LENGTH = 0x200). */
export const TIMER_FIRST = 0x100;
export const TIMER_END = 0x200;

export const TIMER_CTL_RUN = 1;
export const TIMER_CTL_ONESHOT = 2;

const MAX_PENDING = 0xffffffff;

export interface TimerSnapshot {
  hz: number;
  period: number;
  control: number;
  pending: number;
  /** Absolute cycle of the next tick, -1 when stopped. */
  nextAt: number;
}

export class TimerDevice implements Device {
  readonly name = 'timer';
  private hz = 0;
  private period = 0;
  private control = 0;
  private pending = 0;
  private nextAt = -1;
  private event: TimedEvent | null = null;

  constructor(
    private readonly now: () => number,
    private readonly scheduler: Scheduler,
    private readonly irq: IrqLine,
  ) {}

  read(offset: number, size: number): number {
    if (offset === TIMER_ACK) {
      this.ack();
      return 0;
    }
    return this.peek(offset, size);
  }

  peek(offset: number, size: number): number {
    switch (offset) {
      case TIMER_HZ:
        return sized(this.hz, size);
      case TIMER_PERIOD:
        return sized(this.period, size);
      case TIMER_CONTROL:
        return sized(this.control, size);
      case TIMER_COUNT:
        return sized(this.nextAt < 0 ? 0 : Math.max(0, this.nextAt - this.now()), size);
      case TIMER_PENDING:
        return sized(this.pending, size);
      default:
        return 0;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const v = value >>> 0;
    switch (offset) {
      case TIMER_HZ:
        this.hz = v;
        if (v === 0) {
          this.stop();
          this.control = 0;
          this.setPending(0);
        } else {
          this.period = Math.max(1, Math.round(CLOCK_HZ / v));
          this.control = TIMER_CTL_RUN;
          this.start();
        }
        break;
      case TIMER_ACK:
        this.ack();
        break;
      case TIMER_PERIOD:
        this.hz = 0;
        this.period = v;
        if (v === 0) {
          this.stop();
          this.control &= ~TIMER_CTL_RUN;
        } else if ((this.control & TIMER_CTL_RUN) !== 0) {
          this.start();
        }
        break;
      case TIMER_CONTROL:
        this.control = v & (TIMER_CTL_RUN | TIMER_CTL_ONESHOT);
        this.stop();
        if ((this.control & TIMER_CTL_RUN) !== 0) {
          if (this.period === 0) this.control &= ~TIMER_CTL_RUN;
          else this.start();
        }
        break;
      case TIMER_PENDING:
        this.setPending(0);
        break;
      default:
        break;
    }
  }

  snapshot(): TimerSnapshot {
    return { hz: this.hz, period: this.period, control: this.control, pending: this.pending, nextAt: this.nextAt };
  }

  /** Restores a snapshot; cancels this device's own scheduled tick and schedules the saved one. */
  restore(s: TimerSnapshot): void {
    this.stop();
    this.hz = s.hz;
    this.period = s.period;
    this.control = s.control;
    this.setPending(s.pending);
    if (s.nextAt >= 0) this.scheduleAt(s.nextAt);
  }

  private start(): void {
    this.stop();
    this.scheduleAt(this.now() + this.period);
  }

  private stop(): void {
    if (this.event !== null) this.scheduler.cancel(this.event);
    this.event = null;
    this.nextAt = -1;
  }

  private scheduleAt(at: number): void {
    this.nextAt = at;
    this.event = this.scheduler.schedule('timer tick', at, () => this.tick());
  }

  private tick(): void {
    this.event = null;
    const due = this.nextAt;
    this.nextAt = -1;
    this.setPending(Math.min(MAX_PENDING, this.pending + 1));
    if ((this.control & TIMER_CTL_ONESHOT) !== 0) this.control &= ~TIMER_CTL_RUN;
    // The next tick keeps the nominal grid (due + period), however late this one ran.
    else this.scheduleAt(due + this.period);
  }

  private ack(): void {
    if (this.pending > 0) this.setPending(this.pending - 1);
  }

  private setPending(n: number): void {
    this.pending = n;
    this.irq.set(n > 0);
  }
}

/**
 * The page at 0x15000000: GXemul's rtc device is one page holding both the clock (TRIGGER, SEC,
 * USEC; our CYCLES_LO/HI at 0x40/0x44, served by `clock.ts`) and the periodic interrupt (0x100 and
 * up). Offsets [0x100, 0x200) go to the timer, everything else to the clock.
 */
export class RtcPage implements Device {
  readonly name = 'rtc';
  constructor(
    private readonly clock: Device,
    private readonly timer: TimerDevice,
  ) {}

  private target(offset: number): Device {
    return offset >= TIMER_FIRST && offset < TIMER_END ? this.timer : this.clock;
  }

  read(offset: number, size: number): number {
    return this.target(offset).read(offset, size);
  }

  write(offset: number, size: number, value: number): void {
    this.target(offset).write(offset, size, value);
  }

  peek(offset: number, size: number): number {
    return this.target(offset).peek(offset, size);
  }
}
