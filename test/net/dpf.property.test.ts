/**
 * DPF: the compiled classifier (firmware/dpf/compile.ts), run on our emulator, agrees with the
 * reference interpreter (classify) for random filter sets with shared prefixes and random frames
 * biased to match; it keeps to its calling convention (registers, loads inside the frame, no
 * stores, no exception, at most its longest static path). Plus the parser, the binary encoding's
 * validation and the install-time overlap check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, filterAccepts, formatFilter, OPS, type Atom, type FieldSize, type Filter, type Op } from '../../firmware/dpf/filter.js';
import { FilterSyntaxError, parseFilter, parseFilterList } from '../../firmware/dpf/parse.js';
import { DPF_ERR, decodeFilterBytes, encodeFilter, encodeFilterBytes } from '../../firmware/dpf/encoding.js';
import { checkInstall, overlaps, satisfiable } from '../../firmware/dpf/overlap.js';
import { compileFilters } from '../../firmware/dpf/compile.js';
import { DpfTable } from '../../firmware/dpf/table.js';
import { Bare, RET } from './bare.js';

const CODE = 0x80004000;
const FRAME = 0x80040000;
const SENTINEL = 0x5a5a5a5a;
/** Registers the classifier may change (v0, v1, a2, a3, t0-t9). */
const CLOBBERED = new Set([2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25]);

const bare = new Bare();

interface RunOut {
  v0: number;
  steps: number;
  cycles: number;
}

/** Runs the classifier on one frame at FRAME + misalign and checks the calling convention. */
function runClassifier(words: Uint32Array, frame: Uint8Array, misalign: number, longest: number): RunOut {
  bare.writeWords(CODE, words);
  const at = FRAME + misalign;
  // Poison around and beyond the frame: a read outside it is caught by the access check.
  bare.write(FRAME - 64, new Uint8Array(frame.length + 192).fill(0xee));
  bare.write(at, frame);
  const regs: Record<number, number> = {};
  for (let r = 1; r < 32; r++) regs[r] = (SENTINEL + r) | 0;
  regs[4] = at;
  regs[5] = frame.length;
  bare.cpu.hilo[0] = 0x1234;
  bare.cpu.hilo[1] = 0x5678;
  const before = bare.read(FRAME - 64, frame.length + 192);
  const r = bare.call(CODE, { regs, maxSteps: longest + 1, loads: [{ lo: at, hi: at + frame.length }], stores: [] });
  if (r.badAccess !== undefined) throw new Error(`bad access: ${r.badAccess}`);
  if (r.exception !== undefined) throw new Error(`exception ${r.exception}`);
  if (!r.returned) throw new Error(`did not return within ${longest + 1} instructions`);
  for (let i = 1; i < 32; i++) {
    if (CLOBBERED.has(i)) continue;
    const want = i === 4 ? at : i === 5 ? frame.length : i === 31 ? RET : (SENTINEL + i) >>> 0;
    if (r.gpr[i] !== want >>> 0) throw new Error(`register ${i} changed: ${r.gpr[i]!.toString(16)}`);
  }
  expect(bare.cpu.hilo[0]).toBe(0x1234);
  expect(bare.cpu.hilo[1]).toBe(0x5678);
  expect(bare.read(FRAME - 64, frame.length + 192)).toEqual(before);
  return { v0: r.gpr[2]! | 0, steps: r.steps, cycles: r.cycles };
}

// ---- generators ----

const sizeArb = fc.constantFrom<FieldSize>(1, 2, 4);
const opArb = fc.constantFrom<Op>(...OPS);
const maxOf = (s: FieldSize): number => (s === 4 ? 0xffffffff : s === 2 ? 0xffff : 0xff);

/** Values from a small pool (collisions), edge values, or anything. */
function valueArb(size: FieldSize): fc.Arbitrary<number> {
  const max = maxOf(size);
  return fc.oneof(
    fc.constantFrom(0, 1, 2, 0x80 & max, max, max - 1, 0x0800 & max, 0x45 & max),
    fc.integer({ min: 0, max }),
  );
}

