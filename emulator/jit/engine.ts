/**
 * The block-compiling engine: `runSliceJit(cpu, limit)` has exactly the semantics of the
 * interpreter's `runSlice(cpu, limit)` (run until the first instruction boundary at or after
 * `cpu.cyc >= limit`, or until `cpu.stop`/`cpu.yieldReq` ends the slice early), so the machine's
 * run loop (events, interrupts, budgets) is the same for both engines (docs/jit.md).
 *
 * At each boundary the dispatcher looks for a compiled block at the physical word the PC fetches
 * from (kseg0 directly, mapped pages through the translation cache): a block is entered only at a
 * boundary outside a delay slot, for a cached RAM page, and only if it ends before the slice limit
 * when nothing stalls. Everything else runs in the interpreter, which stays the reference: cold
 * code (a block is compiled once its entry has been seen `hotThreshold` times), the instructions
 * a block stops before (exceptions, devices, coprocessors, SYSCALL/BREAK, SWL/SWR), delay slots,
 * uncached code, and the end of a slice.
 *
 * Blocks verify their own words at every entry (codegen.ts), so no store, DMA, loader, trap hook,
 * snapshot restore or debugger write needs to tell the engine anything: a stale block is dropped
 * at its next entry and recompiled when hot again. The code of a block does not depend on the mode
 * or the ASID (its loads and stores use the current translation cache; the dispatcher translates
 * the PC at each entry), only on its words and its virtual address (branch targets, links), so
 * TLB writes and ASID switches need no invalidation either; a block is keyed by its physical word
 * and checked against the virtual address it was compiled for.
 */
import { findBlock, type BlockShape } from './block.js';
import { compileBlock, runtimeFor, staticTargets, type BlockFn, type Runtime } from './codegen.js';
import { C0_STATUS, SR_ISC, SR_KUC, SR_SWC } from '../cop0.js';
import type { Cpu } from '../cpu.js';
import { runSlice } from '../interpreter.js';
import { INTENT_FETCH } from '../translate.js';
import { setFlagsFromString } from 'node:v8';

export interface JitOptions {
  /** Dispatcher visits of an entry before its block is compiled. */
  hotThreshold: number;
  /** Cycles the interpreter runs at a time for code without a block. */
  chunkCycles: number;
  /** Compiled blocks kept before the cache is flushed. */
  maxBlocks: number;
  /** Completed runs of a compiled block before a region is formed from it (0: no regions). */
  regionAfter: number;
  /** Most instructions in one region. */
  maxRegion: number;
}

/** Process-wide engine settings (tests lower the threshold to compile everything at once). */
export const jitOptions: JitOptions = { hotThreshold: 8, chunkCycles: 256, maxBlocks: 1 << 16, regionAfter: 256, maxRegion: 256 };

interface Block {
  /** The virtual address the block was compiled for. */
  readonly va: number;
  /** Instructions (its cycles when nothing stalls). */
  readonly n: number;
  /** The block's function, replaced by its region's when one is formed. */
  fn: BlockFn;
  /** The block's own function. */
  readonly own: BlockFn;
  /** What it was compiled from (null: a one-word block that leaves its instruction to the interpreter). */
  readonly shape: BlockShape | null;
  /**
   * Links: the last two blocks that followed this one in the same virtual page, by their
   * address (0 with undefined: none). The page's translation is the one this block ran under.
   */
  l0pc: number;
  l0: Block | undefined;
  l1pc: number;
  l1: Block | undefined;
  /** Completed runs (counted up to the region decision), then -1: the decision is made. */
  hits: number;
  /** Region decisions that found no successor yet, and regions given up (REGION_TRIES in all). */
  tries: number;
}

const REGION_TRIES = 8;
/** Most blocks in one region. */
const MAX_REGION_BLOCKS = 16;

/** Block b's branch or jump can lead to its own first instruction. */
function loopsOnItself(b: BlockShape): boolean {
  return staticTargets(b)?.includes(b.va | 0) === true;
}

