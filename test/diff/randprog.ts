/**
 * Random MIPS I programs for the differential test against qemu-mipsel (test/diff/qemu.test.ts).
 *
 * A program is GNU as source (`.set noreorder`, `.set noat`: every delay slot and register is ours)
 * for a static o32 Linux ELF. It runs `blocks` random blocks one after the other; each block
 *   1. points $30 at its own 128-byte data buffer (random initial contents in .data),
 *   2. loads HI, LO and every other register with seeded values (edge values included),
 *   3. runs ~`length` random instructions: ALU, immediates, shifts, LUI, MULT/DIV and MFHI/MFLO,
 *      loads and stores of every width including LWL/LWR/SWL/SWR into the buffer, and forward
 *      branches and jumps (with the link forms) with random delay-slot instructions,
 *   4. stores all 31 registers, HI and LO after its buffer.
 * At the end one write(1, ...) prints every block's buffer and register dump, then exit(0).
 *
 * Only code whose result is the same on an R3000 and on QEMU's MIPS32 CPU is generated
 * (r3000.md §2 and §3: QEMU has no MIPS I model and interlocks loads):
 *   - no instruction reads the target register of a load in its load delay slot (the R3000 would
 *     see the old value); the one exception is an LWL/LWR into the same register, which merges
 *     with the pending value on the R3000 (psx-spx, r3000.md §2) and so matches sequential order;
 *   - loads are never in a branch delay slot (their next instruction would be the branch target);
 *   - no MULT/MULTU/DIV/DIVU within two instructions after MFHI/MFLO (undefined on the R3000),
 *     MFHI/MFLO are never in a delay slot, and MTHI/MTLO only follow an MFHI/MFLO (which waits
 *     for the multiply unit) by two instructions;
 *   - divisors are forced to 4k+1 (never 0, never -1: no divide-by-zero or INT_MIN/-1 cases,
 *     where MIPS32 and the R3000 need not agree);
 *   - ADD/ADDI/SUB only on operands halved by SRA first, so they never overflow;
 *   - no branch or jump in a delay slot; BLTZAL/BGEZAL never test $31; JALR never with rd = rs;
 *   - $30 (the buffer base) is never written by the random code.
 */

/** mulberry32: a small, seeded 32-bit PRNG, reproducible from its seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
}

export const BUF_BYTES = 128;
/** 31 registers ($1..$31), then HI, then LO. */
export const DUMP_WORDS = 33;
export const BLOCK_BYTES = BUF_BYTES + DUMP_WORDS * 4;
const BASE = 30;

export interface ProgramOptions {
  seed: number;
  blocks: number;
  /** Random instructions per block (approximate: multi-instruction records count as one). */
  length: number;
}

export interface Program {
  source: string;
  /** Bytes the program writes: blocks * BLOCK_BYTES. */
  outputBytes: number;
}

/** One generated line (or a few, for `la`) with what the hazard rules need to know about it. */
interface Rec {
  text: string[];
  reads: number[];
  /** The register a load writes (its load delay applies), if any. */
  loadDest?: number;
  /** LWL/LWR: may follow a load to the same register (merge with the pending value). */
  mergeInto?: number;
  isMfHiLo?: boolean;
}

const EDGE = [0, 1, 2, 0xffffffff, 0x80000000, 0x7fffffff, 0x80000001, 0xfffffffe, 0x0000ffff, 0xffff0000, 0x00008000, 0xffff8000];

function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16);
}

class BlockGen {
  private recs: Rec[] = [];
  /** Instructions emitted since the last MFHI/MFLO (large when none). */
  private sinceMf = 100;
  private labels = new Map<number, string[]>();
  private nextLabel = 0;

  constructor(
    private readonly rng: Rng,
    private readonly id: number,
  ) {}

  /** A register the random code may write: anything but $30; $0 now and then. */
  private dest(): number {
    const r = this.rng.int(32);
    return r === BASE ? 1 + this.rng.int(29) : r;
  }

  /** A register to read, avoiding the pending load target. */
  private src(avoid: number | undefined): number {
    for (;;) {
      const r = this.rng.int(32);
      if (r !== avoid || r === 0) return r;
    }
  }

  private simm(): number {
    return this.rng.chance(0.3) ? this.rng.pick([0, 1, -1, 0x7fff, -0x8000, 2, -2]) : this.rng.int(0x10000) - 0x8000;
  }

