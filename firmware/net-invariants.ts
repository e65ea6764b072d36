/**
 * The network path's invariants (firmware/knet.s, firmware/net-hooks.ts; docs/exokernel.md §12),
 * checked with the kernel's (firmware/invariants.ts calls this): read through physical RAM, no
 * side effects. Messages start with `[net]`.
 *
 *   - NST_NFILTERS <= DPF_NMAP, NST_NEXTID >= every installed filter's id, ids distinct and > 0;
 *   - each entry's binary form (DPF_BODY) decodes;
 *   - each entry's ring page is a page of RAM above the kernel's (the interrupt path reads its
 *     owner before writing it: a stale entry is allowed, it delivers nothing);
 *   - each entry's ASH is 0 or the start of one of the NASH slots, and no two entries share one.
 */
import type { Machine } from '../emulator/machine.js';
import { decodeFilter } from './dpf/encoding.js';
import { L } from './layout.js';

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function checkNetInvariants(machine: Machine, firstPage: number, npages: number, bad: (message: string) => void): void {
  const ram = machine.bus.ram32;
  const rd = (ka: number): number => ram[((ka >>> 0) & 0x1fffffff) >>> 2]! >>> 0;
  const stats = L('NET_STATS') >>> 0;
  const n = rd(stats + L('NST_NFILTERS'));
  const nextId = rd(stats + L('NST_NEXTID'));
  const nmap = L('DPF_NMAP');
  if (n > nmap) {
    bad(`[net] ${n} filters installed, more than DPF_NMAP (${nmap})`);
    return;
  }
  const map = L('DPF_MAP') >>> 0;
  const body = L('DPF_BODY') >>> 0;
  const bodySize = L('DPF_BODY_SIZE');
  const ash0 = L('ASH_CODE') >>> 0;
  const slot = L('ASH_SLOT_BYTES');
  const nash = L('NASH');
  const ids = new Set<number>();
  const ashes = new Set<number>();
  for (let i = 0; i < n; i++) {
    const m = map + (i << L('DPF_MAP_SHIFT'));
    const ring = rd(m + L('DPFM_RING'));
    const ash = rd(m + L('DPFM_ASH'));
    const id = rd(m + L('DPFM_ID'));
    if (id === 0 || id > nextId || ids.has(id)) bad(`[net] filter ${i}: id ${id} is 0, above NST_NEXTID (${nextId}) or not unique`);
    ids.add(id);
    if (ring < firstPage || ring >= npages) bad(`[net] filter ${i}: ring page ${ring} is not a page environments can own`);
    if (ash !== 0) {
      const k = (ash - ash0) / slot;
      if (!Number.isInteger(k) || k < 0 || k >= nash) bad(`[net] filter ${i}: ASH entry ${hex(ash)} is not the start of an ASH slot`);
      else if (ashes.has(ash)) bad(`[net] filter ${i}: ASH slot ${hex(ash)} is another filter's too`);
      ashes.add(ash);
    }
    const at = body + i * bodySize;
    const d = decodeFilter((w) => (4 * w < bodySize ? rd(at + 4 * w) : undefined));
    if (!d.ok) bad(`[net] filter ${i}: its binary form does not decode: ${d.reason}`);
  }
}
