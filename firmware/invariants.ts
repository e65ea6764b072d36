/**
 * The kernel invariant checker (issue 5 acceptance; docs/exokernel.md §2, §4, §5): reads the
 * kernel's tables through physical RAM and the TLB from the CPU's arrays, with no side effects,
 * and returns the violated invariants (empty = all hold). Every number comes from layout.inc.
 *
 * Invariants (the name in brackets starts each message):
 *   [globals]     KG_NPAGES = RAM pages; KG_FIRST_PAGE = the first page after the page table.
 *   [page-owner]  pages below KG_FIRST_PAGE are owned by PG_KERNEL; every other page is free (0)
 *                 or owned by the id of a live environment.
 *   [page-free]   a free page has zero capabilities (deallocation zeroes the record, §4.2).
 *   [env-status]  every record's status is ENV_FREE, ENV_RUNNABLE or ENV_CREATED.
 *   [env-id]      a live record's id is non-zero, its low 6 bits are its index; live ids unique.
 *   [light]       a record's REC_LIGHT_KEY (the yield_light fast path's key, kslice.s) is 0 or
 *                 NOKEY (index ^ 63 in the low bits: no a0 selecting the record equals either),
 *                 or, for a live record only, its id, and then REC_LIGHT_PC is a word-aligned
 *                 kuseg address. Record 0's key is never 0 (a0 = 0 selects it).
 *   [asid]        ASID_OWNER[0] = 0 (the kernel's); every other entry is 0 or a live record; a
 *                 live record's REC_ENTRYHI is an ASID (nothing else) it owns.
 *   [save]        REC_SAVE (12 bytes) / REC_INT_SAVE (8 bytes): 0, or word-aligned kseg0 inside
 *                 one page the environment owns, or its creator owns (a parent may give its child
 *                 a save area in its own page, env_set).
 *   [dispatch]    for each ExcCode except Int and Sys: a user handler (REC_DISPATCH = REC_HANDLERS,
 *                 REC_DISPATCH_SAVE = REC_SAVE) exactly when both the handler and the save area are
 *                 set, and the handler is a kuseg address; otherwise (and always for Int and Sys) a
 *                 kernel routine in kernel text [0x80000000, ENV_TABLE).
 *   [guaranteed]  every guaranteed mapping with a non-zero EntryLo: below PINNED_LIMIT, G = 0, its
 *                 ASID (if any) the environment's own, its page allocated and not a kernel page.
 *   [tlb]         every valid TLB entry with a kuseg VPN: G = 0, ASID owned by a live environment,
 *                 its page allocated and not a kernel page.
 *   [stlb]        every STLB entry whose tag is not STLB_EMPTY: the tag is an EntryHi (kuseg VPN,
 *                 low 6 bits 0) at its hash index, G = 0, ASID owned by a live environment, its
 *                 page allocated and not a kernel page; or, invalid, EntryLo 0 (a negative entry,
 *                 tlb_invalidate_range: it names no page).
 *   [slice]       slice vector entries, KG_SLICE_OWNER and KG_GRACE are 0 or live records.
 *   [current]     KG_CUR_ENV is a live record, or in kernel mode record 0 (the kernel's
 *                 pseudo-environment, current while none runs); in user mode EntryHi's ASID is
 *                 owned by it. Where layout.inc defines them: KG_CUR_DISPATCH = KG_CUR_ENV +
 *                 REC_DISPATCH, KG_CUR_ID = its id.
 *   [kernel-rec]  record 0 dispatches every ExcCode to a kernel routine.
 *   [nlive]       KG_NLIVE = the number of live records.
 *   [revoke]      page revocation (krevoke.s, docs/exokernel.md §11): no page table record has
 *                 PG_FLAGS set (the marks live only inside a kernel scan); RV_G_ACTIVE is 0 or
 *                 an environment record, and while it names a live one, that record's
 *                 revocation slot is its own, RV_G_TICK is set and RV_G_REQ is an environment
 *                 record; for every live environment whose slot is its own: the upcall and
 *                 repossession handlers are 0 or word-aligned kuseg PCs, the area 0 or a
 *                 word-aligned kseg0 address whose RV_AREA_SIZE bytes stay in one page
 *                 environments can own, and the counts (asked, returned, vector) at most
 *                 RV_MAX_PAGES.
 *   [repossess]   every page in an environment's repossession vector is one environments can
 *                 own, and never its boot page (the never-repossessed reserve).
 *   [net]         the network path's filter map (knet.s, docs/exokernel.md §12): see
 *                 firmware/net-invariants.ts.
 *
 * It is meant to run after every instruction of a property test: the numbers are read from the
 * layout once, the scratch tables are preallocated typed arrays, and a clean check allocates only
 * the (empty) result. At most MAX_MESSAGES messages are returned.
 */
