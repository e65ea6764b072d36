/**
 * Booting the firmware on a machine: the ROM image goes into the boot ROM, the CPU is reset (PC =
 * 0xBFC00000, BEV=1, kernel mode) and the firmware's trap hooks are installed. The guest does the
 * rest (firmware/rom.s). docs/exokernel.md §3.
 */
import { HookTable } from '../emulator/hooks.js';
import type { Machine } from '../emulator/machine.js';
import { buildFirmware, type Firmware } from './build.js';
import { registerFirmwareHooks } from './hooks.js';

export interface BootedFirmware {
  readonly firmware: Firmware;
  readonly hooks: HookTable;
}

export function bootFirmware(machine: Machine, firmware: Firmware = buildFirmware()): BootedFirmware {
  if (!machine.rom.loadImage(0, firmware.rom)) throw new Error('internal: the firmware does not fit in the boot ROM');
  machine.cpu.reset();
  const hooks = new HookTable();
  registerFirmwareHooks(hooks, machine);
  machine.cpu.hook = hooks;
  return { firmware, hooks };
}
