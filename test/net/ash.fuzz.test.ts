/**
 * ASH verifier (firmware/ash/verify.ts), fuzzed: random handlers and mutations of valid ones
 * (flipped bits, inserted privileged instructions, backward branches, wild stores) are either
 * refused, or, accepted and run on our emulator (kernel mode, sentinel-filled memory) on random
 * frames, they never touch memory outside their buffers (every access checked before it runs, and
 * all RAM outside the receive and reply buffers compared), never run past their bound, never take
 * an exception, and leave every register outside the convention, HI/LO aside, CP0 and the TLB
 * unchanged. Plus the hand-written handlers (UDP echo, copy with checksum) and the refusal reasons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASH_CLOBBERED, ASH_HANDLER_REGS, verifyAsh, type AshBuffers, type AshVerdict } from '../../firmware/ash/verify.js';
import { REG, ins } from '../../firmware/dpf/emit.js';
import { Bare, RET } from './bare.js';
import { COPY_CHECKSUM, UDP_ECHO, handlerWords, internetSum, udpFrame } from './ash-handlers.js';

const RAM = 256 * 1024;
const CODE = 0x80004000;
const BUFS: AshBuffers = {
  frame: { base: 0x80010000, size: 2048 },
  recv: { base: 0x80014000, size: 4096 },
  reply: { base: 0x80018000, size: 2048 },
};
const OPTS = { codeBase: CODE, budget: 2000 };
const K0 = 0x80000000;

const bare = new Bare(RAM);
/** Memory before any call: a fixed pseudo-random pattern. */
const pattern = new Uint8Array(RAM);
{
  let x = 0x2545f491;
  for (let i = 0; i < RAM; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pattern[i] = x & 0xff;
  }
}

interface Outcome {
  v0: number;
  v1: number;
  steps: number;
  recv: Uint8Array;
  reply: Uint8Array;
}

/** Runs an accepted handler on a frame and checks every safety property; returns its results. */
function runChecked(v: Extract<AshVerdict, { ok: true }>, frame: Uint8Array, frameAt = BUFS.frame.base): Outcome {
  const bus = bare.m.bus;
  bus.load(0, pattern);
  bare.writeWords(CODE, v.words);
  bare.write(frameAt, frame);
  const cpu = bare.cpu;
  const regs: Record<number, number> = {};
  for (let r = 1; r < 32; r++) regs[r] = (0x5a5a5a00 + r) | 0;
  regs[4] = frameAt;
  regs[5] = frame.length;
  regs[6] = BUFS.recv.base;
  regs[7] = BUFS.reply.base;
  const before = bus.ram8.slice(0, RAM);
  cpu.hilo[0] = 0x1111;
  cpu.hilo[1] = 0x2222;
  const tlbHi = cpu.mmu.tlbHi.slice();
  const tlbLo = cpu.mmu.tlbLo.slice();
  cpu.cop0[12] = 0; // what the call sets: kernel mode, interrupts off
  const cop0 = cpu.cop0.slice();
  const range = (b: { base: number; size: number }) => ({ lo: b.base, hi: b.base + b.size });
  const r = bare.call(CODE, {
    regs,
    maxSteps: v.maxInstructions + 1,
    loads: [range(BUFS.frame), range(BUFS.recv), range(BUFS.reply)],
    stores: [range(BUFS.recv), range(BUFS.reply)],
  });
  if (r.badAccess !== undefined) throw new Error(`access outside the buffers: ${r.badAccess}`);
  if (r.exception !== undefined) throw new Error(`exception ${r.exception}`);
  if (!r.returned) throw new Error(`no return within ${v.maxInstructions + 1} instructions`);
  expect(r.steps).toBeLessThanOrEqual(v.maxInstructions);
  for (let i = 1; i < 32; i++) {
    if (ASH_CLOBBERED.has(i)) continue;
    const want = i === 31 ? RET : (0x5a5a5a00 + i) >>> 0;
    if (r.gpr[i] !== want >>> 0) throw new Error(`register ${i} changed to 0x${r.gpr[i]!.toString(16)}`);
  }
  expect(cpu.cop0).toEqual(cop0);
  expect(cpu.mmu.tlbHi).toEqual(tlbHi);
  expect(cpu.mmu.tlbLo).toEqual(tlbLo);
  // RAM outside the receive and reply buffers is exactly as it was.
  const after = bus.ram8;
  const skip = [range(BUFS.recv), range(BUFS.reply)].map((x) => ({ lo: x.lo - K0, hi: x.hi - K0 }));
  let from = 0;
  for (const s of [...skip].sort((a, b) => a.lo - b.lo)) {
    if (!Buffer.from(after.buffer, from, s.lo - from).equals(Buffer.from(before.buffer, from, s.lo - from))) throw new Error(`memory changed outside the buffers in 0x${(from + K0).toString(16)}..`);
    from = s.hi;
  }
  if (!Buffer.from(after.buffer, from, RAM - from).equals(Buffer.from(before.buffer, from, RAM - from))) throw new Error('memory changed outside the buffers (high)');
  const v0 = r.gpr[2]! | 0;
  const v1 = r.gpr[3]! | 0;
  if (v0 === -1) expect(v1).toBe(0);
  else {
    expect(v0 >>> 0).toBeLessThanOrEqual(BUFS.reply.size);
    expect(v1 >>> 0).toBeLessThanOrEqual(BUFS.recv.size);
  }
  return { v0, v1, steps: r.steps, recv: bare.read(BUFS.recv.base, BUFS.recv.size), reply: bare.read(BUFS.reply.base, BUFS.reply.size) };
}

