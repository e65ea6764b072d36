/**
 * The network path's trap hooks (firmware/knet.s, docs/exokernel.md §12; issue 7): installing and
 * removing packet filters (DPF, firmware/dpf/) and application-specific handlers (ASH,
 * firmware/ash/). The state is the kernel's own memory: the filter map (DPF_MAP: owner, ring page,
 * ASH entry, id per classifier index), the filters' binary forms (DPF_BODY), the counters
 * (NET_STATS), the compiled classifier (DPF_CODE) and the sandboxed handlers (ASH_CODE). A hook
 * reads it, changes it and compiles anew, so a snapshot of the machine is the whole state, and
 * the hooks keep nothing between calls.
 *
 * Dynamic code generation (paper §4.2, DPF with VCODE): each install or removal recompiles every
 * filter into one routine, charged HOOK_CODEGEN_CYCLES_PER_WORD per generated word (VCODE's
 * "about 10 instructions per generated instruction") on top of the hook's base cost.
 */
import type { HookCall, HookTable } from '../emulator/hooks.js';
import type { Machine } from '../emulator/machine.js';
import { verifyAsh } from './ash/verify.js';
import { compileFilters } from './dpf/compile.js';
import { decodeFilter, encodeFilter } from './dpf/encoding.js';
import type { Filter } from './dpf/filter.js';
import { checkInstall } from './dpf/overlap.js';
import { L } from './layout.js';

export const NET_HOOK_BASE_CYCLES = 200;
export const HOOK_CODEGEN_CYCLES_PER_WORD = 10;
/** Cycles per handler word the ASH verifier looks at (a linear pass plus the rewrite). */
export const ASH_VERIFY_CYCLES_PER_WORD = 20;

interface MapEntry {
  owner: number;
  ring: number;
  ash: number;
  id: number;
  filter: Filter;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function registerNetHooks(hooks: HookTable, machine: Machine): void {
  const bus = machine.bus;
  const K = {
    map: L('DPF_MAP') >>> 0, nmap: L('DPF_NMAP'), mapShift: L('DPF_MAP_SHIFT'),
    body: L('DPF_BODY') >>> 0, bodySize: L('DPF_BODY_SIZE'),
    code: L('DPF_CODE') >>> 0, codeBytes: L('DPF_CODE_BYTES'),
    ash: L('ASH_CODE') >>> 0, nash: L('NASH'), ashSlot: L('ASH_SLOT_BYTES'),
    stats: L('NET_STATS') >>> 0, nfilters: L('NST_NFILTERS'), nextId: L('NST_NEXTID'),
    rxbuf: L('NET_RXBUF') >>> 0, txbuf: L('NET_TXBUF') >>> 0, frameMax: L('NET_FRAME_MAX'),
    ringAshBuf: L('RING_ASHBUF'), ringAshSize: L('RING_ASHBUF_SIZE'),
    pageTable: L('PAGE_TABLE') >>> 0, pgShift: L('PG_SHIFT'), pgOwner: L('PG_OWNER'),
    kbase: L('KBASE') >>> 0, kgCurEnv: L('KG_CUR_ENV'), kgNpages: L('KG_NPAGES'), recId: L('REC_ID'),
    EINVAL: L('EINVAL'), ENOENT: L('ENOENT'), ENOMEM: L('ENOMEM'), EPERM: L('EPERM'),
  };
  const phys = (ka: number): number => (ka >>> 0) & 0x1fffffff;
  const rd = (ka: number): number => bus.ram32[phys(ka) >>> 2]! >>> 0;
  const wr = (call: HookCall, ka: number, words: ArrayLike<number>): void => {
    const b = new Uint8Array(words.length * 4);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < words.length; i++) dv.setUint32(i * 4, words[i]! >>> 0, true);
    if (!call.writePhys(phys(ka), b)) throw new Error(`internal: net hook write outside RAM at ${hex(ka)}`);
  };
  const pageOwner = (page: number): number | undefined => (page < rd(K.kbase + K.kgNpages) ? rd(K.pageTable + (page << K.pgShift) + K.pgOwner) : undefined);
  const callerId = (): number => rd(rd(K.kbase + K.kgCurEnv) + K.recId);
  const report = (line: string): void => {
    machine.flushOutput();
    machine.io.writeErr(new TextEncoder().encode(`exo: ${line}\n`));
  };

  /** The installed filters, in classifier order, the ones whose ring page its owner no longer holds dropped. */
  const load = (): MapEntry[] => {
    const n = rd(K.stats + K.nfilters);
    const out: MapEntry[] = [];
    for (let i = 0; i < n && i < K.nmap; i++) {
      const m = K.map + (i << K.mapShift);
      const body = K.body + i * K.bodySize;
      const d = decodeFilter((w) => (4 * w < K.bodySize ? rd(body + 4 * w) : undefined));
      if (!d.ok) throw new Error(`internal: DPF_BODY[${i}] does not decode: ${d.reason}`);
      const e: MapEntry = { owner: rd(m), ring: rd(m + 4), ash: rd(m + 8), id: rd(m + 12), filter: d.filter };
      if (pageOwner(e.ring) === e.owner) out.push(e); // an owner gone (destroyed, page freed): its filters go
    }
    return out;
  };

