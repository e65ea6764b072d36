/**
 * The firmware's trap hooks (docs/exokernel.md §10): host services the kernel calls with
 * `break 0x3e5, N` in kernel mode (emulator/hooks.ts). Numbers match firmware/layout.inc.
 *
 * | N | name          | arguments                          | result                 | cycles            |
 * |---|---------------|------------------------------------|------------------------|-------------------|
 * | 1 | console_write | a0 = kernel address, a1 = length   | v0 = length, or -1     | 20 + 5 per byte   |
 * | 2 | halt          | a0 = exit status (low 8 bits)      | (does not return)      | 0                 |
 *
 * console_write costs what a kernel loop storing each byte to the uncached console would: the
 * write buffer retires one store per 5 cycles (docs/timing.md §4), plus a fixed 20 for the call.
 * It reads the bytes through the debug translation (no side effects); an address that does not
 * translate or a length over 64 KiB gives v0 = -1 and prints nothing.
 */
import type { Machine } from '../emulator/machine.js';
import type { HookTable } from '../emulator/hooks.js';

export const HOOK_CONSOLE_WRITE = 1;
export const HOOK_HALT = 2;

export const CONSOLE_WRITE_BASE_CYCLES = 20;
export const CONSOLE_WRITE_BYTE_CYCLES = 5;
const CONSOLE_WRITE_MAX = 65536;

export function registerFirmwareHooks(hooks: HookTable, machine: Machine): void {
  hooks.registerHook(HOOK_CONSOLE_WRITE, 'console_write', CONSOLE_WRITE_BASE_CYCLES, (call) => {
    const n = call.a1;
    const bytes = n <= CONSOLE_WRITE_MAX ? call.read(call.a0, n) : undefined;
    if (bytes === undefined) {
      call.v0 = -1;
      return;
    }
    // Keep the order with bytes the guest wrote to the console device.
    machine.flushOutput();
    machine.io.writeOut(bytes);
    call.charge(CONSOLE_WRITE_BYTE_CYCLES * n);
    call.v0 = n;
  });
  hooks.registerHook(HOOK_HALT, 'halt', 0, (call) => {
    call.halt(call.a0);
  });
}
