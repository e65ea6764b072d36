/**
 * The lexer: one source line into tokens. Hand-written (no regular expressions per token) so a
 * 100,000-line program lexes in linear time.
 *
 * GNU as syntax for MIPS: `#` starts a comment (C `/* *\/` comments are removed before lines are
 * split, see `stripBlockComments`), `;` separates statements, registers are `$name`/`$n`, numbers
 * are C-style (0x, 0b, leading-0 octal) and `1f`/`1b` name numeric local labels.
 */

export type TokKind = 'ident' | 'num' | 'reg' | 'str' | 'punct' | 'local';

export interface Token {
  kind: TokKind;
  /** Identifier/register name (without `$`), punctuation text, or the decoded string. */
  text: string;
  /** Numeric value (`num`), or the label number (`local`). */
  value: number;
  /** For `local`: 'f' or 'b'. For `str`: unused. */
  dir?: 'f' | 'b';
  /** 1-based column in the source line. */
  col: number;
}

export class LexError {
  constructor(
    readonly message: string,
    readonly col: number,
  ) {}
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
const isIdChar = (c: number): boolean => isIdStart(c) || isDigit(c) || c === 36;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 12 || c === 11;

/** Replaces `/* ... *\/` comments by spaces (keeping newlines so line numbers stay right). */
export function stripBlockComments(text: string): string {
  if (text.indexOf('/*') < 0) return text;
  let out = '';
  let i = 0;
  let inStr = false;
  while (i < text.length) {
    const c = text[i]!;
    if (inStr) {
      out += c;
      if (c === '\\' && i + 1 < text.length) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '"' || c === '\n') inStr = false;
      i++;
      continue;
    }
    if (c === '"') {
      inStr = true;
      out += c;
      i++;
      continue;
    }
    if (c === '#') {
      // A line comment hides any `/*` after it.
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) out += text[k] === '\n' ? '\n' : ' ';
      i = stop;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function escapeAt(s: string, i: number): { ch: number; next: number } {
  // s[i] is the character after the backslash.
  const c = s[i];
  switch (c) {
    case 'n': return { ch: 10, next: i + 1 };
    case 't': return { ch: 9, next: i + 1 };
    case 'r': return { ch: 13, next: i + 1 };
    case 'b': return { ch: 8, next: i + 1 };
    case 'f': return { ch: 12, next: i + 1 };
    case 'v': return { ch: 11, next: i + 1 };
    case 'a': return { ch: 7, next: i + 1 };
    case 'e': return { ch: 27, next: i + 1 };
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      let v = 0;
      let k = i;
      while (k < s.length && k < i + 3 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 55) {
        v = v * 8 + (s.charCodeAt(k) - 48);
        k++;
      }
      return { ch: v & 0xff, next: k };
    }
    case 'x': case 'X': {
      let v = 0;
      let k = i + 1;
      while (k < s.length && /[0-9a-fA-F]/.test(s[k]!)) {
        v = (v * 16 + parseInt(s[k]!, 16)) & 0xff;
        k++;
      }
      return { ch: v, next: k };
    }
    case undefined: return { ch: 92, next: i };
    default: return { ch: s.charCodeAt(i), next: i + 1 };
  }
}

/**
 * Tokenizes `s` (one statement or a whole line without its comment). `base` is the column of s[0]
 * minus one. Stops at `#` (comment). Throws LexError for a malformed token.
 */
export function tokenize(s: string, base = 0): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const col = base + i + 1;
    if (c === 35) break; // '#'
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(s.charCodeAt(j))) j++;
      toks.push({ kind: 'ident', text: s.slice(i, j), value: 0, col });
      i = j;
      continue;
    }
    if (c === 36) {
      // '$' register (or `$` alone, an error the parser reports)
      let j = i + 1;
      while (j < n && isIdChar(s.charCodeAt(j))) j++;
      toks.push({ kind: 'reg', text: s.slice(i + 1, j), value: 0, col });
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i;
      let v = 0;
      if (c === 48 && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
        j = i + 2;
        const st = j;
        while (j < n && /[0-9a-fA-F]/.test(s[j]!)) j++;
        if (j === st) throw new LexError(`bad hexadecimal number`, col);
        v = parseBig(s.slice(st, j), 16);
      } else if (c === 48 && (s[i + 1] === 'b' || s[i + 1] === 'B') && (s[i + 2] === '0' || s[i + 2] === '1')) {
        j = i + 2;
        const st = j;
        while (j < n && (s[j] === '0' || s[j] === '1')) j++;
        v = parseBig(s.slice(st, j), 2);
      } else {
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        const digits = s.slice(i, j);
        // `1f` / `1b`: a numeric local label reference.
        const nx = s[j];
        if ((nx === 'f' || nx === 'b') && !(j + 1 < n && isIdChar(s.charCodeAt(j + 1)))) {
          toks.push({ kind: 'local', text: digits, value: parseInt(digits, 10), dir: nx, col });
          i = j + 1;
          continue;
        }
        if (digits.length > 1 && digits[0] === '0') {
          if (/[89]/.test(digits)) throw new LexError(`bad octal number ${digits}`, col);
          v = parseBig(digits.slice(1), 8);
        } else v = parseBig(digits, 10);
      }
      if (j < n && isIdChar(s.charCodeAt(j))) {
        let k = j;
        while (k < n && isIdChar(s.charCodeAt(k))) k++;
        throw new LexError(`bad number '${s.slice(i, k)}'`, col);
      }
      toks.push({ kind: 'num', text: s.slice(i, j), value: v, col });
      i = j;
      continue;
    }
    if (c === 39) {
      // character literal 'a or 'a'
      if (i + 1 >= n) throw new LexError('missing character after quote', col);
      let ch: number;
      let next: number;
      if (s[i + 1] === '\\') {
        const e = escapeAt(s, i + 2);
        ch = e.ch;
        next = e.next;
      } else {
        ch = s.charCodeAt(i + 1);
        next = i + 2;
      }
      if (s[next] === "'") next++;
      toks.push({ kind: 'num', text: s.slice(i, next), value: ch, col });
      i = next;
      continue;
    }
    if (c === 34) {
      // string
      let j = i + 1;
      let out = '';
      let closed = false;
      while (j < n) {
        const d = s[j]!;
        if (d === '"') {
          closed = true;
          j++;
          break;
        }
        if (d === '\\') {
          const e = escapeAt(s, j + 1);
          out += String.fromCharCode(e.ch);
          j = e.next;
          continue;
        }
        const cp = s.codePointAt(j)!;
        if (cp < 0x80) {
          out += d;
          j++;
        } else {
          // Source text is UTF-8 to GNU as: a non-ASCII character stores its UTF-8 bytes.
          const ch = String.fromCodePoint(cp);
          for (const b of Buffer.from(ch, 'utf8')) out += String.fromCharCode(b);
          j += ch.length;
        }
      }
      if (!closed) throw new LexError('missing closing quote', col);
      toks.push({ kind: 'str', text: out, value: 0, col });
      i = j;
      continue;
    }
    // punctuation, two-character operators first
    const two = s.slice(i, i + 2);
    if (two === '<<' || two === '>>' || two === '==' || two === '!=' || two === '&&' || two === '||' || two === '<=' || two === '>=') {
      toks.push({ kind: 'punct', text: two, value: 0, col });
      i += 2;
      continue;
    }
    const ch = s[i]!;
    if ('+-*/%&|^~!()<>,:=@'.includes(ch)) {
      toks.push({ kind: 'punct', text: ch, value: 0, col });
      i++;
      continue;
    }
    throw new LexError(`unexpected character '${ch}'`, col);
  }
  return toks;
}

