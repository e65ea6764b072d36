/**
 * Text helpers for the debugger's panes: hex numbers, ANSI styles and fitting a line to a width.
 * Panes are built as plain strings with SGR escapes (one Ink <Text> per pane, debugger.md §3.4:
 * Ink's cost is per element and per line, so a pane is one element of pre-formatted lines).
 */

export const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
export const hex0x8 = (n: number): string => `0x${hex8(n)}`;

const sgr = (code: string) => (s: string): string => `\x1b[${code}m${s}\x1b[0m`;
export const bold = sgr('1');
export const dim = sgr('2');
export const inverse = sgr('7');
export const red = sgr('31');
export const green = sgr('32');
export const yellow = sgr('33');
export const blue = sgr('34');
export const magenta = sgr('35');
export const cyan = sgr('36');

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, '');
export const visibleLength = (s: string): number => [...stripAnsi(s)].length;

/**
 * The line cut or padded to exactly `width` visible columns (escapes kept; a cut line ends with a
 * reset so a style never leaks into the next pane). Tabs must have been expanded before.
 */
export function fit(line: string, width: number): string {
  if (width <= 0) return '';
  let out = '';
  let n = 0;
  let styled = false;
  for (let i = 0; i < line.length; ) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
      if (m !== null) {
        out += m[0];
        styled = m[0] !== '\x1b[0m';
        i += m[0].length;
        continue;
      }
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (n === width) {
      return styled ? out + '\x1b[0m' : out;
    }
    out += ch;
    n++;
    i += ch.length;
  }
  return out + ' '.repeat(width - n);
}

/** Exactly `height` lines of exactly `width` columns (missing lines blank). */
export function fitBlock(lines: readonly string[], width: number, height: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(fit(lines[i] ?? '', width));
  return out;
}

/** Expands tabs (the disassembler separates mnemonic and operands with one). */
export function expandTabs(s: string, stop = 8): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\t') out += ' '.repeat(stop - (out.length % stop));
    else out += ch;
  }
  return out;
}

/** A byte as an ASCII column character. */
export const asciiOf = (b: number | null): string => (b === null ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** A number formatted in thousands (status bar). */
export const grouped = (n: number): string => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
