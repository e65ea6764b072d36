/**
 * Random user programs for the exokernel's property-based isolation test
 * (test/firmware/isolation.test.ts, issue 5 acceptance "Isolation, property-based").
 *
 * A program is a list of chunks, so fast-check shrinks it by dropping and simplifying chunks:
 *  - `insn`: one instruction word from the ISA table (emulator/isa.ts) with random fields; branch
 *    offsets and jump targets mostly stay inside the program's own text, BREAK sometimes carries
 *    the trap-hook code (0x3E5, which must raise Bp in user mode), a few words are raw 32 bits;
 *  - `mem`: `lui/ori` an interesting address into a base register, then a load or store through it
 *    (own text, data, boot page and stack, pinned VAs, other VAs, kseg0/kseg1/kseg2, unaligned);
 *  - `sys`: `lui/ori` v0 and some of a0-a3 from interesting values, then `syscall`: real numbers
 *    (layout.inc SYS_*), PCT classes with ids 1..4 and stale generations, unknown numbers; the
 *    arguments are page numbers around the first free page and the kernel's, EntryLo words,
 *    kernel addresses, ids, env_set fields with PCs in the program's own text (so handlers get
 *    installed and dispatch, slice and PCT paths run), the environment's own capabilities,
 *    random words. An argument left out keeps whatever the register holds.
 * Each environment allocates pages only with capabilities from its own secret pool (random
 * 32-bit words, distinct per environment), so no other environment can present them except by
 * guessing 32 bits; the test still accepts a store to another environment's page when the
 * writer (or its creator, for guaranteed mappings) presented that page's write capability
 * (sharing, docs/exokernel.md §4.2).
 */
import fc from 'fast-check';
import { encode, ISA, isaEntry, type IsaEntry } from '../../emulator/isa.js';
import { SEG_EXECUTABLE, SEG_WRITABLE, type ProgramImage } from '../../firmware/images.js';
import { L } from '../../firmware/layout.js';

export const TEXT_VA = 0x00400000;
export const DATA_VA = 0x00410000;
/** Words of text the jump targets and handler PCs are drawn from (the text is at most this long). */
const TEXT_WORDS = 1024;

export type Chunk =
  | { readonly k: 'insn'; readonly w: number }
  | { readonly k: 'mem'; readonly id: number; readonly base: number; readonly rt: number; readonly addr: number; readonly off: number }
  | { readonly k: 'sys'; readonly v0: number; readonly args: readonly (number | null)[] }
  /** A call with a mapping of the boot map (BOOT_MAPS entry `map`) and its rcap or wcap. */
  | { readonly k: 'boot'; readonly v0: number; readonly map: number; readonly wcap: boolean; readonly va: number; readonly slot: number }
  /** page_alloc with own secrets, tlb_write of the page at `va` (D or not, with `cap`), a store there. */
  | { readonly k: 'alloc'; readonly page: number; readonly rcap: number; readonly wcap: number; readonly cap: number; readonly d: boolean; readonly va: number; readonly off: number };

export interface EnvSpec {
  /** Capabilities this environment allocates pages with (non-zero, distinct from all others'). */
  readonly secrets: readonly number[];
  /** ExcCodes whose handler the prologue sets to the resume stub (so faults do not kill at once). */
  readonly handlers: readonly number[];
  /** The prologue installs the end-of-slice (yield, resume) and start-of-slice (resume) stubs. */
  readonly sliceStubs: boolean;
  readonly chunks: readonly Chunk[];
  readonly dataPages: number;
  readonly data: Uint8Array;
}

export interface Case {
  readonly envs: readonly EnvSpec[];
  readonly quantum: number;
  readonly seed: number;
}

export interface GenParams {
  readonly ramBytes: number;
}

const REG = { zero: 0, at: 1, v0: 2, a0: 4, a1: 5, a2: 6, a3: 7 } as const;
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const reg = fc.integer({ min: 0, max: 31 });
/** PCs inside every program's text (which is padded to at least MIN_TEXT_WORDS). */
const textPc = fc.integer({ min: 0, max: 63 }).map((k) => TEXT_VA + 4 * k);
const MIN_TEXT_WORDS = 64;

