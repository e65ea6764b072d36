/**
 * The MIPS I instruction set as data: the one table that the assembler, the disassembler, the
 * interpreter and the tests all read.
 *
 * Each entry is one machine instruction (pseudo-instructions belong to the assembler). `match` and
 * `mask` give the canonical encoding: every bit that `mask` covers must equal `match` for the word
 * to be this instruction as GNU objdump would print it. The hardware decodes less than that (an
 * R3000 ignores, for example, a non-zero `sa` field of ADDU); `hwDecode()` in `decode.ts` models
 * what the processor executes, `decodeCanonical()` what a disassembler may print.
 *
 * Sources: IDT R30xx Family Software Reference Manual ch. 2 and appendix A (instruction encodings);
 * opcode numbers cross-checked against GNU binutils 2.40 (`mipsel-linux-gnu-objdump`, see
 * test/isa.test.ts for the oracle comparison); R3000 timings from ../shared/reference/r3000.md §2.
 */

/** Instruction class, as the issue names them. */
export type InsnClass =
  | 'alu'
  | 'shift'
  | 'branch'
  | 'jump'
  | 'load'
  | 'store'
  | 'multdiv'
  | 'cop0'
  | 'cop'
  | 'system';

/**
 * Operand kinds, in assembly order. Each names the encoding field it fills.
 * - `rd` `rs` `rt`: general registers in bits 15:11, 25:21, 20:16.
 * - `sa`: 5-bit shift amount, bits 10:6.
 * - `simm`: signed 16-bit immediate (ADDI, ADDIU, SLTI, SLTIU).
 * - `uimm`: zero-extended 16-bit immediate (ANDI, ORI, XORI).
 * - `hi16`: LUI's 16-bit upper half.
 * - `mem`: `offset(base)`: signed 16-bit offset in bits 15:0, base register in rs.
 * - `branch`: PC-relative target, (target - (pc + 4)) >> 2 in bits 15:0.
 * - `jump`: absolute target within the current 256 MB region, target[27:2] in bits 25:0.
 * - `breakcode`: BREAK's code, `code` or `code1,code2` (bits 25:16 and 15:6), optional.
 * - `syscode`: SYSCALL's 20-bit code in bits 25:6, optional.
 * - `cpreg`: a coprocessor general register number in rd (MFCz/MTCz).
 * - `cpctl`: a coprocessor control register number in rd (CFCz/CTCz).
 * - `cprt`: a coprocessor general register number in rt (LWCz/SWCz).
 * - `cofun`: the 25-bit coprocessor operation of COPz, bits 24:0.
 */
export type OperandKind =
  | 'rd'
  | 'rs'
  | 'rt'
  | 'sa'
  | 'simm'
  | 'uimm'
  | 'hi16'
  | 'mem'
  | 'branch'
  | 'jump'
  | 'breakcode'
  | 'syscode'
  | 'cpreg'
  | 'cpctl'
  | 'cprt'
  | 'cofun';

/** A register an instruction reads or writes, for hazard analysis (assembler, debugger). */
export type RegRole = 'rs' | 'rt' | 'rd' | 'ra' | 'hi' | 'lo' | 'cpcond';

/**
 * The semantic operation: what the interpreter executes. Several entries share one (MFC0..MFC3 are
 * all `mfc` with a different `cop`).
 */
export type SemOp =
  | 'sll' | 'srl' | 'sra' | 'sllv' | 'srlv' | 'srav'
  | 'jr' | 'jalr' | 'syscall' | 'break'
  | 'mfhi' | 'mthi' | 'mflo' | 'mtlo' | 'mult' | 'multu' | 'div' | 'divu'
  | 'add' | 'addu' | 'sub' | 'subu' | 'and' | 'or' | 'xor' | 'nor' | 'slt' | 'sltu'
  | 'bltz' | 'bgez' | 'bltzal' | 'bgezal'
  | 'j' | 'jal' | 'beq' | 'bne' | 'blez' | 'bgtz'
  | 'addi' | 'addiu' | 'slti' | 'sltiu' | 'andi' | 'ori' | 'xori' | 'lui'
  | 'lb' | 'lh' | 'lwl' | 'lw' | 'lbu' | 'lhu' | 'lwr'
  | 'sb' | 'sh' | 'swl' | 'sw' | 'swr'
  | 'mfc' | 'cfc' | 'mtc' | 'ctc' | 'bcf' | 'bct' | 'cop' | 'lwc' | 'swc'
  | 'tlbr' | 'tlbwi' | 'tlbwr' | 'tlbp' | 'rfe';

