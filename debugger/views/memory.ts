/**
 * The memory pane: hex and ASCII, with each row's translation (debugger.md §2). Virtual view
 * (under the current ASID, or a chosen one): `VA → PA` and how it is mapped (kseg0, kseg1, the TLB
 * entry), or `--` and what an access would do (a kuseg miss takes the UTLB vector, a kseg2 miss
 * or an invalid entry the general vector). Physical view: RAM and boot ROM bytes; device space is
 * never read (a read could pop a FIFO). All reads are the engine's side-effect-free ones.
 */
import { EH_ASID } from '../../emulator/translate.js';
import type { AddrSpace } from '../../emulator/debug/types.js';
import { asciiOf, bold, cyan, dim, fit, hex8, inverse, yellow } from '../format.js';
import type { Inspect } from '../inspect.js';

export interface MemoryView {
  readonly addr: number;
  readonly space: AddrSpace;
  /** ASID of the virtual view (undefined: EntryHi's). */
  readonly asid?: number;
}

/** How a virtual address is mapped, in a few characters: `k0`, `k1`, `T12`, `miss→UTLB`, ... */
export function mappingNote(s: Inspect, va: number, asid: number): { pa: number | null; note: string } {
  const v = va >>> 0;
  const t = s.translate(v, asid);
  if (t !== null) {
    const note = v >= 0x80000000 && v < 0xa0000000 ? 'k0' : v >= 0xa0000000 && v < 0xc0000000 ? 'k1' : t.tlbIndex >= 0 ? `T${t.tlbIndex}` : 'map';
    return { pa: t.paddr >>> 0, note };
  }
  if (s.machine.cpu.mmu.hostMap !== null && v < 0x80000000) return { pa: null, note: 'unmapped' };
  // Which vector an access would take (r3000.md §1.4): no matching entry in kuseg → UTLB refill.
  const i = s.machine.cpu.mmu.probe(v, (asid << 6) & EH_ASID, true);
  if (i >= 0) return { pa: null, note: `T${i} invalid→GEN` };
  return { pa: null, note: v < 0x80000000 ? 'miss→UTLB' : 'miss→GEN' };
}

export function bytesPerRow(width: number): number {
  return width >= 96 ? 16 : 8;
}

export function memoryLines(
  s: Inspect, width: number, rows: number, view: MemoryView, marks: readonly (readonly [number, string])[] = [],
  fallback?: (va: number, asid: number) => { paddr: number; via: string } | null,
): string[] {
  const per = bytesPerRow(width);
  const asid = view.asid ?? (s.machine.cpu.cop0[10]! >>> 6) & 63;
  const start = (view.addr >>> 0) - ((view.addr >>> 0) % per);
  const head = view.space === 'virtual' ? `virtual, ASID ${asid}` : 'physical';
  const out = [inverse(fit(`${view.space === 'virtual' ? 'VA       → PA       map  ' : 'PA                     '} ${head}`, width))];
  for (let r = 0; r < rows - 1; r++) {
    const a = (start + r * per) >>> 0;
    if (a < start) break; // wrapped past 0xffffffff
    let prefix: string;
    let bytes: (number | null)[];
    if (view.space === 'virtual') {
      const m = mappingNote(s, a, asid);
      // Not in the TLB, but the kernel would refill it: show where (and the bytes, dim).
      const soft = m.pa === null && fallback !== undefined ? fallback(a, asid) : null;
      if (soft !== null) {
        prefix = `${hex8(a)} → ${hex8(soft.paddr)} ${dim(soft.via === 'STLB' ? 'STLB' : soft.via === 'guaranteed' ? 'guar' : 'boot')}`;
        bytes = s.readPhysical(soft.paddr, per);
      } else {
        prefix = `${hex8(a)} → ${m.pa === null ? '--------' : hex8(m.pa)} ${m.note.padEnd(4)}`;
        bytes = s.readVirtual(a, per, asid);
      }
    } else {
      prefix = `${hex8(a)}${' '.repeat(16)}`;
      bytes = s.readPhysical(a, per);
    }
    const hexes = bytes.map((b) => (b === null ? '--' : b.toString(16).padStart(2, '0'))).join(' ');
    const ascii = bytes.map(asciiOf).join('');
    let tag = '';
    for (const [addr, name] of marks) if (addr >>> 0 >= a && addr >>> 0 < a + per) tag += ` ◂${name}`;
    const row = `${prefix} ${hexes}  ${ascii}${tag ? yellow(tag) : ''}`;
    out.push(fit(bytes.every((b) => b === null) ? dim(row) : r === 0 && view.addr === a ? bold(row) : row, width));
  }
  while (out.length < rows) out.push(fit('', width));
  return out;
}

/** `x/NFU ADDR` output lines (gdb's format letters x, d, u, c and i handled by the caller). */
export function examineLines(s: Inspect, addr: number, count: number, unit: 1 | 2 | 4, format: 'x' | 'd' | 'u' | 'c', space: AddrSpace): string[] {
  const perLine = unit === 4 ? 4 : unit === 2 ? 8 : 8;
  const bytes = space === 'virtual' ? s.readVirtual(addr >>> 0, count * unit) : s.readPhysical(addr >>> 0, count * unit);
  const out: string[] = [];
  for (let i = 0; i < count; i += perLine) {
    const items: string[] = [];
    for (let j = i; j < Math.min(count, i + perLine); j++) {
      const b = bytes.slice(j * unit, j * unit + unit);
      if (b.some((x) => x === null)) {
        items.push(unit === 4 ? '--------' : unit === 2 ? '----' : '--');
        continue;
      }
      let v = 0;
      for (let k = unit - 1; k >= 0; k--) v = v * 256 + b[k]!;
      const signed = v >= 2 ** (8 * unit - 1) ? v - 2 ** (8 * unit) : v;
      items.push(format === 'x' ? `0x${v.toString(16).padStart(unit * 2, '0')}` : format === 'd' ? String(signed) : format === 'u' ? String(v) : JSON.stringify(String.fromCharCode(v)));
    }
    out.push(`${cyan(hex8(addr + i * unit))}:  ${items.join('  ')}`);
  }
  return out;
}
