/**
 * TypeScript trap hooks: how KERNEL-mode guest code calls a registered host function
 * (docs/exokernel.md §10, issue 5 item 9).
 *
 * Trigger: the BREAK instruction with the first code field (bits 25:16, GNU's `break CODE1,CODE2`)
 * equal to HOOK_BREAK_CODE (0x3e5) executed with Status.KUc = 0; the second code field (bits 15:6)
 * is the hook number (0..1023). GNU as writes `break 0x3e5, N`. Why BREAK with a magic code: it is
 * an ordinary MIPS I instruction our assembler, objdump and every other tool already know; a real
 * R3000 program never executes it by accident (compilers emit `break 6`/`break 7`, Linux uses codes
 * 0..16, 512..516 and 1023 in the first field); and the architecture defines what it does
 * everywhere else: in user mode, or in any run without a hook table, it raises Bp (ExcCode 9) like
 * every BREAK. A reserved COP0 function would instead be RI on the real chip and a new ISA entry
 * for the assembler and disassembler.
 *
 * Calling convention: arguments in a0-a3; results in v0 and v1 (both always written: 0 unless the
 * hook sets them); every other register, HI/LO and CP0 are preserved; execution continues after
 * the BREAK (or at the branch target when it sat in a delay slot). No guest exception is taken, so
 * EPC/Cause/Status are untouched and the exception counter does not move.
 *
 * Cost: the BREAK's own cycle (plus its fetch stalls) as for any instruction, plus exactly the
 * hook's stated `cycles` and whatever it adds with `charge(n)`. Those extra cycles advance the
 * cycle counter (so devices and the write buffer see the time pass) and are counted in
 * `Cpu.count[CNT_HOOK_CYCLES]`, not as instructions.
 *
 * Memory: hooks read guest memory only through the side-effect-free debug translation (the
 * kernel-mode view of the address: kseg0/kseg1 directly, kuseg/kseg2 through the TLB without
 * touching it) and write only physical RAM. They never touch devices, caches or the TLB.
 *
 * An unknown hook number stops the run with a fault (exit status 133 = 128 + SIGTRAP) naming the
 * number and the pc: a firmware bug, never silently ignored.
 */
import { C0_STATUS, SR_KUC } from './cop0.js';
import { HOOK_PASS, HOOK_RESUME, HOOK_STOP, HOOK_STOP_RETIRED, type Cpu, type TrapHook } from './cpu.js';
import { EXC_BP } from './exceptions.js';
import { INTENT_DEBUG, INTENT_FETCH, INTENT_READ } from './translate.js';

/** BREAK code field 1 (bits 25:16) that marks a hook call: `break 0x3e5, N` ("exo"). */
export const HOOK_BREAK_CODE = 0x3e5;
/** Hook numbers are BREAK code field 2 (bits 15:6). */
export const HOOK_MAX = 1023;

/** The BREAK word that calls hook `id` (what `break 0x3e5, id` assembles to). */
export function hookWord(id: number): number {
  return ((HOOK_BREAK_CODE << 16) | ((id & 0x3ff) << 6) | 0x0d) >>> 0;
}

/** What a hook sees and can do. Arguments are unsigned 32-bit values. */
export interface HookCall {
  readonly cpu: Cpu;
  readonly id: number;
  /** Address of the BREAK. */
  readonly pc: number;
  readonly a0: number;
  readonly a1: number;
  readonly a2: number;
  readonly a3: number;
  /** Results, written to v0/v1 when the hook returns (0 unless set). */
  v0: number;
  v1: number;
  /** Adds `n` cycles (>= 0) to this call's cost, on top of the stated `cycles`. */
  charge(n: number): void;
  /** Stops the machine with exit status `code & 0xff` after this call (the call completes). */
  halt(code: number): void;
  /** Bytes at kernel virtual address `va` (debug translation; no side effects); undefined on a fault. */
  read(va: number, n: number): Uint8Array | undefined;
  /** Writes bytes to physical RAM at `pa`; false (nothing written) if any byte is outside RAM. */
  writePhys(pa: number, bytes: Uint8Array): boolean;
}

export type HookFn = (call: HookCall) => void;

