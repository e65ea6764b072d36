/**
 * Assembler directives (GNU as spelling). Data directives align like MIPS gas: `.half` to 2 and
 * `.word` to 4, moving labels defined just before them (tc-mips.c mips_align / s_cons), and
 * `.align n` means 2^n bytes.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Token } from './lexer.js';
import { type Expr, ExprError, parseWholeExpr } from './expr.js';
import { outSectionFor } from './sections.js';
import { splitOperands, type Operand } from './operands.js';
import type { Unit } from './unit.js';
import { startMacro, startRept } from './macros.js';

/** Largest .space/.org gap (a typo must not allocate gigabytes). */
const MAX_FILL = 0x1000000;

type Handler = (u: Unit, args: Token[], col: number, text: string, start: number) => void;

const endOf = (text: string, start: number): number => start + text.length + 1;

function ops(args: Token[], text: string, start: number): Operand[] {
  return splitOperands(args, endOf(text, start));
}

function exprOf(op: Operand): Expr {
  return parseWholeExpr(op.toks, op.col);
}

function names(u: Unit, args: Token[], text: string, start: number, f: (name: string, col: number) => void): void {
  const list = ops(args, text, start);
  if (list.length === 0) throw new ExprError('expected a symbol name', endOf(text, start));
  for (const op of list) {
    const t = op.toks[0]!;
    if (t.kind !== 'ident' || op.toks.length !== 1) throw new ExprError(`expected a symbol name, found '${t.text}'`, t.col);
    f(t.text, t.col);
  }
}

/**
 * Pads the current section to a multiple of `bytes`. GNU MIPS `.align` and the data directives
 * (tc-mips.c mips_align) move labels defined just before them past the padding; the generic
 * `.balign`/`.p2align` (read.c) leave them where they were (checked against mipsel-linux-gnu-as).
 */
function alignTo(u: Unit, bytes: number, fill: number | undefined, moveLabels = true): void {
  const sec = u.cur;
  u.beforeData();
  const pad = (bytes - (sec.size % bytes)) % bytes;
  sec.fill(pad, fill ?? 0);
  if (bytes > sec.align) sec.align = bytes;
  if (moveLabels) u.moveLabelsHere(sec.size);
}

function data(width: 1 | 2 | 4): Handler {
  const kind = width === 4 ? 'w32' : width === 2 ? 'h16' : 'b8';
  return (u, args, _col, text, start) => {
    const list = ops(args, text, start);
    if (width > 1) alignTo(u, width, 0);
    else u.beforeData();
    const sec = u.cur;
    for (const op of list) {
      const e = exprOf(op);
      const v = u.eval1(e);
      if (v.rel !== null) {
        u.addFixup(kind, e, op.col);
        sec.fill(width, 0);
        continue;
      }
      checkData(u, v.v, width, op.col);
      if (width === 4) sec.put32(v.v);
      else if (width === 2) sec.put16(v.v);
      else sec.put8(v.v);
    }
    u.afterEmit();
  };
}

export function checkData(u: Unit, v: number, width: 1 | 2 | 4, col: number): void {
  if (u.cur.nobits && v !== 0) throw new ExprError("attempt to store non-zero value in section '.bss'", col);
  if (width < 4) {
    const bits = width * 8;
    if (v < -(2 ** (bits - 1)) || v >= 2 ** bits) {
      const mask = 2 ** bits - 1;
      u.warn(col, `value 0x${(v >>> 0).toString(16)} truncated to 0x${((v >>> 0) & mask).toString(16)}`);
    }
  }
}

function strings(zero: boolean): Handler {
  return (u, args, col, text, start) => {
    const list = ops(args, text, start);
    if (list.length === 0) throw new ExprError('expected a string', endOf(text, start));
    u.beforeData();
    for (const op of list) {
      const t = op.toks[0]!;
      if (t.kind !== 'str' || op.toks.length !== 1) throw new ExprError('expected a string', t.col);
      if (u.cur.nobits && (t.text.length > 0 || zero)) throw new ExprError("attempt to store non-zero value in section '.bss'", t.col);
      for (let i = 0; i < t.text.length; i++) u.cur.put8(t.text.charCodeAt(i));
      if (zero) u.cur.put8(0);
    }
    void col;
    u.afterEmit();
  };
}

