/**
 * One source file being assembled: the statement loop, labels and symbols, the current section
 * and `.set` state, and instruction emission with GNU's `.set reorder` nop insertion.
 * Directives, instructions and macros live in their own modules and act on a Unit.
 */
import { posix } from 'node:path';
import type { IsaEntry } from '../emulator/isa.js';
import { ISA_BY_MNEMONIC } from '../emulator/isa.js';
import { GPR_NAMES } from '../emulator/regnames.js';
import { LexError, splitStatements, stripBlockComments, tokenize, type Token } from './lexer.js';
import { DEFER, type Expr, ExprError, evalExpr, isRegisterName, parseWholeExpr, type Value } from './expr.js';
import { type FixKind, type OutName, SectionBuf, SECTION_ALIGN } from './sections.js';
import { type Hist, hazardWarning, nopsNeeded, worstNopsAfter } from './hazards.js';
import type { Diagnostic } from './index.js';
import { runDirective } from './directives.js';
import { assembleStatement } from './instructions.js';
import { type MacroDef, expandMacro, repeatBody } from './macros.js';

export interface SymInfo {
  name: string;
  /** Label: section and offset. Equate: value or deferred expression. */
  buf?: SectionBuf;
  off?: number;
  value?: Value;
  expr?: Expr;
  defined: boolean;
  isEqu: boolean;
  global: boolean;
  local: boolean;
  type: 'func' | 'object' | 'notype';
  size?: Expr;
  /** Defined by .comm: another file's definition of the same name takes precedence. */
  common?: boolean;
  file: string;
  line: number;
  col: number;
}

export interface ListRecord {
  file: string;
  line: number;
  text: string;
  buf: SectionBuf;
  start: number;
  end: number;
}

export interface Loc {
  file: string;
  line: number;
}

interface SetState {
  reorder: boolean;
  at: boolean;
  macro: boolean;
}

const NOP_ENTRY = ISA_BY_MNEMONIC.get('sll')!;
const MAX_INCLUDE_DEPTH = 32;
const MAX_MACRO_DEPTH = 100;

export class Unit {
  /** Input sections by the name the source used, in creation order (GNU's section order). */
  readonly inputs = new Map<string, SectionBuf>();
  cur: SectionBuf;
  prevSect: SectionBuf;
  readonly symbols = new Map<string, SymInfo>();
  readonly macros = new Map<string, MacroDef>();
  readonly listing: ListRecord[] = [];
  set: SetState = { reorder: true, at: true, macro: true };
  readonly setStack: SetState[] = [];
  usedNoreorder = false;
  /** Inside a non-loaded section (.pdr, .debug_*): its contents are dropped. */
  ignoring = false;
  loc: Loc;
  /** Labels defined at the current position of the current section since the last emission. */
  labelsHere: SymInfo[] = [];
  private localCounts = new Map<number, number>();
  includeStack: string[] = [];
  macroDepth = 0;
  macroCounter = 0;
  private reportedDepth = false;
  private dotCounter = 0;
  /** Set while a pseudo-instruction emits its expansion (GNU's noreorder-inside-macro blocks). */
  rawDepth = 0;
  /** Number of machine instructions the current statement has emitted (macro warnings). */
  stmtInsns = 0;
  /** Column of the current statement's mnemonic (for warnings about the whole statement). */
  stmtCol = 1;
  /** Open .macro being recorded. */
  recording: { def: MacroDef; depth: number; line: number; col: number; file: string; rept?: number } | null = null;
  /** Conditional assembly stack: [active, anyBranchTaken]. */
  conds: Array<{ active: boolean; taken: boolean; parentActive: boolean; line?: number; col?: number; file?: string }> = [];

  constructor(
    readonly fileName: string,
    readonly diags: Diagnostic[],
    readonly readFile: (path: string, from: string) => string | undefined,
  ) {
    this.loc = { file: fileName, line: 0 };
    this.cur = this.section('.text', '.text');
    this.section('.data', '.data');
    this.section('.bss', '.bss');
    this.prevSect = this.cur;
  }

