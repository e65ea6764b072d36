/**
 * Memory as gdb reads and writes it: virtual addresses under the current ASID, no side effects.
 *
 * The debug session translates through the hardware TLB only. On the exokernel the TLB is a cache
 * the kernel refills on a miss, so a page the program has not touched lately (the code at a
 * breakpoint before its first fetch, say) is often absent from it, and gdb could not show it.
 * For a kuseg address the TLB does not map on a firmware machine, this module therefore looks
 * where the refill path would, reading RAM only: the kernel's software TLB (STLB: hash of EntryHi
 * into {tag = EntryHi, EntryLo}, docs/exokernel.md), then the current environment's guaranteed
 * mappings, then its boot map (the library OS's first page table, in the boot page at BOOT_VA).
 * Pages the library OS maps only in its own later page table (vm.s) stay unreadable until they
 * are in the TLB or the STLB.
 */
import { C0_ENTRYHI } from '../emulator/cop0.js';
import type { DebugSession } from '../emulator/debug/types.js';
import { EH_ASID, EH_VPN, EL_PFN, EL_V } from '../emulator/translate.js';
import { L } from '../firmware/layout.js';

export type Via = 'tlb' | 'stlb' | 'guaranteed' | 'boot map';

export interface GuestTranslation {
  readonly paddr: number;
  readonly via: Via;
}

const PAGE = 0x1000;

export class GuestMemory {
  constructor(private readonly session: DebugSession) {}

  /** The exokernel's tables exist only when the firmware booted (firmware/boot.ts installs its hooks). */
  hasFirmware(): boolean {
    const m = this.session.machine;
    return m.cpu.hook !== null && m.abi === null;
  }

  /** Translates `va` under the current ASID (TLB first, then the kernel's tables), or null. */
  translate(va: number): GuestTranslation | null {
    const v = va >>> 0;
    const t = this.session.translate(v);
    if (t !== null) return { paddr: t.paddr, via: 'tlb' };
    if (v >= 0x80000000 || !this.hasFirmware()) return null;
    return this.softTranslate(v);
  }

  /** Bytes at a virtual address; null for a byte that does not translate or is not memory. */
  read(addr: number, length: number): (number | null)[] {
    const out = this.session.readVirtual(addr, length);
    if (!this.hasFirmware() || !out.includes(null)) return out;
    for (let i = 0; i < length; ) {
      const va = (addr + i) >>> 0;
      const n = Math.min(length - i, PAGE - (va & (PAGE - 1)));
      if (out[i] === null && va < 0x80000000 && this.session.translate(va) === null) {
        const t = this.softTranslate(va);
        if (t !== null) {
          const bytes = this.session.readPhysical(t.paddr, n);
          for (let k = 0; k < n; k++) out[i + k] = bytes[k]!;
        }
      }
      i += n;
    }
    return out;
  }

  /** Writes bytes at a virtual address; false (nothing written) if any page does not translate to RAM. */
  write(addr: number, bytes: Uint8Array): boolean {
    if (this.session.writeMemory('virtual', addr, bytes)) return true;
    if (!this.hasFirmware()) return false;
    // Page by page through the full translation; check them all before writing any.
    const parts: { pa: number; from: number; n: number }[] = [];
    for (let i = 0; i < bytes.length; ) {
      const va = (addr + i) >>> 0;
      const n = Math.min(bytes.length - i, PAGE - (va & (PAGE - 1)));
      const t = this.translate(va);
      if (t === null || t.paddr + n > this.session.machine.bus.ramSize) return false;
      parts.push({ pa: t.paddr, from: i, n });
      i += n;
    }
    for (const p of parts) {
      if (!this.session.writeMemory('physical', p.pa, bytes.subarray(p.from, p.from + p.n))) return false;
    }
    return true;
  }

  /** The word at a kseg0 address of kernel data (physical RAM), or null outside RAM. */
  private word(ka: number): number | null {
    const b = this.session.readPhysical((ka >>> 0) & 0x1fffffff, 4);
    if (b.includes(null)) return null;
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  private softTranslate(va: number): GuestTranslation | null {
    const asid = this.session.machine.cpu.cop0[C0_ENTRYHI]! & EH_ASID;
    const ehi = ((va & EH_VPN) | asid) >>> 0;
    const phys = (lo: number): number => ((lo & EL_PFN) | (va & 0xfff)) >>> 0;
    // The STLB: one slot per hash of the tag (layout.inc STLB, STLB_INDEX_MASK).
    const slot = (L('STLB') >>> 0) + ((((ehi >>> 9) ^ ehi) & L('STLB_INDEX_MASK')) >>> 0);
    const tag = this.word(slot);
    const lo = this.word(slot + 4);
    if (tag === ehi && lo !== null && (lo & EL_V) !== 0) return { paddr: phys(lo), via: 'stlb' };
    // The environment owning the ASID: its guaranteed mappings, then its boot map.
    const rec = this.word((L('ASID_OWNER') >>> 0) + 4 * (asid >>> 6));
    if (rec === null || rec === 0) return null;
    let bootPa: number | null = null;
    for (let n = 0; n < L('NGUAR'); n++) {
      const ghi = this.word(rec + L('REC_GUAR') + 8 * n);
      const glo = this.word(rec + L('REC_GUAR') + 8 * n + 4);
      if (ghi === null || glo === null || (glo & EL_V) === 0) continue;
      if (((ghi & EH_VPN) >>> 0) === ((va & EH_VPN) >>> 0)) return { paddr: phys(glo), via: 'guaranteed' };
      if (((ghi & EH_VPN) >>> 0) === L('BOOT_VA')) bootPa = (glo & EL_PFN) >>> 0;
    }
    if (bootPa === null) return null;
    const boot = (off: number): number | null => this.word(0x80000000 + bootPa! + off);
    if (boot(L('BOOT_MAGIC')) !== L('BOOT_MAGIC_VALUE') >>> 0) return null;
    const nmaps = Math.min(boot(L('BOOT_NMAPS')) ?? 0, L('BOOT_MAX_MAPS'));
    for (let i = 0; i < nmaps; i++) {
      const rv = boot(L('BOOT_MAPS') + i * L('BOOT_MAP_SIZE'));
      const rlo = boot(L('BOOT_MAPS') + i * L('BOOT_MAP_SIZE') + 4);
      if (rv === null || rlo === null) return null;
      if (((rv & EH_VPN) >>> 0) === ((va & EH_VPN) >>> 0) && (rlo & EL_V) !== 0) return { paddr: phys(rlo), via: 'boot map' };
    }
    return null;
  }
}