/** Page numbers: the first free page and around it, the kernel's pages, the last ones, beyond RAM. */
function pageNumbers(p: GenParams): fc.Arbitrary<number> {
  const npages = p.ramBytes >>> 12;
  const first = Math.ceil(((L('PAGE_TABLE') & 0x1fffffff) + npages * (1 << L('PG_SHIFT'))) / 4096);
  return fc.oneof(
    fc.integer({ min: first - 2, max: first + 48 }),
    fc.constantFrom(0, 1, 0x10, 0x18, 0x3e, 0x3f, 0x40, 0x47, 0x48, first - 1, npages - 1, npages, npages + 1, 0xfffff),
  );
}

/** Virtual addresses worth touching (page aligned unless `unaligned`). */
function addresses(p: GenParams): fc.Arbitrary<number> {
  const stackLo = L('USER_STACK_TOP') - L('USER_STACK_PAGES') * 4096;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(TEXT_VA, DATA_VA, DATA_VA + 0x1000, L('BOOT_VA'), L('BOOT_VA') + L('BOOT_MAPS'), stackLo, L('USER_STACK_TOP') - 16) },
    { weight: 3, arbitrary: fc.constantFrom(0, 0x2000, 0x3000, 0x8000, 0x3ff000, 0x10000000, 0x00420000, 0x7ffff000) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        0x80000000, L('ENV_TABLE') >>> 0, (L('ENV_TABLE') + L('ENV_SIZE')) >>> 0, L('SLICE_VEC') >>> 0, L('ASID_OWNER') >>> 0, (L('KBASE') - 0x1000) >>> 0,
        L('STLB') >>> 0, L('PAGE_TABLE') >>> 0, 0xa0000000, 0xb0000000, 0xbfc00000, 0xc0000000, 0xfffff000,
      ),
    },
    { weight: 2, arbitrary: pageNumbers(p).map((n) => (0x80000000 + n * 4096) >>> 0) },
    { weight: 2, arbitrary: fc.constantFrom(DATA_VA + 1, DATA_VA + 2, DATA_VA + 3, L('BOOT_VA') + 2, TEXT_VA + 1) },
    { weight: 1, arbitrary: u32 },
  );
}

/** Ids of the loaded environments (index 1..4) with generations 0..2 (stale ones included), and 0. */
const ids = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 })).map(([g, i]) => (g << 6) | i));

/** Interesting argument values. */
function argValues(p: GenParams, secrets: readonly number[]): fc.Arbitrary<number> {
  const V = L('ELO_V');
  const D = L('ELO_D');
  const G = L('ELO_G');
  const N = L('ELO_N');
  const entryLo = fc.tuple(pageNumbers(p), fc.constantFrom(V | D, V, D, 0, V | D | G, V | N, V | D | 0xff)).map(([pg, b]) => ((pg << 12) | b) >>> 0);
  const fields = fc.oneof(
    fc.constantFrom(L('FIELD_SR'), L('FIELD_SAVE'), L('FIELD_INT_SAVE'), L('FIELD_SLICE_START'), L('FIELD_SLICE_END'), L('FIELD_PCT_SYNC'), L('FIELD_PCT_ASYNC'), 0, 2, 0x100, 0x1f0),
    fc.integer({ min: 0, max: 15 }).map((c) => L('FIELD_HANDLER') + 4 * c),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 3, 4, 8, 16, 63, 64, 0xfff, 0x1000, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000) },
    { weight: 4, arbitrary: pageNumbers(p) },
    { weight: 3, arbitrary: addresses(p) },
    { weight: 3, arbitrary: entryLo },
    { weight: 2, arbitrary: ids },
    { weight: 2, arbitrary: fields },
    { weight: 2, arbitrary: textPc },
    { weight: 4, arbitrary: fc.constantFrom(...secrets) },
    { weight: 2, arbitrary: u32 },
  );
}

