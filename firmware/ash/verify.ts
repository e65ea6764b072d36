/**
 * ASH verifier and sandboxer (docs/downloaded-code.md §2; paper §3.2.1, §6.3: handlers "made safe
 * by a combination of code inspection and sandboxing"; sandboxing after Wahbe, Lucco, Anderson and
 * Graham, "Efficient software-based fault isolation", SOSP '93).
 *
 * Input: an environment's message handler as R3000 machine-code words, linked at `linkBase` (only
 * `j` targets depend on it), and its three buffers. Output: a refusal naming the first offending
 * instruction, or the sandboxed routine to install at a kseg0 address.
 *
 * The rules, checked per instruction (a refusal names the first instruction that breaks one):
 *  - Only the allowed subset: addu subu and or xor nor slt sltu, addiu slti sltiu andi ori xori lui,
 *    sll srl sra sllv srlv srav, mult multu div divu mfhi mflo mthi mtlo, lb lbu lh lhu lw lwl lwr,
 *    sb sh sw swl swr, beq bne blez bgtz bltz bgez, j, and `jr ra` (the one exit). Refused:
 *    add/addi/sub (they trap on overflow), syscall, break, every COP0 instruction including rfe and
 *    the TLB operations (privileged), COP1-3 and lwc/swc (coprocessor), jal, jalr, bltzal, bgezal
 *    and any other jr (they write ra or leave the handler), reserved and non-canonical encodings.
 *  - Registers: the handler reads and writes only v0, v1, a0-a3, t0-t7 (and reads zero); at, t8
 *    and t9 belong to the sandbox; every other register (s*, k*, gp, sp, fp, ra) is untouchable.
 *  - Control: branch and j targets are instructions of the handler that are not delay slots; no
 *    branch or jump in a delay slot; the last instruction is the delay slot of `jr ra`, `j` or
 *    `beq r, r` (control never runs off the end).
 *  - Memory: the base register of every load and store names its buffer: a0 the frame (loads
 *    only: the frame is read-only), a2 the receive buffer, a3 the reply buffer. The handler may
 *    move a0/a2/a3 freely: every access is rewritten to
 *        addiu at, base, imm        (absent when imm = 0)
 *        andi  at, at, size-1       (also clearing the low bits of a halfword or word access, so
 *                                    it is aligned: no AdEL/AdES is possible)
 *        lui   t9, %hi(buffer)        (absent when t9 holds it already: same block, same %hi)
 *        addu  at, at, t9
 *        op    rt, %lo(buffer)(at)
 *    so it lands inside its buffer whatever the address (software fault isolation). Buffers are
 *    kseg0 RAM, a power of two of 16..65536 bytes, aligned to their size, and pairwise disjoint.
 *    An in-bounds access of a correct handler is unchanged; an unaligned lh/lw/sh/sw is aligned
 *    down instead of trapping; lwl/lwr/swl/swr touch only the aligned word of their address.
 *  - Time: a backward branch or j is preceded by a budget check on t8, which starts at `budget`:
 *        bltz  t8, abort
 *        addiu t8, t8, -(loop length)
 *    so a call executes at most 2 x (sandboxed length) + budget + 1 instructions (the proof is in
 *    docs/downloaded-code.md §2.4); past its budget the handler is aborted.
 *
 * Calling convention of the sandboxed routine (kernel mode, interrupts off):
 *   a0 = kseg0 address of the frame (inside the frame buffer), a1 = frame length,
 *   a2 = kseg0 address of the receive buffer, a3 = of the reply buffer; `jal` it.
 *   Returns v0 = bytes to send from the reply buffer (0 = no reply), v1 = bytes delivered into the
 *   receive buffer (0 = none); v0 = -1 (and v1 = 0) when the handler was aborted: it ran out of
 *   budget, or returned v0 > reply size or v1 > receive size.
 *   Clobbers at, v0, v1, a0-a3, t0-t9, HI, LO; nothing else (no other register, no CP0 state, no
 *   memory outside the receive and reply buffers). It never raises an exception.
 *   The prologue zeroes v0 and v1 (a handler that sets neither replies and delivers nothing) and
 *   every register of t0-t7 the handler reads (HI/LO too if it reads them), so no kernel value
 *   leaks into a reply.
 */
import { disassemble } from '../../assembler/disasm.js';
import { decodeCanonical, decodeHw } from '../../emulator/decode.js';
import { field, type IsaEntry } from '../../emulator/isa.js';
import { CodeBuffer, REG, ins, li } from '../dpf/emit.js';

