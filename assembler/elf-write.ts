/**
 * Writes a LinkedImage as an ELF32 little-endian MIPS executable: ELF header, one PT_LOAD per
 * segment (text+rodata R E, data+bss RW), the sections, .symtab/.strtab/.shstrtab and the
 * section header table. Field meanings: System V ABI gABI ch. 4-5 and its MIPS supplement.
 *
 * e_flags: EF_MIPS_ABI_O32 (0x1000) with EF_MIPS_ARCH_1 (0), as mipsel-linux-gnu-ld 2.40 sets for
 * -march=r3000 objects, plus EF_MIPS_NOREORDER (1) when a source used `.set noreorder` (gas
 * marks such objects and ld keeps the flag).
 */
import type { LinkedImage, LinkedSection } from './index.js';

const EM_MIPS = 8;
const ET_EXEC = 2;
const PT_LOAD = 1;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHN_ABS = 0xfff1;
const PAGE = 0x1000;
export const EF_MIPS_NOREORDER = 1;
export const EF_MIPS_ABI_O32 = 0x1000;

class Strtab {
  private parts: string[] = [''];
  private size = 1;
  private index = new Map<string, number>();
  add(s: string): number {
    if (s === '') return 0;
    const have = this.index.get(s);
    if (have !== undefined) return have;
    const off = this.size;
    this.parts.push(s);
    this.size += Buffer.byteLength(s) + 1;
    this.index.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.from(this.parts.join('\0') + '\0', 'utf8'));
  }
}

interface Seg {
  secs: LinkedSection[];
  flags: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  offset: number;
}