export interface IsaEntry {
  /** Dense, stable index into ISA; the interpreter's switch uses these numbers as literal labels. */
  readonly id: number;
  readonly mnemonic: string;
  readonly op: SemOp;
  /** Canonical encoding: (word & mask) === match. */
  readonly match: number;
  readonly mask: number;
  readonly operands: readonly OperandKind[];
  readonly class: InsnClass;
  /** Coprocessor number for coprocessor instructions (COP0 for the TLB ops and RFE). */
  readonly cop?: number;
  /** A branch or jump: the next instruction is its delay slot, always executed. */
  readonly delaySlot: boolean;
  /** Writes a register whose new value the next instruction does not yet see (loads, MFCz, CFCz). */
  readonly loadDelay: boolean;
  /** Registers read and written (hazard analysis; `ra` is r31 written by a link). */
  readonly reads: readonly RegRole[];
  readonly writes: readonly RegRole[];
  /** Cycles the instruction occupies the pipeline when nothing stalls (R3000: 1). */
  readonly cycles: number;
  /** For MULT/DIV: cycles from issue until HI/LO hold the result (MFHI/MFLO stall until then). */
  readonly resultLatency?: number;
  /** Requires kernel mode or CU0 (COP0 instructions). */
  readonly privileged?: boolean;
  /** Raises Ov on signed overflow. */
  readonly traps?: boolean;
  /** Memory access width in bytes (loads and stores). */
  readonly width?: 1 | 2 | 4;
  readonly summary: string;
}

// Field masks.
const OP = 0xfc000000;
const RS = 0x03e00000;
const RT = 0x001f0000;
const RD = 0x0000f800;
const SA = 0x000007c0;
const FUNCT = 0x0000003f;

const op = (n: number): number => (n << 26) >>> 0;
const special = (funct: number): number => funct; // op 0
const regimm = (rt: number): number => (op(1) | (rt << 16)) >>> 0;
const copOp = (z: number): number => op(0x10 + z);

type Spec = Omit<IsaEntry, 'id' | 'delaySlot' | 'loadDelay' | 'cycles' | 'reads' | 'writes'> & {
  delaySlot?: boolean;
  loadDelay?: boolean;
  cycles?: number;
  reads?: readonly RegRole[];
  writes?: readonly RegRole[];
};

const specs: Spec[] = [];
const def = (s: Spec): void => {
  specs.push(s);
};

// ---- SPECIAL (op 0), R-type ----
const rType = (
  mnemonic: SemOp,
  funct: number,
  cls: InsnClass,
  summary: string,
  extra: Partial<Spec> = {},
): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: special(funct),
    mask: (OP | SA | FUNCT) >>> 0,
    operands: ['rd', 'rs', 'rt'],
    class: cls,
    reads: ['rs', 'rt'],
    writes: ['rd'],
    summary,
    ...extra,
  });

const shiftImm = (mnemonic: SemOp, funct: number, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: special(funct),
    mask: (OP | RS | FUNCT) >>> 0,
    operands: ['rd', 'rt', 'sa'],
    class: 'shift',
    reads: ['rt'],
    writes: ['rd'],
    summary,
  });
shiftImm('sll', 0x00, 'rd = rt << sa');
shiftImm('srl', 0x02, 'rd = rt >>> sa (logical)');
shiftImm('sra', 0x03, 'rd = rt >> sa (arithmetic)');

const shiftVar = (mnemonic: SemOp, funct: number, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: special(funct),
    mask: (OP | SA | FUNCT) >>> 0,
    operands: ['rd', 'rt', 'rs'],
    class: 'shift',
    reads: ['rt', 'rs'],
    writes: ['rd'],
    summary,
  });
shiftVar('sllv', 0x04, 'rd = rt << (rs & 31)');
shiftVar('srlv', 0x06, 'rd = rt >>> (rs & 31)');
shiftVar('srav', 0x07, 'rd = rt >> (rs & 31)');