  private uimm(): number {
    return this.rng.chance(0.3) ? this.rng.pick([0, 1, 0xffff, 0x8000, 0x7fff]) : this.rng.int(0x10000);
  }

  /** One non-branch instruction. `inSlot`: it will sit in a branch delay slot. */
  private plain(avoid: number | undefined, inSlot: boolean): Rec {
    const r = this.rng;
    const hiloOk = this.sinceMf >= 2;
    for (;;) {
      const kind = r.int(100);
      if (kind < 30) {
        const op = r.pick(['addu', 'subu', 'and', 'or', 'xor', 'nor', 'slt', 'sltu', 'sllv', 'srlv', 'srav']);
        const d = this.dest(), s = this.src(avoid), t = this.src(avoid);
        return op.endsWith('v') ? { text: [`${op}\t$${d}, $${t}, $${s}`], reads: [s, t] } : { text: [`${op}\t$${d}, $${s}, $${t}`], reads: [s, t] };
      }
      if (kind < 48) {
        const op = r.pick(['addiu', 'slti', 'sltiu', 'andi', 'ori', 'xori', 'lui']);
        const d = this.dest();
        if (op === 'lui') return { text: [`lui\t$${d}, ${hex(this.uimm())}`], reads: [] };
        const s = this.src(avoid);
        const imm = op === 'andi' || op === 'ori' || op === 'xori' ? hex(this.uimm()) : String(this.simm());
        return { text: [`${op}\t$${d}, $${s}, ${imm}`], reads: [s] };
      }
      if (kind < 58) {
        const op = r.pick(['sll', 'srl', 'sra']);
        const d = this.dest(), t = this.src(avoid);
        return { text: [`${op}\t$${d}, $${t}, ${r.pick([0, 1, 31, r.int(32), r.int(32)])}`], reads: [t] };
      }
      if (kind < 62) {
        // ADD/SUB/ADDI that cannot overflow: operands halved first (|a/2 +- b/2| < 2^31).
        const a = this.dest(), b = this.dest(), d = this.dest();
        const s = this.src(avoid), t = this.src(avoid);
        if (a === 0 || b === 0) continue;
        const op = r.pick(['add', 'sub', 'addi']);
        const text = op === 'addi'
          ? [`sra\t$${a}, $${s}, 1`, `addi\t$${d}, $${a}, ${this.simm()}`]
          : [`sra\t$${a}, $${s}, 1`, `sra\t$${b}, $${t}, 1`, `${op}\t$${d}, $${a}, $${b}`];
        if (op !== 'addi' && a === b) continue;
        return { text, reads: [s, t] };
      }
      if (kind < 68) {
        if (!hiloOk) continue;
        const op = r.pick(['mult', 'multu', 'div', 'divu']);
        const s = this.src(avoid), t = this.src(avoid);
        if (op.startsWith('div')) {
          // Divisor forced to 4k+1: never 0 and never -1 (see the header).
          const q = this.dest();
          if (q === 0 || q === BASE) continue;
          return {
            text: [`ori\t$${q}, $${t}, 3`, `xori\t$${q}, $${q}, 2`, `${op}\t$zero, $${s}, $${q}`],
            reads: [s, t],
          };
        }
        return { text: [`${op}\t$${s}, $${t}`], reads: [s, t] };
      }
      if (kind < 73) {
        if (inSlot) continue;
        if (r.chance(0.25)) {
          // MTHI/MTLO once the multiply unit is idle: the MFHI/MFLO first waits for any MULT/DIV
          // in flight (on the R3000 an MTHI/MTLO during one would leave a partial result, §2),
          // then two instructions keep the MFHI/MFLO result defined. One record: no label can
          // land inside it, so every path runs all of it.
          const s = this.src(avoid);
          return {
            text: [`${r.pick(['mfhi', 'mflo'])}\t$${this.dest()}`, 'nop', 'nop', `${r.pick(['mthi', 'mtlo'])}\t$${s}`],
            reads: [s],
          };
        }
        return { text: [`${r.pick(['mfhi', 'mflo'])}\t$${this.dest()}`], reads: [], isMfHiLo: true };
      }
      if (kind < 87) {
        if (inSlot) continue;
        const op = r.pick(['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwl', 'lwr']);
        const d = this.dest();
        const align = op === 'lw' ? 4 : op === 'lh' || op === 'lhu' ? 2 : 1;
        const off = r.int(BUF_BYTES / align) * align;
        const merge = op === 'lwl' || op === 'lwr';
        // A load right after a load to the same register is fine: the second wins on both.
        if (merge && avoid !== undefined && d === avoid) {
          return { text: [`${op}\t$${d}, ${off}($${BASE})`], reads: [], loadDest: d, mergeInto: d };
        }
        return { text: [`${op}\t$${d}, ${off}($${BASE})`], reads: merge ? [d] : [], loadDest: d };
      }
      {
        const op = r.pick(['sb', 'sh', 'sw', 'swl', 'swr']);
        const t = this.src(avoid);
        const align = op === 'sw' ? 4 : op === 'sh' ? 2 : 1;
        const off = r.int(BUF_BYTES / align) * align;
        return { text: [`${op}\t$${t}, ${off}($${BASE})`], reads: [t] };
      }
    }
  }

