/**
 * R3000 CPU state and everything the interpreter's fast path hands off: the slow memory paths,
 * exception entry with its pipeline side effects, CP0 moves and the TLB instructions.
 *
 * The pipeline facts live in one place, `interpreter.ts`; this file holds their state:
 * - `pc`: address of the next instruction to execute; `npc`: the one after it (a taken branch
 *   has already replaced it with the target); `bd`: the instruction at `pc` is in a delay slot.
 * - Load delay (r3000.md §2, DuckStation's model): a load's result is pending in
 *   (`ldReg`, `ldVal`) for one instruction; `ldReg` = 32 means none (a dummy 33rd register, so
 *   committing never branches).
 * - HI/LO: `hiloReady` is the cycle at which a MULT/DIV result is available; MFHI/MFLO stall
 *   until then.
 * Times (`cyc`, `hiloReady`, write-buffer times) count cycles from the start of the current run
 * slice, so they stay small integers; `count[CNT_CYCLE_BASE]` is the total before the slice (see `rebase`).
 */
import { ICACHE_RESIDENT, NOT_DECODED, RI_ID, type Bus } from './bus.js';
import { TagCache } from './cache.js';
import {
  C0_CAUSE, C0_ENTRYHI, C0_ENTRYLO, C0_IMPLEMENTED, C0_INDEX, C0_PRID, C0_RANDOM, C0_STATUS, C0_WRITE_MASK,
  CAUSE_IP_HW, PRID_R3000, SR_BEV, SR_IEC, SR_KUC,
} from './cop0.js';
import { decodeHw } from './decode.js';
import { EXC_ADEL, EXC_ADES, EXC_DBE, EXC_IBE, EXC_INT, enterException, returnFromException } from './exceptions.js';
import type { Tracer } from './trace.js';
import { EH_ASID, INTENT_FETCH, INTENT_READ, INTENT_WRITE, Mmu } from './translate.js';
import { WriteBuffer } from './writebuffer.js';

/** The cycle model's parameters (docs/timing.md). */
export interface TimingConfig {
  /** I- and D-cache sizes in bytes (power of two; 4-byte lines). */
  readonly icacheBytes: number;
  readonly dcacheBytes: number;
  /** Stall cycles of a cache miss (the memory read that refills one line). */
  readonly icacheMissCycles: number;
  readonly dcacheMissCycles: number;
  /** Stall cycles of an uncached read (kseg1, TLB N=1, devices, boot ROM). */
  readonly uncachedReadCycles: number;
  /** Write buffer entries (a power of two), and cycles to retire one entry to memory. */
  readonly writeBufferDepth: number;
  readonly writeRetireCycles: number;
}

export const DEFAULT_TIMING: TimingConfig = {
  icacheBytes: 64 * 1024,
  dcacheBytes: 64 * 1024,
  icacheMissCycles: 5,
  dcacheMissCycles: 5,
  uncachedReadCycles: 5,
  writeBufferDepth: 4,
  writeRetireCycles: 5,
};

/** HI/LO indices in Cpu.hilo. */
export const HI = 0;
export const LO = 1;

/** Indices of Cpu.count. Stall counters exclude the write buffer's (WriteBuffer.stallCycles). */
export const CNT_CYCLE_BASE = 0; // total cycles before the current slice
export const CNT_INSTRUCTIONS = 1; // retired instructions
export const CNT_EXCEPTIONS = 2; // guest exceptions taken (not those a trap hook served)
export const CNT_ICACHE_MISSES = 3;
export const CNT_DCACHE_MISSES = 4;
export const CNT_STALL_ICACHE = 5;
export const CNT_STALL_DCACHE = 6;
export const CNT_STALL_UNCACHED = 7;
export const CNT_STALL_HILO = 8;
export const CNT_FAULTED = 9; // instructions that raised an exception (counted cycles, not retired)
export const CNT_HOOK_CYCLES = 10; // cycles charged by trap hooks (hooks.ts): no instruction retires in them
const CNT_SIZE = 11;

/** What a trap hook tells the CPU after seeing an exception. */
export const HOOK_PASS = 0; // take the guest exception normally
export const HOOK_RESUME = 1; // the instruction completed; continue at cpu.pc
export const HOOK_STOP = 2; // stop the run; the instruction did not complete
export const HOOK_STOP_RETIRED = 3; // stop the run; the instruction completed (e.g. exit)

