/**
 * The `:` command line: gdb-like commands parsed into data (the controller executes them), and the
 * expressions they take (`main+8`, `$sp`, `0x80001000`, `*($sp+4)`). Parse errors are thrown as
 * CommandError with a one-line message the command line shows; nothing here touches the machine.
 */
import { EXC_NAMES } from '../emulator/exceptions.js';
import type { WatchKind } from '../emulator/debug/types.js';

export class CommandError extends Error {}

export type Command =
  | { readonly kind: 'break'; readonly loc: string }
  | { readonly kind: 'delete'; readonly ids: readonly number[] }
  | { readonly kind: 'watch'; readonly watch: WatchKind; readonly physical: boolean; readonly addr: string; readonly len: number }
  | { readonly kind: 'catch'; readonly code: number; readonly env?: string }
  | { readonly kind: 'examine'; readonly count: number; readonly format: 'x' | 'd' | 'u' | 'c' | 'i'; readonly unit: 1 | 2 | 4; readonly physical: boolean; readonly addr: string }
  | { readonly kind: 'info'; readonly what: 'tlb' | 'registers' | 'breakpoints' | 'envs' | 'exceptions' | 'cp0' }
  | { readonly kind: 'print'; readonly format: 'x' | 'd' | 'u' | 't' | 'c'; readonly expr: string }
  | { readonly kind: 'setReg'; readonly reg: string; readonly expr: string }
  | { readonly kind: 'setMem'; readonly addr: string; readonly expr: string }
  | { readonly kind: 'goto'; readonly n: number }
  | { readonly kind: 'until'; readonly loc: string }
  | { readonly kind: 'stepi'; readonly n: number }
  | { readonly kind: 'nexti'; readonly n: number }
  | { readonly kind: 'continue' }
  | { readonly kind: 'reverseStepi'; readonly n: number }
  | { readonly kind: 'reverseContinue' }
  | { readonly kind: 'memory'; readonly physical: boolean; readonly addr: string }
  | { readonly kind: 'tlbFilter'; readonly filter: 'all' | 'valid' | 'current' | number }
  | { readonly kind: 'input'; readonly text: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' };

/** The command list `:help` shows. */
export const COMMAND_HELP: readonly string[] = [
  'break LOC            breakpoint at an address or symbol (b main, b 0x80000080, b *$ra)',
  'delete [N...]        delete stop points by number (all without N)',
  'watch [-r|-a] [-p] ADDR [LEN]   watchpoint: write (default), -r read, -a access; -p physical',
  'catch CODE [ENV]     stop when exception CODE (TLBL, Sys, 2, ...) is taken, optionally only in env ENV',
  'x/NFU ADDR           examine memory: N units, F x|d|u|c|i, U b|h|w (x/16wx $sp, x/8i $pc); -p physical',
  'info tlb|registers|breakpoints|envs|exceptions|cp0',
  'p[/x|d|u|t|c] EXPR   print an expression ($t0, main+8, *($sp+4))',
  'set $REG = EXPR      write a register;  set *ADDR = EXPR  write a word',
  'stepi [N]  nexti [N]  continue  until LOC  goto N (instruction count)',
  'reverse-stepi [N]  reverse-continue   (rsi, rc)',
  'mem [-p] ADDR        show memory at ADDR in the memory pane (-p physical)',
  'tlb all|valid|current|ASID   filter the TLB pane',
  'input TEXT           send TEXT to the guest console (\\n for a newline)',
  'help  quit',
];

function count(arg: string | undefined, dflt: number, what: string): number {
  if (arg === undefined || arg === '') return dflt;
  if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(arg)) throw new CommandError(`${what}: not a count: ${arg}`);
  const n = Number(arg);
  if (!Number.isSafeInteger(n)) throw new CommandError(`${what}: too large: ${arg}`);
  return n;
}

/** An exception code by name (TLBL, sys, Syscall) or number. */
export function parseExcCode(text: string): number {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) {
    const n = Number(t);
    if (n > 31) throw new CommandError(`exception code ${n} out of range (0..31)`);
    return n;
  }
  const aliases: Record<string, string> = { syscall: 'sys', break: 'bp', breakpoint: 'bp', interrupt: 'int', overflow: 'ov' };
  const name = aliases[t.toLowerCase()] ?? t.toLowerCase();
  const i = EXC_NAMES.findIndex((n) => n.toLowerCase() === name);
  if (i < 0) throw new CommandError(`unknown exception code '${t}' (${EXC_NAMES.join(' ')})`);
  return i;
}

