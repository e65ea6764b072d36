/**
 * The debug engine (types.ts DebugSession): forward execution with breakpoints, watchpoints and
 * catchpoints, reverse execution by snapshots and deterministic replay, side-effect-free
 * inspection, and recorded modifications. docs/debugging.md describes the model; advance.ts the
 * points in time (settled boundaries, named by their cycle).
 *
 * Two loops drive the machine. The debug loop runs one iteration at a time (advance.ts
 * stepIteration: the order of Machine.runTraced) and checks stop points at each settled boundary;
 * it serves stepping, breakpoints, watchpoints and runTo. The fast loop (Machine.run, untouched)
 * serves `cont` without breakpoints or watchpoints, replays and `gotoInstruction`; a catchpoint hit
 * there is found after the slice and reached exactly by going back to it. Both reach identical
 * states (test/debug/determinism.test.ts).
 *
 * History: snapshots (snapshot.ts) every `interval` retired instructions at the frontier (the
 * furthest point of the current timeline), thinned and spaced out as they accumulate; plus the
 * record of events applied at given cycles (console input sent, register and memory writes). Going
 * to an earlier point restores the nearest snapshot at or before it and replays, applying the
 * recorded events at their cycles. A modification discards every snapshot and event after now.
 */
import { C0_BADVADDR, C0_CAUSE, C0_EPC, C0_STATUS, CAUSE_BD, CAUSE_IP_HW } from '../cop0.js';
import {
  CNT_FAULTED, CNT_HOOK_CYCLES, CNT_STALL_DCACHE, CNT_STALL_HILO, CNT_STALL_ICACHE, CNT_STALL_UNCACHED,
} from '../cpu.js';
import { decodeHw } from '../decode.js';
import { CONSOLE_BASE, CONSOLE_PUTGETCHAR } from '../devices/console.js';
import { CONSOLE_IRQ_ENABLE } from '../devices/console-irq.js';
import { EXC_INT, EXC_SYS } from '../exceptions.js';
import { ISA } from '../isa.js';
import type { Machine } from '../machine.js';
import { currentAsid, isCallAt, peekInstruction, pendingAccess, physicalByte, translateDebug, type PendingAccess } from './access.js';
import { settle, stepIteration } from './advance.js';
import { consoleInternals } from './internals.js';
import { DebugIo } from './io.js';

export { DebugIo, debugGuestIo } from './io.js';
import { captureMachine, hashSnapshot, restoreMachine, type MachineSnapshot } from './snapshot.js';
import {
  REG_BADVADDR, REG_CAUSE, REG_HI, REG_LO, REG_PC, REG_SR,
  type AddrSpace, type Breakpoint, type Catchpoint, type CreateDebugSession, type DebugSession, type ExceptionRecord,
  type SessionOptions, type StopEvent, type Translation, type Watchpoint, type WatchKind,
} from './types.js';

/** Exceptions the log keeps. */
export const LOG_LIMIT = 1024;
/** Default instructions between automatic snapshots. */
export const DEFAULT_SNAPSHOT_EVERY = 100_000;
/** Snapshots kept before every other one is dropped and the interval doubles. */
export const MAX_SNAPSHOTS = 200;
/** stepOver gives up (stop 'budget') after this many instructions without returning. */
export const STEP_OVER_LIMIT = 50_000_000;
/** Longest fast-loop run between checks of pause requests and snapshots (cycles). */
const FAST_CHUNK = 1 << 18;
/** Instructions left to which the fast loop hands over to single iterations (advance.ts). */
const EXACT_TAIL = 64;

type RecordedEvent =
  | { readonly cycles: number; readonly kind: 'input'; readonly bytes: readonly number[] }
  | { readonly cycles: number; readonly kind: 'eof' }
  | { readonly cycles: number; readonly kind: 'reg'; readonly n: number; readonly value: number }
  | { readonly cycles: number; readonly kind: 'mem'; readonly pas: readonly number[]; readonly bytes: readonly number[] };

interface HistorySnapshot {
  readonly cycles: number;
  readonly instructions: number;
  readonly machine: MachineSnapshot;
  readonly outLen: number;
  readonly errLen: number;
  readonly pending: readonly number[];
  readonly inputOpen: boolean;
  readonly log: readonly ExceptionRecord[];
}

interface CatchHit {
  readonly cp: Catchpoint;
  readonly record: ExceptionRecord;
  /** The settled boundary right after the exception was taken. */
  readonly cycles: number;
}

export const createDebugSession: CreateDebugSession = (machine: Machine, opts?: SessionOptions): DebugSession => new Session(machine, opts ?? {});

