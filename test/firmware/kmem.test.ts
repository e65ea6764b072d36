/**
 * firmware/kmem.s in kernel mode, routine by routine (docs/exokernel.md §4.2, §5, §7;
 * firmware/kconv.md). The harness links kmem.s behind a small driver
 * (test/firmware/fixtures/kmem-driver.s: the vectors, `nostack_return`, a logging
 * `k_env_redispatch`) at 0x80000000, loads it into the RAM of a Machine and calls one routine at
 * a time: registers and pc set from TypeScript, ra = the driver's `t_done`, whose trap hook stops
 * the run. Between calls the test reads and writes RAM directly (the caches model tags only: the
 * data is always RAM's, emulator/cache.ts) and reads the TLB from the MMU.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic, type LinkedImage } from '../../assembler/index.js';
import { C0_ENTRYHI, C0_STATUS } from '../../emulator/cop0.js';
import { HookTable } from '../../emulator/hooks.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { registerFirmwareHooks } from '../../firmware/hooks.js';

const FW = fileURLToPath(new URL('../../firmware/', import.meta.url));
const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The `.equ NAME, number` lines of firmware/layout.inc. */
function readLayout(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(FW + 'layout.inc', 'utf8').split('\n')) {
    const m = /^\s*\.equ\s+(\w+)\s*,\s*(-?(?:0x[0-9a-f]+|\d+))\s*(#.*)?$/i.exec(line);
    if (m) out[m[1]!] = Number(m[2]!.startsWith('-') ? -Number(m[2]!.slice(1)) : Number(m[2]!));
  }
  return out;
}
const L = readLayout();
const C = (name: string): number => {
  const v = L[name];
  if (v === undefined) throw new Error(`layout.inc has no ${name}`);
  return v;
};

const EINVAL = C('EINVAL');
const ECAP = C('ECAP');
const ENOENT = C('ENOENT');
const ENOMEM = C('ENOMEM');
const EFAULT = C('EFAULT');
const EPERM = C('EPERM');
const EBUSY = C('EBUSY');
const KBASE = C('KBASE');
const PAGE_TABLE = C('PAGE_TABLE') >>> 0;
const ENV_TABLE = C('ENV_TABLE') >>> 0;
const STLB = C('STLB') >>> 0;
const ELO_D = C('ELO_D');
const ELO_V = C('ELO_V');
const ELO_G = C('ELO_G');
const ELO_N = C('ELO_N');
const FLUSH_HI = C('TLB_FLUSH_HI') >>> 0;
const T_HOOK_DONE = 1000;
const T_HOOK_KEXC = 1001;

const RAM = 2 << 20; // 512 pages: the page table ends at 0x4a000, so page 0x4a is the first free one
const NPAGES = RAM >>> 12;
const FIRST = 0x4a;

let image: LinkedImage;
let kernelBytes: Uint8Array;
const sym = new Map<string, number>();

beforeAll(() => {
  // KMEM_S: run the suite against another copy of kmem.s (a mutant, to check the tests can fail).
  const files = [FIX + 'kmem-driver.s', process.env['KMEM_S'] ?? FW + 'kmem.s'].map((name) => ({ name, text: readFileSync(name, 'utf8') }));
  const r = assemble(files, {
    textAddr: 0x80000000,
    entry: 't_done',
    readFile: (path) => {
      for (const dir of [FW, FIX]) {
        try {
          return readFileSync(dir + path, 'utf8');
        } catch {
          // next
        }
      }
      return undefined;
    },
  });
  const problems = r.diagnostics.map(formatDiagnostic);
  // As firmware/build.ts: any warning (an uncovered hazard) is an error.
  expect(problems).toEqual([]);
  image = r.image!;
  const text = image.sections.find((s) => s.name === '.text')!;
  kernelBytes = text.data.subarray(0, text.size);
  expect(0x80000000 + kernelBytes.length).toBeLessThan(ENV_TABLE); // below the environment table
  for (const s of image.symbols) sym.set(s.name, s.value >>> 0);
});

const REG = { at: 1, v0: 2, v1: 3, a0: 4, a1: 5, a2: 6, a3: 7, k0: 26, k1: 27, sp: 29, ra: 31 } as const;

interface Env {
  index: number;
  id: number;
  rec: number;
  asid: number;
}

/** One machine with kmem.s and the driver in RAM, k_mem_init done, two environments. */
class Kernel {
  readonly io: BufferIo;
  readonly m: Machine;
  readonly dv: DataView;
  readonly env1: Env;
  readonly env2: Env;

  constructor(input: Uint8Array = new Uint8Array(0)) {
    this.io = new BufferIo(input);
    this.m = new Machine({ io: this.io, ramBytes: RAM });
    this.dv = new DataView(this.m.bus.ram8.buffer, this.m.bus.ram8.byteOffset, this.m.bus.ram8.byteLength);
    this.m.bus.load(0, kernelBytes);
    const hooks = new HookTable();
    registerFirmwareHooks(hooks, this.m);
    hooks.registerHook(T_HOOK_DONE, 'test_done', 0, (call) => {
      call.v0 = call.cpu.gpr[2]!;
      call.v1 = call.cpu.gpr[3]!;
      call.halt(0);
    });
    hooks.registerHook(T_HOOK_KEXC, 'test_kernel_exception', 0, (call) => {
      call.v0 = call.cpu.gpr[2]!;
      call.v1 = call.cpu.gpr[3]!;
      call.halt(99);
    });
    this.m.cpu.hook = hooks;
    this.m.cpu.cop0[C0_STATUS] = 0; // kernel mode, interrupts off, BEV = 0: the driver's vectors
    this.w32(KBASE + C('KG_NPAGES'), NPAGES);
    this.call('k_mem_init');
    this.env1 = this.makeEnv(1, 1);
    this.env2 = this.makeEnv(2, 2);
    this.become(this.env1);
  }

  pa(kaddr: number): number {
    return (kaddr >>> 0) & 0x1fffffff;
  }
  r32(kaddr: number): number {
    return this.dv.getUint32(this.pa(kaddr), true);
  }
  w32(kaddr: number, v: number): void {
    this.dv.setUint32(this.pa(kaddr), v >>> 0, true);
  }
  pg(page: number, field: 'PG_OWNER' | 'PG_RCAP' | 'PG_WCAP' | 'PG_FLAGS'): number {
    return this.r32(PAGE_TABLE + page * 16 + C(field));
  }
  setPage(page: number, owner: number, rcap: number, wcap: number): void {
    this.w32(PAGE_TABLE + page * 16 + C('PG_OWNER'), owner);
    this.w32(PAGE_TABLE + page * 16 + C('PG_RCAP'), rcap);
    this.w32(PAGE_TABLE + page * 16 + C('PG_WCAP'), wcap);
  }
  glob(name: string): number {
    return this.r32(KBASE + C(name));
  }