const newBlock = (va: number, n: number, fn: BlockFn, shape: BlockShape | null): Block => ({
  va, n, fn, own: fn, shape, l0pc: 0, l0: undefined, l1pc: 0, l1: undefined, hits: 0, tries: 0,
});

/** Counters of the engine's own work (not guest-visible). */
export interface JitStats {
  compiled: number;
  entries: number;
  /** Interpreter calls (chunks of cold code, single instructions a block stopped before). */
  interpreted: number;
  stale: number;
  notResident: number;
  flushes: number;
  /** Regions formed (blocks whose function now runs on into the blocks they lead to). */
  regions: number;
}

class JitState {
  readonly rt: Runtime;
  /** Per RAM word: index into `blocks` of the block starting there (0: none). */
  blockIdx: Int32Array;
  blocks: (Block | undefined)[] = [undefined];
  /** Per RAM word: dispatcher visits without a block (saturating at 255). */
  readonly hot: Uint8Array;
  readonly stats: JitStats = { compiled: 0, entries: 0, interpreted: 0, stale: 0, notResident: 0, flushes: 0, regions: 0 };

  constructor(cpu: Cpu) {
    this.rt = runtimeFor(cpu);
    const words = cpu.bus.ramSize >>> 2;
    this.blockIdx = new Int32Array(words);
    this.hot = new Uint8Array(words);
  }

  compile(cpu: Cpu, pc: number, wa: number): Block {
    if (this.blocks.length > jitOptions.maxBlocks) this.flush();
    const ram32 = cpu.bus.ram32;
    const shape = findBlock(ram32, pc, wa);
    let blk: Block;
    if (shape === null) {
      // The first instruction is the interpreter's (block.ts): a one-word block that only checks
      // its word and has the interpreter execute one instruction.
      const w = ram32[wa]! | 0;
      blk = newBlock(pc, 1, () => (ram32[wa] === w ? 0 : -1), null);
      blk.hits = -1;
    } else {
      blk = newBlock(pc, shape.words.length, compileBlock(shape, this.rt), shape);
      this.stats.compiled++;
    }
    this.blockIdx[wa] = this.blocks.length;
    this.blocks.push(blk);
    return blk;
  }

  /**
   * The region decision for a block that completed `regionAfter` runs: the blocks its links lead
   * to, and theirs, breadth first, in the same page (virtual and physical), up to
   * MAX_REGION_BLOCKS blocks and `maxRegion` instructions, become one function with it
   * (codegen.ts: the head block, then a state machine over the region with the registers in
   * locals) that replaces the head block's own. Blocks linked to the head run the region from
   * then on. The region checks every word of every block at entry, as a block does, so it is
   * as exact as the blocks it was made from.
   */
  formRegion(head: Block): void {
    head.hits = -1;
    const hs = head.shape;
    // A block that loops on itself already runs its loop as a plain JavaScript loop, which V8
    // optimizes best; it stays on its own (and stays out of other regions: V8 compiles a loop
    // inside the state machine's loop, entered by on-stack replacement, markedly worse).
    if (hs === null || jitOptions.regionAfter <= 0 || loopsOnItself(hs)) return;
    const members: Block[] = [head];
    const index = new Map<number, number>([[head.va | 0, 0]]);
    let total = hs.words.length;
    for (let q = 0; q < members.length; q++) {
      const b = members[q]!;
      for (const nx of [b.l0, b.l1]) {
        if (nx === undefined || nx.shape === null || index.has(nx.va | 0)) continue;
        const ns = nx.shape;
        // Only the block now compiled at that word (a dropped one is stale), in the head's page.
        if (this.blocks[this.blockIdx[ns.wa]!] !== nx || loopsOnItself(ns)) continue;
        if ((ns.wa >>> 10) !== (hs.wa >>> 10) || ((ns.va ^ hs.va) & -4096) !== 0) continue;
        if (members.length >= MAX_REGION_BLOCKS || total + ns.words.length > jitOptions.maxRegion) continue;
        index.set(nx.va | 0, members.length);
        members.push(nx);
        total += ns.words.length;
      }
    }
    if (members.length < 2) {
      // No successor in the page is known yet (links form as blocks follow each other): try
      // again later, a few times.
      if (hs.branch && head.l0 === undefined && ++head.tries < REGION_TRIES) head.hits = 0;
      return;
    }
    const linked = members.map((b) => [b.l0, b.l1].filter((x): x is Block => x !== undefined && index.get(x.va | 0) !== undefined && members[index.get(x.va | 0)!] === x).map((x) => index.get(x.va | 0)!));
    head.fn = compileBlock({ blocks: members.map((b) => b.shape!), linked }, this.rt);
    this.stats.regions++;
  }

