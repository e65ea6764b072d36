/**
 * The registers pane: the 32 GPRs by ABI name, HI, LO and PC, in as many columns as the width
 * allows (column-major, like gdb's `tui reg`). A register whose value changed since the last stop
 * is shown in bold red (the "show what changed" request, debugger.md §1.2).
 */
import { REG_BADVADDR, REG_CAUSE, REG_HI, REG_LO, REG_PC, REG_SR } from '../../emulator/debug/types.js';
import { GPR_BY_NAME, GPR_NAMES } from '../../emulator/regnames.js';
import { bold, fit, hex8, red } from '../format.js';
import type { Inspect } from '../inspect.js';
import { excName } from './cp0.js';

/** Register numbers the pane shows, in order (GPRs, then HI, LO, PC). */
export const SHOWN_REGS: readonly number[] = [...Array.from({ length: 32 }, (_, i) => i), REG_HI, REG_LO, REG_PC];

export function regName(n: number): string {
  if (n < 32) return GPR_NAMES[n]!;
  return n === REG_HI ? 'hi' : n === REG_LO ? 'lo' : n === REG_PC ? 'pc' : `r${n}`;
}

/** The values of SHOWN_REGS now (for change highlighting at the next stop). */
export function readShown(s: Inspect): number[] {
  return SHOWN_REGS.map((n) => s.readRegister(n) >>> 0);
}

const CELL = 15; // "zero 00000000" and two spaces

export function registerLines(s: Inspect, width: number, rows: number, prev: readonly number[] | null): string[] {
  const now = readShown(s);
  const cell = (i: number): string => {
    const n = SHOWN_REGS[i]!;
    const text = `${regName(n).padStart(4)} ${hex8(now[i]!)}`;
    return prev !== null && prev[i] !== now[i] ? bold(red(text)) : text;
  };
  const cols = Math.max(1, Math.min(4, Math.floor((width + 2) / CELL)));
  const perCol = Math.ceil(32 / cols);
  const out: string[] = [];
  for (let r = 0; r < perCol; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      const i = c * perCol + r;
      if (i < 32) cells.push(cell(i));
    }
    out.push(cells.join('  '));
  }
  const special = [32, 33, 34].map(cell);
  if (cols >= 3) out.push(special.join('  '));
  else {
    out.push(special.slice(0, cols).join('  '));
    if (cols < 3) out.push(special.slice(cols).join('  '));
  }
  // Room to spare (the narrow layout's code pane): the CP0 registers an exception handler reads.
  if (rows >= out.length + 5) {
    const c0 = s.machine.cpu.cop0;
    const sr = c0[12]! >>> 0;
    const cause = c0[13]! >>> 0;
    const cur = `${sr & 2 ? 'user' : 'kernel'}${sr & 1 ? ' IE' : ''}`;
    out.push('', `  sr ${hex8(sr)} ${cur}`, `caus ${hex8(cause)} ${excName((cause >>> 2) & 31)}${cause & 0x80000000 ? ' BD' : ''}`, ` epc ${hex8(c0[14]!)}`, `badv ${hex8(c0[8]!)}`);
  }
  return out.slice(0, rows).map((l) => fit(l, width)).concat(Array.from({ length: Math.max(0, rows - out.length) }, () => fit('', width)));
}

/** The engine's register number for a name (types.ts numbering), or undefined. */
export function engineRegister(name: string): number | undefined {
  const n = name.toLowerCase();
  const g = GPR_BY_NAME.get(n) ?? (/^r([0-9]+)$/.test(n) ? Number(n.slice(1)) : undefined);
  if (g !== undefined && g < 32) return g;
  const special: Record<string, number> = { pc: REG_PC, hi: REG_HI, lo: REG_LO, sr: REG_SR, status: REG_SR, cause: REG_CAUSE, badvaddr: REG_BADVADDR };
  return special[n];
}

