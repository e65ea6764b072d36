/**
 * Pseudo-instructions and the machine mnemonics GNU as also treats as macros (immediate forms of
 * register instructions, out-of-range immediates, symbolic load/store addresses, 3-operand div).
 *
 * Every expansion was taken from binutils 2.40 by experiment: `mipsel-linux-gnu-as -march=r3000
 * -O0` then `objdump -z -dr` (see test/assembler/corpus/ for the cases the differential test
 * checks). The expansions build machine words from the instruction table via `ins()`.
 */
import { ISA_BY_MNEMONIC, encode, type EncodeFields, type IsaEntry } from '../emulator/isa.js';
import { type Expr, ExprError, hi16, isHalfOp, lo16 } from './expr.js';
import { type Operand, isRegLike, isRegOperand, parseGpr, parseMem, parseOpExpr } from './operands.js';
import type { Unit } from './unit.js';
import { encodeMachine } from './instructions.js';
import { BRANCH_PSEUDOS, branchCompare, branchMachineImm } from './pseudo-branch.js';
import { SET_PSEUDOS } from './pseudo-set.js';

export const AT = 1;

export type PseudoFn = (u: Unit, ops: Operand[], col: number, endCol: number) => void;

export type Fields = Pick<EncodeFields, 'rs' | 'rt' | 'rd' | 'sa' | 'imm'>;

/** Emits the table's `mnem` with the given fields (and an optional link-time fixup). */
export function ins(u: Unit, mnem: string, f: Fields, fix?: { kind: 'simm16' | 'uimm16' | 'hi16' | 'lo16' | 'pc16' | 'j26'; expr: Expr; col: number }): void {
  const e = ISA_BY_MNEMONIC.get(mnem)!;
  u.emit(e, encode(e, f), fix);
}

export const nop = (u: Unit): void => ins(u, 'sll', {});

export function useAt(u: Unit, col: number): void {
  // gas 2.40: an error, "macro used $at after \".set noat\"".
  if (!u.set.at) u.error(col, 'macro used $at after ".set noat"');
}

export function arity(ops: Operand[], min: number, max: number, name: string, endCol: number): void {
  if (ops.length < min) throw new ExprError(`missing operand for '${name}' (expects ${min === max ? min : `${min} to ${max}`})`, endCol);
  if (ops.length > max) throw new ExprError(`too many operands for '${name}' (expects ${min === max ? min : `${min} to ${max}`})`, ops[max]!.col);
}

/** `li rd, value` for a known constant: GNU's shortest sequence. */
export function loadConst(u: Unit, rd: number, value: number): void {
  const v = value | 0;
  if (v >= -0x8000 && v < 0x8000) ins(u, 'addiu', { rt: rd, rs: 0, imm: v });
  else if (v >= 0 && v <= 0xffff) ins(u, 'ori', { rt: rd, rs: 0, imm: v });
  else if ((v & 0xffff) === 0) ins(u, 'lui', { rt: rd, imm: v >>> 16 });
  else {
    ins(u, 'lui', { rt: rd, imm: v >>> 16 });
    ins(u, 'ori', { rt: rd, rs: rd, imm: v & 0xffff });
  }
}

const hiOf = (e: Expr, col: number): Expr => ({ k: 'hi', a: e, col });
const loOf = (e: Expr, col: number): Expr => ({ k: 'lo', a: e, col });

const GP = 28;
const entryOf = (m: string): IsaEntry => ISA_BY_MNEMONIC.get(m)!;
const word = (m: string, f: Fields): { entry: IsaEntry; word: number } => {
  const e = entryOf(m);
  return { entry: e, word: (e.match | ((f.rs ?? 0) << 21) | ((f.rt ?? 0) << 16) | ((f.rd ?? 0) << 11)) >>> 0 };
};

/**
 * Whether gas would make `e` a $gp-relative relaxation candidate (non-PIC, -G 8): `sym` or
 * `sym + c` with 0 <= c <= 0x7ff0 (MAX_GPREL_OFFSET) and sym not defined yet in this file, so
 * possibly small data (tc-mips.c nopic_need_relax defers that decision to the end of the file).
 */
