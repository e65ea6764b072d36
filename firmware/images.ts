/**
 * Program images for `exo run PROG...` (docs/exokernel.md §3.3): each PROG becomes one
 * environment. A PROG is an ELF executable (assembler/elf-read.ts) or a `.s` source assembled with
 * our assembler at .text 0x00400000; a source that defines no entry symbol (`__start`, or `_start`
 * as the linker also accepts) is linked after programs/lib/crt0.s, which defines `__start` and
 * calls `main`. The kernel's loader reads the images through the image_* trap hooks
 * (firmware/hooks.ts) and copies them into pages it allocates itself.
 *
 * Validation here gives one clear line per problem (ImageError), before the machine starts: the
 * kernel would otherwise refuse the image at boot with a less helpful report. Rules (numbers from
 * layout.inc): at most MAX_IMAGES images; every segment with bytes inside kuseg between
 * PINNED_LIMIT (the pinned segment below it is the library OS's, §5) and the stack pages
 * (USER_STACK_TOP - USER_STACK_PAGES pages); no two segments touching the same page (the loader
 * maps each segment's pages on their own); the entry inside an executable segment; at most
 * BOOT_MAX_MAPS pages in all, the stack included (the boot page lists every mapping).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { assemble, formatDiagnostic } from '../assembler/index.js';
import { ElfError, readElf, type ElfImage } from '../assembler/elf-read.js';
import { firmwareDir } from './build.js';
import { L } from './layout.js';

/** image_info flags: bit 0 writable, bit 1 executable. */
export const SEG_WRITABLE = 1;
export const SEG_EXECUTABLE = 2;
/**
 * At most this many images: the environment table has NENV - 1 usable records (slot 0 is "no
 * environment"); one is kept free so a loaded program can always create an environment.
 */
export const MAX_IMAGES = 62;
/** Where `.s` programs are linked (where GNU ld puts .text). */
export const PROGRAM_TEXT = 0x00400000;
const PAGE = 4096;

export interface ImageSegment {
  readonly vaddr: number;
  readonly memsz: number;
  readonly filesz: number;
  /** SEG_WRITABLE | SEG_EXECUTABLE. */
  readonly flags: number;
  /** The `filesz` file bytes; the rest of `memsz` is zeros. */
  readonly data: Uint8Array;
}

export interface ProgramImage {
  /** The PROG argument, for messages. */
  readonly name: string;
  readonly entry: number;
  /** Segments with bytes (memsz > 0), sorted by address. */
  readonly segments: readonly ImageSegment[];
  /** Pages the segments cover (the stack not included). */
  readonly pages: number;
}

/** Bad program input: `message` is one line, without the `exo: error:` prefix. */
export class ImageError extends Error {}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The image of an ELF executable, validated. */
export function imageFromElf(elf: ElfImage, name: string): ProgramImage {
  const segs: ImageSegment[] = elf.segments
    .filter((s) => s.memsz > 0)
    .map((s) => ({
      vaddr: s.vaddr >>> 0,
      memsz: s.memsz >>> 0,
      filesz: s.filesz >>> 0,
      // ELF PF_X = 1, PF_W = 2.
      flags: ((s.flags & 2) !== 0 ? SEG_WRITABLE : 0) | ((s.flags & 1) !== 0 ? SEG_EXECUTABLE : 0),
      data: s.data.subarray(0, s.filesz),
    }))
    .sort((a, b) => a.vaddr - b.vaddr);
  if (segs.length === 0) throw new ImageError(`${name}: the program has no loadable bytes`);
  const stackLo = L('USER_STACK_TOP') - L('USER_STACK_PAGES') * PAGE;
  const pinned = L('PINNED_LIMIT');
  let pages = 0;
  let prevLastPage = -1;
  let prev: ImageSegment | null = null;
  for (const s of segs) {
    const end = s.vaddr + s.memsz;
    if (s.filesz > s.memsz) throw new ImageError(`${name}: segment at ${hex(s.vaddr)} has more file bytes (${s.filesz}) than memory bytes (${s.memsz})`);
    if (s.vaddr < pinned) throw new ImageError(`${name}: segment at ${hex(s.vaddr)} is below ${hex(pinned)} (the pinned segment below it belongs to the library OS; link programs at ${hex(PROGRAM_TEXT)})`);
    if (end > stackLo) throw new ImageError(`${name}: segment [${hex(s.vaddr)}, ${hex(end - 1)}] reaches the stack (user memory ends at ${hex(stackLo - 1)})`);
    const first = Math.floor(s.vaddr / PAGE);
    const last = Math.floor((end - 1) / PAGE);
    if (prev !== null && first <= prevLastPage) {
      const what = prev.vaddr + prev.memsz > s.vaddr ? 'overlaps' : 'shares a page with';
      throw new ImageError(`${name}: segment [${hex(s.vaddr)}, ${hex(end - 1)}] ${what} segment [${hex(prev.vaddr)}, ${hex(prev.vaddr + prev.memsz - 1)}] (the loader maps each segment on pages of its own)`);
    }
    pages += last - first + 1;
    prevLastPage = last;
    prev = s;
  }
  const maxMaps = L('BOOT_MAX_MAPS');
  const stackPages = L('USER_STACK_PAGES');
  if (pages + stackPages > maxMaps) throw new ImageError(`${name}: the program needs ${pages} pages plus ${stackPages} stack pages; at most ${maxMaps} in all can be loaded (${((maxMaps - stackPages) * PAGE) / 1024} KiB of program)`);
  const entry = elf.entry >>> 0;
  if (!segs.some((s) => (s.flags & SEG_EXECUTABLE) !== 0 && entry >= s.vaddr && entry < s.vaddr + s.memsz)) {
    throw new ImageError(`${name}: the entry point ${hex(entry)} is not inside an executable segment`);
  }
  if ((entry & 3) !== 0) throw new ImageError(`${name}: the entry point ${hex(entry)} is not word aligned`);
  return { name, entry, segments: segs, pages };
}

