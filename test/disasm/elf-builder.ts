/**
 * A tiny ELF32 little-endian MIPS executable writer for the reader's tests (independent of the
 * assembler's linker): one PT_LOAD segment per section given, .symtab/.strtab/.shstrtab.
 */
export interface BuildSection {
  name: string;
  addr: number;
  data: Uint8Array;
  exec?: boolean;
}
export interface BuildSymbol {
  name: string;
  value: number;
  section: number; // index into the sections given (0-based), or -1 for absolute
  type?: number;
  bind?: number;
  size?: number;
}

export function buildElf(sections: BuildSection[], symbols: BuildSymbol[], entry = sections[0]?.addr ?? 0): Uint8Array {
  const shstr = new StringTable();
  const str = new StringTable();
  const phnum = sections.length;
  let off = 52 + phnum * 32;
  const secOff: number[] = [];
  for (const s of sections) {
    off = (off + 3) & ~3;
    secOff.push(off);
    off += s.data.length;
  }
  const symtab = new Uint8Array(16 * (symbols.length + 1));
  const sv = new DataView(symtab.buffer);
  symbols.forEach((s, i) => {
    const at = 16 * (i + 1);
    sv.setUint32(at, str.add(s.name), true);
    sv.setUint32(at + 4, s.value, true);
    sv.setUint32(at + 8, s.size ?? 0, true);
    symtab[at + 12] = ((s.bind ?? 1) << 4) | (s.type ?? 2);
    sv.setUint16(at + 14, s.section < 0 ? 0xfff1 : s.section + 1, true);
  });
  // Section headers: null, given sections, .symtab, .strtab, .shstrtab.
  const names = [...sections.map((s) => shstr.add(s.name)), shstr.add('.symtab'), shstr.add('.strtab'), shstr.add('.shstrtab')];
  const strBytes = str.bytes();
  off = (off + 3) & ~3;
  const symOff = off;
  off += symtab.length;
  const strOff = off;
  off += strBytes.length;
  const shstrBytes = shstr.bytes();
  const shstrOff = off;
  off += shstrBytes.length;
  off = (off + 3) & ~3;
  const shoff = off;
  const shnum = sections.length + 4;
  const out = new Uint8Array(shoff + shnum * 40);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  v.setUint16(16, 2, true);
  v.setUint16(18, 8, true);
  v.setUint32(20, 1, true);
  v.setUint32(24, entry, true);
  v.setUint32(28, 52, true);
  v.setUint32(32, shoff, true);
  v.setUint32(36, 0x1001, true);
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, phnum, true);
  v.setUint16(46, 40, true);
  v.setUint16(48, shnum, true);
  v.setUint16(50, shnum - 1, true);
  sections.forEach((s, i) => {
    const at = 52 + i * 32;
    v.setUint32(at, 1, true);
    v.setUint32(at + 4, secOff[i]!, true);
    v.setUint32(at + 8, s.addr, true);
    v.setUint32(at + 12, s.addr, true);
    v.setUint32(at + 16, s.data.length, true);
    v.setUint32(at + 20, s.data.length, true);
    v.setUint32(at + 24, s.exec ? 5 : 6, true);
    v.setUint32(at + 28, 4, true);
    out.set(s.data, secOff[i]!);
  });
  out.set(symtab, symOff);
  out.set(strBytes, strOff);
  out.set(shstrBytes, shstrOff);
  const sh = (i: number, name: number, type: number, flags: number, addr: number, offset: number, size: number, link = 0, info = 0, entsize = 0) => {
    const at = shoff + i * 40;
    [name, type, flags, addr, offset, size, link, info, 4, entsize].forEach((x, k) => v.setUint32(at + k * 4, x >>> 0, true));
  };
  sections.forEach((s, i) => sh(i + 1, names[i]!, 1, s.exec ? 6 : 3, s.addr, secOff[i]!, s.data.length));
  const n = sections.length;
  sh(n + 1, names[n]!, 2, 0, 0, symOff, symtab.length, n + 2, 1, 16);
  sh(n + 2, names[n + 1]!, 3, 0, 0, strOff, strBytes.length);
  sh(n + 3, names[n + 2]!, 3, 0, 0, shstrOff, shstrBytes.length);
  return out;
}

class StringTable {
  private parts: number[] = [0];
  add(s: string): number {
    const at = this.parts.length;
    for (const b of new TextEncoder().encode(s)) this.parts.push(b);
    this.parts.push(0);
    return at;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Little-endian words as bytes. */
export function words(...ws: number[]): Uint8Array {
  const b = new Uint8Array(ws.length * 4);
  const v = new DataView(b.buffer);
  ws.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  return b;
}
