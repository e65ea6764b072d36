/**
 * Machine instructions, encoded from the instruction table (emulator/isa.ts): operands are parsed
 * by the entry's operand kinds and placed into its `match` word. Anything the table cannot encode
 * directly (a pseudo-instruction, a symbolic address, an out-of-range immediate) goes to pseudo.ts.
 */
import { ISA_BY_MNEMONIC, type IsaEntry, type OperandKind } from '../emulator/isa.js';
import type { Token } from './lexer.js';
import { type Expr, ExprError, isHalfOp } from './expr.js';
import { type Operand, isRegOperand, parseCpReg, parseGpr, parseMem, parseOpExpr, splitOperands } from './operands.js';
import type { Unit } from './unit.js';
import { PSEUDO, tryMachineAlternative } from './pseudo.js';

export function assembleStatement(u: Unit, mnem: string, toks: Token[], col: number, endCol: number): void {
  const ops = splitOperands(toks, endCol);
  const inDelaySlot = !u.set.reorder && u.cur.history[0]?.entry?.delaySlot === true;
  u.stmtInsns = 0;
  u.stmtCol = col;
  const entry = ISA_BY_MNEMONIC.get(mnem);
  if (entry && !tryMachineAlternative(u, mnem, entry, ops, col)) {
    encodeMachine(u, entry, ops, col, endCol);
  } else if (!entry) {
    const p = PSEUDO.get(mnem);
    if (!p) throw new ExprError(`unrecognized opcode '${mnem}'`, col);
    p(u, ops, col, endCol);
  }
  if (u.stmtInsns > 1 && inDelaySlot) u.warn(col, 'macro instruction expanded into multiple instructions in a branch delay slot');
  else if (u.stmtInsns > 1 && !u.set.macro) u.warn(col, 'macro instruction expanded into multiple instructions');
}

/** Operand counts an entry accepts: [min, max]. */
function arity(e: IsaEntry): [number, number] {
  const n = e.operands.length;
  if (e.operands[0] === 'breakcode') return [0, 2];
  if (e.operands[0] === 'syscode') return [0, 1];
  if (e.mnemonic === 'jalr') return [1, 2];
  // Two-operand shorthand: `addu $t0,$t1` is addu $t0,$t0,$t1 (GNU accepts it for 3-operand
  // register forms and for the I-type ALU forms).
  if (n === 3 && (e.operands[0] === 'rd' || e.operands[0] === 'rt') && e.operands[1] !== 'branch' && e.class !== 'branch') return [2, 3];
  return [n, n];
}