class Session implements DebugSession {
  readonly machine: Machine;
  private readonly io: DebugIo;
  private nextId = 1;
  private readonly bps = new Map<number, Breakpoint>();
  private readonly wps = new Map<number, Watchpoint>();
  private readonly cps = new Map<number, Catchpoint>();
  private bpIndex = new Map<number, Breakpoint[]>();
  private log: ExceptionRecord[] = [];
  private snaps: HistorySnapshot[] = [];
  private events: RecordedEvent[] = [];
  /** Index of the first recorded event not yet applied in the current timeline. */
  private evIdx = 0;
  private interval: number;
  private pauseReq = false;
  /** Catchpoints are matched only while a forward command runs (or a reverse scan). */
  private catching = false;
  private catchHit: CatchHit | null = null;
  /** While set, every catchpoint hit goes here instead of `catchHit` (reverse scans). */
  private catchSink: ((hit: CatchHit) => void) | null = null;
  /** waitForInput: the cycle of the first console read in a fast-loop run that found no input. */
  private starvedAt: number | null = null;
  private readonly isInputRead: ((m: Machine) => boolean) | null;

  constructor(machine: Machine, opts: SessionOptions) {
    if (!(machine.io instanceof DebugIo)) throw new Error('internal: createDebugSession needs a machine created with debugGuestIo()');
    this.machine = machine;
    this.io = machine.io;
    this.interval = Math.max(1000, Math.floor(opts.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY));
    this.isInputRead = opts.isInputRead ?? null;
    const cpu = machine.cpu;
    const inner = cpu.onVector;
    cpu.onVector = (vector, code) => {
      this.onException(vector, code);
      return inner === null ? true : inner(vector, code);
    };
    if (opts.waitForInput === true) this.watchInput();
    settle(machine);
    if (opts.input !== undefined && opts.input.length > 0) {
      this.io.pending.push(...opts.input);
      consoleInternals(machine).inputEof = false;
    }
    this.takeSnapshot();
  }

  // ---- time ----

  instructions(): number {
    return this.machine.cpu.instructions;
  }

  running(): boolean {
    return this.machine.cpu.stop === null;
  }

  private now(): number {
    return this.machine.cpu.totalCycles;
  }

  // ---- exceptions ----

