/**
 * The kernel invariant checker (firmware/invariants.ts) on synthetic kernel memory: a consistent
 * state written straight into a Machine's RAM (and TLB) passes; each invariant, broken on its own,
 * is reported by name with its values. Numbers come from layout.inc.
 */
import { describe, expect, it } from 'vitest';
import { C0_ENTRYHI, C0_STATUS } from '../../emulator/cop0.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { checkKernelInvariants, kernelView, stlbIndex } from '../../firmware/invariants.js';
import { bootFirmware } from '../../firmware/boot.js';
import { loadImages } from '../../firmware/images.js';
import { L, Lopt } from '../../firmware/layout.js';
import { writeUserPrograms } from './user-programs.js';

const RAM = 1 << 20;
const NPAGES = RAM >>> 12;
const FIRST = Math.ceil(((L('PAGE_TABLE') & 0x1fffffff) + NPAGES * (1 << L('PG_SHIFT'))) / 4096);
const V = L('ELO_V');
const D = L('ELO_D');
const G = L('ELO_G');
const KROUTINE = 0x80000400;

const rec = (i: number): number => (L('ENV_TABLE') + i * L('ENV_SIZE')) >>> 0;
const kaddr = (page: number, off = 0): number => (0x80000000 + page * 4096 + off) >>> 0;

class K {
  constructor(readonly m: Machine) {}
  w(ka: number, v: number): void {
    this.m.bus.ram32[((ka >>> 0) & 0x1fffffff) >>> 2] = v | 0;
  }
  r(ka: number): number {
    return this.m.bus.ram32[((ka >>> 0) & 0x1fffffff) >>> 2]! >>> 0;
  }
  g(name: string, v: number): void {
    this.w(L('KBASE') + L(name), v);
  }
  f(i: number, field: string, v: number, index = 0): void {
    this.w(rec(i) + L(field) + 4 * index, v);
  }
  page(p: number, owner: number, rcap = 0, wcap = 0): void {
    const a = L('PAGE_TABLE') + p * (1 << L('PG_SHIFT'));
    this.w(a + L('PG_OWNER'), owner);
    this.w(a + L('PG_RCAP'), rcap);
    this.w(a + L('PG_WCAP'), wcap);
  }
  stlb(hi: number, lo: number, index = stlbIndex(hi)): void {
    this.w(L('STLB') + 8 * index, hi);
    this.w(L('STLB') + 8 * index + 4, lo);
  }
}

/**
 * A consistent kernel: env 0x41 (record 1, ASID 1, runnable, running, user handlers for TLBL/TLBS
 * with a save area in its page 100; pages 100, 101; a guaranteed mapping of page 101) and env
 * 0x82 (record 2, ASID 2, not started, a handler but no save area; page 102); one TLB and two STLB
 * entries; two slices.
 */