function maskArb(size: FieldSize): fc.Arbitrary<number> {
  const max = maxOf(size);
  return fc.oneof({ weight: 4, arbitrary: fc.constant(max) }, { weight: 1, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constantFrom(0xf0 & max, 0x0f & max, 0xff00 & max, 0xfff & max) });
}

const atomArb: fc.Arbitrary<Atom> = fc
  .record({ size: sizeArb, offset: fc.integer({ min: 0, max: 40 }), op: fc.oneof({ weight: 3, arbitrary: fc.constant<Op>('eq') }, { weight: 2, arbitrary: opArb }) })
  .chain(({ size, offset, op }) => fc.record({ mask: maskArb(size), value: valueArb(size) }).map(({ mask, value }) => ({ offset, size, mask, op, value: op === "eq" || op === "ne" ? (value & mask) >>> 0 : value })));

/** Filters built from shared prefixes plus their own atoms (DPF's common case). */
const filterSetArb: fc.Arbitrary<Filter[]> = fc
  .array(fc.array(atomArb, { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .chain((prefixes) =>
    fc.array(
      fc.record({ p: fc.integer({ min: 0, max: prefixes.length - 1 }), cut: fc.integer({ min: 0, max: 3 }), own: fc.array(atomArb, { maxLength: 3 }) }).map(({ p, cut, own }) => {
        const pre = prefixes[p]!;
        return [...pre.slice(0, Math.min(cut + 1, pre.length)), ...own] as Filter;
      }),
      { minLength: 1, maxLength: 12 },
    ),
  );

/** Many equality tests of one field (DPF's demultiplexing case: the compiler's binary search). */
const switchSetArb: fc.Arbitrary<Filter[]> = fc
  .record({ size: sizeArb, offset: fc.integer({ min: 10, max: 14 }), masked: fc.boolean(), pre: fc.array(atomArb, { maxLength: 1 }) })
  .chain(({ size, offset, masked, pre }) => {
    const mask = masked ? maxOf(size) & 0xf0f0f0f0 : maxOf(size);
    return fc.array(
      fc.record({ v: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: maxOf(size) })), own: fc.array(atomArb, { maxLength: 2 }), withPre: fc.boolean() }).map(({ v, own, withPre }) => {
        const value = (((v * 0x1f3d5b79) >>> 0) & mask) >>> 0;
        return [...(withPre ? pre : []), { offset, size, mask, op: 'eq' as const, value }, ...own] as Filter;
      }),
      { minLength: 4, maxLength: 16 },
    );
  });

/** Frames: a witness of one filter (if it has one), mutated, cut or extended; or random bytes. */
function framesFor(filters: readonly Filter[]): fc.Arbitrary<Uint8Array[]> {
  const one = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .record({ i: fc.integer({ min: 0, max: filters.length - 1 }), flips: fc.array(fc.record({ at: fc.integer({ min: 0, max: 47 }), v: fc.integer({ min: 0, max: 255 }) }), { maxLength: 2 }), len: fc.integer({ min: -3, max: 12 }), fill: fc.integer({ min: 0, max: 255 }) })
        .map(({ i, flips, len, fill }) => {
          const s = satisfiable(filters[i]!);
          const w = s.sat === true ? s.witness : new Uint8Array(0);
          const n = Math.max(1, w.length + len);
          const f = new Uint8Array(n).fill(fill);
          f.set(w.subarray(0, n));
          for (const { at, v } of flips) if (at < n) f[at] = v;
          return f;
        }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 48 }) },
  );
  return fc.array(one, { minLength: 1, maxLength: 8 });
}