function accept(words: ArrayLike<number>, opts = OPTS): Extract<AshVerdict, { ok: true }> {
  const v = verifyAsh(words, BUFS, opts);
  if (!v.ok) throw new Error(v.reason);
  return v;
}

describe('hand-written handlers', () => {
  it('UDP echo: the reply is the frame with addresses and ports swapped', () => {
    const v = accept(handlerWords(UDP_ECHO));
    for (const n of [0, 1, 18, 19, 200]) {
      const payload = Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);
      const f = udpFrame(payload);
      const out = runChecked(v, f);
      expect(out.v0).toBe(f.length);
      expect(out.v1).toBe(0);
      const want = f.slice();
      want.set(f.subarray(6, 12), 0);
      want.set(f.subarray(0, 6), 6);
      want.set(f.subarray(30, 34), 26);
      want.set(f.subarray(26, 30), 30);
      want.set(f.subarray(36, 38), 34);
      want.set(f.subarray(34, 36), 36);
      expect(out.reply.subarray(0, f.length)).toEqual(want);
    }
    expect(runChecked(v, new Uint8Array(41)).v0).toBe(0);
  });

  it('copy with checksum: payload delivered and its Internet sum computed while copying', () => {
    const v = accept(handlerWords(COPY_CHECKSUM), { codeBase: CODE, budget: 20000 });
    for (const n of [0, 1, 2, 17, 60, 1000, 1472]) {
      const payload = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 0xa5) & 0xff);
      const out = runChecked(v, udpFrame(payload));
      expect(out.v0).toBe(0);
      expect(out.v1).toBe(4 + n);
      expect(out.recv.subarray(4, 4 + n)).toEqual(payload);
      expect((out.recv[0]! << 8) | out.recv[1]!).toBe(internetSum(payload));
      expect(out.recv[2]! | (out.recv[3]! << 8)).toBe(n);
    }
  });

  it('a 1000-byte payload exceeds a small budget: aborted, v0 = -1, within the bound', () => {
    const v = accept(handlerWords(COPY_CHECKSUM), { codeBase: CODE, budget: 300 });
    const out = runChecked(v, udpFrame(new Uint8Array(1000)));
    expect(out.v0).toBe(-1);
    expect(out.v1).toBe(0);
  });

  it('an endless loop is accepted and aborted at its budget', () => {
    const v = accept(handlerWords('loop: b loop\n nop\n jr ra\n nop'));
    const out = runChecked(v, new Uint8Array(60));
    expect(out.v0).toBe(-1);
    expect(out.steps).toBeGreaterThan(2000);
  });

  it('out-of-range results abort: a reply longer than the reply buffer', () => {
    const v = accept(handlerWords('li v0, 2049\n jr ra\n nop'));
    expect(runChecked(v, new Uint8Array(60)).v0).toBe(-1);
    const ok = accept(handlerWords('li v0, 2048\n li v1, 4096\n jr ra\n nop'));
    expect(runChecked(ok, new Uint8Array(60))).toMatchObject({ v0: 2048, v1: 4096 });
  });

  it('wild addresses are confined (and aligned) instead of escaping', () => {
    const v = accept(handlerWords('lui a2, 0x8000\n sw a1, -4(a2)\n lw v0, 0x7ffd(a0)\n sh v0, 5(a3)\n jr ra\n or v0, zero, zero'));
    runChecked(v, new Uint8Array(60));
  });

  it('a kernel register value never leaks: registers the handler reads start at 0', () => {
    const v = accept(handlerWords('sw t0, 0(a3)\n mfhi t1\n sw t1, 4(a3)\n jr ra\n li v0, 8'));
    const out = runChecked(v, new Uint8Array(60));
    expect(out.v0).toBe(8);
    expect(Array.from(out.reply.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('sandboxing keeps a correct handler\'s results', () => {
  /** Runs the handler's own words, unsandboxed (trusted), on the same frame. */
  function runRaw(words: ArrayLike<number>, frame: Uint8Array) {
    bare.m.bus.load(0, pattern);
    bare.writeWords(CODE, words);
    bare.write(BUFS.frame.base, frame);
    const r = bare.call(CODE, { regs: { 2: 0, 3: 0, 4: BUFS.frame.base, 5: frame.length, 6: BUFS.recv.base, 7: BUFS.reply.base }, maxSteps: 100000, loads: [{ lo: 0, hi: 0xffffffff }], stores: [{ lo: 0, hi: 0xffffffff }] });
    expect(r.returned).toBe(true);
    return { v0: r.gpr[2]! | 0, v1: r.gpr[3]! | 0, steps: r.steps, cycles: r.cycles, recv: bare.read(BUFS.recv.base, BUFS.recv.size), reply: bare.read(BUFS.reply.base, BUFS.reply.size) };
  }
  for (const [name, src] of [['UDP echo', UDP_ECHO], ['copy with checksum', COPY_CHECKSUM]] as const) {
    it(`${name}: same results sandboxed and raw; the cost of the sandbox`, () => {
      const words = handlerWords(src);
      const v = accept(words, { codeBase: CODE, budget: 20000 });
      const figures: string[] = [];
      for (const n of [18, 100, 1472]) {
        const f = udpFrame(Uint8Array.from({ length: n }, (_, i) => (i * 13 + 1) & 0xff));
        const raw = runRaw(words, f);
        const box = runChecked(v, f);
        expect([box.v0, box.v1]).toEqual([raw.v0, raw.v1]);
        expect(box.recv).toEqual(raw.recv);
        expect(box.reply).toEqual(raw.reply);
        figures.push(`${f.length}-byte frame: ${raw.steps} raw, ${box.steps} sandboxed instructions`);
      }
      console.log(`ASH ${name} (${words.length} words, sandboxed ${v.words.length}): ${figures.join('; ')}`);
    });
  }
});

describe('refusals name the instruction and the reason', () => {
  const cases: [string, RegExp][] = [
    ['nop\n mfc0 v0, $12\n jr ra\n nop', /^instruction 1 \(0x40026000: 'mfc0 v0,c0_sr'\): privileged instruction$/],
    ['mtc0 zero, $12\n jr ra\n nop', /^instruction 0 .*mtc0.*: privileged instruction$/],
    ['tlbwi\n jr ra\n nop', /^instruction 0 .*tlbwi.*: privileged instruction$/],
    ['rfe\n jr ra\n nop', /^instruction 0 .*rfe.*: privileged instruction$/],
    ['syscall\n jr ra\n nop', /: system call$/],
    ['break\n jr ra\n nop', /: breakpoint$/],
    ['lwc1 $f0, 0(a0)\n jr ra\n nop', /: coprocessor instruction$/],
    ['add v0, v0, v0\n jr ra\n nop', /: add traps on overflow \(use addu\)$/],
    ['jal 0\n nop\n jr ra\n nop', /: jal writes a return address/],
    ['jalr t0\n nop\n jr ra\n nop', /: jalr writes a return address/],
    ['bltzal t0, 0\n nop\n jr ra\n nop', /: bltzal writes a return address/],
    ['jr t0\n nop', /jr to a register other than ra/],
    ['addu s0, v0, v0\n jr ra\n nop', /writes s0 \(a handler uses only v0, v1, a0-a3, t0-t7\)$/],
    ['addu v0, k0, v0\n jr ra\n nop', /reads k0/],
    ['addu t8, v0, v0\n jr ra\n nop', /writes t8/],
    ['lw v0, 0(sp)\n jr ra\n nop', /reads sp/],
    ['lw v0, 0(t0)\n jr ra\n nop', /base register t0: memory is reached only through a0 \(frame\), a2 \(receive buffer\) or a3 \(reply buffer\)$/],
    ['sw v0, 0(a0)\n jr ra\n nop', /store to the frame \(it is read-only\)$/],
    ['jr ra\n b 0\n nop', /branch or jump in a delay slot/],
    ['beq v0, v1, 1f\n nop\n jr ra\n1: nop', /target is instruction 3, a delay slot/],
    ['addu v0, v0, v0', /control can run past the end/],
    ['beq v0, v1, 1f\n nop\n1: nop', /control can run past the end/],
    ['jr ra', /delay slot is missing/],
  ];
  for (const [src, re] of cases) {
    it(JSON.stringify(src), () => {
      const v = verifyAsh(handlerWords(src), BUFS, OPTS);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.reason).toMatch(re);
    });
  }
  it('raw words: reserved, non-canonical, branch outside', () => {
    const r1 = verifyAsh([0xfc000000, ins('jr', { rs: 31 }), 0], BUFS, OPTS);
    expect(!r1.ok && r1.reason).toMatch(/^instruction 0 \(0xfc000000: '\.word'\): reserved instruction$/);
    const r2 = verifyAsh([ins('addu', { rd: 2, rs: 2, rt: 2 }) | (3 << 6), ins('jr', { rs: 31 }), 0], BUFS, OPTS);
    expect(!r2.ok && r2.reason).toMatch(/not a canonical encoding/);
    const r3 = verifyAsh([ins('beq', { rs: 0, rt: 0, imm: 0xfffd }), 0, ins('jr', { rs: 31 }), 0], BUFS, OPTS);
    expect(!r3.ok && r3.reason).toMatch(/branch target 0xfffffff8 is outside the handler/);
  });
  it('buffers: sizes, alignment, kseg0, overlaps', () => {
    const h = handlerWords('jr ra\n nop');
    const bad: [Partial<AshBuffers>, RegExp][] = [
      [{ recv: { base: 0x80014000, size: 3000 } }, /receive buffer: size 3000 is not a power of two/],
      [{ recv: { base: 0x80014800, size: 4096 } }, /not aligned to its size/],
      [{ reply: { base: 0x00018000, size: 2048 } }, /not in kseg0/],
      [{ reply: { base: 0x80014000, size: 2048 } }, /the receive buffer overlaps the reply buffer/],
      [{ frame: { base: 0x80004000, size: 2048 } }, /the frame buffer overlaps the code area/],
    ];
    for (const [b, re] of bad) {
      const v = verifyAsh(h, { ...BUFS, ...b }, OPTS);
      expect(!v.ok && v.reason).toMatch(re);
    }
  });
});

// ---- fuzzing ----

const H = [...ASH_HANDLER_REGS];
const regArb = fc.constantFrom(...H);
const anyReg = fc.integer({ min: 0, max: 31 });
const imm16 = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 0xffff }));

