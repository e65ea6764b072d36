/**
 * Loading an ELF image for a bare run: every PT_LOAD segment goes to the physical address its
 * kseg0/kseg1 virtual address maps to (VA - 0x80000000 or VA - 0xA0000000): RAM, or the boot ROM
 * for segments at 0xBFC00000 and up. The bytes past `filesz` up to `memsz` are zeroed. A segment
 * elsewhere is an error, except one holding only ELF metadata (skipped, as GXemul's loader leaves
 * it unused).
 */
import type { ElfImage } from '../assembler/elf-read.js';
import type { Bus } from './bus.js';

export class LoadError extends Error {}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** Sections GNU ld puts in a header segment: ABI records, not program contents. */
const METADATA = /^(\.MIPS\.|\.reginfo$|\.note)/;

/**
 * Whether a segment holds only ELF metadata (GNU ld's first segment with the ELF headers,
 * .MIPS.abiflags, .reginfo and .note sections, which it places at 0x00400000 when .text is moved).
 */
function onlyMetadata(image: ElfImage, va: number, end: number): boolean {
  const inside = image.sections.filter((s) => (s.flags & 2) !== 0 && s.size > 0 && s.addr >>> 0 >= va && (s.addr >>> 0) < end);
  return inside.every((s) => METADATA.test(s.name));
}

export function loadBareSegments(bus: Bus, image: ElfImage): void {
  for (const seg of image.segments) {
    if (seg.memsz === 0) continue;
    const va = seg.vaddr >>> 0;
    const end = va + seg.memsz;
    const outside = va < 0x80000000 || end > 0xc0000000 || (va < 0xa0000000 && end > 0xa0000000);
    if (outside && onlyMetadata(image, va, end)) continue;
    if (va < 0x80000000 || end > 0xc0000000 || (va < 0xa0000000 && end > 0xa0000000)) {
      throw new LoadError(
        `segment at ${hex(va)}..${hex(end - 1)} is not inside kseg0 (0x80000000-0x9fffffff) or kseg1 (0xa0000000-0xbfffffff); a bare run loads at physical addresses (link with -Ttext 0x80030000, or use --abi linux for a user program)`,
      );
    }
    const pa = va < 0xa0000000 ? va - 0x80000000 : va - 0xa0000000;
    const bytes = new Uint8Array(seg.memsz);
    bytes.set(seg.data.subarray(0, Math.min(seg.filesz, seg.memsz)));
    if (!bus.load(pa, bytes)) {
      throw new LoadError(
        `segment at ${hex(va)} (physical ${hex(pa)}, ${seg.memsz} bytes) does not fit in RAM (${bus.ramSize / 1048576} MiB) or the boot ROM`,
      );
    }
  }
  const e = image.entry >>> 0;
  if (e < 0x80000000 || e >= 0xc0000000) {
    throw new LoadError(`entry point ${hex(e)} is not in kseg0/kseg1; a bare run starts in kernel mode at the ELF entry`);
  }
}