export function parseCommand(line: string): Command | null {
  const text = line.trim();
  if (text === '') return null;
  const m = /^([a-zA-Z-]+)(\/[0-9a-zA-Z]*)?\s*(.*)$/.exec(text);
  if (m === null) throw new CommandError(`not a command: ${text}`);
  const verb = m[1]!.toLowerCase();
  const slash = m[2]?.slice(1) ?? '';
  const rest = m[3]!.trim();
  const args = rest === '' ? [] : rest.split(/\s+/);
  const needArg = (what: string): string => {
    if (rest === '') throw new CommandError(`${verb}: ${what} expected`);
    return rest;
  };
  switch (verb) {
    case 'b': case 'br': case 'break':
      return { kind: 'break', loc: needArg('an address or symbol').replace(/^\*/, '') };
    case 'd': case 'delete':
      return { kind: 'delete', ids: args.map((a) => count(a, 0, 'delete')) };
    case 'watch': case 'rwatch': case 'awatch': {
      let watch: WatchKind = verb === 'rwatch' ? 'read' : verb === 'awatch' ? 'access' : 'write';
      let physical = false;
      const rest2: string[] = [];
      for (const a of args) {
        if (a === '-r') watch = 'read';
        else if (a === '-a') watch = 'access';
        else if (a === '-w') watch = 'write';
        else if (a === '-p') physical = true;
        else rest2.push(a);
      }
      if (rest2.length === 0) throw new CommandError('watch: an address expected');
      if (rest2.length > 2) throw new CommandError('watch: ADDR [LEN] expected');
      const len = count(rest2[1], 4, 'watch');
      if (len < 1 || len > 4096) throw new CommandError('watch: LEN must be 1..4096');
      return { kind: 'watch', watch, physical, addr: rest2[0]!, len };
    }
    case 'catch': {
      const a = args[0] === 'exc' || args[0] === 'exception' ? args.slice(1) : args;
      if (a.length === 0 || a.length > 2) throw new CommandError('catch: CODE [ENV] expected');
      return { kind: 'catch', code: parseExcCode(a[0]!), ...(a[1] !== undefined ? { env: a[1] } : {}) };
    }
    case 'x': {
      const f = /^([0-9]*)([a-z]*)$/i.exec(slash);
      if (f === null) throw new CommandError(`x: bad format /${slash}`);
      let format: 'x' | 'd' | 'u' | 'c' | 'i' = 'x';
      let unit: 1 | 2 | 4 = 4;
      for (const c of f[2]!.toLowerCase()) {
        if (c === 'b') unit = 1;
        else if (c === 'h') unit = 2;
        else if (c === 'w') unit = 4;
        else if (c === 'x' || c === 'd' || c === 'u' || c === 'c' || c === 'i') format = c;
        else throw new CommandError(`x: unknown format letter '${c}' (x d u c i, sizes b h w)`);
      }
      if (format === 'c' && !/[hw]/i.test(f[2]!)) unit = 1;
      const n = count(f[1], 1, 'x');
      if (n < 1 || n > 4096) throw new CommandError('x: count must be 1..4096');
      const physical = args[0] === '-p';
      const addr = (physical ? args.slice(1) : args).join(' ');
      if (addr === '') throw new CommandError('x: an address expected');
      return { kind: 'examine', count: n, format, unit: format === 'i' ? 4 : unit, physical, addr };
    }
    case 'i': case 'info': {
      const w = (args[0] ?? '').toLowerCase();
      const table: Record<string, 'tlb' | 'registers' | 'breakpoints' | 'envs' | 'exceptions' | 'cp0'> = {
        tlb: 'tlb', r: 'registers', reg: 'registers', registers: 'registers', b: 'breakpoints', break: 'breakpoints', breakpoints: 'breakpoints',
        watchpoints: 'breakpoints', envs: 'envs', env: 'envs', environments: 'envs', exceptions: 'exceptions', exc: 'exceptions', cp0: 'cp0',
      };
      const what = table[w];
      if (what === undefined) throw new CommandError(`info: tlb, registers, breakpoints, envs, exceptions or cp0 expected${w ? ` (not '${w}')` : ''}`);
      return { kind: 'info', what };
    }
    case 'p': case 'print': {
      const fmt = slash === '' ? 'x' : slash;
      if (fmt !== 'x' && fmt !== 'd' && fmt !== 'u' && fmt !== 't' && fmt !== 'c') throw new CommandError(`print: unknown format /${slash} (x d u t c)`);
      return { kind: 'print', format: fmt, expr: needArg('an expression') };
    }
    case 'set': {
      const s = /^(?:var\s+)?(\$[a-z0-9]+|\*.+?)\s*=\s*(.+)$/i.exec(rest);
      if (s === null) throw new CommandError('set: $REG = EXPR or *ADDR = EXPR expected');
      if (s[1]!.startsWith('$')) return { kind: 'setReg', reg: s[1]!.slice(1), expr: s[2]! };
      return { kind: 'setMem', addr: s[1]!.slice(1), expr: s[2]! };
    }
    case 'goto':
      return { kind: 'goto', n: count(needArg('an instruction count'), 0, 'goto') };
    case 'u': case 'until': case 'advance':
      return { kind: 'until', loc: needArg('an address or symbol').replace(/^\*/, '') };
    case 'si': case 'stepi': case 's': case 'step':
      return { kind: 'stepi', n: count(args[0], 1, verb) };
    case 'ni': case 'nexti': case 'n': case 'next':
      return { kind: 'nexti', n: count(args[0], 1, verb) };
    case 'c': case 'cont': case 'continue':
      return { kind: 'continue' };
    case 'rsi': case 'reverse-stepi': case 'reverse-step':
      return { kind: 'reverseStepi', n: count(args[0], 1, verb) };
    case 'rc': case 'reverse-continue':
      return { kind: 'reverseContinue' };
    case 'mem': case 'memory': {
      const physical = args[0] === '-p';
      const addr = (physical ? args.slice(1) : args).join(' ');
      if (addr === '') throw new CommandError('mem: an address expected');
      return { kind: 'memory', physical, addr };
    }
    case 'tlb': {
      const a = (args[0] ?? 'all').toLowerCase();
      if (a === 'all' || a === 'valid' || a === 'current') return { kind: 'tlbFilter', filter: a };
      const n = count(a.replace(/^asid=?/, ''), 0, 'tlb');
      if (n > 63) throw new CommandError('tlb: an ASID is 0..63');
      return { kind: 'tlbFilter', filter: n };
    }
    case 'input':
      return { kind: 'input', text: rest.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\') };
    case 'h': case 'help':
      return { kind: 'help' };
    case 'q': case 'quit':
      return { kind: 'quit' };
    default:
      throw new CommandError(`unknown command '${verb}' (:help lists them)`);
  }
}

// ---- expressions ----

export interface ExprContext {
  /** A register by name without `$` (t0, sp, pc, hi, lo, sr, cause, epc, badvaddr, r8, 8). */
  reg(name: string): number | undefined;
  sym(name: string): number | undefined;
  /** A word read through the debug path; null when it does not translate. */
  read32(addr: number): number | null;
}

/** Evaluates `+`/`-` sums of numbers, `$registers`, symbols, `*deref` and parentheses (32-bit). */
export function evalExpr(text: string, ctx: ExprContext): number {
  const toks = text.match(/0x[0-9a-f]+|[0-9]+|\$[a-z0-9_]+|[A-Za-z_.][A-Za-z0-9_.$]*|[-+*()]|\S/gi) ?? [];
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) throw new CommandError(`expression ended early: ${text}`);
    if (t === '(') {
      const v = sum();
      if (toks[i++] !== ')') throw new CommandError(`')' expected in ${text}`);
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '*') {
      const a = primary() >>> 0;
      const w = ctx.read32(a);
      if (w === null) throw new CommandError(`cannot read memory at 0x${a.toString(16)}`);
      return w;
    }
    if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
    if (/^[0-9]+$/.test(t)) return Number(t);
    if (t.startsWith('$')) {
      const v = ctx.reg(t.slice(1).toLowerCase());
      if (v === undefined) throw new CommandError(`unknown register ${t}`);
      return v;
    }
    if (/^[A-Za-z_.]/.test(t)) {
      const v = ctx.sym(t);
      if (v === undefined) throw new CommandError(`no symbol '${t}'`);
      return v;
    }
    throw new CommandError(`unexpected '${t}' in ${text}`);
  };
  const sum = (): number => {
    let v = primary();
    for (;;) {
      const op = peek();
      if (op !== '+' && op !== '-') return v;
      i++;
      const r = primary();
      v = op === '+' ? v + r : v - r;
    }
  };
  const v = sum();
  if (i !== toks.length) throw new CommandError(`unexpected '${toks[i]}' in ${text}`);
  return v >>> 0;
}
