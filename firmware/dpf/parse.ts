/**
 * The text syntax of DPF filters (docs/downloaded-code.md §1.1), for people and tests:
 *
 *   filter := 'true' | atom ('&&' atom)*
 *   atom   := field ('&' number)? op number
 *   field  := ('u8' | 'u16' | 'u32') '@' number          offset in bytes
 *   op     := '==' | '!=' | '<' | '<=' | '>' | '>='
 *   number := decimal | 0x hex
 *
 * e.g. `u16@12 == 0x0800 && u8@23 == 17 && u16@36&0xffff == 7`. Whitespace (newlines included)
 * separates tokens; `#` starts a comment to the end of the line. Errors are thrown as
 * FilterSyntaxError with the message `FILE:LINE:COL: error: ...`.
 */
import { atomProblem, DPF_MAX_ATOMS, type Atom, type FieldSize, type Filter, type Op } from './filter.js';

export class FilterSyntaxError extends Error {}

interface Tok {
  kind: 'field' | 'num' | 'op' | 'at' | 'amp' | 'and' | 'true' | 'eol' | 'end';
  text: string;
  value: number;
  line: number;
  col: number;
}

const OP_OF: Record<string, Op> = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

function lex(text: string, file: string, newlines: boolean): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const err = (l: number, c: number, msg: string): never => {
    throw new FilterSyntaxError(`${file}:${l}:${c}: error: ${msg}`);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      if (newlines) toks.push({ kind: 'eol', text: '\n', value: 0, line, col });
      i++;
      line++;
      col = 1;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      col++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = { line, col };
    const m = /^(?:u(?:8|16|32)\b|true\b|0[xX][0-9a-fA-F]+\b|[0-9]+\b|&&|&|@|==|!=|<=|>=|<|>)/.exec(text.slice(i, i + 40));
    if (m === null) {
      const word = /^[A-Za-z0-9_]+/.exec(text.slice(i));
      if (word !== null) err(line, col, `unexpected '${word[0]}' (expected u8, u16, u32, a number or an operator)`);
      err(line, col, `unexpected character '${ch}'`);
    }
    const t = m![0];
    let tok: Tok;
    if (t.startsWith('u')) tok = { kind: 'field', text: t, value: Number(t.slice(1)) / 8, ...start };
    else if (t === 'true') tok = { kind: 'true', text: t, value: 0, ...start };
    else if (/^[0-9]/.test(t)) {
      const v = Number(t);
      if (!Number.isSafeInteger(v) || v > 0xffffffff) err(line, col, `number ${t} does not fit in 32 bits`);
      tok = { kind: 'num', text: t, value: v, ...start };
    } else if (t === '&&') tok = { kind: 'and', text: t, value: 0, ...start };
    else if (t === '&') tok = { kind: 'amp', text: t, value: 0, ...start };
    else if (t === '@') tok = { kind: 'at', text: t, value: 0, ...start };
    else tok = { kind: 'op', text: t, value: 0, ...start };
    toks.push(tok);
    i += t.length;
    col += t.length;
  }
  toks.push({ kind: 'end', text: 'end of input', value: 0, line, col });
  return toks;
}

class Parser {
  private p = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly file: string,
  ) {}

  private peek(): Tok {
    return this.toks[this.p]!;
  }

  private next(): Tok {
    return this.toks[this.p++]!;
  }

  err(t: Tok, msg: string): never {
    throw new FilterSyntaxError(`${this.file}:${t.line}:${t.col}: error: ${msg}`);
  }

  private shown(t: Tok): string {
    return t.kind === 'end' ? 'end of input' : t.kind === 'eol' ? 'end of line' : `'${t.text}'`;
  }

  private expect(kind: Tok['kind'], what: string): Tok {
    const t = this.next();
    if (t.kind !== kind) this.err(t, `expected ${what}, found ${this.shown(t)}`);
    return t;
  }

  atEnd(): boolean {
    const k = this.peek().kind;
    return k === 'end' || k === 'eol';
  }

  skipEols(): void {
    while (this.peek().kind === 'eol') this.p++;
  }

  endOfInput(): boolean {
    return this.peek().kind === 'end';
  }

  filter(): Filter {
    const first = this.peek();
    if (first.kind === 'true') {
      this.next();
      if (!this.atEnd()) this.err(this.peek(), `expected end of filter after 'true', found ${this.shown(this.peek())}`);
      return [];
    }
    const atoms: Atom[] = [this.atom()];
    while (this.peek().kind === 'and') {
      this.next();
      const t = this.peek();
      if (atoms.length === DPF_MAX_ATOMS) this.err(t, `too many atoms (at most ${DPF_MAX_ATOMS} per filter)`);
      atoms.push(this.atom());
    }
    if (!this.atEnd()) this.err(this.peek(), `expected '&&' or end of filter, found ${this.shown(this.peek())}`);
    return atoms;
  }

  private atom(): Atom {
    const f = this.next();
    if (f.kind !== 'field') this.err(f, `expected a field (u8@N, u16@N or u32@N), found ${this.shown(f)}`);
    const size = f.value as FieldSize;
    this.expect('at', "'@' after the field size");
    const off = this.expect('num', 'the field offset');
    let mask = size === 4 ? 0xffffffff : size === 2 ? 0xffff : 0xff;
    let maskTok: Tok | undefined;
    if (this.peek().kind === 'amp') {
      this.next();
      maskTok = this.expect('num', 'a mask after &');
      mask = maskTok.value;
    }
    const opTok = this.next();
    if (opTok.kind !== 'op') this.err(opTok, `expected a comparison (==, !=, <, <=, >, >=), found ${this.shown(opTok)}`);
    const valTok = this.expect('num', 'a value after the comparison');
    const atom: Atom = { offset: off.value, size, mask, op: OP_OF[opTok.text]!, value: valTok.value };
    const problem = atomProblem(atom);
    if (problem !== undefined) {
      const where = problem.startsWith('offset') ? off : problem.startsWith('mask') ? maskTok ?? f : problem.startsWith('value') ? valTok : f;
      this.err(where, problem);
    }
    return atom;
  }
}

/** Parses one filter (it may span lines). */
export function parseFilter(text: string, file = '<filter>'): Filter {
  const p = new Parser(lex(text, file, false), file);
  if (p.endOfInput()) p.err({ kind: 'end', text: '', value: 0, line: 1, col: 1 }, 'empty filter (write `true` for a filter that accepts every frame)');
  return p.filter();
}

/** Parses one filter per non-blank line (comments allowed). */
export function parseFilterList(text: string, file = '<filters>'): Filter[] {
  const p = new Parser(lex(text, file, true), file);
  const out: Filter[] = [];
  for (;;) {
    p.skipEols();
    if (p.endOfInput()) return out;
    out.push(p.filter());
  }
}
