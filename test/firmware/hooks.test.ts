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
import {
  DEFAULT_QUANTUM, DEFAULT_SEED, IMAGE_COPY_BASE_CYCLES, IMAGE_COPY_BYTE_CYCLES, MACHINE_INFO_CYCLES, NO_PROGRAMS, QUERY_CYCLES,
  REPORT_BASE_CYCLES, REPORT_BYTE_CYCLES, registerFirmwareHooks, reportText, type FirmwareData,
} from '../../firmware/hooks.js';
import { SEG_EXECUTABLE, SEG_WRITABLE, type ProgramImage } from '../../firmware/images.js';
import { L } from '../../firmware/layout.js';

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

// ---- the firmware's hooks (firmware/hooks.ts): numbers from layout.inc, data from the images ----

const RESULTS = 0x80008000;

/** Runs a kernel-mode program making each call [hook, a0, a1, a2, a3]; returns v0/v1 and the cycles charged per call. */
function runFirmwareHooks(calls: readonly (readonly number[])[], data: FirmwareData, opts: { io?: BufferIo; ramBytes?: number; before?: (m: Machine) => void } = {}) {
  const h = (n: number): string => `0x${(n >>> 0).toString(16)}`;
  const body = calls
    .map(([id, a0 = 0, a1 = 0, a2 = 0, a3 = 0], i) => `\tli $a0, ${h(a0)}\n\tli $a1, ${h(a1)}\n\tli $a2, ${h(a2)}\n\tli $a3, ${h(a3)}\n\tbreak 0x3e5, ${id}\n\tsw $v0, ${8 * i}($s7)\n\tsw $v1, ${8 * i + 4}($s7)`)
    .join('\n');
  const src = `\t.text\n\t.set noreorder\n\t.globl __start\n__start:\n\tlui $t0, 0x40\n\tmtc0 $t0, $12\n\tnop\n\tnop\n\tli $s7, ${h(RESULTS)}\n${body}\n${HALT}`;
  const r = assemble([{ name: 'k.s', text: src }], { textAddr: 0x80001000 });
  if (!r.elf) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const io = opts.io ?? new BufferIo();
  const m = new Machine({ io, ramBytes: opts.ramBytes ?? 1 << 20 });
  m.loadBare(readElf(r.elf, 'k.s'));
  const t = new HookTable();
  registerFirmwareHooks(t, m, data);
  m.cpu.hook = t;
  opts.before?.(m);
  const lines: string[] = [];
  m.setTracer(new Tracer(TRACE_HOOK, (l) => lines.push(l)));
  const res = m.run(10_000_000);
  const base = (RESULTS - 0x80000000) >>> 2;
  return {
    m,
    io,
    res,
    v0: calls.map((_, i) => m.bus.ram32[base + 2 * i]! | 0),
    v1: calls.map((_, i) => m.bus.ram32[base + 2 * i + 1]! | 0),
    cycles: lines.map((l) => Number(/ cycles=(\d+)$/.exec(l)![1])),
    total: m.cpu.count[CNT_HOOK_CYCLES]!,
  };
}

/** Two images: one with a text and a data+bss segment, one with a single segment. */
function testImages(): ProgramImage[] {
  const data = new Uint8Array(300).map((_, i) => (i * 7 + 1) & 0xff);
  return [
    {
      name: 'one.s',
      entry: 0x00400010,
      pages: 3,
      segments: [
        { vaddr: 0x00400000, memsz: 64, filesz: 64, flags: SEG_EXECUTABLE, data: new Uint8Array(64).fill(0x11) },
        { vaddr: 0x00410000, memsz: 5000, filesz: 300, flags: SEG_WRITABLE, data },
      ],
    },
    { name: 'two.elf', entry: 0x00500000, pages: 1, segments: [{ vaddr: 0x00500000, memsz: 16, filesz: 16, flags: SEG_EXECUTABLE | SEG_WRITABLE, data: new Uint8Array(16).fill(0x22) }] },
  ];
}

