/**
 * Reading ELF32 little-endian MIPS executables (what `exo asm` and GNU ld write), for the
 * disassembler, the loader and the debugger.
 *
 * Everything is validated before use: identification, type EM_MIPS executable, every header and
 * table inside the file, string indices inside their tables, PT_LOAD segments that neither wrap
 * around the 32-bit address space nor overlap each other. Bad input raises `ElfError` with a
 * one-line message `FILE: error: ...`, never another exception. The reader only walks tables
 * whose size it has checked against the file, so it cannot hang.
 *
 * Layout facts: System V ABI "Object Files" chapter (ELF32 header 52 bytes, program header 32,
 * section header 40, symbol 16) and the MIPS ABI supplement (EM_MIPS = 8).
 */

/** The disassembler's symbol callback for an image (see elf-symbols.ts). */
export { symbolizer } from './elf-symbols.js';

export class ElfError extends Error {
  constructor(
    readonly fileName: string,
    /** The message without the file name, e.g. `not an ELF file`. */
    readonly reason: string,
  ) {
    super(`${fileName}: error: ${reason}`);
    this.name = 'ElfError';
  }
}

export interface ElfSegment {
  vaddr: number;
  paddr: number;
  memsz: number;
  filesz: number;
  /** The `filesz` bytes from the file (a copy); the rest of `memsz` is zero. */
  data: Uint8Array;
  /** PF_X = 1, PF_W = 2, PF_R = 4. */
  flags: number;
}

export interface ElfSection {
  name: string;
  addr: number;
  size: number;
  /** SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8 ... */
  type: number;
  /** SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4. */
  flags: number;
  /** The contents (empty for SHT_NOBITS). */
  data: Uint8Array;
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  /** STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4. */
  type: number;
  /** STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2. */
  bind: number;
  /** Index into `sections`; 0 undefined, 0xfff1 absolute, 0xfff2 common. */
  shndx: number;
}

export interface ElfImage {
  entry: number;
  machine: number;
  flags: number;
  /** The PT_LOAD segments, in file order. */
  segments: ElfSegment[];
  /** Every section header, `sections[i]` being header i (index 0 is the null section). */
  sections: ElfSection[];
  /** The entries of `.symtab` (without the null symbol 0). */
  symbols: ElfSymbol[];
}

export const EM_MIPS = 8;
export const ET_EXEC = 2;
export const PT_LOAD = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOBITS = 8;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;
const SYM_SIZE = 16;
const SHN_LORESERVE = 0xff00;
const SHN_XINDEX = 0xffff;

const TYPE_NAMES: Record<number, string> = { 0: 'no file type', 1: 'a relocatable object', 3: 'a shared object', 4: 'a core file' };
const hex = (n: number): string => `0x${n.toString(16)}`;

