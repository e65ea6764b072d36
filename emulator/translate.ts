/**
 * Virtual-to-physical translation: the R3000 segment rules, the TLB lookup, and the host-side
 * translation caches the interpreter reads on every access.
 *
 * One translator, `translate(va, intent)`, serves fetches, loads, stores and debug accesses.
 * With INTENT_DEBUG it has no side effects at all (no TLB shutdown bit, no demand paging), so
 * debuggers, trace printers and trap hooks can use it freely.
 *
 * Segments (r3000.md §1.1): kuseg 0x00000000-0x7FFFFFFF mapped; kseg0 0x80000000-0x9FFFFFFF =
 * PA + 0x80000000 cached; kseg1 0xA0000000-0xBFFFFFFF = PA + 0xA0000000 uncached; kseg2
 * 0xC0000000-0xFFFFFFFF mapped. User mode (SR.KUc=1) may use only kuseg: AdEL/AdES otherwise.
 * Mapped segments go through the 64-entry TLB (or, for `--abi linux`, a host page map for kuseg).
 */
import type { Bus } from './bus.js';
import { C0_ENTRYHI, C0_STATUS, SR_KUC, SR_TS } from './cop0.js';
import { EXC_ADEL, EXC_ADES, EXC_MOD, EXC_REFILL_FLAG, EXC_TLBL, EXC_TLBS } from './exceptions.js';

export const INTENT_FETCH = 0;
export const INTENT_READ = 1;
export const INTENT_WRITE = 2;
/** Or'ed into an intent: no side effects. */
export const INTENT_DEBUG = 4;

// EntryHi / EntryLo fields (r3000.md §1.2).
export const EH_VPN = 0xfffff000;
export const EH_ASID = 0x00000fc0;
export const EL_PFN = 0xfffff000;
export const EL_N = 0x00000800;
export const EL_D = 0x00000400;
export const EL_V = 0x00000200;
export const EL_G = 0x00000100;

/** A host-side page map for kuseg (used by `--abi linux`, where no guest kernel manages a TLB). */
export interface HostMap {
  /** Physical page number + 1 for a virtual page number, 0 when unmapped. */
  lookup(vpn: number): number;
  /** Demand paging: map the page of `va` if it lies in a growable region; true if now mapped. */
  fault(va: number): boolean;
}

// Translation-cache entry flags (the entry is the physical page address | flags, 0 = empty).
export const TC_READ = 1;
export const TC_WRITE = 2;
export const TC_CACHED = 4;

/**
 * A host translation cache: one Int32Array entry per virtual page, valid only for RAM pages whose
 * access needs no further checks. It remembers which entries it filled so that clearing is cheap.
 */
export class TransCache {
  readonly entries = new Int32Array(1 << 20);
  private readonly filled = new Int32Array(4096);
  private nFilled = 0;
  private overflow = false;

  set(vpn: number, entry: number): void {
    if (this.entries[vpn] === 0) {
      if (this.nFilled < this.filled.length) this.filled[this.nFilled++] = vpn;
      else this.overflow = true;
    }
    this.entries[vpn] = entry;
  }

  clear(): void {
    if (this.overflow) this.entries.fill(0);
    else for (let i = 0; i < this.nFilled; i++) this.entries[this.filled[i]!] = 0;
    this.nFilled = 0;
    this.overflow = false;
  }
}

export class Mmu {
  readonly tlbHi = new Uint32Array(64);
  readonly tlbLo = new Uint32Array(64);
  hostMap: HostMap | null = null;
  /** Translation caches for kernel and user mode (the CPU picks one by SR.KUc). */
  readonly tcKernel = new TransCache();
  readonly tcUser = new TransCache();
  /** Results of the last successful translate(). */
  pa = 0;
  cached = true;
  /** Bumped whenever mappings change; the CPU then drops its fetch-page cache. */
  generation = 0;
  /**
   * The last non-debug translate() found more than one matching TLB entry (and set SR.TS). Such a
   * page is never put in a translation cache, so every access to it looks the TLB up again and
   * sets TS again, exactly as without the caches.
   */
  duplicate = false;

  constructor(
    private readonly cop0: Uint32Array,
    private readonly bus: Bus,
  ) {}

  /** Drops every cached translation (TLB write, ASID change, host map change). */
  invalidate(): void {
    this.tcKernel.clear();
    this.tcUser.clear();
    this.generation++;
  }