  private onException(vector: number, code: number): void {
    const cpu = this.machine.cpu;
    const c = cpu.count;
    // Inside a fast-loop slice Cpu.count[CNT_INSTRUCTIONS] is settled only at the slice's end; the
    // interpreter's accounting (instructions = cycles - stalls - faulted - hook cycles) gives the
    // count at this boundary exactly. A faulting instruction is counted as faulted just after this
    // call; an interrupt (taken between instructions) faults nothing.
    const stalls = c[CNT_STALL_ICACHE]! + c[CNT_STALL_DCACHE]! + c[CNT_STALL_UNCACHED]! + c[CNT_STALL_HILO]! + cpu.wb.stallCycles;
    const instructions = cpu.totalCycles - stalls - c[CNT_FAULTED]! - c[CNT_HOOK_CYCLES]! - (code === EXC_INT ? 0 : 1);
    const cop0 = cpu.cop0;
    const record: ExceptionRecord = {
      instructions,
      cycle: cpu.totalCycles,
      code,
      epc: cop0[C0_EPC]! >>> 0,
      bd: (cop0[C0_CAUSE]! & CAUSE_BD) !== 0,
      badvaddr: cop0[C0_BADVADDR]! >>> 0,
      asid: currentAsid(this.machine),
      vector: vector >>> 0,
    };
    this.log.push(record);
    if (this.log.length > 2 * LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    if (this.catching && (this.catchHit === null || this.catchSink !== null)) {
      for (const cp of this.cps.values()) {
        if (!cp.enabled || cp.code !== code || (cp.asid !== undefined && cp.asid !== record.asid)) continue;
        const hit: CatchHit = { cp, record, cycles: cpu.totalCycles };
        if (this.catchSink !== null) {
          this.catchSink(hit);
          break;
        }
        this.catchHit = hit;
        // End the fast loop's slice soon (interpreter.ts reads yieldReq after exceptions).
        cpu.yieldReq = 1;
        break;
      }
    }
  }

  exceptionLog(): readonly ExceptionRecord[] {
    return this.log.slice(-LOG_LIMIT);
  }

  // ---- history ----

  private takeSnapshot(): void {
    const m = this.machine;
    const last = this.snaps[this.snaps.length - 1];
    const machine = captureMachine(m, last?.machine);
    const snap: HistorySnapshot = {
      cycles: machine.cycles,
      instructions: machine.instructions,
      machine,
      outLen: this.io.out.length,
      errLen: this.io.err.length,
      pending: this.io.pending.slice(),
      inputOpen: this.io.open,
      log: this.log.slice(-LOG_LIMIT),
    };
    if (last !== undefined && last.cycles === snap.cycles) this.snaps[this.snaps.length - 1] = snap;
    else this.snaps.push(snap);
    if (this.snaps.length > MAX_SNAPSHOTS) {
      // Keep the first (the start of history), the last, and every other one between.
      this.snaps = this.snaps.filter((_s, i, a) => i === 0 || i === a.length - 1 || i % 2 === 0);
      this.interval *= 2;
    }
  }

  /** At the frontier of history, a snapshot when `interval` instructions have passed since the last. */
  private maybeSnapshot(): void {
    const last = this.snaps[this.snaps.length - 1]!;
    const cpu = this.machine.cpu;
    if (cpu.totalCycles > last.cycles && cpu.instructions - last.instructions >= this.interval) this.takeSnapshot();
  }

  private restoreSnapshot(s: HistorySnapshot): void {
    const m = this.machine;
    restoreMachine(m, s.machine);
    this.io.out.length = s.outLen;
    this.io.err.length = s.errLen;
    this.io.pending = s.pending.slice();
    this.io.open = s.inputOpen;
    this.log = s.log.slice();
    this.catchHit = null;
    let i = 0;
    while (i < this.events.length && this.events[i]!.cycles <= s.cycles) i++;
    this.evIdx = i;
  }

  /** Applies the recorded events due at this boundary. */
  private applyDueEvents(): void {
    const now = this.now();
    while (this.evIdx < this.events.length) {
      const ev = this.events[this.evIdx]!;
      if (ev.cycles > now) break;
      if (ev.cycles < now) throw new Error(`internal: replay passed a recorded event (cycle ${ev.cycles}, now ${now})`);
      this.apply(ev);
      this.evIdx++;
    }
  }

  private apply(ev: RecordedEvent): void {
    const m = this.machine;
    const cpu = m.cpu;
    switch (ev.kind) {
      case 'input':
        this.io.pending.push(...ev.bytes);
        consoleInternals(m).inputEof = false;
        break;
      case 'eof':
        this.io.open = false;
        break;
      case 'mem':
        for (let i = 0; i < ev.pas.length; i++) {
          const pa = ev.pas[i]!;
          m.bus.ram8[pa] = ev.bytes[i]!;
          m.bus.decoded[pa >>> 2] = 127; // NOT_DECODED (bus.ts): fetches see the new word
        }
        break;
      case 'reg': {
        const n = ev.n;
        const v = ev.value;
        if (n >= 1 && n <= 31) {
          if (cpu.ldReg === n) cpu.ldReg = 32; // the write wins over a load still in its delay slot
          cpu.gpr[n] = v | 0;
        } else if (n === REG_SR) {
          cpu.cop0[C0_STATUS] = v >>> 0;
          cpu.mmu.invalidate();
          cpu.fKey = 0xffc;
        } else if (n === REG_LO) cpu.hilo[1] = v | 0;
        else if (n === REG_HI) cpu.hilo[0] = v | 0;
        else if (n === REG_BADVADDR) cpu.cop0[C0_BADVADDR] = v >>> 0;
        else if (n === REG_CAUSE) cpu.cop0[C0_CAUSE] = ((v & ~CAUSE_IP_HW) | (cpu.cop0[C0_CAUSE]! & CAUSE_IP_HW)) >>> 0;
        else if (n === REG_PC) cpu.setPc(v | 0);
        cpu.gpr[0] = 0;
        break;
      }
    }
  }

  /** Records and applies a modification at now; the future of this timeline is discarded. */
  private modify(ev: RecordedEvent): void {
    const now = this.now();
    this.events = this.events.slice(0, this.evIdx).filter((e) => e.cycles <= now);
    this.events.push(ev);
    this.snaps = this.snaps.filter((s) => s.cycles < now);
    this.apply(ev);
    this.evIdx = this.events.length;
    this.takeSnapshot();
  }

  /** One iteration in the debug loop, then this boundary's recorded events and a due snapshot. */
  private iterate(): void {
    stepIteration(this.machine);
    this.applyDueEvents();
    this.maybeSnapshot();
  }

  /**
   * The fast loop to the first settled boundary with `toInstr` retired instructions, or to cycle
   * `toCycles` exactly, applying recorded events at their cycles. Stops early for a pause request
   * or a catchpoint hit when `interruptible`.
   */
  private fastForward(toCycles: number, toInstr: number, interruptible: boolean): void {
    const m = this.machine;
    const cpu = m.cpu;
    for (;;) {
      this.applyDueEvents();
      this.maybeSnapshot();
      if (cpu.stop !== null) return;
      if (cpu.totalCycles >= toCycles || cpu.instructions >= toInstr) return;
      if (interruptible && (this.pauseReq || this.catchHit !== null)) return;
      // waitForInput: a read found no input; the caller goes back to the boundary before it.
      if (this.starvedAt !== null) return;
      const rem = toInstr - cpu.instructions;
      if (rem <= EXACT_TAIL) {
        stepIteration(m);
        continue;
      }
      const nextEv = this.events[this.evIdx]?.cycles ?? Infinity;
      const last = this.snaps[this.snaps.length - 1]!;
      // Stop for the next snapshot near when it is due (a cheap bound: one cycle per instruction).
      const snapAt = cpu.totalCycles >= last.cycles ? cpu.totalCycles + Math.max(1, this.interval - (cpu.instructions - last.instructions)) : Infinity;
      const budget = Math.min(toCycles, nextEv, cpu.totalCycles + rem - 1, cpu.totalCycles + FAST_CHUNK, snapAt);
      m.run(budget);
      settle(m);
    }
  }

  /** Goes to the settled boundary at cycle c of the current timeline (backwards: restore and replay). */
  private gotoCycle(c: number): void {
    const saved = this.catching;
    this.catching = false;
    if (c < this.now()) {
      let s = this.snaps[0]!;
      for (const x of this.snaps) if (x.cycles <= c) s = x;
      this.restoreSnapshot(s);
    }
    this.fastForward(c, Infinity, false);
    if (this.now() !== c && this.running()) throw new Error(`internal: replay reached cycle ${this.now()}, not ${c}`);
    this.catching = saved;
  }

  // ---- stop points ----

  private rebuildIndex(): void {
    const idx = new Map<number, Breakpoint[]>();
    for (const b of this.bps.values()) {
      const l = idx.get(b.addr);
      if (l === undefined) idx.set(b.addr, [b]);
      else l.push(b);
    }
    this.bpIndex = idx;
  }

  addBreakpoint(addr: number, asid?: number): Breakpoint {
    const b: Breakpoint = { id: this.nextId++, addr: addr >>> 0, enabled: true, hits: 0, ...(asid !== undefined ? { asid: asid & 63 } : {}) };
    this.bps.set(b.id, b);
    this.rebuildIndex();
    return b;
  }

  addWatchpoint(space: AddrSpace, addr: number, len: number, kind: WatchKind): Watchpoint {
    if (!Number.isInteger(len) || len < 1 || len > 4096) throw new RangeError(`watchpoint length ${len} is not 1..4096`);
    const w: Watchpoint = { id: this.nextId++, space, addr: addr >>> 0, len, kind, enabled: true, hits: 0 };
    this.wps.set(w.id, w);
    return w;
  }

  addCatchpoint(code: number, asid?: number): Catchpoint {
    if (!Number.isInteger(code) || code < 0 || code > 31) throw new RangeError(`exception code ${code} is not 0..31`);
    const c: Catchpoint = { id: this.nextId++, code, enabled: true, hits: 0, ...(asid !== undefined ? { asid: asid & 63 } : {}) };
    this.cps.set(c.id, c);
    return c;
  }

  remove(id: number): boolean {
    const r = this.bps.delete(id) || this.wps.delete(id) || this.cps.delete(id);
    if (r) this.rebuildIndex();
    return r;
  }

  breakpoints(): readonly Breakpoint[] {
    return [...this.bps.values()];
  }

  watchpoints(): readonly Watchpoint[] {
    return [...this.wps.values()];
  }

  catchpoints(): readonly Catchpoint[] {
    return [...this.cps.values()];
  }

  private hasPositionStops(): boolean {
    for (const b of this.bps.values()) if (b.enabled) return true;
    for (const w of this.wps.values()) if (w.enabled) return true;
    return false;
  }

  /** A breakpoint or watchpoint that applies at this boundary (counting the hit if `count`). */
  private checkStops(count: boolean): StopEvent | null {
    const m = this.machine;
    const pc = m.cpu.pc >>> 0;
    const bl = this.bpIndex.get(pc);
    if (bl !== undefined) {
      const unmapped = pc >= 0x80000000 && pc < 0xc0000000;
      for (const b of bl) {
        if (!b.enabled || (b.asid !== undefined && !unmapped && b.asid !== currentAsid(m))) continue;
        if (count) b.hits++;
        return { kind: 'breakpoint', id: b.id, pc };
      }
    }
    return this.wps.size > 0 ? this.checkWatch(count) : null;
  }

  private checkWatch(count: boolean): StopEvent | null {
    let acc: PendingAccess | null | undefined;
    for (const w of this.wps.values()) {
      if (!w.enabled) continue;
      if (acc === undefined) acc = pendingAccess(this.machine);
      if (acc === null) return null;
      if (w.kind !== 'access' && w.kind !== acc.access) continue;
      const a = w.space === 'virtual' ? acc.vaddr : acc.paddr;
      if (a + acc.size <= w.addr || a >= w.addr + w.len) continue;
      if (count) w.hits++;
      return { kind: 'watchpoint', id: w.id, access: acc.access, vaddr: acc.vaddr, paddr: acc.paddr, size: acc.size, pc: this.machine.cpu.pc >>> 0 };
    }
    return null;
  }

  private machineStop(): StopEvent {
    const stop = this.machine.cpu.stop;
    if (stop === null) return { kind: 'step' };
    if (stop.kind === 'fault') return { kind: 'fault', code: stop.code, message: stop.message };
    return { kind: stop.kind, code: stop.code };
  }

  private takeCatch(): StopEvent | null {
    const hit = this.catchHit;
    if (hit === null) return null;
    this.catchHit = null;
    hit.cp.hits++;
    return { kind: 'exception', id: hit.cp.id, record: hit.record };
  }

  /** Ends a command: console output flushed, catching off. */
  private done(e: StopEvent): StopEvent {
    this.catching = false;
    this.catchHit = null;
    this.machine.flushOutput();
    return e;
  }

  // ---- forward ----

  /**
   * The debug loop: stop points are checked at every settled boundary except the starting one (so
   * a command can leave a breakpoint), `target` first; catchpoints after every iteration.
   */
  private debugRun(maxInstructions: number, target: (() => StopEvent | null) | null): StopEvent {
    const cpu = this.machine.cpu;
    const start = cpu.instructions;
    this.catching = true;
    this.catchHit = null;
    let first = true;
    for (;;) {
      if (cpu.stop !== null) return this.done(this.machineStop());
      if (!first) {
        const t = target !== null ? target() : null;
        if (t !== null) return this.done(t);
        const s = this.checkStops(true);
        if (s !== null) return this.done(s);
      }
      if (this.pauseReq) {
        this.pauseReq = false;
        return this.done({ kind: 'pause' });
      }
      if (this.io.open && this.wouldStarve()) return this.done({ kind: 'pause' });
      if (cpu.instructions - start >= maxInstructions) return this.done({ kind: 'budget' });
      this.iterate();
      first = false;
      const c = this.takeCatch();
      if (c !== null) return this.done(c);
    }
  }

  stepInstruction(): StopEvent {
    const cpu = this.machine.cpu;
    if (cpu.stop !== null) return this.done(this.machineStop());
    this.pauseReq = false;
    if (this.io.open && this.wouldStarve()) return this.done({ kind: 'pause' });
    this.catching = true;
    this.catchHit = null;
    this.iterate();
    // A branch or jump executes with its delay slot; a watchpoint on the slot's access stops first.
    while (cpu.stop === null && cpu.bd !== 0 && this.catchHit === null) {
      const w = this.wps.size > 0 ? this.checkWatch(true) : null;
      if (w !== null) return this.done(w);
      if (this.io.open && this.wouldStarve()) return this.done({ kind: 'pause' });
      this.iterate();
    }
    const c = this.takeCatch();
    if (c !== null) return this.done(c);
    if (cpu.stop !== null) return this.done(this.machineStop());
    return this.done({ kind: 'step' });
  }

  stepOver(): StopEvent {
    const m = this.machine;
    const cpu = m.cpu;
    const pc = cpu.pc >>> 0;
    const call = cpu.stop === null && cpu.bd === 0 && isCallAt(m, pc);
    const ret = (pc + 8) >>> 0;
    const asid = currentAsid(m);
    const sp = cpu.gpr[29]! >>> 0;
    const s = this.stepInstruction();
    if (!call || s.kind !== 'step' || cpu.pc >>> 0 === ret) return s;
    // Back at the return address, in the same address space, with the stack no deeper than at the
    // call (a recursive call reaching the same address deeper down is not the return).
    return this.debugRun(STEP_OVER_LIMIT, () => (cpu.pc >>> 0 === ret && currentAsid(m) === asid && cpu.gpr[29]! >>> 0 >= sp ? { kind: 'step' } : null));
  }

  cont(maxInstructions = Infinity): StopEvent {
    if (this.machine.cpu.stop !== null) return this.done(this.machineStop());
    if (this.hasPositionStops()) return this.debugRun(maxInstructions, null);
    // No breakpoint or watchpoint: the fast loop, stopping for catchpoints after the fact.
    const cpu = this.machine.cpu;
    if (this.io.open && this.wouldStarve()) return this.done({ kind: 'pause' });
    this.catching = true;
    this.catchHit = null;
    this.starvedAt = null;
    const start = cpu.instructions;
    this.fastForward(Infinity, start + maxInstructions, true);
    for (;;) {
      const starved = this.starvedAt as number | null;
      const first = this.catchHit as CatchHit | null;
      this.starvedAt = null;
      if (starved === null || (first !== null && first.cycles < starved)) break;
      // A read found no input during the fast run (before any catchpoint hit): go to the boundary
      // before that instruction.
      this.catching = false;
      if (this.waitingPoint(starved)) return this.done({ kind: 'pause' });
      // Not an input read: go on from here.
      this.catching = true;
      this.fastForward(Infinity, start + maxInstructions, true);
    }
    const hit = this.catchHit as CatchHit | null;
    if (hit !== null) {
      this.catching = false;
      this.gotoCycle(hit.cycles);
      this.catchHit = hit;
      return this.done(this.takeCatch()!);
    }
    if (this.pauseReq) {
      this.pauseReq = false;
      return this.done({ kind: 'pause' });
    }
    if (cpu.stop !== null) return this.done(this.machineStop());
    return this.done({ kind: 'budget' });
  }

  runTo(addr: number, maxInstructions = Infinity): StopEvent {
    const a = addr >>> 0;
    const cpu = this.machine.cpu;
    return this.debugRun(maxInstructions, () => (cpu.pc >>> 0 === a ? { kind: 'target' } : null));
  }

  requestPause(): void {
    this.pauseReq = true;
  }

  // ---- backward ----

  /** Index of the latest snapshot strictly before cycle c (or the first). */
  private snapBefore(c: number): number {
    let k = 0;
    for (let i = 0; i < this.snaps.length; i++) if (this.snaps[i]!.cycles < c) k = i;
    return k;
  }

  /**
   * Replays segment k of history (from snapshot k up to cycle `end`), calling `visit` at every
   * settled boundary before `end` and `onCatch` for every catchpoint hit with its boundary.
   */
  private scan(k: number, end: number, visit: () => void, onCatch: ((hit: CatchHit) => void) | null): void {
    this.restoreSnapshot(this.snaps[k]!);
    const cpu = this.machine.cpu;
    this.catching = onCatch !== null;
    while (cpu.totalCycles < end) {
      visit();
      if (cpu.stop !== null) break;
      this.catchHit = null;
      this.iterate();
      if (this.catchHit !== null && onCatch !== null) onCatch(this.catchHit);
    }
    this.catching = false;
    this.catchHit = null;
  }

  stepBack(n = 1): StopEvent {
    const now = this.now();
    const want = Math.max(1, Math.floor(n));
    let found: number | null = null;
    let later: number[] = [];
    let end = now;
    for (let k = this.snapBefore(now); ; k--) {
      if (this.snaps[k]!.cycles >= end) {
        if (k === 0) break;
        continue;
      }
      const here: number[] = [];
      const cpu = this.machine.cpu;
      this.scan(k, end, () => {
        if (cpu.bd === 0) here.push(cpu.totalCycles);
      }, null);
      later = here.concat(later);
      if (later.length >= want) {
        found = later[later.length - want]!;
        break;
      }
      end = this.snaps[k]!.cycles;
      if (k === 0) break;
    }
    if (found === null) {
      this.gotoCycle(this.snaps[0]!.cycles);
      return this.done({ kind: 'history-start' });
    }
    this.gotoCycle(found);
    return this.done({ kind: 'step' });
  }

  reverseContinue(): StopEvent {
    const now = this.now();
    let end = now;
    const positions = this.hasPositionStops();
    for (let k = this.snapBefore(now); ; k--) {
      if (this.pauseReq) {
        this.pauseReq = false;
        this.gotoCycle(now);
        return this.done({ kind: 'pause' });
      }
      if (this.snaps[k]!.cycles < end) {
        let hit: { cycles: number; kind: 'pos' } | { cycles: number; kind: 'catch'; catch: CatchHit } | null = null;
        const cpu = this.machine.cpu;
        if (!positions) {
          // Catchpoints only: the segment replays in the fast loop, collecting every hit.
          this.restoreSnapshot(this.snaps[k]!);
          this.catching = true;
          this.catchSink = (h) => {
            if (h.cycles < now) hit = { cycles: h.cycles, kind: 'catch', catch: h };
          };
          try {
            this.fastForward(end, Infinity, false);
          } finally {
            this.catchSink = null;
            this.catching = false;
          }
        } else this.scan(
          k,
          end,
          () => {
            if (this.checkStops(false) !== null) hit = { cycles: cpu.totalCycles, kind: 'pos' };
          },
          (h) => {
            if (h.cycles < now) hit = { cycles: h.cycles, kind: 'catch', catch: h };
          },
        );
        const found = hit as { cycles: number; kind: 'pos' } | { cycles: number; kind: 'catch'; catch: CatchHit } | null;
        if (found !== null) {
          this.gotoCycle(found.cycles);
          if (found.kind === 'catch') {
            this.catchHit = found.catch;
            return this.done(this.takeCatch()!);
          }
          return this.done(this.checkStops(true)!);
        }
        end = this.snaps[k]!.cycles;
      }
      if (k === 0) break;
    }
    this.gotoCycle(this.snaps[0]!.cycles);
    return this.done({ kind: 'history-start' });
  }

  gotoInstruction(n: number): StopEvent {
    const cpu = this.machine.cpu;
    const target = Math.floor(n);
    const start = this.snaps[0]!;
    if (target <= start.instructions) {
      this.gotoCycle(start.cycles);
      return this.done(target < start.instructions ? { kind: 'history-start' } : { kind: 'target' });
    }
    if (target <= cpu.instructions) {
      // The latest snapshot before the first boundary with `target` instructions.
      let s = start;
      for (const x of this.snaps) if (x.instructions < target) s = x;
      this.restoreSnapshot(s);
    }
    this.catching = false;
    this.starvedAt = null;
    this.fastForward(Infinity, target, false);
    let starved = this.starvedAt as number | null;
    this.starvedAt = null;
    while (starved !== null) {
      if (this.waitingPoint(starved)) return this.done({ kind: 'pause' });
      this.fastForward(Infinity, target, false);
      starved = this.starvedAt as number | null;
      this.starvedAt = null;
    }
    if (cpu.instructions < target) return this.done(this.machineStop());
    return this.done({ kind: 'target' });
  }

  // ---- inspection ----

  readRegister(n: number): number {
    const cpu = this.machine.cpu;
    if (n >= 0 && n < 32) {
      if (n === 0) return 0;
      return (cpu.ldReg === n ? cpu.ldVal : cpu.gpr[n]!) >>> 0;
    }
    switch (n) {
      case REG_SR: return cpu.cop0[C0_STATUS]! >>> 0;
      case REG_LO: return cpu.lo >>> 0;
      case REG_HI: return cpu.hi >>> 0;
      case REG_BADVADDR: return cpu.cop0[C0_BADVADDR]! >>> 0;
      case REG_CAUSE: return cpu.cop0[C0_CAUSE]! >>> 0;
      case REG_PC: return cpu.pc >>> 0;
      default: throw new RangeError(`no register ${n}`);
    }
  }

  readVirtual(addr: number, length: number, asid?: number): (number | null)[] {
    const m = this.machine;
    const as = asid ?? currentAsid(m);
    const out: (number | null)[] = new Array(Math.max(0, length));
    let page = -1;
    let t: Translation | null = null;
    for (let i = 0; i < length; i++) {
      const v = (addr + i) >>> 0;
      if (v >>> 12 !== page) {
        page = v >>> 12;
        t = translateDebug(m, v, as);
      }
      out[i] = t === null ? null : physicalByte(m, (t.paddr & ~0xfff) + (v & 0xfff));
    }
    return out;
  }

  readPhysical(addr: number, length: number): (number | null)[] {
    const out: (number | null)[] = new Array(Math.max(0, length));
    for (let i = 0; i < length; i++) out[i] = physicalByte(this.machine, (addr + i) >>> 0);
    return out;
  }

  translate(addr: number, asid?: number): Translation | null {
    return translateDebug(this.machine, addr, asid ?? currentAsid(this.machine));
  }

  // ---- modification ----

  writeRegister(n: number, value: number): void {
    if (!(n >= 0 && n < 32) && ![REG_SR, REG_LO, REG_HI, REG_BADVADDR, REG_CAUSE, REG_PC].includes(n)) throw new RangeError(`no register ${n}`);
    if (n === 0) return;
    const cpu = this.machine.cpu;
    const v = value >>> 0;
    // A write of the value readRegister shows changes nothing and is not a modification (gdb's G
    // packet writes every register back): history and the future stay, and a load in its delay
    // slot stays pending. Not for PC in a delay slot (a PC write cancels the pending branch).
    const same = n < 32
      ? this.readRegister(n) === v
      : n === REG_PC
        ? cpu.bd === 0 && cpu.pc >>> 0 === v && cpu.npc >>> 0 === ((v + 4) >>> 0)
        : n === REG_CAUSE
          ? ((cpu.cop0[C0_CAUSE]! & ~CAUSE_IP_HW) >>> 0) === ((v & ~CAUSE_IP_HW) >>> 0)
          : this.readRegister(n) === v;
    if (same) return;
    this.modify({ cycles: this.now(), kind: 'reg', n, value: v });
  }

  writeMemory(space: AddrSpace, addr: number, bytes: Uint8Array): boolean {
    const m = this.machine;
    const asid = currentAsid(m);
    const pas: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const v = (addr + i) >>> 0;
      let pa: number;
      if (space === 'physical') pa = v;
      else {
        const t = translateDebug(m, v, asid);
        if (t === null) return false;
        pa = t.paddr;
      }
      if (pa >= m.bus.ramSize) return false;
      pas.push(pa);
    }
    if (pas.every((pa, i) => m.bus.ram8[pa] === bytes[i])) return true; // nothing changes
    this.modify({ cycles: this.now(), kind: 'mem', pas, bytes: Array.from(bytes) });
    return true;
  }

