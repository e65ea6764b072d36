/**
 * Booting the firmware on a machine: the ROM image goes into the boot ROM, the CPU is reset (PC =
 * 0xBFC00000, BEV=1, kernel mode) and the firmware's trap hooks are installed with the programs,
 * the slice quantum and the seed they hand the kernel. The guest does the rest (firmware/rom.s,
 * kernel.s). docs/exokernel.md §3.
 */
import { HookTable } from '../emulator/hooks.js';
import type { Machine } from '../emulator/machine.js';
import { buildFirmware, type Firmware } from './build.js';
import { DEFAULT_QUANTUM, DEFAULT_SEED, registerFirmwareHooks, type FirmwareData } from './hooks.js';
import type { ProgramImage } from './images.js';

export interface BootedFirmware {
  readonly firmware: Firmware;
  readonly hooks: HookTable;
  readonly data: FirmwareData;
}

export interface BootOptions {
  /** The programs the kernel loads as environments (firmware/images.ts); none by default. */
  readonly images?: readonly ProgramImage[];
  /** Cycles per time slice (default DEFAULT_QUANTUM, the paper's 15.625 ms at 25 MHz). */
  readonly quantum?: number;
  /** The capability generator's seed (default DEFAULT_SEED). */
  readonly seed?: number;
  /** Another firmware build (tests); default the one assembled from firmware/. */
  readonly firmware?: Firmware;
}

/** `bootFirmware(machine, options)`; a Firmware as second argument is accepted as `{ firmware }`. */
export function bootFirmware(machine: Machine, opts: BootOptions | Firmware = {}): BootedFirmware {
  const o: BootOptions = 'rom' in opts ? { firmware: opts } : opts;
  const firmware = o.firmware ?? buildFirmware();
  const data: FirmwareData = {
    images: o.images ?? [],
    quantum: o.quantum ?? DEFAULT_QUANTUM,
    seed: (o.seed ?? DEFAULT_SEED) >>> 0,
  };
  if (!Number.isInteger(data.quantum) || data.quantum < 1 || data.quantum > 0xffffffff) throw new Error(`internal: quantum ${data.quantum} is not a 32-bit cycle count`);
  if (!machine.rom.loadImage(0, firmware.rom)) throw new Error('internal: the firmware does not fit in the boot ROM');
  machine.cpu.reset();
  const hooks = new HookTable();
  registerFirmwareHooks(hooks, machine, data);
  machine.cpu.hook = hooks;
  return { firmware, hooks, data };
}
