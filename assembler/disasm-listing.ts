/**
 * The `objdump -d` listing of an ELF image: each executable section, split at its label symbols,
 * one line per word.
 *
 * Layout facts from binutils 2.40 objdump.c (disassemble_section / disassemble_bytes), checked
 * line by line against `mipsel-linux-gnu-objdump -d` in test/disasm/listing.test.ts:
 * - `\nDisassembly of section NAME:\n`, then per label address `\nXXXXXXXX <label>:\n` (the label
 *   objdump prefers, elf-symbols.ts); code before the first label is labelled from that label
 *   with a negative offset (`<foo-0x8>`), or with the section name when the section has none.
 * - The block of an object symbol (`.type x,@object` in a code section) is dumped as data: 16
 *   bytes a line in 4-byte chunks, then the printable characters.
 * - Instruction lines `ADDR:\tWWWWWWWW \tTEXT`; ADDR has its leading zeros replaced by spaces, after
 *   dropping leading zeros in groups of four from the width of the section's end address (always
 *   keeping one leading zero).
 * - A run of zero bytes is printed as `\t...` when it is at least 8 bytes long, or shorter than 3
 *   bytes and at the end of the label's block, unless the previous word in the block was a branch
 *   or jump (its delay-slot `nop` is shown). A run that does not reach the end of the block is
 *   skipped in whole words.
 */
import { disassemble, type DisasmOptions } from './disasm.js';
import { SHF_EXECINSTR, SHT_NOBITS, type ElfImage } from './elf-read.js';
import { sectionLabels, symbolizer } from './elf-symbols.js';

const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;
const STT_OBJECT = 1;
const DATA_BYTES_PER_LINE = 16;

/**
 * objdump groups data bytes by the chunk size the last disassembled instruction set (4 for MIPS);
 * before any instruction it is 1.
 */
interface ListingState {
  chunk: number;
}

export interface ListingOptions {
  /** Print objdump's aliases (default true); false for real instructions only. */
  aliases?: boolean;
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** The listing's lines, starting with objdump's `FILE:     file format ...` header. */
export function disasmListing(image: ElfImage, fileName: string, opts: ListingOptions = {}): string[] {
  const out: string[] = ['', `${fileName}:     file format elf32-tradlittlemips`, ''];
  const dopts: DisasmOptions = { symbols: symbolizer(image), aliases: opts.aliases !== false };
  const state: ListingState = { chunk: 1 };
  image.sections.forEach((sec, shndx) => {
    if (shndx === 0 || (sec.flags & SHF_EXECINSTR) === 0 || sec.type === SHT_NOBITS || sec.size === 0) return;
    out.push('', `Disassembly of section ${sec.name}:`);
    const end = sec.addr + sec.size;
    let skip = 0;
    const endText = hex8(end > 0xffffffff ? 0 : end);
    while (endText[skip] === '0') skip++;
    if (skip === 8 && sec.addr !== 0) skip = 0;
    if (skip !== 0) skip = (skip - 1) & ~3;
    const addrText = (a: number): string => {
      const s = hex8(a).slice(skip);
      const t = s.replace(/^0+/, (z) => ' '.repeat(z.length));
      return t.endsWith(' ') ? `${t.slice(0, -1)}0` : t;
    };
    // Blocks: one per distinct label address, best label first. Code before the first label is
    // labelled from it with a negative offset (`<foo-0x8>`), or with the section name.
    const labels = sectionLabels(image, shndx).filter((s) => s.value >= sec.addr && s.value < end);
    const blocks: { addr: number; label: string; data: boolean }[] = [];
    for (const s of labels)
      if (blocks.length === 0 || blocks[blocks.length - 1]!.addr !== s.value)
        blocks.push({ addr: s.value, label: s.name, data: s.type === STT_OBJECT });
    if (blocks.length === 0 || blocks[0]!.addr !== sec.addr) {
      const first = blocks[0];
      const label = first ? `${first.label}-0x${(first.addr - sec.addr).toString(16)}` : sec.name;
      blocks.unshift({ addr: sec.addr, label, data: false });
    }
    blocks.forEach((blk, bi) => {
      const stop = (bi + 1 < blocks.length ? blocks[bi + 1]!.addr : end) - sec.addr;
      out.push('', `${hex8(blk.addr)} <${blk.label}>:`);
      listBlock(sec.data, sec.addr, blk.addr - sec.addr, stop, blk.data, addrText, dopts, state, out);
    });
  });
  return out;
}

/**
 * One label's block: instructions, or for an object symbol (`.type x,@object`) the bytes as data
 * lines (16 per line in chunks, then the printable characters), as objdump does.
 */
function listBlock(
  data: Uint8Array,
  base: number,
  from: number,
  stop: number,
  asData: boolean,
  addrText: (a: number) => string,
  dopts: DisasmOptions,
  state: ListingState,
  out: string[],
): void {
  let off = from;
  let prevDelaySlot = false;
  while (off < stop) {
    let z = off;
    while (z < stop && data[z] === 0) z++;
    if (!prevDelaySlot && (z - off >= SKIP_ZEROES || (z === stop && z - off < SKIP_ZEROES_AT_END))) {
      out.push('\t...');
      off = z === stop ? z : off + ((z - off) & ~3);
      continue;
    }
    const addr = (base + off) >>> 0;
    if (asData) {
      const n = Math.min(DATA_BYTES_PER_LINE, stop - off);
      const bpc = state.chunk;
      let line = `${addrText(addr)}:\t`;
      for (let j = 0; j < n; j += bpc) {
        if (off + j + bpc <= stop) line += chunkHex(data, off + j, bpc);
        line += ' ';
      }
      for (let pb = n; pb < DATA_BYTES_PER_LINE; pb += bpc) line += '  '.repeat(bpc) + ' ';
      line += '    ';
      for (let j = 0; j < n; j++) {
        const b = data[off + j]!;
        line += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      }
      out.push(line);
      off += n;
      continue;
    }
    if (stop - off < 4) {
      // A partial word at the end of a block: objdump shows the bytes it has.
      out.push(`${addrText(addr)}:\t${chunkHex(data, off, stop - off)}`);
      break;
    }
    const word = (data[off]! | (data[off + 1]! << 8) | (data[off + 2]! << 16) | (data[off + 3]! << 24)) >>> 0;
    const insn = disassemble(word, addr, dopts);
    out.push(`${addrText(addr)}:\t${hex8(word)} \t${insn.text}`);
    state.chunk = 4;
    prevDelaySlot = insn.entry?.delaySlot ?? false;
    off += 4;
  }
}

/** `n` bytes at `off` as one little-endian hex number (most significant byte first). */
function chunkHex(data: Uint8Array, off: number, n: number): string {
  let s = '';
  for (let k = n - 1; k >= 0; k--) s += data[off + k]!.toString(16).padStart(2, '0');
  return s;
}