  // ---- console ----

  /** The instruction at pc is a console read (device data register, Linux read(0)) and no input is queued. */
  private wouldStarve(): boolean {
    const m = this.machine;
    if (this.io.pending.length > 0 || consoleInternals(m).inputQueue.length > 0) return false;
    if (m.cpu.stop !== null) return false;
    const acc = pendingAccess(m);
    if (acc !== null) return acc.access === 'read' && acc.paddr === CONSOLE_BASE + CONSOLE_PUTGETCHAR;
    if (this.isInputRead !== null && this.isInputRead(m)) return true;
    if (m.abi === null) return false;
    const w = peekInstruction(m, m.cpu.pc);
    if (w === null || decodeHw(w) < 0 || ISA[decodeHw(w)]!.op !== 'syscall') return false;
    // Linux o32 read(fd 0, buf, count > 0): abi-linux.ts serves it from the console input.
    return this.readRegister(2) === 4003 && this.readRegister(4) === 0 && this.readRegister(6) !== 0;
  }

  /**
   * waitForInput: the input stays open, and console reads that find nothing are noticed in the
   * fast loop (the debug loop checks before each instruction): the console device's data read and,
   * for --abi linux, the read system call.
   */
  private watchInput(): void {
    const m = this.machine;
    this.io.open = true;
    const con = m.consoleIrq;
    const read = con.read.bind(con);
    const starving = (): boolean => this.io.open && this.io.pending.length === 0 && consoleInternals(m).inputQueue.length === 0;
    con.read = (offset: number, size: number): number => {
      if (offset === CONSOLE_PUTGETCHAR && this.starvedAt === null && starving()) this.starvedAt = m.cpu.totalCycles;
      return read(offset, size);
    };
    // Enabling the receive interrupt with nothing waiting is how the exokernel's console_read asks
    // whether input waits (firmware/kmem.s): a hint, confirmed by isInputRead in the debug loop.
    const write = con.write.bind(con);
    con.write = (offset: number, size: number, value: number): void => {
      if (offset === CONSOLE_IRQ_ENABLE && (value & 1) !== 0 && this.starvedAt === null && starving()) this.starvedAt = m.cpu.totalCycles;
      write(offset, size, value);
    };
    const hook = m.cpu.hook;
    if (m.abi !== null && hook !== null) {
      m.cpu.hook = {
        exception: (cpu, code, pc, inDelaySlot, badVAddr) => {
          if ((code & 0x1f) === EXC_SYS && cpu.gpr[2] === 4003 && cpu.gpr[4] === 0 && cpu.gpr[6] !== 0 && this.starvedAt === null && starving()) {
            this.starvedAt = cpu.totalCycles;
          }
          return hook.exception(cpu, code, pc, inDelaySlot, badVAddr);
        },
      };
    }
  }