/**
 * Host code that intercepts guest exceptions (the `--abi linux` system calls). Called with the
 * pending load already committed and cpu.pc/npc pointing past the instruction.
 */
export interface TrapHook {
  exception(cpu: Cpu, code: number, pc: number, inDelaySlot: boolean, badVAddr: number): number;
}

/** Why a run stopped early. */
export type StopInfo =
  | { readonly kind: 'halt'; readonly code: number }
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'fault'; readonly code: number; readonly message: string };

const FETCH_NONE = 0xffc; // never equals (pc & 0xFFFFF003)

export class Cpu {
  /** r0..r31, and r32: the load-delay sink ("no pending load"). r0 is kept 0. */
  readonly gpr = new Int32Array(33);
  pc = 0;
  npc = 4;
  bd = 0;
  ldReg = 32;
  ldVal = 0;
  readonly cop0 = new Uint32Array(32);
  readonly mmu: Mmu;
  readonly icache: TagCache;
  readonly dcache: TagCache;
  readonly wb: WriteBuffer;
  private readonly ramWords: number;

  /** HI and LO (indices HI, LO), kept in a typed array so the values never change representation. */
  readonly hilo = new Int32Array(2);

  // ---- time ----
  /** Cycles into the current slice. */
  cyc = 0;
  hiloReady = -0x40000000;
  /**
   * Totals that outgrow small integers (indices CNT_*): a Float64Array, so that V8 never sees a
   * field change from small integer to double (which deoptimizes the interpreter mid-run).
   */
  readonly count = new Float64Array(CNT_SIZE);

  // ---- fetch page cache (see interpreter.ts) ----
  fKey = FETCH_NONE;
  fBase = 0;
  fetchWord = -(2 ** 31);
  fetchId = 0;

  // ---- results of execCoprocessor (coprocessor.ts) ----
  copBd = 0;
  copLdReg = 32;
  copLdVal = -(2 ** 31);
  copCe = 0;

  // ---- slow-path results ----
  /** The zero-extended value of the last slow load (a double field from the start: see `count`). */
  tmp = 2 ** 32 - 1;
  badVAddr = 2 ** 32 - 1;

  /**
   * Set (1) when the current run slice should end at the next instruction boundary: an interrupt
   * became deliverable (MTC0 Status/Cause, RFE, a device line rising during an access), or a
   * device scheduled an event earlier than the slice's end. The interpreter reads it only after
   * its slow paths (device accesses, coprocessor instructions), never per instruction.
   */
  yieldReq = 0;
  /** Trace hooks (`exo run --trace`); null unless tracing, and read only off the fast path. */
  tracer: Tracer | null = null;

  hook: TrapHook | null = null;
  /** Called with each exception vector; returning false stops the run (unhandled exception). */
  onVector: ((vector: number, code: number) => boolean) | null = null;
  stop: StopInfo | null = null;

  constructor(
    readonly bus: Bus,
    readonly timing: TimingConfig = DEFAULT_TIMING,
  ) {
    this.ramWords = bus.ramSize >>> 2;
    this.mmu = new Mmu(this.cop0, bus);
    this.icache = new TagCache(timing.icacheBytes);
    this.dcache = new TagCache(timing.dcacheBytes);
    this.wb = new WriteBuffer(timing.writeBufferDepth, timing.writeRetireCycles);
    this.reset();
  }

  /** Reset: PC at the reset vector, kernel mode, BEV=1, interrupts off (r3000.md §1.2). */
  reset(): void {
    this.gpr.fill(0);
    this.hilo.fill(0);
    this.cop0.fill(0);
    this.cop0[C0_STATUS] = SR_BEV;
    this.cop0[C0_PRID] = PRID_R3000;
    this.setPc(0xbfc00000);
    this.ldReg = 32;
    this.ldVal = 0;
    // The TLB's reset contents are undefined; we start with entries that match no kuseg or kseg2
    // address (unique kseg0 VPNs, EntryLo 0), the state Linux's local_flush_tlb_all leaves.
    for (let i = 0; i < 64; i++) {
      this.mmu.tlbHi[i] = ((0x80000 | i) << 12) >>> 0;
      this.mmu.tlbLo[i] = 0;
    }
    this.mmu.invalidate();
    this.fKey = FETCH_NONE;
  }