def({
  mnemonic: 'jr',
  op: 'jr',
  match: special(0x08),
  mask: (OP | RT | RD | SA | FUNCT) >>> 0,
  operands: ['rs'],
  class: 'jump',
  delaySlot: true,
  reads: ['rs'],
  writes: [],
  summary: 'jump to rs after the delay slot',
});
def({
  mnemonic: 'jalr',
  op: 'jalr',
  match: special(0x09),
  mask: (OP | RT | SA | FUNCT) >>> 0,
  operands: ['rd', 'rs'],
  class: 'jump',
  delaySlot: true,
  reads: ['rs'],
  writes: ['rd'],
  summary: 'rd = pc + 8; jump to rs after the delay slot (rd defaults to ra)',
});
def({
  mnemonic: 'syscall',
  op: 'syscall',
  match: special(0x0c),
  mask: (OP | FUNCT) >>> 0,
  operands: ['syscode'],
  class: 'system',
  reads: [],
  writes: [],
  summary: 'raise a Sys exception',
});
def({
  mnemonic: 'break',
  op: 'break',
  match: special(0x0d),
  mask: (OP | FUNCT) >>> 0,
  operands: ['breakcode'],
  class: 'system',
  reads: [],
  writes: [],
  summary: 'raise a Bp exception',
});
def({
  mnemonic: 'mfhi',
  op: 'mfhi',
  match: special(0x10),
  mask: (OP | RS | RT | SA | FUNCT) >>> 0,
  operands: ['rd'],
  class: 'multdiv',
  reads: ['hi'],
  writes: ['rd'],
  summary: 'rd = HI (stalls until a MULT/DIV result is ready)',
});
def({
  mnemonic: 'mthi',
  op: 'mthi',
  match: special(0x11),
  mask: (OP | RT | RD | SA | FUNCT) >>> 0,
  operands: ['rs'],
  class: 'multdiv',
  reads: ['rs'],
  writes: ['hi'],
  summary: 'HI = rs',
});
def({
  mnemonic: 'mflo',
  op: 'mflo',
  match: special(0x12),
  mask: (OP | RS | RT | SA | FUNCT) >>> 0,
  operands: ['rd'],
  class: 'multdiv',
  reads: ['lo'],
  writes: ['rd'],
  summary: 'rd = LO (stalls until a MULT/DIV result is ready)',
});
def({
  mnemonic: 'mtlo',
  op: 'mtlo',
  match: special(0x13),
  mask: (OP | RT | RD | SA | FUNCT) >>> 0,
  operands: ['rs'],
  class: 'multdiv',
  reads: ['rs'],
  writes: ['lo'],
  summary: 'LO = rs',
});
const multDiv = (mnemonic: SemOp, funct: number, latency: number, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: special(funct),
    mask: (OP | RD | SA | FUNCT) >>> 0,
    operands: ['rs', 'rt'],
    class: 'multdiv',
    reads: ['rs', 'rt'],
    writes: ['hi', 'lo'],
    resultLatency: latency,
    summary,
  });
// R3000: MULT/MULTU 12 cycles, DIV/DIVU 35 cycles (r3000.md §2, IDT manual; MAME mips1).
multDiv('mult', 0x18, 12, 'HI:LO = rs * rt (signed)');
multDiv('multu', 0x19, 12, 'HI:LO = rs * rt (unsigned)');
multDiv('div', 0x1a, 35, 'LO = rs / rt, HI = rs % rt (signed)');
multDiv('divu', 0x1b, 35, 'LO = rs / rt, HI = rs % rt (unsigned)');

rType('add', 0x20, 'alu', 'rd = rs + rt, Ov on signed overflow', { traps: true });
rType('addu', 0x21, 'alu', 'rd = rs + rt');
rType('sub', 0x22, 'alu', 'rd = rs - rt, Ov on signed overflow', { traps: true });
rType('subu', 0x23, 'alu', 'rd = rs - rt');
rType('and', 0x24, 'alu', 'rd = rs & rt');
rType('or', 0x25, 'alu', 'rd = rs | rt');
rType('xor', 0x26, 'alu', 'rd = rs ^ rt');
rType('nor', 0x27, 'alu', 'rd = ~(rs | rt)');
rType('slt', 0x2a, 'alu', 'rd = rs < rt (signed)');
rType('sltu', 0x2b, 'alu', 'rd = rs < rt (unsigned)');

