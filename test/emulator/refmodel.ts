/**
 * An independent reference model of the MIPS I user instructions, written from the architecture
 * manual's definitions with BigInt arithmetic only (no int32 tricks shared with the interpreter).
 * Values in and out are unsigned 32-bit numbers (0 .. 2^32-1).
 */
const M32 = (1n << 32n) - 1n;
const u = (x: number): bigint => BigInt(x >>> 0);
const s = (x: number): bigint => BigInt.asIntN(32, BigInt(x >>> 0));
const out = (x: bigint): number => Number(x & M32);
const sext16 = (imm: number): bigint => BigInt.asIntN(16, BigInt(imm & 0xffff));

export type Alu = (a: number, b: number) => { value: number; overflow?: boolean };

/** Register-register ALU operations: rd = f(rs, rt). */
export const ALU_R: Record<string, Alu> = {
  add: (a, b) => {
    const r = s(a) + s(b);
    return { value: out(r), overflow: r < -(1n << 31n) || r >= 1n << 31n };
  },
  addu: (a, b) => ({ value: out(u(a) + u(b)) }),
  sub: (a, b) => {
    const r = s(a) - s(b);
    return { value: out(r), overflow: r < -(1n << 31n) || r >= 1n << 31n };
  },
  subu: (a, b) => ({ value: out(u(a) - u(b)) }),
  and: (a, b) => ({ value: out(u(a) & u(b)) }),
  or: (a, b) => ({ value: out(u(a) | u(b)) }),
  xor: (a, b) => ({ value: out(u(a) ^ u(b)) }),
  nor: (a, b) => ({ value: out(~(u(a) | u(b))) }),
  slt: (a, b) => ({ value: s(a) < s(b) ? 1 : 0 }),
  sltu: (a, b) => ({ value: u(a) < u(b) ? 1 : 0 }),
};

/** Immediate ALU operations: rt = f(rs, imm16). */
export const ALU_I: Record<string, Alu> = {
  addi: (a, imm) => {
    const r = s(a) + sext16(imm);
    return { value: out(r), overflow: r < -(1n << 31n) || r >= 1n << 31n };
  },
  addiu: (a, imm) => ({ value: out(u(a) + sext16(imm)) }),
  slti: (a, imm) => ({ value: s(a) < sext16(imm) ? 1 : 0 }),
  sltiu: (a, imm) => ({ value: u(a) < (sext16(imm) & M32) ? 1 : 0 }),
  andi: (a, imm) => ({ value: out(u(a) & BigInt(imm & 0xffff)) }),
  ori: (a, imm) => ({ value: out(u(a) | BigInt(imm & 0xffff)) }),
  xori: (a, imm) => ({ value: out(u(a) ^ BigInt(imm & 0xffff)) }),
  lui: (_a, imm) => ({ value: out(BigInt(imm & 0xffff) << 16n) }),
};

/** Shifts: rd = f(rt, amount) where amount is sa or rs & 31. */
export const SHIFT: Record<string, (t: number, amount: number) => number> = {
  sll: (t, n) => out(u(t) << BigInt(n & 31)),
  srl: (t, n) => out(u(t) >> BigInt(n & 31)),
  sra: (t, n) => out(s(t) >> BigInt(n & 31)),
};

export function multdiv(op: string, a: number, b: number): { hi: number; lo: number } {
  switch (op) {
    case 'mult': {
      const p = s(a) * s(b);
      return { hi: out(p >> 32n), lo: out(p) };
    }
    case 'multu': {
      const p = u(a) * u(b);
      return { hi: out(p >> 32n), lo: out(p) };
    }
    case 'div': {
      const x = s(a);
      const y = s(b);
      // R3000 (PS1-hardware-verified) results for the cases the architecture leaves undefined.
      if (y === 0n) return { hi: out(x), lo: x >= 0n ? out(-1n) : 1 };
      if (x === -(1n << 31n) && y === -1n) return { hi: 0, lo: 0x80000000 };
      const q = x / y; // BigInt division truncates toward zero
      return { hi: out(x - q * y), lo: out(q) };
    }
    case 'divu': {
      const x = u(a);
      const y = u(b);
      if (y === 0n) return { hi: out(x), lo: 0xffffffff };
      return { hi: out(x % y), lo: out(x / y) };
    }
    default:
      throw new Error(`refmodel: ${op}`);
  }
}