/** One instruction of a plausible handler at index i of n (branch targets in the handler). */
function insnArb(n: number): fc.Arbitrary<number[]> {
  const alu = fc.tuple(fc.constantFrom('addu', 'subu', 'and', 'or', 'xor', 'nor', 'slt', 'sltu', 'sllv', 'srlv', 'srav'), regArb, regArb, regArb).map(([m, d, s, t]) => [ins(m, { rd: d, rs: s, rt: t })]);
  const alui = fc.tuple(fc.constantFrom('addiu', 'slti', 'sltiu', 'andi', 'ori', 'xori'), regArb, regArb, imm16).map(([m, t, s, i]) => [ins(m, { rt: t, rs: s, imm: i })]);
  const shift = fc.tuple(fc.constantFrom('sll', 'srl', 'sra'), regArb, regArb, fc.integer({ min: 0, max: 31 })).map(([m, d, t, sa]) => [ins(m, { rd: d, rt: t, sa })]);
  const md = fc.tuple(fc.constantFrom('mult', 'multu', 'div', 'divu'), regArb, regArb, fc.constantFrom('mfhi', 'mflo'), regArb).map(([m, s, t, mf, d]) => [ins(m, { rs: s, rt: t }), ins(mf, { rd: d })]);
  const load = fc.tuple(fc.constantFrom('lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr'), regArb, fc.constantFrom(4, 6, 7), imm16).map(([m, t, b, i]) => [ins(m, { rt: t, rs: b, imm: i })]);
  const store = fc.tuple(fc.constantFrom('sb', 'sh', 'sw', 'swl', 'swr'), regArb, fc.constantFrom(6, 7), imm16).map(([m, t, b, i]) => [ins(m, { rt: t, rs: b, imm: i })]);
  const move = fc.tuple(fc.constantFrom(4, 6, 7), fc.integer({ min: -8, max: 8 })).map(([b, d]) => [ins('addiu', { rt: b, rs: b, imm: (d * 4) & 0xffff })]);
  const branch = fc.tuple(fc.constantFrom('beq', 'bne', 'blez', 'bgtz', 'bltz', 'bgez'), regArb, regArb, fc.integer({ min: -n, max: n })).map(([m, s, t, off]) => [ins(m, { rs: s, rt: m === 'beq' || m === 'bne' ? t : 0, imm: off & 0xffff }), 0]);
  return fc.oneof({ weight: 4, arbitrary: alu }, { weight: 3, arbitrary: alui }, { weight: 1, arbitrary: shift }, { weight: 1, arbitrary: md }, { weight: 3, arbitrary: load }, { weight: 3, arbitrary: store }, { weight: 2, arbitrary: move }, { weight: 2, arbitrary: branch });
}

