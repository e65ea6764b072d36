/**
 * Random bare-machine programs for the engines' lockstep test (test/jit/lockstep.test.ts).
 *
 * Physical layout (1 MiB of RAM is plenty):
 *   0x0000  UTLB vector: j handler          0x0080  general vector: j handler
 *   0x0100  the handler: an interrupt (the timer) is acknowledged and the code resumes at EPC; any
 *           other exception resumes after the faulting instruction (after the branch and its slot
 *           when Cause.BD is set), so a program runs on through its own faults
 *   0x0200  the prologue: base registers, random register values, the timer (a random period, so
 *           interrupts arrive at random cycles), Status (BEV=0, IM4, and kernel or user mode),
 *           then `jr; rfe` into the body
 *   0x1000  the body: random instructions, then `j body; nop` (it repeats until the budget ends)
 *   0x10000 data, and 0x20000: data 64 KB further (the same D-cache lines with the default size)
 * In user mode the body runs at 0x00401000 through the TLB (entries 0-3, below Random's range):
 * code (writable), data cached, the same data uncached (N=1), the device page.
 *
 * The body mixes ALU and shift instructions, every load and store width (LWL/LWR/SWL/SWR too)
 * through base registers that point at cached, uncached, device, unmapped and code memory
 * (self-modifying stores: `sw $19` writes a valid instruction, other stores write anything),
 * loads followed by a use or another load of the same register (the load-delay cases), counted
 * loops that branch back to their own first instruction (self-looping blocks), counted loops of
 * several blocks with an if inside and a store into their own code now and then (regions), branches
 * and jumps with random delay slots (loads and branches in them), MULT/DIV with MFHI/MFLO at
 * random distances, faults (overflow, misaligned, TLB miss, bus error, SYSCALL, BREAK, RI,
 * coprocessor instructions, CpU in user mode), MFC0 reads and TLBWR/EntryHi writes.
 */
import { enc } from '../emulator/harness.js';
import { Rng } from '../diff/randprog.js';

export interface RandomProgram {
  /** Words at physical 0 (vectors, handler, prologue) and at 0x1000 (the body and its loop). */
  readonly low: number[];
  readonly body: number[];
  readonly user: boolean;
  /** TLB entries (EntryHi, EntryLo) for indices 0.. */
  readonly tlb: readonly (readonly [number, number])[];
  readonly entry: number;
}

const K0 = 26;
const K1 = 27;
const BASES = { data: 17, uncached: 18, insn: 19, code: 20, device: 21, unmapped: 22, conflict: 23 } as const;
const V = 0x200;
const D = 0x400;
const G = 0x100;
const N = 0x800;

function li(r: number, v: number): number[] {
  return [enc('lui', { rt: r, imm: v >>> 16 }), enc('ori', { rs: r, rt: r, imm: v & 0xffff })];
}

function handler(): number[] {
  return [
    enc('mfc0', { rt: K0, rd: 13 }),
    enc('mfc0', { rt: K1, rd: 14 }),
    0,
    enc('bltz', { rs: K0, imm: 6 }), // -> HBD (10)
    enc('andi', { rs: K0, rt: K0, imm: 0x7c }),
    enc('beq', { rs: K0, rt: 0, imm: 9 }), // -> HINT (15)
    0,
    enc('addiu', { rs: K1, rt: K1, imm: 4 }),
    enc('jr', { rs: K1 }),
    enc('rfe'),
    enc('beq', { rs: K0, rt: 0, imm: 4 }), // HBD: -> HINT
    0,
    enc('addiu', { rs: K1, rt: K1, imm: 8 }),
    enc('jr', { rs: K1 }),
    enc('rfe'),
    enc('lui', { rt: K0, imm: 0xb500 }), // HINT: acknowledge one timer tick
    enc('lw', { rs: K0, rt: K0, imm: 0x110 }),
    enc('jr', { rs: K1 }),
    enc('rfe'),
  ];
}

const EDGE = [0, 1, -1, 0x7fffffff, -0x80000000, 0x8000, 0xffff, 0x12345678, 4, 0x10000];

