/**
 * The linker: lays the files' sections out like GNU ld's default script, resolves symbols
 * across files, applies the fixups and produces a LinkedImage.
 *
 * Layout (measured with mipsel-linux-gnu-ld 2.40, elf32ltsmip default script):
 * - .text at -Ttext (default 0x00400000), each file's contribution aligned to its section
 *   alignment (16 for GNU as objects, whose section sizes are padded to 16);
 * - .rodata (.rodata*, .rdata) right after .text, aligned;
 * - .data at -Tdata, else at DATA_SEGMENT_ALIGN: ALIGN(0x10000) + (. & 0xffff) after .rodata;
 * - .bss after .data.
 */
import { ExprError, evalExpr, type Value } from './expr.js';
import { type Fixup, OUT_SECTIONS, type OutName, type SectionBuf } from './sections.js';
import { displayName, type SymInfo, type Unit } from './unit.js';
import type { AssembleOptions, Diagnostic, LinkedImage, LinkedSection, LinkedSymbol } from './index.js';

export const DEFAULT_TEXT = 0x00400000;
/** Symbols defined by expressions may refer to each other at most this deep (host stack bound). */
const MAX_SYMBOL_DEPTH = 1000;

export interface LinkResult {
  image?: LinkedImage;
  out: Record<OutName, Uint8Array>;
  outAddr: Record<OutName, number>;
}

const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

/** Each unit's input sections that link into `out`, in link order. */
function contributions(units: Unit[], out: OutName): SectionBuf[] {
  const list: SectionBuf[] = [];
  for (const u of units) for (const s of u.inputs.values()) if (s.name === out) list.push(s);
  return list;
}

