/**
 * The disassembler: one 32-bit word at an address to text, in the spelling of GNU objdump
 * (`mipsel-linux-gnu-objdump -d` on an r3000 object, binutils 2.40): ABI register names without
 * `$`, CP0 registers as `c0_sr`, CP1 registers as `$fN` and `c1_fcsr`, signed immediates and
 * offsets in decimal, unsigned immediates, shift amounts and BREAK/SYSCALL codes in hex, branch
 * and jump targets as absolute addresses. Invalid encodings print as `.word\t0x...`.
 *
 * Opcode knowledge comes only from the instruction table (emulator/isa.ts via decodeCanonical);
 * this file knows how each operand kind is spelled, and disasm-aliases.ts which pseudo-instruction
 * names replace a real one.
 *
 * Branch targets: without a symbol callback a target prints as `0x400010`, which any GNU-as
 * compatible assembler reads back as an absolute address, so that form round-trips (the
 * round-trip tests use it). With symbols, objdump's form `400010 <main+0x10>` is used; it is for
 * reading, not reassembling.
 *
 * `syntax: 'gas'` spells registers the way GNU as requires (`$v0`, `$12` for CP0 register 12) and
 * never prints symbols, so that the text reassembles with `mipsel-linux-gnu-as` itself.
 *
 * Deliberate differences from objdump, each tested (test/isa/known-differences.ts): objdump aliases
 * that GNU as would reassemble to another word are not used (disasm-aliases.ts); COP1 operations
 * of the R3010 FPU (`add.s` ...) print as the generic `c1 0x...` (the table has no FPU); opcode
 * 0x1d (MIPS16 `jalx`, RI on an R3000) prints as `.word`.
 */
import { field, type IsaEntry, type OperandKind } from '../emulator/isa.js';
import { decodeCanonical } from '../emulator/decode.js';
import { CP0_NAMES, CP1_CTL_NAMES, GPR_NAMES } from '../emulator/regnames.js';
import { aliasFor } from './disasm-aliases.js';

export interface DisasmOptions {
  /** Names an address for branch/jump targets: nearest symbol and the offset from it. */
  symbols?: (addr: number) => { name: string; offset: number } | undefined;
  /** Print objdump's pseudo-instruction aliases (`nop`, `move`, `li`, `b`, ...). Default true. */
  aliases?: boolean;
  /** `objdump` (default) or `gas`: register spelling GNU as accepts, no symbols. */
  syntax?: 'objdump' | 'gas';
}

export interface DisasmInsn {
  word: number;
  pc: number;
  /** The table entry (undefined for an invalid encoding). */
  entry?: IsaEntry;
  mnemonic: string;
  operands: string;
  /** `mnemonic\toperands`, `mnemonic` alone when there are no operands, or `.word\t0x...`. */
  text: string;
  /** Branch or jump target address. */
  target?: number;
}

/** An operand kind of the table, or the literal register `zero` some spellings print. */
export type PrintedOperand = OperandKind | 'zero';

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** The absolute target of a branch (PC-relative) or jump (region-absolute) at `pc`. */
export function targetOf(entry: IsaEntry, word: number, pc: number): number | undefined {
  if (entry.operands.includes('branch')) return (pc + 4 + field.simm(word) * 4) >>> 0;
  if (entry.operands.includes('jump')) return ((((pc + 4) & 0xf0000000) | (field.target(word) << 2)) >>> 0);
  return undefined;
}

interface Ctx {
  readonly word: number;
  readonly entry: IsaEntry;
  readonly gas: boolean;
  readonly target: number | undefined;
  readonly symbols: DisasmOptions['symbols'];
}

function gpr(n: number, gas: boolean): string {
  return gas ? `$${GPR_NAMES[n]!}` : GPR_NAMES[n]!;
}

/** A coprocessor general register (MFCz/MTCz rd, LWCz/SWCz rt), as objdump names it. */
function copReg(cop: number, n: number, gas: boolean): string {
  if (cop === 1) return `$f${n}`;
  if (cop === 0 && !gas) return CP0_NAMES.get(n) ?? `$${n}`;
  return `$${n}`;
}