  makeEnv(index: number, asid: number): Env {
    const rec = ENV_TABLE + index * C('ENV_SIZE');
    const id = (1 << 6) | index;
    this.w32(rec + C('REC_STATUS'), C('ENV_RUNNABLE'));
    this.w32(rec + C('REC_ID'), id);
    this.w32(rec + C('REC_ENTRYHI'), asid << 6);
    this.w32(rec + C('REC_STLB_TAG'), asid << 6);
    return { index, id, rec, asid };
  }

  /** Makes `e` the running environment: KG_CUR_ENV and the ASID in EntryHi. */
  become(e: Env): void {
    this.w32(KBASE + C('KG_CUR_ENV'), e.rec);
    this.m.cpu.cop0[C0_ENTRYHI] = (e.asid << 6) >>> 0;
  }

  /** Calls `name` with a0..a3 = args, every other register a known pattern; returns the registers after. */
  call(name: string, ...args: number[]): { v0: number; v1: number; before: number[]; after: number[] } {
    const addr = sym.get(name);
    if (addr === undefined) throw new Error(`no symbol ${name}`);
    const cpu = this.m.cpu;
    const g = cpu.gpr;
    for (let i = 1; i < 32; i++) g[i] = (0x5a000000 + i * 0x010101) | 0;
    g[REG.sp] = (C('KSTACK_TOP') - 64) | 0;
    g[REG.ra] = sym.get('t_done')! | 0;
    for (let i = 0; i < 4; i++) g[REG.a0 + i] = (args[i] ?? 0) | 0;
    const before = Array.from(g.subarray(0, 32), (v) => v >>> 0);
    cpu.stop = null;
    cpu.setPc(addr);
    const res = this.m.run(this.m.cpu.totalCycles + 20_000_000);
    expect(res, `${name} ended with ${JSON.stringify(res)} at pc 0x${(cpu.pc >>> 0).toString(16)}`).toEqual({ reason: 'halt', code: 0 });
    const after = this.m.state().gpr;
    return { v0: after[REG.v0]! | 0, v1: after[REG.v1]! | 0, before, after };
  }

  tlb(): Array<[number, number]> {
    const mmu = this.m.cpu.mmu;
    return Array.from({ length: 64 }, (_, i) => [mmu.tlbHi[i]!, mmu.tlbLo[i]!] as [number, number]);
  }
  /** TLB entries whose EntryHi is `hi` (any EntryLo). */
  tlbFind(hi: number): number[] {
    const out: number[] = [];
    this.tlb().forEach(([h], i) => {
      if (h === hi >>> 0) out.push(i);
    });
    return out;
  }
  stlbAddr(hi: number): number {
    return STLB + ((((hi >>> 9) ^ hi) & C('STLB_INDEX_MASK')) >>> 0);
  }
  stlb(hi: number): [number, number] {
    const a = this.stlbAddr(hi);
    return [this.r32(a), this.r32(a + 4)];
  }
  stlbAll(): Uint8Array {
    return this.m.bus.ram8.slice(this.pa(STLB), this.pa(STLB) + C('STLB_BYTES'));
  }
  guar(e: Env, slot: number): [number, number] {
    const a = e.rec + C('REC_GUAR') + slot * 8;
    return [this.r32(a), this.r32(a + 4)];
  }
  /** Allocates `page` for the running environment (through sys_page_alloc) and checks it. */
  alloc(page: number, rcap: number, wcap: number): number {
    const r = this.call('sys_page_alloc', page, rcap, wcap);
    expect(r.v0).toBeGreaterThan(0);
    return r.v0;
  }
}

/** Registers a call must keep: all but the listed ones (and r0). */
function expectPreserved(r: { before: number[]; after: number[] }, clobbered: readonly number[]): void {
  for (let i = 1; i < 32; i++) {
    if (clobbered.includes(i)) continue;
    expect(r.after[i], `register ${i}`).toBe(r.before[i]);
  }
}
const NOSTACK_CLOBBERS = [REG.v0, REG.v1, REG.k0, REG.k1];
const STACK_CLOBBERS = [REG.v0, REG.v1, REG.k0, REG.k1, REG.at, REG.ra];

const elo = (page: number, bits: number): number => ((page << 12) | bits) >>> 0;

describe('k_mem_init', () => {
  it('builds the page table (kernel pages, free pages) and empties the STLB', () => {
    const k = new Kernel();
    expect(k.glob('KG_FIRST_PAGE')).toBe(FIRST);
    for (let p = 0; p < NPAGES; p++) {
      expect(k.pg(p, 'PG_OWNER'), `page ${p}`).toBe(p < FIRST ? 0xffffffff : 0);
      expect(k.pg(p, 'PG_RCAP')).toBe(0);
      expect(k.pg(p, 'PG_WCAP')).toBe(0);
      expect(k.pg(p, 'PG_FLAGS')).toBe(0);
    }
    for (let i = 0; i < 4096; i++) {
      expect(k.r32(STLB + i * 8), `stlb ${i}`).toBe(C('STLB_EMPTY'));
      expect(k.r32(STLB + i * 8 + 4)).toBe(0);
    }
    // The record after the last page is not written (the table has exactly npages records).
    expect(k.r32(PAGE_TABLE + NPAGES * 16)).toBe(0);
  });
});

describe('k_rand', () => {
  it('is xorshift32 (13, 17, 5) on KG_RNG, never 0, seeded when the state is 0', () => {
    const k = new Kernel();
    const xs = (x: number): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x >>> 0;
    };
    k.w32(KBASE + C('KG_RNG'), 0);
    let expected = xs(0x2545f491);
    for (let i = 0; i < 20; i++) {
      const r = k.call('k_rand');
      expect(r.v0 >>> 0).toBe(expected);
      expect(r.v0).not.toBe(0);
      expect(k.glob('KG_RNG')).toBe(expected);
      expected = xs(expected);
    }
    k.w32(KBASE + C('KG_RNG'), 1);
    expect(k.call('k_rand').v0 >>> 0).toBe(xs(1));
  });
});