export interface AshBuffer {
  /** kseg0 address, aligned to `size`. */
  readonly base: number;
  /** A power of two, 16..65536. */
  readonly size: number;
}

export interface AshBuffers {
  /** Where the kernel puts the frame (read-only to the handler). */
  readonly frame: AshBuffer;
  /** The environment's receive buffer. */
  readonly recv: AshBuffer;
  /** The reply the kernel sends when the handler returns v0 > 0. */
  readonly reply: AshBuffer;
}

export interface AshOptions {
  /** Where the sandboxed routine will be placed (kseg0; must not overlap a buffer). */
  readonly codeBase: number;
  /** The address the handler was linked at (its `j` targets), default 0. */
  readonly linkBase?: number;
  /** Instruction budget of backward branches (default ASH_DEFAULT_BUDGET). */
  readonly budget?: number;
}

export const ASH_MAX_WORDS = 1024;
export const ASH_DEFAULT_BUDGET = 8192;
export const ASH_MAX_BUDGET = 0x7fff0000;
/** Registers the handler may use. */
export const ASH_HANDLER_REGS: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
/** Registers the sandboxed routine may change (the handler's plus the sandbox's at, t8, t9). */
export const ASH_CLOBBERED: ReadonlySet<number> = new Set([...ASH_HANDLER_REGS, 1, 24, 25]);
/** v0 when the handler was aborted. */
export const ASH_ABORTED = -1;

export type AshVerdict =
  | {
      readonly ok: true;
      /** The sandboxed routine, for `codeBase`. */
      readonly words: Uint32Array;
      readonly codeBase: number;
      /** No call executes more instructions than this (delay slots included). */
      readonly maxInstructions: number;
      readonly budget: number;
      readonly stats: { readonly handlerWords: number; readonly accesses: number; readonly backEdges: number };
    }
  | {
      readonly ok: false;
      /** The first offending instruction, or -1 for a fault of the whole handler or the buffers. */
      readonly index: number;
      /** e.g. `instruction 5 (0x40026000: 'mfc0 v0,c0_sr'): privileged instruction`. */
      readonly reason: string;
    };

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const K0 = 0x80000000;
const K1 = 0xa0000000;

class Refusal extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const ALLOWED_ALU = new Set(['addu', 'subu', 'and', 'or', 'xor', 'nor', 'slt', 'sltu', 'addiu', 'slti', 'sltiu', 'andi', 'ori', 'xori', 'lui']);
const ALLOWED_SHIFT = new Set(['sll', 'srl', 'sra', 'sllv', 'srlv', 'srav']);
const ALLOWED_MULDIV = new Set(['mult', 'multu', 'div', 'divu', 'mfhi', 'mflo', 'mthi', 'mtlo']);
const ALLOWED_LOAD = new Set(['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr']);
const ALLOWED_STORE = new Set(['sb', 'sh', 'sw', 'swl', 'swr']);
const ALLOWED_BRANCH = new Set(['beq', 'bne', 'blez', 'bgtz', 'bltz', 'bgez']);

/** Why an instruction is outside the subset, or undefined if it is in it. */
function forbidden(e: IsaEntry, w: number): string | undefined {
  const m = e.mnemonic;
  if (ALLOWED_ALU.has(m) || ALLOWED_SHIFT.has(m) || ALLOWED_MULDIV.has(m) || ALLOWED_LOAD.has(m) || ALLOWED_STORE.has(m) || ALLOWED_BRANCH.has(m) || m === 'j') return undefined;
  if (m === 'jr') return field.rs(w) === REG.ra ? undefined : 'jr to a register other than ra (the only exit is jr ra)';
  if (e.privileged === true || e.class === 'cop0') return 'privileged instruction';
  if (e.class === 'cop' || e.cop !== undefined) return 'coprocessor instruction';
  if (m === 'syscall') return 'system call';
  if (m === 'break') return 'breakpoint';
  if (m === 'add' || m === 'addi' || m === 'sub') return `${m} traps on overflow (use ${m === 'sub' ? 'subu' : m + 'u'})`;
  if (m === 'jal' || m === 'jalr' || m === 'bltzal' || m === 'bgezal') return `${m} writes a return address (calls are not allowed)`;
  return 'instruction not allowed in a handler';
}

