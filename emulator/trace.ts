/**
 * Event tracing for `exo run --trace exc,tlb,irq,insn`: one text line per event, in the format
 * docs/machine.md ("Tracing") defines. Golden-trace tests compare these lines exactly, so the
 * format is part of the interface: change it only together with the golden files.
 *
 * The tracer is called from hooks that exist only off the interpreter's fast path (exception
 * entry, TLB writes, MTC0 Cause, the interrupt lines, and the machine's debug loop, which runs one
 * instruction per slice); with tracing off `Cpu.tracer` is null and nothing here runs. Memory is
 * read only through the debug translation (INTENT_DEBUG) and the devices' `peek`, so tracing
 * never changes what the guest sees.
 */
import { disassemble } from '../assembler/disasm.js';
import { C0_BADVADDR, C0_CAUSE, C0_ENTRYHI, C0_EPC, C0_STATUS } from './cop0.js';
import type { Cpu } from './cpu.js';
import { EXC_NAMES, EXC_REFILL_FLAG } from './exceptions.js';
import { INTENT_DEBUG, INTENT_FETCH } from './translate.js';

export const TRACE_INSN = 1;
export const TRACE_EXC = 2;
export const TRACE_TLB = 4;
export const TRACE_IRQ = 8;
/** Trap-hook calls (hooks.ts). Not part of `all`, which names the CPU's own events. */
export const TRACE_HOOK = 16;

const CATEGORIES: Record<string, number> = { insn: TRACE_INSN, exc: TRACE_EXC, tlb: TRACE_TLB, irq: TRACE_IRQ, hook: TRACE_HOOK };

/** Parses a comma list of categories (`exc,tlb,irq,insn`, or `all`). Throws Error on an unknown name. */
export function parseTraceCategories(list: string): number {
  let mask = 0;
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name === 'all') {
      mask |= TRACE_INSN | TRACE_EXC | TRACE_TLB | TRACE_IRQ;
      continue;
    }
    const bit = CATEGORIES[name];
    if (bit === undefined) throw new Error(`unknown trace category '${name}' (known: exc, tlb, irq, insn, hook, all)`);
    mask |= bit;
  }
  if (mask === 0) throw new Error('no trace category given (known: exc, tlb, irq, insn, hook, all)');
  return mask;
}

const h8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const h2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');
const asidOf = (cpu: Cpu): number => (cpu.cop0[C0_ENTRYHI]! >>> 6) & 63;

export class Tracer {
  /**
   * Address of the instruction executing now; at an instruction boundary, the next one to execute.
   * Set by the machine's debug loop; events report it as their PC.
   */
  curPc = 0;

  constructor(
    readonly mask: number,
    private readonly out: (line: string) => void,
  ) {}

  private line(cpu: Cpu, pc: number, rest: string): void {
    this.out(`${cpu.totalCycles} ${h8(pc)} ${rest}`);
  }

  /** `insn`: the instruction about to execute at cpu.pc (nothing if its fetch would fault). */
  instruction(cpu: Cpu): void {
    if ((this.mask & TRACE_INSN) === 0) return;
    const pc = cpu.pc;
    if ((pc & 3) !== 0) return;
    const mmu = cpu.mmu;
    if (mmu.translate(pc, INTENT_FETCH | INTENT_DEBUG) !== 0) return;
    if (!cpu.bus.read(mmu.pa, 4, true)) return;
    const word = cpu.bus.value >>> 0;
    const text = disassemble(word, pc >>> 0).text.replace(/\t/g, ' ');
    this.line(cpu, pc, `insn ${h8(word)} ${text}`);
  }

  /** `exc` (and `tlb refill` for a UTLB refill): called after the exception was entered. */
  exception(cpu: Cpu, code: number, pc: number, vector: number): void {
    const c0 = cpu.cop0;
    const exc = code & 0x1f;
    if ((this.mask & TRACE_TLB) !== 0 && (code & EXC_REFILL_FLAG) !== 0) {
      this.line(cpu, pc, `tlb refill va=${h8(c0[C0_BADVADDR]!)} asid=${asidOf(cpu)} vector=${h8(vector)}`);
    }
    if ((this.mask & TRACE_EXC) === 0) return;
    const cause = c0[C0_CAUSE]!;
    const ce = exc === 11 ? ` ce=${(cause >>> 28) & 3}` : '';
    this.line(
      cpu,
      pc,
      `exc ${EXC_NAMES[exc] ?? String(exc)} code=${exc} epc=${h8(c0[C0_EPC]!)} bd=${cause >>> 31} ` +
        `badvaddr=${h8(c0[C0_BADVADDR]!)} asid=${asidOf(cpu)} vector=${h8(vector)}${ce}`,
    );
  }

  /** `irq take`: an interrupt is about to be taken at this boundary. */
  interrupt(cpu: Cpu): void {
    if ((this.mask & TRACE_IRQ) === 0) return;
    const c0 = cpu.cop0;
    this.line(cpu, cpu.pc, `irq take ip=${h2(c0[C0_CAUSE]! >>> 8)} im=${h2(c0[C0_STATUS]! >>> 8)}`);
  }

  /** `irq line`: a hardware pin changed (Cause.IP already updated). */
  irqLine(cpu: Cpu, line: number, level: boolean): void {
    if ((this.mask & TRACE_IRQ) === 0) return;
    this.line(cpu, this.curPc, `irq line=${line} level=${level ? 1 : 0} ip=${h2(cpu.cop0[C0_CAUSE]! >>> 8)}`);
  }

  /** `irq sw`: MTC0 Cause changed the software interrupt bits IP1:0. */
  softwareInterrupt(cpu: Cpu): void {
    if ((this.mask & TRACE_IRQ) === 0) return;
    this.line(cpu, this.curPc, `irq sw ip=${h2(cpu.cop0[C0_CAUSE]! >>> 8)}`);
  }

  /** `hook`: a trap hook ran (after it: v0/v1 written, its cycles charged). */
  hook(cpu: Cpu, pc: number, id: number, name: string, args: readonly number[], v0: number, v1: number, cycles: number): void {
    if ((this.mask & TRACE_HOOK) === 0) return;
    this.line(
      cpu,
      pc,
      `hook ${id} ${name} a0=${h8(args[0]!)} a1=${h8(args[1]!)} a2=${h8(args[2]!)} a3=${h8(args[3]!)} v0=${h8(v0)} v1=${h8(v1)} cycles=${cycles}`,
    );
  }

  /** `tlb tlbwi|tlbwr`: a TLB entry was written. */
  tlbWrite(cpu: Cpu, index: number, random: boolean): void {
    if ((this.mask & TRACE_TLB) === 0) return;
    const hi = cpu.mmu.tlbHi[index]!;
    const lo = cpu.mmu.tlbLo[index]!;
    this.line(cpu, this.curPc, `tlb ${random ? 'tlbwr' : 'tlbwi'} index=${index} entryhi=${h8(hi)} entrylo=${h8(lo)}`);
  }
}
