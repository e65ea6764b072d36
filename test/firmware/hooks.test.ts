/**
 * TypeScript trap hooks (emulator/hooks.ts, docs/exokernel.md §10): kernel-mode `break 0x3e5, N`
 * calls hook N with a0-a3, returns v0/v1, preserves every other register and charges exactly the
 * stated cycles; in user mode (or with no hook table) the same word raises Bp; an unknown number
 * stops the run; traced and untraced runs are identical.
 */
import { describe, expect, it } from 'vitest';
import { assembleOrThrow } from '../../assembler/index.js';
import { readElf } from '../../assembler/elf-read.js';
import { assemble } from '../../assembler/index.js';
import { C0_CAUSE, C0_EPC, C0_STATUS } from '../../emulator/cop0.js';
import { CNT_EXCEPTIONS, CNT_HOOK_CYCLES } from '../../emulator/cpu.js';
import { HOOK_BREAK_CODE, HookTable, hookWord, type HookCall } from '../../emulator/hooks.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { TRACE_EXC, TRACE_HOOK, TRACE_INSN, Tracer, parseTraceCategories } from '../../emulator/trace.js';

const HALT = `
	lui	$k1, 0xb000
	sw	$zero, 0x10($k1)
1:	b	1b
	nop
`;

/** A kernel-mode program (BEV=1, so an exception stops the run): every GPR gets a known value, then BODY, then halt. */
function program(body: string): string {
  const init = Array.from({ length: 31 }, (_, i) => `\tli\t$${i + 1}, ${0x10000 * (i + 1) + i + 1}`).join('\n');
  return `\t.text\n\t.set noreorder\n\t.globl __start\n__start:\n\tlui $t0, 0x40\n\tmtc0 $t0, $12\n\tnop\n\tnop\n${init}\n${body}\n${HALT}`;
}

function machineFor(src: string, table: HookTable | null): Machine {
  const r = assemble([{ name: 't.s', text: src }], { textAddr: 0x80001000 });
  if (!r.elf) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const m = new Machine({ io: new BufferIo(), ramBytes: 1 << 20 });
  m.loadBare(readElf(r.elf, 't.s'));
  if (table !== null) m.cpu.hook = table;
  return m;
}

function addTable(calls: HookCall[], cycles = 37): HookTable {
  const t = new HookTable();
  t.registerHook(7, 'sum', cycles, (c) => {
    calls.push({ ...c });
    c.v0 = (c.a0 + c.a1 + c.a2 + c.a3) >>> 0;
    c.v1 = 0xdeadbeef;
  });
  return t;
}