  private push(rec: Rec): void {
    this.recs.push(rec);
    if (rec.isMfHiLo) this.sinceMf = 0;
    else this.sinceMf += rec.text.length;
  }

  private label(at: number): string {
    const name = `b${this.id}_L${this.nextLabel++}`;
    const list = this.labels.get(at) ?? [];
    list.push(name);
    this.labels.set(at, list);
    return name;
  }

  /** The pending load target that the next instruction must not read, if any. */
  private pending(): number | undefined {
    const last = this.recs[this.recs.length - 1];
    return last?.loadDest !== undefined && last.loadDest !== 0 ? last.loadDest : undefined;
  }

  generate(length: number): string[] {
    const r = this.rng;
    // Targets are record indices in the final list; branches are placed as they are generated,
    // so a target is chosen as "some record ahead" and resolved by index at the end.
    while (this.recs.length < length) {
      const avoid = this.pending();
      if (r.chance(0.12) && this.recs.length + 2 < length) {
        this.branch(avoid, length);
        continue;
      }
      if (avoid !== undefined && r.chance(0.2)) {
        // The R3000's load-delay corner cases that still match sequential order: an LWL/LWR
        // merging into the pending load, or a write to the loaded register in its delay slot
        // (the slot's write wins, r3000.md §2).
        const off = r.int(BUF_BYTES);
        const s = this.src(avoid);
        this.push(
          r.chance(0.5)
            ? { text: [`${r.pick(['lwl', 'lwr'])}\t$${avoid}, ${off}($${BASE})`], reads: [], loadDest: avoid, mergeInto: avoid }
            : { text: [`addiu\t$${avoid}, $${s}, ${this.simm()}`], reads: [s] },
        );
        continue;
      }
      let rec = this.plain(avoid, false);
      // The loaded register must not be read in the load delay slot (except an LWL/LWR merge).
      while (avoid !== undefined && rec.reads.includes(avoid) && rec.mergeInto !== avoid) rec = this.plain(avoid, false);
      this.push(rec);
    }
    // A nop before the register dump keeps the last load's delay slot harmless.
    this.push({ text: ['nop'], reads: [] });
    const out: string[] = [];
    this.recs.forEach((rec, i) => {
      for (const l of this.labels.get(i) ?? []) out.push(`${l}:`);
      for (const t of rec.text) out.push(`\t${t}`);
    });
    for (const l of this.labels.get(this.recs.length) ?? []) out.push(`${l}:`);
    return out;
  }

  private branch(avoid: number | undefined, length: number): void {
    const r = this.rng;
    // Target: a record after the delay slot, up to the end of the block (the dump).
    const here = this.recs.length;
    const target = here + 2 + r.int(Math.max(1, Math.min(12, length + 1 - (here + 2))));
    const L = this.label(Math.min(target, length + 1));
    const kind = r.int(10);
    let rec: Rec;
    if (kind < 6) {
      const op = r.pick(['beq', 'bne', 'blez', 'bgtz', 'bltz', 'bgez', 'beq', 'bne']);
      const s = this.src(avoid);
      const t = r.chance(0.2) ? s : this.src(avoid);
      rec = op === 'beq' || op === 'bne'
        ? { text: [`${op}\t$${s}, $${t}, ${L}`], reads: [s, t] }
        : { text: [`${op}\t$${s}, ${L}`], reads: [s] };
    } else if (kind < 8) {
      const op = r.pick(['bltzal', 'bgezal']);
      let s = this.src(avoid);
      if (s === 31) s = 0;
      rec = { text: [`${op}\t$${s}, ${L}`], reads: [s] };
    } else if (kind < 9) {
      rec = { text: [`${r.pick(['j', 'jal'])}\t${L}`], reads: [] };
    } else {
      // Register jump: la into a scratch register (lui/addiu, no load), then jr/jalr.
      let s = this.dest();
      if (s === 0) s = 1;
      const op = r.pick(['jr', 'jalr']);
      let d = this.dest();
      if (d === s || d === BASE) d = 31;
      if (d === s) d = s === 1 ? 2 : 1;
      rec = {
        text: [`la\t$${s}, ${L}`, op === 'jr' ? `jr\t$${s}` : `jalr\t$${d}, $${s}`],
        reads: [],
      };
      // The la writes $s: a pending load to $s is overwritten (allowed), and nothing reads it.
    }
    this.push(rec);
    // The delay slot: the branch is not a load, so nothing is pending.
    this.push(this.plain(undefined, true));
  }
}

