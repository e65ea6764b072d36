/**
 * The block compiler: one guest block (block.ts) becomes one JavaScript function that V8 compiles.
 * The function does exactly what the interpreter (emulator/interpreter.ts) does for those
 * instructions, cycle for cycle, or returns early and leaves the rest to the interpreter.
 *
 * What a compiled block `fn(cpu, limit)` does:
 * 1. Checks itself (self-verifying code): every word of the block still holds the instruction it
 *    was compiled from (else returns -1: the block is stale) and is flagged I-cache resident in
 *    Bus.decoded (else returns -2). A flagged word is the one its I-cache line holds (Cpu.fetchRam
 *    keeps the flag equal to the tag compare; any store clears it), so with every word flagged the
 *    words sit in distinct lines, each of the interpreter's fetches of them would hit and change
 *    nothing, and the block charges no fetch cycles. Nothing fetches while the block runs, so none
 *    of its words leaves the I-cache meanwhile.
 * 2. Runs the instructions with the load delay resolved at compile time: which register a load
 *    left pending is known statically after the first instruction (the first one commits the
 *    caller's pending load dynamically, as the interpreter's step 4 does).
 * 3. Counts cycles exactly: one per instruction, summed statically between the points that need
 *    the current cycle (memory accesses for the write-buffer drain and the stalls, MULT/DIV for
 *    the HI/LO ready time, MFHI/MFLO for the interlock), plus the same stall functions the
 *    interpreter calls (Cpu.dataMiss, Cpu.uncachedRead, WriteBuffer.push) and the same counters.
 * 4. Stops at an instruction boundary and returns the number of retired instructions k, with
 *    cpu.pc/npc/bd/ldReg/ldVal/cyc and the instruction count updated:
 *    - before instruction k when it would leave the fast path: a load or store whose page has no
 *      usable translation-cache entry (TLB miss, device, protection), a misaligned address, an
 *      ADD/ADDI/SUB overflow. Nothing of instruction k has happened yet; the engine lets the
 *      interpreter execute it (exceptions, devices, trap hooks: all the interpreter's own code);
 *    - after a stall, when the rest of the block could reach the slice limit: the engine enters a
 *      block only if it ends before the limit without stalls (`cyc + n <= limit`), and after each
 *      instruction that may stall the block checks the same for what remains, so the slice ends
 *      at exactly the interpreter's boundary (the first one at or after the limit);
 *    - after a store into the block's own words (self-modifying code): the next entry sees the
 *      new word (step 1);
 *    - at the end: pc = the branch target (or fall-through), bd = 0.
 * 5. A block that branches to its own first instruction loops in JavaScript; its passes after the
 *    first keep the guest registers in locals (Gen.generate).
 */
import type { Cpu } from '../cpu.js';
import type { WriteBuffer } from '../writebuffer.js';
import type { BlockShape } from './block.js';
import { multiply } from '../interpreter.js';

/** What compiled blocks close over: the machine's arrays (one Runtime per CPU). */
export interface Runtime {
  readonly gpr: Int32Array;
  readonly hilo: Int32Array;
  readonly cnt: Float64Array;
  readonly ram32: Int32Array;
  readonly ram16: Uint16Array;
  readonly ramS16: Int16Array;
  readonly ram8: Uint8Array;
  readonly ramS8: Int8Array;
  readonly dec: Uint8Array;
  readonly dtags: Int32Array;
  readonly dmask: number;
  readonly wb: WriteBuffer;
  readonly mul: (hilo: Int32Array, a: number, b: number, signed: boolean) => void;
}

/** A compiled block: returns retired instructions (>= 0), -1 (stale words) or -2 (words not I-cache resident). */
export type BlockFn = (cpu: Cpu, limit: number) => number;

export function runtimeFor(cpu: Cpu): Runtime {
  const bus = cpu.bus;
  return {
    gpr: cpu.gpr,
    hilo: cpu.hilo,
    cnt: cpu.count,
    ram32: bus.ram32,
    ram16: bus.ram16,
    ramS16: bus.ramS16,
    ram8: bus.ram8,
    ramS8: bus.ramS8,
    dec: bus.decoded,
    dtags: cpu.dcache.tags,
    dmask: cpu.dcache.mask,
    wb: cpu.wb,
    mul: multiply,
  };
}