export function link(units: Unit[], opts: AssembleOptions, diags: Diagnostic[]): LinkResult {
  const outAddr: Record<OutName, number> = { '.text': 0, '.rodata': 0, '.data': 0, '.bss': 0 };
  const outSize: Record<OutName, number> = { '.text': 0, '.rodata': 0, '.data': 0, '.bss': 0 };

  let addr = (opts.textAddr ?? DEFAULT_TEXT) >>> 0;
  for (const name of OUT_SECTIONS) {
    const parts = contributions(units, name);
    let al = 1;
    for (const s of parts) if (s.size > 0) al = Math.max(al, s.align);
    if (name === '.data') {
      if (opts.dataAddr !== undefined) addr = opts.dataAddr >>> 0;
      else addr = alignUp(addr, 0x10000) + (addr & 0xffff);
    }
    addr = alignUp(addr, al);
    outAddr[name] = addr;
    let off = 0;
    for (const s of parts) {
      if (s.size === 0) {
        s.base = addr + off;
        continue;
      }
      off = alignUp(off, s.align);
      s.base = addr + off;
      off += s.paddedSize();
    }
    outSize[name] = off;
    addr += off;
  }
  checkLayout(outAddr, outSize, units[0]?.fileName ?? 'exo', diags);

  // ---- symbols ----
  const globals = new Map<string, { unit: number; sym: SymInfo }>();
  units.forEach((u, i) => {
    for (const s of u.symbols.values()) {
      if (!s.defined || !s.global) continue;
      const prev = globals.get(s.name);
      // Common symbols (.comm) merge like ld's: a real definition wins, else the first.
      if (prev && s.common) continue;
      if (prev && prev.sym.common) {
        globals.set(s.name, { unit: i, sym: s });
        continue;
      }
      if (prev) {
        diags.push({ file: s.file, line: s.line, col: s.col, severity: 'error', message: `symbol '${s.name}' is already defined (first defined at ${prev.sym.file}:${prev.sym.line})` });
        continue;
      }
      globals.set(s.name, { unit: i, sym: s });
    }
  });

  // Values of symbols defined by expressions, each computed once: without the memo a chain like
  // `s1 = s0 + s0; s2 = s1 + s1; ...` takes exponential time, and the depth bound keeps a long
  // chain of forward definitions from overflowing the host stack.
  const evaluating = new Set<SymInfo>();
  const computed = new Map<SymInfo, number>();
  const symValue = (ui: number, s: SymInfo): number | undefined => {
    if (!s.isEqu) return (s.buf!.base + s.off!) | 0;
    if (s.value) return relValue(ui, s.value);
    const known = computed.get(s);
    if (known !== undefined) return known;
    if (!s.expr || evaluating.has(s)) return undefined;
    if (evaluating.size >= MAX_SYMBOL_DEPTH) {
      throw new ExprError(`symbol '${displayName(s.name)}' is defined through more than ${MAX_SYMBOL_DEPTH} other symbols`, s.col);
    }
    evaluating.add(s);
    try {
      const v = evalExpr(s.expr, resolver(ui), true).v;
      computed.set(s, v);
      return v;
    } finally {
      evaluating.delete(s);
    }
  };
  const relValue = (ui: number, v: Value): number => {
    if (v.rel === null) return v.v;
    const buf = units[ui]!.inputs.get(v.rel.slice(1));
    return ((buf?.base ?? 0) + v.v) | 0;
  };
  const resolvers = new Map<number, (name: string, col: number) => Value | undefined>();
  const resolver = (ui: number): ((name: string, col: number) => Value | undefined) => {
    let r = resolvers.get(ui);
    if (r) return r;
    r = (name: string): Value | undefined => {
      const local = units[ui]!.symbols.get(name);
      if (local?.defined) {
        const v = symValue(ui, local);
        return v === undefined ? undefined : { v, rel: null };
      }
      const g = globals.get(name);
      if (g) {
        const v = symValue(g.unit, g.sym);
        return v === undefined ? undefined : { v, rel: null };
      }
      return undefined;
    };
    resolvers.set(ui, r);
    return r;
  };

  // ---- fixups ----
  const errorsBefore = diags.filter((d) => d.severity === 'error').length;
  units.forEach((u, ui) => {
    for (const sec of u.inputs.values()) for (const f of sec.fixups) applyFixup(sec, f, sec.base + f.off, resolver(ui), diags);
  });

  // ---- output bytes ----
  const out: Record<OutName, Uint8Array> = { '.text': new Uint8Array(0), '.rodata': new Uint8Array(0), '.data': new Uint8Array(0), '.bss': new Uint8Array(0) };
  for (const name of OUT_SECTIONS) {
    const buf = new Uint8Array(name === '.bss' ? 0 : outSize[name]);
    if (name !== '.bss') for (const s of contributions(units, name)) buf.set(s.bytes.subarray(0, s.size), s.base - outAddr[name]);
    out[name] = buf;
  }

  // ---- entry ----
  let entry = outAddr['.text'];
  const findSym = (name: string): number | undefined => {
    const g = globals.get(name);
    if (g) return symValue(g.unit, g.sym);
    for (let i = 0; i < units.length; i++) {
      const s = units[i]!.symbols.get(name);
      if (s?.defined) return symValue(i, s);
    }
    return undefined;
  };
  const firstFile = units[0]?.fileName ?? 'exo';
  // Like ld, which never runs after an assembler error: no entry warning then.
  const noteEntry = (message: string): void => {
    if (!diags.some((d) => d.severity === 'error')) diags.push({ file: firstFile, line: 0, col: 0, severity: 'warning', message });
  };
  if (opts.entry !== undefined) {
    const v = findSym(opts.entry) ?? (/^(0x[0-9a-f]+|[0-9]+)$/i.test(opts.entry) ? Number(opts.entry) : undefined);
    if (v === undefined) noteEntry(`cannot find entry symbol ${opts.entry}; defaulting to 0x${hex(entry)}`);
    else entry = v >>> 0;
  } else {
    const v = findSym('__start') ?? findSym('_start');
    if (v !== undefined) entry = v >>> 0;
    else if (outSize['.text'] > 0) noteEntry(`cannot find entry symbol __start; defaulting to 0x${hex(entry)}`);
  }

  // ---- symbols for the image ----
  const symbols: LinkedSymbol[] = [];
  units.forEach((u, ui) => {
    for (const s of u.symbols.values()) {
      if (!s.defined) {
        continue;
      }
      if (s.name.includes('\u0002') || s.name.startsWith('.L') || s.name.startsWith('$L')) continue;
      if (s.global && globals.get(s.name)?.sym !== s) continue;
      let value: number | undefined;
      try {
        value = symValue(ui, s);
      } catch (e) {
        if (e instanceof ExprError) diags.push({ file: s.file, line: s.line, col: e.col, severity: 'error', message: e.message });
        else throw e;
      }
      if (value === undefined) {
        diags.push({ file: s.file, line: s.line, col: s.col, severity: 'error', message: `cannot resolve the value of symbol '${displayName(s.name)}'` });
        continue;
      }
      let size = 0;
      if (s.size) {
        try {
          size = evalExpr(s.size, resolver(ui), true).v >>> 0;
        } catch (e) {
          if (e instanceof ExprError) diags.push({ file: s.file, line: s.line, col: e.col, severity: 'error', message: `.size: ${e.message}` });
          else throw e;
        }
      }
      symbols.push({ name: s.name, value: value >>> 0, size, type: s.type, global: s.global, section: s.isEqu && (!s.value || s.value.rel === null) ? '*ABS*' : s.isEqu ? (units[ui]!.inputs.get(s.value!.rel!.slice(1))?.name ?? '*ABS*') : s.buf!.name });
    }
  });

  const errors = diags.filter((d) => d.severity === 'error').length;
  const res: LinkResult = { out, outAddr };
  if (errors > 0 || errorsBefore > 0) return res;
  const sections: LinkedSection[] = [];
  for (const name of OUT_SECTIONS) {
    if (name !== '.text' && outSize[name] === 0) continue;
    sections.push({
      name,
      addr: outAddr[name] >>> 0,
      data: out[name],
      size: outSize[name],
      nobits: name === '.bss',
      flags: name === '.text' ? 'rx' : name === '.rodata' ? 'r' : 'rw',
    });
  }
  res.image = { entry, sections, symbols };
  return res;
}