function good(): K {
  const m = new Machine({ io: new BufferIo(), ramBytes: RAM });
  const k = new K(m);
  k.g('KG_NPAGES', NPAGES);
  k.g('KG_FIRST_PAGE', FIRST);
  for (let p = 0; p < FIRST; p++) k.page(p, L('PG_KERNEL'));
  for (let e = 0; e < L('STLB_BYTES') >>> 3; e++) k.w(L('STLB') + 8 * e, L('STLB_EMPTY'));
  const envs = [
    { i: 1, id: 0x41, status: L('ENV_RUNNABLE'), save: kaddr(100, 0x40), handlers: { [L('EXC_TLBL')]: 0x00400100, [L('EXC_TLBS')]: 0x00400100 } },
    { i: 2, id: 0x82, status: L('ENV_CREATED'), save: 0, handlers: { [L('EXC_TLBL')]: 0x00400200 } as Record<number, number> },
  ];
  for (const e of envs) {
    k.f(e.i, 'REC_STATUS', e.status);
    k.f(e.i, 'REC_ID', e.id);
    k.f(e.i, 'REC_ENTRYHI', e.i << 6);
    k.f(e.i, 'REC_STLB_TAG', e.i << 6);
    k.f(e.i, 'REC_SAVE', e.save);
    k.w(L('ASID_OWNER') + 4 * e.i, rec(e.i));
    for (let c = 0; c < 16; c++) {
      const h = e.handlers[c] ?? 0;
      k.f(e.i, 'REC_HANDLERS', h, c);
      const user = h !== 0 && e.save !== 0;
      k.f(e.i, 'REC_DISPATCH', user ? h : KROUTINE, c);
      k.f(e.i, 'REC_DISPATCH_SAVE', user ? e.save : 0, c);
    }
  }
  k.f(1, 'REC_INT_SAVE', kaddr(100, 0x80));
  k.page(100, 0x41, 0x1111, 0x2222);
  k.page(101, 0x41, 0x3333, 0x4444);
  k.page(102, 0x82, 0x5555, 0x6666);
  k.f(1, 'REC_GUAR', 0x00001000, 0);
  k.f(1, 'REC_GUAR', (101 << 12) | V | D, 1);
  // TLB: flushed, then one entry of env 0x41.
  const mmu = m.cpu.mmu;
  for (let t = 0; t < 64; t++) {
    mmu.tlbHi[t] = (0x80000000 | (t << 12)) >>> 0;
    mmu.tlbLo[t] = 0;
  }
  mmu.tlbHi[10] = 0x00400000 | (1 << 6);
  mmu.tlbLo[10] = (100 << 12) | V;
  k.stlb(0x00400000 | (1 << 6), (100 << 12) | V);
  k.stlb(0x00400000 | (2 << 6), (102 << 12) | V | D);
  k.w(L('SLICE_VEC'), rec(1));
  k.w(L('SLICE_VEC') + 4, rec(2));
  k.g('KG_CUR_ENV', rec(1));
  if (Lopt('KG_CUR_DISPATCH') !== undefined) k.g('KG_CUR_DISPATCH', rec(1) + L('REC_DISPATCH'));
  if (Lopt('KG_CUR_ID') !== undefined) k.g('KG_CUR_ID', 0x41);
  // Record 0, the kernel's pseudo-environment: every code panics.
  for (let c = 0; c < 16; c++) k.f(0, 'REC_DISPATCH', KROUTINE + 0x40, c);
  k.f(0, 'REC_LIGHT_KEY', 63); // NOKEY: the boot code's (a0 = 0 selects record 0)
  k.g('KG_SLICE_OWNER', rec(1));
  k.g('KG_NLIVE', 2);
  // Running env 0x41 in user mode.
  m.cpu.cop0[C0_STATUS] = L('SR_KUC') | L('SR_IEC');
  m.cpu.cop0[C0_ENTRYHI] = 1 << 6;
  return k;
}

/** Breaks the good state with `mutate` and returns the violations (expects at least one). */
function broken(mutate: (k: K) => void): string[] {
  const k = good();
  mutate(k);
  const v = checkKernelInvariants(k.m);
  expect(v.length, 'no violation reported').toBeGreaterThan(0);
  return v;
}

/** Expects a violation with this [name] whose text matches `re`. */
function expectViolation(mutate: (k: K) => void, name: string, re: RegExp): void {
  const v = broken(mutate);
  const hit = v.find((s) => s.startsWith(`[${name}] `) && re.test(s));
  expect(hit, `no [${name}] ${re} among:\n${v.join('\n')}`).toBeDefined();
}