// ---- REGIMM (op 1) ----
const bz = (mnemonic: SemOp, rt: number, link: boolean, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: regimm(rt),
    mask: (OP | RT) >>> 0,
    operands: ['rs', 'branch'],
    class: 'branch',
    delaySlot: true,
    reads: ['rs'],
    writes: link ? ['ra'] : [],
    summary,
  });
bz('bltz', 0x00, false, 'branch if rs < 0');
bz('bgez', 0x01, false, 'branch if rs >= 0');
// BLTZAL/BGEZAL write r31 whether or not the branch is taken (MIPS I spec; psx-spx).
bz('bltzal', 0x10, true, 'ra = pc + 8; branch if rs < 0');
bz('bgezal', 0x11, true, 'ra = pc + 8; branch if rs >= 0');

// ---- primary opcodes ----
def({
  mnemonic: 'j',
  op: 'j',
  match: op(0x02),
  mask: OP >>> 0,
  operands: ['jump'],
  class: 'jump',
  delaySlot: true,
  reads: [],
  writes: [],
  summary: 'jump within the current 256 MB region',
});
def({
  mnemonic: 'jal',
  op: 'jal',
  match: op(0x03),
  mask: OP >>> 0,
  operands: ['jump'],
  class: 'jump',
  delaySlot: true,
  reads: [],
  writes: ['ra'],
  summary: 'ra = pc + 8; jump within the current 256 MB region',
});
def({
  mnemonic: 'beq',
  op: 'beq',
  match: op(0x04),
  mask: OP >>> 0,
  operands: ['rs', 'rt', 'branch'],
  class: 'branch',
  delaySlot: true,
  reads: ['rs', 'rt'],
  writes: [],
  summary: 'branch if rs == rt',
});
def({
  mnemonic: 'bne',
  op: 'bne',
  match: op(0x05),
  mask: OP >>> 0,
  operands: ['rs', 'rt', 'branch'],
  class: 'branch',
  delaySlot: true,
  reads: ['rs', 'rt'],
  writes: [],
  summary: 'branch if rs != rt',
});
def({
  mnemonic: 'blez',
  op: 'blez',
  match: op(0x06),
  mask: (OP | RT) >>> 0,
  operands: ['rs', 'branch'],
  class: 'branch',
  delaySlot: true,
  reads: ['rs'],
  writes: [],
  summary: 'branch if rs <= 0',
});
def({
  mnemonic: 'bgtz',
  op: 'bgtz',
  match: op(0x07),
  mask: (OP | RT) >>> 0,
  operands: ['rs', 'branch'],
  class: 'branch',
  delaySlot: true,
  reads: ['rs'],
  writes: [],
  summary: 'branch if rs > 0',
});
const iType = (
  mnemonic: SemOp,
  opcode: number,
  imm: 'simm' | 'uimm',
  summary: string,
  extra: Partial<Spec> = {},
): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: op(opcode),
    mask: OP >>> 0,
    operands: ['rt', 'rs', imm],
    class: 'alu',
    reads: ['rs'],
    writes: ['rt'],
    summary,
    ...extra,
  });
iType('addi', 0x08, 'simm', 'rt = rs + imm, Ov on signed overflow', { traps: true });
iType('addiu', 0x09, 'simm', 'rt = rs + imm');
iType('slti', 0x0a, 'simm', 'rt = rs < imm (signed)');
iType('sltiu', 0x0b, 'simm', 'rt = rs < sign-extended imm (unsigned compare)');
iType('andi', 0x0c, 'uimm', 'rt = rs & zero-extended imm');
iType('ori', 0x0d, 'uimm', 'rt = rs | zero-extended imm');
iType('xori', 0x0e, 'uimm', 'rt = rs ^ zero-extended imm');
def({
  mnemonic: 'lui',
  op: 'lui',
  match: op(0x0f),
  mask: (OP | RS) >>> 0,
  operands: ['rt', 'hi16'],
  class: 'alu',
  reads: [],
  writes: ['rt'],
  summary: 'rt = imm << 16',
});