  /** Continues execution at `addr` (not in a delay slot). */
  setPc(addr: number): void {
    this.pc = addr | 0;
    this.npc = (addr + 4) | 0;
    this.bd = 0;
    this.fKey = FETCH_NONE;
  }

  get totalCycles(): number {
    return this.count[CNT_CYCLE_BASE]! + this.cyc;
  }

  get hi(): number {
    return this.hilo[HI]!;
  }

  get lo(): number {
    return this.hilo[LO]!;
  }

  get instructions(): number {
    return this.count[CNT_INSTRUCTIONS]!;
  }

  /** The translation cache for the current mode. */
  currentTc(): Int32Array {
    return (this.cop0[C0_STATUS]! & SR_KUC) !== 0 ? this.mmu.tcUser.entries : this.mmu.tcKernel.entries;
  }

  /** Ends a slice: folds `cyc` into the total and moves slice-relative times. */
  rebase(): void {
    const d = this.cyc;
    this.count[CNT_CYCLE_BASE] = this.count[CNT_CYCLE_BASE]! + d;
    this.cyc = 0;
    const h = this.hiloReady - d;
    this.hiloReady = h < -0x40000000 ? -0x40000000 : h;
    this.wb.rebase(d);
  }

  /**
   * A trap hook's cost (hooks.ts): `n` cycles pass with no instruction retiring. The interpreter
   * counts retired instructions at the slice's end as cycles - stalls - faulted instructions, so
   * the hook's cycles are taken off the instruction total here, once.
   */
  chargeHookCycles(n: number): void {
    this.cyc += n;
    this.count[CNT_HOOK_CYCLES] = this.count[CNT_HOOK_CYCLES]! + n;
    this.count[CNT_INSTRUCTIONS] = this.count[CNT_INSTRUCTIONS]! - n;
  }

  // ---- timing of memory reads ----

  /** Stall of a D-cache read miss at cycle t, refilling line `li` with word `wa`. */
  dataMiss(t: number, wa: number, li: number): number {
    this.dcache.tags[li] = wa;
    this.count[CNT_DCACHE_MISSES] = this.count[CNT_DCACHE_MISSES]! + 1;
    const s = this.wb.drainWait(t) + this.timing.dcacheMissCycles;
    this.count[CNT_STALL_DCACHE] = this.count[CNT_STALL_DCACHE]! + s;
    return s;
  }

  /** Stall of an uncached read at cycle t. */
  uncachedRead(t: number): number {
    const s = this.wb.drainWait(t) + this.timing.uncachedReadCycles;
    this.count[CNT_STALL_UNCACHED] = this.count[CNT_STALL_UNCACHED]! + s;
    return s;
  }

  /** Stall of an I-cache miss at cycle t, refilling line `li` with word `wa`. */
  fetchMiss(t: number, wa: number, li: number): number {
    const old = this.icache.tags[li]!;
    if (old >= 0 && old < this.ramWords) this.bus.decoded[old] = this.bus.decoded[old]! & ~ICACHE_RESIDENT;
    this.icache.tags[li] = wa;
    this.count[CNT_ICACHE_MISSES] = this.count[CNT_ICACHE_MISSES]! + 1;
    const s = this.wb.drainWait(t) + this.timing.icacheMissCycles;
    this.count[CNT_STALL_ICACHE] = this.count[CNT_STALL_ICACHE]! + s;
    return s;
  }

  /**
   * A cached fetch of RAM word `wa` that is not flagged I-cache resident: the tag compare (a miss
   * refills the line and stalls, adding to `cyc`), decoding if needed, and the resident flag.
   * Returns the ISA id (or RI_ID).
   */
  fetchRam(wa: number): number {
    const li = wa & this.icache.mask;
    if (this.icache.tags[li] !== wa) this.cyc += this.fetchMiss(this.cyc, wa, li);
    const dec = this.bus.decoded;
    let id = dec[wa]! & ~ICACHE_RESIDENT;
    if (id === NOT_DECODED) id = decodeId(this.bus.ram32[wa]!);
    dec[wa] = id | ICACHE_RESIDENT;
    return id;
  }

  /** Invalidates the whole I-cache (and the resident flags that mirror it). */
  invalidateIcache(): void {
    const tags = this.icache.tags;
    for (let i = 0; i < tags.length; i++) {
      const old = tags[i]!;
      if (old >= 0 && old < this.ramWords) this.bus.decoded[old] = this.bus.decoded[old]! & ~ICACHE_RESIDENT;
    }
    this.icache.invalidateAll();
  }

