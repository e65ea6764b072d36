/**
 * What the panes read: the side-effect-free part of the debug engine (emulator/debug/types.ts).
 * View models take this, never a React prop tree or the Machine's mutable internals directly, so
 * that every read goes through the engine's debug path (no cache, TLB, device or counter change).
 */
import type { DebugSession } from '../emulator/debug/types.js';

export type Inspect = Pick<
  DebugSession,
  | 'machine'
  | 'instructions'
  | 'running'
  | 'readRegister'
  | 'readVirtual'
  | 'readPhysical'
  | 'translate'
  | 'exceptionLog'
  | 'breakpoints'
  | 'watchpoints'
  | 'catchpoints'
  | 'consoleOutput'
  | 'errorOutput'
>;

/** A little-endian word from debug-read bytes; null when any byte does not translate. */
export function wordOf(bytes: readonly (number | null)[], off = 0): number | null {
  const b0 = bytes[off];
  const b1 = bytes[off + 1];
  const b2 = bytes[off + 2];
  const b3 = bytes[off + 3];
  if (b0 == null || b1 == null || b2 == null || b3 == null) return null;
  return (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0;
}

/** EntryHi's ASID (the current address space). */
export function currentAsid(s: Inspect): number {
  return (s.machine.cpu.cop0[10]! >>> 6) & 63;
}
