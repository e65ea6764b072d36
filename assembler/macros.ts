/**
 * `.macro NAME ARGS` ... `.endm`: recorded as source lines; an invocation substitutes `\arg`
 * (with defaults `arg=value` and `arg:req`), `\@` (the expansion count) and `\()` (nothing),
 * then assembles the lines. Diagnostics inside an expansion point at the invocation's line.
 */
import type { Token } from './lexer.js';
import { ExprError } from './expr.js';
import type { Unit } from './unit.js';

export interface MacroParam {
  name: string;
  def?: string;
  req: boolean;
  vararg: boolean;
}

export interface MacroDef {
  name: string;
  params: MacroParam[];
  body: Array<{ text: string; line: number; file: string }>;
}

const DIRECTIVE_NAMES = /^\./;

export function startMacro(u: Unit, args: Token[], col: number, text: string, start: number): void {
  const nameTok = args[0];
  if (!nameTok || nameTok.kind !== 'ident') throw new ExprError('expected a macro name', nameTok?.col ?? start + text.length + 1);
  if (DIRECTIVE_NAMES.test(nameTok.text)) throw new ExprError(`bad macro name '${nameTok.text}'`, nameTok.col);
  // Parameters from the raw text (defaults may be any text).
  const after = text.slice(nameTok.col - start - 1 + nameTok.text.length).trim().replace(/^,/, '');
  const params: MacroParam[] = [];
  for (const raw of splitArgs(after)) {
    const m = /^([A-Za-z_.$][\w.$]*)\s*(?::\s*(req|vararg))?\s*(?:=\s*(.*))?$/.exec(raw.trim());
    if (!m) throw new ExprError(`bad macro parameter '${raw.trim()}'`, nameTok.col);
    if (params.some((p) => p.name === m[1])) throw new ExprError(`duplicate macro parameter '${m[1]}'`, nameTok.col);
    params.push({ name: m[1]!, def: m[3], req: m[2] === 'req', vararg: m[2] === 'vararg' });
  }
  u.recording = { def: { name: nameTok.text, params, body: [] }, depth: 0, line: u.loc.line, col, file: u.loc.file };
}

/** Splits macro arguments at top-level commas, or at blanks when there are no commas. */
export function splitArgs(s: string): string[] {
  const t = s.trim();
  if (t === '') return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let inStr = false;
  let sawComma = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (inStr) {
      cur += c;
      if (c === '\\') cur += t[++i] ?? '';
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      sawComma = true;
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  if (!sawComma && out.length === 1) {
    const words = out[0]!.split(/\s+/).filter((w) => w !== '');
    // `m a=1 b` style; keep a single word unchanged.
    if (words.length > 1 && !/[()+\-*/"']/.test(out[0]!)) return words;
  }
  return out;
}

/**
 * A macro argument written as one quoted string is passed without its quotes, as GNU as does
 * (gas macro.c `get_any_string` -> `getstring`): `m "a\nb"` with `.asciiz "\s"` in the body
 * assembles `.asciiz "a\nb"`. Escapes stay as written, to be read where the value is used.
 */
function unquoteArg(g: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(g);
  return m ? m[1]! : g;
}

/** Total expansions per file (a macro invoking itself twice would otherwise explode). */
const MAX_EXPANSIONS = 100_000;
const MAX_LINE = 100_000;

/** `.rept COUNT`: records the body up to `.endr`, then assembles it COUNT times. */
export function startRept(u: Unit, count: number, col: number): void {
  if (count < 0 || count > MAX_EXPANSIONS) throw new ExprError(`bad .rept count ${count}`, col);
  u.recording = { def: { name: '.rept', params: [], body: [] }, depth: 0, line: u.loc.line, col, file: u.loc.file, rept: count };
}

export function repeatBody(u: Unit, def: MacroDef, count: number): void {
  u.macroDepth++;
  try {
    for (let i = 0; i < count && u.macroCounter < MAX_EXPANSIONS; i++) {
      u.macroCounter++;
      for (const line of def.body) u.line(line.text);
    }
  } finally {
    u.macroDepth--;
  }
}

export function expandMacro(u: Unit, def: MacroDef, argText: string, col: number): void {
  if (u.macroCounter >= MAX_EXPANSIONS) {
    if (u.macroCounter++ === MAX_EXPANSIONS) u.error(col, `too many macro expansions (more than ${MAX_EXPANSIONS})`);
    return;
  }
  const given = splitArgs(argText);
  const values = new Map<string, string>();
  let pos = 0;
  for (let i = 0; i < given.length; i++) {
    const g = given[i]!;
    const kw = /^([A-Za-z_.$][\w.$]*)\s*=(.*)$/.exec(g);
    if (kw && def.params.some((p) => p.name === kw[1])) {
      values.set(kw[1]!, unquoteArg(kw[2]!.trim()));
      continue;
    }
    const p = def.params[pos];
    if (!p) {
      u.error(col, `too many arguments for macro '${def.name}'`);
      return;
    }
    if (p.vararg) {
      values.set(p.name, given.slice(i).join(', '));
      pos = def.params.length;
      break;
    }
    if (g !== '') values.set(p.name, unquoteArg(g));
    pos++;
  }
  for (const p of def.params) {
    if (!values.has(p.name)) {
      if (p.req) {
        u.error(col, `missing value for required parameter '${p.name}' of macro '${def.name}'`);
        return;
      }
      values.set(p.name, unquoteArg(p.def ?? ''));
    }
  }
  const count = String(u.macroCounter++);
  const names = def.params.map((p) => p.name).sort((a, b) => b.length - a.length);
  u.macroDepth++;
  try {
    for (const line of def.body) {
      const text = substitute(line.text, names, values, count);
      if (text.length > MAX_LINE) {
        u.error(col, `macro '${def.name}' expands to a line longer than ${MAX_LINE} characters`);
        u.macroCounter = MAX_EXPANSIONS + 1;
        break;
      }
      if (/^\s*\.exitm\b/i.test(text)) break;
      u.line(text);
      if (u.recording && u.recording.def.name === def.name) break;
    }
  } finally {
    u.macroDepth--;
  }
}

function substitute(text: string, names: string[], values: Map<string, string>, count: string): string {
  if (text.indexOf('\\') < 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const rest = text.slice(i + 1);
    if (rest.startsWith('@')) {
      out += count;
      i += 1;
      continue;
    }
    if (rest.startsWith('()')) {
      i += 2;
      continue;
    }
    const n = names.find((nm) => rest.startsWith(nm) && !/[\w$]/.test(rest[nm.length] ?? ''));
    if (n !== undefined) {
      out += values.get(n) ?? '';
      i += n.length;
      continue;
    }
    out += c;
  }
  return out;
}