const NONE = 32;
const DYN = -1;

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
const lit = (n: number): string => String(n | 0);

class Gen {
  private readonly out: string[] = [];
  /** Instructions whose one cycle is already in `cyc` (0..synced-1). */
  private synced = 0;
  /** The register a load left pending after the instructions generated so far; DYN: the caller's. */
  private pend: number = DYN;
  private readonly n: number;
  /** The block branches back to its own start: its passes run as a JavaScript loop. */
  private readonly loop: boolean;
  /** Generating the steady passes of a self-loop: registers live in locals `rN`. */
  private locals = false;
  /** Registers the block uses (read or written), other than r0. */
  private readonly used: number[];

  constructor(private readonly b: BlockShape) {
    this.n = b.words.length;
    this.loop = selfLoop(b);
    this.used = usedRegisters(b);
  }

  /** Register i as a JavaScript expression (a local in a self-loop's steady passes). */
  private r(i: number): string {
    return i === 0 ? '0' : this.locals ? `r${i}` : `gpr[${i}]`;
  }

  private va(k: number): number {
    return (this.b.va + 4 * k) | 0;
  }

  /** Code that ends the block at boundary k (instructions 0..k-1 of this pass retired). */
  private exit(k: number): string {
    const n = this.n;
    const done = this.loop ? 'done + ' : '';
    let s: string;
    if (k === 0) {
      // Nothing of this pass happened: the state is the pass's entry state.
      if (!this.loop) return 'return 0;';
      s = `cpu.pc = ${lit(this.va(0))}; cpu.npc = ${lit(this.va(1))}; cpu.bd = 0;`;
      if (!this.locals) s += ' cpu.ldReg = ldr0; cpu.ldVal = ldv0;';
      else s += this.pend === NONE ? ' cpu.ldReg = 32;' : ` cpu.ldReg = ${this.pend}; cpu.ldVal = lv;`;
    } else if (this.b.branch && k === n - 1) s = `cpu.pc = ${lit(this.va(k))}; cpu.npc = tgt; cpu.bd = 1;`;
    else if (this.b.branch && k === n) s = 'cpu.pc = tgt; cpu.npc = (tgt + 4) | 0; cpu.bd = 0;';
    else s = `cpu.pc = ${lit(this.va(k))}; cpu.npc = ${lit(this.va(k + 1))}; cpu.bd = 0;`;
    if (k > 0) {
      if (this.pend === DYN) throw new Error('internal: jit exit after the first instruction with a dynamic load');
      s += this.pend === NONE ? ' cpu.ldReg = 32;' : ` cpu.ldReg = ${this.pend}; cpu.ldVal = lv;`;
    }
    const d = k - this.synced;
    s += d === 0 ? ' cpu.cyc = cyc;' : ` cpu.cyc = (cyc + ${d}) | 0;`;
    // Locals always hold the registers' current values (a pending load is not in them yet).
    if (this.locals) s = `${this.used.map((i) => `gpr[${i}] = r${i};`).join(' ')} ${s}`;
    return `${s} cnt[1] += ${done}${k}; return ${done}${k};`;
  }

  /** Adds the one cycle of each instruction up to and including k to `cyc`. */
  private sync(k: number): void {
    const d = k + 1 - this.synced;
    if (d > 0) this.out.push(`cyc = (cyc + ${d}) | 0;`);
    this.synced = k + 1;
  }

  /** After instruction k that may have stalled: end at k+1 if the rest could reach the limit. */
  private stallCheck(k: number): void {
    if (k >= this.n - 1) return;
    this.out.push(`if (cyc + ${this.n - 2 - k} >= limit) { ${this.exit(k + 1)} }`);
  }