export function readElf(bytes: Uint8Array, fileName: string): ElfImage {
  const fail = (reason: string): never => {
    throw new ElfError(fileName, reason);
  };
  const len = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (len < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) fail('not an ELF file');
  if (len < EHDR_SIZE) fail('truncated ELF header');
  if (bytes[4] !== 1) fail(`not a 32-bit ELF file (class ${bytes[4]})`);
  if (bytes[5] !== 1) fail(bytes[5] === 2 ? 'big-endian ELF file; only little-endian MIPS is supported' : `bad ELF data encoding ${bytes[5]}`);
  if (bytes[6] !== 1) fail(`unsupported ELF version ${bytes[6]}`);
  const u16 = (off: number): number => view.getUint16(off, true);
  const u32 = (off: number): number => view.getUint32(off, true);

  const type = u16(16);
  const machine = u16(18);
  if (machine !== EM_MIPS) fail(`not a MIPS ELF file (machine ${machine})`);
  if (type !== ET_EXEC) fail(`not an executable (${TYPE_NAMES[type] ?? `type ${type}`})`);
  if (u32(20) !== 1) fail(`unsupported ELF version ${u32(20)}`);
  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const flags = u32(36);
  const ehsize = u16(40);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);
  if (ehsize < EHDR_SIZE) fail(`bad ELF header size ${ehsize}`);

  // ---- program headers ----
  const segments: ElfSegment[] = [];
  if (phnum > 0) {
    if (phentsize !== PHDR_SIZE) fail(`bad program header size ${phentsize}`);
    if (phoff > len || phnum * PHDR_SIZE > len - phoff) fail('program header table outside the file');
    for (let i = 0; i < phnum; i++) {
      const at = phoff + i * PHDR_SIZE;
      if (u32(at) !== PT_LOAD) continue;
      const offset = u32(at + 4);
      const vaddr = u32(at + 8);
      const paddr = u32(at + 12);
      const filesz = u32(at + 16);
      const memsz = u32(at + 20);
      const pflags = u32(at + 24);
      const what = `segment ${i}`;
      // A segment with no file data (only .bss) may carry any offset: GNU ld gives such a segment
      // an offset past the end of the file.
      if (filesz > 0 && (offset > len || filesz > len - offset)) fail(`${what}: file data outside the file`);
      if (filesz > memsz) fail(`${what}: file size ${hex(filesz)} exceeds memory size ${hex(memsz)}`);
      if (vaddr + memsz > 0x1_0000_0000) fail(`${what}: virtual range ${hex(vaddr)}+${hex(memsz)} wraps around`);
      if (paddr + memsz > 0x1_0000_0000) fail(`${what}: physical range ${hex(paddr)}+${hex(memsz)} wraps around`);
      segments.push({ vaddr, paddr, memsz, filesz, data: filesz > 0 ? bytes.slice(offset, offset + filesz) : new Uint8Array(0), flags: pflags });
    }
    const sorted = segments.filter((s) => s.memsz > 0).sort((a, b) => a.vaddr - b.vaddr);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (a.vaddr + a.memsz > b.vaddr) fail(`segments at ${hex(a.vaddr)} and ${hex(b.vaddr)} overlap`);
    }
  }

  // ---- section headers ----
  const sections: ElfSection[] = [];
  const shNameOff: number[] = [];
  const shLink: number[] = [];
  const shEntsize: number[] = [];
  if (shoff !== 0 || shnum !== 0) {
    if (shnum === 0) fail('extended section numbering is not supported');
    if (shentsize !== SHDR_SIZE) fail(`bad section header size ${shentsize}`);
    if (shoff > len || shnum * SHDR_SIZE > len - shoff) fail('section header table outside the file');
    for (let i = 0; i < shnum; i++) {
      const at = shoff + i * SHDR_SIZE;
      const stype = u32(at + 4);
      const size = u32(at + 20);
      const offset = u32(at + 16);
      let data = new Uint8Array(0);
      if (stype !== SHT_NOBITS && i !== 0) {
        if (offset > len || size > len - offset) fail(`section ${i}: contents outside the file`);
        data = bytes.slice(offset, offset + size);
      }
      shNameOff.push(u32(at));
      shLink.push(u32(at + 24));
      shEntsize.push(u32(at + 36));
      sections.push({ name: '', addr: u32(at + 12), size, type: stype, flags: u32(at + 8), data });
    }
    if (shstrndx === SHN_XINDEX) fail('extended section numbering is not supported');
    if (shstrndx !== 0) {
      const strtab = sections[shstrndx] ?? fail(`section name table index ${shstrndx} out of range`);
      if (strtab.type !== SHT_STRTAB) fail(`section name table (section ${shstrndx}) is not a string table`);
      sections.forEach((s, i) => {
        s.name = cString(strtab.data, shNameOff[i]!) ?? fail(`section ${i}: name offset ${hex(shNameOff[i]!)} outside the name table`);
      });
    }
  }

  // ---- symbols (.symtab) ----
  const symbols: ElfSymbol[] = [];
  const symtabIndex = sections.findIndex((s) => s.type === SHT_SYMTAB);
  if (symtabIndex > 0) {
    const symtab = sections[symtabIndex]!;
    if (shEntsize[symtabIndex] !== SYM_SIZE) fail(`symbol table entry size ${shEntsize[symtabIndex]} is not ${SYM_SIZE}`);
    if (symtab.size % SYM_SIZE !== 0) fail('symbol table size is not a multiple of the entry size');
    const link = shLink[symtabIndex]!;
    const strtab = sections[link];
    if (!strtab || link === 0 || strtab.type !== SHT_STRTAB) fail(`symbol table's string table (section ${link}) is not a string table`);
    const sv = new DataView(symtab.data.buffer, symtab.data.byteOffset, symtab.data.byteLength);
    for (let i = 1; i < symtab.size / SYM_SIZE; i++) {
      const at = i * SYM_SIZE;
      const nameOff = sv.getUint32(at, true);
      const info = symtab.data[at + 12]!;
      const shndx = sv.getUint16(at + 14, true);
      if (shndx !== 0 && shndx < SHN_LORESERVE && shndx >= sections.length) fail(`symbol ${i}: section index ${shndx} out of range`);
      const name = cString(strtab!.data, nameOff) ?? fail(`symbol ${i}: name offset ${hex(nameOff)} outside the string table`);
      symbols.push({ name, value: sv.getUint32(at + 4, true), size: sv.getUint32(at + 8, true), type: info & 15, bind: info >> 4, shndx });
    }
  }

  return { entry, machine, flags, segments, sections, symbols };
}

const decoder = new TextDecoder('utf-8');

/** The NUL-terminated string at `off` in a string table, or undefined when it runs off the end. */
function cString(table: Uint8Array, off: number): string | undefined {
  if (off >= table.length) return off === 0 ? '' : undefined;
  const end = table.indexOf(0, off);
  if (end < 0) return undefined;
  return decoder.decode(table.subarray(off, end));
}
