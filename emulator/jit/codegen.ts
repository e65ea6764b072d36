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
 *    - at the end: pc = the branch target (or fall-through), bd = 0, unless the target is a block
 *      of the same function's region (5).
 * 5. Regions: a function runs its first block from the caller's state, then goes on to the
 *    blocks of its region (the block itself when it loops on itself, and the blocks of its page
 *    that the engine saw follow each other: engine.ts) as a state machine, with the guest
 *    registers in JavaScript locals and the pending load known statically at each block start.
 *    Each block of the state machine starts with the limit check the engine makes before a
 *    block (`cyc + n <= limit`); every block's words are checked at entry (1); a store into the
 *    region's words ends the run after it.
 */
import type { Cpu } from '../cpu.js';
import type { WriteBuffer } from '../writebuffer.js';
import type { BlockShape } from './block.js';

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
  /** Stall cycles of a D-cache miss and of an uncached read (TimingConfig), before the drain. */
  readonly dmc: number;
  readonly ucc: number;
  readonly wb: WriteBuffer;
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
    dmc: cpu.timing.dcacheMissCycles,
    ucc: cpu.timing.uncachedReadCycles,
    wb: cpu.wb,
  };
}

const NONE = 32;
const DYN = -1;

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
const lit = (n: number): string => String(n | 0);

/**
 * What one function covers (a region): a head block, and the blocks of its page that it leads to
 * (engine.ts forms regions from the links between blocks that ran one after the other). The
 * function runs the head block once from the caller's state, then moves from block to block while
 * each one's branch or jump leads to another block of the region, with the guest registers in
 * JavaScript locals. Every block is in the head's virtual and physical page.
 */
export interface Region {
  readonly blocks: readonly BlockShape[];
  /**
   * Successor candidates per block (indices into `blocks`), beyond those found statically
   * (branch targets and fall-throughs in the region): the blocks that followed it when it ran
   * (needed for JR/JALR).
   */
  readonly linked?: readonly (readonly number[])[];
}

/** The pending load a block leaves: the register its last instruction loads, or NONE. */
function pendOut(b: BlockShape): number {
  const id = b.ids[b.ids.length - 1]!;
  return id >= 46 && id <= 52 ? (b.words[b.words.length - 1]! >>> 16) & 31 : NONE;
}

/** Where block b may go: its static targets (taken, fall-through), or null for JR/JALR. */
export function staticTargets(b: BlockShape): number[] | null {
  const n = b.words.length;
  if (!b.branch) return [(b.va + 4 * n) | 0];
  const w = b.words[n - 2]! | 0;
  const id = b.ids[n - 2]!;
  const cur = (b.va + 4 * (n - 2)) | 0;
  if (id === 6 || id === 7) return null;
  if (id === 32 || id === 33) return [((cur + 4) & 0xf0000000) | ((w & 0x03ffffff) << 2)];
  return [(cur + 4 + (((w << 16) >> 16) << 2)) | 0, (cur + 8) | 0];
}

class Gen {
  private readonly out: string[] = [];
  /** Instructions of the current block whose one cycle is already in `cyc` (0..synced-1). */
  private synced = 0;
  /** The register a load left pending after the instructions generated so far; DYN: the caller's. */
  private pend: number = DYN;
  /** The block being generated, and its length. */
  private blk: BlockShape;
  private n: number;
  /** Generating the state machine: registers live in locals `rN`. */
  private locals = false;
  /** Registers the region's instructions name, other than r0. */
  private readonly used: number[];
  /** The lowest and highest physical word of the region (stores in between end the run). */
  private readonly lo: number;
  private readonly hi: number;
  private readonly blocks: readonly BlockShape[];
  /** Per block: the pending load it starts with inside the state machine. */
  private readonly pendIn: number[];
  /** Per block: the blocks it continues to (index, virtual address). */
  private readonly succ: { i: number; va: number }[][];
  /**
   * The region stores: the write buffer's next slot and newest retirement time live in the
   * locals `wn` and `wl` (written back before a read that drains the buffer and at every exit).
   */
  private readonly stores: boolean;
  /** The region uses HI/LO: they, their ready time and the interlock's stall count are locals. */
  private readonly hilo: boolean;
  /** The region loads: its D-cache miss and uncached-read stall counts are locals. */
  private readonly loads: boolean;