const load = (mnemonic: SemOp, opcode: number, width: 1 | 2 | 4, summary: string, merge = false): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: op(opcode),
    mask: OP >>> 0,
    operands: ['rt', 'mem'],
    class: 'load',
    loadDelay: true,
    // LWL/LWR merge into rt, so they read it too.
    reads: merge ? ['rs', 'rt'] : ['rs'],
    writes: ['rt'],
    width,
    summary,
  });
load('lb', 0x20, 1, 'rt = sign-extended byte');
load('lh', 0x21, 2, 'rt = sign-extended halfword (AdEL if misaligned)');
load('lwl', 0x22, 4, 'merge the high bytes of an unaligned word into rt', true);
load('lw', 0x23, 4, 'rt = word (AdEL if misaligned)');
load('lbu', 0x24, 1, 'rt = zero-extended byte');
load('lhu', 0x25, 2, 'rt = zero-extended halfword (AdEL if misaligned)');
load('lwr', 0x26, 4, 'merge the low bytes of an unaligned word into rt', true);

const store = (mnemonic: SemOp, opcode: number, width: 1 | 2 | 4, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: op(opcode),
    mask: OP >>> 0,
    operands: ['rt', 'mem'],
    class: 'store',
    reads: ['rs', 'rt'],
    writes: [],
    width,
    summary,
  });
store('sb', 0x28, 1, 'store the low byte of rt');
store('sh', 0x29, 2, 'store the low halfword of rt (AdES if misaligned)');
store('swl', 0x2a, 4, 'store the high bytes of rt to an unaligned word');
store('sw', 0x2b, 4, 'store rt (AdES if misaligned)');
store('swr', 0x2e, 4, 'store the low bytes of rt to an unaligned word');

// ---- COP0 operations (COP0 with the CO bit, rs = 0x10) ----
const cop0Op = (mnemonic: SemOp, funct: number, summary: string): void =>
  def({
    mnemonic,
    op: mnemonic,
    match: (copOp(0) | (1 << 25) | funct) >>> 0,
    mask: 0xffffffff,
    operands: [],
    class: 'cop0',
    cop: 0,
    privileged: true,
    reads: [],
    writes: [],
    summary,
  });
cop0Op('tlbr', 0x01, 'EntryHi, EntryLo = TLB[Index]');
cop0Op('tlbwi', 0x02, 'TLB[Index] = EntryHi, EntryLo');
cop0Op('tlbwr', 0x06, 'TLB[Random] = EntryHi, EntryLo');
cop0Op('tlbp', 0x08, 'Index = the TLB entry matching EntryHi, or P=1');
cop0Op('rfe', 0x10, 'Status[3:0] = Status[5:2] (pop the KU/IE stack)');

// ---- generic coprocessor instructions, z = 0..3 ----
for (let z = 0; z < 4; z++) {
  const cls: InsnClass = z === 0 ? 'cop0' : 'cop';
  const priv = z === 0 ? { privileged: true } : {};
  const move = (mn: string, sem: SemOp, rsField: number, reg: 'cpreg' | 'cpctl', toGpr: boolean): void =>
    def({
      mnemonic: `${mn}${z}`,
      op: sem,
      match: (copOp(z) | (rsField << 21)) >>> 0,
      mask: (OP | RS | SA | FUNCT) >>> 0,
      operands: ['rt', reg],
      class: cls,
      cop: z,
      loadDelay: toGpr,
      reads: toGpr ? [] : ['rt'],
      writes: toGpr ? ['rt'] : [],
      summary: toGpr
        ? `rt = coprocessor ${z} ${reg === 'cpreg' ? 'register' : 'control register'} rd`
        : `coprocessor ${z} ${reg === 'cpreg' ? 'register' : 'control register'} rd = rt`,
      ...priv,
    });
  move('mfc', 'mfc', 0x00, 'cpreg', true);
  move('cfc', 'cfc', 0x02, 'cpctl', true);
  move('mtc', 'mtc', 0x04, 'cpreg', false);
  move('ctc', 'ctc', 0x06, 'cpctl', false);
  const bc = (tf: 0 | 1): void =>
    def({
      mnemonic: `bc${z}${tf ? 't' : 'f'}`,
      op: tf ? 'bct' : 'bcf',
      match: (copOp(z) | (0x08 << 21) | (tf << 16)) >>> 0,
      mask: (OP | RS | RT) >>> 0,
      operands: ['branch'],
      class: 'branch',
      cop: z,
      delaySlot: true,
      reads: ['cpcond'],
      writes: [],
      summary: `branch if coprocessor ${z}'s condition is ${tf ? 'true' : 'false'}`,
      ...priv,
    });
  bc(0);
  bc(1);
  def({
    mnemonic: `c${z}`,
    op: 'cop',
    match: (copOp(z) | (1 << 25)) >>> 0,
    mask: (OP | (1 << 25)) >>> 0,
    operands: ['cofun'],
    class: cls,
    cop: z,
    reads: [],
    writes: [],
    summary: `coprocessor ${z} operation`,
    ...priv,
  });
  def({
    mnemonic: `lwc${z}`,
    op: 'lwc',
    match: op(0x30 + z),
    mask: OP >>> 0,
    operands: ['cprt', 'mem'],
    class: 'load',
    cop: z,
    reads: ['rs'],
    writes: [],
    width: 4,
    summary: `load a word into coprocessor ${z} register rt`,
    ...priv,
  });
  def({
    mnemonic: `swc${z}`,
    op: 'swc',
    match: op(0x38 + z),
    mask: OP >>> 0,
    operands: ['cprt', 'mem'],
    class: 'store',
    cop: z,
    reads: ['rs'],
    writes: [],
    width: 4,
    summary: `store coprocessor ${z} register rt`,
    ...priv,
  });
}

