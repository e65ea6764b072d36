/**
 * The numbers the kernel, the library OS and the TypeScript side share, read from the `.equ NAME,
 * VALUE` lines of firmware/layout.inc (the single source of truth; docs/exokernel.md). No other
 * TypeScript file holds a copy of them: use `L('NAME')`, or `layout()` for the whole record.
 *
 * A value is a number as GNU as writes it (decimal, 0x hex, 0b binary, 0 octal, optionally
 * negative), or a sum/difference of numbers and names defined on earlier lines. Anything else is a
 * firmware bug and throws an internal error naming the line. The file is read once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firmwareDir } from './build.js';

export type Layout = Readonly<Record<string, number>>;

let cached: Layout | null = null;

/** Every `.equ` of firmware/layout.inc, name -> value (read on first use). */
export function layout(): Layout {
  if (cached === null) {
    const path = join(firmwareDir(), 'layout.inc');
    cached = parseLayout(readFileSync(path, 'utf8'), path);
  }
  return cached;
}

/** The value of layout.inc's `.equ NAME`; an unknown name is an internal error (a bug). */
export function L(name: string): number {
  const v = layout()[name];
  if (v === undefined) throw new Error(`internal: firmware/layout.inc has no .equ ${name}`);
  return v;
}

/** The value of `.equ NAME`, or undefined when layout.inc does not define it (optional checks). */
export function Lopt(name: string): number | undefined {
  return layout()[name];
}

/** Parses `.equ NAME, VALUE` lines (comments start with `#`); exported for tests. */
export function parseLayout(text: string, fileName = 'layout.inc'): Layout {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*/, '').trim();
    if (!/^\.(equ|set)\s/.test(line)) continue;
    const m = /^\.(?:equ|set)\s+([A-Za-z_.$][\w.$]*)\s*,\s*(.+)$/.exec(line);
    if (m === null) throw new Error(`internal: ${fileName}:${i + 1}: cannot read '${line}' (expected .equ NAME, VALUE)`);
    const name = m[1]!;
    const value = evaluate(m[2]!.trim(), out);
    if (value === undefined) throw new Error(`internal: ${fileName}:${i + 1}: cannot evaluate '${m[2]!.trim()}' for ${name} (layout.ts reads numbers, earlier names, + and -)`);
    if (name in out && out[name] !== value) throw new Error(`internal: ${fileName}:${i + 1}: ${name} redefined with another value`);
    out[name] = value;
  }
  return Object.freeze(out);
}

function number(tok: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(tok)) return parseInt(tok.slice(2), 16);
  if (/^0b[01]+$/i.test(tok)) return parseInt(tok.slice(2), 2);
  if (/^0[0-7]+$/.test(tok)) return parseInt(tok.slice(1), 8);
  if (/^[0-9]+$/.test(tok)) return parseInt(tok, 10);
  return undefined;
}

/** `term (('+'|'-') term)*`, term = ['-'] (number | earlier name). */
function evaluate(expr: string, known: Record<string, number>): number | undefined {
  const tokens = expr.match(/0x[0-9a-f]+|0b[01]+|[A-Za-z_.$][\w.$]*|[0-9]+|[+-]|\S/gi);
  if (tokens === null) return undefined;
  let pos = 0;
  const term = (): number | undefined => {
    let sign = 1;
    while (tokens[pos] === '-' || tokens[pos] === '+') {
      if (tokens[pos] === '-') sign = -sign;
      pos++;
    }
    const tok = tokens[pos++];
    if (tok === undefined) return undefined;
    const v = number(tok) ?? known[tok];
    return v === undefined ? undefined : sign * v;
  };
  let acc = term();
  while (acc !== undefined && pos < tokens.length) {
    const op = tokens[pos++];
    const t = term();
    if (t === undefined || (op !== '+' && op !== '-')) return undefined;
    acc = op === '+' ? acc + t : acc - t;
  }
  return acc;
}