  /** Step 4 of the interpreter for an instruction that writes register d (-1: none). */
  private commit(d: number): void {
    const p = this.pend;
    if (p === DYN) this.out.push('gpr[ldr0] = ldv0; gpr[0] = 0;');
    else if (p !== NONE && p !== 0 && p !== d) this.out.push(`${this.r(p)} = lv;`);
    this.pend = NONE;
  }

  /** A load's commit: the previous load is written unless it targets rt (the later load wins). */
  private commitLoad(rt: number): void {
    const p = this.pend;
    if (p === DYN) this.out.push(`if (ldr0 !== ${rt}) { gpr[ldr0] = ldv0; gpr[0] = 0; }`);
    else if (p !== NONE && p !== 0 && p !== rt) this.out.push(`${this.r(p)} = lv;`);
    // A load to r0 stays pending too (committing it writes nothing): the state equals the interpreter's.
    this.out.push('lv = v;');
    this.pend = rt;
  }

  /** An instruction that writes `expr` to register d (not a load). */
  private write(d: number, expr: string): void {
    this.out.push(`{ const v = ${expr};`);
    this.commit(d);
    if (d !== 0) this.out.push(`${this.r(d)} = v;`);
    this.out.push('}');
  }

  /** The old value of rt for LWL/LWR: the pending load's value when rt is the pending register. */
  private mergeBase(rt: number): string {
    if (rt === 0) return '0';
    if (this.pend === DYN) return `(ldr0 === ${rt} ? ldv0 : gpr[${rt}])`;
    return this.pend === rt ? 'lv' : this.r(rt);
  }

  generate(): string {
    const b = this.b;
    const n = this.n;
    const o = this.out;
    const check: string[] = [];
    const res: string[] = [];
    for (let i = 0; i < n; i++) {
      check.push(`ram32[${b.wa + i}] !== ${lit(b.words[i]!)}`);
      res.push(`dec[${b.wa + i}] < 128`);
    }
    o.push(`if (${check.join(' || ')}) return -1;`);
    o.push(`if (${res.join(' || ')}) return -2;`);
    o.push('let cyc = cpu.cyc | 0;');
    o.push('let ldr0 = cpu.ldReg | 0;');
    o.push('let ldv0 = cpu.ldVal | 0;');
    o.push('let lv = 0; let tgt = 0;');
    if (b.ids.some((id) => id >= 46 && id <= 57)) o.push('const tc = cpu.currentTc();');
    if (this.loop) o.push('let done = 0;');
    for (let k = 0; k < n; k++) this.insn(k);
    if (this.loop) {
      // The first pass (above) starts with the caller's pending load. If it branches back, the
      // next passes start with the load it leaves pending, known statically, so they are
      // generated again with every register of the block in a JavaScript local (loaded here,
      // written back at every exit). Nothing can have changed the block's words (a store into
      // them exits) or their I-cache lines (nothing fetches), and the translation is the same
      // (no TLB or mode change happens in a block).
      const d = n - this.synced;
      if (d > 0) o.push(`cyc = (cyc + ${d}) | 0;`);
      this.synced = n;
      o.push(`if (tgt !== ${lit(b.va)} || cyc + ${n} > limit) { ${this.exit(n)} }`);
      o.push(`done = ${n};`);
      const p = this.pend;
      if (p === DYN) throw new Error('internal: jit loop pass ends with a dynamic load');
      if (this.used.length > 0) o.push(`let ${this.used.map((i) => `r${i} = gpr[${i}]`).join(', ')};`);
      this.locals = true;
      this.synced = 0;
      o.push('for (;;) {');
      o.push(`if (cyc + ${n} > limit) { ${this.exit(0)} }`);
      for (let k = 0; k < n; k++) this.insn(k);
      if (this.pend !== p) throw new Error('internal: jit loop passes end with different pending loads');
      const d2 = n - this.synced;
      if (d2 > 0) o.push(`cyc = (cyc + ${d2}) | 0;`);
      this.synced = n;
      o.push(`if (tgt === ${lit(b.va)}) { done += ${n}; continue; }`);
      o.push(this.exit(n));
      o.push('}');
    } else o.push(this.exit(n));
    return o.join('\n');
  }

