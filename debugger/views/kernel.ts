/**
 * Exokernel views: the environments pane (firmware/invariants.ts kernelView: id, ASID, state,
 * handlers, guaranteed mappings, counters) and the mapping ASID → environment the exception log
 * and the symbol lookup use. Only for firmware runs (a --bare or --abi linux machine has no
 * kernel tables: `kernelInfo` returns null).
 */
import { EXC_NAMES } from '../../emulator/exceptions.js';
import type { Machine } from '../../emulator/machine.js';
import { kernelView, type EnvView, type KernelView } from '../../firmware/invariants.js';
import { L } from '../../firmware/layout.js';
import { bold, dim, fit, green, hex8, inverse } from '../format.js';

export interface KernelInfo {
  readonly view: KernelView;
  /** The live environment owning each ASID (undefined: none). */
  readonly byAsid: ReadonlyMap<number, EnvView>;
}

export function kernelInfo(machine: Machine, firmware: boolean): KernelInfo | null {
  if (!firmware) return null;
  const view = kernelView(machine);
  const byAsid = new Map<number, EnvView>();
  for (const e of view.envs) byAsid.set(e.asid, e);
  return { view, byAsid };
}

export function envState(e: EnvView): string {
  if (e.status === L('ENV_RUNNABLE')) return 'runnable';
  if (e.status === L('ENV_CREATED')) return 'created';
  if (e.status === L('ENV_FREE')) return 'free';
  return `status ${e.status}`;
}

export const ENVS_HEADER = 'rec  id        ASID state     resume    syscalls  excs  pcts slices';

/** One block per environment: a summary row, then handlers and guaranteed mappings (detail rows). */
export function envLines(info: KernelInfo | null, width: number, rows: number, scroll: number): string[] {
  if (info === null) return Array.from({ length: rows }, (_, i) => fit(i === 0 ? dim('(no exokernel: this run has no environments)') : '', width));
  const v = info.view;
  const curRec = v.curEnv;
  const body: string[] = [];
  for (const e of v.envs) {
    const c = e.counters;
    const line = `${String(e.index).padStart(3)}  ${hex8(e.id)}  ${String(e.asid).padStart(3)} ${envState(e).padEnd(9)} ${hex8(e.resumePc)} ${String(c.syscalls).padStart(8)} ${String(c.exceptions).padStart(5)} ${String(c.pcts).padStart(5)} ${String(c.slices).padStart(6)}`;
    body.push(e.addr === curRec ? bold(green(line + '  ◂ current')) : line);
    const handlers = e.handlers
      .map((h, code) => (h !== 0 ? `${EXC_NAMES[code] ?? code}=${hex8(h)}` : ''))
      .filter((x) => x !== '');
    body.push(`     handlers: ${handlers.length > 0 ? handlers.join(' ') : '(none: kernel defaults)'}  pct ${hex8(e.pctSync)}/${hex8(e.pctAsync)}`);
    const guar = e.guaranteed.filter((g) => g.entrylo !== 0).map((g) => `${hex8(g.entryhi & 0xfffff000)}→${hex8(g.entrylo & 0xfffff000)}${g.entrylo & 0x400 ? 'D' : ''}`);
    body.push(`     guaranteed: ${guar.length > 0 ? guar.join(' ') : '(none)'}  save ${hex8(e.save)}  exit ${e.exitStatus}`);
  }
  const head = inverse(fit(`${ENVS_HEADER}  [${v.nlive} live, slice ${v.slicePos}, free pages ${v.freePages}]`, width));
  const first = Math.max(0, Math.min(scroll, Math.max(0, body.length - (rows - 1))));
  const out = [head, ...body.slice(first, first + rows - 1).map((l) => fit(l, width))];
  while (out.length < rows) out.push(fit(out.length === 1 && body.length === 0 ? '(no environments yet: the kernel is booting)' : '', width));
  return out;
}

/** Where a page that is not in the TLB is mapped, as the exokernel would refill it. */
export interface SoftMapping {
  readonly paddr: number;
  readonly via: 'STLB' | 'guaranteed' | 'boot map';
}

/**
 * The mapping of a kuseg address that misses in the TLB, from the kernel's tables: the STLB (the
 * kernel's software TLB, refilled on a miss, docs/exokernel.md §5), the guaranteed mappings of the
 * environment owning the ASID, or the boot map in its boot page (what crt0's miss handler rebinds).
 * So the code at PC can be shown even when its page has left the 64-entry TLB. Null: none of them.
 */
export function softTranslate(machine: Machine, info: KernelInfo | null, va: number, asid: number): SoftMapping | null {
  if (info === null || va >>> 0 >= 0x80000000) return null;
  const vpn = (va & 0xfffff000) >>> 0;
  const off = va & 0xfff;
  const eloV = 0x200;
  for (const e of info.view.stlb) {
    if ((e.tag & 0xfffff000) >>> 0 !== vpn || (e.entrylo & eloV) === 0) continue;
    if (((e.tag >>> 6) & 63) === asid || (e.entrylo & 0x100) !== 0) return { paddr: ((e.entrylo & 0xfffff000) | off) >>> 0, via: 'STLB' };
  }
  const env = info.byAsid.get(asid);
  if (env === undefined) return null;
  for (const g of env.guaranteed) {
    if (g.entrylo !== 0 && (g.entryhi & 0xfffff000) >>> 0 === vpn && (g.entrylo & eloV) !== 0) return { paddr: ((g.entrylo & 0xfffff000) | off) >>> 0, via: 'guaranteed' };
  }
  if (env.bootPage !== 0) {
    const ram = machine.bus.ram32;
    const base = (env.bootPage << 12) >>> 0;
    if (base + 4096 > machine.bus.ramSize) return null;
    const word = (o: number): number => ram[(base + o) >>> 2]! >>> 0;
    const n = Math.min(word(L('BOOT_NMAPS')), L('BOOT_MAX_MAPS'));
    const maps = L('BOOT_MAPS');
    const size = L('BOOT_MAP_SIZE');
    for (let i = 0; i < n; i++) {
      const mva = word(maps + i * size);
      const lo = word(maps + i * size + 4);
      if ((mva & 0xfffff000) >>> 0 === vpn && (lo & eloV) !== 0) return { paddr: ((lo & 0xfffff000) | off) >>> 0, via: 'boot map' };
    }
  }
  return null;
}