export function encodeMachine(u: Unit, e: IsaEntry, opsIn: Operand[], col: number, endCol: number): void {
  const [min, max] = arity(e);
  if (opsIn.length < min || opsIn.length > max) {
    const where = opsIn.length > max ? opsIn[max]!.col : endCol;
    throw new ExprError(
      opsIn.length < min ? `missing operand for '${e.mnemonic}' (expects ${min === max ? min : `${min} to ${max}`})` : `too many operands for '${e.mnemonic}' (expects ${min === max ? min : `${min} to ${max}`})`,
      where,
    );
  }
  let ops = opsIn;
  let kinds: readonly OperandKind[] = e.operands;
  if (e.mnemonic === 'jalr' && ops.length === 1) {
    ops = [{ toks: [{ kind: 'reg', text: 'ra', value: 0, col }], col }, ops[0]!];
  } else if (kinds.length === 3 && ops.length === 2 && min === 2) {
    ops = [ops[0]!, ops[0]!, ops[1]!];
  }
  if (kinds[0] === 'breakcode') {
    let w = e.match;
    if (ops.length >= 1) w |= rangeConst(u, ops[0]!, 0, 1023, 'break code') << 16;
    if (ops.length === 2) w |= rangeConst(u, ops[1]!, 0, 1023, 'break code') << 6;
    u.emit(e, w >>> 0);
    return;
  }
  if (kinds[0] === 'syscode') {
    let w = e.match;
    if (ops.length === 1) w |= rangeConst(u, ops[0]!, 0, 0xfffff, 'syscall code') << 6;
    u.emit(e, w >>> 0);
    return;
  }
  let word = e.match;
  let fix: { kind: 'simm16' | 'uimm16' | 'hi16' | 'lo16' | 'pc16' | 'j26'; expr: Expr; col: number } | undefined;
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!;
    const op = ops[i]!;
    switch (k) {
      case 'rd':
        word |= parseGpr(op) << 11;
        break;
      case 'rs':
        word |= parseGpr(op) << 21;
        break;
      case 'rt':
        word |= parseGpr(op) << 16;
        break;
      case 'sa':
        word |= rangeConst(u, op, 0, 31, 'shift amount') << 6;
        break;
      case 'cpreg':
      case 'cpctl':
        word |= parseCpReg(op, k === 'cpctl') << 11;
        break;
      case 'cprt':
        word |= parseCpReg(op, false) << 16;
        break;
      case 'cofun':
        word |= rangeConst(u, op, 0, 0x1ffffff, 'coprocessor function') & 0x1ffffff;
        break;
      case 'simm':
      case 'uimm':
      case 'hi16': {
        const r = imm16(u, op, k);
        if (typeof r === 'number') word |= r;
        else fix = r;
        break;
      }
      case 'mem': {
        const m = parseMem(op);
        word |= m.base << 21;
        if (m.expr) {
          const v = u.eval1(m.expr);
          if (v.rel === null) {
            if (v.v < -0x8000 || v.v > 0x7fff) throw new ExprError(`offset ${v.v} out of range (-32768..32767)`, m.exprCol);
            word |= v.v & 0xffff;
          } else fix = { kind: isHalfOp(m.expr) ? 'lo16' : 'simm16', expr: m.expr, col: m.exprCol };
        }
        break;
      }
      case 'branch':
        if (isRegOperand(op)) throw new ExprError(`expected a branch target, found register`, op.col);
        fix = { kind: 'pc16', expr: parseOpExpr(op), col: op.col };
        break;
      case 'jump':
        fix = { kind: 'j26', expr: parseOpExpr(op), col: op.col };
        break;
      case 'breakcode':
      case 'syscode':
        break;
    }
  }
  u.emit(e, word >>> 0, fix);
}

/** A 16-bit immediate: the field value now, or a fixup to apply at link time. */
function imm16(u: Unit, op: Operand, k: 'simm' | 'uimm' | 'hi16'): number | { kind: 'simm16' | 'uimm16' | 'hi16' | 'lo16'; expr: Expr; col: number } {
  if (isRegOperand(op)) throw new ExprError(`expected an immediate, found register $${op.toks[0]!.text}`, op.col);
  const e = parseOpExpr(op);
  const v = u.eval1(e);
  const half = isHalfOp(e);
  if (v.rel !== null) {
    if (e.k === 'hi') return { kind: 'hi16', expr: e, col: op.col };
    if (e.k === 'lo') return { kind: 'lo16', expr: e, col: op.col };
    return { kind: k === 'simm' ? 'simm16' : k === 'uimm' ? 'uimm16' : 'hi16', expr: e, col: op.col };
  }
  checkImm16(v.v, k, half, op.col);
  return v.v & 0xffff;
}

export function checkImm16(v: number, k: 'simm' | 'uimm' | 'hi16', half: boolean, col: number): void {
  // GNU as accepts 0x8000..0xffff for a signed field too (the 16 bits as written).
  const lo = k === 'simm' || half ? -0x8000 : 0;
  const hi = 0xffff;
  if (v < lo || v > hi) throw new ExprError(`immediate ${v} out of range (${lo}..${hi})`, col);
}

export function rangeConst(u: Unit, op: Operand, lo: number, hi: number, what: string): number {
  if (isRegOperand(op)) throw new ExprError(`expected ${what}, found register $${op.toks[0]!.text}`, op.col);
  const v = u.absolute(parseOpExpr(op), op.col, what);
  const x = v < 0 && hi > 0x7fffffff ? v >>> 0 : v;
  if (x < lo || x > hi) throw new ExprError(`${what} ${v} out of range (${lo}..${hi})`, op.col);
  return x;
}
