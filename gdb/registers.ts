/**
 * The registers gdb sees, in its remote numbering for 32-bit MIPS (gdb manual, "MIPS Register
 * packet Format"; ../shared/reference/debugger.md §4.3): r0-r31 (0-31), status 32, lo 33, hi 34,
 * badvaddr 35, cause 36, pc 37, f0-f31 38-69, fcsr 70, fir 71, then our own CP0 feature at 72-78.
 * Every register is 32 bits, sent in target byte order (little-endian: pc 0xbfc00000 is
 * `0000c0bf`).
 *
 * The R3000 has no FPU, but gdb 13 rejects a MIPS target description without the
 * org.gnu.gdb.mips.fpu feature, so f0-f31, fcsr and fir are published, read as 0 (fir 0: no FPU
 * implemented) and writes to them are ignored, as QEMU does for a CPU without an FPU. (Reporting
 * them unavailable, `xxxxxxxx`, makes gdb 13's `info all-registers` stop at f0 with "can't read
 * register".)
 */
import { C0_CONTEXT, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_PRID } from '../emulator/cop0.js';
import { REG_PC, type DebugSession } from '../emulator/debug/types.js';

export const REG_F0 = 38;
export const REG_FCSR = 70;
export const REG_FIR = 71;
/** First register of our own CP0 feature (org.exo-r3000.cp0). */
export const REG_CP0_EXTRA = 72;
/** Our extra CP0 registers in remote-number order, with their CP0 register numbers (-1: Random). */
export const CP0_EXTRA: readonly { readonly name: string; readonly cp0: number }[] = [
  { name: 'index', cp0: C0_INDEX },
  { name: 'random', cp0: -1 },
  { name: 'entrylo', cp0: C0_ENTRYLO },
  { name: 'context', cp0: C0_CONTEXT },
  { name: 'entryhi', cp0: C0_ENTRYHI },
  { name: 'epc', cp0: C0_EPC },
  { name: 'prid', cp0: C0_PRID },
];
/** Registers in a `g` packet. */
export const NUM_REGS = REG_CP0_EXTRA + CP0_EXTRA.length;

/** A register's value, or null for a number beyond NUM_REGS. No side effects. */
export function readReg(session: DebugSession, n: number): number | null {
  if (n >= 0 && n <= REG_PC) return session.readRegister(n) >>> 0;
  if (n >= REG_F0 && n <= REG_FIR) return 0;
  const extra = CP0_EXTRA[n - REG_CP0_EXTRA];
  if (extra === undefined) return null;
  const cpu = session.machine.cpu;
  // Random counts down once per cycle (cop0.ts); cpu.random() derives it from the cycle count.
  return extra.cp0 < 0 ? (cpu.random() << 8) >>> 0 : cpu.cop0[extra.cp0]! >>> 0;
}

export type WriteResult = 'ok' | 'ignored' | 'read-only' | 'no-such-register';

/**
 * Writes a register. r0 stays 0 (the session ignores the write); the FPU registers are ignored;
 * our extra CP0 registers are read-only (the debug engine records only GPR/HI/LO/PC/SR/Cause
 * writes for replay). A write of the current value is skipped so it does not cut the history.
 */
export function writeReg(session: DebugSession, n: number, value: number): WriteResult {
  if (n >= 0 && n <= REG_PC) {
    if (session.readRegister(n) >>> 0 !== value >>> 0) session.writeRegister(n, value >>> 0);
    return 'ok';
  }
  if (n >= REG_F0 && n <= REG_FIR) return 'ignored';
  if (n >= REG_CP0_EXTRA && n < NUM_REGS) return readReg(session, n) === value >>> 0 ? 'ok' : 'read-only';
  return 'no-such-register';
}

/** A 32-bit value as 8 hex digits in little-endian byte order. */
export function encodeLE32(v: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += ((v >>> (8 * i)) & 0xff).toString(16).padStart(2, '0');
  return s;
}

/** 8 hex digits in little-endian byte order; null if malformed. */
export function decodeLE32(hex: string): number | null {
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) return null;
  let v = 0;
  for (let i = 3; i >= 0; i--) v = (v << 8) | parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return v >>> 0;
}

/** One register as it goes in `g`/`p` replies. */
export function encodeReg(session: DebugSession, n: number): string {
  const v = readReg(session, n);
  return v === null ? 'xxxxxxxx' : encodeLE32(v);
}