describe('trap hooks', () => {
  it('encodes the trigger as GNU as does `break 0x3e5, N`', () => {
    const img = assembleOrThrow('\t.text\n\tbreak 0x3e5, 7\n\tbreak 0x3e5, 1023\n', { textAddr: 0x80001000 });
    const text = img.sections.find((s) => s.name === '.text')!;
    const dv = new DataView(text.data.buffer, text.data.byteOffset);
    expect(dv.getUint32(0, true)).toBe(hookWord(7));
    expect(dv.getUint32(4, true)).toBe(hookWord(1023));
    expect(HOOK_BREAK_CODE).toBe(0x3e5);
  });

  it('calls the hook from kernel mode with a0-a3, returns v0/v1 and preserves everything else', () => {
    const calls: HookCall[] = [];
    const m = machineFor(program('\tbreak 0x3e5, 7\n\tnop'), addTable(calls));
    // Registers just before the break: run the same program without it.
    const ref = machineFor(program('\tnop\n\tnop'), null);
    expect(m.run(100_000).reason).toBe('halt');
    expect(ref.run(100_000).reason).toBe('halt');
    expect(calls.length).toBe(1);
    const c = calls[0]!;
    const s = m.state();
    const r = ref.state();
    expect([c.a0, c.a1, c.a2, c.a3]).toEqual([r.gpr[4], r.gpr[5], r.gpr[6], r.gpr[7]]);
    expect(c.pc).toBe(0x80001000 + 4 * (4 + 31 * 2)); // lui, mtc0, 2 nops, 31 two-word li
    expect(s.gpr[2]).toBe((r.gpr[4]! + r.gpr[5]! + r.gpr[6]! + r.gpr[7]!) >>> 0);
    expect(s.gpr[3]).toBe(0xdeadbeef);
    for (let i = 0; i < 32; i++) if (i !== 2 && i !== 3) expect(s.gpr[i], `r${i}`).toBe(r.gpr[i]);
    expect([s.hi, s.lo, s.cp0]).toEqual([r.hi, r.lo, { ...r.cp0, random: s.cp0.random }]);
    expect(m.cpu.count[CNT_EXCEPTIONS]).toBe(0);
  });

  it('charges exactly the stated cycles (plus charge(n)), counted apart from instructions', () => {
    for (const cycles of [0, 1, 37, 1000]) {
      const t = new HookTable();
      t.registerHook(3, 'cost', cycles, (c) => c.charge(c.a0));
      const body = '\tli $a0, 11\n\tbreak 0x3e5, 3\n\tnop';
      const m = machineFor(program(body), t);
      // The same program with a one-cycle instruction in place of the BREAK.
      const ref = machineFor(program(body.replace('break 0x3e5, 3', 'addu $0, $0, $0')), null);
      m.run(100_000);
      ref.run(100_000);
      expect(m.cpu.totalCycles - ref.cpu.totalCycles).toBe(cycles + 11);
      expect(m.cpu.count[CNT_HOOK_CYCLES]).toBe(cycles + 11);
      expect(m.cpu.instructions).toBe(ref.cpu.instructions);
    }
  });

  it('continues at the branch target when the BREAK sits in a delay slot', () => {
    const calls: HookCall[] = [];
    const body = '\tb 1f\n\tbreak 0x3e5, 7\n\tli $s0, 1\n1:\tli $s1, 2';
    const m = machineFor(program(body), addTable(calls));
    expect(m.run(100_000).reason).toBe('halt');
    expect(calls.length).toBe(1);
    const s = m.state();
    expect(s.gpr[16]).not.toBe(1);
    expect(s.gpr[17]).toBe(2);
  });

  it('in user mode the same word raises Bp and the hook is not called', () => {
    const calls: HookCall[] = [];
    const m = machineFor(program(''), addTable(calls));
    const cpu = m.cpu;
    // A user page at 0x00400000 holding the BREAK, then user mode at it.
    cpu.bus.load(0x5000, new Uint8Array(new Uint32Array([hookWord(7), 0]).buffer));
    cpu.mmu.tlbHi[8] = 0x00400000;
    cpu.mmu.tlbLo[8] = 0x5000 | 0x700;
    cpu.mmu.invalidate();
    cpu.cop0[C0_STATUS] = 0x00400002; // BEV=1, KUc=1
    cpu.setPc(0x00400000);
    cpu.tracer = null;
    // The general vector (BEV=1) is not in the ROM: loadBare's onVector stops the run there.
    const res = m.run(1000);
    expect(res.reason).toBe('fault');
    expect(calls.length).toBe(0);
    expect((cpu.cop0[C0_CAUSE]! >>> 2) & 31).toBe(9);
    expect(cpu.cop0[C0_EPC]).toBe(0x00400000);
    expect(cpu.count[CNT_EXCEPTIONS]).toBe(1);
    expect(cpu.count[CNT_HOOK_CYCLES]).toBe(0);
  });

  it('with no hook table (a bare run) the word is an ordinary BREAK', () => {
    const m = machineFor(program('\tbreak 0x3e5, 7\n\tnop'), null);
    const res = m.run(100_000);
    expect(res.reason).toBe('fault');
    expect((m.cpu.cop0[C0_CAUSE]! >>> 2) & 31).toBe(9);
  });

  it('other BREAK codes in kernel mode still raise Bp', () => {
    const calls: HookCall[] = [];
    for (const w of ['break 7', 'break 0x3ff, 7', 'break 0x3e4, 7', 'break']) {
      const m = machineFor(program(`\t${w}\n\tnop`), addTable(calls));
      expect(m.run(100_000).reason, w).toBe('fault');
      expect((m.cpu.cop0[C0_CAUSE]! >>> 2) & 31, w).toBe(9);
    }
    expect(calls.length).toBe(0);
  });

  it('an unknown hook number stops the run with a defined error', () => {
    const m = machineFor(program('\tbreak 0x3e5, 99\n\tnop'), addTable([]));
    const res = m.run(100_000);
    expect(res).toEqual({ reason: 'fault', code: 133, message: expect.stringMatching(/^unknown trap hook 99 called at pc 0x80001[0-9a-f]{3} \(break 0x3e5, 99\)$/) });
    expect(m.cpu.count[CNT_EXCEPTIONS]).toBe(0);
  });

  it('halt() stops the run after the call completes', () => {
    const t = new HookTable();
    t.registerHook(2, 'halt', 5, (c) => c.halt(c.a0));
    const m = machineFor(program('\tli $a0, 0x1ab\n\tbreak 0x3e5, 2\n\tli $s0, 0'), t);
    expect(m.run(100_000)).toEqual({ reason: 'halt', code: 0xab });
    expect(m.state().gpr[16]).not.toBe(0);
  });

  it('reads guest memory only through the debug translation', () => {
    const seen: (string | undefined)[] = [];
    const t = new HookTable();
    t.registerHook(1, 'peek', 0, (c) => {
      const b = c.read(c.a0, c.a1);
      seen.push(b === undefined ? undefined : Buffer.from(b).toString('latin1'));
      c.v0 = b === undefined ? -1 : b.length;
    });
    const body = `
	la	$a0, msg
	li	$a1, 5
	break	0x3e5, 1
	move	$s0, $v0
	li	$a0, 0x00700000		# kuseg, no TLB entry: no refill, no exception
	break	0x3e5, 1
	move	$s1, $v0
	.rdata
msg:	.ascii "hello"
	.text`;
    const m = machineFor(program(body), t);
    expect(m.run(100_000).reason).toBe('halt');
    expect(seen).toEqual(['hello', undefined]);
    expect(m.state().gpr[16]).toBe(5);
    expect(m.state().gpr[17]).toBe(0xffffffff);
    expect(m.cpu.count[CNT_EXCEPTIONS]).toBe(0);
  });

  it('traced and untraced runs are identical, and --trace hook prints each call', () => {
    const body = '\tli $a0, 1\n\tbreak 0x3e5, 7\n\tnop\n\tb 1f\n\tbreak 0x3e5, 7\n1:\tnop';
    const plain = machineFor(program(body), addTable([]));
    const traced = machineFor(program(body), addTable([]));
    const lines: string[] = [];
    traced.setTracer(new Tracer(TRACE_INSN | TRACE_EXC | TRACE_HOOK, (l) => lines.push(l)));
    expect(traced.run(100_000)).toEqual(plain.run(100_000));
    expect(traced.state()).toEqual(plain.state());
    expect(traced.cpu.count).toEqual(plain.cpu.count);
    const hooks = lines.filter((l) => / hook /.test(l));
    expect(hooks.length).toBe(2);
    expect(hooks[0]).toMatch(/^\d+ [0-9a-f]{8} hook 7 sum a0=00000001 a1=[0-9a-f]{8} a2=[0-9a-f]{8} a3=[0-9a-f]{8} v0=[0-9a-f]{8} v1=deadbeef cycles=37$/);
    expect(lines.some((l) => / exc /.test(l))).toBe(false);
    expect(parseTraceCategories('hook')).toBe(TRACE_HOOK);
  });

  it('refuses bad registrations', () => {
    const t = new HookTable();
    t.registerHook(1, 'a', 0, () => {});
    expect(() => t.registerHook(1, 'b', 0, () => {})).toThrow(/already registered/);
    expect(() => t.registerHook(1024, 'c', 0, () => {})).toThrow(/0\.\.1023/);
    expect(() => t.registerHook(5, 'd', -1, () => {})).toThrow(/cycles/);
  });
});
