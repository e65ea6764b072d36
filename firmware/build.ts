/**
 * Builds the firmware: the boot ROM image that `exo run --firmware-only` (and later `exo run
 * PROG...`) loads at 0xBFC00000. Two sources, assembled by our assembler at run time (they are
 * small: measured at a few tens of milliseconds cold, and the result is cached per process, so
 * `npx exo` stays quick and nothing generated is checked in):
 *   rom.s     linked at 0xBFC00000: the reset code and the BEV=1 vectors (docs/exokernel.md §3);
 *   kernel.s + KERNEL_FILES  linked together at 0x80000000 (kernel.s first: its vectors sit at
 *             0x80000000 and 0x80000080): the kernel, copied to RAM by rom.s (firmware/kconv.md).
 * ROM image: rom.s's bytes from offset 0, then at KIMG_OFFSET a 16-byte header
 * {magic "EXOK", load address, size, entry} followed by the kernel's bytes (layout.inc).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { assemble, formatDiagnostic, type LinkedImage } from '../assembler/index.js';

export const ROM_BASE = 0xbfc00000;
export const KERNEL_BASE = 0x80000000;
/** Offset of the kernel image header in the ROM (layout.inc KIMG_HDR - 0xBFC00000). */
export const KIMG_OFFSET = 0x1000;
export const KIMG_MAGIC = 0x4b4f5845;
const ROM_SIZE = 0x80000;

export interface Firmware {
  /** Bytes for the boot ROM from offset 0 (0xBFC00000). */
  readonly rom: Uint8Array;
  /** The kernel as linked at KERNEL_BASE (what rom.s copies to RAM). */
  readonly kernel: Uint8Array;
  readonly kernelEntry: number;
  /** Symbols of both images (name -> address), for tests and tracing. */
  readonly symbols: ReadonlyMap<string, number>;
  /** Host milliseconds spent assembling. */
  readonly assembleMs: number;
}

export class FirmwareBuildError extends Error {}

/** The directory holding the firmware sources, from the source tree or from dist/. */
export function firmwareDir(): string {
  for (const rel of ['./', '../../firmware/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'kernel.s')) && existsSync(join(dir, 'rom.s'))) return dir;
  }
  throw new FirmwareBuildError('cannot find the firmware sources (firmware/rom.s, firmware/kernel.s)');
}

let cached: Firmware | null = null;

/** The firmware, assembled on first use and cached for the process. */
export function buildFirmware(): Firmware {
  cached ??= buildFrom(firmwareDir());
  return cached;
}

/** The kernel's source files, in link order. */
export const KERNEL_FILES = ['kernel.s', 'kslice.s', 'kenv.s', 'kboot.s', 'kmem.s', 'krevoke.s', 'knet.s'];

function assembleOne(dir: string, files: readonly string[], textAddr: number, entry: string): LinkedImage {
  const sources = files.map((file) => {
    const name = join(dir, file);
    return { name, text: readFileSync(name, 'utf8') };
  });
  const r = assemble(sources, { textAddr, entry });
  const problems = r.diagnostics.map(formatDiagnostic);
  // The firmware must assemble cleanly: a warning (an uncovered hazard) is an error here.
  if (!r.image || problems.length > 0) throw new FirmwareBuildError(`firmware build failed:\n${problems.join('\n')}`);
  return r.image;
}

/** The bytes of an image from `base` to the end of its last section (nobits sections as zeros). */
function flatten(img: LinkedImage, base: number): Uint8Array {
  let end = base;
  for (const s of img.sections) if (s.size > 0) end = Math.max(end, (s.addr >>> 0) + s.size);
  const out = new Uint8Array((end - base + 3) & ~3);
  for (const s of img.sections) {
    if (s.size === 0) continue;
    const off = (s.addr >>> 0) - base;
    if (off < 0) throw new FirmwareBuildError(`firmware section ${s.name} at 0x${(s.addr >>> 0).toString(16)} is below 0x${base.toString(16)}`);
    if (!s.nobits) out.set(s.data.subarray(0, s.size), off);
  }
  return out;
}

export function buildFrom(dir: string): Firmware {
  const t0 = performance.now();
  const romImg = assembleOne(dir, ['rom.s'], ROM_BASE, '__start');
  const kImg = assembleOne(dir, KERNEL_FILES, KERNEL_BASE, 'kernel_entry');
  const assembleMs = performance.now() - t0;
  const romCode = flatten(romImg, ROM_BASE);
  if (romCode.length > KIMG_OFFSET) throw new FirmwareBuildError(`rom.s is ${romCode.length} bytes; it must end before the kernel image header at offset 0x${KIMG_OFFSET.toString(16)}`);
  const kernel = flatten(kImg, KERNEL_BASE);
  const rom = new Uint8Array(KIMG_OFFSET + 16 + kernel.length);
  if (rom.length > ROM_SIZE) throw new FirmwareBuildError(`the firmware (${rom.length} bytes) does not fit in the 512 KB boot ROM`);
  rom.set(romCode, 0);
  const dv = new DataView(rom.buffer);
  dv.setUint32(KIMG_OFFSET, KIMG_MAGIC, true);
  dv.setUint32(KIMG_OFFSET + 4, KERNEL_BASE, true);
  dv.setUint32(KIMG_OFFSET + 8, kernel.length, true);
  dv.setUint32(KIMG_OFFSET + 12, kImg.entry >>> 0, true);
  rom.set(kernel, KIMG_OFFSET + 16);
  const symbols = new Map<string, number>();
  for (const s of [...romImg.symbols, ...kImg.symbols]) if (s.name !== '') symbols.set(s.name, s.value >>> 0);
  return { rom, kernel, kernelEntry: kImg.entry >>> 0, symbols, assembleMs };
}