  constructor(region: Region) {
    const blocks = region.blocks;
    if (blocks.length === 0) throw new Error('internal: jit region without blocks');
    const head = blocks[0]!;
    const seen = new Set<number>();
    for (const b of blocks) {
      if ((b.wa >>> 10) !== (head.wa >>> 10) || ((b.va ^ head.va) & -4096) !== 0) throw new Error('internal: jit region leaves its page');
      if (seen.has(b.va | 0)) throw new Error('internal: jit region has two blocks at one address');
      seen.add(b.va | 0);
    }
    this.blocks = blocks;
    this.blk = head;
    this.n = head.words.length;
    const was = blocks.flatMap((b) => b.words.map((_, j) => b.wa + j));
    this.lo = Math.min(...was);
    this.hi = Math.max(...was);
    this.used = usedRegisters(blocks);
    this.stores = blocks.some((b) => b.ids.some((id) => id >= 53 && id <= 57));
    this.hilo = blocks.some((b) => b.ids.some((id) => id >= 10 && id <= 17));
    this.loads = blocks.some((b) => b.ids.some((id) => id >= 46 && id <= 52));
    // Successors: static targets in the region, and the linked blocks; an edge is kept only if
    // the pending load the predecessor leaves is the one its successor starts with (the first
    // predecessor found fixes it), so that it is known statically in every block.
    const index = new Map(blocks.map((b, i) => [b.va | 0, i]));
    this.pendIn = blocks.map(() => -2);
    this.succ = blocks.map(() => []);
    blocks.forEach((b, i) => {
      const cand = new Set<number>();
      for (const t of staticTargets(b) ?? []) {
        const x = index.get(t);
        if (x !== undefined) cand.add(x);
      }
      for (const x of region.linked?.[i] ?? []) cand.add(x);
      const po = pendOut(b);
      for (const x of [...cand].sort((p, q) => p - q)) {
        if (this.pendIn[x] === -2) this.pendIn[x] = po;
        if (this.pendIn[x] === po) this.succ[i]!.push({ i: x, va: blocks[x]!.va | 0 });
      }
    });
  }

  /** Register i as a JavaScript expression (a local in the state machine). */
  private r(i: number): string {
    return i === 0 ? '0' : this.locals ? `r${i}` : `gpr[${i}]`;
  }

  /** The virtual address of instruction k of the current block (k >= n: the words after it). */
  private va(k: number): number {
    return (this.blk.va + 4 * k) | 0;
  }

  /**
   * An exit: the boundary's pc and bd (`xpc`, `xbd`; npc is pc + 4 unless bd, then `xnpc`), the
   * pending load (`xld`; its value is `lv`), the cycles not yet in `cyc` (`xcd`) and the
   * instructions retired in the current block (`xk`), then a jump to the common epilogue
   * (epilogue()), which writes the locals back (from the state machine) and the state. Exits
   * only assign constants (and `tgt`): an exit taken for the first time after V8 optimized the
   * function then has no arithmetic without type feedback, which would deoptimize it. One
   * epilogue also keeps the functions small (V8 parses and optimizes them faster).
   */
  private leave(pos: string, k: number): string {
    if (this.pend === DYN) throw new Error('internal: jit exit after the first instruction with a dynamic load');
    return `${pos} xld = ${this.pend}; xcd = ${k - this.synced}; xk = ${k}; break ${this.locals ? 'l' : 'g'};`;
  }