  drop(wa: number): void {
    this.blockIdx[wa] = 0;
    this.hot[wa] = 0;
  }

  flush(): void {
    this.blockIdx.fill(0);
    this.blocks = [undefined];
    this.stats.flushes++;
  }
}

const states = new WeakMap<Cpu, JitState>();

let v8Tuned = false;

/**
 * V8 allocates a function's type-feedback vector only after the function has run a while
 * (lazy feedback allocation). Compiled blocks and regions are called few times and run long,
 * so they were optimized with feedback missing on their exit paths and deoptimized again at each
 * exit (measured: `fib`'s region 10 times in a run, 2 with eager allocation; `fib` 21% faster,
 * `crc32` 6%, `sieve` within the noise: docs/jit.md). Set once, when the first machine uses the
 * engine: it affects the functions created from then on.
 */
function tuneV8(): void {
  if (v8Tuned) return;
  v8Tuned = true;
  setFlagsFromString('--no-lazy-feedback-allocation');
}

function stateFor(cpu: Cpu): JitState {
  let st = states.get(cpu);
  if (st === undefined) {
    tuneV8();
    st = new JitState(cpu);
    states.set(cpu, st);
  }
  return st;
}

/** The engine's counters for a CPU (undefined if the engine never ran on it). */
export function jitStats(cpu: Cpu): JitStats | undefined {
  return states.get(cpu)?.stats;
}

/**
 * The physical address an instruction fetch at `pc` reads, if it is a cached RAM fetch that the
 * interpreter would do without an exception; else -1. kseg0 in kernel mode directly; mapped
 * addresses through the current translation cache, or a translation (the same one, with the same
 * side effects, the interpreter's fetch would do at this PC), whose entry is then cached as a load
 * would cache it (Cpu.loadSlow).
 */
function fetchPa(cpu: Cpu, pc: number): number {
  const v = pc >>> 0;
  const user = (cpu.cop0[C0_STATUS]! & SR_KUC) !== 0;
  let pa: number;
  if (v >= 0x80000000 && v < 0xc0000000) {
    if (user || v >= 0xa0000000) return -1;
    pa = v - 0x80000000;
  } else {
    const tc = cpu.currentTc();
    const e = tc[v >>> 12]!;
    if (e !== 0) {
      if ((e & 5) !== 5) return -1;
      pa = ((e & -4096) | (v & 4095)) >>> 0;
    } else {
      const mmu = cpu.mmu;
      if (mmu.translate(pc, INTENT_FETCH) !== 0 || mmu.duplicate || !mmu.cached) return -1;
      pa = mmu.pa;
      if (!cpu.bus.isRam(pa)) return -1;
      const ent = mmu.cacheEntryFor(pc);
      if (ent !== 0) (user ? mmu.tcUser : mmu.tcKernel).set(v >>> 12, ent);
    }
  }
  return pa < cpu.bus.ramSize ? pa : -1;
}