describe('sys_page_alloc / k_page_alloc', () => {
  it('allocates a named page to the caller, zeroed, with its capabilities', () => {
    const k = new Kernel();
    const page = FIRST + 5;
    k.m.bus.ram8.fill(0xaa, page << 12, (page + 1) << 12); // the previous owner's data
    const r = k.call('sys_page_alloc', page, 0x1111, 0x2222);
    expect(r.v0).toBe(page);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.pg(page, 'PG_OWNER')).toBe(k.env1.id);
    expect(k.pg(page, 'PG_RCAP')).toBe(0x1111);
    expect(k.pg(page, 'PG_WCAP')).toBe(0x2222);
    expect(k.m.bus.ram8.subarray(page << 12, (page + 1) << 12).every((b) => b === 0)).toBe(true);
    expect(k.m.bus.ram8[(page + 1) << 12]).toBe(0); // the next page was not touched (it was 0)
  });

  it('-1 takes the first free page, then the next', () => {
    const k = new Kernel();
    expect(k.call('sys_page_alloc', -1, 1, 2).v0).toBe(FIRST);
    expect(k.call('sys_page_alloc', -1, 1, 2).v0).toBe(FIRST + 1);
    k.become(k.env2);
    expect(k.call('sys_page_alloc', -1, 3, 4).v0).toBe(FIRST + 2);
    expect(k.pg(FIRST + 2, 'PG_OWNER')).toBe(k.env2.id);
  });

  it('k_page_alloc records the owner it is given', () => {
    const k = new Kernel();
    expect(k.call('k_page_alloc', FIRST + 9, 5, 6, 0x1234).v0).toBe(FIRST + 9);
    expect(k.pg(FIRST + 9, 'PG_OWNER')).toBe(0x1234);
  });

  it('refuses: zero capabilities, no such page, kernel page, taken page, no free page', () => {
    const k = new Kernel();
    expect(k.call('sys_page_alloc', FIRST, 0, 2).v0).toBe(EINVAL);
    expect(k.call('sys_page_alloc', FIRST, 1, 0).v0).toBe(EINVAL);
    expect(k.call('sys_page_alloc', -1, 0, 2).v0).toBe(EINVAL);
    expect(k.call('sys_page_alloc', NPAGES, 1, 2).v0).toBe(EINVAL);
    expect(k.call('sys_page_alloc', 0x7fffffff, 1, 2).v0).toBe(EINVAL);
    expect(k.call('sys_page_alloc', 0, 1, 2).v0).toBe(EPERM);
    expect(k.call('sys_page_alloc', FIRST - 1, 1, 2).v0).toBe(EPERM);
    expect(k.call('sys_page_alloc', FIRST, 1, 2).v0).toBe(FIRST);
    expect(k.call('sys_page_alloc', FIRST, 1, 2).v0).toBe(EBUSY);
    k.become(k.env2);
    expect(k.call('sys_page_alloc', FIRST, 1, 2).v0).toBe(EBUSY);
    expect(k.pg(FIRST, 'PG_OWNER')).toBe(k.env1.id);
    for (let p = FIRST; p < NPAGES; p++) if (k.pg(p, 'PG_OWNER') === 0) k.setPage(p, 0x99, 1, 1);
    const r = k.call('sys_page_alloc', -1, 1, 2);
    expect(r.v0).toBe(ENOMEM);
    expectPreserved(r, STACK_CLOBBERS);
    // The last page is allocatable by name once it is free.
    k.setPage(NPAGES - 1, 0, 0, 0);
    expect(k.call('sys_page_alloc', -1, 1, 2).v0).toBe(NPAGES - 1);
  });
});

describe('sys_tlb_write', () => {
  const VA = 0x00500000;

  it('installs a writable mapping with the wcap: TLB (TLBWR) and STLB, EntryLo low bits cleared', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x1111, 0x2222);
    const r = k.call('sys_tlb_write', VA, elo(page, ELO_D | ELO_V | ELO_N | 0xff), 0x2222);
    expect(r.v0).toBe(0);
    expectPreserved(r, NOSTACK_CLOBBERS);
    const hi = (VA | (k.env1.asid << 6)) >>> 0;
    const lo = elo(page, ELO_D | ELO_V | ELO_N);
    const idx = k.tlbFind(hi);
    expect(idx).toHaveLength(1);
    expect(idx[0]!).toBeGreaterThanOrEqual(8); // TLBWR never picks the wired entries 0-7
    expect(k.tlb()[idx[0]!]![1]).toBe(lo);
    expect(k.stlb(hi)).toEqual([hi, lo]);
    // EntryHi keeps the ASID.
    expect(k.m.cpu.cop0[C0_ENTRYHI]! & 0xfc0).toBe(k.env1.asid << 6);
  });

  it('read-only with the rcap, or with the wcap; rewriting the same va reuses the entry (TLBWI)', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x1111, 0x2222);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 0x1111).v0).toBe(0);
    const hi = (VA | (k.env1.asid << 6)) >>> 0;
    const [first] = k.tlbFind(hi);
    expect(first).toBeDefined();
    for (let i = 0; i < 5; i++) {
      // The Random register moves every cycle: a TLBWR here would very likely pick another entry.
      expect(k.call('sys_tlb_write', VA, elo(page, ELO_V | (i & 1 ? ELO_D : 0)), 0x2222).v0).toBe(0);
      expect(k.tlbFind(hi)).toEqual([first]);
    }
    expect(k.tlb()[first!]![1]).toBe(elo(page, ELO_V));
    expect(k.stlb(hi)).toEqual([hi, elo(page, ELO_V)]);
  });

  it('maps another environment\'s page when given its capability (sharing), in the caller\'s ASID', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x1111, 0x2222);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 0x1111).v0).toBe(0);
    expect(k.tlbFind((VA | (k.env2.asid << 6)) >>> 0)).toHaveLength(1);
    expect(k.tlbFind((VA | (k.env1.asid << 6)) >>> 0)).toHaveLength(0);
  });

  it('refuses, each with its code, and changes neither TLB nor STLB', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x1111, 0x2222);
    const tlb0 = k.tlb();
    const stlb0 = k.stlbAll();
    const cases: Array<[string, number, number, number, number]> = [
      ['unaligned va', VA + 4, elo(page, ELO_V), 0x2222, EINVAL],
      ['va in kseg0', 0x80000000, elo(page, ELO_V), 0x2222, EINVAL],
      ['va in kseg2', 0xc0001000, elo(page, ELO_V), 0x2222, EINVAL],
      ['G set', VA, elo(page, ELO_V | ELO_G), 0x2222, EINVAL],
      ['PFN = npages', VA, elo(NPAGES, ELO_V), 0x2222, EINVAL],
      ['PFN far beyond RAM', VA, elo(0xfffff, ELO_V), 0x2222, EINVAL],
      ['kernel page 0', VA, elo(0, ELO_V), 0, EPERM],
      ['the page table', VA, elo(FIRST - 1, ELO_V), 0, EPERM],
      ['a free page', VA, elo(FIRST + 4, ELO_V), 0, ENOENT],
      ['D with the rcap', VA, elo(page, ELO_V | ELO_D), 0x1111, ECAP],
      ['a forged capability', VA, elo(page, ELO_V), 0x3333, ECAP],
      ['capability 0', VA, elo(page, ELO_V), 0, ECAP],
    ];
    let badcaps = 0;
    for (const [what, va, lo, cap, err] of cases) {
      const r = k.call('sys_tlb_write', va, lo, cap);
      expect(r.v0, what).toBe(err);
      expectPreserved(r, NOSTACK_CLOBBERS);
      if (err === ECAP) badcaps++;
    }
    expect(k.tlb()).toEqual(tlb0);
    expect(k.stlbAll()).toEqual(stlb0);
    expect(k.glob('KG_STAT_BADCAP')).toBe(badcaps);
    expect(k.r32(k.env1.rec + C('REC_N_BADCAP'))).toBe(badcaps);
  });

  it('a pinned va that is a guaranteed mapping of another page: EBUSY; of the same page: allowed', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 3, 1, 2);
    const p2 = k.alloc(FIRST + 4, 1, 2);
    expect(k.call('sys_guarantee', 2, 0x3000, elo(p1, ELO_V | ELO_D), 2).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x3000, elo(p2, ELO_V), 2).v0).toBe(EBUSY);
    expect(k.call('sys_tlb_write', 0x3000, elo(p1, ELO_V), 2).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x4000, elo(p2, ELO_V), 2).v0).toBe(0); // pinned, not guaranteed
    // Page 0 of the pinned segment is not confused with the empty slots ({0, 0}).
    expect(k.call('sys_tlb_write', 0x0000, elo(p2, ELO_V), 2).v0).toBe(0);
  });
});