function space(u: Unit, args: Token[], _col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  if (list.length < 1 || list.length > 2) throw new ExprError('expected size[, fill]', endOf(text, start));
  const n = u.absolute(exprOf(list[0]!), list[0]!.col, 'size');
  if (n < 0 || n > MAX_FILL) throw new ExprError(n < 0 ? `bad size ${n}` : `size ${n} too large (at most ${MAX_FILL} bytes)`, list[0]!.col);
  const fill = list[1] ? u.absolute(exprOf(list[1]), list[1].col, 'fill value') : 0;
  if (fill !== 0 && u.cur.nobits) throw new ExprError("attempt to store non-zero value in section '.bss'", list[1]!.col);
  u.beforeData();
  u.cur.fill(n, fill);
  u.afterEmit();
}

/**
 * `.incbin "file"[, skip[, count]]` (GNU read.c s_incbin): the file's bytes from `skip` (default
 * 0), `count` of them (default: to the end), unaligned, into the current section. The file is
 * found like `.include`: relative to the including file's directory, then the working directory.
 * Errors as GNU: a missing file, and a skip or count outside the file ("skip (S) or count (C)
 * invalid for file size (N)").
 */
function incbin(u: Unit, args: Token[], col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  const f = list[0]?.toks[0];
  if (!f || f.kind !== 'str' || list[0]!.toks.length !== 1) throw new ExprError('expected a file name in quotes', f?.col ?? col);
  if (list.length > 3) throw new ExprError('expected "file"[, skip[, count]]', list[3]!.col);
  const skip = list[1] ? u.absolute(exprOf(list[1]), list[1].col, 'skip') : 0;
  const countGiven = list[2] !== undefined;
  const count = list[2] ? u.absolute(exprOf(list[2]), list[2].col, 'count') : 0;
  const from = u.loc.file;
  const candidates = isAbsolute(f.text) ? [f.text] : [resolve(dirname(from), f.text), resolve(f.text)];
  let bytes: Uint8Array | undefined;
  for (const c of candidates) {
    try {
      bytes = readFileSync(c);
      break;
    } catch {
      // the next candidate
    }
  }
  if (bytes === undefined) throw new ExprError(`file not found: ${f.text}`, f.col);
  const n = countGiven ? count : bytes.length - skip;
  if (skip < 0 || n < 0 || skip + n > bytes.length) throw new ExprError(`skip (${skip}) or count (${n}) invalid for file size (${bytes.length})`, list[1]?.col ?? f.col);
  if (n > MAX_FILL) throw new ExprError(`.incbin of ${n} bytes too large (at most ${MAX_FILL})`, f.col);
  if (u.cur.nobits && n > 0) throw new ExprError("attempt to store non-zero value in section '.bss'", f.col);
  u.beforeData();
  for (let i = skip; i < skip + n; i++) u.cur.put8(bytes[i]!);
  u.afterEmit();
}

function align(power: boolean, moveLabels = power): Handler {
  return (u, args, _col, text, start) => {
    const list = ops(args, text, start);
    if (list.length < 1 || list.length > 3) throw new ExprError('expected alignment[, fill]', endOf(text, start));
    const n = u.absolute(exprOf(list[0]!), list[0]!.col, 'alignment');
    let bytes: number;
    if (power) {
      if (n < 0 || n > 15) throw new ExprError(`alignment too large: ${n}`, list[0]!.col);
      bytes = 2 ** n;
    } else {
      if (n < 1 || n > 0x8000 || (n & (n - 1)) !== 0) throw new ExprError(`alignment ${n} is not a power of 2`, list[0]!.col);
      bytes = n;
    }
    const fill = list[1] ? u.absolute(exprOf(list[1]), list[1].col, 'fill value') : undefined;
    alignTo(u, bytes, fill, moveLabels);
  };
}

function org(u: Unit, args: Token[], _col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  if (list.length < 1 || list.length > 2) throw new ExprError('expected address[, fill]', endOf(text, start));
  const v = u.eval1(exprOf(list[0]!));
  if (v.rel !== null && v.rel !== `S${u.cur.name}`) throw new ExprError('.org needs an absolute value or a symbol in the current section', list[0]!.col);
  const fill = list[1] ? u.absolute(exprOf(list[1]), list[1].col, 'fill value') : 0;
  u.beforeData();
  if (v.v < u.cur.size) throw new ExprError('attempt to move .org backwards', list[0]!.col);
  if (v.v - u.cur.size > MAX_FILL) throw new ExprError(`.org address ${v.v} too far ahead (at most ${MAX_FILL} bytes)`, list[0]!.col);
  u.cur.fill(v.v - u.cur.size, fill);
  u.afterEmit();
}

