/**
 * fast-check properties of address translation (issue 4 acceptance):
 * 1. `Mmu.translate` of any address, under any TLB contents, ASID, mode and intent, agrees with
 *    `refTranslate`, a linear scan of the 64 entries written here from r3000.md §1.1/§1.3 alone.
 * 2. The translation caches never change a result: random interleavings of TLB writes (TLBWI,
 *    TLBWR), ASID changes (MTC0 EntryHi), mode changes and loads/stores/fetches executed by the
 *    interpreter (which uses the caches) all give the reference's outcome.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C0_BADVADDR, C0_CAUSE, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_STATUS, SR_TS } from '../../emulator/cop0.js';
import { EXC_REFILL_FLAG } from '../../emulator/exceptions.js';
import { INTENT_DEBUG, INTENT_FETCH, INTENT_READ, INTENT_WRITE } from '../../emulator/translate.js';
import { NOP, TestMachine, enc } from './harness.js';

type RefResult = { ok: true; pa: number; cached: boolean } | { ok: false; exc: number; refill: boolean };

/** The reference: segments, then a first-match linear scan; counts matches for the TS check. */
function refTranslate(
  hi: readonly number[],
  lo: readonly number[],
  asid: number,
  user: boolean,
  va: number,
  intent: number,
): RefResult & { matches: number } {
  const v = va >>> 0;
  const write = intent === INTENT_WRITE;
  if (v >= 0x80000000 && user) return { ok: false, exc: write ? 5 : 4, refill: false, matches: 0 };
  if (v >= 0x80000000 && v < 0xa0000000) return { ok: true, pa: v - 0x80000000, cached: true, matches: 0 };
  if (v >= 0xa0000000 && v < 0xc0000000) return { ok: true, pa: v - 0xa0000000, cached: false, matches: 0 };
  let first = -1;
  let matches = 0;
  for (let i = 0; i < 64; i++) {
    const h = hi[i]! >>> 0;
    const l = lo[i]! >>> 0;
    if (h >>> 12 !== v >>> 12) continue;
    if ((l & 0x100) === 0 && ((h >>> 6) & 63) !== asid) continue;
    matches++;
    if (first < 0) first = i;
  }
  if (first < 0) return { ok: false, exc: write ? 3 : 2, refill: v < 0x80000000, matches };
  const l = lo[first]! >>> 0;
  if ((l & 0x200) === 0) return { ok: false, exc: write ? 3 : 2, refill: false, matches };
  if (write && (l & 0x400) === 0) return { ok: false, exc: 1, refill: false, matches };
  return { ok: true, pa: ((l & 0xfffff000) | (v & 0xfff)) >>> 0, cached: (l & 0x800) === 0, matches };
}

// Small pools so that random entries and addresses collide often (hits, misses, duplicates).
const VPNS = [0x00000, 0x00001, 0x12345, 0x7ffff, 0xc0000, 0xfffff, 0x80001, 0xa0000];
const ASIDS = [0, 1, 63];
const vpn = fc.oneof(fc.constantFrom(...VPNS), fc.integer({ min: 0, max: 0xfffff }));
const asid = fc.oneof(fc.constantFrom(...ASIDS), fc.integer({ min: 0, max: 63 }));
const pfn = fc.integer({ min: 0, max: 0xfffff });
const flags = fc.integer({ min: 0, max: 15 }); // N D V G
const entry = fc.record({ vpn, asid, pfn, flags }).map((e) => ({
  hi: ((e.vpn << 12) | (e.asid << 6)) >>> 0,
  lo: ((e.pfn << 12) | (e.flags << 8)) >>> 0,
}));
const address = fc.oneof(
  fc.tuple(fc.constantFrom(...VPNS), fc.integer({ min: 0, max: 4095 })).map(([p, o]) => ((p << 12) | o) >>> 0),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.constantFrom(0x7fffffff, 0x80000000, 0x9fffffff, 0xa0000000, 0xbfffffff, 0xc0000000, 0xffffffff),
);

