/**
 * Text panes: the exception log (one row per exception: instruction count, cycle, ExcCode name,
 * EPC, BD, BadVAddr, ASID and environment, the vector, and the user handler the kernel dispatches
 * it to), the guest console (the last lines the guest wrote), the breakpoint list and the output
 * of `:` commands.
 */
import type { ExceptionRecord } from '../../emulator/debug/types.js';
import { dim, fit, hex8, inverse } from '../format.js';
import type { Inspect } from '../inspect.js';
import type { SymbolTable } from '../symbols.js';
import { excName } from './cp0.js';
import type { KernelInfo } from './kernel.js';

export const EXCLOG_HEADER = '    insns      cycle code  EPC      BD BadVAddr ASID env      vector   handler';

export function exceptionRow(r: ExceptionRecord, info: KernelInfo | null, symbols: SymbolTable): string {
  const env = info?.byAsid.get(r.asid);
  const handler = env !== undefined && r.code < 16 ? env.handlers[r.code] ?? 0 : 0;
  const hname = handler !== 0 ? symbols.describe(handler, r.asid) : symbols.describe(r.vector, r.asid);
  return `${String(r.instructions).padStart(9)} ${String(r.cycle).padStart(10)} ${excName(r.code).padEnd(5)} ${hex8(r.epc)} ${r.bd ? 'BD' : '  '} ${hex8(r.badvaddr)} ${String(r.asid).padStart(4)} ${env ? hex8(env.id) : '   -    '} ${hex8(r.vector)} ${handler !== 0 ? hex8(handler) : 'kernel  '}${hname ? ` <${hname}>` : ''}`;
}

/** The log's lines, newest at the bottom; `scroll` counts rows up from the newest. */
export function exceptionLogLines(s: Inspect, info: KernelInfo | null, symbols: SymbolTable, width: number, rows: number, scroll: number): string[] {
  const log = s.exceptionLog();
  const body = log.map((r) => exceptionRow(r, info, symbols));
  const out = [inverse(fit(`${EXCLOG_HEADER}  [${log.length}]`, width))];
  const n = rows - 1;
  const end = Math.max(0, body.length - Math.max(0, scroll));
  const first = Math.max(0, end - n);
  // The bottom row is the selected one (Enter goes to it).
  body.slice(first, end).forEach((l, i) => out.push(first + i === end - 1 ? inverse(fit(l, width)) : fit(l, width)));
  while (out.length < rows) out.push(fit(out.length === 1 && body.length === 0 ? dim('(no exceptions yet)') : '', width));
  return out;
}

/** The console's text as lines (control characters other than newline and tab shown as `.`). */
export function consoleText(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1').replace(/\r\n/g, '\n');
  const lines = text.split('\n').map((l) =>
    l.replace(/\t/g, '    ').replace(/[\x00-\x1f\x7f-\x9f]/g, '.'),
  );
  return lines;
}

/**
 * The last lines of the console that fit; `scroll` moves up through older ones. What went to
 * standard error (kernel messages, Linux write(2, ...)) takes the bottom rows, under a rule.
 */
export function consoleLines(s: Inspect, width: number, rows: number, scroll: number): string[] {
  const err = s.errorOutput?.() ?? new Uint8Array(0);
  if (err.length > 0 && rows >= 6) {
    const errRows = Math.min(4, Math.floor(rows / 3));
    const errLines = wrapped(consoleText(err), width);
    const shown = errLines.slice(-errRows).map((l) => dim(fit(l, width)));
    while (shown.length < errRows) shown.push(fit('', width));
    return [...stdoutLines(s, width, rows - errRows - 1, scroll), dim(fit(`── stderr ${'─'.repeat(width)}`, width)), ...shown];
  }
  return stdoutLines(s, width, rows, scroll);
}

function wrapped(all: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const l of all) {
    if (l.length <= width) out.push(l);
    else for (let i = 0; i < l.length; i += width) out.push(l.slice(i, i + width));
  }
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function stdoutLines(s: Inspect, width: number, rows: number, scroll: number): string[] {
  const all = consoleText(s.consoleOutput());
  // Long lines wrap (the console is the guest's terminal).
  const wrapped: string[] = [];
  for (const l of all) {
    if (l.length <= width) wrapped.push(l);
    else for (let i = 0; i < l.length; i += width) wrapped.push(l.slice(i, i + width));
  }
  if (wrapped.length > 0 && wrapped[wrapped.length - 1] === '') wrapped.pop();
  const end = Math.max(0, wrapped.length - Math.max(0, scroll));
  const first = Math.max(0, end - rows);
  const out = wrapped.slice(first, end).map((l) => fit(l, width));
  if (out.length === 0) out.push(fit(dim('(the guest has written nothing yet)'), width));
  while (out.length < rows) out.push(fit('', width));
  return out;
}

export function breakpointListLines(s: Inspect, symbols: SymbolTable): string[] {
  const out: string[] = [];
  for (const b of s.breakpoints()) {
    const name = symbols.describe(b.addr, 0, true);
    out.push(`${String(b.id).padStart(3)}  break  ${b.enabled ? 'y' : 'n'}  ${hex8(b.addr)}${name ? ` <${name}>` : ''}${b.asid !== undefined ? ` asid ${b.asid}` : ''}  hits ${b.hits}`);
  }
  for (const w of s.watchpoints()) {
    out.push(`${String(w.id).padStart(3)}  watch  ${w.enabled ? 'y' : 'n'}  ${w.space === 'physical' ? 'pa ' : ''}${hex8(w.addr)} len ${w.len} ${w.kind}  hits ${w.hits}`);
  }
  for (const c of s.catchpoints()) {
    out.push(`${String(c.id).padStart(3)}  catch  ${c.enabled ? 'y' : 'n'}  ${excName(c.code)}${c.asid !== undefined ? ` asid ${c.asid}` : ''}  hits ${c.hits}`);
  }
  if (out.length === 0) out.push('No breakpoints, watchpoints or catchpoints.');
  return out;
}

/** Lines of a text block from `scroll`, fitted. */
export function textLines(lines: readonly string[], width: number, rows: number, scroll: number): string[] {
  const first = Math.max(0, Math.min(scroll, Math.max(0, lines.length - rows)));
  const out = lines.slice(first, first + rows).map((l) => fit(l, width));
  while (out.length < rows) out.push(fit('', width));
  return out;
}