  private insn(k: number): void {
    const w = this.b.words[k]! | 0;
    const id = this.b.ids[k]!;
    const o = this.out;
    const rs = (w >>> 21) & 31;
    const rt = (w >>> 16) & 31;
    const rd = (w >>> 11) & 31;
    const sa = (w >>> 6) & 31;
    const simm = (w << 16) >> 16;
    const uimm = w & 0xffff;
    const S = this.r(rs);
    const T = this.r(rt);
    const cur = this.va(k);
    const btarget = (cur + 4 + (simm << 2)) | 0;
    const fall = (cur + 8) | 0;
    o.push(`// ${hex(cur)}: ${hex(w)} id ${id}`);
    switch (id) {
      case 0: return this.write(rd, `${T} << ${sa}`);
      case 1: return this.write(rd, `(${T} >>> ${sa}) | 0`);
      case 2: return this.write(rd, `${T} >> ${sa}`);
      case 3: return this.write(rd, `${T} << ${S}`);
      case 4: return this.write(rd, `(${T} >>> ${S}) | 0`);
      case 5: return this.write(rd, `${T} >> ${S}`);
      case 6: // jr
        o.push(`tgt = ${S};`);
        return this.commit(-1);
      case 7: // jalr
        o.push(`tgt = ${S};`);
        return this.write(rd, lit(fall));
      case 10: // mfhi
      case 12: // mflo
        this.sync(k);
        o.push('{ const h = cpu.hiloReady; if (h > cyc) { cnt[8] += h - cyc; cyc = h | 0; } }');
        this.write(rd, id === 10 ? 'hilo[0]' : 'hilo[1]');
        return this.stallCheck(k);
      case 11: // mthi
      case 13: // mtlo
        o.push(`hilo[${id === 11 ? 0 : 1}] = ${S};`);
        return this.commit(-1);
      case 14: // mult
      case 15: // multu
        this.sync(k);
        o.push(`mul(hilo, ${S}, ${T}, ${id === 14}); cpu.hiloReady = cyc + 12;`);
        return this.commit(-1);
      case 16: // div: the R3000 results for the undefined cases (r3000.md §1.6)
        this.sync(k);
        o.push(`{ const a = ${S}; const b = ${T};`);
        o.push('if (b === 0) { hilo[1] = a >= 0 ? -1 : 1; hilo[0] = a; }');
        o.push('else if (a === -0x80000000 && b === -1) { hilo[1] = a; hilo[0] = 0; }');
        o.push('else { hilo[1] = (a / b) | 0; hilo[0] = a % b | 0; }');
        o.push('cpu.hiloReady = cyc + 35; }');
        return this.commit(-1);
      case 17: // divu
        this.sync(k);
        o.push(`{ const a = ${S} >>> 0; const b = ${T} >>> 0;`);
        o.push('if (b === 0) { hilo[1] = -1; hilo[0] = a | 0; }');
        o.push('else { hilo[1] = (a / b) | 0; hilo[0] = a % b | 0; }');
        o.push('cpu.hiloReady = cyc + 35; }');
        return this.commit(-1);
      case 18: // add
      case 20: // sub
        o.push(`{ const a = ${S}; const b = ${T}; const v = (a ${id === 18 ? '+' : '-'} b) | 0;`);
        o.push(`if (${id === 18 ? '((a ^ v) & (b ^ v))' : '((a ^ b) & (a ^ v))'} < 0) { ${this.exit(k)} }`);
        this.commit(rd);
        if (rd !== 0) o.push(`${this.r(rd)} = v;`);
        o.push('}');
        return;
      case 19: return this.write(rd, `(${S} + ${T}) | 0`);
      case 21: return this.write(rd, `(${S} - ${T}) | 0`);
      case 22: return this.write(rd, `${S} & ${T}`);
      case 23: return this.write(rd, `${S} | ${T}`);
      case 24: return this.write(rd, `${S} ^ ${T}`);
      case 25: return this.write(rd, `~(${S} | ${T})`);
      case 26: return this.write(rd, `${S} < ${T} ? 1 : 0`);
      case 27: return this.write(rd, `(${S} >>> 0) < (${T} >>> 0) ? 1 : 0`);
      case 28: // bltz
      case 29: // bgez
      case 36: // blez
      case 37: { // bgtz
        const op = id === 28 ? '<' : id === 29 ? '>=' : id === 36 ? '<=' : '>';
        o.push(`tgt = ${S} ${op} 0 ? ${lit(btarget)} : ${lit(fall)};`);
        return this.commit(-1);
      }
      case 30: // bltzal (links whether or not taken, r3000.md §1.6)
      case 31: // bgezal
        o.push(`tgt = ${S} ${id === 30 ? '<' : '>='} 0 ? ${lit(btarget)} : ${lit(fall)};`);
        return this.write(31, lit(fall));
      case 32: // j
      case 33: { // jal
        const t = ((cur + 4) & 0xf0000000) | ((w & 0x03ffffff) << 2);
        o.push(`tgt = ${lit(t)};`);
        if (id === 32) return this.commit(-1);
        return this.write(31, lit(fall));
      }
      case 34: // beq
      case 35: // bne
        o.push(`tgt = ${S} ${id === 34 ? '===' : '!=='} ${T} ? ${lit(btarget)} : ${lit(fall)};`);
        return this.commit(-1);
      case 38: // addi
        o.push(`{ const a = ${S}; const v = (a + ${simm}) | 0;`);
        o.push(`if (((a ^ v) & (${simm} ^ v)) < 0) { ${this.exit(k)} }`);
        this.commit(rt);
        if (rt !== 0) o.push(`${this.r(rt)} = v;`);
        o.push('}');
        return;
      case 39: return this.write(rt, `(${S} + ${simm}) | 0`);
      case 40: return this.write(rt, `${S} < ${simm} ? 1 : 0`);
      case 41: return this.write(rt, `(${S} >>> 0) < ${simm >>> 0} ? 1 : 0`);
      case 42: return this.write(rt, `${S} & ${uimm}`);
      case 43: return this.write(rt, `${S} | ${uimm}`);
      case 44: return this.write(rt, `${S} ^ ${uimm}`);
      case 45: return this.write(rt, lit(w << 16));
      case 46: // lb
      case 47: // lh
      case 49: // lw
      case 50: // lbu
      case 51: // lhu
      case 48: // lwl
      case 52: // lwr
        return this.load(k, id, S, rt, simm);
      case 53: // sb
      case 54: // sh
      case 56: // sw
        return this.store(k, id, S, T, simm);
      default:
        throw new Error(`internal: the jit has no code for id ${id}`);
    }
  }