describe('kernel invariant checker', () => {
  it('passes a consistent kernel state, without side effects', () => {
    const k = good();
    const before = Buffer.from(k.m.bus.ram8);
    const hi = Array.from(k.m.cpu.mmu.tlbHi);
    expect(checkKernelInvariants(k.m)).toEqual([]);
    expect(Buffer.compare(before, k.m.bus.ram8)).toBe(0);
    expect(Array.from(k.m.cpu.mmu.tlbHi)).toEqual(hi);
    // Kernel mode with the kernel's ASID is fine too.
    k.m.cpu.cop0[C0_STATUS] = 0;
    k.m.cpu.cop0[C0_ENTRYHI] = 0;
    expect(checkKernelInvariants(k.m)).toEqual([]);
  });

  it('[globals] page counts', () => {
    expectViolation((k) => k.g('KG_NPAGES', NPAGES - 1), 'globals', /KG_NPAGES = 255, but RAM has 256 pages/);
    expectViolation((k) => k.g('KG_FIRST_PAGE', FIRST + 1), 'globals', new RegExp(`KG_FIRST_PAGE = ${FIRST + 1}, expected ${FIRST}`));
  });

  it('[page-owner] kernel pages, dead owners, stale generations', () => {
    expectViolation((k) => k.page(5, 0), 'page-owner', /page 5 .* owned by 0x00000000, not PG_KERNEL/);
    expectViolation((k) => k.page(FIRST - 1, 0x41, 1, 1), 'page-owner', new RegExp(`page ${FIRST - 1} `));
    expectViolation((k) => k.page(103, 0xc3, 1, 1), 'page-owner', /page 103 .* owned by 0x000000c3, which is no live environment/);
    expectViolation((k) => k.page(103, 0x81, 1, 1), 'page-owner', /page 103 .* 0x00000081, which is no live environment/); // index 1, wrong generation
    expectViolation((k) => k.page(110, L('PG_KERNEL')), 'page-owner', /page 110 .* PG_KERNEL \(above the kernel pages\)/);
    expectViolation((k) => k.f(2, 'REC_STATUS', L('ENV_FREE')), 'page-owner', /page 102 .* 0x00000082, which is no live environment/);
  });

  it('[page-free] a free page keeps no capability', () => {
    expectViolation((k) => k.page(120, 0, 5, 0), 'page-free', /free page 120 still has capabilities rcap 0x00000005 wcap 0x00000000/);
    expectViolation((k) => k.page(121, 0, 0, 7), 'page-free', /free page 121/);
  });

  it('[env-status] and [env-id]', () => {
    expectViolation((k) => k.f(5, 'REC_STATUS', 7), 'env-status', /record 5 .*status 7 is not a valid status/);
    expectViolation((k) => k.f(1, 'REC_ID', 0x42), 'env-id', /record 1: live with id 0x00000042/);
    expectViolation((k) => k.f(2, 'REC_ID', 0), 'env-id', /record 2: live with id 0x00000000/);
  });

  it('[light] yield_light keys: 0, NOKEY, or a live record\'s own id with a kuseg resume PC', () => {
    expectViolation((k) => k.f(0, 'REC_LIGHT_KEY', 0), 'light', /record 0: light-yield key 0x00000000/);
    expectViolation((k) => k.f(5, 'REC_LIGHT_KEY', 0x45), 'light', /record 5: light-yield key 0x00000045/); // not live
    expectViolation((k) => k.f(1, 'REC_LIGHT_KEY', 0x82), 'light', /record 1: light-yield key 0x00000082/); // another's id
    expectViolation((k) => { k.f(2, 'REC_LIGHT_KEY', 0x82); k.f(2, 'REC_LIGHT_PC', 0x80001000); }, 'light', /record 2: .*resume PC 0x80001000/);
    expectViolation((k) => { k.f(2, 'REC_LIGHT_KEY', 0x82); k.f(2, 'REC_LIGHT_PC', 0x00400002); }, 'light', /resume PC 0x00400002/);
    const k = good();
    k.f(2, 'REC_LIGHT_KEY', 0x82);
    k.f(2, 'REC_LIGHT_PC', 0x00400010);
    k.f(3, 'REC_LIGHT_KEY', 3 ^ 63);
    expect(checkKernelInvariants(k.m)).toEqual([]);
  });

  it('[net] the filter map: count, ids, ring pages, ASH slots, binary forms', () => {
    const stats = L('NET_STATS') >>> 0;
    const entry = (k: K, i: number, owner: number, ring: number, ash: number, id: number): void => {
      const m = (L('DPF_MAP') >>> 0) + (i << L('DPF_MAP_SHIFT'));
      k.w(m, owner);
      k.w(m + 4, ring);
      k.w(m + 8, ash);
      k.w(m + 12, id);
      const b = (L('DPF_BODY') >>> 0) + i * L('DPF_BODY_SIZE');
      for (const [j, v] of [1, 12, 2, 0xffff, 0x0800].entries()) k.w(b + 4 * j, v); // u16@12 == 0x800
    };
    const two = (k: K): void => {
      k.w(stats + L('NST_NFILTERS'), 2);
      k.w(stats + L('NST_NEXTID'), 2);
      entry(k, 0, 0x41, 101, L('ASH_CODE') >>> 0, 1);
      entry(k, 1, 0x82, 102, 0, 2);
    };
    const k = good();
    two(k);
    expect(checkKernelInvariants(k.m)).toEqual([]);
    expectViolation((k) => k.w(stats + L('NST_NFILTERS'), L('DPF_NMAP') + 1), 'net', /filters installed, more than DPF_NMAP/);
    expectViolation((k) => { two(k); k.w((L('DPF_MAP') >>> 0) + 16 + 12, 1); }, 'net', /filter 1: id 1 .*not unique/);
    expectViolation((k) => { two(k); k.w((L('DPF_MAP') >>> 0) + 16 + 8, (L('ASH_CODE') >>> 0) + 4); }, 'net', /filter 1: ASH entry .* not the start of an ASH slot/);
    expectViolation((k) => { two(k); k.w((L('DPF_MAP') >>> 0) + 16 + 8, L('ASH_CODE') >>> 0); }, 'net', /filter 1: ASH slot .* another filter's too/);
    expectViolation((k) => { two(k); k.w((L('DPF_MAP') >>> 0) + 4, 2); }, 'net', /filter 0: ring page 2 is not a page environments can own/);
    expectViolation((k) => { two(k); k.w(L('DPF_BODY') >>> 0, 0); }, 'net', /filter 0: its binary form does not decode/);
  });

  it('[asid] owners and REC_ENTRYHI', () => {
    expectViolation((k) => k.w(L('ASID_OWNER'), rec(1)), 'asid', /ASID_OWNER\[0\]/);
    expectViolation((k) => k.w(L('ASID_OWNER') + 4 * 5, rec(3)), 'asid', /ASID 5 is owned by 0x80010600, which is not a live/);
    expectViolation((k) => k.w(L('ASID_OWNER') + 4 * 5, rec(1) + 4), 'asid', /ASID 5 is owned by 0x80010204/);
    expectViolation((k) => k.f(2, 'REC_ENTRYHI', 1 << 6), 'asid', /env 0x00000082 .*REC_ENTRYHI 0x00000040 is not an ASID it owns/);
    expectViolation((k) => k.f(1, 'REC_ENTRYHI', (1 << 6) | 0x1000), 'asid', /REC_ENTRYHI 0x00001040/);
    expectViolation((k) => k.f(1, 'REC_ENTRYHI', 0), 'asid', /REC_ENTRYHI 0x00000000/);
  });

  it('[save] save areas inside pages the environment owns', () => {
    expectViolation((k) => k.f(1, 'REC_SAVE', kaddr(102)), 'save', /save area 0x80066000: its page 102 is owned by 0x00000082/);
    expectViolation((k) => k.f(1, 'REC_SAVE', kaddr(100, 2)), 'save', /not word aligned/);
    expectViolation((k) => k.f(1, 'REC_SAVE', kaddr(100, 0xff8)), 'save', /cross a page boundary/);
    expectViolation((k) => k.f(1, 'REC_SAVE', 0xa0064000), 'save', /not a kseg0 address/);
    expectViolation((k) => k.f(1, 'REC_SAVE', kaddr(300)), 'save', /outside RAM/);
    expectViolation((k) => k.f(1, 'REC_INT_SAVE', kaddr(50)), 'save', /interrupt save area 0x80032000: its page 50 is owned by 0xffffffff/);
  });

  it('[dispatch] user handlers exactly when handler and save area are set', () => {
    const TLBL = L('EXC_TLBL');
    expectViolation((k) => k.f(1, 'REC_DISPATCH', KROUTINE, TLBL), 'dispatch', /ExcCode 2: handler 0x00400100 and save area 0x80064040 are set, but dispatch is 0x80000400/);
    expectViolation((k) => k.f(1, 'REC_DISPATCH_SAVE', kaddr(100, 0x100), L('EXC_TLBS')), 'dispatch', /ExcCode 3: .* with save 0x80064100/);
    expectViolation((k) => k.f(2, 'REC_DISPATCH', 0x00400200, TLBL), 'dispatch', /env 0x00000082 .*ExcCode 2: dispatch is 0x00400200, not a kernel routine/);
    expectViolation((k) => k.f(1, 'REC_DISPATCH', 0x00400300, L('EXC_SYS')), 'dispatch', /ExcCode 8: dispatch is 0x00400300/);
    expectViolation((k) => { k.f(1, 'REC_HANDLERS', 0x00400300, L('EXC_INT')); k.f(1, 'REC_DISPATCH', 0x00400300, L('EXC_INT')); }, 'dispatch', /ExcCode 0: dispatch is 0x00400300/);
    expectViolation((k) => { k.f(1, 'REC_HANDLERS', 0x80001000, 4); k.f(1, 'REC_DISPATCH', 0x80001000, 4); }, 'dispatch', /handler for ExcCode 4 is 0x80001000, not a kuseg address/);
    expectViolation((k) => k.f(1, 'REC_DISPATCH', 0x80020000, 12), 'dispatch', /ExcCode 12: dispatch is 0x80020000, not a kernel routine/);
    expectViolation((k) => k.f(1, 'REC_DISPATCH', 0, 12), 'dispatch', /ExcCode 12: dispatch is 0x00000000/);
    // Clearing the save area without recomputing dispatch leaves user handlers behind.
    expectViolation((k) => k.f(1, 'REC_SAVE', 0), 'dispatch', /ExcCode 2: dispatch is 0x00400100, not a kernel routine/);
  });

  it('[guaranteed] pinned, G clear, own ASID, a mappable page', () => {
    expectViolation((k) => k.f(1, 'REC_GUAR', 0x00400000, 0), 'guaranteed', /mapping 0 .*address 0x00400000 is not below PINNED_LIMIT/);
    expectViolation((k) => k.f(1, 'REC_GUAR', (101 << 12) | V | G, 1), 'guaranteed', /G is set/);
    expectViolation((k) => k.f(1, 'REC_GUAR', 0x00001000 | (2 << 6), 0), 'guaranteed', /ASID 2 is not its own/);
    expectViolation((k) => k.f(1, 'REC_GUAR', (130 << 12) | V, 1), 'guaranteed', /page 130 is free/);
    expectViolation((k) => k.f(1, 'REC_GUAR', (10 << 12) | V, 1), 'guaranteed', /page 10 is a kernel page/);
    expectViolation((k) => k.f(1, 'REC_GUAR', (300 << 12) | V, 1), 'guaranteed', /page 300 is outside RAM/);
    // An empty slot (EntryLo 0) is not checked.
    const k = good();
    k.f(1, 'REC_GUAR', 0x7fff0000, 6);
    expect(checkKernelInvariants(k.m)).toEqual([]);
  });

  it('[tlb] valid kuseg entries are backed by a live ASID and a mappable page', () => {
    const set = (hi: number, lo: number) => (k: K) => {
      k.m.cpu.mmu.tlbHi[20] = hi >>> 0;
      k.m.cpu.mmu.tlbLo[20] = lo >>> 0;
    };
    expectViolation(set(0x00500000 | (3 << 6), (100 << 12) | V), 'tlb', /entry 20 .*ASID 3 has no live owner/);
    expectViolation(set(0x00500000 | (1 << 6), (130 << 12) | V), 'tlb', /page 130 is free/);
    expectViolation(set(0x00500000 | (1 << 6), (3 << 12) | V | D), 'tlb', /page 3 is a kernel page/);
    expectViolation(set(0x00500000 | (1 << 6), (100 << 12) | V | G), 'tlb', /G is set/);
    expectViolation(set(0x00500000 | (1 << 6), (4095 << 12) | V), 'tlb', /page 4095 is outside RAM/);
    expectViolation((k) => k.w(L('ASID_OWNER') + 4, 0), 'tlb', /entry 10 .*ASID 1 has no live owner/);
    // Invalid entries and kseg entries are not mappings of user memory.
    for (const [hi, lo] of [[0x00500000 | (3 << 6), (3 << 12)], [0xc0000000, (3 << 12) | V]] as const) {
      const k = good();
      set(hi, lo)(k);
      expect(checkKernelInvariants(k.m)).toEqual([]);
    }
  });

  it('[stlb] entries sit at their hash index and are backed like TLB entries', () => {
    const hi = 0x00500000 | (1 << 6);
    expectViolation((k) => k.stlb(hi, (100 << 12) | V, (stlbIndex(hi) + 1) & 4095), 'stlb', new RegExp(`the tag belongs at index ${stlbIndex(hi)}`));
    expectViolation((k) => k.stlb(0, 0), 'stlb', /ASID 0 has no live owner/);
    expectViolation((k) => k.stlb(hi | 4, (100 << 12) | V, stlbIndex(hi)), 'stlb', /not a kuseg EntryHi/);
    expectViolation((k) => k.stlb(0x80000040, (100 << 12) | V), 'stlb', /not a kuseg EntryHi/);
    expectViolation((k) => k.stlb(0x00500000 | (9 << 6), (100 << 12) | V), 'stlb', /ASID 9 has no live owner/);
    expectViolation((k) => k.stlb(hi, (140 << 12) | V), 'stlb', /page 140 is free/);
    expectViolation((k) => k.stlb(hi, (1 << 12) | V), 'stlb', /page 1 is a kernel page/);
    expectViolation((k) => k.stlb(hi, (100 << 12) | V | G), 'stlb', /G is set/);
    // A negative entry (tlb_invalidate_range) names no page; one that does is a stale binding.
    expectViolation((k) => k.stlb(hi, 140 << 12), 'stlb', /invalid entry that names a page/);
    const k = good();
    k.stlb(hi, 0);
    expect(checkKernelInvariants(k.m)).toEqual([]);
    // Destroying env 0x82 without flushing its STLB entry and freeing its page.
    expectViolation((k) => { k.f(2, 'REC_STATUS', 0); k.w(L('ASID_OWNER') + 8, 0); k.w(L('SLICE_VEC') + 4, 0); k.g('KG_NLIVE', 1); k.page(102, 0); }, 'stlb', /ASID 2 has no live owner/);
  });

  it('[slice] and [current] and [nlive]', () => {
    expectViolation((k) => k.w(L('SLICE_VEC') + 8, rec(3)), 'slice', /slice 2 belongs to 0x80010600/);
    expectViolation((k) => k.w(L('SLICE_VEC') + 8, rec(1) + 8), 'slice', /slice 2 belongs to 0x80010208/);
    expectViolation((k) => k.g('KG_SLICE_OWNER', rec(4)), 'slice', /KG_SLICE_OWNER = 0x80010800/);
    expectViolation((k) => k.g('KG_GRACE', 0x1234), 'slice', /KG_GRACE = 0x00001234/);
    expectViolation((k) => k.g('KG_CUR_ENV', rec(3)), 'current', /KG_CUR_ENV = 0x80010600 is not a live/);
    expectViolation((k) => k.g('KG_CUR_ENV', 0), 'current', /KG_CUR_ENV = 0x00000000/);
    if (Lopt('KG_CUR_DISPATCH') !== undefined) expectViolation((k) => k.g('KG_CUR_DISPATCH', rec(2) + L('REC_DISPATCH')), 'current', /KG_CUR_DISPATCH = 0x80010460, expected .* 0x80010260/);
    if (Lopt('KG_CUR_ID') !== undefined) expectViolation((k) => k.g('KG_CUR_ID', 0x82), 'current', /KG_CUR_ID = 0x00000082, but .* 0x00000041/);
    // Record 0 is current between environments, in kernel mode only.
    expectViolation((k) => k.g('KG_CUR_ENV', rec(0)), 'current', /KG_CUR_ENV = 0x80010000 is not a live environment record \(in user mode\)/);
    const k0 = good();
    k0.g('KG_CUR_ENV', rec(0));
    k0.m.cpu.cop0[C0_STATUS] = 0;
    expect(checkKernelInvariants(k0.m)).toEqual([]);
    expectViolation((k) => k.f(0, 'REC_DISPATCH', 0x00400000, 9), 'kernel-rec', /record 0: ExcCode 9: dispatch is 0x00400000/);
    expectViolation((k) => { k.m.cpu.cop0[C0_ENTRYHI] = 2 << 6; }, 'current', /user mode with EntryHi ASID 2/);
    expectViolation((k) => k.g('KG_NLIVE', 3), 'nlive', /KG_NLIVE = 3, but 2 records are live/);
    // EntryHi belongs to the kernel's business in kernel mode.
    const k = good();
    k.m.cpu.cop0[C0_STATUS] = 0;
    k.m.cpu.cop0[C0_ENTRYHI] = 5 << 6;
    expect(checkKernelInvariants(k.m)).toEqual([]);
  });

  it('[revoke] and [repossess]: page revocation state (krevoke.s)', () => {
    const slot = (i: number, field: string): number => (L('RV_BASE') + (i << L('RV_SHIFT')) + L(field)) >>> 0;
    const own = (k: K, i: number, id: number): void => k.w(slot(i, 'RV_ID'), id);
    const pgFlags = (p: number): number => L('PAGE_TABLE') + p * (1 << L('PG_SHIFT')) + L('PG_FLAGS');
    // A consistent revocation state: env 0x41's slot with handlers, an area in its page 100, a
    // vector of a page it no longer owns; a dialogue of which it is the target.
    const withRv = (k: K): void => {
      own(k, 1, 0x41);
      k.w(slot(1, 'RV_UPCALL'), 0x00400100);
      k.w(slot(1, 'RV_REPOSSESS'), 0x00400200);
      k.w(slot(1, 'RV_AREA'), kaddr(100, 0x800));
      k.w(slot(1, 'RV_NVEC'), 1);
      k.w(slot(1, 'RV_VEC'), 130);
      k.f(1, 'REC_BOOTPAGE', 101);
      k.w(L('RV_BASE') + L('RV_G_ACTIVE'), rec(1));
      k.w(L('RV_BASE') + L('RV_G_TICK'), 1);
      k.w(L('RV_BASE') + L('RV_G_REQ'), rec(2));
    };
    const k0 = good();
    withRv(k0);
    expect(checkKernelInvariants(k0.m)).toEqual([]);
    // A slot left by an earlier environment of the record is ignored.
    const k1 = good();
    own(k1, 2, 0x42);
    k1.w(slot(2, 'RV_UPCALL'), 0x80000000);
    expect(checkKernelInvariants(k1.m)).toEqual([]);
    expectViolation((k) => k.w(pgFlags(100), L('PG_F_KEEP')), 'revoke', /page 100: PG_FLAGS = 0x00000002 outside a kernel scan/);
    expectViolation((k) => { withRv(k); k.w(L('RV_BASE') + L('RV_G_ACTIVE'), rec(1) + 4); }, 'revoke', /RV_G_ACTIVE = 0x80010204 is not an environment record/);
    expectViolation((k) => { withRv(k); own(k, 1, 0x01); }, 'revoke', /target \(record 1\) has a revocation slot of id 0x00000001, not its own 0x00000041/);
    expectViolation((k) => { withRv(k); k.w(L('RV_BASE') + L('RV_G_TICK'), 0); }, 'revoke', /RV_G_TICK is 0/);
    expectViolation((k) => { withRv(k); k.w(L('RV_BASE') + L('RV_G_REQ'), 0); }, 'revoke', /RV_G_REQ = 0x00000000/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_UPCALL'), 0x80001000); }, 'revoke', /upcall handler 0x80001000/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_REPOSSESS'), 0x00400202); }, 'revoke', /repossession handler 0x00400202/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_AREA'), kaddr(100, 0xf80)); }, 'revoke', /revocation area 0x80064f80/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_AREA'), kaddr(5)); }, 'revoke', /revocation area 0x80005000/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_NRET'), L('RV_MAX_PAGES') + 1); }, 'revoke', /returned count 33 is over RV_MAX_PAGES/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_VEC'), 101); }, 'repossess', /vector entry 0 is its boot page 101/);
    expectViolation((k) => { withRv(k); k.w(slot(1, 'RV_VEC'), 3); }, 'repossess', /vector entry 0 is page 3, not one environments can own/);
  });

  it('caps the number of messages', () => {
    const v = broken((k) => {
      for (let p = FIRST; p < NPAGES; p++) k.page(p, 0xdead);
    });
    expect(v.length).toBe(65);
    expect(v[64]).toBe('(further violations not listed)');
  });

  it('is cheap enough to run after every instruction (measured, printed)', () => {
    const k = good();
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) checkKernelInvariants(k.m);
    const us = ((performance.now() - t0) * 1000) / n;
    console.log(`[invariants] ${us.toFixed(1)} µs per check (${NPAGES} pages, 4096 STLB entries)`);
    expect(checkKernelInvariants(k.m)).toEqual([]);
  });
});