  /** Stall of a read of `pa` (cached or not) at cycle t. */
  private readTiming(t: number, pa: number, cached: boolean): number {
    if (!cached) return this.uncachedRead(t);
    const wa = pa >>> 2;
    const li = wa & this.dcache.mask;
    return this.dcache.tags[li] === (wa | 0) ? 0 : this.dataMiss(t, wa | 0, li);
  }

  // ---- slow paths (the interpreter syncs `cyc` before calling and reloads it after) ----

  /**
   * Fetches the instruction at `pc` the slow way: alignment, translation, I-cache timing, and a
   * bus read for non-RAM memory. Returns 0 (word in fetchWord, id in fetchId; the fetch-page cache
   * is refilled for a RAM page) or an exception code (badVAddr set).
   */
  fetchSlow(pc: number): number {
    this.fKey = FETCH_NONE;
    if ((pc & 3) !== 0) {
      this.badVAddr = pc;
      return EXC_ADEL;
    }
    const st = this.mmu.translate(pc, INTENT_FETCH);
    if (st !== 0) {
      this.badVAddr = pc;
      return st;
    }
    const pa = this.mmu.pa;
    const cached = this.mmu.cached;
    const wa = pa >>> 2;
    if (this.bus.isRam(pa)) {
      this.fetchWord = this.bus.ram32[wa]!;
      if (cached) {
        // Later fetches from this page take the interpreter's fast path (not for a page with
        // duplicate TLB matches: each fetch must look it up again and set SR.TS).
        if (!this.mmu.duplicate) {
          this.fKey = pc & -4096;
          this.fBase = wa & ~1023;
        }
        this.fetchId = this.fetchRam(wa);
      } else {
        this.cyc += this.uncachedRead(this.cyc);
        const dec = this.bus.decoded;
        let id = dec[wa]! & ~ICACHE_RESIDENT;
        if (id === NOT_DECODED) {
          id = decodeId(this.fetchWord);
          dec[wa] = id | (dec[wa]! & ICACHE_RESIDENT);
        }
        this.fetchId = id;
      }
      return 0;
    }
    if (cached) {
      const li = wa & this.icache.mask;
      if (this.icache.tags[li] !== wa) this.cyc += this.fetchMiss(this.cyc, wa, li);
    } else {
      this.cyc += this.uncachedRead(this.cyc);
    }
    if (!this.bus.read(pa, 4)) return EXC_IBE;
    this.fetchWord = this.bus.value | 0;
    this.fetchId = decodeId(this.fetchWord);
    return 0;
  }

  /**
   * A load the fast path could not do. Returns 0 with the zero-extended value in `tmp`, or an
   * exception code (badVAddr set for address and TLB errors).
   */
  loadSlow(va: number, size: number): number {
    if ((va & (size - 1)) !== 0) {
      this.badVAddr = va;
      return EXC_ADEL;
    }
    const st = this.mmu.translate(va, INTENT_READ);
    if (st !== 0) {
      this.badVAddr = va;
      return st;
    }
    const pa = this.mmu.pa;
    const cached = this.mmu.cached;
    if (this.bus.isRam(pa)) {
      const e = this.mmu.cacheEntryFor(va);
      if (e !== 0) this.tcSet(va >>> 12, e);
    }
    this.cyc += this.readTiming(this.cyc, pa, cached);
    if (!this.bus.read(pa, size)) return EXC_DBE;
    this.tmp = this.bus.value;
    return 0;
  }

  /** A store the fast path could not do. Returns 0 or an exception code. */
  storeSlow(va: number, size: number, value: number): number {
    if ((va & (size - 1)) !== 0) {
      this.badVAddr = va;
      return EXC_ADES;
    }
    const st = this.mmu.translate(va, INTENT_WRITE);
    if (st !== 0) {
      this.badVAddr = va;
      return st;
    }
    const pa = this.mmu.pa;
    const cached = this.mmu.cached;
    if (this.bus.isRam(pa)) {
      const e = this.mmu.cacheEntryFor(va);
      if (e !== 0) this.tcSet(va >>> 12, e);
    }
    if (cached) this.storeCacheUpdate(pa, size);
    this.cyc += this.wb.push(this.cyc);
    if (!this.bus.write(pa, size, value)) return EXC_DBE;
    return 0;
  }