export interface HookEntry {
  readonly id: number;
  readonly name: string;
  /** Cycles charged per call, beyond the BREAK's own cycle. */
  readonly cycles: number;
  readonly fn: HookFn;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * A machine's hook registry. Install it as `cpu.hook` (firmware runs do); it serves only BREAKs
 * with HOOK_BREAK_CODE in kernel mode and passes every other exception to the guest.
 */
export class HookTable implements TrapHook {
  private readonly table = new Map<number, HookEntry>();
  /** Calls served so far. */
  calls = 0;

  registerHook(id: number, name: string, cycles: number, fn: HookFn): void {
    if (!Number.isInteger(id) || id < 0 || id > HOOK_MAX) throw new Error(`internal: hook number ${id} is not 0..${HOOK_MAX}`);
    if (!Number.isInteger(cycles) || cycles < 0) throw new Error(`internal: hook ${name}: cycles must be a non-negative integer`);
    if (this.table.has(id)) throw new Error(`internal: hook ${id} is already registered (${this.table.get(id)!.name})`);
    this.table.set(id, { id, name, cycles, fn });
  }

  get(id: number): HookEntry | undefined {
    return this.table.get(id);
  }

  entries(): HookEntry[] {
    return [...this.table.values()].sort((a, b) => a.id - b.id);
  }

  exception(cpu: Cpu, code: number, pc: number): number {
    if ((code & 0x1f) !== EXC_BP) return HOOK_PASS;
    // The exception has not been entered yet: Status is the one the BREAK executed with.
    if ((cpu.cop0[C0_STATUS]! & SR_KUC) !== 0) return HOOK_PASS;
    const mmu = cpu.mmu;
    if (mmu.translate(pc, INTENT_FETCH | INTENT_DEBUG) !== 0 || !cpu.bus.read(mmu.pa, 4, true)) return HOOK_PASS;
    const word = cpu.bus.value >>> 0;
    if (((word >>> 16) & 0x3ff) !== HOOK_BREAK_CODE) return HOOK_PASS;
    const id = (word >>> 6) & 0x3ff;
    const entry = this.table.get(id);
    if (entry === undefined) {
      cpu.stop = { kind: 'fault', code: 128 + 5, message: `unknown trap hook ${id} called at pc ${hex(pc)} (break 0x3e5, ${id})` };
      return HOOK_STOP;
    }
    const g = cpu.gpr;
    let extra = 0;
    let haltCode = -1;
    const call: HookCall = {
      cpu,
      id,
      pc: pc >>> 0,
      a0: g[4]! >>> 0,
      a1: g[5]! >>> 0,
      a2: g[6]! >>> 0,
      a3: g[7]! >>> 0,
      v0: 0,
      v1: 0,
      charge: (n) => {
        if (!Number.isInteger(n) || n < 0) throw new Error(`internal: hook ${entry.name} charged ${n} cycles`);
        extra += n;
      },
      halt: (c) => {
        haltCode = c & 0xff;
      },
      read: (va, n) => readKernel(cpu, va, n),
      writePhys: (pa, bytes) => {
        const a = pa >>> 0;
        if (a + bytes.length > cpu.bus.ramSize) return false;
        return cpu.bus.load(a, bytes);
      },
    };
    entry.fn(call);
    g[2] = call.v0 | 0;
    g[3] = call.v1 | 0;
    const charged = entry.cycles + extra;
    cpu.chargeHookCycles(charged);
    this.calls++;
    if (cpu.tracer !== null) cpu.tracer.hook(cpu, pc, id, entry.name, [call.a0, call.a1, call.a2, call.a3], call.v0, call.v1, charged);
    if (haltCode >= 0) {
      if (cpu.stop === null) cpu.stop = { kind: 'halt', code: haltCode };
      return HOOK_STOP_RETIRED;
    }
    return HOOK_RESUME;
  }
}

/** Reads n bytes at a kernel-mode virtual address with no side effects; undefined on any fault. */
export function readKernel(cpu: Cpu, va: number, n: number): Uint8Array | undefined {
  const out = new Uint8Array(n);
  const mmu = cpu.mmu;
  let page = -1;
  let base = 0;
  for (let i = 0; i < n; i++) {
    const v = (va + i) >>> 0;
    if (v >>> 12 !== page) {
      if (mmu.translate(v, INTENT_READ | INTENT_DEBUG) !== 0) return undefined;
      page = v >>> 12;
      base = (mmu.pa - (v & 0xfff)) >>> 0;
    }
    if (!cpu.bus.read(base + (v & 0xfff), 1, true)) return undefined;
    out[i] = cpu.bus.value;
  }
  return out;
}
