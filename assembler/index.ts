/**
 * The assembler's public API: GNU-as-syntax MIPS I sources in, a linked ELF32 little-endian
 * executable (and its image, listing and symbol map) out. Never throws for bad input: problems
 * come back as diagnostics.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Unit } from './unit.js';
import { link } from './link.js';
import { writeElf } from './elf-write.js';
import { makeListing, makeMap } from './listing.js';

export interface SourceFile {
  name: string;
  text: string;
}

export interface AssembleOptions {
  /** Address of .text (default 0x00400000). */
  textAddr?: number;
  /** Address of .data (default: after .text/.rodata as GNU ld's DATA_SEGMENT_ALIGN places it). */
  dataAddr?: number;
  /** Entry symbol (default __start, else _start, else the start of .text). */
  entry?: string;
  /** Reads an .include'd file (default: the file system, relative to the including file). */
  readFile?: (path: string, fromFile: string) => string | undefined;
}

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface LinkedSection {
  name: string;
  addr: number;
  data: Uint8Array;
  size: number;
  nobits: boolean;
  flags: 'rx' | 'rw' | 'r';
}

export interface LinkedSymbol {
  name: string;
  value: number;
  size: number;
  type: 'func' | 'object' | 'notype';
  global: boolean;
  section: string;
}

export interface LinkedImage {
  entry: number;
  sections: LinkedSection[];
  symbols: LinkedSymbol[];
}

export interface AssembleResult {
  diagnostics: Diagnostic[];
  image?: LinkedImage;
  elf?: Uint8Array;
  listing?: string;
  map?: string;
}

function defaultReadFile(path: string, fromFile: string): string | undefined {
  const candidates = [resolve(dirname(fromFile), path), resolve(path)];
  for (const p of candidates) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      // try the next
    }
  }
  return undefined;
}

export function assemble(files: SourceFile[], opts: AssembleOptions = {}): AssembleResult {
  const diagnostics: Diagnostic[] = [];
  const readFile = opts.readFile ?? defaultReadFile;
  const units: Unit[] = [];
  for (const f of files) {
    const u = new Unit(f.name, diagnostics, readFile);
    u.includeStack.push(f.name);
    u.assembleText(f.text, f.name);
    u.finish();
    units.push(u);
  }
  const lr = link(units, opts, diagnostics);
  const res: AssembleResult = { diagnostics };
  if (lr.image && !diagnostics.some((d) => d.severity === 'error')) {
    res.image = lr.image;
    res.elf = writeElf(lr.image, units.some((u) => u.usedNoreorder));
    // Built on first use: most callers never read them.
    const image = lr.image;
    let listing: string | undefined;
    let map: string | undefined;
    Object.defineProperty(res, 'listing', { enumerable: true, get: () => (listing ??= makeListing(units, lr)) });
    Object.defineProperty(res, 'map', { enumerable: true, get: () => (map ??= makeMap(image.symbols, image.entry)) });
  }
  return res;
}

/** "file:line:col: error: message" (a link-level diagnostic without a line: "file: warning: ..."). */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.line <= 0) return `${d.file}: ${d.severity}: ${d.message}`;
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

/** For tests: assembles one source (named `test.s`) and returns its image, or throws listing the errors. */
export function assembleOrThrow(text: string, opts?: AssembleOptions): LinkedImage {
  const r = assemble([{ name: 'test.s', text }], opts);
  if (!r.image) {
    throw new Error(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n') || 'assembly failed');
  }
  return r.image;
}