/** A random handler: instructions, then `jr ra` and a delay slot. */
const randomHandler: fc.Arbitrary<number[]> = fc.integer({ min: 1, max: 24 }).chain((n) =>
  fc.array(insnArb(n), { minLength: 1, maxLength: n }).map((parts) => [...parts.flat(), ins('jr', { rs: 31 }), ins('or', { rd: 2, rs: 0, rt: 0 })]),
);

/** mfc0 v0,sr; mtc0 v0,sr; mtc0 a0,sr; mtc0 a1,entryhi; mtc0 a2,epc; tlbwi; tlbwr; rfe; tlbp; tlbr; syscall; break; lwc1; mfc1; jalr; jal */
const PRIVILEGED = [0x40026000, 0x40826000, 0x40846000, 0x40855000, 0x40867000, 0x42000002, 0x42000006, 0x42000010, 0x42000008, 0x42000001, 0x0000000c, 0x0000000d, 0xc4800000, 0x44020000, 0x03e00009, 0x0c000000];

/** Mutations of a valid handler. */
function mutate(base: readonly number[]): fc.Arbitrary<number[]> {
  const n = base.length;
  const at = fc.integer({ min: 0, max: n - 1 });
  const flip = fc.tuple(at, fc.integer({ min: 0, max: 31 })).map(([i, b]) => {
    const w = [...base];
    w[i] = (w[i]! ^ (1 << b)) >>> 0;
    return w;
  });
  const insert = (arb: fc.Arbitrary<number[]>) =>
    fc.tuple(at, arb).map(([i, x]) => {
      const w = [...base];
      w.splice(i, 0, ...x);
      return w;
    });
  const privileged = insert(fc.constantFrom(...PRIVILEGED).map((x) => [x]));
  const backward = insert(fc.tuple(fc.constantFrom('beq', 'bne', 'bgez'), regArb, fc.integer({ min: 1, max: n })).map(([m, s, k]) => [ins(m, { rs: m === 'bgez' ? s : 0, rt: m === 'bne' ? s : 0, imm: -k & 0xffff }), 0]));
  const wildStore = insert(fc.tuple(fc.constantFrom('sw', 'sh', 'sb'), regArb, anyReg, imm16).map(([m, t, b, i]) => [ins(m, { rt: t, rs: b, imm: i })]));
  const wildReg = fc.tuple(at, anyReg, fc.constantFrom(11, 16, 21)).map(([i, r, sh]) => {
    const w = [...base];
    w[i] = ((w[i]! & ~(31 << sh)) | (r << sh)) >>> 0;
    return w;
  });
  const randomWord = fc.tuple(at, fc.integer({ min: 0, max: 0xffffffff })).map(([i, x]) => {
    const w = [...base];
    w[i] = x >>> 0;
    return w;
  });
  return fc.oneof(flip, flip, privileged, backward, backward, wildStore, wildReg, randomWord);
}