function section(u: Unit, args: Token[], col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  const first = list[0];
  if (!first) throw new ExprError('expected a section name', endOf(text, start));
  const name = first.toks.map((t) => t.text).join('');
  let flags: string | undefined;
  const f = list[1]?.toks[0];
  if (f && f.kind === 'str') flags = f.text;
  const out = outSectionFor(name, flags);
  if (!out) {
    // Non-allocated sections gcc emits (.mdebug.*, .gcc_compiled, .note.GNU-stack, .pdr,
    // .comment, .debug_*) hold nothing the executable loads; ignore their contents.
    if (/^\.(mdebug|gcc_compiled|note|pdr|comment|debug|gnu|reginfo|MIPS)/.test(name) || (flags !== undefined && !flags.includes('a'))) {
      u.switchTo(u.section(name, '.rodata'));
      u.ignoring = true;
      return;
    }
    throw new ExprError(`unknown section '${name}' (give flags, e.g. .section ${name},"ax")`, first.col);
  }
  u.ignoring = false;
  // gas: a section first named by .section starts with alignment 1 (the dedicated directives
  // .text/.data/.bss/.rdata/.sdata/.sbss create theirs aligned to 16).
  u.switchTo(u.section(name, out, 1));
}

function setDirective(u: Unit, args: Token[], col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  if (list.length >= 2) {
    const t = list[0]!.toks[0]!;
    if (t.kind !== 'ident' || list[0]!.toks.length !== 1) throw new ExprError('expected a symbol name', t.col);
    u.defineEqu(t.text, args.slice(2), t.col, true, endOf(text, start));
    return;
  }
  const opt = list[0]?.toks.map((t) => t.text).join('') ?? '';
  switch (opt) {
    case 'reorder':
      u.set.reorder = true;
      return;
    case 'noreorder':
      u.flushHazards(u.cur, false);
      u.set.reorder = false;
      u.usedNoreorder = true;
      return;
    case 'at':
      u.set.at = true;
      return;
    case 'noat':
      u.set.at = false;
      return;
    case 'macro':
      u.set.macro = true;
      return;
    case 'nomacro':
      // gas: "`noreorder' must be set before `nomacro'"
      if (u.set.reorder) throw new ExprError("`noreorder' must be set before `nomacro'", list[0]!.col);
      u.set.macro = false;
      return;
    case 'push':
      u.setStack.push({ ...u.set });
      return;
    case 'pop': {
      const s = u.setStack.pop();
      if (!s) throw new ExprError('.set pop with no .set push', col);
      if (!s.reorder && u.set.reorder) u.flushHazards(u.cur, false);
      u.set = s;
      return;
    }
    case 'mips1':
    case 'mips0':
    case 'nomips16':
    case 'nomicromips':
    case 'volatile':
    case 'novolatile':
    case 'nobopt':
    case 'bopt':
    case 'nomove':
    case 'move':
    case 'gp=default':
    case 'fp=default':
    case 'fp=32':
    case 'hardfloat':
    case 'softfloat':
    case 'arch=r3000':
    case 'arch=mips1':
      return;
    default:
      throw new ExprError(`unknown .set option '${opt}'`, list[0]?.col ?? col);
  }
}

function cond(u: Unit, name: string, args: Token[], col: number, text: string, start: number): void {
  const top = u.conds[u.conds.length - 1];
  const parentActive = u.condActive();
  const test = (): boolean => {
    if (name === '.ifdef' || name === '.ifndef') {
      const t = args[0];
      if (!t || t.kind !== 'ident') throw new ExprError('expected a symbol name', t?.col ?? endOf(text, start));
      const d = u.symbols.get(t.text)?.defined ?? false;
      return name === '.ifdef' ? d : !d;
    }
    const v = u.absolute(parseWholeExpr(args, endOf(text, start)), args[0]?.col ?? col, 'condition');
    return name === '.ifeq' ? v === 0 : v !== 0;
  };
  switch (name) {
    case '.if':
    case '.ifne':
    case '.ifeq':
    case '.ifdef':
    case '.ifndef': {
      const on = parentActive && test();
      u.conds.push({ active: on, taken: on, parentActive, line: u.loc.line, col, file: u.loc.file });
      return;
    }
    case '.elseif':
    case '.else': {
      if (!top) throw new ExprError(`${name} without .if`, col);
      if (!top.parentActive || top.taken) top.active = false;
      else {
        top.active = name === '.else' ? true : test();
        top.taken = top.active;
      }
      return;
    }
    case '.endif':
      if (!top) throw new ExprError('.endif without .if', col);
      u.conds.pop();
      return;
  }
}

const ignored: Handler = () => {};