  /** The cycle and D-cache part of a read of word `wa` with translation entry `e` (after sync). */
  private readTiming(): void {
    this.out.push(
      'if ((e & 4) !== 0) { const li = wa & dmask; if (dtags[li] !== wa) cyc += cpu.dataMiss(cyc, wa, li); }',
      'else cyc += cpu.uncachedRead(cyc);',
    );
  }

  private load(k: number, id: number, S: string, rt: number, simm: number): void {
    const o = this.out;
    const align = id === 49 ? 3 : id === 47 || id === 51 ? 1 : 0;
    o.push(`{ const va = (${S} + ${simm}) | 0; const e = tc[va >>> 12];`);
    o.push(`if ((e & 1) === 0${align !== 0 ? ` || (va & ${align}) !== 0` : ''}) { ${this.exit(k)} }`);
    o.push('const pa = (e & -4096) | (va & 4095); const wa = pa >>> 2;');
    this.sync(k);
    this.readTiming();
    switch (id) {
      case 46: o.push('const v = ramS8[pa];'); break;
      case 50: o.push('const v = ram8[pa];'); break;
      case 47: o.push('const v = ramS16[pa >>> 1];'); break;
      case 51: o.push('const v = ram16[pa >>> 1];'); break;
      case 49: o.push('const v = ram32[wa];'); break;
      default: {
        // LWL/LWR merge into rt or into rt's pending load value (r3000.md §2); little-endian lanes.
        o.push(`const m = ram32[wa]; const old = ${this.mergeBase(rt)}; const sh = (va & 3) << 3;`);
        if (id === 48) o.push('const v = sh === 24 ? m : (old & ((1 << (24 - sh)) - 1)) | (m << (24 - sh));');
        else o.push('const v = sh === 0 ? m : (old & ~(-1 >>> sh)) | (m >>> sh);');
      }
    }
    this.commitLoad(rt);
    this.stallCheck(k);
    o.push('}');
  }

