/**
 * `monitor ...` commands (the qRcmd packet): the machine views gdb itself lacks, as text
 * (debugger.md §4.6). Every command reads through the debug session or CP0/TLB arrays only:
 * no side effects on the machine, except `catch`/`uncatch`, which manage catchpoints.
 */
import {
  C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_PRID, C0_STATUS,
} from '../emulator/cop0.js';
import type { DebugSession } from '../emulator/debug/types.js';
import { EXC_NAMES } from '../emulator/exceptions.js';
import { EH_ASID, EH_VPN, EL_D, EL_G, EL_N, EL_PFN, EL_V } from '../emulator/translate.js';
import { kernelView } from '../firmware/invariants.js';
import { GuestMemory } from './guest-memory.js';
import { L } from '../firmware/layout.js';

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** Parses a number as gdb users type it: 0x hex, or decimal. */
export function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return parseInt(t.slice(2), 16) >>> 0;
  if (/^[0-9]{1,10}$/.test(t)) {
    const n = Number(t);
    return n <= 0xffffffff ? n : null;
  }
  return null;
}

const HELP = `exo-r3000 monitor commands:
  monitor tlb [ASID]         the 64 TLB entries that are valid or global (I = Index, R = Random)
  monitor cp0                the CP0 registers, decoded
  monitor envs               the exokernel's environments (firmware runs)
  monitor exclog [N]         the last N guest exceptions (default 20)
  monitor v2p ADDR [ASID]    translate a virtual address (default: EntryHi's ASID)
  monitor phys ADDR [LEN]    hex dump of physical memory (default 64 bytes, at most 4096)
  monitor icount             retired instructions and cycles
  monitor catch [EXC [ASID]] stop when exception EXC (name or code) is taken; no EXC: list
  monitor uncatch ID|all     remove catchpoints
  monitor help               this text
`;

export function runMonitor(session: DebugSession, line: string): string {
  const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
  const cmd = words[0] ?? 'help';
  const args = words.slice(1);
  switch (cmd) {
    case 'help':
      return HELP;
    case 'tlb':
      return tlb(session, args);
    case 'cp0':
      return cp0(session);
    case 'envs':
      return envs(session);
    case 'exclog':
      return exclog(session, args);
    case 'v2p':
      return v2p(session, args);
    case 'phys':
      return phys(session, args);
    case 'icount': {
      const s = session.machine.stats();
      return `instructions ${session.instructions()}\ncycles ${s.cycles}\n`;
    }
    case 'catch':
      return catchCmd(session, args);
    case 'uncatch':
      return uncatch(session, args);
    default:
      return `unknown monitor command '${cmd}' (monitor help lists them)\n`;
  }
}

function asidArg(text: string | undefined): number | null | 'bad' {
  if (text === undefined) return null;
  const n = parseNumber(text);
  return n === null || n > 63 ? 'bad' : n;
}

function tlb(session: DebugSession, args: string[]): string {
  const filter = asidArg(args[0]);
  if (filter === 'bad') return `tlb: ASID must be 0..63 (got '${args[0]}')\n`;
  const cpu = session.machine.cpu;
  const index = (cpu.cop0[C0_INDEX]! >>> 8) & 63;
  const random = cpu.random();
  const curAsid = (cpu.cop0[C0_ENTRYHI]! & EH_ASID) >>> 6;
  let out = `TLB (EntryHi ASID ${curAsid}; Index ${index}, Random ${random})\n`;
  out += ' idx  VPN' + ' '.repeat(8) + 'VA range' + ' '.repeat(14) + 'ASID  PFN' + ' '.repeat(8) + 'N D V G\n';
  let shown = 0;
  for (let i = 0; i < 64; i++) {
    const hi = cpu.mmu.tlbHi[i]!;
    const lo = cpu.mmu.tlbLo[i]!;
    const asid = (hi & EH_ASID) >>> 6;
    const g = (lo & EL_G) !== 0;
    if ((lo & (EL_V | EL_G)) === 0) continue;
    if (filter !== null && asid !== filter && !g) continue;
    const va = hi & EH_VPN;
    const mark = (i === index ? 'I' : ' ') + (i === random ? 'R' : ' ');
    const bit = (m: number): string => ((lo & m) !== 0 ? '1' : '0');
    out += `${mark}${String(i).padStart(2)}  ${(va >>> 12).toString(16).padStart(5, '0')}      ${hex8(va)}-${hex8(va + 0xfff)}  ${String(asid).padStart(3)}  ${hex8(lo & EL_PFN)} ${bit(EL_N)} ${bit(EL_D)} ${bit(EL_V)} ${bit(EL_G)}\n`;
    shown++;
  }
  if (shown === 0) out += '  (no valid or global entries)\n';
  return out;
}

