/**
 * The TLB pane: the 64 entries, one row each (debugger.md §2; r3000.md §1.3): index, VPN with the
 * virtual range, ASID, PFN with the physical page, N/D/V/G. The entry Index points at is marked
 * `I`, the current Random value `R` (Random cycles 63..8: entries 0-7 are safe from TLBWR).
 * Entries that the current ASID can use (its ASID, or G) are green; two entries matching the same
 * VPN and ASID (which set Status.TS on real hardware) are red. Filters: all, valid only, one ASID.
 */
import { C0_ENTRYHI, C0_INDEX } from '../../emulator/cop0.js';
import { bold, dim, fit, green, hex8, inverse, red } from '../format.js';
import type { Inspect } from '../inspect.js';

export type TlbFilter = { readonly kind: 'all' } | { readonly kind: 'valid' } | { readonly kind: 'asid'; readonly asid: number };

export interface TlbEntryView {
  readonly index: number;
  readonly hi: number;
  readonly lo: number;
  readonly vpn: number;
  readonly asid: number;
  readonly pfn: number;
  readonly n: boolean;
  readonly d: boolean;
  readonly v: boolean;
  readonly g: boolean;
}

export function tlbEntries(s: Inspect): TlbEntryView[] {
  const mmu = s.machine.cpu.mmu;
  return Array.from({ length: 64 }, (_, i) => {
    const hi = mmu.tlbHi[i]! >>> 0;
    const lo = mmu.tlbLo[i]! >>> 0;
    return {
      index: i, hi, lo, vpn: hi >>> 12, asid: (hi >>> 6) & 63, pfn: lo >>> 12,
      n: (lo & 0x800) !== 0, d: (lo & 0x400) !== 0, v: (lo & 0x200) !== 0, g: (lo & 0x100) !== 0,
    };
  });
}

export function describeFilter(f: TlbFilter): string {
  return f.kind === 'all' ? 'all' : f.kind === 'valid' ? 'valid' : `asid ${f.asid}`;
}

export function filterTlb(entries: readonly TlbEntryView[], f: TlbFilter): TlbEntryView[] {
  if (f.kind === 'all') return [...entries];
  if (f.kind === 'valid') return entries.filter((e) => e.v);
  return entries.filter((e) => e.g || e.asid === f.asid);
}

export const TLB_HEADER = 'idx   VPN    virtual range      ASID  PFN    physical  NDVG';

export function tlbRowText(e: TlbEntryView, marks: string): string {
  const va = e.vpn << 12;
  return `${String(e.index).padStart(2)} ${marks} ${(e.vpn >>> 0).toString(16).padStart(5, '0')}  ${hex8(va)}-${hex8((va | 0xfff) >>> 0)}  ${String(e.asid).padStart(2)}  ${e.pfn.toString(16).padStart(5, '0')}  ${hex8(e.pfn << 12)}  ${e.n ? 'N' : '-'}${e.d ? 'D' : '-'}${e.v ? 'V' : '-'}${e.g ? 'G' : '-'}`;
}

/** The pane's lines: a header, then the filtered entries from `scroll`. */
export function tlbLines(s: Inspect, width: number, rows: number, filter: TlbFilter, scroll: number): string[] {
  const c0 = s.machine.cpu.cop0;
  const curAsid = (c0[C0_ENTRYHI]! >>> 6) & 63;
  const index = (c0[C0_INDEX]! >>> 8) & 63;
  const random = s.machine.cpu.random();
  const all = tlbEntries(s);
  const dup = new Set<number>();
  for (const a of all) {
    if (!a.v) continue;
    for (const b of all) {
      if (b.index <= a.index || !b.v || b.vpn !== a.vpn) continue;
      // Both match some address space at once: same ASID, or either global.
      if (a.g || b.g || a.asid === b.asid) {
        dup.add(a.index);
        dup.add(b.index);
      }
    }
  }
  const shown = filterTlb(all, filter);
  const out = [inverse(fit(`${TLB_HEADER}  [${describeFilter(filter)}; ASID ${curAsid}]`, width))];
  const first = Math.max(0, Math.min(scroll, Math.max(0, shown.length - (rows - 1))));
  for (const e of shown.slice(first, first + rows - 1)) {
    const marks = `${e.index === index ? 'I' : ' '}${e.index === random ? 'R' : ' '}`;
    let text = tlbRowText(e, marks);
    if (dup.has(e.index)) text = bold(red(text + ' dup'));
    else if (e.v && (e.g || e.asid === curAsid)) text = green(text);
    else if (!e.v) text = dim(text);
    out.push(fit(text, width));
  }
  while (out.length < rows) out.push(fit(shown.length === 0 && out.length === 1 ? '(no entries match the filter)' : '', width));
  return out.slice(0, rows);
}