/** Parses digits in `radix`, wrapping to 32 bits like GNU as does for 32-bit targets. */
function parseBig(digits: string, radix: number): number {
  let v = 0;
  for (let k = 0; k < digits.length; k++) {
    v = v * radix + parseInt(digits[k]!, radix);
    if (v > 0xffffffffff) v = v % 0x100000000;
  }
  return v > 0xffffffff ? v % 0x100000000 : v;
}

/**
 * Splits a line into statements at `;` outside strings and character literals, and cuts the `#`
 * comment. Returns [startIndex, text] pairs.
 */
export function splitStatements(line: string): Array<[number, string]> {
  // Fast path: no separators or quotes to respect.
  if (line.indexOf(';') < 0 && line.indexOf('"') < 0 && line.indexOf("'") < 0) {
    const hash = line.indexOf('#');
    return [[0, hash < 0 ? line : line.slice(0, hash)]];
  }
  const out: Array<[number, string]> = [];
  let start = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i];
    if (c === '"') {
      i++;
      while (i < n && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === "'") {
      i += line[i + 1] === '\\' ? 3 : 2;
      continue;
    }
    if (c === '#') break;
    if (c === ';') {
      out.push([start, line.slice(start, i)]);
      start = i + 1;
    }
    i++;
  }
  out.push([start, line.slice(start, Math.min(i, n))]);
  return out;
}
