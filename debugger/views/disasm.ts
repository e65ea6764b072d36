/**
 * The disassembly pane's view model: instructions around a center address, one line each,
 *
 *   ●> 00400104 afbf0014  sw      ra,20(sp)            ; taken → 400120 <loop>
 *
 * with the breakpoint marker (● enabled, ○ disabled), the PC arrow, the cursor (inverse video),
 * label lines (`<main>:`), delay slots marked `↳`, MIPS-I load-delay hazards flagged (the next
 * instruction reads the register a load has not yet written: r3000.md §2, the assembler's
 * hazards.ts), and for a branch at PC whether it will be taken and where it goes, evaluated from
 * the registers now (a delay slot cannot change the condition: the branch reads its registers
 * before the slot executes).
 */
import { disassemble } from '../../assembler/disasm.js';
import { delayedWrite, gprReads } from '../../assembler/hazards.js';
import { field, type IsaEntry } from '../../emulator/isa.js';
import { GPR_NAMES } from '../../emulator/regnames.js';
import { bold, cyan, dim, expandTabs, fit, hex8, inverse, red, yellow } from '../format.js';
import { currentAsid, wordOf, type Inspect } from '../inspect.js';
import type { SymbolTable } from '../symbols.js';

export interface DisasmRow {
  readonly addr: number;
  readonly word: number | null;
  readonly text: string;
  readonly entry?: IsaEntry;
  readonly label?: string;
}

/** Whether a branch/jump at PC goes to its target, from the registers now; undefined: not a branch. */
export function branchOutcome(s: Inspect, entry: IsaEntry, word: number, pc: number): { taken: boolean | null; target: number } | undefined {
  if (!entry.delaySlot) return undefined;
  const r = (n: number): number => s.readRegister(n) | 0;
  const rs = r(field.rs(word));
  const rt = r(field.rt(word));
  const br = (pc + 4 + field.simm(word) * 4) >>> 0;
  switch (entry.op) {
    case 'j':
    case 'jal':
      return { taken: true, target: (((pc + 4) & 0xf0000000) | (field.target(word) << 2)) >>> 0 };
    case 'jr':
    case 'jalr':
      return { taken: true, target: rs >>> 0 };
    case 'beq': return { taken: rs === rt, target: br };
    case 'bne': return { taken: rs !== rt, target: br };
    case 'blez': return { taken: rs <= 0, target: br };
    case 'bgtz': return { taken: rs > 0, target: br };
    case 'bltz': case 'bltzal': return { taken: rs < 0, target: br };
    case 'bgez': case 'bgezal': return { taken: rs >= 0, target: br };
    default: return { taken: null, target: br }; // BCzF/BCzT: the coprocessor condition line
  }
}

export interface DisasmOptions {
  /** The first address shown (word aligned). */
  readonly top: number;
  readonly rows: number;
  readonly width: number;
  readonly pc: number;
  readonly cursor: number;
  readonly symbols: SymbolTable;
  /** The PC is in a branch delay slot whose branch goes to this address (undefined: not in one). */
  readonly pendingTarget?: number;
  /** Where to read pages the TLB does not map now (undefined: show them as untranslated). */
  readonly fallback?: Fallback;
}

/** The instruction rows from `top` (reads memory through the debug path only). */
/** A translation for pages the TLB does not map now (the exokernel's tables: views/kernel.ts). */
export type Fallback = (va: number) => number | null;

export function disasmRows(s: Inspect, top: number, count: number, symbols: SymbolTable, fallback?: Fallback): DisasmRow[] {
  const asid = currentAsid(s);
  const start = top >>> 0;
  const bytes = s.readVirtual(start, count * 4);
  if (fallback !== undefined) {
    for (let i = 0; i < bytes.length; i += 4) {
      if (bytes[i] !== null) continue;
      const pa = fallback((start + i) >>> 0);
      if (pa === null) continue;
      const b = s.readPhysical(pa, 4);
      for (let k = 0; k < 4; k++) bytes[i + k] = b[k] ?? null;
    }
  }
  const rows: DisasmRow[] = [];
  for (let i = 0; i < count; i++) {
    const addr = (start + 4 * i) >>> 0;
    const word = wordOf(bytes, 4 * i);
    const labels = symbols.labelsAt(addr, asid);
    if (word === null) {
      rows.push({ addr, word, text: '--      (no translation)', ...(labels[0] ? { label: labels[0] } : {}) });
      continue;
    }
    const d = disassemble(word, addr, { symbols: (a) => symbols.lookup(a, asid) });
    rows.push({ addr, word, text: expandTabs(d.mnemonic.padEnd(7) + ' ' + d.operands).replace(/ +$/, ''), ...(d.entry ? { entry: d.entry } : {}), ...(labels[0] ? { label: labels[0] } : {}) });
  }
  return rows;
}

