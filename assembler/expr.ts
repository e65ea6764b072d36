/**
 * Expressions: parsing to a small tree and evaluating with a symbol resolver.
 *
 * Operator precedence is GNU as's (gas/expr.c, documented in the gas manual "Infix Operators"),
 * which differs from C: `* / % << >>` bind tightest, then `| & ^ !`, then `+ - == != < > <= >=`,
 * then `&& ||`. `%hi(x)` is the carry-adjusted upper half ((x + 0x8000) >> 16), `%lo(x)` the
 * low half as a signed 16-bit number.
 *
 * A value is absolute (`rel === null`), relative to a relocatable base (`rel` is a key, e.g. a
 * section of one file while that file is being assembled), or deferred (`rel === DEFER`: it
 * names a symbol not known yet, so it is evaluated again at link time when every symbol is).
 */
import type { Token } from './lexer.js';
import { GPR_BY_NAME } from '../emulator/regnames.js';

/** Names after `$` that are registers (so not gcc's `$L` labels). */
export const isRegisterName = (n: string): boolean => GPR_BY_NAME.has(n) || /^(f[0-9]+|c[0-3]_\w+)$/.test(n);

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'sym'; name: string; col: number }
  | { k: 'un'; op: string; a: Expr; col: number }
  | { k: 'bin'; op: string; a: Expr; b: Expr; col: number }
  | { k: 'hi' | 'lo'; a: Expr; col: number };

export const DEFER = '?';

/** A symbol name for messages: numeric local labels are stored as `.L<n>\u0002<k>`. */
export function symDisplay(name: string): string {
  const i = name.indexOf('\u0002');
  return i < 0 ? name : `local label ${name.slice(2, i)}`;
}

export interface Value {
  v: number;
  rel: string | null;
}

export class ExprError {
  constructor(
    readonly message: string,
    readonly col: number,
  ) {}
}

/** Parses an expression from toks[pos...]; returns the tree and the index after it. */
export function parseExpr(toks: readonly Token[], pos: number, endCol: number): { e: Expr; pos: number } {
  const p = new Parser(toks, pos, endCol);
  const e = p.logical();
  return { e, pos: p.pos };
}

/** Parses all of toks as one expression (error if something is left over). */
export function parseWholeExpr(toks: readonly Token[], endCol: number): Expr {
  if (toks.length === 0) throw new ExprError('missing expression', endCol);
  const { e, pos } = parseExpr(toks, 0, endCol);
  const t = toks[pos];
  if (t) throw new ExprError(`junk at end of expression: '${t.kind === 'reg' ? '$' : ''}${t.text}'`, t.col);
  return e;
}

/**
 * Operators (and parentheses) allowed in one expression. Parsing and evaluation recurse once per
 * operator, so without a bound a long chain (`1+1+...`) or deep nesting overflows the host stack.
 */
const MAX_OPERATORS = 1000;

const LEVELS: readonly (readonly string[])[] = [
  ['&&', '||'],
  ['+', '-', '==', '!=', '<', '>', '<=', '>='],
  ['|', '&', '^', '!'],
  ['*', '/', '%', '<<', '>>'],
];

class Parser {
  constructor(
    readonly toks: readonly Token[],
    public pos: number,
    readonly endCol: number,
  ) {}

  private operators = 0;

  /** Counts one operator or parenthesis at column col; too many is an error, not a host crash. */
  private count(col: number): void {
    if (++this.operators > MAX_OPERATORS) throw new ExprError(`expression too complex (more than ${MAX_OPERATORS} operators)`, col);
  }

  peekOp(): string | undefined {
    const t = this.toks[this.pos];
    return t && t.kind === 'punct' ? t.text : undefined;
  }

  logical(): Expr {
    return this.level(0);
  }

  level(n: number): Expr {
    if (n >= LEVELS.length) return this.unary();
    let a = this.level(n + 1);
    for (;;) {
      const op = this.peekOp();
      if (op === undefined || !LEVELS[n]!.includes(op)) return a;
      // `%hi(`/`%lo(` after an operand is still the modulo operator followed by a name.
      const col = this.toks[this.pos]!.col;
      this.count(col);
      this.pos++;
      const b = this.level(n + 1);
      a = { k: 'bin', op, a, b, col };
    }
  }

  unary(): Expr {
    const t = this.toks[this.pos];
    if (!t) throw new ExprError('missing operand', this.endCol);
    if (t.kind === 'punct') {
      if (t.text === '-' || t.text === '~' || t.text === '!' || t.text === '+') {
        this.count(t.col);
        this.pos++;
        const a = this.unary();
        return t.text === '+' ? a : { k: 'un', op: t.text, a, col: t.col };
      }
      if (t.text === '(') {
        this.count(t.col);
        this.pos++;
        const e = this.logical();
        this.expect(')');
        return e;
      }
      if (t.text === '%') {
        const f = this.toks[this.pos + 1];
        if (f && f.kind === 'ident' && (f.text === 'hi' || f.text === 'lo')) {
          this.pos += 2;
          this.expect('(');
          const a = this.logical();
          this.expect(')');
          return { k: f.text, a, col: t.col };
        }
        if (f && f.kind === 'ident') throw new ExprError(`unsupported relocation operator %${f.text}`, t.col);
      }
      throw new ExprError(`bad expression: unexpected '${t.text}'`, t.col);
    }
    this.pos++;
    switch (t.kind) {
      case 'num':
        return { k: 'num', v: t.value };
      case 'ident':
        return { k: 'sym', name: t.text, col: t.col };
      case 'local':
        // Resolved by the caller's name mapping; keep the spelling with its direction.
        return { k: 'sym', name: `${t.value}${t.dir}`, col: t.col };
      case 'reg':
        // `$L12`, `$LC0`: gcc's local labels; a real register name is an error here.
        if (isRegisterName(t.text)) throw new ExprError(`register $${t.text} where an expression was expected`, t.col);
        return { k: 'sym', name: `$${t.text}`, col: t.col };
      case 'str':
        throw new ExprError('string where an expression was expected', t.col);
      default:
        throw new ExprError('bad expression', t.col);
    }
  }