export function gpRelaxable(u: Unit, e: Expr): boolean {
  let name: string | undefined;
  let c = 0;
  if (e.k === 'sym') name = e.name;
  else if (e.k === 'bin' && (e.op === '+' || e.op === '-')) {
    const sideSym = e.a.k === 'sym' ? e.a : e.op === '+' && e.b.k === 'sym' ? e.b : undefined;
    const other = sideSym === e.a ? e.b : e.a;
    if (!sideSym) return false;
    const v = u.eval1(other);
    if (v.rel !== null) return false;
    name = sideSym.name;
    c = e.op === '-' ? -v.v : v.v;
  }
  if (name === undefined || c < 0 || c > 0x7ff0) return false;
  return !u.symbols.get(name)?.defined;
}

/** `la` of a relocatable expression into tmp: lui tmp,%hi(x); addiu tmp,tmp,%lo(x). */
export function loadAddress(u: Unit, tmp: number, e: Expr, col: number): void {
  const f = (): void => {
    ins(u, 'lui', { rt: tmp }, { kind: 'hi16', expr: hiOf(e, col), col });
    ins(u, 'addiu', { rt: tmp, rs: tmp }, { kind: 'lo16', expr: loOf(e, col), col });
  };
  if (gpRelaxable(u, e)) u.relaxed([word('addiu', { rt: tmp, rs: GP })], f);
  else f();
}

function li(u: Unit, ops: Operand[], col: number, endCol: number): void {
  arity(ops, 2, 2, 'li', endCol);
  const rd = parseGpr(ops[0]!);
  if (isRegOperand(ops[1]!)) throw new ExprError('expected an immediate, found a register', ops[1]!.col);
  const e = parseOpExpr(ops[1]!);
  const v = u.eval1(e);
  if (v.rel === null) loadConst(u, rd, v.v);
  // GNU 2.40 loads only the low half for a symbolic `li` (addiu rd,$0,%lo(sym)).
  else ins(u, 'addiu', { rt: rd, rs: 0 }, { kind: 'lo16', expr: isHalfOp(e) ? e : loOf(e, ops[1]!.col), col: ops[1]!.col });
}

function la(u: Unit, ops: Operand[], col: number, endCol: number): void {
  arity(ops, 2, 2, 'la', endCol);
  const rd = parseGpr(ops[0]!);
  const m = parseMem(ops[1]!);
  const hasBase = m.hasBase;
  const e: Expr = m.expr ?? { k: 'num', v: 0 };
  const v = u.eval1(e);
  if (v.rel === null) {
    if (!hasBase) {
      loadConst(u, rd, v.v);
      return;
    }
    if (v.v >= -0x8000 && v.v < 0x8000) {
      ins(u, 'addiu', { rt: rd, rs: m.base, imm: v.v });
      return;
    }
    const tmp = rd === m.base ? AT : rd;
    if (tmp === AT) useAt(u, col);
    loadConst(u, tmp, v.v);
    ins(u, 'addu', { rd, rs: tmp, rt: m.base });
    return;
  }
  const tmp = hasBase && rd === m.base ? AT : rd;
  if (tmp === AT) useAt(u, col);
  loadAddress(u, tmp, e, m.exprCol);
  if (hasBase) ins(u, 'addu', { rd, rs: tmp, rt: m.base });
}

/**
 * A load or store whose address is not `simm16(base)`: GNU builds the address's high half in a
 * temporary (the destination register for an ordinary load, else $at) and uses %lo as offset.
 */