function checkBuffers(b: AshBuffers, codeBase: number, codeBytes: number): void {
  const named: [string, AshBuffer][] = [
    ['frame', b.frame],
    ['receive', b.recv],
    ['reply', b.reply],
  ];
  for (const [name, x] of named) {
    const s = x.size;
    if (!Number.isInteger(s) || s < 16 || s > 65536 || (s & (s - 1)) !== 0) throw new Refusal(-1, `${name} buffer: size ${s} is not a power of two in 16..65536`);
    const base = x.base >>> 0;
    if (base % s !== 0) throw new Refusal(-1, `${name} buffer: base ${hex8(base)} is not aligned to its size ${s}`);
    if (base < K0 || base + s > K1) throw new Refusal(-1, `${name} buffer: ${hex8(base)}..${hex8(base + s - 1)} is not in kseg0`);
  }
  const ranges: [string, number, number][] = [...named.map(([n, x]) => [n, x.base >>> 0, (x.base >>> 0) + x.size] as [string, number, number]), ['code', codeBase >>> 0, (codeBase >>> 0) + codeBytes]];
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [n1, lo1, hi1] = ranges[i]!;
      const [n2, lo2, hi2] = ranges[j]!;
      if (lo1 < hi2 && lo2 < hi1) throw new Refusal(-1, `the ${n1} ${n1 === 'code' ? 'area' : 'buffer'} overlaps the ${n2} ${n2 === 'code' ? 'area' : 'buffer'}`);
    }
  }
}

interface Decoded {
  readonly w: number;
  readonly e: IsaEntry;
  /** Branch/jump target index (branches and j), or -1 (jr: -2 = the exit). */
  readonly target: number;
}

/**
 * Verifies a handler and builds its sandboxed routine for `opts.codeBase`, or refuses it.
 */
export function verifyAsh(handler: ArrayLike<number>, buffers: AshBuffers, opts: AshOptions): AshVerdict {
  try {
    return build(handler, buffers, opts);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, index: e.index, reason: e.message };
    throw e;
  }
}