  /** The input section `name` (created on first use), linked into output section `out`. */
  section(name: string, out: OutName, align = SECTION_ALIGN): SectionBuf {
    let s = this.inputs.get(name);
    if (!s) {
      s = new SectionBuf(out, name);
      s.align = align;
      this.inputs.set(name, s);
    }
    return s;
  }

  // ---- diagnostics ----
  error(col: number, message: string): void {
    this.diags.push({ file: this.loc.file, line: this.loc.line, col, severity: 'error', message });
  }
  warn(col: number, message: string): void {
    this.diags.push({ file: this.loc.file, line: this.loc.line, col, severity: 'warning', message });
  }

  // ---- source processing ----
  assembleText(text: string, file: string): void {
    const saved = this.loc;
    const lines = stripBlockComments(text).split('\n');
    for (let i = 0; i < lines.length; i++) {
      this.loc = { file, line: i + 1 };
      this.line(lines[i]!);
    }
    this.loc = saved;
  }

  finish(): void {
    if (this.recording) {
      const r = this.recording;
      const what = r.rept !== undefined ? "missing .endr for .rept" : `missing .endm for macro '${r.def.name}'`;
      this.diags.push({ file: r.file, line: r.line, col: r.col, severity: 'error', message: what });
      this.recording = null;
    }
    const open = this.conds[0];
    if (open) this.diags.push({ file: open.file ?? this.fileName, line: open.line ?? 1, col: open.col ?? 1, severity: 'error', message: 'missing .endif for this .if' });
    for (const s of this.inputs.values()) this.flushHazards(s);
  }

  line(raw: string): void {
    if (this.recording) {
      this.recordMacroLine(raw);
      return;
    }
    for (const [start, text] of splitStatements(raw)) this.statement(text, start, raw);
  }

  private recordMacroLine(raw: string): void {
    const r = this.recording!;
    const m = /^\s*(?:[A-Za-z_.$][\w.$]*:\s*)?(\.[A-Za-z_]+)/.exec(raw);
    const d = m?.[1]?.toLowerCase();
    if (d === '.macro' || d === '.rept' || d === '.irp') r.depth++;
    if (d === '.endm' || d === '.endr') {
      if (r.depth === 0) {
        this.recording = null;
        if (r.rept !== undefined) {
          // The listing shows a .rept's bytes at its .endr line.
          const buf = this.cur;
          const start = buf.size;
          repeatBody(this, r.def, r.rept);
          if (this.macroDepth === 0) this.listing.push({ file: this.loc.file, line: this.loc.line, text: raw, buf, start, end: buf.size });
        } else this.macros.set(r.def.name, r.def);
        return;
      }
      r.depth--;
    }
    r.def.body.push({ text: raw, line: this.loc.line, file: this.loc.file });
  }

  private statement(text: string, start: number, rawLine: string): void {
    let toks: Token[];
    try {
      toks = tokenize(text, start);
    } catch (e) {
      if (e instanceof LexError) {
        if (this.condActive()) this.error(e.col, e.message);
        return;
      }
      throw e;
    }
    if (toks.length === 0) return;
    // Conditional assembly is decided before anything else on the line.
    const first = toks[0]!;
    if (first.kind === 'ident' && /^\.(if|ifdef|ifndef|ifeq|ifne|else|elseif|endif)$/i.test(first.text)) {
      runDirective(this, first.text.toLowerCase(), toks.slice(1), first.col, text, start);
      return;
    }
    if (!this.condActive()) return;
    const listStart = this.cur.size;
    const listSect = this.cur;
    try {
      this.statementBody(toks, text, start);
    } catch (e) {
      if (e instanceof ExprError || e instanceof LexError) this.error(e.col, e.message);
      else throw e;
    }
    const isInclude = first.kind === 'ident' && first.text.toLowerCase() === '.include';
    if (this.macroDepth === 0 && !isInclude && (listSect.size !== listStart || this.cur === listSect)) {
      this.listing.push({ file: this.loc.file, line: this.loc.line, text: rawLine, buf: listSect, start: listStart, end: listSect.size });
    }
  }

  condActive(): boolean {
    const c = this.conds[this.conds.length - 1];
    return !c || c.active;
  }

