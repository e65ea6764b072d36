/**
 * Branch pseudo-instructions: `b bal beqz bnez` and the comparisons `blt ble bgt bge` with their
 * unsigned forms, register or immediate. Expansions as binutils 2.40 (-march=r3000 -O0) makes
 * them, including its special cases (comparisons with $zero, 0 and 1, and the never/always true
 * forms: never-taken emits a single nop, always-taken a `b` with a warning).
 */
import { type Expr, ExprError } from './expr.js';
import { type Operand, isRegLike, isRegOperand, parseGpr, parseOpExpr } from './operands.js';
import type { Unit } from './unit.js';
import { AT, type PseudoFn, arity, ins, loadConst, nop, useAt } from './pseudo.js';

type Rel = 'lt' | 'le' | 'gt' | 'ge';

function target(op: Operand): { kind: 'pc16'; expr: Expr; col: number } {
  if (isRegOperand(op)) throw new ExprError('expected a branch target, found a register', op.col);
  return { kind: 'pc16', expr: parseOpExpr(op), col: op.col };
}

/** beq/bne/blez/... against $zero-style single-register branches, by name. */
function br(u: Unit, mnem: 'beq' | 'bne' | 'bltz' | 'bgez' | 'blez' | 'bgtz', rs: number, rt: number, t: ReturnType<typeof target>): void {
  ins(u, mnem, { rs, rt }, t);
}

function always(u: Unit, name: string, col: number, t: ReturnType<typeof target>): void {
  u.warn(col, `branch ${name} is always true`);
  br(u, 'beq', 0, 0, t);
}

/** slt/sltu at,a,b then bnez/beqz at. */
function viaAt(u: Unit, unsigned: boolean, a: number, b: number, taken: 'bne' | 'beq', col: number, t: ReturnType<typeof target>): void {
  useAt(u, col);
  ins(u, unsigned ? 'sltu' : 'slt', { rd: AT, rs: a, rt: b });
  br(u, taken, AT, 0, t);
}

export function branchCompare(rel: Rel, unsigned: boolean): PseudoFn {
  const name = `b${rel}${unsigned ? 'u' : ''}`;
  return (u, ops, col, endCol) => {
    arity(ops, 3, 3, name, endCol);
    const s = parseGpr(ops[0]!);
    const t = target(ops[2]!);
    if (isRegLike(ops[1]!, u.isSymbol)) {
      let a = s;
      let b = parseGpr(ops[1]!);
      // bgt/ble are blt/bge with the operands swapped.
      let r: 'lt' | 'ge' = rel === 'lt' || rel === 'gt' ? 'lt' : 'ge';
      if (rel === 'gt' || rel === 'le') [a, b] = [b, a];
      if (!unsigned) {
        if (r === 'lt') {
          if (b === 0) return br(u, 'bltz', a, 0, t);
          if (a === 0) return br(u, 'bgtz', b, 0, t);
          return viaAt(u, false, a, b, 'bne', col, t);
        }
        if (b === 0) return br(u, 'bgez', a, 0, t);
        if (a === 0) return br(u, 'blez', b, 0, t);
        return viaAt(u, false, a, b, 'beq', col, t);
      }
      if (r === 'lt') {
        if (b === 0) return nop(u);
        if (a === 0) return br(u, 'bne', b, 0, t);
        return viaAt(u, true, a, b, 'bne', col, t);
      }
      if (b === 0) return always(u, name, col, t);
      if (a === 0) return br(u, 'beq', b, 0, t);
      void r;
      r = 'ge';
      return viaAt(u, true, a, b, 'beq', col, t);
    }
    let v = u.absolute(parseOpExpr(ops[1]!), ops[1]!.col, 'comparison value');
    let r = rel;
    // bgt x,imm = bge x,imm+1; ble x,imm = blt x,imm+1 (unless imm+1 overflows).
    if (r === 'gt' || r === 'le') {
      const max = unsigned ? -1 : 0x7fffffff;
      if (v === max) return r === 'gt' ? nop(u) : always(u, name, col, t);
      v = (v + 1) | 0;
      r = r === 'gt' ? 'ge' : 'lt';
    }
    const taken = r === 'lt' ? 'bne' : 'beq';
    if (!unsigned) {
      if (v === 0) return br(u, r === 'lt' ? 'bltz' : 'bgez', s, 0, t);
      if (v === 1) return br(u, r === 'lt' ? 'blez' : 'bgtz', s, 0, t);
      useAt(u, col);
      if (v >= -0x8000 && v < 0x8000) ins(u, 'slti', { rt: AT, rs: s, imm: v });
      else {
        loadConst(u, AT, v);
        ins(u, 'slt', { rd: AT, rs: s, rt: AT });
      }
      return br(u, taken, AT, 0, t);
    }
    if (v === 0) return r === 'lt' ? nop(u) : always(u, name, col, t);
    if (v === 1) return br(u, r === 'lt' ? 'beq' : 'bne', s, 0, t);
    useAt(u, col);
    if (v >= -0x8000 && v < 0x8000) ins(u, 'sltiu', { rt: AT, rs: s, imm: v });
    else {
      loadConst(u, AT, v);
      ins(u, 'sltu', { rd: AT, rs: s, rt: AT });
    }
    return br(u, taken, AT, 0, t);
  };
}

/** `beq rs, imm, L` / `bne rs, imm, L`: compare against $zero or a constant loaded into $at. */
export function branchMachineImm(u: Unit, mnem: 'beq' | 'bne', ops: Operand[], col: number): void {
  const s = parseGpr(ops[0]!);
  const v = u.absolute(parseOpExpr(ops[1]!), ops[1]!.col, 'comparison value');
  const t = target(ops[2]!);
  if (v === 0) return br(u, mnem, s, 0, t);
  useAt(u, col);
  loadConst(u, AT, v);
  br(u, mnem, s, AT, t);
}

export const BRANCH_PSEUDOS: Array<[string, PseudoFn]> = [
  ['b', (u, ops, _c, endCol) => { arity(ops, 1, 1, 'b', endCol); br(u, 'beq', 0, 0, target(ops[0]!)); }],
  ['bal', (u, ops, _c, endCol) => { arity(ops, 1, 1, 'bal', endCol); ins(u, 'bgezal', { rs: 0 }, target(ops[0]!)); }],
  ['beqz', (u, ops, _c, endCol) => { arity(ops, 2, 2, 'beqz', endCol); br(u, 'beq', parseGpr(ops[0]!), 0, target(ops[1]!)); }],
  ['bnez', (u, ops, _c, endCol) => { arity(ops, 2, 2, 'bnez', endCol); br(u, 'bne', parseGpr(ops[0]!), 0, target(ops[1]!)); }],
  ['blt', branchCompare('lt', false)],
  ['ble', branchCompare('le', false)],
  ['bgt', branchCompare('gt', false)],
  ['bge', branchCompare('ge', false)],
  ['bltu', branchCompare('lt', true)],
  ['bleu', branchCompare('le', true)],
  ['bgtu', branchCompare('gt', true)],
  ['bgeu', branchCompare('ge', true)],
];