/** `.fill repeat[, size[, value]]`: repeat copies of a size-byte (1, 2 or 4) little-endian value. */
function fillDirective(u: Unit, args: Token[], _col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  if (list.length < 1 || list.length > 3) throw new ExprError('expected repeat[, size[, value]]', endOf(text, start));
  const n = u.absolute(exprOf(list[0]!), list[0]!.col, 'repeat count');
  const size = list[1] ? u.absolute(exprOf(list[1]), list[1].col, 'size') : 1;
  const value = list[2] ? u.absolute(exprOf(list[2]), list[2].col, 'fill value') : 0;
  if (n < 0 || n * size > MAX_FILL) throw new ExprError(`bad repeat count ${n}`, list[0]!.col);
  if (size !== 1 && size !== 2 && size !== 4) throw new ExprError(`.fill size ${size} not supported (1, 2 or 4)`, list[1]!.col);
  if (value !== 0 && u.cur.nobits) throw new ExprError("attempt to store non-zero value in section '.bss'", list[2]!.col);
  u.beforeData();
  for (let i = 0; i < n; i++) {
    if (size === 4) u.cur.put32(value);
    else if (size === 2) u.cur.put16(value);
    else u.cur.put8(value);
  }
  u.afterEmit();
}

const KEPT_WHEN_IGNORING = new Set(['.text', '.data', '.rdata', '.rodata', '.bss', '.sdata', '.sbss', '.section', '.previous', '.set', '.globl', '.global', '.macro', '.include', '.equ', '.type', '.size']);

function symType(u: Unit, args: Token[], _col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  const t = list[0]?.toks[0];
  if (!t || t.kind !== 'ident') throw new ExprError('expected a symbol name', t?.col ?? endOf(text, start));
  const ty = list[1]?.toks.map((x) => x.text).join('') ?? '';
  const s = u.sym(t.text, t.col);
  if (/function/.test(ty)) s.type = 'func';
  else if (/object/.test(ty)) s.type = 'object';
  else if (/notype/.test(ty)) s.type = 'notype';
  else throw new ExprError(`unrecognized symbol type '${ty}'`, list[1]?.col ?? t.col);
}

function symSize(u: Unit, args: Token[], _col: number, text: string, start: number): void {
  const list = ops(args, text, start);
  const t = list[0]?.toks[0];
  if (!t || t.kind !== 'ident' || list.length !== 2) throw new ExprError('expected symbol, size', t?.col ?? endOf(text, start));
  u.sym(t.text, t.col).size = exprOf(list[1]!);
}

function comm(local: boolean): Handler {
  return (u, args, col, text, start) => {
    const list = ops(args, text, start);
    const t = list[0]?.toks[0];
    if (!t || t.kind !== 'ident' || list.length < 2) throw new ExprError('expected symbol, size[, alignment]', t?.col ?? col);
    const size = u.absolute(exprOf(list[1]!), list[1]!.col, 'size');
    const al = list[2] ? u.absolute(exprOf(list[2]), list[2].col, 'alignment') : Math.min(8, size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1);
    const saved = u.cur;
    u.cur = u.section('.bss', '.bss');
    u.labelsHere = [];
    const bytes = Math.max(1, al);
    u.cur.fill((bytes - (u.cur.size % bytes)) % bytes, 0);
    if (bytes > u.cur.align) u.cur.align = bytes;
    u.defineLabel(t.text, t.col);
    const s = u.sym(t.text, t.col);
    s.type = 'object';
    s.size = { k: 'num', v: size };
    if (!local) {
      s.global = true;
      s.common = true;
    }
    u.cur.fill(size, 0);
    u.cur = saved;
    u.labelsHere = [];
  };
}