import { C0_ENTRYHI, C0_STATUS } from '../emulator/cop0.js';
import type { Machine } from '../emulator/machine.js';
import { L, Lopt } from './layout.js';
import { checkNetInvariants } from './net-invariants.js';

const MAX_MESSAGES = 64;
const PAGE_SHIFT = 12;

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The layout numbers the checker uses, read once. */
interface K {
  envTable: number; envSize: number; nenv: number; sliceVec: number; nslice: number; asidOwner: number;
  stlb: number; stlbEntries: number; stlbMask: number; stlbEmpty: number; pageTable: number; pgSize: number;
  pgOwner: number; pgRcap: number; pgWcap: number; pgKernel: number; kbase: number;
  kgCurEnv: number; kgCurDispatch: number | undefined; kgCurId: number | undefined; kgSliceOwner: number; kgNpages: number;
  kgFirstPage: number; kgNlive: number; kgGrace: number;
  recStatus: number; recId: number; recLightKey: number; recLightPc: number; recEntryhi: number; recSave: number; recIntSave: number;
  recHandlers: number; recDispatch: number; recDispatchSave: number; recGuar: number; nguar: number;
  statusOk: number[]; envFree: number; excInt: number; excSys: number;
  eloV: number; eloG: number; asidMask: number; pinned: number; srKuc: number;
}

let k: K | null = null;

function consts(): K {
  if (k !== null) return k;
  const statusOk = [L('ENV_FREE'), L('ENV_RUNNABLE'), L('ENV_CREATED')];
  k = {
    envTable: L('ENV_TABLE') >>> 0, envSize: L('ENV_SIZE'), nenv: L('NENV'), sliceVec: L('SLICE_VEC') >>> 0, nslice: L('NSLICE'),
    asidOwner: L('ASID_OWNER') >>> 0, stlb: L('STLB') >>> 0, stlbEntries: L('STLB_BYTES') >>> 3, stlbMask: L('STLB_INDEX_MASK'),
    stlbEmpty: L('STLB_EMPTY') >>> 0, pageTable: L('PAGE_TABLE') >>> 0, pgSize: 1 << L('PG_SHIFT'),
    pgOwner: L('PG_OWNER'), pgRcap: L('PG_RCAP'), pgWcap: L('PG_WCAP'), pgKernel: L('PG_KERNEL') >>> 0, kbase: L('KBASE') >>> 0,
    kgCurEnv: L('KG_CUR_ENV'), kgCurDispatch: Lopt('KG_CUR_DISPATCH'), kgCurId: Lopt('KG_CUR_ID'), kgSliceOwner: L('KG_SLICE_OWNER'),
    kgNpages: L('KG_NPAGES'), kgFirstPage: L('KG_FIRST_PAGE'), kgNlive: L('KG_NLIVE'), kgGrace: L('KG_GRACE'),
    recStatus: L('REC_STATUS'), recId: L('REC_ID'), recLightKey: L('REC_LIGHT_KEY'), recLightPc: L('REC_LIGHT_PC'), recEntryhi: L('REC_ENTRYHI'), recSave: L('REC_SAVE'), recIntSave: L('REC_INT_SAVE'),
    recHandlers: L('REC_HANDLERS'), recDispatch: L('REC_DISPATCH'), recDispatchSave: L('REC_DISPATCH_SAVE'), recGuar: L('REC_GUAR'),
    nguar: L('NGUAR'), statusOk, envFree: L('ENV_FREE'), excInt: L('EXC_INT'), excSys: L('EXC_SYS'),
    eloV: L('ELO_V'), eloG: L('ELO_G'), asidMask: L('EHI_ASID_MASK'), pinned: L('PINNED_LIMIT') >>> 0, srKuc: L('SR_KUC'),
  };
  return k;
}

/** The ram32 index of the word at kseg0 address `ka`. */
const wi = (ka: number): number => ((ka >>> 0) & 0x1fffffff) >>> 2;

// Scratch tables, reused by every call (the checker is synchronous).
const live = new Uint8Array(64);
const liveId = new Uint32Array(64);
const asidOwnerIdx = new Uint8Array(64);

