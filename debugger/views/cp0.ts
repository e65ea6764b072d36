/**
 * The CP0 pane, decoded (debugger.md §2; r3000.md §1.2): Status with its KU/IE stack shown as
 * old/prev/cur (an exception pushes it, RFE pops it), IM, BEV, TS, CU; Cause with ExcCode by name,
 * IP and BD; EPC, BadVAddr, EntryHi (VPN, ASID), EntryLo, Index (P bit), Random, Context
 * (PTEBase, BadVPN), PRId.
 */
import {
  C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_PRID, C0_STATUS,
} from '../../emulator/cop0.js';
import { EXC_NAMES } from '../../emulator/exceptions.js';
import { fit, hex8 } from '../format.js';
import type { Inspect } from '../inspect.js';
import type { SymbolTable } from '../symbols.js';

export const excName = (code: number): string => EXC_NAMES[code] ?? `exc${code}`;

const bits8 = (v: number): string => v.toString(2).padStart(8, '0');

export function decodeStatus(sr: number): string {
  const ku = (b: number): string => `${(sr >>> b) & 2 ? 'U' : 'K'}${(sr >>> b) & 1 ? 'I' : '-'}`;
  const cu = [3, 2, 1, 0].map((i) => ((sr >>> (28 + i)) & 1 ? String(i) : '-')).join('');
  const flags = [(sr & 0x00400000) !== 0 ? 'BEV' : '', (sr & 0x00200000) !== 0 ? 'TS' : '', (sr & 0x00010000) !== 0 ? 'IsC' : '', (sr & 0x00020000) !== 0 ? 'SwC' : '']
    .filter((x) => x !== '').join(' ');
  return `o/p/c ${ku(4)}/${ku(2)}/${ku(0)} IM ${bits8((sr >>> 8) & 0xff)} CU ${cu}${flags ? ' ' + flags : ''}`;
}

export function decodeCause(cause: number): string {
  const code = (cause >>> 2) & 31;
  const bd = (cause & 0x80000000) !== 0 ? ' BD' : '';
  const ce = (cause >>> 28) & 3;
  return `${excName(code)}(${code}) IP ${bits8((cause >>> 8) & 0xff)}${bd}${code === 11 ? ` CE ${ce}` : ''}`;
}

export function cp0Lines(s: Inspect, width: number, rows: number, symbols: SymbolTable): string[] {
  const c0 = s.machine.cpu.cop0;
  const r = (n: number): number => c0[n]! >>> 0;
  const sr = r(C0_STATUS);
  const cause = r(C0_CAUSE);
  const eh = r(C0_ENTRYHI);
  const el = r(C0_ENTRYLO);
  const idx = r(C0_INDEX);
  const ctx = r(C0_CONTEXT);
  const epc = r(C0_EPC);
  const asid = (eh >>> 6) & 63;
  const epcName = symbols.describe(epc, asid);
  const random = s.machine.cpu.random();
  const lines = [
    `Status   ${hex8(sr)} ${decodeStatus(sr)}`,
    `Cause    ${hex8(cause)} ${decodeCause(cause)}`,
    `EPC      ${hex8(epc)}${epcName ? ` <${epcName}>` : ''}`,
    `BadVAddr ${hex8(r(C0_BADVADDR))}`,
    `EntryHi  ${hex8(eh)} VPN ${hex8(eh & 0xfffff000)} ASID ${asid}`,
    `EntryLo  ${hex8(el)} PFN ${hex8(el & 0xfffff000)} ${el & 0x800 ? 'N' : '-'}${el & 0x400 ? 'D' : '-'}${el & 0x200 ? 'V' : '-'}${el & 0x100 ? 'G' : '-'}`,
    `Index    ${hex8(idx)} ${idx & 0x80000000 ? 'P (probe failed)' : `entry ${(idx >>> 8) & 63}`}   Random ${random}`,
    `Context  ${hex8(ctx)} PTEBase ${hex8(ctx & 0xffe00000)} BadVPN ${hex8(((ctx >>> 2) & 0x7ffff) << 12)}`,
    `PRId     ${hex8(r(C0_PRID))}`,
  ];
  return Array.from({ length: rows }, (_, i) => fit(lines[i] ?? '', width));
}
