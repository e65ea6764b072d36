/**
 * Set-on-condition pseudo-instructions: `seq sne sle sleu sgt sgtu sge sgeu` (register and
 * immediate forms, 2- or 3-operand). `slt`/`sltu` with an immediate are handled with the other
 * register-form ALU instructions in pseudo.ts. Expansions as binutils 2.40 -march=r3000 -O0.
 */
import { type Operand, isRegLike, parseGpr, parseOpExpr } from './operands.js';
import type { Unit } from './unit.js';
import { AT, type PseudoFn, arity, ins, loadConst, useAt } from './pseudo.js';

function operands(u: Unit, ops: Operand[], name: string, endCol: number): { d: number; s: number; t: Operand } {
  arity(ops, 2, 3, name, endCol);
  const d = parseGpr(ops[0]!);
  if (ops.length === 2) return { d, s: d, t: ops[1]! };
  return { d, s: parseGpr(ops[1]!), t: ops[2]! };
}

function eqne(ne: boolean): PseudoFn {
  const name = ne ? 'sne' : 'seq';
  const finish = (u: Unit, d: number, x: number): void => {
    if (ne) ins(u, 'sltu', { rd: d, rs: 0, rt: x });
    else ins(u, 'sltiu', { rt: d, rs: x, imm: 1 });
  };
  return (u, ops, col, endCol) => {
    const { d, s, t } = operands(u, ops, name, endCol);
    if (isRegLike(t, u.isSymbol)) {
      const r = parseGpr(t);
      if (r === 0) return finish(u, d, s);
      if (s === 0) return finish(u, d, r);
      ins(u, 'xor', { rd: d, rs: s, rt: r });
      return finish(u, d, d);
    }
    const v = u.absolute(parseOpExpr(t), t.col, 'immediate');
    if (v === 0) return finish(u, d, s);
    if (v > 0 && v <= 0xffff) ins(u, 'xori', { rt: d, rs: s, imm: v });
    else if (v < 0 && v >= -0x8000) ins(u, 'addiu', { rt: d, rs: s, imm: -v });
    else {
      useAt(u, col);
      loadConst(u, AT, v);
      ins(u, 'xor', { rd: d, rs: s, rt: AT });
    }
    finish(u, d, d);
  };
}

/**
 * sgt/sgtu: slt d,t,s. sle/sleu: slt d,t,s then xori 1. sge/sgeu: slt d,s,t then xori 1. With
 * an immediate, sgt/sle load it into $at; sge uses slti when it fits.
 */
function cmp(kind: 'gt' | 'le' | 'ge', unsigned: boolean): PseudoFn {
  const name = `s${kind}${unsigned ? 'u' : ''}`;
  const slt = unsigned ? 'sltu' : 'slt';
  const slti = unsigned ? 'sltiu' : 'slti';
  return (u, ops, col, endCol) => {
    const { d, s, t } = operands(u, ops, name, endCol);
    if (isRegLike(t, u.isSymbol)) {
      const r = parseGpr(t);
      if (kind === 'ge') ins(u, slt, { rd: d, rs: s, rt: r });
      else ins(u, slt, { rd: d, rs: r, rt: s });
    } else {
      const v = u.absolute(parseOpExpr(t), t.col, 'immediate');
      if (kind === 'ge' && v >= -0x8000 && v < 0x8000) ins(u, slti, { rt: d, rs: s, imm: v });
      else {
        useAt(u, col);
        loadConst(u, AT, v);
        if (kind === 'ge') ins(u, slt, { rd: d, rs: s, rt: AT });
        else ins(u, slt, { rd: d, rs: AT, rt: s });
      }
    }
    if (kind !== 'gt') ins(u, 'xori', { rt: d, rs: d, imm: 1 });
  };
}

export const SET_PSEUDOS: Array<[string, PseudoFn]> = [
  ['seq', eqne(false)],
  ['sne', eqne(true)],
  ['sgt', cmp('gt', false)],
  ['sgtu', cmp('gt', true)],
  ['sle', cmp('le', false)],
  ['sleu', cmp('le', true)],
  ['sge', cmp('ge', false)],
  ['sgeu', cmp('ge', true)],
];
