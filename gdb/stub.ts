/**
 * The GDB remote protocol's commands over a DebugSession (gdb manual, "Packets", "Stop Reply
 * Packets", "General Query Packets"; the packets gdb-multiarch 13 sends: debugger.md §4.2).
 * `handle(payload)` decides what a packet does; running the machine and the socket belong to
 * server.ts. A malformed packet gets an `Enn` reply and an unknown one the empty reply; nothing
 * here throws on input.
 *
 * MIPS behaviour (debugger.md §4.4): addresses arrive as up to 64-bit hex (gdb may sign-extend
 * them) and are masked to 32 bits; they are virtual, under the current ASID; a step executes a
 * branch with its delay slot (the session's stepInstruction); watchpoints stop before the access
 * with PC on the load/store (gdb then steps over it with the watchpoint removed); PC at a
 * breakpoint is the breakpoint's address (decr_pc_after_break = 0).
 */
import type { DebugSession, StopEvent, WatchKind } from '../emulator/debug/types.js';
import { REG_PC } from '../emulator/debug/types.js';
import { EXC_NAMES } from '../emulator/exceptions.js';
import { GuestMemory } from './guest-memory.js';
import { runMonitor } from './monitor.js';
import { escapeBinary, unescapeBinary } from './packet.js';
import { decodeLE32, encodeReg, NUM_REGS, readReg, REG_CP0_EXTRA, writeReg } from './registers.js';
import { FEATURE_FILES } from './tdesc.js';

/** The PacketSize we advertise (hex: 16384 bytes). */
export const PACKET_SIZE = 0x4000;
/** Largest `m` read answered in one reply (two hex digits a byte, within PACKET_SIZE). */
const MAX_READ = 0x1000;

export type ResumeMode = 'cont' | 'step' | 'reverse-step' | 'reverse-cont';

export type StubAction =
  /** Send these packets in order (O console packets first, then the reply). Empty: no reply. */
  | { readonly kind: 'reply'; readonly packets: readonly string[] }
  /** Resume the machine; the server answers with stopReply() when it stops. */
  | { readonly kind: 'resume'; readonly mode: ResumeMode }
  /** Reply OK, then let the machine run on without a client. */
  | { readonly kind: 'detach' }
  /** End the session (vKill replies OK first, k replies nothing). */
  | { readonly kind: 'kill'; readonly packets: readonly string[] };

interface Point {
  readonly type: number;
  readonly id: number;
  readonly addr: number;
  readonly len: number;
}

const THREAD = 'thread:1;';
const hex = (n: number): string => (n >>> 0).toString(16);
const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const reply = (...packets: string[]): StubAction => ({ kind: 'reply', packets });

/** gdb's own signal numbers (gdb/signals.def), which the remote protocol carries. */
const GDB_SIGNAL: ReadonlyMap<number, number> = new Map([
  [4, 4], [5, 5], [6, 6], [8, 8], [11, 11],
  [7, 10], // Linux SIGBUS is gdb's GDB_SIGNAL_BUS (10)
  [31, 12], // Linux SIGSYS is GDB_SIGNAL_SYS (12)
]);
export const SIGINT = 2;
export const SIGTRAP = 5;

/** Hex of a string's bytes (console output, O packets). */
export function hexOfText(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** `O` packets carrying text, each within the packet size. */
export function consolePackets(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 1024) out.push('O' + bytes.subarray(i, i + 1024).toString('hex'));
  return out;
}

/** A hex address, up to 64 bits as gdb may send it, masked to the low 32 bits. */
function parseAddr(s: string | undefined): number | null {
  if (s === undefined || !/^[0-9a-fA-F]{1,16}$/.test(s)) return null;
  return parseInt(s.slice(-8), 16) >>> 0;
}

function parseLen(s: string | undefined): number | null {
  if (s === undefined || !/^[0-9a-fA-F]{1,8}$/.test(s)) return null;
  return parseInt(s, 16);
}