  /** Writes the entries back and compiles them; false (nothing written) if the code does not fit. */
  const store = (call: HookCall, entries: readonly MapEntry[]): boolean => {
    const compiled = compileFilters(entries.map((e) => e.filter), K.code, { alignedFrame: true });
    if (compiled.words.length * 4 > K.codeBytes) return false;
    entries.forEach((e, i) => {
      wr(call, K.map + (i << K.mapShift), [e.owner, e.ring, e.ash, e.id]);
      const enc = encodeFilter(e.filter);
      const body = new Uint32Array(K.bodySize / 4);
      body.set(enc);
      wr(call, K.body + i * K.bodySize, body);
    });
    wr(call, K.stats + K.nfilters, [entries.length]);
    wr(call, K.code, compiled.words);
    call.charge(HOOK_CODEGEN_CYCLES_PER_WORD * compiled.words.length);
    return true;
  };

  hooks.registerHook(L('HOOK_DPF_INSTALL'), 'dpf_install', NET_HOOK_BASE_CYCLES, (call) => {
    const owner = call.a1;
    const ring = call.a2;
    if (pageOwner(ring) !== owner) {
      call.v0 = K.EPERM;
      return;
    }
    // The filter: words from a0 to the end of its page at most (k_va_to_kaddr checked that page).
    const pageEnd = ((call.a0 | 0xfff) >>> 0) + 1;
    const d = decodeFilter((w) => (call.a0 + 4 * w + 4 <= pageEnd ? rd(call.a0 + 4 * w) : undefined));
    if (!d.ok) {
      report(`env ${hex(owner)}: packet filter refused: ${d.reason}`);
      call.v0 = d.code;
      return;
    }
    const entries = load();
    if (entries.length >= K.nmap) {
      call.v0 = K.ENOMEM;
      return;
    }
    const chk = checkInstall(entries, d.filter, owner);
    if (!chk.ok) {
      report(`env ${hex(owner)}: packet filter refused: ${chk.reason}`);
      call.v0 = chk.code;
      return;
    }
    const id = rd(K.stats + K.nextId) + 1;
    if (!store(call, [...entries, { owner, ring, ash: 0, id, filter: d.filter }])) {
      call.v0 = K.ENOMEM;
      return;
    }
    wr(call, K.stats + K.nextId, [id]);
    call.v0 = id;
  });

  hooks.registerHook(L('HOOK_DPF_REMOVE'), 'dpf_remove', NET_HOOK_BASE_CYCLES, (call) => {
    const entries = load();
    const i = entries.findIndex((e) => e.id === call.a0);
    if (i < 0) {
      call.v0 = K.ENOENT;
      return;
    }
    if (entries[i]!.owner !== call.a1) {
      call.v0 = K.EPERM;
      return;
    }
    entries.splice(i, 1);
    if (!store(call, entries)) throw new Error('internal: fewer filters do not fit');
    call.v0 = 0;
  });

  hooks.registerHook(L('HOOK_ASH_INSTALL'), 'ash_install', NET_HOOK_BASE_CYCLES, (call) => {
    const owner = callerId();
    const entries = load();
    const e = entries.find((x) => x.id === call.a0);
    if (e === undefined) {
      call.v0 = K.ENOENT;
      return;
    }
    if (e.owner !== owner) {
      call.v0 = K.EPERM;
      return;
    }
    // A slot: the filter's own, or one no filter uses.
    let slot = e.ash;
    if (slot === 0) {
      for (let s = 0; s < K.nash && slot === 0; s++) {
        const a = K.ash + s * K.ashSlot;
        if (!entries.some((x) => x.ash === a)) slot = a;
      }
      if (slot === 0) {
        call.v0 = K.ENOMEM;
        return;
      }
    }
    const words = Array.from({ length: call.a2 }, (_, i) => rd(call.a1 + 4 * i));
    call.charge(ASH_VERIFY_CYCLES_PER_WORD * words.length);
    const ring0 = (0x80000000 | (e.ring << 12)) >>> 0;
    const v = verifyAsh(words, {
      frame: { base: K.rxbuf, size: K.frameMax },
      recv: { base: ring0 + K.ringAshBuf, size: K.ringAshSize },
      reply: { base: K.txbuf, size: K.frameMax },
    }, { codeBase: slot, linkBase: call.a3 });
    if (!v.ok) {
      report(`env ${hex(owner)}: ASH refused: ${v.reason}`);
      call.v0 = K.EINVAL;
      return;
    }
    if (v.words.length * 4 > K.ashSlot) {
      report(`env ${hex(owner)}: ASH refused: ${v.words.length} words once sandboxed, over the ${K.ashSlot / 4}-word slot`);
      call.v0 = K.EINVAL;
      return;
    }
    wr(call, slot, v.words);
    e.ash = slot;
    if (!store(call, entries)) throw new Error('internal: the same filters do not fit');
    call.v0 = 0;
  });
}