  expect(text: string): void {
    const t = this.toks[this.pos];
    if (!t || t.kind !== 'punct' || t.text !== text) {
      throw new ExprError(`missing '${text}'`, t ? t.col : this.endCol);
    }
    this.pos++;
  }
}

/** Resolves a symbol name to a value; undefined means "not known (yet)". */
export type Resolver = (name: string, col: number) => Value | undefined;

const abs = (v: number): Value => ({ v: v | 0, rel: null });

export const hi16 = (x: number): number => ((x + 0x8000) >>> 16) & 0xffff;
export const lo16 = (x: number): number => (x << 16) >> 16;

/**
 * Evaluates e. Unknown symbols make the result deferred (`rel === DEFER`) when `strict` is false,
 * and an "undefined symbol" error when it is true (link time).
 */
export function evalExpr(e: Expr, resolve: Resolver, strict: boolean): Value {
  switch (e.k) {
    case 'num':
      return abs(e.v);
    case 'sym': {
      const v = resolve(e.name, e.col);
      if (v) return v;
      if (strict) throw new ExprError(`undefined symbol '${symDisplay(e.name)}'`, e.col);
      return { v: 0, rel: DEFER };
    }
    case 'hi':
    case 'lo': {
      const a = evalExpr(e.a, resolve, strict);
      if (a.rel !== null) return { v: 0, rel: DEFER };
      return abs(e.k === 'hi' ? hi16(a.v) : lo16(a.v));
    }
    case 'un': {
      const a = evalExpr(e.a, resolve, strict);
      if (a.rel === DEFER) return a;
      if (a.rel !== null) throw new ExprError(`invalid use of a relocatable symbol with '${e.op}'`, e.col);
      return abs(e.op === '-' ? -a.v : e.op === '~' ? ~a.v : a.v === 0 ? 1 : 0);
    }
    case 'bin': {
      const a = evalExpr(e.a, resolve, strict);
      const b = evalExpr(e.b, resolve, strict);
      if (a.rel === DEFER || b.rel === DEFER) return { v: 0, rel: DEFER };
      if (e.op === '+') {
        if (a.rel !== null && b.rel !== null) throw new ExprError('cannot add two relocatable symbols', e.col);
        return { v: (a.v + b.v) | 0, rel: a.rel ?? b.rel };
      }
      if (e.op === '-') {
        if (b.rel !== null) {
          if (a.rel === b.rel) return abs(a.v - b.v);
          throw new ExprError('cannot subtract symbols in different sections', e.col);
        }
        return { v: (a.v - b.v) | 0, rel: a.rel };
      }
      if (a.rel !== null || b.rel !== null) {
        throw new ExprError(`invalid use of a relocatable symbol with '${e.op}'`, e.col);
      }
      return abs(binop(e.op, a.v, b.v, e.col));
    }
  }
}

function binop(op: string, x: number, y: number, col: number): number {
  switch (op) {
    case '*':
      return Math.imul(x, y);
    case '/':
    case '%': {
      if (y === 0) throw new ExprError('division by zero', col);
      // gas evaluates in the host's signed arithmetic (offsetT).
      return op === '/' ? Math.trunc(x / y) : x % y;
    }
    case '<<':
      return y >= 32 || y < 0 ? 0 : x << y;
    case '>>':
      // gas shifts its 64-bit valueT logically; on our 32-bit values that is a logical shift
      // (gas rejects a negative value shifted right as "larger than 32 bits"; we do not).
      return y >= 32 || y < 0 ? 0 : x >>> y;
    case '|':
      return x | y;
    case '&':
      return x & y;
    case '^':
      return x ^ y;
    case '!':
      return x | ~y; // gas: "or not"
    case '==':
      return x === y ? -1 : 0;
    case '!=':
      return x !== y ? -1 : 0;
    case '<':
      return x < y ? -1 : 0;
    case '>':
      return x > y ? -1 : 0;
    case '<=':
      return x <= y ? -1 : 0;
    case '>=':
      return x >= y ? -1 : 0;
    case '&&':
      return x !== 0 && y !== 0 ? 1 : 0;
    case '||':
      return x !== 0 || y !== 0 ? 1 : 0;
    default:
      throw new ExprError(`unknown operator '${op}'`, col);
  }
}

/** Whether e's top is %hi/%lo (such operands may fill a 16-bit field whatever their sign). */
export const isHalfOp = (e: Expr): boolean => e.k === 'hi' || e.k === 'lo';

/** Renames symbols in e (numeric local labels are renamed when their statement is parsed). */
export function mapSyms(e: Expr, f: (name: string, col: number) => string): Expr {
  switch (e.k) {
    case 'num':
      return e;
    case 'sym':
      return { ...e, name: f(e.name, e.col) };
    case 'un':
    case 'hi':
    case 'lo':
      return { ...e, a: mapSyms(e.a, f) };
    case 'bin':
      return { ...e, a: mapSyms(e.a, f), b: mapSyms(e.b, f) };
  }
}