const HANDLERS = new Map<string, Handler>([
  // MIPS gas: `.rdata` selects the section named .rodata.
  ...(
    [['.text', '.text'], ['.data', '.data'], ['.sdata', '.sdata'], ['.rdata', '.rodata'], ['.rodata', '.rodata'], ['.bss', '.bss'], ['.sbss', '.sbss']] as const
  ).map(([d, n]): [string, Handler] => [
    d,
    (u) => {
      u.ignoring = false;
      u.switchTo(u.section(n, outSectionFor(n)!));
    },
  ]),
  ['.section', section],
  ['.previous', (u) => u.switchTo(u.prevSect)],
  ['.globl', (u, a, _c, t, s) => names(u, a, t, s, (n, c) => { u.sym(n, c).global = true; })],
  ['.global', (u, a, _c, t, s) => names(u, a, t, s, (n, c) => { u.sym(n, c).global = true; })],
  ['.weak', (u, a, _c, t, s) => names(u, a, t, s, (n, c) => { u.sym(n, c).global = true; })],
  ['.local', (u, a, _c, t, s) => names(u, a, t, s, (n, c) => { u.sym(n, c).local = true; })],
  ['.extern', (u, a, _c, t, s) => { const l = ops(a, t, s); const n = l[0]?.toks[0]; if (!n || n.kind !== 'ident') throw new ExprError('expected a symbol name', n?.col ?? endOf(t, s)); u.sym(n.text, n.col); }],
  ['.comm', comm(false)],
  ['.lcomm', comm(true)],
  ['.word', data(4)],
  ['.4byte', data(4)],
  ['.long', data(4)],
  ['.int', data(4)],
  ['.half', data(2)],
  ['.hword', data(2)],
  ['.short', data(2)],
  ['.2byte', data(2)],
  ['.byte', data(1)],
  ['.ascii', strings(false)],
  ['.asciiz', strings(true)],
  ['.asciz', strings(true)],
  ['.string', strings(true)],
  ['.space', space],
  ['.skip', space],
  ['.zero', space],
  ['.align', align(true)],
  ['.p2align', align(true, false)],
  ['.balign', align(false)],
  ['.org', org],
  ['.set', setDirective],
  ['.equ', (u, a, c, t, s) => { const n = a[0]; if (!n || n.kind !== 'ident' || a[1]?.text !== ',') throw new ExprError('expected symbol, expression', n?.col ?? c); u.defineEqu(n.text, a.slice(2), n.col, true, endOf(t, s)); }],
  ['.equiv', (u, a, c, t, s) => { const n = a[0]; if (!n || n.kind !== 'ident' || a[1]?.text !== ',') throw new ExprError('expected symbol, expression', n?.col ?? c); u.defineEqu(n.text, a.slice(2), n.col, false, endOf(t, s)); }],
  ['.incbin', incbin],
  ['.include', (u, a, c) => { const f = a[0]; if (!f || f.kind !== 'str') throw new ExprError('expected a file name in quotes', f?.col ?? c); u.includeFile(f.text, f.col); }],
  ['.macro', (u, a, c, t, s) => startMacro(u, a, c, t, s)],
  ['.endm', (_u, _a, c) => { throw new ExprError('.endm without .macro', c); }],
  ['.rept', (u, a, c, t, s) => startRept(u, u.absolute(parseWholeExpr(a, endOf(t, s)), a[0]?.col ?? c, 'repeat count'), c)],
  ['.endr', (_u, _a, c) => { throw new ExprError('.endr without .rept', c); }],
  ['.fill', fillDirective],
  ['.type', symType],
  ['.size', symSize],
  ['.error', (u, a, c) => u.error(c, a[0]?.kind === 'str' ? a[0].text : '.error directive invoked in source file')],
  ['.warning', (u, a, c) => u.warn(c, a[0]?.kind === 'str' ? a[0].text : '.warning directive invoked in source file')],
  ['.err', (u, _a, c) => u.error(c, '.err encountered')],
  ...[
    '.ent', '.end', '.aent', '.frame', '.mask', '.fmask', '.file', '.loc', '.ident', '.gnu_attribute', '.module', '.nan',
    '.abicalls', '.option', '.cprestore', '.insn', '.verstamp', '.sym', '.stabs', '.stabn', '.stabd', '.version', '.hidden', '.protected', '.internal', '.addrsig', '.addrsig_sym',
  ].map((d): [string, Handler] => [d, ignored]),
]);

export function runDirective(u: Unit, name: string, args: Token[], col: number, text: string, start: number): void {
  if (/^\.(if|ifdef|ifndef|ifeq|ifne|else|elseif|endif)$/.test(name)) {
    try {
      cond(u, name, args, col, text, start);
    } catch (e) {
      if (e instanceof ExprError) {
        u.error(e.col, e.message);
        if (name.startsWith('.if')) u.conds.push({ active: false, taken: true, parentActive: u.condActive() });
      } else throw e;
    }
    return;
  }
  if (name.startsWith('.cfi_')) return;
  // Inside a section that is not loaded (debug info), only section changes and symbol
  // definitions matter; its data directives (.uleb128, .4byte, ...) are dropped.
  if (u.ignoring && !KEPT_WHEN_IGNORING.has(name)) return;
  const h = HANDLERS.get(name);
  if (!h) throw new ExprError(`unknown directive '${name}'`, col);
  h(u, args, col, text, start);
}
