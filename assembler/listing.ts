/**
 * The listing (`--listing`: like `as -al`, but with final addresses after linking) and the symbol
 * map (`--map`: symbols sorted by address, with section, size, type and binding).
 */
import type { LinkedSymbol } from './index.js';
import type { LinkResult } from './link.js';
import type { Unit } from './unit.js';

const hex8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

export function makeListing(units: Unit[], lr: LinkResult): string {
  const lines: string[] = [];
  units.forEach((u) => {
    lines.push(`# ${u.fileName}`);
    for (const r of u.listing) {
      const base = r.buf.base;
      const out = lr.out[r.buf.name];
      const addr = base + r.start;
      const rel = addr - lr.outAddr[r.buf.name];
      const n = r.end - r.start;
      const loc = `${r.file}:${r.line}`;
      if (n === 0) {
        lines.push(`${loc.padEnd(16)} ${' '.repeat(8)}  ${' '.repeat(8)}  ${r.text}`);
        continue;
      }
      // Instruction words for code, bytes in memory order for data; at most 4 bytes per row.
      for (let k = 0; k < n; k += 4) {
        const m = Math.min(4, n - k);
        let bytes = '';
        if (r.buf.nobits) bytes = '00'.repeat(m);
        else if (r.buf.name === '.text' && m === 4 && ((addr + k) & 3) === 0) {
          const o = rel + k;
          bytes = hex8((out[o]! | (out[o + 1]! << 8) | (out[o + 2]! << 16) | (out[o + 3]! << 24)) >>> 0);
        } else for (let j = 0; j < m; j++) bytes += (out[rel + k + j] ?? 0).toString(16).padStart(2, '0');
        lines.push(`${(k === 0 ? loc : '').padEnd(16)} ${hex8(addr + k)}  ${bytes.padEnd(8)}  ${k === 0 ? r.text : ''}`.trimEnd());
      }
    }
  });
  return lines.join('\n') + '\n';
}

export function makeMap(symbols: readonly LinkedSymbol[], entry: number): string {
  const sorted = [...symbols].sort((a, b) => (a.value >>> 0) - (b.value >>> 0) || a.name.localeCompare(b.name));
  const lines = [`entry ${hex8(entry)}`, 'address   size      section   type    bind    name'];
  for (const s of sorted) {
    lines.push(`${hex8(s.value)}  ${hex8(s.size)}  ${s.section.padEnd(8)}  ${s.type.padEnd(6)}  ${(s.global ? 'global' : 'local').padEnd(6)}  ${s.name}`);
  }
  return lines.join('\n') + '\n';
}
