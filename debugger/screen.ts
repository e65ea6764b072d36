/**
 * The whole screen as lines of text: a pure function of the controller and the terminal size,
 * so the layout is testable without Ink and never exceeds the terminal (debugger.md §3.3-3.4:
 * one row fewer than the terminal, every line exactly the width, heavy panes only when paused).
 *
 * Layouts:
 * - small (below LARGE_COLS x LARGE_ROWS, down to 80x24): a tab line, the focused pane (the code
 *   pane is the disassembly with the registers beside it), the status bar and the command line;
 * - large: the disassembly, registers and CP0 on top; the chosen pane (memory by default) and the
 *   console below.
 */
import { PANES, PANE_TITLES, type DebugController, type PaneId } from './controller.js';
import { bold, dim, fit, grouped, hex8, inverse, red } from './format.js';
import { keyHelpLines } from './keys.js';
import { cp0Lines } from './views/cp0.js';
import { disasmLines, scrollTop } from './views/disasm.js';
import { envLines, softTranslate } from './views/kernel.js';
import { consoleLines, exceptionLogLines, textLines } from './views/logs.js';
import { bytesPerRow, memoryLines } from './views/memory.js';
import { registerLines } from './views/registers.js';
import { tlbLines } from './views/tlb.js';

export const LARGE_COLS = 130;
export const LARGE_ROWS = 36;
/** The narrowest screen the layout is designed for. */
export const MIN_COLS = 60;
export const MIN_ROWS = 12;

const HEAVY: ReadonlySet<PaneId> = new Set(['tlb', 'memory', 'envs', 'exceptions']);
const REGS_WIDTH = 28;

/** One pane's body: exactly `rows` lines of `width` columns. */
export function paneLines(c: DebugController, pane: PaneId, width: number, rows: number): string[] {
  if (rows <= 0 || width <= 0) return [];
  const s = c.session;
  if (c.state !== 'paused' && HEAVY.has(pane)) {
    return Array.from({ length: rows }, (_, i) => fit(i === 0 ? dim('(running: shown when paused)') : '', width));
  }
  switch (pane) {
    case 'code': {
      if (width < REGS_WIDTH + 30) return disasmPane(c, width, rows);
      const dw = width - REGS_WIDTH - 1;
      const left = disasmPane(c, dw, rows);
      const right = registerLines(s, REGS_WIDTH, rows, c.prevRegs);
      return left.map((l, i) => `${l}${dim('│')}${right[i]!}`);
    }
    case 'cp0': return cp0Lines(s, width, rows, c.symbols);
    case 'tlb': return tlbLines(s, width, rows, c.tlbFilter, c.scroll.tlb);
    case 'memory': {
      // sp, gp and the watchpoints of the view's space are marked on their rows.
      const marks: [number, string][] = c.memSpace === 'virtual' ? [[s.readRegister(29) >>> 0, 'sp'], [s.readRegister(28) >>> 0, 'gp']] : [];
      for (const w of s.watchpoints()) if (w.space === c.memSpace) marks.push([w.addr, `w${w.id}`]);
      const info = c.kernel();
      c.memRowBytes = bytesPerRow(width);
      // Following $sp: a row of context above it.
      if (c.memFollowsSp && c.memSpace === 'virtual') c.memAddr = (Math.max(0, (s.readRegister(29) >>> 0) - c.memRowBytes) & ~(c.memRowBytes - 1)) >>> 0;
      return memoryLines(s, width, rows, { addr: c.memAddr, space: c.memSpace }, marks, (va, asid) => softTranslate(s.machine, info, va, asid));
    }
    case 'console': return consoleLines(s, width, rows, c.scroll.console);
    case 'exceptions': return exceptionLogLines(s, c.kernel(), c.symbols, width, rows, c.scroll.exceptions);
    case 'envs': return envLines(c.kernel(), width, rows, c.scroll.envs);
    case 'output': return textLines(c.output, width, rows, c.scroll.output);
  }
}

export function disasmPane(c: DebugController, width: number, rows: number): string[] {
  const pc = c.pc();
  c.codeTop = scrollTop(c.codeTop, c.cursor, rows);
  const cpu = c.session.machine.cpu;
  // Paused in a delay slot (a breakpoint or watchpoint there): the branch's target is pending.
  const pending = cpu.bd !== 0 ? cpu.npc >>> 0 : undefined;
  const asid = c.asid();
  const fallback = (va: number): number | null => {
    const m = softTranslate(c.session.machine, c.kernel(), va, asid);
    return m === null ? null : m.paddr;
  };
  return disasmLines(c.session, { top: c.codeTop, rows, width, pc, cursor: c.cursor, symbols: c.symbols, fallback, ...(pending !== undefined ? { pendingTarget: pending } : {}) });
}