describe('success-path instruction counts (docs/exokernel.md §7)', () => {
  /** Instructions a call executes, from its first instruction to its `j nostack_return`'s delay slot. */
  function count(k: Kernel, name: string, ...args: number[]): number {
    const base = k.m.stats().instructions;
    k.call('t_done');
    const doneOnly = k.m.stats().instructions - base;
    const before = k.m.stats().instructions;
    const r = k.call(name, ...args);
    expect(r.v0).toBe(0);
    return k.m.stats().instructions - before - doneOnly;
  }

  it('sys_tlb_write: 42 (new entry, TLBWR), 43 (over an existing one, TLBWI); sys_tlb_delete: 31 (24 with nothing mapped)', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 1, 2);
    const n = {
      write: count(k, 'sys_tlb_write', 0x00500000, elo(page, ELO_V | ELO_D), 2),
      rewrite: count(k, 'sys_tlb_write', 0x00500000, elo(page, ELO_V), 2),
      delete: count(k, 'sys_tlb_delete', 0x00500000),
      deleteNothing: count(k, 'sys_tlb_delete', 0x00500000),
      pinned: count(k, 'sys_tlb_write', 0x00005000, elo(page, ELO_V | ELO_D), 2),
    };
    console.log(`[kmem] success paths (instructions): ${JSON.stringify(n)}`);
    expect(n).toEqual({ write: 42, rewrite: 43, delete: 31, deleteNothing: 24, pinned: 123 }); // a pinned va also scans the 8 guaranteed slots
  });
});

describe('sys_tlb_delete', () => {
  const VA = 0x00600000;

  it('removes the current ASID\'s mapping from TLB (flush pattern) and STLB, restoring EntryHi', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 1, 2);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 1).v0).toBe(0);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 1).v0).toBe(0);
    k.become(k.env1);
    const hi1 = (VA | (k.env1.asid << 6)) >>> 0;
    const hi2 = (VA | (k.env2.asid << 6)) >>> 0;
    const [i1] = k.tlbFind(hi1);
    const ehi = (0x12345000 | (k.env1.asid << 6)) >>> 0; // whatever VPN the user left
    k.m.cpu.cop0[C0_ENTRYHI] = ehi;
    const r = k.call('sys_tlb_delete', VA);
    expect(r.v0).toBe(0);
    expectPreserved(r, NOSTACK_CLOBBERS);
    expect(k.m.cpu.cop0[C0_ENTRYHI]).toBe(ehi);
    expect(k.tlbFind(hi1)).toEqual([]);
    expect(k.tlb()[i1!]).toEqual([(FLUSH_HI | (i1! << 12)) >>> 0, 0]);
    expect(k.stlb(hi1)).toEqual([C('STLB_EMPTY'), 0]);
    // The other ASID's mapping stays (different STLB slot: the ASID is in the hash).
    expect(k.tlbFind(hi2)).toHaveLength(1);
    expect(k.stlb(hi2)).toEqual([hi2, elo(page, ELO_V)]);
  });

  it('returns 0 when nothing is mapped, and leaves an STLB slot holding another mapping', () => {
    const k = new Kernel();
    const tlb0 = k.tlb();
    expect(k.call('sys_tlb_delete', VA).v0).toBe(0);
    expect(k.tlb()).toEqual(tlb0);
    const hi = (VA | (k.env1.asid << 6)) >>> 0;
    const a = k.stlbAddr(hi);
    k.w32(a, 0x77777040); // another EntryHi in that slot
    k.w32(a + 4, 0x12345600);
    expect(k.call('sys_tlb_delete', VA).v0).toBe(0);
    expect(k.stlb(hi)).toEqual([0x77777040, 0x12345600]);
  });

  it('refuses unaligned and non-kuseg addresses', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 1, 2);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 1).v0).toBe(0);
    const tlb0 = k.tlb();
    for (const va of [VA + 1, VA + 0x800, 0x80000000, 0xfffff000]) {
      const r = k.call('sys_tlb_delete', va);
      expect(r.v0).toBe(EINVAL);
      expectPreserved(r, NOSTACK_CLOBBERS);
    }
    expect(k.tlb()).toEqual(tlb0);
  });
});