export function loadStoreAddr(u: Unit, e: IsaEntry, rt: number, m: { base: number; expr: Expr; exprCol: number }, col: number): void {
  const v = u.eval1(m.expr);
  const plainLoad = e.class === 'load' && e.op !== 'lwl' && e.op !== 'lwr' && e.op !== 'lwc';
  const tmp = plainLoad && rt !== 0 && rt !== m.base ? rt : AT;
  if (tmp === AT) useAt(u, col);
  const rtField = rt;
  if (v.rel === null) {
    ins(u, 'lui', { rt: tmp, imm: hi16(v.v) });
    if (m.base !== 0) ins(u, 'addu', { rd: tmp, rs: tmp, rt: m.base });
    u.emit(e, (e.match | (tmp << 21) | (rtField << 16) | (lo16(v.v) & 0xffff)) >>> 0);
    return;
  }
  const f = (): void => {
    ins(u, 'lui', { rt: tmp }, { kind: 'hi16', expr: hiOf(m.expr, m.exprCol), col: m.exprCol });
    if (m.base !== 0) ins(u, 'addu', { rd: tmp, rs: tmp, rt: m.base });
    u.emit(e, (e.match | (tmp << 21) | (rtField << 16)) >>> 0, { kind: 'lo16', expr: loOf(m.expr, m.exprCol), col: m.exprCol });
  };
  if (!gpRelaxable(u, m.expr)) return f();
  // The $gp alternative: `op rt,%gp_rel(x)($gp)`, or with a base `addu tmp,base,$gp; op rt,%gp_rel(x)(tmp)`.
  const alt =
    m.base === 0
      ? [{ entry: e, word: (e.match | (GP << 21) | (rtField << 16)) >>> 0 }]
      : [word('addu', { rd: tmp, rs: m.base, rt: GP }), { entry: e, word: (e.match | (tmp << 21) | (rtField << 16)) >>> 0 }];
  u.relaxed(alt, f);
}

/** R-type ALU mnemonic → its immediate form, and the I-type → R-type fallback. */
const TO_IMM: Record<string, string> = { add: 'addi', addu: 'addiu', slt: 'slti', sltu: 'sltiu', and: 'andi', or: 'ori', xor: 'xori' };
const TO_REG: Record<string, string> = { addi: 'add', addiu: 'addu', slti: 'slt', sltiu: 'sltu', andi: 'and', ori: 'or', xori: 'xor' };

/** An I-type ALU operation with a constant: the immediate form when it fits, else via $at. */
function aluImm(u: Unit, iMnem: string, rd: number, rs: number, v: number, col: number): void {
  const signed = iMnem === 'addi' || iMnem === 'addiu' || iMnem === 'slti' || iMnem === 'sltiu';
  const fits = signed ? v >= -0x8000 && v < 0x8000 : v >= 0 && v <= 0xffff;
  if (fits) {
    ins(u, iMnem, { rt: rd, rs, imm: v });
    return;
  }
  useAt(u, col);
  loadConst(u, AT, v);
  ins(u, TO_REG[iMnem]!, { rd, rs, rt: AT });
}

/**
 * Handles a table mnemonic used in a form GNU expands as a macro. Returns false when the plain
 * machine encoding applies.
 */