function parseHexBytes(s: string): Uint8Array | null {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return null;
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

/** A thread id as gdb writes it (`1`, `0`, `-1`, or `p1.1` forms): true if it names our thread. */
function ourThread(tid: string): boolean {
  const m = /^(?:p(?:-1|[0-9a-fA-F]+)\.)?(-1|[0-9a-fA-F]+)$/.exec(tid);
  if (m === null) return false;
  return m[1] === '-1' || parseInt(m[1]!, 16) <= 1;
}

export class GdbStub {
  private points = new Map<string, Point>();
  private byId = new Map<number, Point>();
  /** The reply to `?`: why the machine last stopped. */
  private lastStop = `T05${THREAD}`;
  /** A fault was reported as a signal; the next resume reports the guest's death (X). */
  private faultReported = false;

  private readonly mem: GuestMemory;

  constructor(readonly session: DebugSession) {
    this.mem = new GuestMemory(session);
  }

  /** A new client attaches: it sees the machine stopped with SIGTRAP (or finished). */
  attach(): void {
    this.lastStop = this.session.running() ? `T05${THREAD}` : this.finishedReply();
  }

  /** Removes every breakpoint and watchpoint gdb inserted (on detach or disconnect). */
  clearPoints(): void {
    for (const p of this.points.values()) this.session.remove(p.id);
    this.points.clear();
    this.byId.clear();
  }

  /** Inserted Z points (for tests). */
  pointCount(): number {
    return this.points.size;
  }

  handle(payload: string): StubAction {
    const c = payload[0];
    const rest = payload.slice(1);
    switch (c) {
      case undefined:
        return reply('');
      case '?':
        return reply(this.lastStop);
      case 'g':
        return rest === '' ? reply(this.readAll()) : reply('E01');
      case 'G':
        return reply(this.writeAll(rest));
      case 'p':
        return reply(this.readOne(rest));
      case 'P':
        return reply(this.writeOne(rest));
      case 'm':
        return reply(this.readMemory(rest));
      case 'M':
        return reply(this.writeMemoryHex(rest));
      case 'X':
        return reply(this.writeMemoryBinary(rest));
      case 'c':
      case 's':
        return this.resumeAt(rest, c === 'c' ? 'cont' : 'step');
      case 'C':
      case 'S': {
        // Continue/step with a signal: there are no host signals to deliver to the guest.
        const m = /^[0-9a-fA-F]{2}(?:;(.*))?$/.exec(rest);
        if (m === null) return reply('E01');
        return this.resumeAt(m[1] ?? '', c === 'C' ? 'cont' : 'step');
      }
      case 'b':
        if (rest === 's') return this.resume('reverse-step');
        if (rest === 'c') return this.resume('reverse-cont');
        return reply('');
      case 'Z':
      case 'z':
        return reply(this.point(c === 'Z', rest));
      case 'H':
        return reply(/^[gc]/.test(rest) && ourThread(rest.slice(1)) ? 'OK' : 'E01');
      case 'T':
        return reply(ourThread(rest) ? 'OK' : 'E01');
      case 'D':
        return rest === '' || /^;[0-9a-fA-F]+$/.test(rest) ? { kind: 'detach' } : reply('E01');
      case 'k':
        return rest === '' ? { kind: 'kill', packets: [] } : reply('E01');
      case 'q':
        return this.query(rest);
      case 'Q':
        return reply('');
      case 'v':
        return this.vPacket(rest);
      default:
        return reply('');
    }
  }

  // ---- stop replies ----

  /** The reply when the machine stopped with `ev` (O console packets, then the stop reply). */
  stopReply(ev: StopEvent): string[] {
    const pre: string[] = [];
    let r: string;
    switch (ev.kind) {
      case 'breakpoint': {
        const p = this.byId.get(ev.id);
        r = `T05${p !== undefined && p.type === 1 ? 'hwbreak' : 'swbreak'}:;${THREAD}`;
        break;
      }
      case 'watchpoint': {
        const p = this.byId.get(ev.id);
        // gdb matches the reported address against its watchpoints' ranges: report a byte of
        // the access that lies inside the watched range.
        const addr = p === undefined ? ev.vaddr : Math.max(ev.vaddr >>> 0, p.addr);
        const key = p === undefined || p.type === 2 ? 'watch' : p.type === 3 ? 'rwatch' : 'awatch';
        r = `T05${key}:${hex(addr)};${THREAD}`;
        break;
      }
      case 'exception': {
        const rec = ev.record;
        pre.push(...consolePackets(`catchpoint ${ev.id}: ${EXC_NAMES[rec.code] ?? rec.code} exception at EPC ${hex8(rec.epc)}${rec.bd ? ' (in a delay slot)' : ''}, BadVAddr ${hex8(rec.badvaddr)}, ASID ${rec.asid}, vector ${hex8(rec.vector)}\n`));
        r = `T05${THREAD}`;
        break;
      }
      case 'pause':
        r = `T02${THREAD}`;
        break;
      case 'history-start':
        r = `T05replaylog:begin;${THREAD}`;
        break;
      case 'halt':
      case 'exit':
        r = `W${(ev.code & 0xff).toString(16).padStart(2, '0')}`;
        break;
      case 'fault':
        // Stop with the signal first, so the user can look at the faulting state; the next
        // resume reports the guest's death (as a native process killed by the signal).
        pre.push(...consolePackets(`exo: ${ev.message}\n`));
        r = `T${this.faultSignal(ev.code).toString(16).padStart(2, '0')}${THREAD}`;
        this.faultReported = true;
        break;
      default:
        r = `T05${THREAD}`;
    }
    this.lastStop = r;
    return [...pre, r];
  }

  /** The reply to an interrupt (0x03) that paused the machine. */
  pauseReply(): string[] {
    return this.stopReply({ kind: 'pause' });
  }

  /** The reply for a machine that can no longer run: W (halt, exit) or X (fault). */
  finishedReply(): string {
    const stop = this.session.machine.cpu.stop;
    if (stop !== null && stop.kind === 'fault') return `X${this.faultSignal(stop.code).toString(16).padStart(2, '0')}`;
    return `W${((stop?.code ?? 0) & 0xff).toString(16).padStart(2, '0')}`;
  }

  private faultSignal(code: number): number {
    return GDB_SIGNAL.get(code > 128 ? code - 128 : 6) ?? 6;
  }

  // ---- resuming ----

  private resumeAt(addrText: string, mode: ResumeMode): StubAction {
    if (addrText !== '') {
      const addr = parseAddr(addrText);
      if (addr === null) return reply('E01');
      if (this.session.running()) writeReg(this.session, REG_PC, addr);
    }
    return this.resume(mode);
  }

  private resume(mode: ResumeMode): StubAction {
    if (mode === 'reverse-step' || mode === 'reverse-cont') {
      // History is there even after the guest stopped: going back from a fault revives it.
      this.faultReported = false;
      return { kind: 'resume', mode };
    }
    if (!this.session.running() || this.faultReported) {
      this.lastStop = this.finishedReply();
      return reply(this.lastStop);
    }
    return { kind: 'resume', mode };
  }

  private vPacket(rest: string): StubAction {
    if (rest === 'Cont?') return reply('vCont;c;C;s;S;t');
    if (rest.startsWith('Cont;')) {
      // Actions apply left to right; the first one naming our thread (or with no thread) wins.
      for (const part of rest.slice(5).split(';')) {
        const [action, tid] = part.split(':');
        if (action === undefined || !/^(?:[cst]|[CS][0-9a-fA-F]{2})$/.test(action)) return reply('E01');
        if (tid !== undefined && !ourThread(tid)) continue;
        if (action === 't') return reply(`T00${THREAD}`);
        return this.resume(action[0]!.toLowerCase() === 'c' ? 'cont' : 'step');
      }
      return reply('E01');
    }
    if (rest === 'MustReplyEmpty') return reply('');
    if (/^Kill(;[0-9a-fA-F]+)?$/.test(rest)) return { kind: 'kill', packets: ['OK'] };
    return reply('');
  }

  // ---- queries ----

  private query(q: string): StubAction {
    if (q.startsWith('Supported')) {
      return reply(`PacketSize=${PACKET_SIZE.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;ReverseStep+;ReverseContinue+`);
    }
    if (q.startsWith('Xfer:')) return reply(this.xfer(q.slice(5)));
    if (q === 'C') return reply('QC1');
    if (q === 'fThreadInfo') return reply('m1');
    if (q === 'sThreadInfo') return reply('l');
    if (q === 'Attached' || q.startsWith('Attached:')) return reply('1');
    if (q.startsWith('ThreadExtraInfo,')) return reply(ourThread(q.slice(16)) ? hexOfText('R3000 CPU') : 'E01');
    if (q.startsWith('Symbol:')) return reply('OK');
    if (q.startsWith('Rcmd,')) {
      const cmd = parseHexBytes(q.slice(5));
      if (cmd === null) return reply('E01');
      const text = runMonitor(this.session, Buffer.from(cmd).toString('latin1'));
      return reply(...consolePackets(text), 'OK');
    }
    return reply('');
  }

  private xfer(spec: string): string {
    // features:read:ANNEX:OFFSET,LENGTH
    const m = /^features:read:([^:]*):([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(spec);
    if (m === null) return spec.startsWith('features:read:') ? 'E01' : '';
    const file = FEATURE_FILES.get(m[1]!);
    if (file === undefined) return 'E00';
    const off = parseInt(m[2]!, 16);
    const len = Math.min(parseInt(m[3]!, 16), PACKET_SIZE - 16);
    if (off > file.length) return 'E01';
    const chunk = file.slice(off, off + len);
    return (off + len >= file.length ? 'l' : 'm') + escapeBinary(chunk);
  }

  // ---- registers ----

  private readAll(): string {
    let s = '';
    for (let n = 0; n < NUM_REGS; n++) s += encodeReg(this.session, n);
    return s;
  }

  private writeAll(text: string): string {
    if (text.length === 0 || text.length % 8 !== 0 || text.length > NUM_REGS * 8) return 'E01';
    const values: (number | null)[] = [];
    for (let i = 0; i < text.length; i += 8) {
      const part = text.slice(i, i + 8);
      if (part === 'xxxxxxxx') values.push(null);
      else {
        const v = decodeLE32(part);
        if (v === null) return 'E01';
        values.push(v);
      }
    }
    // Refuse the whole packet if it would change a read-only register, before writing any.
    for (let n = REG_CP0_EXTRA; n < values.length; n++) {
      const v = values[n];
      if (v !== null && v !== undefined && readReg(this.session, n) !== v) return 'E01';
    }
    values.forEach((v, n) => {
      if (v !== null && v !== undefined && n > 0) writeReg(this.session, n, v);
    });
    return 'OK';
  }

  private readOne(text: string): string {
    const n = parseLen(text);
    if (n === null || n >= NUM_REGS) return 'E01';
    return encodeReg(this.session, n);
  }

  private writeOne(text: string): string {
    const m = /^([0-9a-fA-F]{1,8})=(.*)$/.exec(text);
    if (m === null) return 'E01';
    const n = parseInt(m[1]!, 16);
    const v = decodeLE32(m[2]!);
    if (v === null || n >= NUM_REGS) return 'E01';
    if (n === 0) return 'OK'; // r0 is hard-wired to zero
    const r = writeReg(this.session, n, v);
    return r === 'ok' || r === 'ignored' ? 'OK' : 'E01';
  }

  // ---- memory ----

  private readMemory(text: string): string {
    const m = /^([^,]+),(.+)$/.exec(text);
    const addr = parseAddr(m?.[1]);
    const len = parseLen(m?.[2]);
    if (addr === null || len === null) return 'E01';
    // Never past the top of the address space; a partial reply is allowed (gdb asks again).
    const n = Math.min(len, MAX_READ, 0x1_0000_0000 - addr);
    if (n === 0) return '';
    const bytes = this.mem.read(addr, n);
    let s = '';
    for (const b of bytes) {
      if (b === null) break;
      s += b.toString(16).padStart(2, '0');
    }
    return s === '' ? 'E14' : s; // E14: EFAULT, as gdbserver answers
  }

  private writeMemoryHex(text: string): string {
    const m = /^([^,]+),([^:]+):(.*)$/.exec(text);
    const addr = parseAddr(m?.[1]);
    const len = parseLen(m?.[2]);
    const bytes = m === null ? null : parseHexBytes(m[3]!);
    if (addr === null || len === null || bytes === null || bytes.length !== len) return 'E01';
    return this.store(addr, bytes);
  }

  private writeMemoryBinary(text: string): string {
    const colon = text.indexOf(':');
    if (colon < 0) return 'E01';
    const m = /^([^,]+),(.+)$/.exec(text.slice(0, colon));
    const addr = parseAddr(m?.[1]);
    const len = parseLen(m?.[2]);
    const bytes = unescapeBinary(text.slice(colon + 1));
    if (addr === null || len === null || bytes === null || bytes.length !== len) return 'E01';
    return this.store(addr, bytes);
  }

  private store(addr: number, bytes: Uint8Array): string {
    if (bytes.length === 0) return 'OK'; // gdb probes X support with a zero-length write
    if (addr + bytes.length > 0x1_0000_0000) return 'E01';
    const cur = this.mem.read(addr, bytes.length);
    if (cur.every((b, i) => b === bytes[i])) return 'OK'; // unchanged: keep the history
    return this.mem.write(addr, bytes) ? 'OK' : 'E14';
  }

  // ---- breakpoints and watchpoints ----

  private point(insert: boolean, text: string): string {
    const m = /^([0-4]),([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(text);
    if (m === null) return 'E01';
    const type = Number(m[1]);
    const addr = parseAddr(m[2])!;
    const len = parseInt(m[3]!, 16);
    const key = `${type},${addr},${len}`;
    if (!insert) {
      const p = this.points.get(key);
      if (p !== undefined) {
        this.session.remove(p.id);
        this.points.delete(key);
        this.byId.delete(p.id);
      }
      return 'OK';
    }
    if (this.points.has(key)) return 'OK'; // insertion is idempotent (gdb manual, Z packets)
    let id: number;
    if (type <= 1) {
      // Kind 4: a 32-bit MIPS instruction; 2 and 3 would be MIPS16/microMIPS, absent on the R3000.
      if (len !== 4 || (addr & 3) !== 0) return 'E01';
      id = this.session.addBreakpoint(addr).id;
    } else {
      if (len < 1 || len > 4096 || addr + len > 0x1_0000_0000) return 'E01';
      const kind: WatchKind = type === 2 ? 'write' : type === 3 ? 'read' : 'access';
      id = this.session.addWatchpoint('virtual', addr, len, kind).id;
    }
    const p: Point = { type, id, addr, len };
    this.points.set(key, p);
    this.byId.set(id, p);
    return 'OK';
  }
}