/** Generates one program from its seed. */
export function generateProgram(opts: ProgramOptions): Program {
  const rng = new Rng(opts.seed);
  const text: string[] = [
    `# random MIPS I program: seed ${opts.seed}, ${opts.blocks} blocks of ~${opts.length} instructions`,
    '\t.set\tnoreorder',
    '\t.set\tnoat',
    '\t.text',
    '\t.globl\t__start',
    '__start:',
  ];
  const data: string[] = ['\t.data', '\t.align\t4', 'blocks:'];
  for (let b = 0; b < opts.blocks; b++) {
    const words: string[] = [];
    for (let i = 0; i < BUF_BYTES / 4; i++) words.push(hex(rng.chance(0.2) ? rng.pick(EDGE) : rng.next()));
    data.push(`buf${b}:`, `\t.word\t${words.join(', ')}`, `\t.space\t${DUMP_WORDS * 4}`);

    text.push(`# block ${b}`, `\tla\t$${BASE}, buf${b}`);
    const value = (): number => (rng.chance(0.35) ? rng.pick(EDGE) : rng.chance(0.2) ? rng.int(64) : rng.next());
    text.push(`\tli\t$1, ${hex(value())}`, '\tmthi\t$1', `\tli\t$1, ${hex(value())}`, '\tmtlo\t$1');
    for (let reg = 1; reg < 32; reg++) if (reg !== BASE) text.push(`\tli\t$${reg}, ${hex(value())}`);
    text.push(...new BlockGen(rng, b).generate(opts.length));
    for (let reg = 1; reg < 32; reg++) text.push(`\tsw\t$${reg}, ${BUF_BYTES + (reg - 1) * 4}($${BASE})`);
    text.push('\tmfhi\t$1', `\tsw\t$1, ${BUF_BYTES + 31 * 4}($${BASE})`, '\tmflo\t$1', `\tsw\t$1, ${BUF_BYTES + 32 * 4}($${BASE})`);
  }
  const total = opts.blocks * BLOCK_BYTES;
  text.push(
    '# write(1, blocks, size); exit(0)',
    '\tli\t$4, 1',
    '\tla\t$5, blocks',
    `\tli\t$6, ${total}`,
    '\tli\t$2, 4004',
    '\tsyscall',
    '\tli\t$4, 0',
    '\tli\t$2, 4001',
    '\tsyscall',
    '\tnop',
  );
  return { source: [...text, ...data, ''].join('\n'), outputBytes: total };
}

/** Describes where two program outputs differ: block, register or buffer word, both values. */
export function describeDifference(expected: Uint8Array, actual: Uint8Array, maxItems = 8): string[] {
  const items: string[] = [];
  if (expected.length !== actual.length) items.push(`output length: expected ${expected.length} bytes, got ${actual.length}`);
  const n = Math.min(expected.length, actual.length) & ~3;
  const word = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  for (let i = 0; i < n && items.length < maxItems; i += 4) {
    const e = word(expected, i), a = word(actual, i);
    if (e === a) continue;
    const block = Math.floor(i / BLOCK_BYTES);
    const off = i % BLOCK_BYTES;
    const what = off < BUF_BYTES
      ? `buffer word at offset ${off}`
      : (() => {
          const k = (off - BUF_BYTES) / 4;
          return k < 31 ? `register $${k + 1}` : k === 31 ? 'HI' : 'LO';
        })();
    items.push(`block ${block}: ${what}: qemu ${hex(e)}, exo ${hex(a)}`);
  }
  return items;
}