  /**
   * SWL/SWR (little-endian byte lanes): SWL writes the top bytes of `r` to the bytes from the
   * aligned word's start up to va; SWR writes the bottom bytes of `r` from va to the word's end.
   * Never an alignment error. On the bus this is one partial-word store of the aligned word; the
   * emulator merges with the current memory contents (read without side effects).
   */
  storeMerge(va: number, r: number, left: boolean): number {
    const aligned = va & -4;
    const st = this.mmu.translate(aligned, INTENT_WRITE);
    if (st !== 0) {
      this.badVAddr = va;
      return st;
    }
    const pa = this.mmu.pa;
    const cached = this.mmu.cached;
    if (!this.bus.read(pa, 4, true)) return EXC_DBE;
    const m = this.bus.value | 0;
    const sh = (va & 3) << 3;
    let v: number;
    if (left) {
      const keep = sh === 24 ? 0 : -1 << (sh + 8);
      v = (m & keep) | (r >>> (24 - sh));
    } else {
      const keep = sh === 0 ? 0 : (1 << sh) - 1;
      v = (m & keep) | (r << sh);
    }
    if (cached) this.storeCacheUpdate(pa, (va & 3) === (left ? 3 : 0) ? 4 : 1);
    this.cyc += this.wb.push(this.cyc);
    if (!this.bus.write(pa, 4, v)) return EXC_DBE;
    return 0;
  }

  /**
   * D-cache effect of a store (write-through): a word store writes the line (allocating it); a
   * partial-word store keeps a hitting line and invalidates a missing one (docs/timing.md).
   */
  storeCacheUpdate(pa: number, size: number): void {
    const wa = (pa >>> 2) | 0;
    const li = wa & this.dcache.mask;
    if (size === 4) this.dcache.tags[li] = wa;
    else if (this.dcache.tags[li] !== wa) this.dcache.tags[li] = -1;
  }

  private tcSet(vpn: number, e: number): void {
    if ((this.cop0[C0_STATUS]! & SR_KUC) !== 0) this.mmu.tcUser.set(vpn, e);
    else this.mmu.tcKernel.set(vpn, e);
  }

  // ---- exceptions ----

  /**
   * Takes exception `code` raised by the instruction at `pc`. `this.pc/npc/bd` must already hold
   * the state after that instruction (the interpreter syncs them). Commits the pending load
   * (r3000.md §1.5: the load before the faulting instruction completes), then asks the trap hook,
   * then enters the guest exception. Returns true if the instruction completed (hook resumed).
   */
  takeException(code: number, pc: number, inDelaySlot: boolean, badVAddr: number, ce: number): boolean {
    this.gpr[this.ldReg] = this.ldVal;
    this.gpr[0] = 0;
    this.ldReg = 32;
    this.fKey = FETCH_NONE;
    if (this.hook !== null) {
      const r = this.hook.exception(this, code, pc, inDelaySlot, badVAddr);
      if (r === HOOK_RESUME) return true;
      if (r === HOOK_STOP_RETIRED) {
        if (this.stop === null) throw new Error('internal: trap hook stopped without a reason');
        return true;
      }
      if (r === HOOK_STOP) {
        if (this.stop === null) throw new Error('internal: trap hook stopped without a reason');
        return false;
      }
    }
    this.count[CNT_EXCEPTIONS] = this.count[CNT_EXCEPTIONS]! + 1;
    const vector = enterException(this.cop0, code, pc, inDelaySlot, badVAddr, ce);
    this.setPc(vector);
    if (this.tracer !== null) this.tracer.exception(this, code, pc, vector);
    if (this.onVector !== null && !this.onVector(vector >>> 0, code & 0x1f) && this.stop === null) {
      throw new Error('internal: onVector refused without a stop reason');
    }
    return false;
  }

  // ---- interrupts (r3000.md §1.2, §1.6; docs/timing.md §7) ----

  /** An interrupt would be taken at this boundary: (Cause.IP & SR.IM) != 0 and SR.IEc (MAME execute_run). */
  interruptDeliverable(): boolean {
    const sr = this.cop0[C0_STATUS]!;
    return (sr & SR_IEC) !== 0 && (this.cop0[C0_CAUSE]! & sr & 0xff00) !== 0;
  }