  /**
   * A fast-loop run noticed a read that found no input at cycle `x` (inside an instruction): goes
   * to the boundary before the input read that caused it and returns true; false (now just past
   * `x`) when the hint was not an input read (an interrupt enable, say).
   */
  private waitingPoint(x: number): boolean {
    let s = this.snaps[0]!;
    for (const q of this.snaps) if (q.cycles < x) s = q;
    this.restoreSnapshot(s);
    const cpu = this.machine.cpu;
    while (cpu.stop === null && cpu.totalCycles < x) {
      if (this.wouldStarve()) return true;
      this.iterate();
    }
    return false;
  }

  waitingForInput(): boolean {
    return this.io.open && this.wouldStarve();
  }

  endInput(): void {
    if (!this.io.open) return;
    this.modify({ cycles: this.now(), kind: 'eof' });
  }

  consoleOutput(): Uint8Array {
    this.machine.flushOutput();
    return this.io.out.bytes();
  }

  errorOutput(): Uint8Array {
    this.machine.flushOutput();
    return this.io.err.bytes();
  }

  sendInput(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.modify({ cycles: this.now(), kind: 'input', bytes: Array.from(bytes) });
  }

  // ---- state ----

  stateHash(): string {
    return hashSnapshot(captureMachine(this.machine, this.snaps[this.snaps.length - 1]?.machine));
  }
}
