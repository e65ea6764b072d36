/**
 * The panes' view models on a real booted machine (exokernel firmware running programs/hello.s):
 * what each pane shows, that every line has the pane's width, and that reading has no side
 * effects on the machine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Machine } from '../../emulator/machine.js';
import { cp0Lines, decodeCause, decodeStatus } from '../../debugger/views/cp0.js';
import { disasmLines, disasmRows, scrollTop } from '../../debugger/views/disasm.js';
import { envLines, kernelInfo } from '../../debugger/views/kernel.js';
import { consoleLines, consoleText } from '../../debugger/views/logs.js';
import { examineLines, memoryLines } from '../../debugger/views/memory.js';
import { registerLines } from '../../debugger/views/registers.js';
import { tlbEntries, tlbLines } from '../../debugger/views/tlb.js';
import { visibleLength } from '../../debugger/format.js';
import type { Inspect } from '../../debugger/inspect.js';
import { SymbolTable } from '../../debugger/symbols.js';
import { REG_PC } from '../../emulator/debug/types.js';
import { openSession, plain } from './helpers.js';

const HELLO = 'programs/hello.s';
let m: Machine;
let s: Inspect;
let syms: SymbolTable;

beforeAll(async () => {
  const o = await openSession([HELLO]);
  syms = o.symbols;
  s = o.session;
  m = s.machine;
  // In main, after its first instruction: the program's environment is live and main's page is
  // in the TLB.
  const main = syms.resolve('main')!;
  o.session.runTo(main);
  o.session.runTo(main + 4);
  expect(m.cpu.pc >>> 0).toBe((main + 4) >>> 0);
});

function widthsOk(lines: string[], w: number, rows: number): void {
  expect(lines).toHaveLength(rows);
  for (const l of lines) expect(visibleLength(l)).toBe(w);
}

describe('decoders', () => {
  it('Status shows the KU/IE stack as old/prev/cur, IM, CU and BEV', () => {
    // KUo=1 IEo=1, KUp=0 IEp=1, KUc=0 IEc=0; IM = 0x84; CU0; BEV.
    expect(decodeStatus(0x10408434)).toBe('o/p/c UI/K-/K- IM 10000100 CU ---0 BEV'.replace('K-/K-', 'KI/K-'));
  });
  it('Cause names the ExcCode and shows IP and BD', () => {
    expect(decodeCause(0x80000408)).toBe('TLBL(2) IP 00000100 BD');
    expect(decodeCause(0x0000002c)).toBe('CpU(11) IP 00000000 CE 0');
  });
});

describe('panes on a booted exokernel', () => {
  it('the program runs in user mode in its environment', () => {
    expect(m.cpu.stop).toBeNull();
    expect(m.cpu.cop0[12]! & 2).toBe(2);
  });

  it('disassembly: symbols, the PC arrow, delay slots and widths', () => {
    const main = syms.resolve('main')!;
    expect(main).toBeGreaterThanOrEqual(0x00400000);
    // Address space of the program: pick the ASID of its environment.
    const rows = disasmRows(s, main, 8, syms);
    expect(rows.length).toBe(8);
    const lines = disasmLines(s, { top: 0x80000000, rows: 12, width: 70, pc: 0x80000000, cursor: 0x80000004, symbols: syms });
    widthsOk(lines, 70, 12);
    const p = plain(lines);
    expect(p[0]).toBe('            <utlb_vector>:');
    expect(p[1]).toMatch(/^ > 80000000 [0-9a-f]{8} /);
    // The UTLB vector is a jump (j) followed by its delay slot, marked ↳.
    const j = p.findIndex((l) => / j\s/.test(l) || / b\s/.test(l));
    if (j >= 0 && j + 1 < p.length) expect(p[j + 1]).toContain('↳');
  });

  it('disassembly flags a load-delay hazard and a branch outcome', async () => {
    const { Machine } = await import('../../emulator/machine.js');
    const { createDebugSession, debugGuestIo } = await import('../../emulator/debug/session.js');
    const mm = new Machine({ io: debugGuestIo() });
    // lw t0,0(a0); addu t1,t0,t0 (hazard); beq t1,zero,+2 (pc 8); nop
    const words = [0x8c880000, 0x01084821, 0x11200002, 0x00000000];
    words.forEach((w, i) => (mm.bus.ram32[(0x1000 >>> 2) + i] = w));
    mm.cpu.setPc(0x80001008);
    const ms = createDebugSession(mm);
    const none = SymbolTable.empty();
    const p = plain(disasmLines(ms, { top: 0x80001000, rows: 4, width: 100, pc: 0x80001008, cursor: 0, symbols: none }));
    expect(p[1]).toContain('! load delay: t0 not yet loaded');
    expect(p[2]).toMatch(/> 80001008 .*beqz\s+t1,0x80001014 ; taken$/);
    expect(p[3]).toContain('↳nop');
    // jr ra at PC: the target comes from the register.
    expect(ms.writeMemory('physical', 0x1010, new Uint8Array([0x08, 0x00, 0xe0, 0x03]))).toBe(true);
    ms.writeRegister(31, 0x80001234);
    ms.writeRegister(REG_PC, 0x80001010);
    const q = plain(disasmLines(ms, { top: 0x80001010, rows: 1, width: 100, pc: 0x80001010, cursor: 0, symbols: none }));
    expect(q[0]).toMatch(/^ > 80001010 03e00008 {2}jr\s+ra ; taken → 80001234/);
  });

  it('scrollTop keeps the focus visible and scrolls only when needed', () => {
    expect(scrollTop(0x1000, 0x1010, 20)).toBe(0x1000);
    const t = scrollTop(0x1000, 0x2000, 20);
    expect(t).toBeLessThanOrEqual(0x2000);
    expect(0x2000 - t).toBeLessThan(4 * 16);
  });

  it('registers: ABI names, HI/LO/PC, and changed ones highlighted', () => {
    const lines = registerLines(s, 28, 18, null);
    widthsOk(lines, 28, 18);
    const text = plain(lines).join('\n');
    for (const n of ['zero', 'sp', 'ra', 'k0', 'hi', 'lo', 'pc']) expect(text).toMatch(new RegExp(`\\b${n} [0-9a-f]{8}`));
    const prev = Array.from({ length: 35 }, () => 0x12345678);
    const hl = registerLines(s, 58, 10, prev).join('\n');
    expect(hl).toContain('\x1b[1m\x1b[31m');
  });

  it('CP0: decoded Status, Cause, EntryHi ASID, Context', () => {
    const lines = cp0Lines(s, 70, 9, syms);
    widthsOk(lines, 70, 9);
    const p = plain(lines);
    expect(p[0]).toMatch(/^Status {3}[0-9a-f]{8} o\/p\/c [KU][I-]\/[KU][I-]\/[KU][I-] IM [01]{8} CU/);
    expect(p[1]).toMatch(/^Cause {4}[0-9a-f]{8} [A-Za-z]+\(\d+\) IP [01]{8}/);
    expect(p[4]).toMatch(/^EntryHi .* ASID \d+$/);
    expect(p[7]).toMatch(/^Context .* PTEBase [0-9a-f]{8} BadVPN [0-9a-f]{8}$/);
  });

  it('TLB: 64 entries, markers, filters and scrolling', () => {
    const all = tlbEntries(s);
    expect(all).toHaveLength(64);
    const lines = tlbLines(s, 90, 70, { kind: 'all' }, 0);
    widthsOk(lines, 90, 70);
    const p = plain(lines);
    expect(p[0]).toMatch(/^idx {3}VPN/);
    expect(p.slice(1, 65).every((l) => /^ ?\d+ [I ][R ] [0-9a-f]{5} {2}[0-9a-f]{8}-[0-9a-f]{8}/.test(l))).toBe(true);
    expect(p.filter((l) => /^ ?\d+ I/.test(l))).toHaveLength(1);
    expect(p.filter((l) => /^ ?\d+ [I ]R/.test(l))).toHaveLength(1);
    const valid = plain(tlbLines(s, 90, 70, { kind: 'valid' }, 0)).slice(1).filter((l) => l !== '');
    expect(all.filter((e) => e.v).length).toBeGreaterThan(0);
    expect(valid.length).toBe(all.filter((e) => e.v).length);
    expect(valid.every((l) => /[-N][-D]V[-G]$/.test(l))).toBe(true);
    const scrolled = plain(tlbLines(s, 90, 10, { kind: 'all' }, 5));
    expect(scrolled[1]).toMatch(/^ 5 /);
  });

  it('memory: hex, ASCII and each row translated; virtual and physical views', () => {
    const v = plain(memoryLines(s, 100, 5, { addr: 0x80000000, space: 'virtual' }));
    expect(v[1]).toMatch(/^80000000 → 00000000 k0 {3}[0-9a-f]{2}( [0-9a-f]{2}){15} {2}.{16}$/);
    const ph = plain(memoryLines(s, 100, 5, { addr: 0, space: 'physical' }));
    // Same bytes through kseg0 and physically.
    expect(ph[1]!.slice(25, 72)).toBe(v[1]!.slice(25, 72));
    const miss = plain(memoryLines(s, 80, 3, { addr: 0x7f000000, space: 'virtual', asid: 63 }));
    expect(miss[1]).toMatch(/^7f000000 → -------- miss→UTLB --( --){7}/);
    widthsOk(memoryLines(s, 80, 6, { addr: 0x80001000, space: 'virtual' }), 80, 6);
    const x = plain(examineLines(s, 0x80000000, 8, 4, 'x', 'virtual'));
    expect(x).toHaveLength(2);
    expect(x[0]).toMatch(/^80000000: {2}0x[0-9a-f]{8} {2}0x/);
  });

  it('memory reads have no side effects on the machine', () => {
    const before = JSON.stringify(m.state());
    const statusBefore = m.cpu.cop0[12];
    memoryLines(s, 100, 20, { addr: 0x7fff0000, space: 'virtual' });
    memoryLines(s, 100, 20, { addr: 0x1f000000, space: 'physical' }); // device space: null, never read
    tlbLines(s, 90, 70, { kind: 'all' }, 0);
    expect(JSON.stringify(m.state())).toBe(before);
    expect(m.cpu.cop0[12]).toBe(statusBefore);
  });

  it('environments: id, ASID, state, handlers, guaranteed mappings, counters', () => {
    const info = kernelInfo(m, true);
    expect(info).not.toBeNull();
    const lines = envLines(info, 110, 12, 0);
    widthsOk(lines, 110, 12);
    const p = plain(lines);
    expect(p[0]).toMatch(/^rec {2}id {8}ASID state/);
    expect(envLines(null, 60, 3, 0).map((l) => l.trim())[0]).toContain('no exokernel');
  });

  it('console: the guest output, last lines first to go', () => {
    expect(consoleText(new TextEncoder().encode('a\r\nb\tc\x07\n'))).toEqual(['a', 'b    c.', '']);
    const text = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(i * 10)}`).join('\n') + '\n';
    const cs = { ...s, consoleOutput: () => new TextEncoder().encode(text) };
    const p = plain(consoleLines(cs, 60, 4, 0));
    // The last line (9) wraps over two rows; the pane ends with it.
    expect(p).toEqual(['line 8 ' + 'x'.repeat(53), 'x'.repeat(27), 'line 9 ' + 'x'.repeat(53), 'x'.repeat(37)]);
    expect(plain(consoleLines(cs, 60, 1, 2))).toEqual(['x'.repeat(27)]);
    // Standard error (kernel messages) under a rule at the bottom.
    const ce = { ...cs, errorOutput: () => new TextEncoder().encode('exo: env 1 exited\n') };
    const q = plain(consoleLines(ce, 40, 9, 0));
    expect(q).toHaveLength(9);
    expect(q[5]).toMatch(/^── stderr ─+$/);
    expect(q[6]).toBe('exo: env 1 exited');
    expect(q[4]).toBe('x'.repeat(17)); // "line 9 " and 90 x's, wrapped at 40: 40 + 40 + 17
  });
});