/** System-call numbers: every real one, PCT classes, unknown ones. */
const sysNumbers: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(L('SYS_NULL'), L('SYS_GETENVID'), L('SYS_TLB_WRITE'), L('SYS_TLB_DELETE'), L('SYS_ASID_SWITCH'), L('SYS_YIELD')) },
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      L('SYS_NULL_STACK'), L('SYS_PAGE_ALLOC'), L('SYS_PAGE_DEALLOC'), L('SYS_PAGE_SETCAP'), L('SYS_ENV_CREATE'), L('SYS_ENV_DESTROY'),
      L('SYS_ENV_SET'), L('SYS_ENV_START'), L('SYS_GUARANTEE'), L('SYS_SLICE_ALLOC'), L('SYS_SLICE_FREE'), L('SYS_ASID_ALLOC'),
      L('SYS_CONSOLE_WRITE'), L('SYS_CONSOLE_READ'),
    ),
  },
  {
    // Session 3's calls: the light yield, range invalidation, revocation, the network.
    weight: 6,
    arbitrary: fc.constantFrom(
      L('SYS_YIELD_LIGHT'), L('SYS_TLB_DELETE_RANGE'), L('SYS_TLB_INVALIDATE_RANGE'), L('SYS_PAGE_REVOKE'), L('SYS_REVOKE_CTL'),
      L('SYS_NET_FILTER'), L('SYS_NET_UNFILTER'), L('SYS_NET_ASH'), L('SYS_NET_SEND'),
    ),
  },
  { weight: 1, arbitrary: fc.constant(L('SYS_EXIT')) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(L('PCT_SYNC'), L('PCT_ASYNC'), 3, 0x80), ids).map(([c, id]) => ((c << 24) | id) >>> 0) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 6, max: 15 }), fc.integer({ min: 28, max: 31 }), fc.integer({ min: 35, max: 70 }), u32) },
);

const LOADS_STORES: readonly IsaEntry[] = ISA.filter((e) => e.class === 'store' || e.class === 'load');
const STORE_IDS = ['sb', 'sh', 'sw', 'swl', 'swr'].map((m) => isaEntry(m).id);
const LOAD_IDS = ['lb', 'lh', 'lw', 'lbu', 'lhu', 'lwl', 'lwr'].map((m) => isaEntry(m).id);

/** Entries that are not coprocessor instructions (those mostly raise CpU in user mode). */
const COMMON = ISA.filter((e) => e.class !== 'cop' && e.class !== 'cop0' && e.cop === undefined).map((e) => e.id);

/** One instruction from the table with random fields (branches and jumps mostly land in the text). */
const randomInsn: fc.Arbitrary<Chunk> = fc
  .record({
    id: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...COMMON) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: ISA.length - 1 }) }),
    rs: reg,
    rt: reg,
    rd: reg,
    sa: fc.integer({ min: 0, max: 31 }),
    imm: fc.integer({ min: 0, max: 0xffff }),
    // Mostly forward, so a program runs on to its end instead of spinning in a random loop.
    near: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 24 }) }, { weight: 1, arbitrary: fc.integer({ min: -24, max: -1 }) }),
    target: fc.integer({ min: 0, max: TEXT_WORDS - 1 }),
    hook: fc.integer({ min: 0, max: 12 }),
    raw: fc.integer({ min: 0, max: 19 }),
    rawWord: u32,
  })
  .map((r) => {
    if (r.raw === 0) return { k: 'insn', w: r.rawWord } as const;
    const e = ISA[r.id]!;
    let w: number;
    if (e.class === 'branch') w = encode(e, { rs: r.rs, rt: r.rt, imm: r.near & 0xffff });
    else if (e.class === 'jump' && e.operands.includes('jump')) w = encode(e, { target: TEXT_VA + 4 * r.target });
    else if (e.mnemonic === 'break' && r.hook < 4) w = encode(e, { code: (L('HOOK') << 10) | r.hook });
    else w = encode(e, { rs: r.rs, rt: r.rt, rd: r.rd, sa: r.sa, imm: r.imm, code: r.rawWord });
    return { k: 'insn', w } as const;
  });

function memChunk(p: GenParams): fc.Arbitrary<Chunk> {
  return fc.record({
    id: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STORE_IDS) }, { weight: 1, arbitrary: fc.constantFrom(...LOAD_IDS) }, { weight: 1, arbitrary: fc.constantFrom(...LOADS_STORES.map((e) => e.id)) }),
    base: fc.integer({ min: 1, max: 31 }),
    rt: reg,
    addr: addresses(p),
    off: fc.oneof(fc.constantFrom(0, 4, -4, 0x10, 0x20), fc.integer({ min: -0x8000, max: 0x7fff })),
  }).map((r) => ({ k: 'mem', ...r }) as const);
}

