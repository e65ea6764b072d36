/**
 * The write buffer between the write-through D-cache and memory: a FIFO of `depth` entries
 * (4 on DECstations: four R2020/R3020 stages, DECstation 3100 DTJ). Every store enters it;
 * the entry at the head retires to memory `retireCycles` after it starts, one at a time. A store
 * that finds it full stalls until the oldest entry retires. Reads that go to memory (cache misses,
 * uncached loads and fetches) first wait until it is empty (docs/timing.md).
 *
 * Times are cycle numbers relative to the CPU's current slice (see Cpu.rebase), in int32 range.
 */
export class WriteBuffer {
  /** Retirement time of each of the last `depth` entries, a ring; `next` is the oldest. */
  readonly done: Int32Array;
  next = 0;
  /** Retirement time of the newest entry (= when the buffer is empty). */
  last = -0x40000000;
  private readonly mask: number;
  /** [0]: stores that had to wait for a free entry; [1]: the cycles they waited. */
  readonly stalls = new Float64Array(2);

  constructor(
    readonly depth: number,
    readonly retireCycles: number,
  ) {
    if (depth < 1 || (depth & (depth - 1)) !== 0) throw new Error('internal: write buffer depth must be a power of two');
    this.done = new Int32Array(depth).fill(-0x40000000);
    this.mask = depth - 1;
  }

  /** Queues a write issued at cycle `t`; returns the stall cycles (0 unless full). */
  push(t: number): number {
    const done = this.done;
    const k = this.next;
    const oldest = done[k]!;
    let stall = 0;
    if (oldest > t) {
      stall = oldest - t;
      t = oldest;
      this.stalls[0] = this.stalls[0]! + 1;
      this.stalls[1] = this.stalls[1]! + stall;
    }
    const last = this.last;
    const r = (last > t ? last : t) + this.retireCycles;
    done[k] = r;
    this.last = r;
    this.next = (k + 1) & this.mask;
    return stall;
  }

  /** The cycle at which the buffer is empty (<= t means empty at t). */
  emptyAt(): number {
    return this.last;
  }

  get stallCycles(): number {
    return this.stalls[1]!;
  }

  /** Cycles a read issued at `t` waits for the buffer to drain. */
  drainWait(t: number): number {
    const e = this.emptyAt();
    return e > t ? e - t : 0;
  }

  /** Moves the time origin forward by `delta` cycles (slice end). */
  rebase(delta: number): void {
    for (let i = 0; i < this.depth; i++) {
      const v = this.done[i]! - delta;
      this.done[i] = v < -0x40000000 ? -0x40000000 : v;
    }
    const l = this.last - delta;
    this.last = l < -0x40000000 ? -0x40000000 : l;
  }
}