describe('translation agrees with a linear-scan reference', () => {
  it('any address, any TLB contents, ASID, mode and intent', () => {
    const t = new TestMachine();
    const mmu = t.cpu.mmu;
    const c0 = t.cpu.cop0;
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 64, maxLength: 64 }),
        asid,
        fc.boolean(),
        fc.array(fc.tuple(address, fc.constantFrom(INTENT_FETCH, INTENT_READ, INTENT_WRITE)), { minLength: 1, maxLength: 20 }),
        (tlb, as, user, accesses) => {
          for (let i = 0; i < 64; i++) {
            mmu.tlbHi[i] = tlb[i]!.hi;
            mmu.tlbLo[i] = tlb[i]!.lo;
          }
          mmu.invalidate();
          c0[C0_ENTRYHI] = as << 6;
          for (const [va, intent] of accesses) {
            c0[C0_STATUS] = user ? 2 : 0;
            const ref = refTranslate(tlb.map((e) => e.hi), tlb.map((e) => e.lo), as, user, va, intent);
            // The debug path first: same answer, and never a side effect (no TS).
            const dbg = mmu.translate(va, intent | INTENT_DEBUG);
            expect(c0[C0_STATUS]! & SR_TS).toBe(0);
            const got = mmu.translate(va, intent);
            expect(got).toBe(dbg);
            if (ref.ok) {
              expect(got).toBe(0);
              expect(mmu.pa >>> 0).toBe(ref.pa);
              expect(mmu.cached).toBe(ref.cached);
            } else {
              expect(got & 0x1f).toBe(ref.exc);
              expect((got & EXC_REFILL_FLAG) !== 0).toBe(ref.refill);
            }
            // A duplicate match sets SR.TS (r3000.md §1.3 recommendation); a single match does not.
            expect((c0[C0_STATUS]! & SR_TS) !== 0).toBe(ref.matches > 1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

// ---- property 2: the cached path (interpreter + translation caches) against the reference ----

const CODE_VA = 0x00400000; // kuseg, TLB entry 0 (global, valid, clean): runs in both modes
const CODE_PA = 0x00001000;
/** Data pages in RAM (1 MiB machine) plus one physical page nobody decodes (bus errors). */
const PFNS = [0x40, 0x41, 0x42, 0x43, 0x0ff00];
const DATA_VPNS = [0x00001, 0x12345, 0x7ffff, 0xc0000, 0xfffff];

type Op =
  | { kind: 'tlbwi'; index: number; hi: number; lo: number }
  | { kind: 'tlbwr'; hi: number; lo: number }
  | { kind: 'asid'; asid: number }
  | { kind: 'mode'; user: boolean }
  | { kind: 'access'; intent: number; va: number; value: number };

const dataEntry = fc
  .record({
    vpn: fc.constantFrom(...DATA_VPNS),
    asid: fc.constantFrom(0, 1),
    pfn: fc.constantFrom(...PFNS),
    // Mostly valid entries (so accesses hit and fill the caches), with every flag combination possible.
    flags: fc.oneof(fc.constantFrom(0x2, 0x6, 0xe, 0x7, 0x3), flags),
  })
  .map((e) => ({ hi: ((e.vpn << 12) | (e.asid << 6)) >>> 0, lo: ((e.pfn << 12) | (e.flags << 8)) >>> 0 }));
const dataAddress = fc.oneof(
  fc.tuple(fc.constantFrom(...DATA_VPNS), fc.integer({ min: 0, max: 1023 })).map(([p, o]) => ((p << 12) | (o << 2)) >>> 0),
  fc.constantFrom(0x80040000, 0xa0041004, 0x80040002, 0x00001001, 0xc0000ffc),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 63 }), dataEntry).map(([index, e]) => ({ kind: 'tlbwi' as const, index, ...e })) },
  { weight: 1, arbitrary: dataEntry.map((e) => ({ kind: 'tlbwr' as const, ...e })) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1).map((a) => ({ kind: 'asid' as const, asid: a })) },
  { weight: 1, arbitrary: fc.boolean().map((user) => ({ kind: 'mode' as const, user })) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(INTENT_FETCH, INTENT_READ, INTENT_READ, INTENT_WRITE), dataAddress, fc.integer({ min: 1, max: 31 }))
      .map(([intent, va, r]) => ({ kind: 'access' as const, intent, va, value: r << 6 })), // sll zero,zero,r: harmless if fetched
  },
);