export function tryMachineAlternative(u: Unit, mnem: string, e: IsaEntry, ops: Operand[], col: number): boolean {
  const n = ops.length;
  // loads/stores with an address that is not simm16(base)
  if ((e.class === 'load' || e.class === 'store') && n === 2) {
    const m = parseMem(ops[1]!);
    if (!m.expr || isHalfOp(m.expr)) return false;
    const v = u.eval1(m.expr);
    if (v.rel === null && v.v >= -0x8000 && v.v < 0x8000) return false;
    const rt = e.operands[0] === 'cprt' ? cpRtOf(ops[0]!) : parseGpr(ops[0]!);
    loadStoreAddr(u, e, rt, { base: m.base, expr: m.expr, exprCol: m.exprCol }, col);
    return true;
  }
  // 3-operand R-type ALU with an immediate third operand
  if (n === 3 && e.operands.length === 3 && e.operands[2] === 'rt' && e.class !== 'branch' && !isRegLike(ops[2]!, u.isSymbol)) {
    const t = ops[2]!.toks[0]!;
    if (ops[2]!.toks.length === 1 && t.kind === 'reg') throw new ExprError(`invalid register '$${t.text}'`, t.col);
    const rd = parseGpr(ops[0]!);
    const rs = parseGpr(ops[1]!);
    const expr = parseOpExpr(ops[2]!);
    const v = u.absolute(expr, ops[2]!.col, 'immediate');
    if (TO_IMM[mnem]) aluImm(u, TO_IMM[mnem], rd, rs, v, ops[2]!.col);
    else if (mnem === 'sub' || mnem === 'subu') {
      if (-v >= -0x8000 && -v < 0x8000) ins(u, mnem === 'sub' ? 'addi' : 'addiu', { rt: rd, rs, imm: -v });
      else {
        useAt(u, col);
        loadConst(u, AT, v);
        ins(u, mnem, { rd, rs, rt: AT });
      }
    } else if (mnem === 'nor') {
      if (v >= 0 && v <= 0xffff) {
        ins(u, 'ori', { rt: rd, rs, imm: v });
        ins(u, 'nor', { rd, rs: rd, rt: 0 });
      } else {
        useAt(u, col);
        loadConst(u, AT, v);
        ins(u, 'nor', { rd, rs, rt: AT });
      }
    } else throw new ExprError(`expected a register, found an expression`, ops[2]!.col);
    return true;
  }
  if ((mnem === 'div' || mnem === 'divu') && n !== 2) {
    if (n === 3 && isRegLike(ops[0]!, u.isSymbol) && parseGpr(ops[0]!) === 0 && isRegLike(ops[2]!, u.isSymbol)) {
      encodeMachine(u, e, [ops[1]!, ops[2]!], col, col);
      return true;
    }
    DIV_PSEUDOS.get(mnem)!(u, ops, col, col);
    return true;
  }
  if ((mnem === 'div' || mnem === 'divu') && n === 2) {
    DIV_PSEUDOS.get(mnem)!(u, ops, col, col);
    return true;
  }
  if ((mnem === 'j' || mnem === 'jal') && n >= 1 && isRegOperand(ops[0]!)) {
    if (mnem === 'j') encodeMachine(u, ISA_BY_MNEMONIC.get('jr')!, ops, col, col);
    else encodeMachine(u, ISA_BY_MNEMONIC.get('jalr')!, ops, col, col);
    return true;
  }
  if ((mnem === 'beq' || mnem === 'bne') && n === 3 && !isRegLike(ops[1]!, u.isSymbol)) {
    branchMachineImm(u, mnem, ops, col);
    return true;
  }
  return false;
}

function cpRtOf(op: Operand): number {
  const t = op.toks[0]!;
  const m = /^f?([0-9]+)$/.exec(t.text);
  if (t.kind === 'reg' && m && Number(m[1]) < 32) return Number(m[1]);
  throw new ExprError(`invalid coprocessor register '${t.text}'`, t.col);
}

// ---- multiply and divide ----
function threeOrTwo(u: Unit, ops: Operand[], name: string, endCol: number): { rd: number; rs: number; t: Operand } {
  arity(ops, 2, 3, name, endCol);
  const rd = parseGpr(ops[0]!);
  if (ops.length === 2) return { rd, rs: rd, t: ops[1]! };
  return { rd, rs: parseGpr(ops[1]!), t: ops[2]! };
}

function mul(u: Unit, ops: Operand[], col: number, endCol: number): void {
  const { rd, rs, t } = threeOrTwo(u, ops, 'mul', endCol);
  if (isRegLike(t, u.isSymbol)) {
    // r3000: GNU uses MULTU for the register form (the low word is the same).
    ins(u, 'multu', { rs, rt: parseGpr(t) });
  } else {
    useAt(u, col);
    loadConst(u, AT, u.absolute(parseOpExpr(t), t.col, 'immediate'));
    ins(u, 'mult', { rs, rt: AT });
  }
  ins(u, 'mflo', { rd });
}