function build(handler: ArrayLike<number>, buffers: AshBuffers, opts: AshOptions): AshVerdict {
  const n = handler.length;
  const linkBase = (opts.linkBase ?? 0) >>> 0;
  const budget = opts.budget ?? ASH_DEFAULT_BUDGET;
  if (!Number.isInteger(budget) || budget < 0 || budget > ASH_MAX_BUDGET) throw new Refusal(-1, `budget ${budget} is not 0..${ASH_MAX_BUDGET}`);
  if (n === 0) throw new Refusal(-1, 'empty handler');
  if (n > ASH_MAX_WORDS) throw new Refusal(-1, `handler of ${n} instructions is longer than ${ASH_MAX_WORDS}`);
  if ((opts.codeBase & 3) !== 0) throw new Refusal(-1, `code address ${hex8(opts.codeBase)} is not word aligned`);
  if ((linkBase & 3) !== 0) throw new Refusal(-1, `link address ${hex8(linkBase)} is not word aligned`);
  const where = (i: number): string => {
    const w = handler[i]! >>> 0;
    const text = decodeCanonical(w) === undefined ? '.word' : disassemble(w, linkBase + 4 * i).text.replace(/\t/g, ' ');
    return `instruction ${i} (${hex8(w)}: '${text}')`;
  };
  const refuse = (i: number, why: string): never => {
    throw new Refusal(i, `${where(i)}: ${why}`);
  };

  // ---- pass 1: each instruction on its own ----
  const dec: Decoded[] = [];
  const delaySlots = new Set<number>();
  for (let i = 0; i < n; i++) {
    const w = handler[i]! >>> 0;
    const e = decodeCanonical(w);
    if (e === undefined) refuse(i, decodeHw(w) < 0 ? 'reserved instruction' : 'not a canonical encoding');
    const why = forbidden(e!, w);
    if (why !== undefined) refuse(i, why);
    // Registers.
    const rs = field.rs(w);
    const rt = field.rt(w);
    const rd = field.rd(w);
    for (const role of e!.reads) {
      const r = role === 'rs' ? rs : role === 'rt' ? rt : -1;
      if (r < 0 || r === 0 || ASH_HANDLER_REGS.has(r)) continue;
      if (e!.mnemonic === 'jr') continue; // jr ra
      refuse(i, `reads ${regName(r)} (a handler uses only v0, v1, a0-a3, t0-t7)`);
    }
    for (const role of e!.writes) {
      const r = role === 'rd' ? rd : role === 'rt' ? rt : role === 'ra' ? 31 : -1;
      if (r < 0 || r === 0 || ASH_HANDLER_REGS.has(r)) continue;
      refuse(i, `writes ${regName(r)} (a handler uses only v0, v1, a0-a3, t0-t7)`);
    }
    // Memory.
    if (e!.class === 'load' || e!.class === 'store') {
      if (rs !== REG.a0 && rs !== REG.a2 && rs !== REG.a3) refuse(i, `base register ${regName(rs)}: memory is reached only through a0 (frame), a2 (receive buffer) or a3 (reply buffer)`);
      if (e!.class === 'store' && rs === REG.a0) refuse(i, 'store to the frame (it is read-only)');
    }
    let target = -1;
    if (e!.class === 'branch') {
      target = i + 1 + field.simm(w);
      if (target < 0 || target >= n) refuse(i, `branch target ${hex8(linkBase + 4 * target)} is outside the handler`);
    } else if (e!.mnemonic === 'j') {
      const addr = (((linkBase + 4 * i + 4) & 0xf0000000) | (field.target(w) << 2)) >>> 0;
      target = (addr - linkBase) / 4;
      if (addr < linkBase || target >= n) refuse(i, `jump target ${hex8(addr)} is outside the handler`);
    } else if (e!.mnemonic === 'jr') target = -2;
    if (target >= 0 || target === -2) {
      if (i + 1 >= n) refuse(i, 'a branch or jump as the last instruction (its delay slot is missing)');
      delaySlots.add(i + 1);
    }
    dec.push({ w, e: e!, target });
  }
  // ---- pass 2: control structure ----
  for (let i = 0; i < n; i++) {
    const d = dec[i]!;
    if (d.target !== -1 && delaySlots.has(i)) refuse(i, 'branch or jump in a delay slot');
    if (d.target >= 0 && delaySlots.has(d.target)) refuse(i, `target is instruction ${d.target}, a delay slot`);
  }
  const last = dec[n - 2];
  const uncond = (d: Decoded | undefined): boolean =>
    d !== undefined && (d.e.mnemonic === 'jr' || d.e.mnemonic === 'j' || (d.e.mnemonic === 'beq' && field.rs(d.w) === field.rt(d.w)));
  if (!uncond(last)) throw new Refusal(n - 1, `${where(n - 1)}: control can run past the end (the last instruction must be the delay slot of jr ra, j or an unconditional beq)`);
  const codeBase = opts.codeBase >>> 0;

  // Registers read anywhere: zeroed by the prologue unless they are inputs (a0-a3).
  const readsReg = new Set<number>();
  let readsHiLo = false;
  for (const d of dec) {
    for (const role of d.e.reads) {
      if (role === 'rs') readsReg.add(field.rs(d.w));
      else if (role === 'rt') readsReg.add(field.rt(d.w));
      else if (role === 'hi' || role === 'lo') readsHiLo = true;
    }
  }

  // ---- pass 3: the sandboxed code ----
  const c = new CodeBuffer();
  const L = Array.from({ length: n }, () => c.label());
  const EPI = c.label();
  const ABORT = c.label();
  /** Budget checks: the item of the addiu to patch, the item of the backward branch, its target label. */
  const checks: { addiu: number; branch: number; target: number }[] = [];
  let accesses = 0;
  // Prologue.
  for (const r of [REG.v0, REG.v1, 8, 9, 10, 11, 12, 13, 14, 15]) if (readsReg.has(r) || r === REG.v0 || r === REG.v1) c.ins('or', { rd: r, rs: 0, rt: 0 });
  if (readsHiLo) {
    c.ins('mthi', { rs: 0 });
    c.ins('mtlo', { rs: 0 });
  }
  if (dec.some((d, i) => d.target >= 0 && d.target <= i)) c.w(...li(REG.t8, budget));

  // t9 = %hi of the buffer last addressed, while that is known: only the sandbox writes t9, so it
  // holds within straight-line code; at a branch target it is unknown.
  let t9hi: number | undefined;
  const targets = new Set(dec.filter((d) => d.target >= 0).map((d) => d.target));
  const region = (base: number): AshBuffer => (base === REG.a0 ? buffers.frame : base === REG.a2 ? buffers.recv : buffers.reply);
  /** An access: its address computation (writes at, t9 only) and the access itself on `at`. */
  const access = (d: Decoded): number[] => {
    accesses++;
    const w = d.w;
    const B = field.rs(w);
    const imm = field.simm(w);
    const R = region(B);
    const partial = ['lwl', 'lwr', 'swl', 'swr'].includes(d.e.mnemonic);
    const mask = (R.size - 1) & ~(partial ? 0 : d.e.width! - 1);
    const base = R.base >>> 0;
    const lo = (base << 16) >> 16;
    const hi = ((base - lo) >>> 16) & 0xffff;
    const out: number[] = [];
    if (imm !== 0) out.push(ins('addiu', { rt: REG.at, rs: B, imm: imm & 0xffff }));
    out.push(ins('andi', { rt: REG.at, rs: imm !== 0 ? REG.at : B, imm: mask }));
    if (t9hi !== hi) out.push(ins('lui', { rt: REG.t9, imm: hi }));
    t9hi = hi;
    out.push(ins('addu', { rd: REG.at, rs: REG.at, rt: REG.t9 }));
    out.push(((w & ~0x03e0ffff) | (REG.at << 21) | (lo & 0xffff)) >>> 0);
    return out;
  };
  const isMem = (d: Decoded): boolean => d.e.class === 'load' || d.e.class === 'store';

  for (let i = 0; i < n; i++) {
    const d = dec[i]!;
    c.place(L[i]!);
    if (targets.has(i)) t9hi = undefined;
    if (d.target === -1) {
      c.w(...(isMem(d) ? access(d) : [d.w]));
      continue;
    }
    // A branch or jump with its delay slot. The slot's address computation goes before the
    // branch (it writes only at and t9, which no branch reads), the access stays in the slot.
    const slot = dec[i + 1]!;
    const slotWords = isMem(slot) ? access(slot) : [slot.w];
    const back = d.target >= 0 && d.target <= i;
    let addiu = -1;
    if (back) {
      c.br('bltz', REG.t8, 0, ABORT);
      addiu = c.items.length - 1; // the nop c.br put in the delay slot: becomes the addiu
    }
    c.w(...slotWords.slice(0, -1));
    const label = d.target === -2 ? EPI : L[d.target]!;
    if (d.e.class === 'branch') c.items.push({ k: 'br', mn: 'beq', rs: 0, rt: 0, label, raw: d.w });
    else c.items.push({ k: 'br', mn: 'beq', rs: 0, rt: 0, label }); // j, jr ra: an unconditional branch
    if (back) checks.push({ addiu, branch: c.items.length - 1, target: label });
    c.w(slotWords[slotWords.length - 1]!);
    i++; // the delay slot is done
  }
  // Epilogue: the results in range, else abort.
  c.place(EPI);
  resultCheck(c, REG.v0, buffers.reply.size, ABORT);
  resultCheck(c, REG.v1, buffers.recv.size, ABORT);
  c.ins('jr', { rs: REG.ra });
  c.w(0);
  c.place(ABORT);
  c.ins('addiu', { rt: REG.v0, rs: 0, imm: 0xffff });
  c.ins('jr', { rs: REG.ra });
  c.ins('or', { rd: REG.v1, rs: 0, rt: 0 });

  // The budget charge of a backward branch: the instructions from its target to it, plus its
  // delay slot (docs/downloaded-code.md §2.4).
  const { labelPos, itemPos } = c.layout();
  for (const k of checks) {
    const charge = itemPos[k.branch]! - labelPos.get(k.target)! + 2;
    if (charge > 0x8000) throw new Refusal(-1, 'a loop is too long for the budget check');
    c.items[k.addiu] = { k: 'w', w: ins('addiu', { rt: REG.t8, rs: REG.t8, imm: -charge & 0xffff }) };
  }
  const words = c.resolve();
  checkBuffers(buffers, codeBase, words.length * 4);
  return {
    ok: true,
    words,
    codeBase,
    maxInstructions: 2 * words.length + budget + 1,
    budget,
    stats: { handlerWords: n, accesses, backEdges: checks.length },
  };
}

/** if (r > size) goto abort  (unsigned) */
function resultCheck(c: CodeBuffer, r: number, size: number, abort: number): void {
  if (size + 1 <= 0x7fff) c.ins('sltiu', { rt: REG.at, rs: r, imm: size + 1 });
  else {
    c.w(...li(REG.t9, size + 1));
    c.ins('sltu', { rd: REG.at, rs: r, rt: REG.t9 });
  }
  c.br('beq', REG.at, 0, abort);
}

const NAMES = ['zero', 'at', 'v0', 'v1', 'a0', 'a1', 'a2', 'a3', 't0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 't8', 't9', 'k0', 'k1', 'gp', 'sp', 'fp', 'ra'];
function regName(r: number): string {
  return NAMES[r]!;
}