/** Whether a conditional branch is taken. */
export function branchTaken(op: string, a: number, b: number): boolean {
  switch (op) {
    case 'beq': return u(a) === u(b);
    case 'bne': return u(a) !== u(b);
    case 'blez': return s(a) <= 0n;
    case 'bgtz': return s(a) > 0n;
    case 'bltz': case 'bltzal': return s(a) < 0n;
    case 'bgez': case 'bgezal': return s(a) >= 0n;
    default: throw new Error(`refmodel: ${op}`);
  }
}

/** Branch target: address of the delay slot + sign-extended offset * 4. */
export function branchTarget(pc: number, imm: number): number {
  return out(u(pc) + 4n + sext16(imm) * 4n);
}

export function jumpTarget(pc: number, index: number): number {
  return out(((u(pc) + 4n) & 0xf0000000n) | (BigInt(index & 0x3ffffff) << 2n));
}

/** Memory as a little-endian byte map for the load/store model. */
export class RefMemory {
  readonly bytes = new Map<number, number>();
  byte(a: number): number {
    return this.bytes.get(a >>> 0) ?? 0;
  }
  setByte(a: number, v: number): void {
    this.bytes.set(a >>> 0, v & 0xff);
  }
  read(a: number, n: number): bigint {
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.byte(a + i));
    return v;
  }
  write(a: number, n: number, v: bigint): void {
    for (let i = 0; i < n; i++) this.setByte(a + i, Number((v >> BigInt(8 * i)) & 0xffn));
  }
}

/**
 * A load's result; `old` is rt's previous value (LWL/LWR merge). Returns undefined for an address
 * error (misaligned LH/LHU/LW).
 */
export function load(op: string, mem: RefMemory, addr: number, old: number): number | undefined {
  const a = addr >>> 0;
  switch (op) {
    case 'lb': return out(BigInt.asIntN(8, mem.read(a, 1)));
    case 'lbu': return out(mem.read(a, 1));
    case 'lh': return a % 2 ? undefined : out(BigInt.asIntN(16, mem.read(a, 2)));
    case 'lhu': return a % 2 ? undefined : out(mem.read(a, 2));
    case 'lw': return a % 4 ? undefined : out(mem.read(a, 4));
    case 'lwl': {
      // Little-endian: bytes a&~3 .. a go to the most significant end of rt.
      const k = a % 4;
      let r = u(old);
      for (let i = 0; i <= k; i++) {
        const shift = BigInt(8 * (3 - k + i));
        r = (r & ~(0xffn << shift)) | (BigInt(mem.byte(a - k + i)) << shift);
      }
      return out(r);
    }
    case 'lwr': {
      // Bytes a .. a|3 go to the least significant end of rt.
      const k = a % 4;
      let r = u(old);
      for (let i = k; i < 4; i++) {
        const shift = BigInt(8 * (i - k));
        r = (r & ~(0xffn << shift)) | (BigInt(mem.byte(a - k + i)) << shift);
      }
      return out(r);
    }
    default: throw new Error(`refmodel: ${op}`);
  }
}

/** Applies a store to `mem`; false for an address error (misaligned SH/SW). */
export function store(op: string, mem: RefMemory, addr: number, value: number): boolean {
  const a = addr >>> 0;
  const v = u(value);
  switch (op) {
    case 'sb': mem.write(a, 1, v); return true;
    case 'sh': if (a % 2) return false; mem.write(a, 2, v); return true;
    case 'sw': if (a % 4) return false; mem.write(a, 4, v); return true;
    case 'swl': {
      const k = a % 4;
      for (let i = 0; i <= k; i++) mem.setByte(a - k + i, Number((v >> BigInt(8 * (3 - k + i))) & 0xffn));
      return true;
    }
    case 'swr': {
      const k = a % 4;
      for (let i = k; i < 4; i++) mem.setByte(a - k + i, Number((v >> BigInt(8 * (i - k))) & 0xffn));
      return true;
    }
    default: throw new Error(`refmodel: ${op}`);
  }
}