/** `runSlice` (interpreter.ts) with compiled blocks. */
export function runSliceJit(cpu: Cpu, sliceLimit: number): void {
  const st = stateFor(cpu);
  const limit = sliceLimit | 0;
  const opts = jitOptions;
  const stats = st.stats;
  // The fetch translation of the last block's page, valid while only blocks run (they change no
  // translation and no mode); 1 (never a page address) when unknown.
  let vaPage = 1;
  let paPage = 0;
  // The block that ran last, while nothing else ran since (its successor is linked to it).
  let prev: Block | undefined;
  cpu.yieldReq = 0;
  while (cpu.cyc < limit) {
    let run = opts.chunkCycles;
    const pc = cpu.pc | 0;
    // While the caches are isolated or swapped (SR.IsC, SR.SwC: a kernel invalidating or sizing
    // them, r3000.md "Caches") only the interpreter runs: compiled loads and stores assume
    // ordinary cached memory (the block's code cannot change Status, so the check is per entry).
    if (cpu.bd === 0 && (pc & 3) === 0 && cpu.npc === ((pc + 4) | 0) && (cpu.cop0[C0_STATUS]! & (SR_ISC | SR_SWC)) === 0) {
      const pa = (pc & -4096) === vaPage ? paPage | (pc & 4095) : fetchPa(cpu, pc);
      if (pa >= 0) {
        const wa = pa >>> 2;
        let blk = st.blocks[st.blockIdx[wa]!];
        if (blk !== undefined && blk.va !== pc) blk = undefined;
        if (blk === undefined) {
          const h = st.hot[wa]! + 1;
          if (h >= opts.hotThreshold) {
            st.hot[wa] = 0;
            blk = st.compile(cpu, pc, wa);
          } else if (h < 256) st.hot[wa] = h;
        }
        if (blk !== undefined && cpu.cyc + blk.n <= limit) {
          if (prev !== undefined && (pc & -4096) === vaPage) {
            // Link prev -> blk: both in the page whose translation prev ran under.
            if (prev.l0pc === pc) prev.l0 = blk;
            else if (prev.l1pc === pc) prev.l1 = blk;
            else {
              prev.l1pc = prev.l0pc;
              prev.l1 = prev.l0;
              prev.l0pc = pc;
              prev.l0 = blk;
            }
          }
          let r = blk.fn(cpu, limit);
          if (r > 0) {
            stats.entries++;
            if (blk.hits >= 0 && ++blk.hits >= opts.regionAfter) st.formRegion(blk);
            vaPage = pc & -4096;
            paPage = pa & -4096;
            // Follow links while blocks complete: no lookup, no translation (a linked block is in
            // the same page, and only compiled code ran since that page was translated).
            let cur: Block = blk;
            for (;;) {
              if (cpu.bd !== 0) break;
              const next = cpu.pc | 0;
              const nb: Block | undefined = next === cur.l0pc ? cur.l0 : next === cur.l1pc ? cur.l1 : undefined;
              if (nb === undefined || cpu.cyc + nb.n > limit) break;
              // A block that returns without retiring anything changed nothing: the general
              // path below calls it again and acts on its answer.
              r = nb.fn(cpu, limit);
              if (r <= 0) break;
              stats.entries++;
              if (nb.hits >= 0 && ++nb.hits >= opts.regionAfter) st.formRegion(nb);
              cur = nb;
            }
            prev = cur;
            continue;
          }
          if (r === 0) run = 1;
          else if (r === -1) {
            stats.stale++;
            st.drop(wa);
          } else {
            stats.notResident++;
            // A region whose words are not all I-cache resident: the interpreter fetches only the
            // head's path, so the head goes back to its own block (a region may form again).
            if (blk.fn !== blk.own) {
              blk.fn = blk.own;
              blk.hits = ++blk.tries < REGION_TRIES ? 0 : -1;
            }
          }
        }
      }
    }
    vaPage = 1;
    prev = undefined;
    stats.interpreted++;
    const end = cpu.cyc + run;
    runSlice(cpu, end < limit ? end : limit);
    if (cpu.stop !== null || cpu.yieldReq !== 0) break;
  }
}
