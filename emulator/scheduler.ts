/**
 * Timed events on the guest cycle counter (never the host's wall clock), so that every run of a
 * program is the same. The machine runs the CPU in slices that end at the next event's cycle, then
 * fires the events that are due. Each callback learns how many cycles late it runs (a slice ends at
 * an instruction boundary, which may be a few cycles after the deadline).
 */
export interface TimedEvent {
  readonly name: string;
  /** Absolute cycle at which the event is due. */
  at: number;
  readonly fire: (late: number) => void;
}

export class Scheduler {
  private events: TimedEvent[] = [];
  /**
   * Told of every newly scheduled event's cycle. The machine uses it to end the current run slice
   * early when a device (written during the slice) schedules an event before the slice's end.
   */
  onSchedule: ((at: number) => void) | null = null;

  /** Schedules `fire` at absolute cycle `at`. Events due at the same cycle fire in schedule order. */
  schedule(name: string, at: number, fire: (late: number) => void): TimedEvent {
    const ev: TimedEvent = { name, at, fire };
    let i = this.events.length;
    while (i > 0 && this.events[i - 1]!.at > at) i--;
    this.events.splice(i, 0, ev);
    if (this.onSchedule !== null) this.onSchedule(at);
    return ev;
  }

  cancel(ev: TimedEvent): void {
    const i = this.events.indexOf(ev);
    if (i >= 0) this.events.splice(i, 1);
  }

  /** The cycle of the earliest pending event, or Infinity. */
  nextAt(): number {
    return this.events.length > 0 ? this.events[0]!.at : Infinity;
  }

  /** Fires every event due at or before `now`. */
  runDue(now: number): void {
    while (this.events.length > 0 && this.events[0]!.at <= now) {
      const ev = this.events.shift()!;
      ev.fire(now - ev.at);
    }
  }
}