  private store(k: number, id: number, S: string, T: string, simm: number): void {
    const o = this.out;
    const align = id === 56 ? 3 : id === 54 ? 1 : 0;
    o.push(`{ const va = (${S} + ${simm}) | 0; const e = tc[va >>> 12];`);
    o.push(`if ((e & 2) === 0${align !== 0 ? ` || (va & ${align}) !== 0` : ''}) { ${this.exit(k)} }`);
    o.push('const pa = (e & -4096) | (va & 4095); const wa = pa >>> 2;');
    if (id === 56) o.push(`ram32[wa] = ${T}; dec[wa] = 127; if ((e & 4) !== 0) dtags[wa & dmask] = wa;`);
    else {
      o.push(id === 53 ? `ram8[pa] = ${T};` : `ram16[pa >>> 1] = ${T};`);
      o.push('dec[wa] = 127; if ((e & 4) !== 0) { const li = wa & dmask; if (dtags[li] !== wa) dtags[li] = -1; }');
    }
    this.sync(k);
    o.push('cyc += wb.push(cyc);');
    this.commit(-1);
    if (k < this.n - 1) {
      // A store into this block's own words: end after it, the next entry re-checks the words.
      o.push(`if (((wa - ${this.b.wa}) >>> 0) < ${this.n}) { ${this.exit(k + 1)} }`);
    }
    this.stallCheck(k);
    o.push('}');
  }
}

/** The registers (1-31) a block's instructions name (in rs, rt, rd, or r31 for the links). */
export function usedRegisters(b: BlockShape): number[] {
  const set = new Set<number>();
  b.words.forEach((w, i) => {
    const id = b.ids[i]!;
    set.add((w >>> 21) & 31).add((w >>> 16) & 31).add((w >>> 11) & 31);
    if (id === 30 || id === 31 || id === 33) set.add(31);
  });
  set.delete(0);
  return [...set].sort((x, y) => x - y);
}

/** The block ends with a branch or jump whose taken target is its own first instruction. */
export function selfLoop(b: BlockShape): boolean {
  if (!b.branch) return false;
  const n = b.words.length;
  const w = b.words[n - 2]! | 0;
  const id = b.ids[n - 2]!;
  const cur = (b.va + 4 * (n - 2)) | 0;
  if (id === 32 || id === 33) return (((cur + 4) & 0xf0000000) | ((w & 0x03ffffff) << 2)) === b.va;
  if (id === 6 || id === 7) return false;
  return ((cur + 4 + (((w << 16) >> 16) << 2)) | 0) === b.va;
}

/** The JavaScript source of a block's function body (for tests and `docs/jit.md`). */
export function blockSource(b: BlockShape): string {
  return new Gen(b).generate();
}

const PRELUDE =
  '"use strict";\nconst { gpr, hilo, cnt, ram32, ram16, ramS16, ram8, ramS8, dec, dtags, dmask, wb, mul } = X;\n';

/** Compiles a block for one machine. */
export function compileBlock(b: BlockShape, rt: Runtime): BlockFn {
  const body = blockSource(b);
  const name = `b_${(b.va >>> 0).toString(16)}`;
  const factory = new Function('X', `${PRELUDE}return function ${name}(cpu, limit) {\n${body}\n};`) as (x: Runtime) => BlockFn;
  return factory(rt);
}