/** The table. `ISA[i].id === i`. */
export const ISA: readonly IsaEntry[] = specs.map((s, id) =>
  Object.freeze({
    ...s,
    id,
    delaySlot: s.delaySlot ?? false,
    loadDelay: s.loadDelay ?? false,
    cycles: s.cycles ?? 1,
    reads: s.reads ?? [],
    writes: s.writes ?? [],
  }),
);

/** Entries by mnemonic (exactly one machine instruction per mnemonic). */
export const ISA_BY_MNEMONIC: ReadonlyMap<string, IsaEntry> = new Map(ISA.map((e) => [e.mnemonic, e]));

/** The entry for a mnemonic; throws for an unknown one (a bug in the caller). */
export function isaEntry(mnemonic: string): IsaEntry {
  const e = ISA_BY_MNEMONIC.get(mnemonic);
  if (!e) throw new Error(`internal: no ISA entry for ${mnemonic}`);
  return e;
}

// ---- field helpers, shared by everyone who takes words apart ----
export const field = {
  op: (w: number): number => w >>> 26,
  rs: (w: number): number => (w >>> 21) & 31,
  rt: (w: number): number => (w >>> 16) & 31,
  rd: (w: number): number => (w >>> 11) & 31,
  sa: (w: number): number => (w >>> 6) & 31,
  funct: (w: number): number => w & 63,
  imm: (w: number): number => w & 0xffff,
  simm: (w: number): number => (w << 16) >> 16,
  target: (w: number): number => w & 0x03ffffff,
  syscode: (w: number): number => (w >>> 6) & 0xfffff,
  breakCode1: (w: number): number => (w >>> 16) & 0x3ff,
  breakCode2: (w: number): number => (w >>> 6) & 0x3ff,
  cofun: (w: number): number => w & 0x01ffffff,
} as const;

/** Field values for `encode`; unset fields are 0. `target` is a byte address (J/JAL). */
export interface EncodeFields {
  rs?: number;
  rt?: number;
  rd?: number;
  sa?: number;
  imm?: number;
  target?: number;
  /** SYSCALL/BREAK code in bits 25:6. */
  code?: number;
}

/** The word for `entry` with the given fields: the inverse of the `field` helpers. */
export function encode(entry: IsaEntry, f: EncodeFields): number {
  let w = entry.match;
  if (f.rs !== undefined) w |= (f.rs & 31) << 21;
  if (f.rt !== undefined) w |= (f.rt & 31) << 16;
  if (f.rd !== undefined) w |= (f.rd & 31) << 11;
  if (f.sa !== undefined) w |= (f.sa & 31) << 6;
  if (f.imm !== undefined) w |= f.imm & 0xffff;
  if (f.target !== undefined) w |= (f.target >>> 2) & 0x03ffffff;
  if (f.code !== undefined) w |= (f.code & 0xfffff) << 6;
  return w >>> 0;
}