function cp0(session: DebugSession): string {
  const cpu = session.machine.cpu;
  const c = cpu.cop0;
  const sr = c[C0_STATUS]!;
  const cause = c[C0_CAUSE]!;
  const b = (v: number, bit: number): number => (v >>> bit) & 1;
  const exc = (cause >>> 2) & 31;
  const ip = (cause >>> 8) & 0xff;
  const ehi = c[C0_ENTRYHI]!;
  const ctx = c[C0_CONTEXT]!;
  const idx = c[C0_INDEX]!;
  const cu = (sr >>> 28) & 15;
  return [
    `Status   ${hex8(sr)}  CU=${cu.toString(2).padStart(4, '0')} BEV=${b(sr, 22)} TS=${b(sr, 21)} PE=${b(sr, 20)} CM=${b(sr, 19)} PZ=${b(sr, 18)} SwC=${b(sr, 17)} IsC=${b(sr, 16)} IM=${((sr >>> 8) & 0xff).toString(2).padStart(8, '0')}`,
    `         KU/IE old=${b(sr, 5)}/${b(sr, 4)} prev=${b(sr, 3)}/${b(sr, 2)} cur=${b(sr, 1)}/${b(sr, 0)} (${b(sr, 1) ? 'user' : 'kernel'} mode, interrupts ${b(sr, 0) ? 'on' : 'off'})`,
    `Cause    ${hex8(cause)}  BD=${b(cause, 31)} CE=${(cause >>> 28) & 3} IP=${ip.toString(2).padStart(8, '0')} ExcCode=${exc} (${EXC_NAMES[exc] ?? 'reserved'})`,
    `EPC      ${hex8(c[C0_EPC]!)}`,
    `BadVAddr ${hex8(c[C0_BADVADDR]!)}`,
    `EntryHi  ${hex8(ehi)}  VPN=${hex8(ehi & EH_VPN)} ASID=${(ehi & EH_ASID) >>> 6}`,
    `EntryLo  ${hex8(c[C0_ENTRYLO]!)}  PFN=${hex8(c[C0_ENTRYLO]! & EL_PFN)} N=${b(c[C0_ENTRYLO]!, 11)} D=${b(c[C0_ENTRYLO]!, 10)} V=${b(c[C0_ENTRYLO]!, 9)} G=${b(c[C0_ENTRYLO]!, 8)}`,
    `Index    ${hex8(idx)}  P=${b(idx, 31)} Index=${(idx >>> 8) & 63}`,
    `Random   ${hex8(cpu.random() << 8)}  Random=${cpu.random()}`,
    `Context  ${hex8(ctx)}  PTEBase=${hex8(ctx & 0xffe00000)} BadVPN=${hex8((ctx >>> 2) & 0x7ffff)}`,
    `PRId     ${hex8(c[C0_PRID]!)}  Imp=${(c[C0_PRID]! >>> 8) & 0xff} Rev=${c[C0_PRID]! & 0xff}`,
    '',
  ].join('\n');
}

function envs(session: DebugSession): string {
  if (!new GuestMemory(session).hasFirmware()) return 'envs: no exokernel on this machine (a --bare or --abi linux run)\n';
  const v = kernelView(session.machine);
  const runnable = L('ENV_RUNNABLE');
  const status = (s: number): string => (s === runnable ? 'runnable' : s === L('ENV_CREATED') ? 'created' : `status ${s}`);
  let out = `environments: ${v.envs.length} live (KG_NLIVE ${v.nlive}); current ${v.curId === 0 ? 'the kernel (record 0)' : `id ${hex8(v.curId)}`}; pages: ${v.pages.length} owned, ${v.kernelPages} kernel, ${v.freePages} free; quantum ${v.quantum} cycles\n`;
  for (const e of v.envs) {
    const cur = e.addr === v.curEnv ? '*' : ' ';
    out += `${cur}rec ${String(e.index).padStart(2)} id ${hex8(e.id)} ASID ${String(e.asid).padStart(2)} ${status(e.status).padEnd(8)} resume ${hex8(e.resumePc)} exc ${e.counters.exceptions} sys ${e.counters.syscalls} pct ${e.counters.pcts} slices ${e.counters.slices}${e.exitStatus !== 0 ? ` exit ${e.exitStatus}` : ''}\n`;
    const handlers = e.handlers
      .map((h, i) => (h !== 0 ? `${EXC_NAMES[i] ?? i}=${hex8(h)}` : ''))
      .filter((s) => s.length > 0);
    if (handlers.length > 0) out += `      handlers ${handlers.join(' ')}\n`;
    const guar = e.guaranteed.filter((g) => (g.entrylo & EL_V) !== 0);
    for (const g of guar) out += `      guaranteed ${hex8(g.entryhi & EH_VPN)} -> ${hex8(g.entrylo & EL_PFN)}${(g.entrylo & EL_D) !== 0 ? ' writable' : ''}\n`;
  }
  return out;
}