function divFamily(kind: 'div' | 'divu' | 'rem' | 'remu'): PseudoFn {
  const signed = kind === 'div' || kind === 'rem';
  const machine = signed ? 'div' : 'divu';
  const result = kind === 'div' || kind === 'divu' ? 'mflo' : 'mfhi';
  return (u, ops, col, endCol) => {
    const { rd, rs, t } = threeOrTwo(u, ops, kind, endCol);
    if (isRegLike(t, u.isSymbol)) {
      const rt = parseGpr(t);
      if (rt === 0) {
        u.warn(t.col, 'divide by zero');
        ins(u, 'break', { rt: 7 });
        return;
      }
      u.flushHazards(u.cur, false);
      u.raw(() => {
        ins(u, 'bne', { rs: rt, rt: 0, imm: 2 });
        ins(u, machine, { rs, rt });
        ins(u, 'break', { rt: 7 });
        if (signed) {
          useAt(u, col);
          ins(u, 'addiu', { rt: AT, rs: 0, imm: -1 });
          ins(u, 'bne', { rs: rt, rt: AT, imm: 4 });
          ins(u, 'lui', { rt: AT, imm: 0x8000 });
          ins(u, 'bne', { rs, rt: AT, imm: 2 });
          nop(u);
          ins(u, 'break', { rt: 6 });
        }
      });
      ins(u, result, { rd });
      return;
    }
    const v = u.absolute(parseOpExpr(t), t.col, 'divisor');
    if (v === 0) {
      u.warn(t.col, 'divide by zero');
      ins(u, 'break', { rt: 7 });
      return;
    }
    if (v === 1) {
      ins(u, 'or', { rd, rs: result === 'mflo' ? rs : 0, rt: 0 });
      return;
    }
    if (v === -1 && signed) {
      if (kind === 'div') ins(u, 'sub', { rd, rs: 0, rt: rs });
      else ins(u, 'or', { rd, rs: 0, rt: 0 });
      return;
    }
    useAt(u, col);
    loadConst(u, AT, v);
    ins(u, machine, { rs, rt: AT });
    ins(u, result, { rd });
  };
}

const DIV_PSEUDOS = new Map<string, PseudoFn>([
  ['div', divFamily('div')],
  ['divu', divFamily('divu')],
]);

// ---- simple register pseudo-instructions ----
function twoReg(name: string, f: (u: Unit, rd: number, rs: number) => void): PseudoFn {
  return (u, ops, _col, endCol) => {
    arity(ops, 1, 2, name, endCol);
    const rd = parseGpr(ops[0]!);
    f(u, rd, ops.length === 2 ? parseGpr(ops[1]!) : rd);
  };
}

function abs(u: Unit, rd: number, rs: number): void {
  u.flushHazards(u.cur, false);
  u.raw(() => {
    ins(u, 'bgez', { rs, imm: 2 });
    if (rd === rs) nop(u);
    else ins(u, 'or', { rd, rs, rt: 0 });
    ins(u, 'sub', { rd, rs: 0, rt: rs });
  });
}