  private statementBody(toksIn: Token[], text: string, start: number): void {
    let toks = toksIn;
    // labels: `name:` or `N:`
    while (toks.length >= 2 && toks[1]!.kind === 'punct' && toks[1]!.text === ':' && (toks[0]!.kind === 'ident' || toks[0]!.kind === 'num' || (toks[0]!.kind === 'reg' && !isRegisterName(toks[0]!.text)))) {
      const t = toks[0]!;
      if (t.kind === 'reg') this.defineLabel(`$${t.text}`, t.col);
      else if (t.kind === 'num') {
        if (!/^[0-9]+$/.test(t.text)) throw new ExprError(`bad local label '${t.text}'`, t.col);
        const n = t.value;
        const k = (this.localCounts.get(n) ?? 0) + 1;
        this.localCounts.set(n, k);
        this.defineLabel(`.L${n}\u0002${k}`, t.col);
      } else this.defineLabel(t.text, t.col);
      toks = toks.slice(2);
    }
    if (toks.length === 0) return;
    toks = this.renameLocals(toks);
    const head = toks[0]!;
    // `sym = expr`
    if (toks.length >= 2 && (head.kind === 'ident' || (head.kind === 'reg' && !isRegisterName(head.text))) && toks[1]!.kind === 'punct' && toks[1]!.text === '=') {
      this.defineEqu(head.kind === 'reg' ? `$${head.text}` : head.text, toks.slice(2), head.col, true, text.length + start + 1);
      return;
    }
    if (head.kind !== 'ident') throw new ExprError(`junk at start of statement: '${head.text}'`, head.col);
    const name = head.text;
    const rest = toks.slice(1);
    const endCol = start + text.length + 1;
    if (name.startsWith('.')) {
      runDirective(this, name.toLowerCase(), rest, head.col, text, start);
      return;
    }
    const macro = this.macros.get(name);
    if (macro) {
      if (this.macroDepth >= MAX_MACRO_DEPTH) {
        if (!this.reportedDepth) this.error(head.col, `macros nested too deeply (recursive macro '${name}'?)`);
        this.reportedDepth = true;
        return;
      }
      const argText = text.slice(head.col - start - 1 + name.length);
      expandMacro(this, macro, argText, head.col);
      return;
    }
    if (this.ignoring) return;
    assembleStatement(this, name.toLowerCase(), rest, head.col, endCol);
  }

