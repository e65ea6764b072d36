/**
 * Operand syntax: splitting a statement's tokens at top-level commas, registers (GPR by number
 * or ABI name, coprocessor registers by number, `$fN`, or the names objdump prints such as
 * `c0_sr`), and memory operands `expr(base)`.
 */
import type { Token } from './lexer.js';
import { type Expr, ExprError, isRegisterName, parseWholeExpr } from './expr.js';
import { GPR_BY_NAME, CP0_BY_NAME, CP1_CTL_NAMES } from '../emulator/regnames.js';

export interface Operand {
  toks: Token[];
  /** Column of the operand's first token (or of the comma/end where it is missing). */
  col: number;
}

/** Splits toks at commas outside parentheses. An empty list gives no operands. */
export function splitOperands(toks: readonly Token[], endCol: number): Operand[] {
  const out: Operand[] = [];
  if (toks.length === 0) return out;
  let depth = 0;
  let cur: Token[] = [];
  let curCol = toks[0]!.col;
  for (const t of toks) {
    if (t.kind === 'punct') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ',' && depth === 0) {
        if (cur.length === 0) throw new ExprError('missing operand', t.col);
        out.push({ toks: cur, col: curCol });
        cur = [];
        curCol = t.col + 1;
        continue;
      }
    }
    if (cur.length === 0) curCol = t.col;
    cur.push(t);
  }
  if (depth > 0) throw new ExprError("missing ')'", endCol);
  if (depth < 0) throw new ExprError("unbalanced ')'", endCol);
  if (cur.length === 0) throw new ExprError('missing operand after comma', endCol);
  out.push({ toks: cur, col: curCol });
  return out;
}

const CP1_CTL_BY_NAME: ReadonlyMap<string, number> = new Map([...CP1_CTL_NAMES].map(([n, s]) => [s, n]));

/**
 * objdump prints GPRs without `$` (`addu v0,a0,zero`). So that its output reassembles, a bare
 * ABI name is accepted where only a register can stand (an extension: GNU as requires `$`).
 */
const BARE_GPR: ReadonlyMap<string, number> = new Map([...GPR_BY_NAME].filter(([n]) => !/^[0-9]/.test(n)));

/** A GPR from a `$name`/`$n` token (or a bare ABI name), or undefined. */
export function gprOf(t: Token | undefined): number | undefined {
  if (!t) return undefined;
  if (t.kind === 'reg') return GPR_BY_NAME.get(t.text);
  if (t.kind === 'ident') return BARE_GPR.get(t.text);
  return undefined;
}

export function parseGpr(op: Operand): number {
  const t = op.toks[0]!;
  if (t.kind === 'ident' && op.toks.length === 1 && BARE_GPR.has(t.text)) return BARE_GPR.get(t.text)!;
  if (t.kind !== 'reg') throw new ExprError(`expected a register, found '${t.text}'`, t.col);
  const r = GPR_BY_NAME.get(t.text);
  if (r === undefined) throw new ExprError(`invalid register '$${t.text}'`, t.col);
  if (op.toks.length > 1) throw new ExprError(`junk after register: '${op.toks[1]!.text}'`, op.toks[1]!.col);
  return r;
}

/**
 * A coprocessor register number: `$n`, `$fn` (cop1), or a name objdump prints (`c0_sr`,
 * `$c0_sr`, `c1_fcsr`), so disassembler output reassembles. GNU also accepts ABI names here,
 * meaning their numbers.
 */
export function parseCpReg(op: Operand, ctl: boolean): number {
  const t = op.toks[0]!;
  if (op.toks.length > 1) throw new ExprError(`junk after register: '${op.toks[1]!.text}'`, op.toks[1]!.col);
  const name = t.text;
  if (t.kind === 'reg' || t.kind === 'ident') {
    const byName = CP0_BY_NAME.get(name) ?? (ctl ? CP1_CTL_BY_NAME.get(name) : undefined);
    if (byName !== undefined) return byName;
    if (t.kind === 'reg') {
      if (/^f([0-9]|[12][0-9]|3[01])$/.test(name)) return Number(name.slice(1));
      const g = GPR_BY_NAME.get(name);
      if (g !== undefined) return g;
    }
  }
  if (t.kind === 'num' && t.value < 32) return t.value;
  throw new ExprError(`invalid coprocessor register '${t.kind === 'reg' ? '$' : ''}${name}'`, t.col);
}

export interface MemOperand {
  base: number;
  /** The offset expression; null for `(base)`. */
  expr: Expr | null;
  /** Whether `(base)` was written. */
  hasBase: boolean;
  exprCol: number;
}

/** `expr(base)`, `(base)`, `expr`. */
export function parseMem(op: Operand): MemOperand {
  const toks = op.toks;
  const n = toks.length;
  if (
    n >= 3 &&
    toks[n - 1]!.kind === 'punct' &&
    toks[n - 1]!.text === ')' &&
    (toks[n - 2]!.kind === 'reg' || gprOf(toks[n - 2]) !== undefined) &&
    toks[n - 3]!.kind === 'punct' &&
    toks[n - 3]!.text === '('
  ) {
    const rt = toks[n - 2]!;
    const base = gprOf(rt);
    if (base === undefined) throw new ExprError(`invalid register '$${rt.text}'`, rt.col);
    const rest = toks.slice(0, n - 3);
    return { base, expr: rest.length ? parseWholeExpr(rest, toks[n - 3]!.col) : null, exprCol: op.col, hasBase: true };
  }
  for (const t of toks) if (t.kind === 'reg' && isRegisterName(t.text)) throw new ExprError(`invalid memory operand: register $${t.text} must be the base in parentheses`, t.col);
  return { base: 0, expr: parseWholeExpr(toks, op.col), exprCol: op.col, hasBase: false };
}

/** The whole operand as one expression. */
export function parseOpExpr(op: Operand): Expr {
  return parseWholeExpr(op.toks, op.col);
}

/** A `$` register operand (branch targets and the like: a bare `a1` there is a label). */
export const isRegOperand = (op: Operand): boolean => op.toks.length === 1 && op.toks[0]!.kind === 'reg' && isRegisterName(op.toks[0]!.text);

/**
 * Where a register or an expression may stand (`addu $t0,$t1,X`, `blt $t0,X,L`): `$` registers,
 * and bare ABI names that are not symbols of this file (objdump spelling).
 */
export const isRegLike = (op: Operand, isSymbol: (name: string) => boolean): boolean =>
  isRegOperand(op) || (op.toks.length === 1 && op.toks[0]!.kind === 'ident' && BARE_GPR.has(op.toks[0]!.text) && !isSymbol(op.toks[0]!.text));