describe('DPF compiler vs interpreter (property, on the emulator)', () => {
  for (const aligned of [true, false]) {
    it(`agree on random filters and frames (${aligned ? 'word-aligned frames' : 'frames at any byte address'})`, () => {
      let accepted = 0;
      let total = 0;
      fc.assert(
        fc.property(
          filterSetArb.chain((fs) => fc.tuple(fc.constant(fs), framesFor(fs), fc.integer({ min: 0, max: 3 }))),
          ([filters, frames, mis]) => {
            const c = compileFilters(filters, CODE, { alignedFrame: aligned });
            for (const frame of frames) {
              const want = classify(filters, frame);
              const got = runClassifier(c.words, frame, aligned ? 0 : mis, c.longestPath);
              total++;
              if (want >= 0) accepted++;
              if (got.v0 !== want) {
                throw new Error(`frame ${Buffer.from(frame).toString('hex')}: compiled ${got.v0}, interpreter ${want}\n${filters.map((f, i) => `${i}: ${formatFilter(f)}`).join('\n')}`);
              }
              expect(got.steps).toBeLessThanOrEqual(c.longestPath);
            }
          },
        ),
        { numRuns: 400 },
      );
      // The frames are biased to match: a good share of them are accepted (the test is not vacuous).
      expect(accepted / total).toBeGreaterThan(0.25);
    });
  }

  it('agree on sets of many equality tests of one field (binary search)', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(
        switchSetArb.chain((fs) => fc.tuple(fc.constant(fs), framesFor(fs), fc.boolean())),
        ([filters, frames, aligned]) => {
          const c = compileFilters(filters, CODE, { alignedFrame: aligned });
          for (const frame of frames) {
            const want = classify(filters, frame);
            const got = runClassifier(c.words, frame, aligned ? 0 : 1, c.longestPath);
            total++;
            if (want >= 0) accepted++;
            if (got.v0 !== want) throw new Error(`frame ${Buffer.from(frame).toString('hex')}: compiled ${got.v0}, interpreter ${want}\n${filters.map((f, i) => `${i}: ${formatFilter(f)}`).join('\n')}`);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(accepted / total).toBeGreaterThan(0.25);
  });

  it('Table 7 shape: ten TCP/IP filters differing in the port; 1 and 10 filters', () => {
    const tcp = (port: number): string => `u16@12 == 0x0800 && u8@23 == 6 && u32@30 == 0x0a000001 && u16@36 == ${port}`;
    const ten = parseFilterList(Array.from({ length: 10 }, (_, i) => tcp(7000 + i)).join('\n'));
    const one = [ten[0]!];
    const frame = (port: number): Uint8Array => {
      const f = new Uint8Array(60);
      f[12] = 8;
      f[23] = 6;
      f.set([10, 0, 0, 1], 30);
      f[36] = port >> 8;
      f[37] = port & 0xff;
      return f;
    };
    const c10 = compileFilters(ten, CODE);
    const c1 = compileFilters(one, CODE);
    const steps: number[] = [];
    const cycles: number[] = [];
    for (let i = 0; i < 10; i++) {
      runClassifier(c10.words, frame(7000 + i), 0, c10.longestPath); // warm the caches
      const r = runClassifier(c10.words, frame(7000 + i), 0, c10.longestPath);
      expect(r.v0).toBe(i);
      steps.push(r.steps);
      cycles.push(r.cycles);
    }
    expect(runClassifier(c10.words, frame(9999), 0, c10.longestPath).v0).toBe(-1);
    runClassifier(c1.words, frame(7000), 0, c1.longestPath);
    const r1 = runClassifier(c1.words, frame(7000), 0, c1.longestPath);
    expect(r1.v0).toBe(0);
    // The shared prefix is tested once: code is far smaller than ten separate filters.
    expect(c10.words.length).toBeLessThan(10 * c1.words.length);
    // Paper Table 7: DPF 1.5 us = 37.5 cycles at 25 MHz for one of ten TCP/IP filters.
    expect(Math.max(...steps)).toBeLessThanOrEqual(37);
    console.log(
      `DPF Table 7: 1 filter ${r1.steps} instructions, ${r1.cycles} cycles (longest path ${c1.longestPath}); ` +
        `10 filters ${Math.min(...steps)}..${Math.max(...steps)} instructions, ${Math.min(...cycles)}..${Math.max(...cycles)} cycles warm (longest path ${c10.longestPath}), code ${c10.words.length} words`,
    );
  });

  it('a filter with no atoms accepts everything; an empty set accepts nothing', () => {
    expect(runClassifier(compileFilters([[]], CODE).words, new Uint8Array(1), 0, 10).v0).toBe(0);
    expect(runClassifier(compileFilters([], CODE).words, new Uint8Array(1), 0, 10).v0).toBe(-1);
  });

  it('first installed wins among overlapping filters of one owner', () => {
    const fs = parseFilterList('u8@0 >= 10\nu8@0 == 12\nu8@0 < 200');
    const c = compileFilters(fs, CODE);
    expect(runClassifier(c.words, Uint8Array.of(12), 0, c.longestPath).v0).toBe(0);
    expect(runClassifier(c.words, Uint8Array.of(3), 0, c.longestPath).v0).toBe(2);
  });
});

describe('DPF text syntax', () => {
  it('parses the example of the issue', () => {
    expect(parseFilter('u16@12 == 0x0800 && u8@23 == 17 && u16@36&0xffff == 7')).toEqual([
      { offset: 12, size: 2, mask: 0xffff, op: 'eq', value: 0x800 },
      { offset: 23, size: 1, mask: 0xff, op: 'eq', value: 17 },
      { offset: 36, size: 2, mask: 0xffff, op: 'eq', value: 7 },
    ]);
  });
  it('every operator, masks, comments, newlines; formatFilter round-trips', () => {
    const text = 'u32@0&0xffff0000 != 0 # comment\n && u8@1 < 3 && u8@2 <= 3 && u8@3 > 3 && u8@4 >= 3 && u16@5 == 65535';
    const f = parseFilter(text);
    expect(f.map((a) => a.op)).toEqual(['ne', 'lt', 'le', 'gt', 'ge', 'eq']);
    expect(parseFilter(formatFilter(f))).toEqual(f);
    expect(parseFilter('true')).toEqual([]);
    expect(parseFilterList('# none\n\nu8@0 == 1\n  u8@1 == 2  # two\n')).toHaveLength(2);
  });
  const bad: [string, string][] = [
    ['u16@12 = 0x800', "f:1:8: error: unexpected character '='"],
    ['u16@12 == ', 'f:1:11: error: expected a value after the comparison, found end of input'],
    ['u24@1 == 0', "f:1:1: error: unexpected 'u24' (expected u8, u16, u32, a number or an operator)"],
    ['u8@1515 == 0', 'f:1:4: error: offset 1515 is outside 0..1514'],
    ['u8@0 == 0x100', 'f:1:9: error: value 0x100 is wider than a 1-byte field'],
    ['u16@0&0x10000 == 0', 'f:1:7: error: mask 0x10000 is wider than a 2-byte field'],
    ['u8@0 == 1 &&', 'f:1:13: error: expected a field (u8@N, u16@N or u32@N), found end of input'],
    ['u8@0 == 1 u8@1 == 2', "f:1:11: error: expected '&&' or end of filter, found 'u8'"],
    ['u8@0 == 0x1ffffffff', 'f:1:9: error: number 0x1ffffffff does not fit in 32 bits'],
    ['\n  u8 0 == 1', "f:2:6: error: expected '@' after the field size, found '0'"],
    ['', 'f:1:1: error: empty filter (write `true` for a filter that accepts every frame)'],
  ];
  for (const [text, msg] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(() => parseFilter(text, 'f')).toThrow(FilterSyntaxError);
      expect(() => parseFilter(text, 'f')).toThrow(msg);
    });
  }
  it('refuses a 17th atom', () => {
    const t = Array.from({ length: 17 }, (_, i) => `u8@${i} == 1`).join(' && ');
    expect(() => parseFilter(t, 'f')).toThrow(/f:1:\d+: error: too many atoms \(at most 16 per filter\)/);
  });
});