  /**
   * Translates `va` (any 32-bit value). Returns 0 and sets `pa`/`cached`, or returns an exception
   * code (AdEL, AdES, TLBL, TLBS, Mod; TLBL/TLBS | EXC_REFILL_FLAG for a kuseg miss).
   * Alignment is the caller's business (it is checked before translation).
   */
  translate(va: number, intent: number): number {
    const v = va >>> 0;
    if ((intent & INTENT_DEBUG) === 0) this.duplicate = false;
    const kind = intent & 3;
    const write = kind === INTENT_WRITE;
    if (v >= 0x80000000) {
      if ((this.cop0[C0_STATUS]! & SR_KUC) !== 0) return write ? EXC_ADES : EXC_ADEL;
      if (v < 0xa0000000) {
        this.pa = v - 0x80000000;
        this.cached = true;
        return 0;
      }
      if (v < 0xc0000000) {
        this.pa = v - 0xa0000000;
        this.cached = false;
        return 0;
      }
      return this.tlbTranslate(v, intent, false);
    }
    const hm = this.hostMap;
    if (hm !== null) {
      let ppn = hm.lookup(v >>> 12);
      if (ppn === 0 && (intent & INTENT_DEBUG) === 0 && hm.fault(v)) ppn = hm.lookup(v >>> 12);
      if (ppn === 0) return write ? EXC_TLBS : EXC_TLBL;
      this.pa = (((ppn - 1) << 12) | (v & 0xfff)) >>> 0;
      this.cached = true;
      return 0;
    }
    return this.tlbTranslate(v, intent, true);
  }

  private tlbTranslate(v: number, intent: number, kuseg: boolean): number {
    const write = (intent & 3) === INTENT_WRITE;
    const i = this.probe(v, (this.cop0[C0_ENTRYHI]! & EH_ASID) >>> 0, (intent & INTENT_DEBUG) !== 0);
    if (i < 0) return (write ? EXC_TLBS : EXC_TLBL) | (kuseg ? EXC_REFILL_FLAG : 0);
    const lo = this.tlbLo[i]!;
    if ((lo & EL_V) === 0) return write ? EXC_TLBS : EXC_TLBL;
    if (write && (lo & EL_D) === 0) return EXC_MOD;
    this.pa = ((lo & EL_PFN) | (v & 0xfff)) >>> 0;
    this.cached = (lo & EL_N) === 0;
    return 0;
  }

  /**
   * The TLB entry matching a virtual address and ASID, or -1. Match = VPN equal and (G or ASID
   * equal); V=0 entries still match (r3000.md §1.3). More than one match sets SR.TS (the R3000's
   * TLB shutdown), unless this is a debug lookup; the first match is used.
   */
  probe(va: number, asid: number, debug: boolean): number {
    const vpn = (va & EH_VPN) >>> 0;
    let found = -1;
    for (let i = 0; i < 64; i++) {
      const hi = this.tlbHi[i]!;
      if (((hi & EH_VPN) >>> 0) !== vpn) continue;
      if ((this.tlbLo[i]! & EL_G) === 0 && ((hi & EH_ASID) >>> 0) !== asid) continue;
      if (found < 0) {
        found = i;
        if (debug) break;
      } else {
        this.cop0[C0_STATUS] = (this.cop0[C0_STATUS]! | SR_TS) >>> 0;
        this.duplicate = true;
        break;
      }
    }
    return found;
  }

  /**
   * The translation-cache entry for a successful translation of `va` with `intent`, or 0 when the
   * page must always take the slow path (not RAM, or a TLB page that is not writable may still be
   * read fast: the entry then lacks TC_WRITE).
   */
  cacheEntryFor(va: number): number {
    if (!this.bus.isRam(this.pa) || this.duplicate) return 0;
    // Decide readability/writability with side-effect-free probes.
    const saved = this.pa;
    const savedCached = this.cached;
    let flags = TC_READ;
    if (this.translate(va, INTENT_WRITE | INTENT_DEBUG) === 0 && this.pa === saved) flags |= TC_WRITE;
    this.pa = saved;
    this.cached = savedCached;
    if (savedCached) flags |= TC_CACHED;
    return ((saved & 0xfffff000) | flags) | 0;
  }
}