describe('sys_tlb_invalidate_range', () => {
  const VA = 0x00600000;

  it('leaves negative entries (EntryLo 0, tag kept) in TLB and STLB for the current ASID only, restoring EntryHi', () => {
    const k = new Kernel();
    const pages = [k.alloc(FIRST + 3, 1, 2), k.alloc(FIRST + 4, 1, 2), k.alloc(FIRST + 5, 1, 2)];
    for (let i = 0; i < 3; i++) expect(k.call('sys_tlb_write', VA + i * 0x1000, elo(pages[i]!, ELO_V), 1).v0).toBe(0);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', VA, elo(pages[0]!, ELO_V), 1).v0).toBe(0);
    k.become(k.env1);
    const hi = (i: number): number => ((VA + i * 0x1000) | (k.env1.asid << 6)) >>> 0;
    const hi2 = (VA | (k.env2.asid << 6)) >>> 0;
    // Page 2 only in the STLB (its TLB entry flushed by hand).
    const [t2] = k.tlbFind(hi(2));
    k.call('sys_tlb_delete', VA + 0x2000);
    k.w32(k.stlbAddr(hi(2)), hi(2));
    k.w32(k.stlbAddr(hi(2)) + 4, elo(pages[2]!, ELO_V));
    expect(t2).toBeDefined();
    const ehi = (0x12345000 | (k.env1.asid << 6)) >>> 0;
    k.m.cpu.cop0[C0_ENTRYHI] = ehi;
    const r = k.call('sys_tlb_invalidate_range', VA, 4); // the fourth page is mapped nowhere
    expect(r.v0).toBe(0);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.m.cpu.cop0[C0_ENTRYHI]).toBe(ehi);
    for (let i = 0; i < 2; i++) {
      const found = k.tlbFind(hi(i));
      expect(found, `page ${i}`).toHaveLength(1);
      expect(k.tlb()[found[0]!], `page ${i}`).toEqual([hi(i), 0]);
    }
    expect(k.tlbFind(hi(2))).toEqual([]);
    for (let i = 0; i < 3; i++) expect(k.stlb(hi(i)), `page ${i}`).toEqual([hi(i), 0]);
    expect(k.tlbFind(hi(3))).toEqual([]);
    expect(k.stlb(hi(3))[0]).not.toBe(hi(3));
    // The other ASID's mapping of the same va is untouched.
    expect(k.tlbFind(hi2)).toHaveLength(1);
    expect(k.stlb(hi2)).toEqual([hi2, elo(pages[0]!, ELO_V)]);
  });

  it('refuses unaligned, pinned and non-kuseg ranges and more than 1024 pages, changing nothing', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 1, 2);
    expect(k.call('sys_tlb_write', VA, elo(page, ELO_V), 1).v0).toBe(0);
    const tlb0 = k.tlb();
    for (const [va, n] of [[VA + 4, 1], [0x3000, 1], [C('PINNED_LIMIT') - 0x1000, 2], [0x80000000, 1], [0x7ffff000, 2], [VA, 1025]] as const) {
      const r = k.call('sys_tlb_invalidate_range', va, n);
      expect(r.v0, `${va.toString(16)} x ${n}`).toBe(EINVAL);
      expectPreserved(r, STACK_CLOBBERS);
    }
    expect(k.call('sys_tlb_invalidate_range', VA, 0).v0).toBe(0);
    expect(k.tlb()).toEqual(tlb0);
  });
});

describe('sys_page_dealloc / k_break_bindings', () => {
  it('breaks every binding: TLB and STLB entries of every ASID, guaranteed mappings, save areas', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x11, 0x22);
    const other = k.alloc(FIRST + 4, 0x33, 0x44);
    expect(k.call('sys_tlb_write', 0x00700000, elo(page, ELO_V | ELO_D), 0x22).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00701000, elo(other, ELO_V), 0x33).v0).toBe(0);
    expect(k.call('sys_guarantee', 0, 0x2000, elo(page, ELO_V), 0x11).v0).toBe(0);
    expect(k.call('sys_guarantee', 1, 0x5000, elo(other, ELO_V), 0x33).v0).toBe(0);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', 0x00800000, elo(page, ELO_V), 0x11).v0).toBe(0);
    expect(k.call('sys_guarantee', 3, 0x2000, elo(page, ELO_V), 0x11).v0).toBe(0);
    // env2 keeps its save area in the page, env1 its interrupt save area.
    k.w32(k.env2.rec + C('REC_SAVE'), 0x80000000 + (page << 12) + 0x40);
    k.w32(k.env1.rec + C('REC_INT_SAVE'), 0x80000000 + (page << 12) + 0xff0);
    k.w32(k.env1.rec + C('REC_SAVE'), 0x80000000 + (other << 12));
    // An STLB entry only (evicted from the TLB): planted directly.
    const hiS = (0x00900000 | (k.env2.asid << 6)) >>> 0;
    k.w32(k.stlbAddr(hiS), hiS);
    k.w32(k.stlbAddr(hiS) + 4, elo(page, ELO_V));
    k.become(k.env1);
    const ehi = k.m.cpu.cop0[C0_ENTRYHI]!;
    const r = k.call('sys_page_dealloc', page, 0x22);
    expect(r.v0).toBe(0);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.m.cpu.cop0[C0_ENTRYHI]).toBe(ehi);
    expect([k.pg(page, 'PG_OWNER'), k.pg(page, 'PG_RCAP'), k.pg(page, 'PG_WCAP'), k.pg(page, 'PG_FLAGS')]).toEqual([0, 0, 0, 0]);
    // No TLB or STLB entry names the page any more; the other page's bindings stay.
    for (const [, lo] of k.tlb()) expect(lo >>> 12).not.toBe(page);
    for (let i = 0; i < 4096; i++) expect(k.r32(STLB + i * 8 + 4) >>> 12).not.toBe(page);
    expect(k.stlb(hiS)).toEqual([C('STLB_EMPTY'), 0]);
    expect(k.tlbFind((0x00701000 | (k.env1.asid << 6)) >>> 0)).toHaveLength(1);
    expect(k.stlb((0x00701000 | (k.env1.asid << 6)) >>> 0)[1]).toBe(elo(other, ELO_V));
    expect(k.guar(k.env1, 0)).toEqual([0, 0]);
    expect(k.guar(k.env2, 3)).toEqual([0, 0]);
    expect(k.guar(k.env1, 1)).toEqual([(0x5000 | (k.env1.asid << 6)) >>> 0, elo(other, ELO_V)]);
    expect(k.r32(k.env2.rec + C('REC_SAVE'))).toBe(0);
    expect(k.r32(k.env1.rec + C('REC_INT_SAVE'))).toBe(0);
    expect(k.r32(k.env1.rec + C('REC_SAVE'))).toBe(0x80000000 + (other << 12));
    // k_env_redispatch ran for both records.
    expect(k.r32(sym.get('t_redispatch_count')!)).toBe(2);
    expect(k.r32(sym.get('t_redispatch_last')!)).toBe(k.env2.rec);
    // No page is left marked, and the old capabilities map nothing now.
    for (let p = 0; p < NPAGES; p++) expect(k.pg(p, 'PG_FLAGS')).toBe(0);
    expect(k.call('sys_tlb_write', 0x00700000, elo(page, ELO_V), 0x22).v0).toBe(ENOENT);
  });

  it('refuses: no such page, a free page, a kernel page, another\'s page, the wrong wcap', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x11, 0x22);
    expect(k.call('sys_page_dealloc', NPAGES, 0x22).v0).toBe(EINVAL);
    expect(k.call('sys_page_dealloc', -1, 0x22).v0).toBe(EINVAL);
    expect(k.call('sys_page_dealloc', FIRST + 4, 0x22).v0).toBe(ENOENT);
    expect(k.call('sys_page_dealloc', 3, 0).v0).toBe(EPERM);
    expect(k.call('sys_page_dealloc', page, 0x11).v0).toBe(ECAP);
    const r = k.call('sys_page_dealloc', page, 0);
    expect(r.v0).toBe(ECAP);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.r32(k.env1.rec + C('REC_N_BADCAP'))).toBe(2);
    k.become(k.env2);
    expect(k.call('sys_page_dealloc', page, 0x22).v0).toBe(EPERM);
    expect(k.pg(page, 'PG_OWNER')).toBe(k.env1.id);
  });
});

