/**
 * Hardware interrupt lines into the CPU. The R3000 has six interrupt pins, Int0..Int5, seen as
 * Cause.IP2..IP7 (Cause bits 10..15); line n here is Cause.IP(n+2). Lines are level-triggered: a
 * line is high while any device driving it holds its level high, and the CPU takes the interrupt
 * between instructions while the line is high and unmasked (Status.IM, IEc).
 *
 * GXemul `testmips` wires its devices straight to CPU pins (machine_test.cc "MIPS test machine":
 * cons irq cpu[0].2, ether cpu[0].3, rtc cpu[0].4, mp 6; checked on gxemul 0.7.0, where the rtc
 * tick shows as Cause 0x1000 = IP4). Its disk device has no interrupt; ours uses the pin GXemul
 * lists as "not used yet" (IP5).
 */

/** One hardware interrupt line into the CPU: line 0..5 is Cause.IP2..IP7 (R3000 Int0..Int5). Level-triggered. */
export interface IrqLine {
  set(level: boolean): void;
}

/** Line assignments (index into IrqLines, i.e. Cause.IP(n+2)). */
export const IRQ_CONSOLE = 0; // IP2, GXemul cons
export const IRQ_NET = 1; // IP3, GXemul ether
export const IRQ_TIMER = 2; // IP4, GXemul rtc
export const IRQ_DISK = 3; // IP5, unused by GXemul testmips; our block device
export const IRQ_LINE_COUNT = 6;

/** Called after the pending mask changed: the new mask (bits 0..5), the line and its new level. */
export type IrqListener = (pending: number, line: number, level: boolean) => void;

/**
 * The six lines. Each `line(n)` call returns a new source driving line n; sources on the same
 * line are wired-OR, so two devices may share a pin. `pending()` is what the CPU ORs, shifted left
 * by 10, into Cause.IP.
 */
export class IrqLines {
  private mask = 0;
  /** Number of sources holding each line high. */
  private readonly high = new Int32Array(IRQ_LINE_COUNT);
  private readonly listeners: IrqListener[] = [];

  line(n: number): IrqLine {
    if (!Number.isInteger(n) || n < 0 || n >= IRQ_LINE_COUNT) throw new Error(`internal: no interrupt line ${n}`);
    let level = false;
    return {
      set: (v: boolean): void => {
        if (v === level) return;
        level = v;
        this.high[n]! += v ? 1 : -1;
        this.update(n);
      },
    };
  }

  /** Pending hardware interrupts: bit n is line n (Cause.IP(n+2)). */
  pending(): number {
    return this.mask;
  }

  /** Adds a listener; returns a function that removes it. */
  onChange(listener: IrqListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * The pending mask, for traces and snapshots. There is no `restore`: the lines follow the
   * devices, and each device's `restore` sets its own line's level again.
   */
  snapshot(): { pending: number } {
    return { pending: this.mask };
  }

  private update(n: number): void {
    const bit = 1 << n;
    const next = this.high[n]! > 0 ? this.mask | bit : this.mask & ~bit;
    if (next === this.mask) return;
    this.mask = next;
    const level = (next & bit) !== 0;
    for (const l of this.listeners) l(next, n, level);
  }
}

/** The low `size` bytes of a 32-bit register value (a narrower read of a register's offset). */
export function sized(value: number, size: number): number {
  return size === 4 ? value >>> 0 : size === 2 ? value & 0xffff : value & 0xff;
}
