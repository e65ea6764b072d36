/**
 * Install-time safety of DPF filters (docs/downloaded-code.md §1.4): a filter that could accept a
 * frame that another owner's filter accepts is refused (the paper, §3.2: a filter that "lies" is
 * caught by statically checking new filters). The check is exact satisfiability of the conjunction
 * of both filters' atoms, with a witness frame when they overlap.
 *
 * The decision procedure. Every atom compares (field & mask) with a constant, unsigned, and fields
 * are big-endian, so for every atom its bits appear most significant first when the frame's bits
 * are visited in the order (byte ascending, bit 7 down to 0). Walk that order over the bytes any
 * atom covers, keeping for every atom whose field is under way a 3-valued state: EQ (the masked
 * bits so far equal the value's), LT or GT (decided at the first differing bit). A frame bit
 * masked out of an atom counts as 0 for it. A state that can no longer satisfy its atom is dropped
 * (eq: not EQ; lt, le: GT; gt, ge: LT); at the field's last bit the atom's final condition is
 * applied and the atom leaves the state. The reachable state sets are kept per bit (breadth-first,
 * deduplicated), with back pointers for the witness. This is exact for every op combination, any
 * overlap of fields of different offsets and sizes, and any masks. The frame length plays no part:
 * a frame may be as long as the longest field needs (the interface takes frames up to 16 KiB).
 *
 * Cost: the states live at one bit are at most 3^(ordered atoms live) x 2^(ne atoms live) (eq
 * atoms never branch); past SAT_STATE_LIMIT states the answer is 'unknown' and checkInstall
 * refuses conservatively (DPF_ECOMPLEX). That needs more than 7 ordered atoms on the same bytes.
 */
import { atomNeed, formatFilter, type Atom, type Filter } from './filter.js';
import { DPF_ERR } from './encoding.js';

export const SAT_STATE_LIMIT = 4096;

const EQ = 0;
const LT = 1;
const GT = 2;

export type SatResult =
  | { readonly sat: true; readonly witness: Uint8Array }
  | { readonly sat: false }
  | { readonly sat: 'unknown' };

interface Node {
  readonly states: Uint8Array;
  readonly prev: Node | null;
  readonly bit: number;
}

/** Is there a frame every atom accepts? With a witness frame (bytes no atom reads are 0). */
export function satisfiable(atoms: readonly Atom[]): SatResult {
  if (atoms.length === 0) return { sat: true, witness: new Uint8Array(0) };
  const len = Math.max(...atoms.map(atomNeed));
  // Bytes any atom covers, ascending.
  const covered = new Set<number>();
  for (const a of atoms) for (let b = a.offset; b < a.offset + a.size; b++) covered.add(b);
  const bytes = [...covered].sort((x, y) => x - y);
  let frontier: Node[] = [{ states: new Uint8Array(atoms.length), prev: null, bit: 0 }];
  for (const byte of bytes) {
    const live = atoms.map((a, i) => (byte >= a.offset && byte < a.offset + a.size ? i : -1)).filter((i) => i >= 0);
    for (let k = 7; k >= 0; k--) {
      const seen = new Map<string, Node>();
      // Does any live atom read this bit? If not, its value is irrelevant: 0.
      const free = live.some((i) => {
        const a = atoms[i]!;
        const sig = (a.offset + a.size - 1 - byte) * 8 + k;
        return ((a.mask >>> sig) & 1) === 1;
      });
      for (const node of frontier) {
        for (let x = 0; x <= (free ? 1 : 0); x++) {
          const st = node.states.slice();
          let dead = false;
          for (const i of live) {
            const a = atoms[i]!;
            const sig = (a.offset + a.size - 1 - byte) * 8 + k;
            if (st[i] === EQ) {
              const f = x & (a.mask >>> sig) & 1;
              const v = (a.value >>> sig) & 1;
              if (f < v) st[i] = LT;
              else if (f > v) st[i] = GT;
            }
            const s = st[i]!;
            if ((a.op === 'eq' && s !== EQ) || ((a.op === 'lt' || a.op === 'le') && s === GT) || ((a.op === 'gt' || a.op === 'ge') && s === LT)) {
              dead = true;
              break;
            }
            if (sig === 0) {
              // The field's last bit: the final condition, then the atom leaves the state.
              const ok = a.op === 'ne' ? s !== EQ : a.op === 'lt' ? s === LT : a.op === 'gt' ? s === GT : true;
              if (!ok) {
                dead = true;
                break;
              }
              st[i] = EQ;
            }
          }
          if (dead) continue;
          const key = st.join(',');
          if (!seen.has(key)) seen.set(key, { states: st, prev: node, bit: x });
        }
      }
      if (seen.size === 0) return { sat: false };
      if (seen.size > SAT_STATE_LIMIT) return { sat: 'unknown' };
      frontier = [...seen.values()];
    }
  }
  // Every atom has finished; any surviving path is a witness. Rebuild its bits.
  const witness = new Uint8Array(len);
  let node: Node | null = frontier[0]!;
  for (let bi = bytes.length - 1; bi >= 0; bi--) {
    for (let k = 0; k <= 7; k++) {
      witness[bytes[bi]!]! |= node!.bit << k;
      node = node!.prev;
    }
  }
  return { sat: true, witness };
}

/** Can both filters accept one frame? */
export function overlaps(a: Filter, b: Filter): SatResult {
  return satisfiable([...a, ...b]);
}

export interface InstalledFilter {
  /** The environment that installed it. */
  readonly owner: number;
  readonly filter: Filter;
}

export type InstallCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: number;
      readonly reason: string;
      /** Index in `installed` of the filter it conflicts with. */
      readonly conflict: number;
      /** A frame both filters accept (absent when the check was inconclusive). */
      readonly witness?: Uint8Array;
    };

const hexBytes = (b: Uint8Array, from: number): string => Buffer.from(b.subarray(from)).toString('hex');

/**
 * Decides whether `owner` may install `filter` beside `installed`: refused when some filter of
 * ANOTHER owner can accept a frame this one accepts (exact, with a witness), or when that cannot
 * be decided within SAT_STATE_LIMIT (conservative). Filters of the same owner may overlap: the
 * first installed wins (classify, compile.ts).
 */
export function checkInstall(installed: readonly InstalledFilter[], filter: Filter, owner: number): InstallCheck {
  for (let i = 0; i < installed.length; i++) {
    const other = installed[i]!;
    if (other.owner === owner) continue;
    const r = overlaps(filter, other.filter);
    if (r.sat === false) continue;
    if (r.sat === 'unknown') {
      return {
        ok: false,
        code: DPF_ERR.DPF_ECOMPLEX,
        conflict: i,
        reason: `cannot decide within ${SAT_STATE_LIMIT} states whether the filter overlaps filter ${i} of owner 0x${other.owner.toString(16)} (${formatFilter(other.filter)}); refused`,
      };
    }
    const w = r.witness;
    const first = w.findIndex((x) => x !== 0);
    return {
      ok: false,
      code: DPF_ERR.DPF_EOVERLAP,
      conflict: i,
      witness: w,
      reason: `the filter accepts frames that filter ${i} of owner 0x${other.owner.toString(16)} (${formatFilter(other.filter)}) accepts, e.g. a ${w.length}-byte frame ${first < 0 ? 'of zeros' : `with bytes from ${first}: ${hexBytes(w, first)}`}`,
    };
  }
  return { ok: true };
}