// ---- unaligned loads and stores ----
function unaligned(kind: 'ulw' | 'usw' | 'ulh' | 'ulhu' | 'ush'): PseudoFn {
  return (u, ops, col, endCol) => {
    arity(ops, 2, 2, kind, endCol);
    const rt = parseGpr(ops[0]!);
    const m = parseMem(ops[1]!);
    let base = m.base;
    let off = 0;
    const v = m.expr ? u.eval1(m.expr) : { v: 0, rel: null };
    if (v.rel !== null || v.v < -0x8000 || v.v + 3 > 0x7fff) {
      useAt(u, col);
      if (v.rel === null) {
        loadConst(u, AT, v.v);
      } else loadAddress(u, AT, m.expr!, m.exprCol);
      if (base !== 0) ins(u, 'addu', { rd: AT, rs: AT, rt: base });
      base = AT;
    } else off = v.v;
    if (base === AT && kind !== 'ulw' && kind !== 'usw') {
      // The address is in $at, so $at cannot also hold the other byte: GNU uses rt for it.
      if (kind === 'ush') {
        ins(u, 'sb', { rt, rs: AT, imm: 0 });
        ins(u, 'srl', { rd: rt, rt, sa: 8 });
        ins(u, 'sb', { rt, rs: AT, imm: 1 });
        // ... and rebuilds rt from the two bytes it stored.
        ins(u, 'lbu', { rt: AT, rs: AT, imm: 0 });
      } else {
        ins(u, kind === 'ulh' ? 'lb' : 'lbu', { rt, rs: AT, imm: 1 });
        ins(u, 'lbu', { rt: AT, rs: AT, imm: 0 });
      }
      ins(u, 'sll', { rd: rt, rt, sa: 8 });
      ins(u, 'or', { rd: rt, rs: rt, rt: AT });
      return;
    }
    switch (kind) {
      case 'ulw':
        if (rt === base) {
          useAt(u, col);
          ins(u, 'lwl', { rt: AT, rs: base, imm: off + 3 });
          ins(u, 'lwr', { rt: AT, rs: base, imm: off });
          // GNU's expansion has its own nop here (present under noreorder too).
          nop(u);
          ins(u, 'or', { rd: rt, rs: AT, rt: 0 });
        } else {
          ins(u, 'lwl', { rt, rs: base, imm: off + 3 });
          ins(u, 'lwr', { rt, rs: base, imm: off });
        }
        return;
      case 'usw':
        ins(u, 'swl', { rt, rs: base, imm: off + 3 });
        ins(u, 'swr', { rt, rs: base, imm: off });
        return;
      case 'ulh':
      case 'ulhu':
        useAt(u, col);
        ins(u, kind === 'ulh' ? 'lb' : 'lbu', { rt: AT, rs: base, imm: off + 1 });
        ins(u, 'lbu', { rt, rs: base, imm: off });
        ins(u, 'sll', { rd: AT, rt: AT, sa: 8 });
        ins(u, 'or', { rd: rt, rs: rt, rt: AT });
        return;
      case 'ush':
        useAt(u, col);
        ins(u, 'sb', { rt, rs: base, imm: off });
        ins(u, 'srl', { rd: AT, rt, sa: 8 });
        ins(u, 'sb', { rt: AT, rs: base, imm: off + 1 });
        return;
    }
  };
}

export const PSEUDO = new Map<string, PseudoFn>([
  ['nop', (u, ops, _c, endCol) => { arity(ops, 0, 0, 'nop', endCol); nop(u); }],
  // GNU as accepts these MIPS32 spellings of sll $0,$0,1/3 for any ISA (objdump prints them).
  ['ssnop', (u, ops, _c, endCol) => { arity(ops, 0, 0, 'ssnop', endCol); ins(u, 'sll', { sa: 1 }); }],
  ['ehb', (u, ops, _c, endCol) => { arity(ops, 0, 0, 'ehb', endCol); ins(u, 'sll', { sa: 3 }); }],
  ['li', li],
  ['la', la],
  ['move', (u, ops, _c, endCol) => { arity(ops, 2, 2, 'move', endCol); ins(u, 'or', { rd: parseGpr(ops[0]!), rs: parseGpr(ops[1]!), rt: 0 }); }],
  ['neg', twoReg('neg', (u, rd, rs) => ins(u, 'sub', { rd, rs: 0, rt: rs }))],
  ['negu', twoReg('negu', (u, rd, rs) => ins(u, 'subu', { rd, rs: 0, rt: rs }))],
  ['not', twoReg('not', (u, rd, rs) => ins(u, 'nor', { rd, rs, rt: 0 }))],
  ['abs', twoReg('abs', abs)],
  ['mul', mul],
  ['rem', divFamily('rem')],
  ['remu', divFamily('remu')],
  ['ulw', unaligned('ulw')],
  ['usw', unaligned('usw')],
  ['ulh', unaligned('ulh')],
  ['ulhu', unaligned('ulhu')],
  ['ush', unaligned('ush')],
  ...BRANCH_PSEUDOS,
  ...SET_PSEUDOS,
]);

export { branchCompare };