function copCtl(cop: number, n: number, gas: boolean): string {
  if (cop === 1 && !gas) return CP1_CTL_NAMES.get(n) ?? `$${n}`;
  return `$${n}`;
}

function address(c: Ctx): string {
  const t = c.target!;
  const sym = c.gas ? undefined : c.symbols?.(t);
  if (!sym) return hex(t);
  const off = sym.offset === 0 ? '' : sym.offset > 0 ? `+${hex(sym.offset)}` : `-${hex(-sym.offset)}`;
  return `${t.toString(16)} <${sym.name}${off}>`;
}

/** One operand's text; '' for an optional operand that is absent (BREAK/SYSCALL without code). */
function operand(kind: PrintedOperand, c: Ctx): string {
  const w = c.word;
  switch (kind) {
    case 'zero':
      return gpr(0, c.gas);
    case 'rd':
      return gpr(field.rd(w), c.gas);
    case 'rs':
      return gpr(field.rs(w), c.gas);
    case 'rt':
      return gpr(field.rt(w), c.gas);
    case 'sa':
      return hex(field.sa(w));
    case 'simm':
      return String(field.simm(w));
    case 'uimm':
    case 'hi16':
      return hex(field.imm(w));
    case 'mem':
      return `${field.simm(w)}(${gpr(field.rs(w), c.gas)})`;
    case 'branch':
    case 'jump':
      return address(c);
    case 'breakcode': {
      const c1 = field.breakCode1(w);
      const c2 = field.breakCode2(w);
      if (c2 !== 0) return `${hex(c1)},${hex(c2)}`;
      return c1 !== 0 ? hex(c1) : '';
    }
    case 'syscode': {
      const code = field.syscode(w);
      return code !== 0 ? hex(code) : '';
    }
    case 'cpreg':
      return copReg(c.entry.cop ?? 0, field.rd(w), c.gas);
    case 'cprt':
      return copReg(c.entry.cop ?? 0, field.rt(w), c.gas);
    case 'cpctl':
      return copCtl(c.entry.cop ?? 0, field.rd(w), c.gas);
    case 'cofun':
      return hex(field.cofun(w));
  }
}

/**
 * Operands printed for a real instruction, as objdump prints them even with `-M no-aliases`:
 * - JALR omits rd when it is the default ra (`jalr v0`).
 * - DIV/DIVU print an explicit `zero` destination (`div zero,a0,a1`): in GNU as the two-operand
 *   `div rs,rt` is a macro with divide-by-zero and overflow checks, and `div $0,rs,rt` is the bare
 *   instruction (binutils 2.40, checked in test/disasm/gnu-roundtrip.test.ts).
 */
function realOperands(entry: IsaEntry, word: number): readonly PrintedOperand[] {
  if (entry.op === 'jalr' && field.rd(word) === 31) return ['rs'];
  if (entry.op === 'div' || entry.op === 'divu') return ['zero', ...entry.operands];
  return entry.operands;
}

export function disassemble(word: number, pc: number, opts: DisasmOptions = {}): DisasmInsn {
  const w = word >>> 0;
  const at = pc >>> 0;
  const entry = decodeCanonical(w);
  if (!entry) {
    const operands = hex(w);
    return { word: w, pc: at, mnemonic: '.word', operands, text: `.word\t${operands}` };
  }
  const alias = opts.aliases === false ? undefined : aliasFor(entry.mnemonic, w);
  const mnemonic = alias ? alias.mnemonic : entry.mnemonic;
  const kinds = alias ? alias.operands : realOperands(entry, w);
  const target = targetOf(entry, w, at);
  const ctx: Ctx = { word: w, entry, gas: opts.syntax === 'gas', target, symbols: opts.symbols };
  const operands = kinds
    .map((k) => operand(k, ctx))
    .filter((s) => s !== '')
    .join(',');
  const insn: DisasmInsn = {
    word: w,
    pc: at,
    entry,
    mnemonic,
    operands,
    text: operands ? `${mnemonic}\t${operands}` : mnemonic,
  };
  if (target !== undefined) insn.target = target;
  return insn;
}