  /** Code that ends the run at boundary k of the current block (its instructions 0..k-1 retired). */
  private exit(k: number): string {
    const n = this.n;
    // Nothing happened yet: the caller's state is the state.
    if (k === 0 && !this.locals) return 'return 0;';
    if (k < n && k > 0 && this.blk.branch && k === n - 1) return this.leave(`xpc = ${lit(this.va(k))}; xnpc = tgt; xbd = 1;`, k);
    if (k === n && this.blk.branch) return this.leave('xpc = tgt; xbd = 0;', k);
    return this.leave(`xpc = ${lit(this.va(k))}; xbd = 0;`, k);
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

  /** The instructions of block b, from its first; leaves `cyc` synced and `done` counting them. */
  private body(b: BlockShape): void {
    this.blk = b;
    this.n = b.words.length;
    this.synced = 0;
    for (let k = 0; k < this.n; k++) this.insn(k);
    const d = this.n - this.synced;
    if (d > 0) this.out.push(`cyc = (cyc + ${d}) | 0;`);
    this.synced = this.n;
  }

  /**
   * After block i's body: `bb` = the successor the branch (or fall-through) leads to, or the
   * run ends there (pc = the target). `done` does not count block i yet.
   */
  private next(i: number): void {
    const o = this.out;
    const succ = this.succ[i]!;
    const to = this.blk.branch ? 'tgt' : lit(this.va(this.n));
    const tests = succ.map((s) => `${to} === ${lit(s.va)} ? ${s.i} : `).join('');
    o.push(`${this.locals ? '' : 'let '}bb = ${tests}-1;`);
    o.push(`if (bb < 0) { ${this.exit(this.n)} }`);
    o.push(`done += ${this.n};`);
  }

  generate(): string {
    const o = this.out;
    const check: string[] = [];
    const res: string[] = [];
    for (const b of this.blocks) {
      b.words.forEach((w, j) => {
        check.push(`ram32[${b.wa + j}] !== ${lit(w)}`);
        res.push(`dec[${b.wa + j}] < 128`);
      });
    }
    o.push(`if (${check.join(' || ')}) return -1;`);
    o.push(`if (${res.join(' || ')}) return -2;`);
    o.push('let cyc = cpu.cyc | 0;');
    o.push('let ldr0 = cpu.ldReg | 0;');
    o.push('let ldv0 = cpu.ldVal | 0;');
    // lv: the value of the last load (the interpreter's ldVal, which stays after its commit).
    o.push('let lv = ldv0; let tgt = 0; let done = 0;');
    if (this.blocks.some((b) => b.ids.some((id) => id >= 46 && id <= 57))) o.push('const tc = cpu.currentTc();');
    if (this.stores) o.push('let wn = wb.next | 0; let wl = wb.last | 0; let ws0 = 0; let ws1 = 0;');
    // The stall counters of loads (D-cache misses, their stalls, uncached stalls), added at exit.
    if (this.loads) o.push('let dm0 = 0; let dm1 = 0; let uc1 = 0;');
    if (this.hilo) o.push('let hi = hilo[0] | 0; let lo = hilo[1] | 0; let hr = cpu.hiloReady | 0; let hst = 0;');
    o.push('let xpc = 0, xnpc = 0, xbd = 0, xld = 32, xcd = 0, xk = 0;');
    // Exits before the state machine break out of `g`, those in it out of `l` (leave).
    o.push('g: {');
    // The head block from the caller's state (its pending load is dynamic; registers in gpr).
    const head = this.blocks[0]!;
    this.pend = DYN;
    this.body(head);
    if (this.succ[0]!.length === 0) {
      o.push(this.exit(this.n));
      return this.epilogue();
    }
    const live = this.blocks.map((_, i) => i).filter((i) => this.pendIn[i] !== -2);
    const single = live.length === 1 && this.succ[live[0]!]!.length === 1 && this.succ[live[0]!]![0]!.i === live[0];
    if (single) {
      // One block looping on itself: the passes after the first are a plain JavaScript loop
      // (the head is the only block, so the loop goes on only if it branched to itself).
      o.push(`if (tgt !== ${lit(head.va)} || cyc + ${this.n} > limit) { ${this.exit(this.n)} }`);
      o.push(`done = ${this.n};`);
    } else this.next(0);
    // The state machine: from here on every block starts with its static pending load and the
    // registers in locals (loaded here, written back at every exit). Nothing can have changed
    // the region's words (a store into them ends the run) or their I-cache lines (nothing
    // fetches), and the translation is the same (no TLB or mode change happens in a region).
    this.locals = true;
    if (this.used.length > 0) o.push(`let ${this.used.map((i) => `r${i} = gpr[${i}]`).join(', ')};`);
    o.push('l: {');
    if (single) {
      const i = live[0]!;
      const b = this.blocks[i]!;
      this.blk = b;
      this.n = b.words.length;
      this.synced = 0;
      this.pend = this.pendIn[i]!;
      o.push('for (;;) {');
      o.push(`if (cyc + ${this.n} > limit) { ${this.exit(0)} }`);
      this.body(b);
      if (this.pend !== this.pendIn[i]) throw new Error('internal: jit self-loop with two pending loads');
      o.push(`if (tgt === ${lit(b.va)}) { done += ${this.n}; continue; }`);
      o.push(this.exit(this.n));
      o.push('}');
      return this.epilogue();
    }
    o.push('for (;;) {');
    o.push('switch (bb) {');
    // (bb is declared by next(0) above.)
    this.blocks.forEach((b, i) => {
      if (this.pendIn[i] === -2) return; // no edge leads here
      o.push(`case ${i}: {`);
      this.blk = b;
      this.n = b.words.length;
      this.synced = 0;
      this.pend = this.pendIn[i]!;
      const self = this.succ[i]!.some((x) => x.i === i);
      // A block that loops on itself runs as an inner JavaScript loop (V8 optimizes those best).
      if (self) o.push('for (;;) {');
      o.push(`if (cyc + ${this.n} > limit) { ${this.exit(0)} }`);
      this.body(b);
      if (self) {
        if (this.pend !== this.pendIn[i]) throw new Error('internal: jit self-loop with two pending loads');
        o.push(`if (tgt === ${lit(b.va)}) { done += ${this.n}; continue; }`);
        o.push('break; }');
      }
      this.next(i);
      o.push('continue; }');
    });
    o.push('}');
    o.push("throw new Error('internal: jit region state');");
    o.push('}');
    return this.epilogue();
  }

  /** Closes the blocks `l` (if open) and `g` and writes the exit's state back. */
  private epilogue(): string {
    const o = this.out;
    if (this.locals) {
      o.push('}');
      // Locals always hold the registers' current values (a pending load is not in them yet).
      if (this.used.length > 0) o.push(this.used.map((i) => `gpr[${i}] = r${i};`).join(' '));
    }
    o.push('}');
    o.push('cpu.pc = xpc; cpu.npc = xbd === 0 ? (xpc + 4) | 0 : xnpc; cpu.bd = xbd; cpu.ldReg = xld; cpu.ldVal = lv;');
    o.push('cpu.cyc = (cyc + xcd) | 0;');
    if (this.stores) o.push('wb.next = wn; wb.last = wl; if (ws0 !== 0) { wbs[0] += ws0; wbs[1] += ws1; }');
    if (this.loads) o.push('if (dm0 !== 0) { cnt[4] += dm0; cnt[6] += dm1; } if (uc1 !== 0) cnt[7] += uc1;');
    if (this.hilo) o.push('hilo[0] = hi; hilo[1] = lo; cpu.hiloReady = hr; if (hst !== 0) cnt[8] += hst;');
    o.push('xk = (xk + done) | 0; cnt[1] += xk; return xk;');
    return o.join('\n');
  }

  private insn(k: number): void {
    const w = this.blk.words[k]! | 0;
    const id = this.blk.ids[k]!;
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
        o.push('{ const w = hr; if (w > cyc) { hst += w - cyc; cyc = w | 0; } }');
        this.write(rd, id === 10 ? 'hi' : 'lo');
        return this.stallCheck(k);
      case 11: // mthi
      case 13: // mtlo
        o.push(`${id === 11 ? 'hi' : 'lo'} = ${S};`);
        return this.commit(-1);
      case 14: // mult
      case 15: // multu
        this.sync(k);
        // multiply() of the interpreter, inline (a call costs V8's inlining budget in big functions).
        o.push(`{ const a = ${S}; const b = ${T}; const au = a >>> 0; const bu = b >>> 0;`);
        o.push('const al = au & 0xffff; const ah = au >>> 16; const bl = bu & 0xffff; const bh = bu >>> 16;');
        o.push('const lh = al * bh; const hl = ah * bl; const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);');
        o.push(`let h = ah * bh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536);`);
        if (id === 14) o.push('if (a < 0) h -= bu; if (b < 0) h -= au;');
        o.push('hi = h | 0; lo = Math.imul(a, b); hr = cyc + 12; }');
        return this.commit(-1);
      case 16: // div: the R3000 results for the undefined cases (r3000.md §1.6)
        this.sync(k);
        o.push(`{ const a = ${S}; const b = ${T};`);
        o.push('if (b === 0) { lo = a >= 0 ? -1 : 1; hi = a; }');
        o.push('else if (a === -0x80000000 && b === -1) { lo = a; hi = 0; }');
        o.push('else { lo = (a / b) | 0; hi = a % b | 0; }');
        o.push('hr = cyc + 35; }');
        return this.commit(-1);
      case 17: // divu
        this.sync(k);
        o.push(`{ const a = ${S} >>> 0; const b = ${T} >>> 0;`);
        o.push('if (b === 0) { lo = -1; hi = a | 0; }');
        o.push('else { lo = (a / b) | 0; hi = a % b | 0; }');
        o.push('hr = cyc + 35; }');
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
    // Cpu.dataMiss and Cpu.uncachedRead, inline (no call in the generated code lets V8 keep the
    // arrays' addresses in registers through a loop): the reads that go to memory first wait
    // for the write buffer to drain (WriteBuffer.drainWait), then stall.
    const last = this.stores ? 'wl' : 'wb.last';
    this.out.push(
      `if ((e & 4) !== 0) { const li = wa & dmask; if (dtags[li] !== wa) { dtags[li] = wa; dm0 = (dm0 + 1) | 0; const s = (${last} > cyc ? ${last} - cyc : 0) + dmc; dm1 = (dm1 + s) | 0; cyc = (cyc + s) | 0; } }`,
      `else { const s = (${last} > cyc ? ${last} - cyc : 0) + ucc; uc1 = (uc1 + s) | 0; cyc = (cyc + s) | 0; }`,
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
    // WriteBuffer.push, inline: a full buffer stalls until its oldest entry retires.
    o.push('{ const od = wbd[wn]; if (od > cyc) { ws0 = (ws0 + 1) | 0; ws1 = (ws1 + od - cyc) | 0; cyc = od; }');
    o.push('const t = (wl > cyc ? wl : cyc) + wbr; wbd[wn] = t; wl = t; wn = (wn + 1) & wbm; }');
    this.commit(-1);
    // A store into the function's own words (anywhere between the region's lowest and highest
    // word): end after it, the next entry re-checks the words. Also after a block's last
    // instruction (a store in a delay slot): a loop or the state machine would go on to run them.
    o.push(`if (((wa - ${this.lo}) >>> 0) <= ${this.hi - this.lo}) { ${this.exit(k + 1)} }`);
    this.stallCheck(k);
    o.push('}');
  }
}

/** The registers (1-31) the blocks' instructions name (in rs, rt, rd, or r31 for the links). */
export function usedRegisters(blocks: readonly BlockShape[]): number[] {
  const set = new Set<number>();
  for (const b of blocks) {
    b.words.forEach((w, i) => {
      const id = b.ids[i]!;
      set.add((w >>> 21) & 31).add((w >>> 16) & 31).add((w >>> 11) & 31);
      if (id === 30 || id === 31 || id === 33) set.add(31);
    });
  }
  set.delete(0);
  return [...set].sort((x, y) => x - y);
}

const asRegion = (b: BlockShape | Region): Region => ('blocks' in b ? b : { blocks: [b] });

/** The JavaScript source of a block's or a region's function body (for tests and `docs/jit.md`). */
export function blockSource(b: BlockShape | Region): string {
  return new Gen(asRegion(b)).generate();
}

const PRELUDE =
  '"use strict";\nconst { gpr, hilo, cnt, ram32, ram16, ramS16, ram8, ramS8, dec, dtags, dmask, wb, dmc, ucc } = X;\n' +
  'const wbd = wb.done, wbs = wb.stalls, wbr = wb.retireCycles | 0, wbm = (wb.depth - 1) | 0;\n';

/** Compiles a block (a region of one block) or a region for one machine. */
export function compileBlock(b: BlockShape | Region, rt: Runtime): BlockFn {
  const region = asRegion(b);
  const body = new Gen(region).generate();
  const name = `${region.blocks.length > 1 ? `r${region.blocks.length}` : 'b'}_${(region.blocks[0]!.va >>> 0).toString(16)}`;
  const factory = new Function('X', `${PRELUDE}return function ${name}(cpu, limit) {\n${body}\n};`) as (x: Runtime) => BlockFn;
  return factory(rt);
}