function sysChunk(p: GenParams, secrets: readonly number[]): fc.Arbitrary<Chunk> {
  const arg = fc.option(argValues(p, secrets), { freq: 6 });
  const plain = fc.record({ v0: sysNumbers, args: fc.tuple(arg, arg, arg, arg) });
  // Handler, slice and PCT entries pointing into the program's own text, for itself (id 0).
  const entry = fc.record({
    v0: fc.constant(L('SYS_ENV_SET')),
    args: fc.tuple(
      fc.constant(0),
      fc.oneof(fc.integer({ min: 1, max: 15 }).map((c) => L('FIELD_HANDLER') + 4 * c), fc.constantFrom(L('FIELD_SLICE_START'), L('FIELD_SLICE_END'), L('FIELD_PCT_SYNC'), L('FIELD_PCT_ASYNC'))),
      textPc,
      fc.constant(0),
    ),
  });
  // Page allocation with the environment's own secrets (so no one else holds them).
  const alloc = fc.record({
    v0: fc.constant(L('SYS_PAGE_ALLOC')),
    args: fc.tuple(fc.oneof(fc.constant(0xffffffff), pageNumbers(p)), fc.constantFrom(...secrets), fc.constantFrom(...secrets), fc.constant(null)),
  });
  return fc.oneof({ weight: 6, arbitrary: plain }, { weight: 2, arbitrary: entry }, { weight: 2, arbitrary: alloc }).map((r) => ({ k: 'sys', ...r }) as const);
}

/** Every ExcCode a user handler may take (not Int 0, Sys 8; 13 is reserved on the R3000). */
const HANDLED: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13];

/** Calls that present the environment's real capabilities (so the checks also pass, not only refuse). */
function capChunk(p: GenParams, secrets: readonly number[]): fc.Arbitrary<Chunk> {
  const boot = fc.record({
    v0: fc.constantFrom(L('SYS_TLB_WRITE'), L('SYS_TLB_WRITE'), L('SYS_GUARANTEE'), L('SYS_PAGE_SETCAP'), L('SYS_PAGE_DEALLOC')),
    map: fc.integer({ min: 0, max: 7 }),
    wcap: fc.boolean(),
    va: addresses(p),
    slot: fc.integer({ min: 0, max: 9 }),
  }).map((r) => ({ k: 'boot', ...r }) as const);
  const secret = fc.constantFrom(...secrets);
  const alloc = fc.record({
    page: fc.oneof(fc.constant(0xffffffff), pageNumbers(p)),
    rcap: secret,
    wcap: secret,
    cap: fc.oneof({ weight: 4, arbitrary: secret }, { weight: 1, arbitrary: u32 }),
    d: fc.boolean(),
    va: fc.oneof(fc.constantFrom(0x10000000, 0x2000, 0x3ff000, DATA_VA, TEXT_VA, 0x00420000), addresses(p).map((a) => a & 0xfffff000)),
    off: fc.integer({ min: 0, max: 1023 }).map((o) => o * 4),
  }).map((r) => ({ k: 'alloc', ...r }) as const);
  // Forgery attempts: well-formed calls naming pages around the first free page (other
  // environments' pages among them) with guessed capabilities.
  const V = L('ELO_V');
  const D = L('ELO_D');
  const va = fc.constantFrom(0x10000000, 0x10001000, 0x2000, 0x3000, 0x3ff000, DATA_VA, DATA_VA + 0x1000, TEXT_VA, 0x00420000, 0x7fffe000);
  const page = pageNumbers(p);
  const lo = fc.tuple(page, fc.constantFrom(V | D, V | D, V)).map(([pg, b]) => ((pg << 12) | b) >>> 0);
  const guess = fc.oneof(fc.constantFrom(0, 1, 0xffffffff, ...secrets), u32);
  const forge = fc.oneof(
    fc.record({ v0: fc.constant(L('SYS_TLB_WRITE')), args: fc.tuple(va, lo, guess, fc.constant(null)) }),
    fc.record({ v0: fc.constant(L('SYS_GUARANTEE')), args: fc.tuple(fc.oneof(fc.integer({ min: 0, max: 9 }), ids.map((id) => (id << 8) | 1)), va, lo, guess) }),
    fc.record({ v0: fc.constantFrom(L('SYS_PAGE_DEALLOC'), L('SYS_PAGE_SETCAP')), args: fc.tuple(page, guess, guess, guess) }),
  ).map((r) => ({ k: 'sys', ...r }) as const);
  return fc.oneof(boot, alloc, { weight: 2, arbitrary: forge });
}

