/**
 * Symbol lookup for disassembly: which symbol names an address, objdump style.
 *
 * Label symbols are the function, object and untyped symbols (local, global or weak) with a name
 * that are defined in a section (not section or file symbols, not absolute or undefined ones).
 * When several share an address, the one objdump prefers names it (binutils objdump.c
 * `compare_symbols`: functions, then objects, then globals before locals, then names not starting
 * with `.`, then by name).
 */
import type { ElfImage, ElfSymbol } from './elf-read.js';
import type { DisasmOptions } from './disasm.js';

// ELF constants (System V ABI); elf-read.ts re-exports this module, so it imports only types.
const SHF_ALLOC = 2;
const STT_NOTYPE = 0;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const STT_SECTION = 3;
const STT_FILE = 4;
const STB_LOCAL = 0;
const SHN_LORESERVE = 0xff00;
const SHN_COMMON = 0xfff2;

export function isLabelSymbol(s: ElfSymbol): boolean {
  return (
    s.name !== '' &&
    (s.type === STT_NOTYPE || s.type === STT_OBJECT || s.type === STT_FUNC) &&
    s.shndx !== 0 &&
    s.shndx < SHN_LORESERVE
  );
}

/** objdump's order among symbols at the same address: negative when `a` is preferred. */
export function preferSymbol(a: ElfSymbol, b: ElfSymbol): number {
  const rank = (s: ElfSymbol): number[] => [
    s.type === STT_FUNC ? 0 : 1,
    s.type === STT_OBJECT ? 0 : 1,
    s.bind === STB_LOCAL ? 1 : 0,
    s.name.startsWith('.') ? 1 : 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Label symbols of section `shndx`, by address, best first among equal addresses. */
export function sectionLabels(image: ElfImage, shndx: number): ElfSymbol[] {
  return image.symbols
    .filter((s) => isLabelSymbol(s) && s.shndx === shndx)
    .sort((a, b) => a.value - b.value || preferSymbol(a, b));
}

/**
 * The `symbols` callback of the disassembler for an image: the nearest label symbol at or before
 * the address in the allocated section that contains it; before the section's first label, that
 * label with a negative offset; the section name when the section has no labels; undefined outside
 * every section (objdump would name the nearest symbol of any section there; a bare address is
 * clearer for targets such as ROM entry points), and everywhere when the file has no symbols.
 */
export function symbolizer(image: ElfImage): NonNullable<DisasmOptions['symbols']> {
  const secs = image.sections
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => i !== 0 && (s.flags & SHF_ALLOC) !== 0 && s.size > 0)
    .map(({ s, i }) => ({ name: s.name, start: s.addr, end: s.addr + s.size, labels: sectionLabels(image, i) }));
  // objdump prints bare addresses when the file has no symbols at all (a stripped executable).
  const anySymbol = image.symbols.some(
    (s) => s.name !== '' && s.type !== STT_SECTION && s.type !== STT_FILE && s.shndx !== 0 && s.shndx !== SHN_COMMON,
  );
  if (!anySymbol) return () => undefined;
  return (addr: number) => {
    const a = addr >>> 0;
    const sec = secs.find((s) => a >= s.start && a < s.end);
    if (!sec) return undefined;
    // Binary search: the last label with value <= a; then back to the first (best) at that value.
    const labels = sec.labels;
    let lo = 0;
    let hi = labels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (labels[mid]!.value <= a) lo = mid + 1;
      else hi = mid;
    }
    // Before the section's first label objdump names the address from that label (`<foo-0x8>`).
    if (lo === 0) return labels.length > 0 ? { name: labels[0]!.name, offset: a - labels[0]!.value } : { name: sec.name, offset: a - sec.start };
    let k = lo - 1;
    const v = labels[k]!.value;
    while (k > 0 && labels[k - 1]!.value === v) k--;
    return { name: labels[k]!.name, offset: a - v };
  };
}
