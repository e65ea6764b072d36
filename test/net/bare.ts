/**
 * Runs downloaded code (a DPF classifier, a sandboxed ASH) as the kernel would: a bare machine in
 * kernel mode, the code in kseg0 RAM, called with `ra` pointing at an address the routine must
 * return to. One instruction per step, so every load and store is checked against the allowed
 * ranges before it executes; any guest exception stops the call and is reported.
 */
import { decodeHw } from '../../emulator/decode.js';
import { ISA } from '../../emulator/isa.js';
import { BufferIo } from '../../emulator/io.js';
import { runSlice } from '../../emulator/interpreter.js';
import { Machine } from '../../emulator/machine.js';
import { C0_STATUS } from '../../emulator/cop0.js';

export const RET = 0x80000800;
const K0 = 0x80000000;

export interface Range {
  /** kseg0 address. */
  readonly lo: number;
  /** Exclusive. */
  readonly hi: number;
}

export interface CallResult {
  readonly returned: boolean;
  /** ExcCode of the exception that stopped the call, if any. */
  readonly exception?: number;
  /** Instructions executed (delay slots included; the exception's faulting instruction too). */
  readonly steps: number;
  /** Cycles the call took (cache misses and stalls included: our timing model). */
  readonly cycles: number;
  readonly gpr: number[];
  /** A memory access outside the allowed ranges, described (the call stops before it executes). */
  readonly badAccess?: string;
}

export interface CallOptions {
  /** Initial register values (others keep what the machine holds). */
  readonly regs: Readonly<Record<number, number>>;
  readonly maxSteps: number;
  /** Ranges loads may read. */
  readonly loads: readonly Range[];
  /** Ranges stores may write. */
  readonly stores: readonly Range[];
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

export class Bare {
  readonly m: Machine;
  private exc: number | undefined;

  constructor(ramBytes = 1 << 20) {
    this.m = new Machine({ io: new BufferIo(Buffer.alloc(0)), ramBytes });
    this.m.cpu.onVector = (_vector, code) => {
      this.exc = code;
      this.m.cpu.stop = { kind: 'fault', code: 128, message: `exception ${code}` };
      return false;
    };
  }

  get cpu() {
    return this.m.cpu;
  }

  /** Writes bytes at a kseg0 address. */
  write(va: number, bytes: Uint8Array): void {
    if (!this.m.bus.load((va - K0) >>> 0, bytes)) throw new Error('write outside RAM');
  }

  writeWords(va: number, words: ArrayLike<number>): void {
    const b = new Uint8Array(words.length * 4);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < words.length; i++) dv.setUint32(4 * i, words[i]! >>> 0, true);
    this.write(va, b);
  }

  read(va: number, n: number): Uint8Array {
    const pa = (va - K0) >>> 0;
    return this.m.bus.ram8.slice(pa, pa + n);
  }

  /** Calls the routine at `entry` (kseg0) with `ra` = RET, in kernel mode. */
  call(entry: number, opts: CallOptions): CallResult {
    const cpu = this.cpu;
    cpu.stop = null;
    this.exc = undefined;
    cpu.cop0[C0_STATUS] = 0; // kernel mode, interrupts off, BEV = 0 (the vector is never reached: onVector stops)
    for (const [r, v] of Object.entries(opts.regs)) cpu.gpr[Number(r)] = v | 0;
    cpu.gpr[31] = RET | 0;
    cpu.gpr[0] = 0;
    cpu.ldReg = 32;
    cpu.setPc(entry);
    const ram = this.m.bus.ram32;
    let steps = 0;
    const start = cpu.totalCycles;
    const regs = (): number[] => {
      const g = Array.from(cpu.gpr.subarray(0, 32), (x) => x >>> 0);
      if (cpu.ldReg !== 32 && cpu.ldReg !== 0) g[cpu.ldReg] = cpu.ldVal >>> 0;
      return g;
    };
    const inside = (rs: readonly Range[], lo: number, hi: number): boolean => rs.some((r) => lo >= r.lo && hi <= r.hi);
    while (steps < opts.maxSteps) {
      const pc = cpu.pc >>> 0;
      if (pc === RET && cpu.bd === 0) return { returned: true, steps, cycles: cpu.totalCycles - start, gpr: regs() };
      if (pc >= K0 && pc < K0 + this.m.bus.ramSize) {
        const w = ram[(pc - K0) >>> 2]! >>> 0;
        const id = decodeHw(w);
        const e = id >= 0 ? ISA[id] : undefined;
        if (e !== undefined && (e.class === 'load' || e.class === 'store') && e.width !== undefined) {
          const ea = (cpu.gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) >>> 0;
          // lwl/lwr/swl/swr touch the aligned word (its bytes on one side of ea): check the word.
          const partial = e.op === 'lwl' || e.op === 'lwr' || e.op === 'swl' || e.op === 'swr';
          const lo = partial ? ea & ~3 : ea;
          const hi = lo + e.width;
          if (!inside(e.class === 'load' ? opts.loads : opts.stores, lo >>> 0, hi >>> 0)) {
            return {
              returned: false,
              steps,
              cycles: cpu.totalCycles - start,
              gpr: regs(),
              badAccess: `${e.mnemonic} at pc ${hex(pc)} touches ${hex(lo)}..${hex(hi - 1)}`,
            };
          }
        }
      }
      runSlice(cpu, cpu.cyc + 1);
      cpu.rebase();
      steps++;
      if (cpu.stop !== null) {
        return { returned: false, exception: this.exc, steps, cycles: cpu.totalCycles - start, gpr: regs() };
      }
    }
    return { returned: false, steps, cycles: cpu.totalCycles - start, gpr: regs() };
  }
}