/** The pane's lines: exactly `rows` of them, `width` columns each. */
export function disasmLines(s: Inspect, o: DisasmOptions): string[] {
  const asid = currentAsid(s);
  const bps = new Map<number, boolean>();
  for (const b of s.breakpoints()) if (b.asid === undefined || b.asid === asid || b.addr >= 0x80000000) bps.set(b.addr >>> 0, bps.get(b.addr >>> 0) === true || b.enabled);
  // One row before `top` tells whether the first shown instruction is a delay slot or a hazard.
  const rows = disasmRows(s, (o.top - 4) >>> 0, o.rows + 1, o.symbols, o.fallback);
  const out: string[] = [];
  for (let i = 1; i < rows.length && out.length < o.rows; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    if (row.label !== undefined && out.length > 0) out.push(dim(fit(`            <${row.label}>:`, o.width)));
    if (out.length >= o.rows) break;
    const bp = bps.get(row.addr);
    const mark = bp === undefined ? ' ' : bp ? red('●') : red('○');
    const atPc = row.addr === o.pc >>> 0;
    const arrow = atPc ? bold(yellow('>')) : ' ';
    const slot = prev.entry?.delaySlot === true;
    let note = '';
    if (prev.entry && prev.word !== null && row.entry && row.word !== null) {
      const w = delayedWrite(prev.entry, prev.word);
      if (w > 0 && gprReads(row.entry, row.word).includes(w)) note += yellow(` ! load delay: ${GPR_NAMES[w]} not yet loaded`);
    }
    if (atPc && row.entry && row.word !== null) {
      const b = branchOutcome(s, row.entry, row.word, row.addr);
      if (b !== undefined) {
        // The operands already name a branch's or j/jal's target; jr/jalr get it spelled out.
        const viaReg = row.entry.op === 'jr' || row.entry.op === 'jalr';
        const name = o.symbols.describe(b.target, asid);
        const where = viaReg ? ` → ${hex8(b.target)}${name ? ` <${name}>` : ''}` : '';
        note += cyan(b.taken === null ? ` ; taken if CpCond${where}` : b.taken ? ` ; taken${where}` : ' ; not taken');
      }
    }
    if (atPc && o.pendingTarget !== undefined) {
      const name = o.symbols.describe(o.pendingTarget, asid);
      note += cyan(` ; delay slot, then → ${hex8(o.pendingTarget)}${name ? ` <${name}>` : ''}`);
    }
    const word = row.word === null ? '--------' : hex8(row.word);
    const body = `${hex8(row.addr)} ${word} ${slot ? '↳' : ' '}${row.text}`;
    const styledBody = row.addr === o.cursor >>> 0 ? inverse(body) : atPc ? bold(body) : body;
    out.push(fit(`${mark}${arrow} ${styledBody}${note}`, o.width));
    if (i === 1 && row.label !== undefined && out.length === 1) {
      // A label on the first row: show it above by shifting (keeps the label visible at the top).
      out.unshift(dim(fit(`            <${row.label}>:`, o.width)));
      if (out.length > o.rows) out.pop();
    }
  }
  while (out.length < o.rows) out.push(fit('', o.width));
  return out;
}

/**
 * The first address to show so that `focus` stays visible, given the previous top: scrolls only
 * when focus leaves the window (keeps context above it, as gdb's TUI does).
 */
export function scrollTop(prevTop: number, focus: number, rows: number): number {
  const f = focus >>> 0;
  const visible = Math.max(1, rows - 4); // label lines may take some rows
  if (f >= prevTop >>> 0 && f < (prevTop >>> 0) + 4 * visible) return prevTop >>> 0;
  const before = Math.min(4, Math.floor(visible / 3));
  return Math.max(0, f - 4 * before) >>> 0;
}