function exclog(session: DebugSession, args: string[]): string {
  const n = args[0] === undefined ? 20 : parseNumber(args[0]);
  if (n === null) return `exclog: N must be a number (got '${args[0]}')\n`;
  const log = session.exceptionLog();
  const recs = n === 0 ? [] : log.slice(-n);
  if (recs.length === 0) return 'no exceptions taken\n';
  let out = ' instructions        cycle  exc    EPC        BD BadVAddr   ASID vector\n';
  for (const r of recs) {
    out += `${String(r.instructions).padStart(13)} ${String(r.cycle).padStart(12)}  ${(EXC_NAMES[r.code] ?? String(r.code)).padEnd(5)}  ${hex8(r.epc)} ${r.bd ? '1' : '0'}  ${hex8(r.badvaddr)} ${String(r.asid).padStart(3)}  ${hex8(r.vector)}\n`;
  }
  return out;
}

function v2p(session: DebugSession, args: string[]): string {
  const va = parseNumber(args[0]);
  if (va === null) return 'v2p: usage: monitor v2p ADDR [ASID]\n';
  const asid = asidArg(args[1]);
  if (asid === 'bad') return `v2p: ASID must be 0..63 (got '${args[1]}')\n`;
  const t = session.translate(va, asid ?? undefined);
  const under = asid === null ? '' : ` (ASID ${asid})`;
  if (t === null) {
    // Not in the TLB: where the kernel's refill would find it (current ASID only).
    const soft = asid === null ? new GuestMemory(session).translate(va) : null;
    if (soft !== null) return `${hex8(va)} -> physical ${hex8(soft.paddr)} (not in the TLB; from the ${soft.via === 'stlb' ? "kernel's software TLB" : soft.via === 'guaranteed' ? "environment's guaranteed mappings" : "environment's boot map"})\n`;
    return `${hex8(va)}${under}: does not translate (no valid TLB entry, or not addressable)\n`;
  }
  const how = t.tlbIndex < 0 ? 'unmapped segment' : `TLB entry ${t.tlbIndex}${t.writable ? ', writable' : ', read-only (D=0)'}`;
  return `${hex8(va)}${under} -> physical ${hex8(t.paddr)} (${how}, ${t.cached ? 'cached' : 'uncached'})\n`;
}

function phys(session: DebugSession, args: string[]): string {
  const pa = parseNumber(args[0]);
  const len = args[1] === undefined ? 64 : parseNumber(args[1]);
  if (pa === null || len === null || len < 1 || len > 4096) return 'phys: usage: monitor phys ADDR [LEN 1..4096]\n';
  const bytes = session.readPhysical(pa, len);
  let out = '';
  for (let row = 0; row < bytes.length; row += 16) {
    const part = bytes.slice(row, row + 16);
    const hx = part.map((b) => (b === null ? '--' : b.toString(16).padStart(2, '0'))).join(' ');
    const asc = part.map((b) => (b !== null && b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out += `${hex8(pa + row)}  ${hx.padEnd(47)}  ${asc}\n`;
  }
  return out;
}

function catchCmd(session: DebugSession, args: string[]): string {
  if (args.length === 0) {
    const cps = session.catchpoints();
    if (cps.length === 0) return 'no catchpoints\n';
    return cps.map((c) => `catchpoint ${c.id}: ${EXC_NAMES[c.code] ?? c.code}${c.asid !== undefined ? ` in ASID ${c.asid}` : ''}, ${c.hits} hits\n`).join('');
  }
  const name = args[0]!;
  let code = EXC_NAMES.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  if (code < 0) code = parseNumber(name) ?? -1;
  if (code < 0 || code > 31) return `catch: unknown exception '${name}' (one of ${EXC_NAMES.join(', ')}, or a code 0..31)\n`;
  const asid = asidArg(args[1]);
  if (asid === 'bad') return `catch: ASID must be 0..63 (got '${args[1]}')\n`;
  const c = session.addCatchpoint(code, asid ?? undefined);
  return `catchpoint ${c.id}: ${EXC_NAMES[code] ?? code}${asid !== null ? ` in ASID ${asid}` : ''}\n`;
}

function uncatch(session: DebugSession, args: string[]): string {
  if (args[0] === 'all') {
    const cps = session.catchpoints();
    for (const c of cps) session.remove(c.id);
    return `removed ${cps.length} catchpoints\n`;
  }
  const id = parseNumber(args[0]);
  if (id === null) return 'uncatch: usage: monitor uncatch ID|all\n';
  if (!session.catchpoints().some((c) => c.id === id)) return `uncatch: no catchpoint ${id}\n`;
  session.remove(id);
  return `removed catchpoint ${id}\n`;
}