describe('firmware hooks', () => {
  const data: FirmwareData = { images: testImages(), quantum: 12345, seed: 0xdeadbeef };

  it('are registered under the numbers of layout.inc', () => {
    const t = new HookTable();
    registerFirmwareHooks(t, new Machine({ io: new BufferIo(), ramBytes: 1 << 20 }), data);
    const names = ['CONSOLE_WRITE', 'HALT', 'MACHINE_INFO', 'IMAGE_COUNT', 'IMAGE_INFO', 'IMAGE_COPY', 'REPORT', 'SEED', 'DPF_INSTALL', 'DPF_REMOVE', 'ASH_INSTALL'];
    expect(t.entries().map((e) => [e.id, e.name])).toEqual(names.map((n) => [L(`HOOK_${n}`), n.toLowerCase()]));
  });

  it('machine_info, image_count and seed answer with the machine and the options, at their stated cycles', () => {
    const r = runFirmwareHooks([[L('HOOK_MACHINE_INFO')], [L('HOOK_IMAGE_COUNT')], [L('HOOK_SEED')]], data, { ramBytes: 2 << 20 });
    expect(r.res).toEqual({ reason: 'halt', code: 0 });
    expect(r.v0).toEqual([2 << 20, 2, 0xdeadbeef | 0]);
    expect(r.v1[0]).toBe(12345);
    expect(r.cycles).toEqual([MACHINE_INFO_CYCLES, QUERY_CYCLES, QUERY_CYCLES]);
    expect(r.total).toBe(MACHINE_INFO_CYCLES + 2 * QUERY_CYCLES);
    const none = runFirmwareHooks([[L('HOOK_IMAGE_COUNT')], [L('HOOK_SEED')], [L('HOOK_MACHINE_INFO')]], NO_PROGRAMS);
    expect(none.v0).toEqual([0, DEFAULT_SEED | 0, 1 << 20]);
    expect(none.v1[2]).toBe(DEFAULT_QUANTUM);
  });

  it('image_info describes images and segments, and gives -1 for anything out of range', () => {
    const I = L('HOOK_IMAGE_INFO');
    const calls = [
      [I, 0, -1, 0], [I, 0, -1, 1], [I, 1, -1, 0], [I, 1, -1, 1],
      [I, 0, 0, 0], [I, 0, 0, 1], [I, 0, 0, 2], [I, 0, 0, 3],
      [I, 0, 1, 0], [I, 0, 1, 1], [I, 0, 1, 2], [I, 0, 1, 3],
      [I, 1, 0, 3],
      // out of range: image, segment, what (for the image and for a segment), segment -2
      [I, 2, -1, 0], [I, -1, -1, 0], [I, 0, 2, 0], [I, 1, 1, 0], [I, 0, -1, 2], [I, 0, 0, 4], [I, 0, 0, -1], [I, 0, -2, 0],
    ];
    const r = runFirmwareHooks(calls, data);
    expect(r.v0).toEqual([
      0x00400010, 2, 0x00500000, 1,
      0x00400000, 64, 64, SEG_EXECUTABLE,
      0x00410000, 5000, 300, SEG_WRITABLE,
      SEG_EXECUTABLE | SEG_WRITABLE,
      -1, -1, -1, -1, -1, -1, -1, -1,
    ]);
    expect(r.cycles).toEqual(calls.map(() => QUERY_CYCLES));
  });

  it('image_copy writes file bytes then zeros to physical RAM, charging 20 + 1 per byte', () => {
    const C = L('HOOK_IMAGE_COPY');
    const seg = data.images[0]!.segments[1]!;
    // Across the end of the file bytes (300): 250..649.
    const r = runFirmwareHooks([[C, (0 << 8) | 1, 250, 0x80020000, 400], [C, 1 << 8, 0, 0x80030004, 16], [C, 1, 0, 0x800ffff0, 16], [C, 1, 4990, 0x80021000, 10], [C, 1, 0, 0x80022000, 0]], data, {
      before: (m) => m.bus.ram8.fill(0xee, 0x1fff0, 0x40000),
    });
    expect(r.v0).toEqual([400, 16, 16, 10, 0]);
    expect(r.cycles).toEqual([20 + 400, 20 + 16, 20 + 16, 20 + 10, 20]);
    expect(IMAGE_COPY_BASE_CYCLES).toBe(20);
    expect(IMAGE_COPY_BYTE_CYCLES).toBe(1);
    const ram = r.m.bus.ram8;
    expect(Array.from(ram.subarray(0x20000, 0x20000 + 50))).toEqual(Array.from(seg.data.subarray(250, 300)));
    expect(ram.subarray(0x20000 + 50, 0x20000 + 400).every((b) => b === 0)).toBe(true);
    expect(ram[0x20000 + 400]).toBe(0xee);
    expect(ram[0x1ffff]).toBe(0xee); // nothing before it
    expect(Array.from(ram.subarray(0x30004, 0x30014))).toEqual(Array(16).fill(0x22));
    expect(ram[0x30003]).toBe(0xee);
    expect(ram[0x30014]).toBe(0xee);
    expect(Array.from(ram.subarray(0xffff0, 0x100000))).toEqual(Array.from(seg.data.subarray(0, 16)));
    expect(ram.subarray(0x21000, 0x2100a).every((b) => b === 0)).toBe(true);
  });

  it('image_copy refuses ranges outside the segment and destinations outside kseg0 RAM, writing nothing', () => {
    const C = L('HOOK_IMAGE_COPY');
    const calls = [
      [C, 1, 4990, 0x80020000, 11], // past memsz
      [C, 1, 0xffffffff, 0x80020000, 2], // offset wraps
      [C, 2 << 8, 0, 0x80020000, 4], // no image 2
      [C, 2, 0, 0x80020000, 4], // no segment 2
      [C, 1 << 8 | 1, 0, 0x80020000, 4], // image 1 has one segment
      [C, 0, 0, 0x00020000, 4], // kuseg
      [C, 0, 0, 0xa0020000, 4], // kseg1
      [C, 0, 0, 0x800ffffc, 8], // past the end of RAM
      [C, 0, 0, 0x80100000, 4], // outside RAM
    ];
    const r = runFirmwareHooks(calls, data, { before: (m) => m.bus.ram8.fill(0xee, 0x20000, 0x21000) });
    expect(r.v0).toEqual(calls.map(() => -1));
    expect(r.cycles).toEqual(calls.map(() => IMAGE_COPY_BASE_CYCLES));
    expect(r.m.bus.ram8.subarray(0x20000, 0x21000).every((b) => b === 0xee)).toBe(true);
    expect(r.m.bus.ram8.subarray(0xffffc, 0x100000).every((b) => b === 0)).toBe(true);
  });

  it('report prints one kernel message line on stderr (never stdout), charging 20 + 5 per byte', () => {
    const R = L('HOOK_REPORT');
    const calls = [
      [R, L('REPORT_KILLED'), 0x41, L('EXC_TLBL'), 0x00400010],
      [R, L('REPORT_BADSAVE'), 0x82, 12, 0x00400020],
      [R, L('REPORT_EXIT'), 0x41, 3],
      [R, L('REPORT_IMAGE'), 0x41, 0, 0x00400010],
      [R, L('REPORT_LOAD_FAILED'), 1, L('ENOMEM')],
      [R, L('REPORT_EXCESS'), 0x43, 8],
      [R, L('REPORT_ALL_DONE'), 3],
      [R, L('REPORT_LOAD_FAILED'), 7, -99],
      [R, L('REPORT_IDLE'), 2],
      [R, L('REPORT_DELAY_SYSCALL'), 0x41, 0, 0x00400024],
      [R, 99, 1, 2, 3],
    ];
    const r = runFirmwareHooks(calls, data);
    const lines = [
      'exo: env 0x41 killed: TLBL exception at pc 0x00400010 with no handler',
      'exo: env 0x82 killed: Ov exception at pc 0x00400020: its handler is set but it has no save area',
      'exo: env 0x41 exited with status 3',
      'exo: env 0x41 loaded from image 0 (one.s), entry 0x00400010',
      'exo: image 1 (two.elf) not loaded: ENOMEM (-4)',
      'exo: env 0x43 destroyed: it overran its time slice 8 times',
      'exo: all environments have exited; halting with status 3',
      'exo: image 7 not loaded: -99',
      'exo: 2 environments are live but none can run (no slice belongs to a runnable environment); halting',
      'exo: env 0x41 killed: syscall in a branch delay slot at pc 0x00400024',
      'exo: kernel report 99 (unknown): a1=0x00000001 a2=0x00000002 a3=0x00000003',
    ];
    expect(r.io.stderr).toBe(lines.map((l) => l + '\n').join(''));
    expect(r.io.stdout).toBe('');
    expect(r.cycles).toEqual(lines.map((l) => REPORT_BASE_CYCLES + REPORT_BYTE_CYCLES * (l.length + 1)));
    expect(r.v0).toEqual(calls.map(() => 0));
  });

  it('reportText names every layout.inc error code', () => {
    for (const name of ['EINVAL', 'ECAP', 'ENOENT', 'ENOMEM', 'EFAULT', 'ENOSYS', 'EPERM', 'EBUSY']) {
      expect(reportText(L('REPORT_LOAD_FAILED'), 0, L(name), 0, [])).toBe(`image 0 not loaded: ${name} (${L(name)})`);
    }
  });
});