/** The STLB index (entry number) of a tag: bits 14:3 of (EntryHi >>> 9) ^ EntryHi, over 8. */
export function stlbIndex(entryHi: number): number {
  const c = consts();
  return ((((entryHi >>> 9) ^ entryHi) & c.stlbMask) >>> 3);
}

/** The kernel invariants that do not hold now (empty: all hold). No side effects. */
export function checkKernelInvariants(machine: Machine): string[] {
  const c = consts();
  const ram = machine.bus.ram32;
  const out: string[] = [];
  const bad = (msg: string): void => {
    if (out.length < MAX_MESSAGES) out.push(msg);
    else if (out.length === MAX_MESSAGES) out.push('(further violations not listed)');
  };
  const g = (off: number): number => ram[wi(c.kbase + off)]! >>> 0;
  const recAddr = (i: number): number => (c.envTable + i * c.envSize) >>> 0;
  /** The index of the live record at kseg0 address `a`, or 0. */
  const liveRec = (a: number): number => {
    const d = (a >>> 0) - c.envTable;
    if (d <= 0 || d % c.envSize !== 0) return 0;
    const i = d / c.envSize;
    return i < c.nenv && live[i] === 1 ? i : 0;
  };
  const isLiveId = (id: number): boolean => {
    const i = id & 63;
    return i !== 0 && live[i] === 1 && liveId[i] === id >>> 0;
  };

  // ---- globals: page counts ----
  const ramPages = machine.bus.ramSize >>> PAGE_SHIFT;
  const npages = g(c.kgNpages);
  if (npages !== ramPages) bad(`[globals] KG_NPAGES = ${npages}, but RAM has ${ramPages} pages`);
  const ptPhys = c.pageTable & 0x1fffffff;
  const firstExpected = Math.ceil((ptPhys + ramPages * c.pgSize) / 4096);
  const firstPage = g(c.kgFirstPage);
  if (firstPage !== firstExpected) bad(`[globals] KG_FIRST_PAGE = ${firstPage}, expected ${firstExpected} (the first page after the page table)`);

  // ---- environment records ----
  let nlive = 0;
  live.fill(0);
  for (let i = 1; i < c.nenv; i++) {
    const b = wi(recAddr(i));
    const status = ram[b + (c.recStatus >>> 2)]! >>> 0;
    if (c.statusOk.indexOf(status) < 0) bad(`[env-status] record ${i} (${hex(recAddr(i))}): status ${status} is not a valid status`);
    if (status === c.envFree) continue;
    const id = ram[b + (c.recId >>> 2)]! >>> 0;
    if (id === 0 || (id & 63) !== i) bad(`[env-id] record ${i}: live with id ${hex(id)}, whose low 6 bits are not ${i}`);
    live[i] = 1;
    liveId[i] = id;
    nlive++;
  }
  for (let i = 0; i < c.nenv; i++) {
    const b = wi(recAddr(i));
    const key = ram[b + (c.recLightKey >>> 2)]! >>> 0;
    const nokey = i ^ 63;
    if ((key === 0 && i !== 0) || key === nokey) continue;
    if (i === 0 || live[i] !== 1 || key !== liveId[i]) {
      bad(`[light] record ${i}: light-yield key ${hex(key)} is neither 0, NOKEY (${hex(nokey)}) nor the id of this live record`);
      continue;
    }
    const pc = ram[b + (c.recLightPc >>> 2)]! >>> 0;
    if ((pc & 3) !== 0 || pc >= 0x80000000) bad(`[light] record ${i}: waits in a light yield with resume PC ${hex(pc)}, not a word-aligned kuseg address`);
  }
  // Unique live ids follow from the index bits, but a corrupted id could repeat another's.
  for (let i = 1; i < c.nenv; i++) {
    if (live[i] !== 1) continue;
    for (let j = i + 1; j < c.nenv; j++) if (live[j] === 1 && liveId[j] === liveId[i]) bad(`[env-id] records ${i} and ${j} both have id ${hex(liveId[i]!)}`);
  }

  // ---- ASIDs ----
  asidOwnerIdx.fill(0);
  const ao = wi(c.asidOwner);
  if (ram[ao] !== 0) bad(`[asid] ASID_OWNER[0] = ${hex(ram[ao]!)}: ASID 0 is the kernel's`);
  for (let a = 1; a < 64; a++) {
    const r = ram[ao + a]! >>> 0;
    if (r === 0) continue;
    const i = liveRec(r);
    if (i === 0) bad(`[asid] ASID ${a} is owned by ${hex(r)}, which is not a live environment record`);
    asidOwnerIdx[a] = i;
  }

  // ---- physical pages ----
  const pt = wi(c.pageTable);
  const pw = c.pgSize >>> 2;
  const npScan = Math.min(npages, ramPages);
  /** Page owner, or -1 when `p` is not a page of RAM. */
  const ownerOf = (p: number): number => (p < npScan ? ram[pt + p * pw + (c.pgOwner >>> 2)]! >>> 0 : -1);
  for (let p = 0; p < npScan; p++) {
    const r = pt + p * pw;
    const owner = ram[r + (c.pgOwner >>> 2)]! >>> 0;
    if (p < firstExpected) {
      if (owner !== c.pgKernel) bad(`[page-owner] page ${p} (pa ${hex(p << PAGE_SHIFT)}) holds kernel tables but is owned by ${hex(owner)}, not PG_KERNEL`);
    } else if (owner === 0) {
      if (ram[r + (c.pgRcap >>> 2)] !== 0 || ram[r + (c.pgWcap >>> 2)] !== 0) bad(`[page-free] free page ${p} still has capabilities rcap ${hex(ram[r + (c.pgRcap >>> 2)]!)} wcap ${hex(ram[r + (c.pgWcap >>> 2)]!)}`);
    } else if (!isLiveId(owner)) {
      bad(`[page-owner] page ${p} (pa ${hex(p << PAGE_SHIFT)}) is owned by ${hex(owner)}, which is ${owner === c.pgKernel ? 'PG_KERNEL (above the kernel pages)' : 'no live environment'}`);
    }
  }
  /** Why a mapping's page is not mappable, or null when it is (allocated, not the kernel's). */
  const pageProblem = (lo: number): string | null => {
    const p = lo >>> PAGE_SHIFT;
    const o = ownerOf(p);
    if (o === -1) return `page ${p} is outside RAM`;
    if (o === 0) return `page ${p} is free`;
    if (o === c.pgKernel || p < firstExpected) return `page ${p} is a kernel page`;
    return null;
  };
  /** Is a save area of `n` bytes at kseg0 address `a` inside a page owned by `id` (or `creator`)? */
  const saveProblem = (a: number, n: number, id: number, creator: number): string | null => {
    if (a < 0x80000000 || a >= 0xa0000000) return 'not a kseg0 address';
    if ((a & 3) !== 0) return 'not word aligned';
    if ((a & 0xfff) + n > 4096) return `its ${n} bytes cross a page boundary`;
    const p = (a & 0x1fffffff) >>> PAGE_SHIFT;
    const o = ownerOf(p);
    if (o !== id && (creator === 0 || o !== creator)) return `its page ${p} is owned by ${o === -1 ? 'nobody (outside RAM)' : hex(o)}, neither it nor its creator`;
    return null;
  };

  // ---- per live environment: ASID, save areas, dispatch, guaranteed mappings ----
  const recCreatorWord = L('REC_CREATOR') >>> 2;
  for (let i = 1; i < c.nenv; i++) {
    if (live[i] !== 1) continue;
    const id = liveId[i]!;
    const b = wi(recAddr(i));
    const name = `env ${hex(id)} (record ${i})`;
    const ehi = ram[b + (c.recEntryhi >>> 2)]! >>> 0;
    const asid = (ehi & c.asidMask) >>> 6;
    if ((ehi & ~c.asidMask) !== 0 || asid === 0 || asidOwnerIdx[asid] !== i) bad(`[asid] ${name}: REC_ENTRYHI ${hex(ehi)} is not an ASID it owns (ASID ${asid} owner record ${asidOwnerIdx[asid]})`);
    const creator = ram[b + recCreatorWord]! >>> 0;
    const save = ram[b + (c.recSave >>> 2)]! >>> 0;
    if (save !== 0) {
      const why = saveProblem(save, 12, id, creator);
      if (why !== null) bad(`[save] ${name}: save area ${hex(save)}: ${why}`);
    }
    const isave = ram[b + (c.recIntSave >>> 2)]! >>> 0;
    if (isave !== 0) {
      const why = saveProblem(isave, 8, id, creator);
      if (why !== null) bad(`[save] ${name}: interrupt save area ${hex(isave)}: ${why}`);
    }
    const hb = b + (c.recHandlers >>> 2);
    const db = b + (c.recDispatch >>> 2);
    const sb = b + (c.recDispatchSave >>> 2);
    for (let x = 0; x < 16; x++) {
      const h = ram[hb + x]! >>> 0;
      const d = ram[db + x]! >>> 0;
      const user = x !== c.excInt && x !== c.excSys && h !== 0 && save !== 0;
      if (user) {
        if (h >= 0x80000000) bad(`[dispatch] ${name}: handler for ExcCode ${x} is ${hex(h)}, not a kuseg address`);
        else if (d !== h || ram[sb + x]! >>> 0 !== save) bad(`[dispatch] ${name}: ExcCode ${x}: handler ${hex(h)} and save area ${hex(save)} are set, but dispatch is ${hex(d)} with save ${hex(ram[sb + x]!)}`);
      } else if (d < 0x80000000 || d >= c.envTable) {
        bad(`[dispatch] ${name}: ExcCode ${x}: dispatch is ${hex(d)}, not a kernel routine (handler ${hex(h)}, save area ${hex(save)})`);
      }
    }
    const gb = b + (c.recGuar >>> 2);
    for (let n = 0; n < c.nguar; n++) {
      const hi = ram[gb + 2 * n]! >>> 0;
      const lo = ram[gb + 2 * n + 1]! >>> 0;
      if (lo === 0) continue;
      const ga = (hi & c.asidMask) >>> 6;
      let why: string | null = null;
      if (hi >>> 0 >= c.pinned) why = `address ${hex(hi & 0xfffff000)} is not below PINNED_LIMIT`;
      else if ((lo & c.eloG) !== 0) why = 'G is set';
      else if (ga !== 0 && asidOwnerIdx[ga] !== i) why = `ASID ${ga} is not its own`;
      else why = pageProblem(lo);
      if (why !== null) bad(`[guaranteed] ${name}: mapping ${n} {${hex(hi)}, ${hex(lo)}}: ${why}`);
    }
  }

  // ---- the TLB ----
  const mmu = machine.cpu.mmu;
  for (let t = 0; t < 64; t++) {
    const hi = mmu.tlbHi[t]!;
    const lo = mmu.tlbLo[t]!;
    if ((lo & c.eloV) === 0 || hi >= 0x80000000) continue;
    const asid = (hi & c.asidMask) >>> 6;
    let why: string | null = null;
    if ((lo & c.eloG) !== 0) why = 'G is set';
    else if (asidOwnerIdx[asid] === 0) why = `ASID ${asid} has no live owner`;
    else why = pageProblem(lo);
    if (why !== null) bad(`[tlb] entry ${t} {${hex(hi)}, ${hex(lo)}}: ${why}`);
  }

  // ---- the STLB ----
  const sw = wi(c.stlb);
  for (let e = 0; e < c.stlbEntries; e++) {
    const tag = ram[sw + 2 * e]! >>> 0;
    if (tag === c.stlbEmpty) continue;
    const lo = ram[sw + 2 * e + 1]! >>> 0;
    const asid = (tag & c.asidMask) >>> 6;
    let why: string | null = null;
    if ((tag & 0x3f) !== 0 || tag >= 0x80000000) why = 'the tag is not a kuseg EntryHi';
    else if (((((tag >>> 9) ^ tag) & c.stlbMask) >>> 3) !== e) why = `the tag belongs at index ${stlbIndex(tag)}`;
    else if ((lo & c.eloG) !== 0) why = 'G is set';
    else if (asidOwnerIdx[asid] === 0) why = `ASID ${asid} has no live owner`;
    else if ((lo & c.eloV) === 0) why = lo === 0 ? null : 'an invalid entry that names a page (a negative entry has EntryLo 0)';
    else why = pageProblem(lo);
    if (why !== null) bad(`[stlb] entry ${e} {${hex(tag)}, ${hex(lo)}}: ${why}`);
  }

  // ---- slices and the current environment ----
  const sv = wi(c.sliceVec);
  for (let s = 0; s < c.nslice; s++) {
    const r = ram[sv + s]! >>> 0;
    if (r !== 0 && liveRec(r) === 0) bad(`[slice] slice ${s} belongs to ${hex(r)}, which is not a live environment record`);
  }
  const sliceOwner = g(c.kgSliceOwner);
  if (sliceOwner !== 0 && liveRec(sliceOwner) === 0) bad(`[slice] KG_SLICE_OWNER = ${hex(sliceOwner)} is not a live environment record`);
  const grace = g(c.kgGrace);
  if (grace !== 0 && liveRec(grace) === 0) bad(`[slice] KG_GRACE = ${hex(grace)} is not a live environment record`);
  const cur = g(c.kgCurEnv);
  const ci = liveRec(cur);
  const cop0 = machine.cpu.cop0;
  const user = (cop0[C0_STATUS]! & c.srKuc) !== 0;
  if (ci === 0) {
    if (user || cur !== c.envTable) bad(`[current] KG_CUR_ENV = ${hex(cur)} is not a live environment record${user ? ' (in user mode)' : ' nor record 0'}`);
  } else {
    if (c.kgCurDispatch !== undefined) {
      const disp = g(c.kgCurDispatch);
      if (disp !== ((cur + c.recDispatch) >>> 0)) bad(`[current] KG_CUR_DISPATCH = ${hex(disp)}, expected KG_CUR_ENV + REC_DISPATCH = ${hex(cur + c.recDispatch)}`);
    }
    if (c.kgCurId !== undefined) {
      const cid = g(c.kgCurId);
      if (cid !== liveId[ci]) bad(`[current] KG_CUR_ID = ${hex(cid)}, but the current environment's id is ${hex(liveId[ci]!)}`);
    }
    if (user) {
      const asid = (cop0[C0_ENTRYHI]! & c.asidMask) >>> 6;
      if (asidOwnerIdx[asid] !== ci) bad(`[current] in user mode with EntryHi ASID ${asid}, which the current environment (record ${ci}) does not own`);
    }
  }
  const d0 = wi(c.envTable + c.recDispatch);
  for (let x = 0; x < 16; x++) {
    const d = ram[d0 + x]! >>> 0;
    if (d < 0x80000000 || d >= c.envTable) bad(`[kernel-rec] record 0: ExcCode ${x}: dispatch is ${hex(d)}, not a kernel routine`);
  }
  const nl = g(c.kgNlive);
  if (nl !== nlive) bad(`[nlive] KG_NLIVE = ${nl}, but ${nlive} records are live`);
  checkRevocation(ram, npScan, firstPage, bad, liveRec, recAddr);
  checkNetInvariants(machine, firstPage, npScan, bad);
  return out;
}