function title(c: DebugController, pane: PaneId, width: number, extra = ''): string {
  const n = PANES.indexOf(pane) + 1;
  const t = ` ${n} ${PANE_TITLES[pane]}${extra}`;
  return c.focus === pane ? inverse(fit(t, width)) : bold(fit(t, width));
}

function tabs(c: DebugController, width: number): string {
  const parts = PANES.map((p, i) => {
    const t = ` ${i + 1} ${PANE_TITLES[p]} `;
    return p === c.focus ? inverse(t) : t;
  });
  return fit(parts.join(''), width);
}

export function statusLine(c: DebugController, width: number): string {
  const m = c.session.machine;
  const st = m.stats();
  const cpi = st.instructions > 0 ? (st.cycles / st.instructions).toFixed(2) : '-';
  const sr = m.cpu.cop0[12]!;
  const mode = (sr & 2) !== 0 ? 'user' : 'kernel';
  const asid = c.asid();
  const env = c.state === 'paused' ? c.kernel()?.byAsid.get(asid) : undefined;
  const state = c.state === 'running' ? 'RUNNING' : c.state === 'busy' ? 'REPLAY' : c.session.running() ? 'paused' : 'stopped';
  const speed = c.state === 'running' ? `  ${(c.ips / 1e6).toFixed(2)} MIPS` : '';
  const text = ` [${state}] insn ${grouped(st.instructions)}  cycles ${grouped(st.cycles)}  CPI ${cpi}  pc ${hex8(c.pc())}  ${mode} ASID ${asid}${env ? ` env ${hex8(env.id)}` : ''}${speed}`;
  return inverse(fit(text, width));
}

export function commandLine(c: DebugController, width: number): string {
  if (c.commandLine !== null) return fit(`:${c.commandLine}█`, width);
  if (c.message !== '') return fit(c.messageIsError ? red(c.message) : c.message, width);
  return fit(dim('s step  n next  c cont  b break  r run to cursor  S back  C rev-cont  : command  ? help  q quit'), width);
}

function helpLines(width: number, rows: number): string[] {
  const lines = [bold('Keys (any key closes this help; :help lists the commands)'), '', ...keyHelpLines()];
  return textLines(lines, width, rows, 0);
}

/** The screen: exactly `rows - 1` lines (never the full height, which would scroll), each `cols` wide. */
export function renderScreen(c: DebugController, cols: number, rows: number): string[] {
  if (cols < MIN_COLS || rows < MIN_ROWS) {
    // Too small for any layout: one line (never more than the terminal has).
    return [fit(`exo debug: the terminal is ${cols}x${rows}; at least ${MIN_COLS}x${MIN_ROWS} is needed`, Math.max(1, cols))];
  }
  const width = cols;
  const height = rows - 1;
  const main = height - 2;
  let body: string[];
  if (c.showHelp) body = helpLines(width, main);
  else if (cols >= LARGE_COLS && rows >= LARGE_ROWS) body = largeBody(c, width, main);
  else body = [tabs(c, width), ...paneLines(c, c.focus, width, main - 1)];
  return [...body, statusLine(c, width), commandLine(c, width)].map((l) => fit(l, width)).slice(0, height);
}

function largeBody(c: DebugController, width: number, height: number): string[] {
  const rightW = 62;
  const leftW = width - rightW - 1;
  const topH = Math.max(20, Math.floor(height * 0.55));
  const botH = height - topH;
  // Top: disassembly | registers over CP0.
  const regsH = 10;
  const dis = [title(c, 'code', leftW, `  ${c.where(c.pc())}`), ...disasmPane(c, leftW, topH - 1)];
  const right = [
    bold(fit(' Registers', rightW)),
    ...registerLines(c.session, rightW, regsH - 1, c.prevRegs),
    title(c, 'cp0', rightW),
    ...paneLines(c, 'cp0', rightW, topH - regsH - 1),
  ];
  const out: string[] = [];
  for (let i = 0; i < topH; i++) out.push(`${dis[i]!}${dim('│')}${right[i] ?? fit('', rightW)}`);
  // Bottom: the chosen pane | console.
  const aux: PaneId = c.focus !== 'code' && c.focus !== 'cp0' && c.focus !== 'console' ? c.focus : c.aux === 'console' || c.aux === 'cp0' ? 'memory' : c.aux;
  const auxLines = [title(c, aux, leftW), ...paneLines(c, aux, leftW, botH - 1)];
  const conLines = [title(c, 'console', rightW), ...paneLines(c, 'console', rightW, botH - 1)];
  for (let i = 0; i < botH; i++) out.push(`${auxLines[i]!}${dim('│')}${conLines[i]!}`);
  return out;
}