const hex = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

/**
 * Output sections must fit in the 32-bit address space and must not overlap (GNU ld: "section
 * .data LMA [00400000,0040000f] overlaps section .text LMA [00400000,0040000f]"), which -Ttext
 * and -Tdata can cause.
 */
function checkLayout(addr: Record<OutName, number>, size: Record<OutName, number>, file: string, diags: Diagnostic[]): void {
  const err = (message: string): void => {
    diags.push({ file, line: 0, col: 0, severity: 'error', message });
  };
  const used = OUT_SECTIONS.filter((n) => size[n] > 0);
  for (const n of used) {
    const last = addr[n] + size[n] - 1;
    if (last > 0xffffffff) err(`section ${n} [${addr[n].toString(16).padStart(8, '0')},${last.toString(16)}] extends past the end of the 32-bit address space`);
  }
  for (let i = 0; i < used.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = used[i]!;
      const b = used[j]!;
      if (addr[a] < addr[b] + size[b] && addr[b] < addr[a] + size[a]) {
        err(`section ${a} [${hex(addr[a])},${hex(addr[a] + size[a] - 1)}] overlaps section ${b} [${hex(addr[b])},${hex(addr[b] + size[b] - 1)}]`);
      }
    }
  }
}

function applyFixup(sec: SectionBuf, f: Fixup, pc: number, resolve: (n: string, c: number) => Value | undefined, diags: Diagnostic[]): void {
  const err = (col: number, message: string): void => {
    diags.push({ file: f.file, line: f.line, col, severity: 'error', message });
  };
  let v: number;
  try {
    v = evalExpr(f.expr, resolve, true).v;
  } catch (e) {
    if (e instanceof ExprError) {
      err(e.col, e.message);
      return;
    }
    throw e;
  }
  const b = sec.bytes;
  switch (f.kind) {
    case 'w32':
      sec.set32(f.off, v);
      return;
    case 'h16':
      if (v < -0x8000 || v > 0xffff) diags.push({ file: f.file, line: f.line, col: f.col, severity: 'warning', message: `value 0x${(v >>> 0).toString(16)} truncated to 0x${(v & 0xffff).toString(16)}` });
      b[f.off] = v & 0xff;
      b[f.off + 1] = (v >>> 8) & 0xff;
      return;
    case 'b8':
      if (v < -0x80 || v > 0xff) diags.push({ file: f.file, line: f.line, col: f.col, severity: 'warning', message: `value 0x${(v >>> 0).toString(16)} truncated to 0x${(v & 0xff).toString(16)}` });
      b[f.off] = v & 0xff;
      return;
    case 'simm16':
      if (v < -0x8000 || v > 0xffff) return err(f.col, `immediate ${v} out of range (-32768..65535)`);
      break;
    case 'uimm16':
      if (v < 0 || v > 0xffff) return err(f.col, `immediate ${v} out of range (0..65535)`);
      break;
    case 'hi16':
    case 'lo16':
      break;
    case 'pc16': {
      if (v & 3) return err(f.col, `branch to misaligned address (0x${hex(v)})`);
      const d = (v - (pc + 4)) >> 2;
      if (d < -0x8000 || d > 0x7fff) return err(f.col, `branch out of range (target 0x${hex(v)})`);
      sec.set32(f.off, (sec.get32(f.off) | (d & 0xffff)) >>> 0);
      return;
    }
    case 'j26': {
      if (v & 3) return err(f.col, `jump to misaligned address (0x${hex(v)})`);
      if (((v ^ (pc + 4)) & 0xf0000000) !== 0) return err(f.col, `jump target 0x${hex(v)} is outside the 256 MB region of the delay slot`);
      sec.set32(f.off, (sec.get32(f.off) | ((v >>> 2) & 0x3ffffff)) >>> 0);
      return;
    }
  }
  sec.set32(f.off, (sec.get32(f.off) | (v & 0xffff)) >>> 0);
}