describe('sys_page_setcap', () => {
  it('changes the capabilities after breaking the bindings made with the old ones', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x11, 0x22);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(page, ELO_V), 0x11).v0).toBe(0);
    k.become(k.env1);
    const r = k.call('sys_page_setcap', page, 0x55, 0x66, 0x22);
    expect(r.v0).toBe(0);
    expectPreserved(r, STACK_CLOBBERS);
    expect([k.pg(page, 'PG_OWNER'), k.pg(page, 'PG_RCAP'), k.pg(page, 'PG_WCAP')]).toEqual([k.env1.id, 0x55, 0x66]);
    expect(k.tlbFind((0x00700000 | (k.env2.asid << 6)) >>> 0)).toEqual([]);
    k.become(k.env2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(page, ELO_V), 0x11).v0).toBe(ECAP);
    expect(k.call('sys_tlb_write', 0x00700000, elo(page, ELO_V), 0x55).v0).toBe(0);
  });

  it('refuses: zero capabilities, no such page, free, kernel, another\'s page, the wrong old wcap', () => {
    const k = new Kernel();
    const page = k.alloc(FIRST + 3, 0x11, 0x22);
    expect(k.call('sys_page_setcap', page, 0, 0x66, 0x22).v0).toBe(EINVAL);
    expect(k.call('sys_page_setcap', page, 0x55, 0, 0x22).v0).toBe(EINVAL);
    expect(k.call('sys_page_setcap', NPAGES, 0x55, 0x66, 0x22).v0).toBe(EINVAL);
    expect(k.call('sys_page_setcap', FIRST + 4, 0x55, 0x66, 0x22).v0).toBe(ENOENT);
    expect(k.call('sys_page_setcap', 1, 0x55, 0x66, 0).v0).toBe(EPERM);
    expect(k.call('sys_page_setcap', page, 0x55, 0x66, 0x11).v0).toBe(ECAP);
    k.become(k.env2);
    expect(k.call('sys_page_setcap', page, 0x55, 0x66, 0x22).v0).toBe(EPERM);
    expect([k.pg(page, 'PG_RCAP'), k.pg(page, 'PG_WCAP')]).toEqual([0x11, 0x22]);
  });
});

describe('sys_guarantee', () => {
  it('sets a slot {va | ASID, EntryLo}, removes stale mappings of the va and the slot\'s old one; EntryLo 0 clears', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 3, 0x11, 0x22);
    const p2 = k.alloc(FIRST + 4, 0x33, 0x44);
    const a = k.env1.asid << 6;
    // A stale ordinary mapping of 0x3000 (to p2) exists before the guarantee.
    expect(k.call('sys_tlb_write', 0x3000, elo(p2, ELO_V), 0x33).v0).toBe(0);
    expect(k.tlbFind(0x3000 | a)).toHaveLength(1);
    let r = k.call('sys_guarantee', 5, 0x3000, elo(p1, ELO_V | ELO_D | 0x3f), 0x22);
    expect(r.v0).toBe(0);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.guar(k.env1, 5)).toEqual([0x3000 | a, elo(p1, ELO_V | ELO_D)]);
    expect(k.tlbFind(0x3000 | a)).toEqual([]);
    expect(k.stlb(0x3000 | a)[0]).toBe(C('STLB_EMPTY'));
    // The refill path would now install it; simulate that, then replace the slot.
    k.call('k_stlb_insert', 0x3000 | a, elo(p1, ELO_V | ELO_D));
    expect(k.stlb(0x3000 | a)).toEqual([0x3000 | a, elo(p1, ELO_V | ELO_D)]);
    r = k.call('sys_guarantee', 5, 0x6000, elo(p2, ELO_V), 0x33);
    expect(r.v0).toBe(0);
    expect(k.guar(k.env1, 5)).toEqual([0x6000 | a, elo(p2, ELO_V)]);
    expect(k.stlb(0x3000 | a)[0]).toBe(C('STLB_EMPTY'));
    r = k.call('sys_guarantee', 5, 0, 0, 0);
    expect(r.v0).toBe(0);
    expect(k.guar(k.env1, 5)).toEqual([0, 0]);
  });

  it('refuses each bad argument with its code', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 3, 0x11, 0x22);
    expect(k.call('sys_guarantee', 1, 0x2000, elo(p1, ELO_V), 0x11).v0).toBe(0);
    const cases: Array<[string, number, number, number, number, number]> = [
      ['slot 8', 8, 0x4000, elo(p1, ELO_V), 0x11, EINVAL],
      ['a0 = -1: environment 0xffffff, none', -1, 0x4000, elo(p1, ELO_V), 0x11, ENOENT],
      ['slot 0xff of itself', 0xff, 0x4000, elo(p1, ELO_V), 0x11, EINVAL],
      ['va not pinned', 0, 0x00400000, elo(p1, ELO_V), 0x11, EINVAL],
      ['va in kseg0', 0, 0x80004000, elo(p1, ELO_V), 0x11, EINVAL],
      ['page 0', 0, 0x0000, elo(p1, ELO_V), 0x11, EINVAL],
      ['unaligned', 0, 0x4010, elo(p1, ELO_V), 0x11, EINVAL],
      ['G', 0, 0x4000, elo(p1, ELO_V | ELO_G), 0x11, EINVAL],
      ['PFN = npages', 0, 0x4000, elo(NPAGES, ELO_V), 0x11, EINVAL],
      ['kernel page', 0, 0x4000, elo(2, ELO_V), 0x11, EPERM],
      ['free page', 0, 0x4000, elo(FIRST + 9, ELO_V), 0x11, ENOENT],
      ['D with the rcap', 0, 0x4000, elo(p1, ELO_V | ELO_D), 0x11, ECAP],
      ['forged', 0, 0x4000, elo(p1, ELO_V), 0x99, ECAP],
      ['VPN in another slot', 0, 0x2000, elo(p1, ELO_V), 0x11, EBUSY],
    ];
    for (const [what, slot, va, lo, cap, err] of cases) {
      const r = k.call('sys_guarantee', slot, va, lo, cap);
      expect(r.v0, what).toBe(err);
      expectPreserved(r, STACK_CLOBBERS);
    }
    for (let s = 0; s < 8; s++) if (s !== 1) expect(k.guar(k.env1, s)).toEqual([0, 0]);
    // Re-setting the same slot to the same VPN is not a conflict.
    expect(k.call('sys_guarantee', 1, 0x2000, elo(p1, ELO_V | ELO_D), 0x22).v0).toBe(0);
  });
});