describe('DPF binary encoding', () => {
  it('round-trips any valid filter', () => {
    fc.assert(
      fc.property(fc.array(atomArb, { minLength: 1, maxLength: 16 }), (f) => {
        const r = decodeFilterBytes(encodeFilterBytes(f));
        expect(r).toEqual({ ok: true, filter: f });
      }),
    );
  });
  const base = (): Uint32Array => encodeFilter(parseFilter('u16@12 == 0x800 && u8@23 == 6'));
  const cases: [string, (w: Uint32Array) => Uint32Array, keyof typeof DPF_ERR][] = [
    ['count 0', (w) => ((w[0] = 0), w), 'DPF_ECOUNT'],
    ['count 17', () => Uint32Array.of(17, ...new Array<number>(68).fill(0)), 'DPF_ECOUNT'],
    ['offset 1515', (w) => ((w[5] = 1515), w), 'DPF_EOFFSET'],
    ['size 3', (w) => ((w[6] = 3), w), 'DPF_ESIZE'],
    ['op 6', (w) => ((w[2] = 2 | (6 << 8)), w), 'DPF_EOP'],
    ['reserved bits', (w) => ((w[2] = 2 | (1 << 16)), w), 'DPF_ERESERVED'],
    ['wide mask', (w) => ((w[3] = 0x1ffff), w), 'DPF_EMASK'],
    ['wide value', (w) => ((w[8] = 0x100), w), 'DPF_EVALUE'],
    ['short buffer', (w) => w.subarray(0, 7), 'DPF_ESHORT'],
  ];
  for (const [name, mutate, code] of cases) {
    it(`refuses ${name} with ${code}`, () => {
      const w = mutate(base());
      const b = new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
      const r = decodeFilterBytes(b);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.name).toBe(code);
        expect(r.code).toBe(DPF_ERR[code]);
      }
    });
  }
  it('error codes are distinct and below the kernel errors', () => {
    const v = Object.values(DPF_ERR);
    expect(new Set(v).size).toBe(v.length);
    for (const c of v) expect(c).toBeLessThan(-8);
  });
});

