/**
 * Symbols for the debugger: the firmware's (ROM and kernel, kseg addresses, the same in every
 * address space) and each program's ELF label symbols (kuseg addresses, which mean something only
 * in the address space of the environment that program runs in).
 *
 * Lookup names an address `sym+off` as objdump does (the nearest label at or before it, within
 * MAX_OFFSET); resolve turns a name into an address for `break main`, `x/4wx buf`.
 */
import { readFileSync } from 'node:fs';
import { assemble } from '../assembler/index.js';
import { readElf, type ElfImage } from '../assembler/elf-read.js';
import { isLabelSymbol, preferSymbol } from '../assembler/elf-symbols.js';
import type { Firmware } from '../firmware/build.js';
import { assembleProgram } from '../firmware/images.js';
import { kernelView } from '../firmware/invariants.js';
import type { Machine } from '../emulator/machine.js';

export interface Sym {
  readonly name: string;
  readonly addr: number;
}

/** Farther than this from the nearest label, an address is shown bare. */
const MAX_OFFSET = 0x4000;

export interface SymbolSet {
  /** Label of the set (a file name, "firmware"). */
  readonly label: string;
  /** By address, the preferred name first among equal addresses. */
  readonly syms: readonly Sym[];
}

function sorted(syms: Sym[]): Sym[] {
  return syms.sort((a, b) => a.addr - b.addr);
}

export function symbolSetOfElf(label: string, elf: ElfImage): SymbolSet {
  const labels = elf.symbols.filter(isLabelSymbol).sort((a, b) => (a.value >>> 0) - (b.value >>> 0) || preferSymbol(a, b));
  return { label, syms: labels.map((s) => ({ name: s.name, addr: s.value >>> 0 })) };
}

/**
 * The firmware's symbols that name code or data inside its two images. The firmware's symbol map
 * also holds the equates of layout.inc and kmacros.inc (e.g. a constant equal to 0x80000000); the
 * kernel's labels are lower case (firmware/kconv.md), its equates upper case, so those are dropped.
 */
export function symbolSetOfFirmware(fw: Firmware): SymbolSet {
  const romEnd = 0xbfc00000 + fw.rom.length;
  const kEnd = 0x80000000 + fw.kernel.length;
  const syms: Sym[] = [];
  for (const [name, addr] of fw.symbols) {
    if (/^[A-Z0-9_]+$/.test(name)) continue;
    if ((addr >= 0xbfc00000 && addr < romEnd) || (addr >= 0x80000000 && addr < kEnd)) syms.push({ name, addr });
  }
  return { label: 'firmware', syms: sorted(syms) };
}

export class SymbolTable {
  /**
   * @param kernel symbols of kseg0/1/2 addresses (any address space)
   * @param programs one set per program (kuseg); `programFor(asid)` says whose space an ASID is
   *   (an index into `programs`; -1 or out of range: nobody's)
   */
  constructor(
    readonly kernel: readonly SymbolSet[],
    readonly programs: readonly SymbolSet[],
    private readonly programFor: (asid: number) => number = () => 0,
  ) {}

  static empty(): SymbolTable {
    return new SymbolTable([], []);
  }

  private setsFor(addr: number, asid: number): readonly SymbolSet[] {
    if (addr >>> 0 >= 0x80000000) return this.kernel;
    // An address space no program of the command line runs in (an environment created at run
    // time from another image) has no symbols: better none than another program's.
    const p = this.programs[this.programFor(asid)];
    return p === undefined ? [] : [p];
  }

  /** `{name, offset}` of the nearest label at or before addr, or undefined. */
  lookup(addr: number, asid = 0): { name: string; offset: number } | undefined {
    const a = addr >>> 0;
    let best: Sym | undefined;
    for (const set of this.setsFor(a, asid)) {
      const s = set.syms;
      let lo = 0;
      let hi = s.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s[mid]!.addr <= a) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      let k = lo - 1;
      while (k > 0 && s[k - 1]!.addr === s[k]!.addr) k--;
      const cand = s[k]!;
      if (best === undefined || cand.addr > best.addr) best = cand;
    }
    if (best === undefined || a - best.addr > MAX_OFFSET) return undefined;
    // Never name a kernel address after a user label or the reverse.
    if ((best.addr >= 0x80000000) !== (a >= 0x80000000)) return undefined;
    return { name: best.name, offset: a - best.addr };
  }

  /** Labels exactly at addr (for label lines in the disassembly). */
  labelsAt(addr: number, asid = 0): string[] {
    const a = addr >>> 0;
    const out: string[] = [];
    for (const set of this.setsFor(a, asid)) for (const s of set.syms) if (s.addr === a) out.push(s.name);
    return out;
  }

  /** The address of a symbol: the current program's first, then the kernel's, then any program's. */
  resolve(name: string, asid = 0): number | undefined {
    const own = this.programs[this.programFor(asid)];
    const order = [...(own ? [own] : []), ...this.kernel, ...this.programs];
    for (const set of order) {
      const s = set.syms.find((x) => x.name === name);
      if (s !== undefined) return s.addr;
    }
    return undefined;
  }

  /**
   * `name+0x10` or '' (for annotations). With `anyProgram`, a kuseg address that no symbol of
   * the current space names is looked up in the programs in order (messages about an address the
   * user gave by name, while another address space is current).
   */
  describe(addr: number, asid = 0, anyProgram = false): string {
    let s = this.lookup(addr, asid);
    if (s === undefined && anyProgram && addr >>> 0 < 0x80000000) {
      for (let i = 0; i < this.programs.length && s === undefined; i++) {
        s = new SymbolTable([], [this.programs[i]!]).lookup(addr, 0);
      }
    }
    if (s === undefined) return '';
    return s.offset === 0 ? s.name : `${s.name}+0x${s.offset.toString(16)}`;
  }
}

