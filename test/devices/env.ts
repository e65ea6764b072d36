/** A device test bench: a settable cycle counter, the real scheduler and the real interrupt lines. */
import { Scheduler } from '../../emulator/scheduler.js';
import { IrqLines } from '../../emulator/devices/irq.js';

export interface IrqEvent {
  cycle: number;
  line: number;
  level: boolean;
}

export class Bench {
  cycle = 0;
  readonly scheduler = new Scheduler();
  readonly lines = new IrqLines();
  /** Every change of the pending mask, with the cycle it happened at. */
  readonly irqLog: IrqEvent[] = [];
  readonly now = (): number => this.cycle;

  constructor() {
    this.lines.onChange((_p, line, level) => this.irqLog.push({ cycle: this.cycle, line, level }));
  }

  /**
   * Runs the machine's loop to cycle `to` the way Machine.run does: slices end at the next event,
   * and events fire at the end of the slice (here exactly at their cycle, `late` = 0).
   */
  runTo(to: number): void {
    for (;;) {
      const next = this.scheduler.nextAt();
      if (next > to) break;
      this.cycle = Math.max(this.cycle, next);
      this.scheduler.runDue(this.cycle);
    }
    this.cycle = to;
  }

  /** Like runTo, but events fire `late` cycles after they are due (a slice ending mid-instruction). */
  runToLate(to: number, late: number): void {
    for (;;) {
      const next = this.scheduler.nextAt();
      if (next + late > to) break;
      this.cycle = Math.max(this.cycle, next + late);
      this.scheduler.runDue(this.cycle);
    }
    this.cycle = to;
  }

  level(line: number): boolean {
    return (this.lines.pending() & (1 << line)) !== 0;
  }
}
