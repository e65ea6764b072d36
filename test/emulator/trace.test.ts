/**
 * Tracing (docs/machine.md "Tracing"): the exact line format of each category, that a traced run
 * (the debug loop) executes exactly like an untraced one, and the category parser.
 */
import { describe, expect, it } from 'vitest';
import { C0_STATUS } from '../../emulator/cop0.js';
import { TRACE_EXC, TRACE_INSN, TRACE_IRQ, TRACE_TLB, Tracer, parseTraceCategories } from '../../emulator/trace.js';
import { CODE_VA, NOP, TestMachine, enc } from './harness.js';

const li = (rt: number, v: number): number[] => [enc('lui', { rt, imm: v >>> 16 }), enc('ori', { rt, rs: rt, imm: v & 0xffff })];

/**
 * A small kernel-mode program: map a kuseg page with TLBWI, take a TLB refill (kuseg miss), an
 * Int from a software interrupt, and halt from the handler on the second exception.
 * Handler (BEV=0 general vector and UTLB vector) counts exceptions in s7 and halts at 2.
 */
function program(): TestMachine {
  const t = new TestMachine();
  const handler = [
    enc('addiu', { rt: 23, rs: 23, imm: 1 }),
    enc('ori', { rt: 8, rs: 0, imm: 2 }),
    enc('bne', { rs: 23, rt: 8, imm: 3 }),
    NOP,
    enc('lui', { rt: 27, imm: 0xb000 }),
    enc('sw', { rt: 0, rs: 27, imm: 0x10 }),
    // not yet: skip the faulting instruction (EPC + 4) and return
    enc('mfc0', { rt: 26, rd: 14 }),
    NOP,
    enc('addiu', { rt: 26, rs: 26, imm: 4 }),
    enc('jr', { rs: 26 }),
    enc('rfe'),
  ];
  t.poke(0x80000000, handler);
  t.poke(0x80000080, handler);
  t.boot([
    ...li(8, 0x00400040), // EntryHi: VPN 0x400, ASID 1
    enc('mtc0', { rt: 8, rd: 10 }),
    ...li(9, 0x00020600), // EntryLo: PFN 0x20, D V
    enc('mtc0', { rt: 9, rd: 2 }),
    enc('ori', { rt: 10, rs: 0, imm: 9 << 8 }),
    enc('mtc0', { rt: 10, rd: 0 }), // Index 9
    enc('tlbwi'),
    enc('lui', { rt: 11, imm: 0x0050 }),
    enc('lw', { rt: 12, rs: 11, imm: 4 }), // 0x00500004: no entry: UTLB refill
    ...li(13, 0x0101),
    enc('mtc0', { rt: 13, rd: 12 }), // IM0 | IEc
    enc('ori', { rt: 14, rs: 0, imm: 0x100 }),
    enc('mtc0', { rt: 14, rd: 13 }), // Cause.IP0: Int right after this MTC0
    NOP,
    NOP,
  ]);
  t.cpu.cop0[C0_STATUS] = 0; // BEV = 0
  return t;
}

function traced(mask: number): { t: TestMachine; lines: string[] } {
  const t = program();
  const lines: string[] = [];
  t.m.setTracer(new Tracer(mask, (l) => lines.push(l)));
  expect(t.run(100_000)).toEqual({ reason: 'halt', code: 0 });
  return { t, lines };
}

describe('trace lines', () => {
  it('exc, tlb and irq: the documented format, exactly', () => {
    const { lines } = traced(TRACE_EXC | TRACE_TLB | TRACE_IRQ);
    // The cycles follow from docs/timing.md: every fetch here is a cold cached fetch (6 cycles):
    // the TLBWI is the 9th instruction (ends at 54), the LW the 11th (66); the handler's 9
    // instructions and 5 more after the return end with the MTC0 Cause at 150.
    expect(lines).toEqual([
      '54 80001020 tlb tlbwi index=9 entryhi=00400040 entrylo=00020600',
      '66 80001028 tlb refill va=00500004 asid=1 vector=80000000',
      '66 80001028 exc TLBL code=2 epc=80001028 bd=0 badvaddr=00500004 asid=1 vector=80000000',
      '150 8000103c irq sw ip=01',
      '150 80001040 irq take ip=01 im=01',
      '150 80001040 exc Int code=0 epc=80001040 bd=0 badvaddr=00500004 asid=1 vector=80000080',
    ]);
  });

  it('insn: cycle before the instruction, PC, word, disassembly', () => {
    const { lines } = traced(TRACE_INSN);
    expect(lines[0]).toBe('0 80001000 insn 3c080040 lui t0,0x40');
    expect(lines[1]).toBe('6 80001004 insn 35080040 ori t0,t0,0x40');
    expect(lines).toContain('48 80001020 insn 42000002 tlbwi');
    // No line for an instruction whose fetch faults; every line's cycle is a boundary (increasing).
    const cycles = lines.map((l) => Number(l.split(' ')[0]));
    for (let i = 1; i < cycles.length; i++) expect(cycles[i]!).toBeGreaterThan(cycles[i - 1]!);
    for (const l of lines) expect(l).toMatch(/^\d+ [0-9a-f]{8} insn [0-9a-f]{8} \S/);
  });

  it('a traced run executes exactly like an untraced one (state, counters, output)', () => {
    const { t } = traced(TRACE_INSN | TRACE_EXC | TRACE_TLB | TRACE_IRQ);
    const fast = program();
    expect(fast.run(100_000)).toEqual({ reason: 'halt', code: 0 });
    expect(fast.m.state()).toEqual(t.m.state());
    expect(fast.m.stats()).toEqual(t.m.stats());
    expect(fast.reg(23)).toBe(2);
  });

  it('irq line changes name the line, its level and Cause.IP after the change', () => {
    const t = new TestMachine().boot([NOP, NOP, NOP]);
    const lines: string[] = [];
    t.m.setTracer(new Tracer(TRACE_IRQ, (l) => lines.push(l)));
    const timerPin = t.m.irq.line(2);
    timerPin.set(true);
    timerPin.set(false);
    expect(lines).toEqual(['0 00000000 irq line=2 level=1 ip=10', '0 00000000 irq line=2 level=0 ip=00']);
    expect(CODE_VA).toBe(0x80001000);
  });
});

describe('trace categories', () => {
  it('parses comma lists and all; rejects unknown and empty lists', () => {
    expect(parseTraceCategories('exc,tlb')).toBe(TRACE_EXC | TRACE_TLB);
    expect(parseTraceCategories('irq, insn')).toBe(TRACE_IRQ | TRACE_INSN);
    expect(parseTraceCategories('all')).toBe(15);
    expect(() => parseTraceCategories('exc,bogus')).toThrow(/unknown trace category 'bogus'/);
    expect(() => parseTraceCategories(',')).toThrow(/no trace category/);
  });
});