function envSpec(p: GenParams, secrets: readonly number[]): fc.Arbitrary<EnvSpec> {
  const chunk = fc.oneof(
    { weight: 8, arbitrary: randomInsn },
    { weight: 5, arbitrary: memChunk(p) },
    { weight: 4, arbitrary: sysChunk(p, secrets) },
    { weight: 3, arbitrary: capChunk(p, secrets) },
  );
  return fc.record({
    secrets: fc.constant(secrets),
    handlers: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.subarray([...HANDLED]) }, { weight: 4, arbitrary: fc.constant([...HANDLED]) }),
    sliceStubs: fc.boolean(),
    chunks: fc.array(chunk, { minLength: 1, maxLength: 60 }),
    dataPages: fc.integer({ min: 1, max: 2 }),
    data: fc.uint8Array({ maxLength: 32 }),
  });
}

/** A test case: 2-4 environments, a small quantum, a capability seed. */
export function caseArbitrary(p: GenParams): fc.Arbitrary<Case> {
  return fc
    .integer({ min: 2, max: 4 })
    .chain((n) =>
      fc.uniqueArray(fc.integer({ min: 0x01000000, max: 0xfffffff0 }), { minLength: 3 * n, maxLength: 3 * n }).chain((pool) =>
        fc.record({
          envs: fc.tuple(...Array.from({ length: n }, (_, i) => envSpec(p, pool.slice(3 * i, 3 * i + 3)))),
          quantum: fc.integer({ min: 2000, max: 5000 }),
          seed: u32,
        }),
      ),
    );
}

const w = (m: string, f: Parameters<typeof encode>[1]): number => encode(isaEntry(m), f);

/** `lui r, hi; ori r, r, lo`: a 32-bit constant in a register. */
function li(r: number, v: number): number[] {
  return [encode(isaEntry('lui'), { rt: r, imm: v >>> 16 }), encode(isaEntry('ori'), { rs: r, rt: r, imm: v & 0xffff })];
}