/** The path of the C runtime start file `.s` programs without an entry are linked with. */
export function crt0Path(): string {
  return join(firmwareDir(), '..', 'programs', 'lib', 'crt0.s');
}

const isAsm = (f: string): boolean => /\.(s|S|asm)$/.test(f);

/** Does this source define `__start` or `_start` (for a source the assembler rejected)? */
function definesEntryText(text: string): boolean {
  return /(^|[\s;])_?_start\s*(:|=)|\.(set|equ)\s+_?_start\s*,/m.test(text);
}

/**
 * Assembles one `.s` program, with crt0.s and the rest of the library OS (every other `.s` in
 * crt0's directory) when it has no entry symbol. Diagnostics go to
 * `diag` one line each (GNU format); failure is an ImageError.
 */
export function assembleProgram(name: string, text: string, opts: LoadOptions = {}): ElfImage {
  const diag = opts.diag ?? ((): void => {});
  const crt0 = opts.crt0 ?? crt0Path();
  const readFile = includeReader([dirname(resolve(name)), dirname(crt0)]);
  const alone = assemble([{ name, text }], { textAddr: PROGRAM_TEXT, readFile });
  const defines = alone.image !== undefined ? alone.image.symbols.some((s) => s.name === '__start' || s.name === '_start') : definesEntryText(text);
  let out = alone;
  if (!defines) {
    if (!existsSync(crt0)) throw new ImageError(`${name}: defines no __start, and the start file that calls main (${crt0}) is missing`);
    // The library OS: crt0.s first, then every other `.s` beside it (programs/lib/*.s, in name
    // order), then the program.
    const libDir = dirname(crt0);
    const lib = readdirSync(libDir)
      .filter((f) => isAsm(f) && join(libDir, f) !== crt0)
      .sort()
      .map((f) => ({ name: join(libDir, f), text: readFileSync(join(libDir, f), 'utf8') }));
    out = assemble([{ name: crt0, text: readFileSync(crt0, 'utf8') }, ...lib, { name, text }], { textAddr: PROGRAM_TEXT, entry: '__start', readFile: includeReader([dirname(resolve(name)), libDir]) });
    const errors = out.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 && errors.every((d) => /undefined symbol 'main'/.test(d.message))) {
      throw new ImageError(`${name}: defines neither __start nor a global main (the start file ${crt0} calls main)`);
    }
  }
  // When the program itself has errors, crt0's "undefined symbol 'main'" is only their echo.
  const ownErrors = out.diagnostics.some((d) => d.severity === 'error' && d.file === name);
  const shown = ownErrors ? out.diagnostics.filter((d) => !(d.file !== name && /undefined symbol 'main'/.test(d.message))) : out.diagnostics;
  for (const d of shown) diag(formatDiagnostic(d));
  if (!out.elf || out.diagnostics.some((d) => d.severity === 'error')) throw new ImageError(`${name}: assembly failed`);
  return parseElf(out.elf, name);
}

/**
 * `.include` lookup: relative to the including file (a nested include is named by the path it was
 * included as, so that path is remembered with the file it resolved to), then each root, then the
 * working directory (GNU as's rule).
 */
function includeReader(roots: readonly string[]): (path: string, from: string) => string | undefined {
  const resolved = new Map<string, string>();
  return (path, from) => {
    const fromAbs = isAbsolute(from) ? from : resolved.get(from) ?? resolve(from);
    const candidates = isAbsolute(path) ? [path] : [resolve(dirname(fromAbs), path), ...roots.map((r) => resolve(r, path)), resolve(path)];
    for (const c of candidates) {
      try {
        const t = readFileSync(c, 'utf8');
        resolved.set(path, c);
        return t;
      } catch {
        // the next candidate
      }
    }
    return undefined;
  };
}

function parseElf(bytes: Uint8Array, name: string): ElfImage {
  try {
    return readElf(bytes, name);
  } catch (e) {
    if (e instanceof ElfError) throw new ImageError(`${name}: ${e.reason}`);
    throw e;
  }
}

function readBytes(name: string): Uint8Array {
  try {
    return readFileSync(name);
  } catch (e) {
    throw new ImageError(`cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export interface LoadOptions {
  /** Receives assembler diagnostics, one GNU-format line each. */
  readonly diag?: (line: string) => void;
  /** The start file for sources without an entry (default crt0Path()). */
  readonly crt0?: string;
}

/** One image per PROG (ELF or `.s`), validated, in command-line order. */
export function loadImages(files: readonly string[], opts: LoadOptions = {}): ProgramImage[] {
  if (files.length > MAX_IMAGES) throw new ImageError(`${files.length} programs given; at most ${MAX_IMAGES} can be loaded as environments`);
  return files.map((f) => {
    const bytes = readBytes(f);
    const elf = isAsm(f) ? assembleProgram(f, Buffer.from(bytes).toString('utf8'), opts) : parseElf(bytes, f);
    return imageFromElf(elf, f);
  });
}

/** A short name for reports: the file's base name. */
export function imageLabel(img: ProgramImage): string {
  return basename(img.name);
}