describe('DPF install-time overlap check', () => {
  const inst = (owner: number, text: string) => ({ owner, filter: parseFilter(text) });
  it('refuses a filter that accepts another owner\'s frames, with a witness both accept', () => {
    const installed = [inst(1, 'u16@12 == 0x800 && u16@36 == 7')];
    const r = checkInstall(installed, parseFilter('u16@36 >= 5 && u16@36 <= 9'), 2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(DPF_ERR.DPF_EOVERLAP);
      expect(r.reason).toMatch(/accepts frames that filter 0 of owner 0x1/);
      expect(filterAccepts(installed[0]!.filter, r.witness!)).toBe(true);
      expect(filterAccepts(parseFilter('u16@36 >= 5 && u16@36 <= 9'), r.witness!)).toBe(true);
    }
  });
  it('accepts disjoint filters of different owners and overlapping ones of the same owner', () => {
    const installed = [inst(1, 'u16@12 == 0x800 && u16@36 == 7'), inst(2, 'u16@12 == 0x800 && u16@36 == 8')];
    expect(checkInstall(installed, parseFilter('u16@36 > 8'), 3).ok).toBe(true);
    expect(checkInstall(installed, parseFilter('u16@12 != 0x800'), 3).ok).toBe(true);
    expect(checkInstall(installed, parseFilter('u8@36 == 0 && u8@37 >= 7'), 1).ok).toBe(false); // overlaps owner 2's
    expect(checkInstall(installed, parseFilter('u8@37 == 7'), 1).ok).toBe(true); // only its own
  });
  it('exact across fields of different sizes, offsets and masks', () => {
    // u32@34 covers the port bytes 36, 37: its low half is the port.
    expect(overlaps(parseFilter('u16@36 == 7'), parseFilter('u32@34&0xffff == 8')).sat).toBe(false);
    expect(overlaps(parseFilter('u16@36 == 7'), parseFilter('u32@34&0xffff == 7')).sat).toBe(true);
    expect(overlaps(parseFilter('u8@0&0xf0 == 0x40'), parseFilter('u8@0 < 0x40')).sat).toBe(false);
    expect(overlaps(parseFilter('u8@0&0xf0 == 0x40'), parseFilter('u8@0 <= 0x40')).sat).toBe(true);
    expect(overlaps(parseFilter('u16@0 > 0x1ff'), parseFilter('u8@0 < 2')).sat).toBe(false);
    expect(overlaps(parseFilter('u16@0 > 0x1ff'), parseFilter('u8@0 < 3')).sat).toBe(true);
    expect(overlaps(parseFilter('u8@5 != 1 && u8@5 != 2'), parseFilter('u8@5 >= 1 && u8@5 <= 3')).sat).toBe(true);
    expect(overlaps(parseFilter('u8@5 != 1 && u8@5 != 3'), parseFilter('u8@5 >= 1 && u8@5 <= 3 && u8@5 != 2')).sat).toBe(false);
  });
  it('satisfiability agrees with brute force over every one- and two-byte frame (property)', () => {
    // Atoms on bytes 0..1 only: every frame of 2 bytes can be enumerated.
    const small: fc.Arbitrary<Atom> = fc
      .record({ size: fc.constantFrom<FieldSize>(1, 2), op: opArb })
      .chain(({ size, op }) =>
        fc.record({ offset: fc.integer({ min: 0, max: 2 - size }), mask: maskArb(size), value: valueArb(size) }).map((r) => ({ ...r, size, op })),
      );
    const frames: Uint8Array[] = [];
    for (let x = 0; x < 65536; x++) frames.push(Uint8Array.of(x >> 8, x & 0xff));
    fc.assert(
      fc.property(fc.array(small, { minLength: 1, maxLength: 4 }), (atoms) => {
        const s = satisfiable(atoms);
        const brute = frames.some((f) => filterAccepts(atoms, f));
        expect(s.sat).toBe(brute);
        if (s.sat === true) {
          const w = new Uint8Array(2);
          w.set(s.witness);
          expect(filterAccepts(atoms, w)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('DPF filter table (what the install hooks use)', () => {
  it('install, overlap refusal, remove, owner cleanup, compile with the entries', () => {
    const t = new DpfTable(3);
    const a = t.install(0x41, parseFilter('u16@36 == 7'));
    const b = t.install(0x42, parseFilter('u16@36 == 8'));
    expect(a).toEqual({ ok: true, id: 1 });
    expect(b).toEqual({ ok: true, id: 2 });
    const bad = t.install(0x42, parseFilter('u8@37 == 7'));
    expect(bad.ok === false && bad.code).toBe(DPF_ERR.DPF_EOVERLAP);
    const bytes = encodeFilterBytes(parseFilter('u16@36 == 9'));
    const dv = new DataView(bytes.buffer);
    expect(t.installEncoded(0x43, (i) => (4 * i + 4 <= bytes.length ? dv.getUint32(4 * i, true) : undefined))).toEqual({ ok: true, id: 3 });
    const full = t.install(0x44, parseFilter('u16@36 == 10'));
    expect(full.ok === false && full.code).toBe(-4); // ENOMEM
    const badEnc = t.installEncoded(0x43, (i) => (i === 0 ? 99 : 0));
    expect(badEnc.ok === false && badEnc.code).toBe(DPF_ERR.DPF_ECOUNT);
    expect(t.remove(0x41, 2)).toBe(-7); // EPERM: not its filter
    expect(t.remove(0x41, 99)).toBe(-3); // ENOENT
    expect(t.remove(0x42, 2)).toBe(0);
    const c = t.compile(CODE);
    expect(c.entries.map((e) => e.id)).toEqual([1, 3]);
    const f = new Uint8Array(40);
    f[37] = 9;
    expect(runClassifier(c.words, f, 0, c.longestPath).v0).toBe(1);
    expect(t.removeOwner(0x43)).toBe(1);
    expect(t.entries().map((e) => e.owner)).toEqual([0x41]);
  });
});