/** The instruction words of a chunk list (at most TEXT_WORDS). */
export function assembleChunks(chunks: readonly Chunk[]): number[] {
  const out: number[] = [];
  for (const c of chunks) {
    if (c.k === 'insn') out.push(c.w >>> 0);
    else if (c.k === 'mem') {
      out.push(...li(c.base, (c.addr - c.off) >>> 0), encode(ISA[c.id]!, { rs: c.base, rt: c.rt, imm: c.off & 0xffff }));
    } else if (c.k === 'boot') {
      // a1 = the map's EntryLo, a2 = its rcap or wcap, read from the boot page at BOOT_VA.
      const m = L('BOOT_VA') + L('BOOT_MAPS') + L('BOOT_MAP_SIZE') * c.map;
      const lo = w('lw', { rs: 0, rt: REG.a1, imm: m + 4 });
      const cap = (rt: number): number => w('lw', { rs: 0, rt, imm: m + (c.wcap ? 12 : 8) });
      if (c.v0 === L('SYS_GUARANTEE')) {
        // a0 = slot (self), a1 = va, a2 = EntryLo, a3 = capability.
        out.push(w('lw', { rs: 0, rt: REG.a2, imm: m + 4 }), cap(REG.a3), ...li(REG.a0, c.slot), ...li(REG.a1, c.va));
      } else if (c.v0 === L('SYS_PAGE_DEALLOC') || c.v0 === L('SYS_PAGE_SETCAP')) {
        // a0 = page, a1 = (dealloc) wcap; (setcap) a1 = rcap, a2 = wcap, a3 = old wcap: the same secrets back.
        out.push(lo, cap(REG.a3), w('lw', { rs: 0, rt: REG.a2, imm: m + 12 }), 0, w('srl', { rt: REG.a1, rd: REG.a0, sa: 12 }), w('lw', { rs: 0, rt: REG.a1, imm: m + 8 }));
        if (c.v0 === L('SYS_PAGE_DEALLOC')) out.push(w('addu', { rs: REG.a3, rt: 0, rd: REG.a1 }));
      } else {
        out.push(lo, cap(REG.a2), ...li(REG.a0, c.va));
      }
      out.push(...li(REG.v0, c.v0), w('syscall', {}));
    } else if (c.k === 'alloc') {
      out.push(...li(REG.a0, c.page), ...li(REG.a1, c.rcap), ...li(REG.a2, c.wcap), ...li(REG.v0, L('SYS_PAGE_ALLOC')), w('syscall', {}));
      out.push(w('sll', { rt: REG.v0, rd: REG.a1, sa: 12 }), w('ori', { rs: REG.a1, rt: REG.a1, imm: L('ELO_V') | (c.d ? L('ELO_D') : 0) }));
      out.push(...li(REG.a0, c.va), ...li(REG.a2, c.cap), ...li(REG.v0, L('SYS_TLB_WRITE')), w('syscall', {}));
      out.push(...li(8, c.va), w('sw', { rs: 8, rt: 9, imm: c.off }));
    } else {
      out.push(...li(REG.v0, c.v0));
      c.args.forEach((a, i) => {
        if (a !== null) out.push(...li(REG.a0 + i, a));
      });
      out.push(encode(isaEntry('syscall'), {}));
    }
  }
  return out.slice(0, TEXT_WORDS);
}

const SAVE = L('BOOT_VA') + L('BOOT_SAVE');
const INT_SAVE = L('BOOT_VA') + L('BOOT_INT_SAVE');
/**
 * At TEXT_VA: the exception handler stub, handler(a0 = EPC): resume after the faulting instruction
 * (or at the entry when that is outside the text, so a program that ran off into unmapped memory
 * comes back instead of taking a miss per word) with a0-a2 restored from the boot page's save
 * area (docs/exokernel.md §6, the return idiom); then the end-of-slice stub: yield(-1), then
 * resume where the tick interrupted (a0 and the PC in the interrupt save area; v0 is lost); then
 * the start-of-slice stub (a0 = the resume PC). STUB_WORDS words in all.
 */
function stubs(textBytes: number, entry: number): number[] {
  return [
    w('addiu', { rs: REG.a0, rt: REG.a0, imm: 4 }),
    w('lui', { rt: REG.a1, imm: TEXT_VA >>> 16 }),
    w('subu', { rs: REG.a0, rt: REG.a1, rd: REG.a1 }),
    w('sltiu', { rs: REG.a1, rt: REG.a1, imm: textBytes }),
    w('bne', { rs: REG.a1, rt: 0, imm: 3 }),
    0,
    w('lui', { rt: REG.a0, imm: entry >>> 16 }),
    w('ori', { rs: REG.a0, rt: REG.a0, imm: entry & 0xffff }),
    w('sw', { rs: 0, rt: REG.a0, imm: SAVE + 12 }),
    w('lw', { rs: 0, rt: REG.a2, imm: SAVE + 8 }),
    w('lw', { rs: 0, rt: REG.a1, imm: SAVE + 4 }),
    w('lw', { rs: 0, rt: REG.a0, imm: SAVE + 12 }),
    0,
    w('jr', { rs: REG.a0 }),
    w('lw', { rs: 0, rt: REG.a0, imm: SAVE }),
    // end of slice (SLICE_END_STUB)
    w('addiu', { rs: 0, rt: REG.v0, imm: L('SYS_YIELD') }),
    w('addiu', { rs: 0, rt: REG.a0, imm: 0xffff }),
    w('syscall', {}),
    w('lw', { rs: 0, rt: REG.a0, imm: INT_SAVE + 4 }),
    0,
    w('jr', { rs: REG.a0 }),
    w('lw', { rs: 0, rt: REG.a0, imm: INT_SAVE }),
    // start of slice (SLICE_START_STUB)
    w('jr', { rs: REG.a0 }),
    w('lw', { rs: 0, rt: REG.a0, imm: INT_SAVE }),
  ];
}
const STUB_WORDS = 24;
const EXC_STUB = TEXT_VA;
const SLICE_END_STUB = TEXT_VA + 4 * 15;
const SLICE_START_STUB = TEXT_VA + 4 * 22;