describe('k_va_to_kaddr', () => {
  it('translates through the TLB, the STLB and the guaranteed mappings; V, D, range; restores EntryHi', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 3, 0x11, 0x22);
    const p2 = k.alloc(FIRST + 4, 0x33, 0x44);
    const p3 = k.alloc(FIRST + 5, 0x55, 0x66);
    const a = k.env1.asid << 6;
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V | ELO_D), 0x22).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00701000, elo(p2, ELO_V), 0x33).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00702000, elo(p3, ELO_D), 0x66).v0).toBe(0); // V = 0
    expect(k.call('sys_guarantee', 0, 0x00001000, elo(p3, ELO_V | ELO_D), 0x66).v0).toBe(0);
    const hiS = 0x00703000 | a;
    k.call('k_stlb_insert', hiS, elo(p2, ELO_V | ELO_D)); // STLB only
    const ehi = (0x0abcd000 | a) >>> 0;
    k.m.cpu.cop0[C0_ENTRYHI] = ehi;
    const tlb0 = k.tlb();
    const stlb0 = k.stlbAll();
    const kseg0 = (p: number, off: number): number => (0x80000000 + (p << 12) + off) | 0;
    const cases: Array<[string, number, number, number]> = [
      ['TLB, read', 0x00700123, 0, kseg0(p1, 0x123)],
      ['TLB, write with D', 0x00700ffc, 1, kseg0(p1, 0xffc)],
      ['TLB, read-only page read', 0x00701000, 0, kseg0(p2, 0)],
      ['TLB, read-only page written', 0x00701000, 1, EFAULT],
      ['TLB, V = 0', 0x00702000, 0, EFAULT],
      ['STLB', 0x00703010, 1, kseg0(p2, 0x10)],
      ['guaranteed', 0x00001abc, 1, kseg0(p3, 0xabc)],
      ['unmapped', 0x00704000, 0, EFAULT],
      ['unmapped pinned', 0x00002000, 0, EFAULT],
      ['page 0 (empty slots are {0, 0})', 0x00000010, 0, EFAULT],
      ['kseg0', 0x80001000, 0, EFAULT],
      ['kseg1', 0xa0001000, 0, EFAULT],
    ];
    for (const [what, va, write, want] of cases) {
      const r = k.call('k_va_to_kaddr', va, write);
      expect(r.v0, what).toBe(want);
      expect(k.m.cpu.cop0[C0_ENTRYHI], what).toBe(ehi);
    }
    expect(k.tlb()).toEqual(tlb0);
    expect(k.stlbAll()).toEqual(stlb0);
    // Another ASID sees none of env1's TLB/STLB mappings; guaranteed mappings follow the record
    // (env1 in another ASID of its own still has them).
    k.become(k.env2);
    expect(k.call('k_va_to_kaddr', 0x00700000, 0).v0).toBe(EFAULT);
    expect(k.call('k_va_to_kaddr', 0x00703000, 0).v0).toBe(EFAULT);
    expect(k.call('k_va_to_kaddr', 0x00001000, 0).v0).toBe(EFAULT);
    k.become(k.env1);
    k.m.cpu.cop0[C0_ENTRYHI] = 9 << 6;
    expect(k.call('k_va_to_kaddr', 0x00700000, 0).v0).toBe(EFAULT);
    expect(k.call('k_va_to_kaddr', 0x00001010, 1).v0).toBe(kseg0(p3, 0x10));
  });

  it('refuses a mapping that names a kernel page or a page beyond RAM (planted)', () => {
    const k = new Kernel();
    const a = k.env1.asid << 6;
    k.call('k_stlb_insert', 0x00710000 | a, elo(5, ELO_V | ELO_D));
    k.call('k_stlb_insert', 0x00711000 | a, elo(NPAGES, ELO_V | ELO_D));
    expect(k.call('k_va_to_kaddr', 0x00710000, 0).v0).toBe(EFAULT);
    expect(k.call('k_va_to_kaddr', 0x00711000, 0).v0).toBe(EFAULT);
  });
});

describe('k_flush_asid, k_page_free_all, k_stlb_insert', () => {
  it('k_flush_asid removes one ASID\'s TLB and STLB entries only', () => {
    const k = new Kernel();
    const p = k.alloc(FIRST + 3, 0x11, 0x22);
    for (const va of [0x00700000, 0x00701000, 0x10000000]) expect(k.call('sys_tlb_write', va, elo(p, ELO_V), 0x11).v0).toBe(0);
    k.become(k.env2);
    for (const va of [0x00700000, 0x00702000]) expect(k.call('sys_tlb_write', va, elo(p, ELO_V), 0x11).v0).toBe(0);
    const ehi = k.m.cpu.cop0[C0_ENTRYHI]!;
    const r = k.call('k_flush_asid', k.env1.asid);
    expect(k.m.cpu.cop0[C0_ENTRYHI]).toBe(ehi);
    expectPreserved(r, [REG.v0, REG.v1, REG.k0, REG.k1, REG.at, REG.a0, REG.a1, REG.a2, REG.a3, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, REG.ra]);
    for (const [hi] of k.tlb()) if (hi < 0x80000000) expect(hi & 0xfc0).not.toBe(k.env1.asid << 6);
    for (let i = 0; i < 4096; i++) {
      const tag = k.r32(STLB + i * 8);
      if (tag !== C('STLB_EMPTY')) expect(tag & 0xfc0).toBe(k.env2.asid << 6);
    }
    expect(k.tlbFind(0x00700000 | (k.env2.asid << 6))).toHaveLength(1);
    expect(k.tlbFind(0x00702000 | (k.env2.asid << 6))).toHaveLength(1);
    expect(k.stlb(0x00702000 | (k.env2.asid << 6))[0]).toBe(0x00702000 | (k.env2.asid << 6));
  });

  it('k_page_free_all frees every page of one owner and breaks their bindings, in one pass', () => {
    const k = new Kernel();
    const mine = [k.alloc(FIRST + 3, 1, 2), k.alloc(FIRST + 7, 1, 2), k.alloc(NPAGES - 1, 1, 2)];
    mine.forEach((p, i) => expect(k.call('sys_tlb_write', 0x00700000 + i * 0x1000, elo(p, ELO_V), 1).v0).toBe(0));
    expect(k.call('sys_guarantee', 0, 0x1000, elo(mine[0]!, ELO_V), 1).v0).toBe(0);
    k.become(k.env2);
    const theirs = k.alloc(FIRST + 4, 3, 4);
    expect(k.call('sys_tlb_write', 0x00700000, elo(theirs, ELO_V), 3).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00800000, elo(mine[1]!, ELO_V), 1).v0).toBe(0); // shared with env2
    const r = k.call('k_page_free_all', k.env1.id);
    expect(r.after[16]).toBe(r.before[16]); // s0-s3 preserved (o32)
    expect(r.after[19]).toBe(r.before[19]);
    for (const p of mine) expect([k.pg(p, 'PG_OWNER'), k.pg(p, 'PG_RCAP'), k.pg(p, 'PG_WCAP')]).toEqual([0, 0, 0]);
    expect(k.pg(theirs, 'PG_OWNER')).toBe(k.env2.id);
    for (const [, lo] of k.tlb()) expect(mine).not.toContain(lo >>> 12);
    for (let i = 0; i < 4096; i++) expect(mine).not.toContain(k.r32(STLB + i * 8 + 4) >>> 12);
    expect(k.tlbFind(0x00700000 | (k.env2.asid << 6))).toHaveLength(1);
    expect(k.guar(k.env1, 0)).toEqual([0, 0]);
    for (let p = 0; p < NPAGES; p++) expect(k.pg(p, 'PG_FLAGS')).toBe(0);
  });
});