const frameArb = fc.uint8Array({ minLength: 0, maxLength: 200 });

describe('ASH fuzz: refused, or safe when run', () => {
  const stats = { refused: 0, accepted: 0, withLoops: 0, aborted: 0, runs: 0 };
  const check = (words: readonly number[], frames: readonly Uint8Array[]): void => {
    const v = verifyAsh(words, BUFS, OPTS);
    if (!v.ok) {
      stats.refused++;
      expect(v.reason).toMatch(/^(instruction \d+ \(0x[0-9a-f]{8}: '[^']*'\): .+|.+)$/);
      return;
    }
    stats.accepted++;
    if (v.stats.backEdges > 0) stats.withLoops++;
    for (const f of frames) {
      stats.runs++;
      if (runChecked(v, f).v0 === -1) stats.aborted++;
    }
  };

  it('random handlers', () => {
    fc.assert(fc.property(randomHandler, fc.array(frameArb, { minLength: 1, maxLength: 3 }), (w, frames) => check(w, frames)), { numRuns: 600 });
  });

  it('mutated valid handlers (the echo, the checksum copy, random ones)', () => {
    const bases = [Array.from(handlerWords(UDP_ECHO)), Array.from(handlerWords(COPY_CHECKSUM))];
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...bases), randomHandler).chain((b) => mutate(b)),
        fc.array(fc.oneof(frameArb, frameArb.map((p) => udpFrame(p))), { minLength: 1, maxLength: 3 }),
        (w, frames) => check(w, frames),
      ),
      { numRuns: 600 },
    );
  });

  it('the fuzzing is not vacuous', () => {
    console.log(`ASH fuzz: ${stats.accepted} accepted (${stats.withLoops} with loops), ${stats.refused} refused, ${stats.runs} runs, ${stats.aborted} aborted`);
    expect(stats.accepted).toBeGreaterThan(300);
    expect(stats.refused).toBeGreaterThan(200);
    expect(stats.withLoops).toBeGreaterThan(50);
    expect(stats.aborted).toBeGreaterThan(10);
  });
});

it('sandbox reserved registers are exactly at, t8, t9 beside the handler set', () => {
  expect([...ASH_CLOBBERED].filter((r) => !ASH_HANDLER_REGS.has(r)).sort((a, b) => a - b)).toEqual([REG.at, REG.t8, REG.t9]);
});