/** The prologue's chunks: env_set for the chosen handlers and slice stubs. */
function prologue(spec: EnvSpec): Chunk[] {
  const set = (field: number, pc: number): Chunk => ({ k: 'sys', v0: L('SYS_ENV_SET'), args: [0, field, pc, 0] });
  const out = spec.handlers.map((c) => set(L('FIELD_HANDLER') + 4 * c, EXC_STUB));
  if (spec.sliceStubs) out.push(set(L('FIELD_SLICE_END'), SLICE_END_STUB), set(L('FIELD_SLICE_START'), SLICE_START_STUB));
  return out;
}

/**
 * The program image of an environment: text at TEXT_VA (read-only: the stubs, then the entry
 * with the prologue and the chunks), data at DATA_VA (writable).
 */
export function imageOf(spec: EnvSpec, name: string): ProgramImage {
  const entry = TEXT_VA + 4 * STUB_WORDS;
  const body = assembleChunks([...prologue(spec), ...spec.chunks]).slice(0, TEXT_WORDS - STUB_WORDS - 2);
  while (STUB_WORDS + body.length < MIN_TEXT_WORDS) body.push(0);
  // The program repeats: the text ends with a jump back to the entry.
  body.push(w('j', { target: entry }), 0);
  const n = STUB_WORDS + body.length;
  // J/JAL targets land inside the text: index modulo the text's length.
  for (let i = 0; i < body.length; i++) {
    const op = body[i]! >>> 26;
    if (op === 2 || op === 3) body[i] = ((body[i]! & 0xfc000000) | ((TEXT_VA >>> 2) + ((((body[i]! & 0x03ffffff) - (TEXT_VA >>> 2)) % n) + n) % n)) >>> 0;
  }
  const words = [...stubs(4 * n, entry), ...body];
  if (words.length !== n || stubs(0, 0).length !== STUB_WORDS) throw new Error('internal: stub length');
  const text = new Uint8Array(words.length * 4);
  const dv = new DataView(text.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w, true));
  const textPages = Math.ceil(text.length / 4096);
  return {
    name,
    entry,
    segments: [
      { vaddr: TEXT_VA, memsz: text.length, filesz: text.length, flags: SEG_EXECUTABLE, data: text },
      { vaddr: DATA_VA, memsz: spec.dataPages * 4096, filesz: spec.data.length, flags: SEG_WRITABLE, data: spec.data },
    ],
    pages: textPages + spec.dataPages,
  };
}

/** A chunk as assembly-like text, for counterexample reports. */
export function describeChunk(c: Chunk): string {
  const h = (n: number): string => `0x${(n >>> 0).toString(16)}`;
  if (c.k === 'insn') return `.word ${h(c.w)}`;
  if (c.k === 'mem') return `li $${c.base}, ${h(c.addr - c.off)}; ${ISA[c.id]!.mnemonic} $${c.rt}, ${c.off}($${c.base})`;
  if (c.k === 'boot') return `boot map ${c.map} (${c.wcap ? 'wcap' : 'rcap'}): syscall ${c.v0} va ${h(c.va)} slot ${c.slot}`;
  if (c.k === 'alloc') return `page_alloc(${h(c.page)}, ${h(c.rcap)}, ${h(c.wcap)}); tlb_write(${h(c.va)}, page << 12 | V${c.d ? ' | D' : ''}, ${h(c.cap)}); sw $t1, ${c.off}(${h(c.va)})`;
  const args = c.args.map((a, i) => (a === null ? '' : `li $a${i}, ${h(a)}; `)).join('');
  return `li $v0, ${h(c.v0)}; ${args}syscall`;
}