  /** Numeric local labels: `1f`/`1b` become the names `N:` definitions get. */
  private renameLocals(toks: Token[]): Token[] {
    let out: Token[] | null = null;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind === 'ident' && t.text === '.') {
        // `.`: a hidden label at the statement's position (moved with any alignment/nops).
        out ??= toks.slice();
        const name = `.L.\u0002${this.dotCounter++}`;
        const s = this.sym(name, t.col);
        s.defined = true;
        s.buf = this.cur;
        s.off = this.cur.size;
        this.labelsHere.push(s);
        out[i] = { kind: 'ident', text: name, value: 0, col: t.col };
        continue;
      }
      if (t.kind !== 'local') continue;
      out ??= toks.slice();
      const k = this.localCounts.get(t.value) ?? 0;
      const idx = t.dir === 'b' ? k : k + 1;
      if (t.dir === 'b' && k === 0) throw new ExprError(`no previous definition of local label ${t.value}`, t.col);
      out[i] = { kind: 'ident', text: `.L${t.value}\u0002${idx}`, value: 0, col: t.col };
    }
    return out ?? toks;
  }

  // ---- symbols ----
  /** Whether `name` is a symbol of this file (defined, declared or referenced by .globl). */
  readonly isSymbol = (name: string): boolean => this.symbols.has(name);

  sym(name: string, col: number): SymInfo {
    let s = this.symbols.get(name);
    if (!s) {
      s = { name, defined: false, isEqu: false, global: false, local: false, type: 'notype', file: this.loc.file, line: this.loc.line, col };
      this.symbols.set(name, s);
    }
    return s;
  }

  defineLabel(name: string, col: number): void {
    const s = this.sym(name, col);
    if (s.defined) {
      this.error(col, `symbol '${displayName(name)}' is already defined`);
      return;
    }
    if (this.set.reorder && this.cur.name === '.text') this.flushHazards(this.cur);
    s.defined = true;
    s.buf = this.cur;
    s.off = this.cur.size;
    s.file = this.loc.file;
    s.line = this.loc.line;
    s.col = col;
    this.labelsHere.push(s);
  }

  defineEqu(name: string, exprToks: Token[], col: number, reassignable: boolean, endCol: number): void {
    const e = parseWholeExpr(exprToks, endCol);
    const s = this.sym(name, col);
    if (s.defined && (!s.isEqu || !reassignable)) {
      this.error(col, `symbol '${name}' is already defined`);
      return;
    }
    const v = evalExpr(e, (n, c) => this.resolve1(n, c), false);
    s.defined = true;
    s.isEqu = true;
    s.file = this.loc.file;
    s.line = this.loc.line;
    s.col = col;
    if (v.rel === DEFER) {
      s.value = undefined;
      s.expr = e;
    } else {
      s.value = v;
      s.expr = undefined;
    }
  }

  /** Pass-1 resolver: labels are section-relative, unknown names deferred. */
  resolve1(name: string, _col: number): Value | undefined {
    const s = this.symbols.get(name);
    if (!s || !s.defined) return undefined;
    if (s.isEqu) return s.value;
    return { v: s.off!, rel: `S${s.buf!.inputName}` };
  }

  /** Evaluates e now; DEFER/relocatable results are returned as such. */
  eval1(e: Expr): Value {
    return evalExpr(e, (n, c) => this.resolve1(n, c), false);
  }

  /** An absolute value now, or an error at col. */
  absolute(e: Expr, col: number, what = 'expression'): number {
    const v = this.eval1(e);
    if (v.rel !== null) throw new ExprError(`${what} must be an absolute constant`, col);
    return v.v;
  }

  // ---- sections ----
  switchTo(s: SectionBuf): void {
    if (s === this.cur) {
      this.prevSect = s;
      return;
    }
    this.flushHazards(this.cur);
    this.prevSect = this.cur;
    this.cur = s;
    this.labelsHere = [];
  }

  /** Data emission point: pending reorder nops are placed first (GNU mips_emit_delays). */
  beforeData(): void {
    this.flushHazards(this.cur);
  }

  afterEmit(): void {
    this.labelsHere.length = 0;
  }

  /** Re-points labels at the current position to `off` (GNU moves labels on auto-alignment). */
  moveLabelsHere(off: number): void {
    for (const s of this.labelsHere) s.off = off;
  }

  /**
   * Places the nops pending hazards need. `clear` forgets the history (gas mips_emit_delays, at
   * data, alignment and section changes); entering noreorder keeps it (gas start_noreorder adds
   * the nops outside the history, so `mflo; .set noreorder; addu; .set reorder; lw` still puts a
   * nop before the lw).
   */
  flushHazards(sec: SectionBuf, clear = true): void {
    if (sec.history.length === 0) return;
    if (this.set.reorder && this.rawDepth === 0) {
      const n = nopsNeeded(sec.history);
      for (let i = 0; i < n; i++) sec.put32(0);
      if (n > 0) for (const s of this.labelsHere) if (s.buf === sec) s.off = sec.size;
    }
    if (clear) sec.history = [];
  }

  addFixup(kind: FixKind, expr: Expr, col: number, off = this.cur.size): void {
    this.cur.fixups.push({ off, kind, expr, file: this.loc.file, line: this.loc.line, col });
  }

  // ---- instruction emission ----
  /**
   * Emits one machine instruction. Under `.set reorder` (and outside a pseudo-instruction's own
   * noreorder block) the worst-case hazard nops come first and a branch gets a nop in its delay
   * slot. `fix` is applied at link time to this word.
   */
  emit(entry: IsaEntry, word: number, fix?: { kind: FixKind; expr: Expr; col: number }): void {
    const sec = this.cur;
    if (sec.name === '.bss') {
      this.error(this.stmtCol, 'instruction in .bss');
      return;
    }
    const reorder = this.set.reorder && this.rawDepth === 0;
    if (sec.size & 3) {
      // GNU aligns instructions to 4 (and warns about unaligned code).
      const pad = 4 - (sec.size & 3);
      sec.fill(pad, 0);
      this.moveLabelsHere(sec.size);
    }
    if (reorder) {
      const n = nopsNeeded(sec.history);
      for (let i = 0; i < n; i++) this.pushWord(sec, NOP_ENTRY, 0);
      if (n > 0) this.moveLabelsHere(sec.size);
    } else if (!this.set.reorder && this.rawDepth === 0) {
      const w = hazardWarning(sec.history, entry, word >>> 0, (n) => `$${GPR_NAMES[n]}`);
      if (w) this.warn(this.stmtCol, w);
    }
    if (fix) this.addFixup(fix.kind, fix.expr, fix.col, sec.size);
    this.pushWord(sec, entry, word);
    this.stmtInsns++;
    if (reorder && entry.delaySlot) this.pushWord(sec, NOP_ENTRY, 0);
    this.afterEmit();
  }

  private pushWord(sec: SectionBuf, entry: IsaEntry, word: number): void {
    sec.put32(word);
    this.pushHist(sec, entry, word);
  }

  /** Records an instruction in the hazard history (without emitting it). */
  private pushHist(sec: SectionBuf, entry: IsaEntry, word: number): void {
    const h: Hist = { worst: worstNopsAfter(entry), entry, word: word >>> 0 };
    const hist = sec.history;
    hist.unshift(h);
    if (hist.length > 2) hist.length = 2;
    // After the delay slot of an unconditional jump nothing before it can reach what follows:
    // gas clears its history there (append_insn, "If we have just completed an unconditional
    // branch, clear the history").
    const br = hist[1];
    if (br?.entry && isUncondDelayed(br.entry, br.word)) sec.history = [];
  }

  /**
   * A symbolic address expansion gas assembles as a relaxable frag (non-PIC, -G 8): it first
   * emits the $gp-relative alternative (`alt`, one or two instructions) for the hazard history,
   * then the lui/%lo sequence the link will use (tc-mips.c macro, relax_start/relax_switch;
   * append_insn updates its history only for the first alternative). So the nops before the
   * sequence are computed as usual, but afterwards the history holds `alt`, not what f emitted.
   */
  relaxed(alt: ReadonlyArray<{ entry: IsaEntry; word: number }>, f: () => void): void {
    const sec = this.cur;
    if (this.set.reorder && this.rawDepth === 0) {
      const n = nopsNeeded(sec.history);
      for (let i = 0; i < n; i++) this.pushWord(sec, NOP_ENTRY, 0);
      if (n > 0) this.moveLabelsHere(sec.size);
    }
    const saved = sec.history.slice();
    this.rawDepth++;
    try {
      f();
    } finally {
      this.rawDepth--;
    }
    sec.history = saved;
    for (const a of alt) this.pushHist(sec, a.entry, a.word);
  }

  /** Runs f with GNU's macro-internal noreorder (the expansion fills its own delay slots). */
  raw(f: () => void): void {
    this.rawDepth++;
    try {
      f();
    } finally {
      this.rawDepth--;
    }
  }

  includeFile(path: string, col: number): void {
    if (this.includeStack.length >= MAX_INCLUDE_DEPTH || this.includeStack.includes(path)) {
      this.error(col, `recursive .include of '${path}'`);
      return;
    }
    const text = this.readFile(path, this.loc.file);
    if (text === undefined) {
      this.error(col, `can't open '${path}' for reading`);
      return;
    }
    // The included text is named by its path from the including file's directory, so that its
    // own relative .include lines resolve from where it lives (as C's #include "..." does).
    const dir = posix.dirname(this.loc.file.replace(/\\/g, '/'));
    const name = path.startsWith('/') || dir === '.' ? path : posix.normalize(posix.join(dir, path));
    this.includeStack.push(path);
    try {
      this.assembleText(text, name);
    } finally {
      this.includeStack.pop();
    }
  }
}

/** j, jal, jr, jalr, and b/bal (beq $0,$0 / bgezal $0). */
function isUncondDelayed(e: IsaEntry, word: number): boolean {
  if (e.class === 'jump') return true;
  if (e.op === 'beq') return ((word >>> 16) & 0x3ff) === 0;
  if (e.op === 'bgezal') return ((word >>> 21) & 31) === 0;
  return false;
}

export function displayName(name: string): string {
  const i = name.indexOf('\u0002');
  return i < 0 ? name : name.slice(2, i);
}