describe('sys_console_write', () => {
  it('prints a buffer that spans two physically separate pages', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 9, 1, 2);
    const p2 = k.alloc(FIRST + 3, 1, 2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V), 1).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00701000, elo(p2, ELO_V), 1).v0).toBe(0);
    const text = 'hello, exokernel world\n';
    const bytes = new TextEncoder().encode(text);
    k.m.bus.ram8.set(bytes.subarray(0, 10), (p1 << 12) + 0xff6);
    k.m.bus.ram8.set(bytes.subarray(10), p2 << 12);
    const r = k.call('sys_console_write', 0x00700ff6, bytes.length);
    expect(r.v0).toBe(bytes.length);
    expectPreserved(r, STACK_CLOBBERS);
    expect(k.io.stdout).toBe(text);
    expect(k.call('sys_console_write', 0x00700ff6, 0).v0).toBe(0);
    expect(k.io.stdout).toBe(text);
  });

  it('refuses a length over 64 KiB (EINVAL) and an untranslatable page (EFAULT), printing nothing', () => {
    const k = new Kernel();
    const p1 = k.alloc(FIRST + 9, 1, 2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V), 1).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00702000, elo(p1, ELO_V), 1).v0).toBe(0);
    k.m.bus.ram8.fill(0x41, p1 << 12, (p1 + 1) << 12);
    expect(k.call('sys_console_write', 0x00700000, 65537).v0).toBe(EINVAL);
    expect(k.call('sys_console_write', 0x00700000, 0xffffffff).v0).toBe(EINVAL);
    expect(k.call('sys_console_write', 0x00700000, 0x2001).v0).toBe(EFAULT); // 0x701000 unmapped
    expect(k.call('sys_console_write', 0x7ffffff0, 0x20).v0).toBe(EFAULT); // runs into kseg0
    expect(k.call('sys_console_write', 0x80000000, 4).v0).toBe(EFAULT);
    expect(k.io.stdout).toBe('');
    expect(k.call('sys_console_write', 0x00700000, 0x1000).v0).toBe(0x1000);
    expect(k.io.stdout).toBe('A'.repeat(0x1000));
  });
});

describe('sys_console_read', () => {
  const IRQ_ENABLE_PA = 0x10000020;

  it('reads the waiting bytes, NUL included, across a page boundary, and stops when none waits', () => {
    const input = new Uint8Array([0x61, 0x00, 0x62, 0x0a, 0x00]);
    const k = new Kernel(input);
    const p1 = k.alloc(FIRST + 9, 1, 2);
    const p2 = k.alloc(FIRST + 3, 1, 2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V | ELO_D), 2).v0).toBe(0);
    expect(k.call('sys_tlb_write', 0x00701000, elo(p2, ELO_V | ELO_D), 2).v0).toBe(0);
    k.m.bus.ram8.fill(0xee, (p1 << 12) + 0xff0, (p1 + 1) << 12);
    k.m.bus.ram8.fill(0xee, p2 << 12, (p2 << 12) + 16);
    const r = k.call('sys_console_read', 0x00700ffe, 100);
    expect(r.v0).toBe(5);
    expectPreserved(r, STACK_CLOBBERS);
    const got = [...k.m.bus.ram8.subarray((p1 << 12) + 0xffe, (p1 + 1) << 12), ...k.m.bus.ram8.subarray(p2 << 12, (p2 << 12) + 4)];
    expect(got).toEqual([0x61, 0x00, 0x62, 0x0a, 0x00, 0xee]);
    expect(k.m.bus.ram8[(p1 << 12) + 0xffd]).toBe(0xee);
    expect(k.m.consoleIrq.snapshot().enabled).toBe(false); // restored
    expect(k.call('sys_console_read', 0x00700000, 10).v0).toBe(0); // nothing waits
  });

  it('stops at the buffer\'s length, leaving the rest for the next call; keeps IRQ_ENABLE = 1', () => {
    const k = new Kernel(new TextEncoder().encode('abcdefgh'));
    const p1 = k.alloc(FIRST + 9, 1, 2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V | ELO_D), 2).v0).toBe(0);
    k.m.bus.write(IRQ_ENABLE_PA, 4, 1);
    expect(k.call('sys_console_read', 0x00700000, 3).v0).toBe(3);
    expect(new TextDecoder().decode(k.m.bus.ram8.subarray(p1 << 12, (p1 << 12) + 3))).toBe('abc');
    expect(k.m.consoleIrq.snapshot().enabled).toBe(true);
    expect(k.call('sys_console_read', 0x00700100, 100).v0).toBe(5);
    expect(new TextDecoder().decode(k.m.bus.ram8.subarray((p1 << 12) + 0x100, (p1 << 12) + 0x105))).toBe('defgh');
  });

  it('refuses a read-only or unmapped buffer (EFAULT) and a length over 64 KiB, consuming nothing', () => {
    const k = new Kernel(new TextEncoder().encode('xyz'));
    const p1 = k.alloc(FIRST + 9, 1, 2);
    expect(k.call('sys_tlb_write', 0x00700000, elo(p1, ELO_V), 1).v0).toBe(0); // read-only
    expect(k.call('sys_tlb_write', 0x00701000, elo(p1, ELO_V | ELO_D), 2).v0).toBe(0);
    expect(k.call('sys_console_read', 0x00700000, 4).v0).toBe(EFAULT);
    expect(k.call('sys_console_read', 0x00701ffe, 4).v0).toBe(EFAULT); // 0x702000 unmapped
    expect(k.call('sys_console_read', 0x00701000, 65537).v0).toBe(EINVAL);
    expect(k.call('sys_console_read', 0x00701000, 0).v0).toBe(0);
    expect(k.call('sys_console_read', 0x00701000, 16).v0).toBe(3);
    expect(new TextDecoder().decode(k.m.bus.ram8.subarray((p1 << 12), (p1 << 12) + 3))).toBe('xyz');
  });
});