export type ProgramMode = 'firmware' | 'bare' | 'linux';

/**
 * The symbol sets of the programs given on the command line, read the way `exo run` loads them
 * (ELF files; `.s` sources assembled like firmware/images.ts or cli/run.ts do). A program whose
 * symbols cannot be read contributes none (the machine setup reports its errors).
 */
export function programSymbols(files: readonly string[], mode: ProgramMode): SymbolSet[] {
  const isAsm = (f: string): boolean => /\.(s|S|asm)$/.test(f);
  const out: SymbolSet[] = [];
  try {
    if (mode === 'firmware') {
      for (const f of files) {
        const elf = isAsm(f) ? assembleProgram(f, readFileSync(f, 'utf8')) : readElf(readFileSync(f), f);
        out.push(symbolSetOfElf(f, elf));
      }
    } else if (files.every(isAsm)) {
      const r = assemble(files.map((name) => ({ name, text: readFileSync(name, 'utf8') })), { textAddr: mode === 'bare' ? 0x80030000 : 0x00400000 });
      if (r.elf) out.push(symbolSetOfElf(files[0]!, readElf(r.elf, files[0]!)));
    } else if (files.length === 1) {
      out.push(symbolSetOfElf(files[0]!, readElf(readFileSync(files[0]!), files[0]!)));
    }
  } catch {
    // No symbols for a program that does not load; prepareMachine has said why.
  }
  return out;
}

/**
 * The symbol table of a run. Firmware runs: the firmware's symbols for kseg addresses, and for
 * kuseg those of the program whose environment owns the ASID (the kernel loads the programs in
 * command-line order, docs/exokernel.md §3.3, into environment records 1, 2, ...: `recordOfAsid`
 * maps an ASID to its record index, 0 for none). Bare runs: the program's symbols are kseg0
 * ones. Linux runs: kuseg, one program.
 */
export function buildSymbolTable(opts: {
  readonly mode: ProgramMode;
  readonly firmware?: Firmware;
  readonly programs: readonly SymbolSet[];
  readonly recordOfAsid?: (asid: number) => number;
}): SymbolTable {
  if (opts.mode === 'bare') return new SymbolTable(opts.programs, []);
  if (opts.mode === 'linux') return new SymbolTable([], opts.programs);
  const fw = opts.firmware ? [symbolSetOfFirmware(opts.firmware)] : [];
  const rec = opts.recordOfAsid ?? (() => 1);
  return new SymbolTable(fw, opts.programs, (asid) => rec(asid) - 1);
}

/**
 * The symbol table of a prepared run (cli/machine-setup.ts's result): the programs' symbols read
 * as `exo run` loads them, and for firmware runs the ASID → environment record map from the
 * kernel's tables, recomputed when the machine has moved (lookups come in bursts per frame).
 */
export function symbolsForRun(run: {
  readonly files: readonly string[];
  readonly mode: ProgramMode;
  readonly elf: ElfImage | null;
  readonly firmware?: Firmware;
  readonly machine: Machine;
}): SymbolTable {
  const programs = run.mode === 'firmware' ? programSymbols(run.files, 'firmware') : run.elf !== null ? [symbolSetOfElf(run.files[0]!, run.elf)] : [];
  let cache = { at: -1, rec: new Map<number, number>() };
  const recordOfAsid = (asid: number): number => {
    const now = run.machine.cpu.totalCycles;
    if (cache.at !== now) {
      const rec = new Map<number, number>();
      for (const e of kernelView(run.machine).envs) rec.set(e.asid, e.index);
      cache = { at: now, rec };
    }
    return cache.rec.get(asid) ?? 0;
  };
  return buildSymbolTable({ mode: run.mode, ...(run.firmware ? { firmware: run.firmware } : {}), programs, recordOfAsid });
}