  /**
   * Hardware interrupt pins: bit n of `lines` is Int n = Cause.IP(n+2) (devices/irq.ts). Cause
   * follows the pins at once; if that makes an interrupt deliverable the slice ends after the
   * current instruction, so the interrupt is taken at the first boundary at or after the change.
   */
  setHwInterrupts(lines: number): void {
    const c = this.cop0[C0_CAUSE]!;
    this.cop0[C0_CAUSE] = ((c & ~CAUSE_IP_HW) | ((lines << 10) & CAUSE_IP_HW)) >>> 0;
    if (this.interruptDeliverable()) this.yieldReq = 1;
  }

  /**
   * Called at an instruction boundary (between run slices): takes the interrupt exception if one
   * is deliverable. EPC = the next unexecuted instruction (`pc`), or the branch when that one is
   * in a delay slot (BD = 1); the pending load completes first (r3000.md §1.5). Returns true if
   * an interrupt was taken.
   */
  serviceInterrupt(): boolean {
    if (!this.interruptDeliverable()) return false;
    if (this.tracer !== null) this.tracer.interrupt(this);
    this.takeException(EXC_INT, this.pc, this.bd !== 0, 0, 0);
    return true;
  }

  // ---- CP0 ----

  /** Random: 63 down to 8, one step per cycle since reset, wrapping (r3000.md §1.3; MAME). */
  random(): number {
    return 63 - (Math.floor(this.totalCycles) % 56);
  }

  readCop0(reg: number): number {
    if (reg === C0_RANDOM) return this.random() << 8;
    if (!C0_IMPLEMENTED.has(reg)) return 0;
    return this.cop0[reg]! | 0;
  }

  /** MTC0. Returns true if the translation context changed (mode, ASID). */
  writeCop0(reg: number, value: number): boolean {
    const mask = C0_WRITE_MASK[reg] ?? 0;
    if (mask === 0) return false;
    const old = this.cop0[reg]!;
    this.cop0[reg] = ((old & ~mask) | (value & mask)) >>> 0;
    if (reg === C0_CAUSE || reg === C0_STATUS) {
      // An interrupt this write makes deliverable is taken right after the MTC0 (docs/timing.md §7).
      if (this.interruptDeliverable()) this.yieldReq = 1;
      if (reg === C0_CAUSE) {
        if (this.tracer !== null && ((old ^ this.cop0[reg]!) & mask) !== 0) this.tracer.softwareInterrupt(this);
        return false;
      }
      return ((old ^ this.cop0[reg]!) & SR_KUC) !== 0;
    }
    if (reg === C0_ENTRYHI && ((old ^ this.cop0[reg]!) & EH_ASID) !== 0) {
      this.mmu.invalidate();
      return true;
    }
    return false;
  }

  rfe(): void {
    returnFromException(this.cop0);
    if (this.interruptDeliverable()) this.yieldReq = 1;
  }

  tlbr(): void {
    const i = (this.cop0[C0_INDEX]! >>> 8) & 63;
    this.cop0[C0_ENTRYHI] = this.mmu.tlbHi[i]! & 0xffffffc0;
    this.cop0[C0_ENTRYLO] = this.mmu.tlbLo[i]! & 0xffffff00;
  }

  tlbwi(): void {
    this.tlbWrite((this.cop0[C0_INDEX]! >>> 8) & 63, false);
  }

  /** TLBWR: the entry Random selects in the cycle of the TLBWR (never 0-7). */
  tlbwr(): void {
    this.tlbWrite(this.random(), true);
  }

  private tlbWrite(i: number, random: boolean): void {
    this.mmu.tlbHi[i] = this.cop0[C0_ENTRYHI]! & 0xffffffc0;
    this.mmu.tlbLo[i] = this.cop0[C0_ENTRYLO]! & 0xffffff00;
    this.mmu.invalidate();
    if (this.tracer !== null) this.tracer.tlbWrite(this, i, random);
  }

  /** TLBP: hit -> Index = i << 8 (P = 0); miss -> P = 1, index field unchanged (sys161). */
  tlbp(): void {
    const hi = this.cop0[C0_ENTRYHI]!;
    const i = this.mmu.probe(hi, hi & EH_ASID, false);
    if (i >= 0) this.cop0[C0_INDEX] = i << 8;
    else this.cop0[C0_INDEX] = (this.cop0[C0_INDEX]! | 0x80000000) >>> 0;
  }
}

/** The interpreter id for a word: the ISA id, or RI_ID. */
export function decodeId(word: number): number {
  const id = decodeHw(word);
  return id < 0 ? RI_ID : id;
}