export function generate(seed: number, bodyWords: number): RandomProgram {
  const r = new Rng(seed);
  const user = r.chance(0.4);
  const bodyVa = user ? 0x00401000 : 0x80001000;
  const dataVa = user ? 0x00410000 : 0x80010000;
  const uncVa = user ? 0x00420000 : 0xa0010000;
  const devVa = user ? 0x00430000 : 0xb5000000;
  const low: number[] = new Array(0x200 / 4).fill(0);
  const jh = enc('j', { target: 0x80000100 });
  low[0] = jh;
  low[0x80 / 4] = jh;
  handler().forEach((w, i) => (low[0x100 / 4 + i] = w));
  const pro: number[] = [];
  const value = (): number => (r.chance(0.3) ? r.pick(EDGE) : r.chance(0.3) ? r.int(256) : r.next() | 0);
  pro.push(...li(BASES.data, dataVa), ...li(BASES.uncached, uncVa), ...li(BASES.code, bodyVa), ...li(BASES.device, devVa));
  pro.push(...li(BASES.unmapped, 0x00800000), ...li(BASES.insn, enc('addiu', { rs: 8, rt: 8, imm: 1 })));
  pro.push(...li(BASES.conflict, user ? 0x00440000 : 0x80020000));
  for (const reg of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 24, 25, 28, 29, 30, 31]) pro.push(...li(reg, value()));
  pro.push(...li(K0, 0xb5000000), ...li(K1, 50 + r.int(3000)));
  pro.push(enc('sw', { rs: K0, rt: K1, imm: 0x120 }), enc('addiu', { rs: 0, rt: K1, imm: 1 }), enc('sw', { rs: K0, rt: K1, imm: 0x130 }));
  pro.push(...li(K0, 0x1000 | 4 | (user ? 8 : 0)), enc('mtc0', { rt: K0, rd: 12 }), ...li(K1, bodyVa), enc('jr', { rs: K1 }), enc('rfe'));
  pro.forEach((w, i) => (low[0x200 / 4 + i] = w));

  const body: number[] = [];
  const dst = (): number => (r.chance(0.9) ? r.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 31]) : r.int(32));
  const src = (): number => r.int(32);
  const imm = (): number => (r.chance(0.3) ? r.pick([0, 1, 0xffff, 0x8000, 0x7fff, 4]) : r.int(0x10000));
  const memOff = (size: number): number => (r.chance(0.1) ? r.int(256) : r.int(64) * size) - (r.chance(0.1) ? 64 : 0);
  const base = (): number => {
    const k = r.int(100);
    if (k < 35) return BASES.data;
    if (k < 45) return BASES.conflict;
    if (k < 60) return BASES.uncached;
    if (k < 70) return BASES.code;
    if (k < 80) return BASES.device;
    if (k < 88) return BASES.unmapped;
    return r.int(32);
  };
  const ALU_R = ['addu', 'subu', 'and', 'or', 'xor', 'nor', 'slt', 'sltu', 'sllv', 'srlv', 'srav', 'add', 'sub'];
  const ALU_I = ['addiu', 'slti', 'sltiu', 'andi', 'ori', 'xori', 'lui', 'addi'];
  const LOADS = ['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr'];
  const STORES = ['sb', 'sh', 'sw', 'swl', 'swr'];
  const size = (m: string): number => (m === 'lw' || m === 'sw' ? 4 : m === 'lh' || m === 'lhu' || m === 'sh' ? 2 : 1);
  const branchTo = (from: number, to: number): number => (to - (from + 1)) & 0xffff;

  const one = (i: number): number => {
    const k = r.int(1000);
    if (k < 330) {
      const m = r.pick(ALU_R);
      return enc(m, { rd: dst(), rs: src(), rt: src() });
    }
    if (k < 450) {
      const m = r.pick(ALU_I);
      return enc(m, { rt: dst(), rs: src(), imm: imm() });
    }
    if (k < 500) return enc(r.pick(['sll', 'srl', 'sra']), { rd: dst(), rt: src(), sa: r.int(32) });
    if (k < 650) {
      const m = r.pick(LOADS);
      return enc(m, { rt: dst(), rs: base(), imm: memOff(size(m)) & 0xffff });
    }
    if (k < 760) {
      const m = r.pick(STORES);
      const b = base();
      const rt = b === BASES.code && r.chance(0.7) ? BASES.insn : src();
      return enc(m, { rt, rs: b, imm: (b === BASES.code ? r.int(bodyWords) * 4 : memOff(size(m))) & 0xffff });
    }
    if (k < 850) {
      // A branch: mostly forward inside the body, sometimes back, sometimes to the loop jump.
      const to = r.chance(0.85) ? Math.min(bodyWords, i + 2 + r.int(16)) : Math.max(0, i - 1 - r.int(24));
      const m = r.pick(['beq', 'bne', 'blez', 'bgtz', 'bltz', 'bgez', 'bltzal', 'bgezal', 'beq', 'bne']);
      return enc(m, { rs: src(), rt: r.chance(0.3) ? 0 : src(), imm: branchTo(i, to) });
    }
    if (k < 870) return enc(r.pick(['j', 'jal']), { target: bodyVa + 4 * Math.min(bodyWords, i + 2 + r.int(40)) });
    if (k < 880) return r.chance(0.7) ? enc('jr', { rs: 31 }) : enc('jalr', { rd: dst(), rs: 31 });
    if (k < 920) return enc(r.pick(['mult', 'multu', 'div', 'divu']), { rs: src(), rt: src() });
    if (k < 955) return enc(r.pick(['mfhi', 'mflo']), { rd: dst() });
    if (k < 965) return enc(r.pick(['mthi', 'mtlo']), { rs: src() });
    if (k < 975) return r.pick([enc('syscall', { code: r.int(100) }), enc('break', { code: r.int(100) }), r.next() >>> 0]);
    if (k < 990) return enc('mfc0', { rt: dst(), rd: r.pick([1, 8, 12, 13, 14, 15]) });
    if (k < 995) return enc('mtc0', { rt: src(), rd: 10 });
    return r.pick([enc('tlbwr'), enc('tlbp'), enc('tlbr')]);
  };

  /** A random instruction that is not a branch, jump, SYSCALL or BREAK. */
  const straight = (at: number): number => {
    let w = one(at);
    while ([2, 3].includes(w >>> 26) || (w >>> 26 >= 4 && w >>> 26 <= 7) || (w >>> 26 === 1) || ((w >>> 26) === 0 && ((w & 63) === 8 || (w & 63) === 9))) w = one(at);
    return w;
  };

  for (let i = 0; i < bodyWords; i++) {
    const k = r.int(100);
    if (k < 10 && i + 2 < bodyWords) {
      // A load; in its delay slot a reader, a writer, another load (LWL/LWR merge) or a store of
      // the same register; then a reader of it.
      const rt = dst();
      const m = r.pick(LOADS);
      body.push(enc(m, { rt, rs: BASES.data, imm: memOff(size(m)) & 0xffff }));
      const n = r.int(4);
      if (n === 0) body.push(enc('addu', { rd: dst(), rs: rt, rt: src() }));
      else if (n === 1) body.push(enc('addiu', { rt, rs: src(), imm: imm() }));
      else if (n === 2) body.push(enc(r.pick(LOADS), { rt, rs: BASES.data, imm: r.int(64) & 0xffff }));
      else body.push(enc('sw', { rt, rs: BASES.data, imm: r.int(64) * 4 }));
      body.push(enc('addu', { rd: dst(), rs: rt, rt: r.chance(0.5) ? 0 : src() }));
      i += 2;
      continue;
    }
    if (k < 20 && i + 13 < bodyWords) {
      // A counted loop that branches to its own first instruction (a self-looping block):
      // addiu $16, $0, count; L: 1-6 random instructions; addiu $16, $16, -1; bgtz $16, L; slot.
      // Now and then the slot stores into the loop's first word (L: `addiu $8, $8, k`, with k
      // changing every four passes: $1 = $19 | ($16 & 4)).
      body.push(enc('addiu', { rs: 0, rt: 16, imm: 1 + r.int(12) }));
      const m = 1 + r.int(6);
      const start = body.length;
      const smcSlot = r.chance(0.25);
      if (smcSlot) body.push(enc('addiu', { rs: 8, rt: 8, imm: 1 }));
      // Keep the loop body straight: no branches or jumps of its own.
      for (let j = 0; j < m; j++) body.push(straight(body.length));
      if (smcSlot) body.push(enc('andi', { rs: 16, rt: 1, imm: 4 }), enc('or', { rd: 1, rs: 1, rt: BASES.insn }));
      body.push(enc('addiu', { rs: 16, rt: 16, imm: 0xffff }));
      body.push(enc('bgtz', { rs: 16, imm: (start - (body.length + 1)) & 0xffff }));
      body.push(smcSlot ? enc('sw', { rt: 1, rs: BASES.code, imm: 4 * start }) : one(body.length));
      i = body.length - 1;
      continue;
    }
    if (k < 26 && i + 16 < bodyWords) {
      // A counted loop of several blocks (a region: engine.ts, codegen.ts): an if inside it, and
      // on every pass a self-modifying store into the loop's first or second half, from either
      // half, so stores hit a region's other blocks:
      // addiu $16, $0, count; L: addiu $8, $8, 1; [smc]; straight...; bCC L2; slot; straight...;
      // L2: addiu $8, $8, 1; [smc]; addiu $16, $16, -1; bgtz $16, L; slot.
      body.push(enc('addiu', { rs: 0, rt: 16, imm: 1 + r.int(12) }));
      const start = body.length;
      const toFirst = r.chance(0.5);
      const storeFirst = r.chance(0.5);
      const smc = (): void => {
        // $1 = $19 | ($16 & 4): `addiu $8, $8, 1 or 2`, or 5 or 6, changing every four passes
        // (so regions form and run between the changes). The store is patched below.
        body.push(enc('andi', { rs: 16, rt: 1, imm: 4 }), enc('or', { rd: 1, rs: 1, rt: BASES.insn }));
        body.push(-1);
      };
      body.push(enc('addiu', { rs: 8, rt: 8, imm: 1 }));
      if (storeFirst) smc();
      for (let j = r.int(3); j > 0; j--) body.push(straight(body.length));
      const br = body.length;
      body.push(0, straight(body.length + 1));
      for (let j = 1 + r.int(3); j > 0; j--) body.push(straight(body.length));
      const l2 = body.length;
      body[br] = enc(r.pick(['beq', 'bne', 'blez', 'bgtz', 'bltz', 'bgez']), { rs: src(), rt: r.chance(0.3) ? 0 : src(), imm: branchTo(br, l2) });
      body.push(enc('addiu', { rs: 8, rt: 8, imm: 1 }));
      if (!storeFirst) smc();
      body.push(enc('addiu', { rs: 16, rt: 16, imm: 0xffff }));
      body.push(enc('bgtz', { rs: 16, imm: (start - (body.length + 1)) & 0xffff }));
      body.push(straight(body.length));
      const at = body.indexOf(-1, start);
      body[at] = enc('sw', { rt: 1, rs: BASES.code, imm: 4 * (toFirst ? start : l2) });
      i = body.length - 1;
      continue;
    }
    if (k < 28 && i + 2 < bodyWords) {
      // Self-modifying code inside one block: toggle $19 between `addiu $8, $8, 1` and
      // `addiu $8, $8, 2` and store it a few words ahead, so every pass changes the code.
      body.push(enc('xori', { rs: BASES.insn, rt: BASES.insn, imm: 3 }));
      body.push(enc('sw', { rt: BASES.insn, rs: BASES.code, imm: 4 * Math.min(bodyWords - 1, i + 2 + r.int(8)) }));
      i++;
      continue;
    }
    body.push(one(i));
  }
  body.push(enc('j', { target: bodyVa }), 0);
  const tlb: [number, number][] = [
    [0x00401000, 0x00001000 | V | D | G],
    [0x00410000, 0x00010000 | V | D | G],
    [0x00420000, 0x00010000 | N | V | D | G],
    [0x00430000, 0x15000000 | N | V | D | G],
    [0x00440000, 0x00020000 | V | D | G],
  ];
  return { low, body, user, tlb, entry: 0x80000200 };
}