/** The layout numbers of page revocation (krevoke.s), read once; null if layout.inc lacks them. */
interface RvK {
  base: number; shift: number; tick: number; active: number; req: number; id: number; upcall: number; repossess: number;
  area: number; asked: number; nret: number; nvec: number; vec: number; max: number; areaSize: number; pgFlags: number; bootpage: number;
}
let rk: RvK | null | undefined;
function rvConsts(): RvK | null {
  if (rk !== undefined) return rk;
  const base = Lopt('RV_BASE');
  rk = base === undefined ? null : {
    base: base >>> 0, shift: L('RV_SHIFT'), tick: L('RV_G_TICK'), active: L('RV_G_ACTIVE'), req: L('RV_G_REQ'), id: L('RV_ID'),
    upcall: L('RV_UPCALL'), repossess: L('RV_REPOSSESS'), area: L('RV_AREA'), asked: L('RV_ASKED'), nret: L('RV_NRET'),
    nvec: L('RV_NVEC'), vec: L('RV_VEC'), max: L('RV_MAX_PAGES'), areaSize: L('RV_AREA_SIZE'), pgFlags: L('PG_FLAGS'),
    bootpage: L('REC_BOOTPAGE'),
  };
  return rk;
}

/** [revoke] and [repossess] (see the top of the file). */
function checkRevocation(ram: Int32Array | Uint32Array, npages: number, firstPage: number, bad: (msg: string) => void,
  liveRec: (a: number) => number, recAddr: (i: number) => number): void {
  const r = rvConsts();
  if (r === null) return;
  const c = consts();
  const pt = wi(c.pageTable);
  const pw = c.pgSize >>> 2;
  let flagged = 0;
  for (let p = 0; p < npages; p++) {
    const f = ram[pt + p * pw + (r.pgFlags >>> 2)]! >>> 0;
    if (f !== 0 && flagged++ < 4) bad(`[revoke] page ${p}: PG_FLAGS = ${hex(f)} outside a kernel scan`);
  }
  const at = (ka: number): number => ram[wi(ka)]! >>> 0;
  const isRecord = (a: number): boolean => {
    const d = (a >>> 0) - c.envTable;
    return d > 0 && d % c.envSize === 0 && d / c.envSize < c.nenv;
  };
  const slot = (i: number): number => (r.base + (i << r.shift)) >>> 0;
  const active = at(r.base + r.active);
  if (active !== 0) {
    if (!isRecord(active)) bad(`[revoke] RV_G_ACTIVE = ${hex(active)} is not an environment record`);
    else if (liveRec(active) !== 0) {
      const i = liveRec(active);
      const id = at(recAddr(i) + c.recId);
      if (at(slot(i) + r.id) !== id) bad(`[revoke] the dialogue's target (record ${i}) has a revocation slot of id ${hex(at(slot(i) + r.id))}, not its own ${hex(id)}`);
      if (at(r.base + r.tick) === 0) bad('[revoke] a dialogue runs but RV_G_TICK is 0 (its deadline would be missed)');
      const req = at(r.base + r.req);
      if (!isRecord(req)) bad(`[revoke] RV_G_REQ = ${hex(req)} is not an environment record`);
    }
  }
  const pc = (v: number): boolean => v === 0 || (v < 0x80000000 && (v & 3) === 0);
  const mappable = (p: number): boolean => p >= firstPage && p < npages;
  for (let i = 1; i < c.nenv; i++) {
    const a = recAddr(i);
    if (liveRec(a) === 0) continue;
    const id = at(a + c.recId);
    const s = slot(i);
    if (at(s + r.id) !== id) continue;
    const name = `env ${hex(id)} (record ${i})`;
    const up = at(s + r.upcall);
    const rp = at(s + r.repossess);
    if (!pc(up)) bad(`[revoke] ${name}: upcall handler ${hex(up)} is not a word-aligned kuseg PC`);
    if (!pc(rp)) bad(`[revoke] ${name}: repossession handler ${hex(rp)} is not a word-aligned kuseg PC`);
    const area = at(s + r.area);
    if (area !== 0 && (area < 0x80000000 || area >= 0xa0000000 || (area & 3) !== 0 || (area & 0xfff) + r.areaSize > 4096 || !mappable((area & 0x1fffffff) >>> 12))) {
      bad(`[revoke] ${name}: revocation area ${hex(area)} is not a word-aligned kseg0 address of ${r.areaSize} bytes in one page environments can own`);
    }
    for (const [what, off] of [['asked', r.asked], ['returned', r.nret], ['vector', r.nvec]] as const) {
      const n = at(s + off);
      if (n > r.max) bad(`[revoke] ${name}: ${what} count ${n} is over RV_MAX_PAGES (${r.max})`);
    }
    const nvec = Math.min(at(s + r.nvec), r.max);
    const boot = at(a + r.bootpage);
    for (let e = 0; e < nvec; e++) {
      const p = at(s + r.vec + 4 * e);
      if (!mappable(p)) bad(`[repossess] ${name}: vector entry ${e} is page ${p}, not one environments can own`);
      else if (boot !== 0 && p === boot) bad(`[repossess] ${name}: vector entry ${e} is its boot page ${p}, which is never repossessed`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A decoded view of the kernel's tables, for tests and the debugger's environments pane.

export interface EnvView {
  readonly index: number;
  /** kseg0 address of the record. */
  readonly addr: number;
  readonly status: number;
  readonly id: number;
  readonly cap: number;
  readonly entryhi: number;
  readonly asid: number;
  readonly sr: number;
  readonly save: number;
  readonly intSave: number;
  readonly handlers: readonly number[];
  readonly dispatch: readonly number[];
  readonly dispatchSave: readonly number[];
  readonly sliceStart: number;
  readonly sliceEnd: number;
  readonly pctSync: number;
  readonly pctAsync: number;
  readonly resumePc: number;
  readonly excess: number;
  readonly creator: number;
  readonly flags: number;
  readonly guaranteed: readonly { readonly entryhi: number; readonly entrylo: number }[];
  /** r0..r31 as saved (r0's slot unused), then hi, lo. */
  readonly regs: readonly number[];
  readonly hi: number;
  readonly lo: number;
  readonly counters: { readonly exceptions: number; readonly syscalls: number; readonly pcts: number; readonly slices: number; readonly badcaps: number };
  readonly gen: number;
  readonly exitStatus: number;
  readonly bootPage: number;
}

export interface PageView {
  readonly page: number;
  readonly owner: number;
  readonly rcap: number;
  readonly wcap: number;
}

export interface StlbView {
  readonly index: number;
  readonly tag: number;
  readonly entrylo: number;
}

export interface KernelView {
  readonly npages: number;
  readonly firstPage: number;
  readonly curEnv: number;
  /** The current environment's id (REC_ID of KG_CUR_ENV; 0 for record 0, the kernel's). */
  readonly curId: number;
  readonly slicePos: number;
  readonly sliceOwner: number;
  readonly nlive: number;
  readonly quantum: number;
  readonly grace: number;
  readonly lastStatus: number;
  /** Records whose status is not ENV_FREE, by index. */
  readonly envs: readonly EnvView[];
  /** Pages owned by an environment (neither free nor the kernel's). */
  readonly pages: readonly PageView[];
  /** Pages owned by the kernel, and free pages. */
  readonly kernelPages: number;
  readonly freePages: number;
  /** STLB entries that are not empty. */
  readonly stlb: readonly StlbView[];
  /** Record address per slice (0 = idle). */
  readonly slices: readonly number[];
  /** Record address per ASID (0 = free; ASID 0 is the kernel's). */
  readonly asidOwner: readonly number[];
}

/** The kernel's tables, decoded from physical RAM (no side effects). */
export function kernelView(machine: Machine): KernelView {
  const c = consts();
  const ram = machine.bus.ram32;
  const at = (ka: number): number => ram[wi(ka)]! >>> 0;
  const g = (name: string): number => at(c.kbase + L(name));
  const words = (ka: number, n: number): number[] => Array.from({ length: n }, (_, i) => at(ka + 4 * i));
  const envs: EnvView[] = [];
  for (let i = 1; i < c.nenv; i++) {
    const a = (c.envTable + i * c.envSize) >>> 0;
    const f = (name: string): number => at(a + L(name));
    const status = f('REC_STATUS');
    if (status === c.envFree) continue;
    const entryhi = f('REC_ENTRYHI');
    const guar = words(a + L('REC_GUAR'), 2 * c.nguar);
    envs.push({
      index: i, addr: a, status, id: f('REC_ID'), cap: f('REC_CAP'), entryhi, asid: (entryhi & c.asidMask) >>> 6,
      sr: f('REC_SR'), save: f('REC_SAVE'), intSave: f('REC_INT_SAVE'),
      handlers: words(a + L('REC_HANDLERS'), 16), dispatch: words(a + L('REC_DISPATCH'), 16), dispatchSave: words(a + L('REC_DISPATCH_SAVE'), 16),
      sliceStart: f('REC_SLICE_START'), sliceEnd: f('REC_SLICE_END'), pctSync: f('REC_PCT_SYNC'), pctAsync: f('REC_PCT_ASYNC'),
      resumePc: f('REC_RESUME_PC'), excess: f('REC_EXCESS'), creator: f('REC_CREATOR'), flags: f('REC_FLAGS'),
      guaranteed: Array.from({ length: c.nguar }, (_, n) => ({ entryhi: guar[2 * n]!, entrylo: guar[2 * n + 1]! })),
      regs: words(a + L('REC_REGS'), 32), hi: f('REC_HI'), lo: f('REC_LO'),
      counters: { exceptions: f('REC_N_EXC'), syscalls: f('REC_N_SYSCALLS'), pcts: f('REC_N_PCT'), slices: f('REC_N_SLICES'), badcaps: f('REC_N_BADCAP') },
      gen: f('REC_GEN'), exitStatus: f('REC_EXIT'), bootPage: f('REC_BOOTPAGE'),
    });
  }
  const npages = g('KG_NPAGES');
  const curEnv = g('KG_CUR_ENV');
  const pages: PageView[] = [];
  let kernelPages = 0;
  let freePages = 0;
  const n = Math.min(npages, machine.bus.ramSize >>> PAGE_SHIFT);
  for (let p = 0; p < n; p++) {
    const r = c.pageTable + p * c.pgSize;
    const owner = at(r + c.pgOwner);
    if (owner === c.pgKernel) kernelPages++;
    else if (owner === 0) freePages++;
    else pages.push({ page: p, owner, rcap: at(r + c.pgRcap), wcap: at(r + c.pgWcap) });
  }
  const stlb: StlbView[] = [];
  for (let e = 0; e < c.stlbEntries; e++) {
    const tag = at(c.stlb + 8 * e);
    if (tag !== c.stlbEmpty) stlb.push({ index: e, tag, entrylo: at(c.stlb + 8 * e + 4) });
  }
  return {
    npages, firstPage: g('KG_FIRST_PAGE'), curEnv, curId: curEnv === c.envTable ? 0 : at(curEnv + c.recId),
    slicePos: g('KG_SLICE_POS'), sliceOwner: g('KG_SLICE_OWNER'), nlive: g('KG_NLIVE'), quantum: g('KG_QUANTUM'), grace: g('KG_GRACE'),
    lastStatus: g('KG_LAST_STATUS'), envs, pages, kernelPages, freePages, stlb,
    slices: words(c.sliceVec, c.nslice), asidOwner: words(c.asidOwner, 64),
  };
}
