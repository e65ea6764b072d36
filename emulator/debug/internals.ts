/**
 * The few pieces of machine state that their owners keep private (the console input queue, the
 * clock's latches, the Linux ABI's page map), reached in one place so that snapshots can save and
 * restore them. Each accessor names the field it reads; if a field is renamed, the typecheck does
 * not notice, but test/debug/snapshot.test.ts (which checks the fields exist) does.
 */
import type { LinuxAbi } from '../abi-linux.js';
import { CLOCK_BASE } from '../devices/clock.js';
import type { Machine } from '../machine.js';

export interface MachineConsoleInternals {
  inputQueue: number[];
  inputEof: boolean;
  outLen: number;
}

export interface ClockInternals {
  sec: number;
  usec: number;
  hiLatch: number;
}

export interface LinuxAbiInternals {
  readonly pages: Int32Array;
  nextFreePage: number;
  readonly freePages: number[];
  outOfMemory: boolean;
  brkStart: number;
  brk: number;
}

function check(obj: object, fields: readonly string[], what: string): void {
  for (const f of fields) if (!(f in obj)) throw new Error(`internal: ${what} has no field ${f} (emulator/debug/internals.ts is out of date)`);
}

export function consoleInternals(m: Machine): MachineConsoleInternals {
  check(m, ['inputQueue', 'inputEof', 'outLen'], 'Machine');
  return m as unknown as MachineConsoleInternals;
}

export function clockInternals(m: Machine): ClockInternals {
  const rtc = m.bus.deviceAt(CLOCK_BASE)?.device as unknown as { clock?: ClockInternals } | undefined;
  const clock = rtc?.clock;
  if (clock === undefined) throw new Error('internal: no clock device at CLOCK_BASE (emulator/debug/internals.ts is out of date)');
  check(clock, ['sec', 'usec', 'hiLatch'], 'ClockDevice');
  return clock;
}

export function linuxInternals(abi: LinuxAbi): LinuxAbiInternals {
  check(abi, ['pages', 'nextFreePage', 'freePages', 'outOfMemory', 'brkStart', 'brk'], 'LinuxAbi');
  return abi as unknown as LinuxAbiInternals;
}