export function writeElf(img: LinkedImage, noreorder: boolean): Uint8Array {
  const secs = img.sections;
  // Segments: consecutive sections with the same writability share one.
  const segs: Seg[] = [];
  for (const s of secs) {
    const w = s.flags === 'rw';
    const last = segs[segs.length - 1];
    if (last && ((last.flags & 2) !== 0) === w && !last.secs.some((x) => x.nobits)) {
      last.secs.push(s);
    } else segs.push({ secs: [s], flags: w ? 6 : 5, vaddr: s.addr, filesz: 0, memsz: 0, offset: 0 });
  }
  for (const g of segs) {
    const first = g.secs[0]!;
    const lastS = g.secs[g.secs.length - 1]!;
    g.vaddr = first.addr;
    g.memsz = lastS.addr + lastS.size - first.addr;
    const lastFile = [...g.secs].reverse().find((s) => !s.nobits);
    g.filesz = lastFile ? lastFile.addr + lastFile.size - first.addr : 0;
  }
  const phnum = segs.length;
  let off = 52 + 32 * phnum;
  const secOffset = new Map<LinkedSection, number>();
  for (const g of segs) {
    // p_offset ≡ p_vaddr (mod page size)
    const want = g.vaddr % PAGE;
    off = off % PAGE <= want ? off - (off % PAGE) + want : off - (off % PAGE) + PAGE + want;
    g.offset = off;
    for (const s of g.secs) secOffset.set(s, s.nobits ? g.offset + g.filesz : g.offset + (s.addr - g.vaddr));
    off += g.filesz;
  }

  // ---- symbols ----
  const strtab = new Strtab();
  const shstr = new Strtab();
  const secIndex = new Map<string, number>();
  secs.forEach((s, i) => secIndex.set(s.name, i + 1));
  const locals = img.symbols.filter((s) => !s.global);
  const globals = img.symbols.filter((s) => s.global);
  const ordered = [...locals, ...globals];
  const symtab = new Uint8Array(16 * (ordered.length + 1));
  const sv = new DataView(symtab.buffer);
  ordered.forEach((s, i) => {
    const o = 16 * (i + 1);
    sv.setUint32(o, strtab.add(s.name), true);
    sv.setUint32(o + 4, s.value >>> 0, true);
    sv.setUint32(o + 8, s.size >>> 0, true);
    const type = s.type === 'func' ? 2 : s.type === 'object' ? 1 : 0;
    symtab[o + 12] = ((s.global ? 1 : 0) << 4) | type;
    symtab[o + 13] = 0;
    sv.setUint16(o + 14, secIndex.get(s.section) ?? SHN_ABS, true);
  });
  const strBytes = strtab.bytes();

  // ---- section headers ----
  interface Sh { name: number; type: number; flags: number; addr: number; offset: number; size: number; link: number; info: number; align: number; entsize: number; data?: Uint8Array }
  const shs: Sh[] = [{ name: 0, type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0 }];
  for (const s of secs) {
    shs.push({
      name: shstr.add(s.name),
      type: s.nobits ? SHT_NOBITS : SHT_PROGBITS,
      flags: SHF_ALLOC | (s.flags === 'rw' ? SHF_WRITE : 0) | (s.flags === 'rx' ? SHF_EXECINSTR : 0),
      addr: s.addr,
      offset: secOffset.get(s)!,
      size: s.size,
      link: 0,
      info: 0,
      align: 16,
      entsize: 0,
    });
  }
  const symIdx = shs.length;
  const strIdx = symIdx + 1;
  const shstrIdx = symIdx + 2;
  const symName = shstr.add('.symtab');
  const strName = shstr.add('.strtab');
  const shstrName = shstr.add('.shstrtab');
  off = Math.ceil(off / 4) * 4;
  shs.push({ name: symName, type: SHT_SYMTAB, flags: 0, addr: 0, offset: off, size: symtab.length, link: strIdx, info: locals.length + 1, align: 4, entsize: 16, data: symtab });
  off += symtab.length;
  shs.push({ name: strName, type: SHT_STRTAB, flags: 0, addr: 0, offset: off, size: strBytes.length, link: 0, info: 0, align: 1, entsize: 0, data: strBytes });
  off += strBytes.length;
  const shstrBytes = shstr.bytes();
  shs.push({ name: shstrName, type: SHT_STRTAB, flags: 0, addr: 0, offset: off, size: shstrBytes.length, link: 0, info: 0, align: 1, entsize: 0, data: shstrBytes });
  off += shstrBytes.length;
  const shoff = Math.ceil(off / 4) * 4;
  const total = shoff + 40 * shs.length;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0);
  dv.setUint16(16, ET_EXEC, true);
  dv.setUint16(18, EM_MIPS, true);
  dv.setUint32(20, 1, true);
  dv.setUint32(24, img.entry >>> 0, true);
  dv.setUint32(28, 52, true);
  dv.setUint32(32, shoff, true);
  dv.setUint32(36, EF_MIPS_ABI_O32 | (noreorder ? EF_MIPS_NOREORDER : 0), true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, phnum, true);
  dv.setUint16(46, 40, true);
  dv.setUint16(48, shs.length, true);
  dv.setUint16(50, shstrIdx, true);
  segs.forEach((g, i) => {
    const o = 52 + 32 * i;
    dv.setUint32(o, PT_LOAD, true);
    dv.setUint32(o + 4, g.offset, true);
    dv.setUint32(o + 8, g.vaddr >>> 0, true);
    dv.setUint32(o + 12, g.vaddr >>> 0, true);
    dv.setUint32(o + 16, g.filesz, true);
    dv.setUint32(o + 20, g.memsz, true);
    dv.setUint32(o + 24, g.flags, true);
    dv.setUint32(o + 28, PAGE, true);
  });
  for (const s of secs) if (!s.nobits) out.set(s.data.subarray(0, s.size), secOffset.get(s)!);
  shs.forEach((h, i) => {
    const o = shoff + 40 * i;
    dv.setUint32(o, h.name, true);
    dv.setUint32(o + 4, h.type, true);
    dv.setUint32(o + 8, h.flags, true);
    dv.setUint32(o + 12, h.addr >>> 0, true);
    dv.setUint32(o + 16, h.offset, true);
    dv.setUint32(o + 20, h.size, true);
    dv.setUint32(o + 24, h.link, true);
    dv.setUint32(o + 28, h.info, true);
    dv.setUint32(o + 32, h.align, true);
    dv.setUint32(o + 36, h.entsize, true);
    if (h.data) out.set(h.data, h.offset);
  });
  return out;
}