describe('the translation caches never change a result', () => {
  it('random interleavings of TLB writes, ASID and mode changes, and interpreted accesses', () => {
    fc.assert(
      fc.property(fc.array(dataEntry, { minLength: 2, maxLength: 12 }), fc.array(op, { minLength: 1, maxLength: 80, size: 'max' }), (initial, ops) => {
        const t = new TestMachine();
        const cpu = t.cpu;
        const c0 = cpu.cop0;
        const mmu = cpu.mmu;
        // Code: lw t1,0(t0) at +0; sw t2,0(t0) at +8; jr t0 at +16 (nop slots).
        t.poke(0x80000000 + CODE_PA, [enc('lw', { rt: 9, rs: 8 }), NOP, enc('sw', { rt: 10, rs: 8 }), NOP, enc('jr', { rs: 8 }), NOP]);
        const refHi = Array.from(mmu.tlbHi);
        const refLo = Array.from(mmu.tlbLo);
        refHi[0] = CODE_VA;
        refLo[0] = CODE_PA | 0x300; // V G
        initial.forEach((e, i) => {
          refHi[i + 1] = e.hi;
          refLo[i + 1] = e.lo;
        });
        for (let i = 0; i < 64; i++) {
          mmu.tlbHi[i] = refHi[i]!;
          mmu.tlbLo[i] = refLo[i]!;
        }
        mmu.invalidate();
        let asidNow = 0;
        let user = false;
        const setMode = (): void => {
          cpu.writeCop0(C0_STATUS, 0x00400000 | (user ? 2 : 0));
        };
        setMode();
        for (const o of ops) {
          switch (o.kind) {
            case 'tlbwi':
            case 'tlbwr': {
              const saved = c0[C0_ENTRYHI]!;
              cpu.writeCop0(C0_ENTRYHI, o.hi);
              cpu.writeCop0(C0_ENTRYLO, o.lo);
              let i: number;
              if (o.kind === 'tlbwi') {
                cpu.writeCop0(C0_INDEX, o.index << 8);
                cpu.tlbwi();
                i = o.index;
              } else {
                i = cpu.random();
                expect(i).toBeGreaterThanOrEqual(8);
                cpu.tlbwr();
              }
              refHi[i] = o.hi;
              refLo[i] = o.lo;
              cpu.writeCop0(C0_ENTRYHI, saved); // keep the current ASID
              break;
            }
            case 'asid':
              asidNow = o.asid;
              cpu.writeCop0(C0_ENTRYHI, (c0[C0_ENTRYHI]! & 0xfffff000) | (o.asid << 6));
              break;
            case 'mode':
              user = o.user;
              setMode();
              break;
            case 'access': {
              const ref = refTranslate(refHi, refLo, asidNow, user, o.va, o.intent);
              const size = 4;
              const misaligned = (o.va & (size - 1)) !== 0;
              t.setReg(8, o.va | 0).setReg(10, o.value);
              const start = o.intent === INTENT_READ ? 0 : o.intent === INTENT_WRITE ? 8 : 16;
              cpu.setPc(CODE_VA + start);
              cpu.ldReg = 32;
              c0[C0_CAUSE] = 0;
              t.step(o.intent === INTENT_FETCH ? 3 : 1);
              const bus = !ref.ok ? false : ref.pa >= t.m.bus.ramSize;
              const code = (c0[C0_CAUSE]! >>> 2) & 31;
              if (misaligned) {
                expect(code).toBe(o.intent === INTENT_WRITE ? 5 : 4);
                expect(c0[C0_BADVADDR]).toBe(o.va >>> 0);
              } else if (!ref.ok) {
                expect(code).toBe(ref.exc);
                expect(c0[C0_BADVADDR]).toBe(o.va >>> 0);
                expect(c0[C0_EPC]).toBe(o.intent === INTENT_FETCH ? o.va >>> 0 : CODE_VA + start);
                expect(cpu.pc >>> 0).toBe(ref.refill ? 0xbfc00100 : 0xbfc00180);
              } else if (bus) {
                expect(code).toBe(o.intent === INTENT_FETCH ? 6 : 7);
                expect(cpu.pc >>> 0).toBe(0xbfc00180);
              } else {
                expect(cpu.pc >>> 0).toBe(o.intent === INTENT_FETCH ? (o.va + 4) >>> 0 : CODE_VA + start + 4);
                expect(c0[C0_CAUSE]! & 0x7c).toBe(0);
                expect(t.m.bus.read(ref.pa, 4, true)).toBe(true);
                const mem = t.m.bus.value >>> 0;
                if (o.intent === INTENT_READ) {
                  expect(cpu.ldReg).toBe(9);
                  expect(cpu.ldVal >>> 0).toBe(mem);
                } else if (o.intent === INTENT_WRITE) {
                  expect(mem).toBe(o.value);
                }
              }
              // A duplicate match (two data entries alike) sets SR.TS; a single one never does.
              if (!misaligned) expect((c0[C0_STATUS]! & SR_TS) !== 0).toBe(ref.matches > 1);
              setMode(); // undo an exception's KU/IE push; clears TS
              break;
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('translation cache regressions', () => {
  it('an ASID change hides a non-global page the cache already holds', () => {
    const t = new TestMachine().boot([enc('lw', { rt: 9, rs: 8 }), NOP, enc('lw', { rt: 9, rs: 8 }), NOP]);
    const cpu = t.cpu;
    cpu.mmu.tlbHi[9] = 0x00001000; // VPN 1, ASID 0
    cpu.mmu.tlbLo[9] = 0x00040200; // PFN 0x40, V
    cpu.mmu.invalidate();
    t.setReg(8, 0x00001010).step(2);
    expect((cpu.cop0[C0_CAUSE]! >>> 2) & 31).toBe(0);
    expect(cpu.currentTc()[1]).not.toBe(0); // the page is cached now
    cpu.writeCop0(C0_ENTRYHI, 1 << 6);
    t.step(1);
    expect((cpu.cop0[C0_CAUSE]! >>> 2) & 31).toBe(2);
    expect(cpu.pc >>> 0).toBe(0xbfc00100);
  });
});