describe('kernelView', () => {
  it('decodes environments, pages, the STLB, slices and ASIDs', () => {
    const k = good();
    k.f(1, 'REC_CAP', 0xcafe);
    k.f(1, 'REC_REGS', 0x1234, 29);
    k.f(1, 'REC_N_SLICES', 7);
    const v = kernelView(k.m);
    expect(v.npages).toBe(NPAGES);
    expect(v.firstPage).toBe(FIRST);
    expect(v.curEnv).toBe(rec(1));
    expect(v.curId).toBe(0x41);
    expect(v.nlive).toBe(2);
    expect(v.envs.map((e) => [e.index, e.id, e.asid, e.status])).toEqual([[1, 0x41, 1, L('ENV_RUNNABLE')], [2, 0x82, 2, L('ENV_CREATED')]]);
    const e1 = v.envs[0]!;
    expect(e1.addr).toBe(rec(1));
    expect(e1.cap).toBe(0xcafe);
    expect(e1.save).toBe(kaddr(100, 0x40));
    expect(e1.handlers[L('EXC_TLBL')]).toBe(0x00400100);
    expect(e1.dispatch[0]).toBe(KROUTINE);
    expect(e1.guaranteed[0]).toEqual({ entryhi: 0x00001000, entrylo: (101 << 12) | V | D });
    expect(e1.regs[29]).toBe(0x1234);
    expect(e1.counters.slices).toBe(7);
    expect(v.pages).toEqual([
      { page: 100, owner: 0x41, rcap: 0x1111, wcap: 0x2222 },
      { page: 101, owner: 0x41, rcap: 0x3333, wcap: 0x4444 },
      { page: 102, owner: 0x82, rcap: 0x5555, wcap: 0x6666 },
    ]);
    expect(v.kernelPages).toBe(FIRST);
    expect(v.freePages).toBe(NPAGES - FIRST - 3);
    expect(v.stlb).toEqual([
      { index: stlbIndex(0x00400040), tag: 0x00400040, entrylo: (100 << 12) | V },
      { index: stlbIndex(0x00400080), tag: 0x00400080, entrylo: (102 << 12) | V | D },
    ].sort((a, b) => a.index - b.index));
    expect(v.slices.slice(0, 3)).toEqual([rec(1), rec(2), 0]);
    expect(v.asidOwner.slice(0, 3)).toEqual([0, rec(1), rec(2)]);
  });

  it('stlbIndex is bits 14:3 of (EntryHi >>> 9) ^ EntryHi, over 8', () => {
    expect(stlbIndex(0x00400040)).toBe((((0x00400040 >>> 9) ^ 0x00400040) & 0x7ff8) >>> 3);
    // Two environments at the same address land on different entries.
    expect(stlbIndex(0x00400040)).not.toBe(stlbIndex(0x00400080));
  });
});

describe('the invariants on the real kernel', () => {
  const progs = writeUserPrograms();

  it('hold at every user-mode instruction boundary of a run with several environments', () => {
    const io = new BufferIo();
    const m = new Machine({ io, ramBytes: 4 << 20 });
    // spin never yields and never ends: the others run only because the timer preempts it.
    const names = ['hello', 'page', 'spin', 'yield', 'adel', 'cap', 'yield'];
    bootFirmware(m, { images: loadImages(names.map((n) => progs[n]!)), quantum: 5000 });
    const cpu = m.cpu;
    const nliveWord = ((L('KBASE') + L('KG_NLIVE')) & 0x1fffffff) >>> 2;
    let checks = 0;
    let started = false;
    let until = Infinity;
    const seen = new Set<string>();
    let res;
    while ((res = m.run(cpu.totalCycles + 1)).reason === 'budget' && cpu.totalCycles < Math.min(until, 20_000_000)) {
      if ((cpu.cop0[C0_STATUS]! & L('SR_KUC')) === 0) continue;
      started = true;
      checks++;
      for (const v of checkKernelInvariants(m)) seen.add(`${v} (cycle ${cpu.totalCycles}, pc ${cpu.pc.toString(16)})`);
      if (seen.size > 5) break;
      // Once spin is alone, a few more of its slices.
      if (started && until === Infinity && m.bus.ram32[nliveWord] === 1) until = cpu.totalCycles + 20_000;
    }
    console.log(`[invariants] ${checks} user-mode boundaries checked over ${cpu.totalCycles} cycles`);
    expect([...seen]).toEqual([]);
    expect(res.reason).toBe('budget');
    expect(cpu.totalCycles).toBeLessThan(20_000_000);
    expect(checks).toBeGreaterThan(2000);
    expect(io.stdout).toContain('hello from main\n');
    // Preemption interleaves the programs' lines (a SHOW is two console writes).
    for (const text of ['word=', '0x0000abcd', 'freed\n', 'exo: segmentation fault at 0x10000000', 'before\n']) expect(io.stdout).toContain(text);
    expect(io.stdout).not.toContain('still mapped');
    expect(io.stdout).not.toContain('after');
    expect(io.stdout.split('yield\n').length - 1).toBe(10);
    expect(io.stderr).toMatch(/^exo: env 0x[0-9a-f]+ killed: AdEL exception at pc 0x[0-9a-f]{8} with no handler\n$/);
    const view = kernelView(m);
    expect(view.envs.length).toBe(1); // spin
    expect(view.nlive).toBe(1);
  });
});
