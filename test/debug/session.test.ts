/**
 * The debug engine (emulator/debug/session.ts): stop points, stepping, reverse execution,
 * modifications, console recording, side-effect-free reads.
 */
import { describe, expect, it } from 'vitest';
import { C0_CAUSE, C0_ENTRYHI } from '../../emulator/cop0.js';
import { REG_PC, type DebugSession } from '../../emulator/debug/types.js';
import { bareSession, prog, runPrepared, runSession, text } from './helpers.js';

/** A loop calling a function, a store in a delay slot, a load-delay slot store, then halt. */
const LOOP = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $s0, 0
        li    $s1, 5
loop:   jal   bump
        nop
        addiu $s1, $s1, -1
        bnez  $s1, loop
        nop
        la    $t0, var
        li    $t1, 77
        b     after
        sw    $t1, 0($t0)          # store in a delay slot
after:  la    $t0, bufa
        la    $t2, ptrb
        lw    $t0, 0($t2)          # t0 <- address of bufb (pending)
        sw    $t1, 0($t0)          # load-delay slot: still the old t0 (bufa)
        sw    $t1, 0($t0)          # now t0 = bufb
        lw    $t3, 0($t0)
        li    $t9, 0xb0000000
        li    $t8, 'k'
        sb    $t8, 0($t9)
        sw    $s0, 0x10($t9)       # halt with s0 (= 5)
        nop
bump:   addiu $s0, $s0, 1
        jr    $ra
        nop
        .data
var:    .word 1
bufa:   .word 0
bufb:   .word 0
ptrb:   .word bufb
`;

function regs(s: DebugSession): number[] {
  return Array.from({ length: 38 }, (_, i) => s.readRegister(i));
}

describe('forward execution', () => {
  it('stops at a breakpoint each time it is reached, counts hits, runs to the end without it', () => {
    const { s, b } = bareSession(LOOP);
    const bp = s.addBreakpoint(b.sym('bump'));
    for (let i = 1; i <= 5; i++) {
      const e = s.cont();
      expect(e).toEqual({ kind: 'breakpoint', id: bp.id, pc: b.sym('bump') });
      expect(s.readRegister(16)).toBe(i - 1); // s0 before bump increments it
    }
    expect(bp.hits).toBe(5);
    expect(s.remove(bp.id)).toBe(true);
    expect(s.remove(bp.id)).toBe(false);
    expect(s.cont()).toEqual({ kind: 'halt', code: 5 });
    expect(s.running()).toBe(false);
    expect(text(s.consoleOutput())).toBe('k');
    // A stopped machine stays stopped.
    expect(s.stepInstruction()).toEqual({ kind: 'halt', code: 5 });
  });

  it('steps a branch together with its delay slot, and steps over a call', () => {
    const { s, b } = bareSession(LOOP);
    s.runTo(b.sym('loop'));
    expect(s.readRegister(REG_PC)).toBe(b.sym('loop'));
    // jal + its slot: one step into bump.
    expect(s.stepInstruction()).toEqual({ kind: 'step' });
    expect(s.readRegister(REG_PC)).toBe(b.sym('bump'));
    expect(s.readRegister(31)).toBe(b.sym('loop') + 8);
    s.runTo(b.sym('loop'));
    const before = s.readRegister(16);
    expect(s.stepOver()).toEqual({ kind: 'step' });
    expect(s.readRegister(REG_PC)).toBe(b.sym('loop') + 8);
    expect(s.readRegister(16)).toBe(before + 1);
    // A step at a non-call behaves as stepInstruction.
    expect(s.stepOver()).toEqual({ kind: 'step' });
    expect(s.readRegister(REG_PC)).toBe(b.sym('loop') + 12);
  });

  it('stops on a write watchpoint before a store in a delay slot (virtual and physical)', () => {
    for (const space of ['virtual', 'physical'] as const) {
      const { s, b } = bareSession(LOOP);
      const va = b.sym('var');
      const w = s.addWatchpoint(space, space === 'virtual' ? va : va - 0x80000000, 4, 'write');
      const e = s.cont();
      const slot = b.sym('after') - 4;
      expect(e).toEqual({ kind: 'watchpoint', id: w.id, access: 'write', vaddr: va, paddr: va - 0x80000000, size: 4, pc: slot });
      expect(s.machine.cpu.bd).toBe(1); // the branch has executed, the slot has not
      expect(s.readVirtual(va, 4)).toEqual([1, 0, 0, 0]); // not written yet
      expect(s.stepInstruction()).toEqual({ kind: 'step' });
      expect(s.readVirtual(va, 4)).toEqual([77, 0, 0, 0]);
      expect(s.readRegister(REG_PC)).toBe(b.sym('after'));
      expect(w.hits).toBe(1);
    }
  });

  it('computes the address a store in a load-delay slot uses from the old register value', () => {
    const { s, b } = bareSession(LOOP);
    const wa = s.addWatchpoint('virtual', b.sym('bufa'), 4, 'write');
    const wb = s.addWatchpoint('virtual', b.sym('bufb'), 4, 'access');
    const e1 = s.cont();
    expect(e1.kind === 'watchpoint' && e1.id).toBe(wa.id);
    const e2 = s.cont();
    expect(e2).toMatchObject({ kind: 'watchpoint', id: wb.id, access: 'write', vaddr: b.sym('bufb') });
    // A read watchpoint ignores the store and stops at the load.
    const e3 = s.cont();
    expect(e3).toMatchObject({ kind: 'watchpoint', id: wb.id, access: 'read', vaddr: b.sym('bufb') });
    expect(s.cont()).toEqual({ kind: 'halt', code: 5 });
  });

  it('runs in budget slices and honours a pause request', () => {
    const { s } = bareSession(LOOP);
    const e = s.cont(7);
    expect(e).toEqual({ kind: 'budget' });
    expect(s.instructions()).toBe(7);
    s.requestPause();
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(s.instructions()).toBe(7);
    expect(s.cont()).toEqual({ kind: 'halt', code: 5 });
  });
});

describe('catchpoints and the exception log (firmware run)', () => {
  it('catches a TLB miss only in the environment asked for, stopping at the vector', async () => {
    const s = await runSession([prog('demand-paging.s'), prog('hello.s')]);
    // TLBL anywhere first: learn one environment's ASID.
    const any = s.addCatchpoint(2);
    const e = s.cont();
    expect(e.kind).toBe('exception');
    if (e.kind !== 'exception') return;
    expect(e.id).toBe(any.id);
    expect(s.readRegister(REG_PC)).toBe(e.record.vector);
    expect((s.machine.cpu.cop0[C0_CAUSE]! >>> 2) & 31).toBe(2);
    expect(s.exceptionLog().at(-1)).toEqual(e.record);
    expect(e.record.instructions).toBe(s.instructions());
    expect(e.record.cycle).toBe(s.machine.cpu.totalCycles);
    s.remove(any.id);
    // Then TLB misses of the other environments only.
    const asid = e.record.asid;
    const others = [1, 2, 3, 4, 5, 6, 7].filter((a) => a !== asid);
    const ids = others.map((a) => s.addCatchpoint(2, a).id);
    for (let k = 0; k < 3; k++) {
      const f = s.cont();
      if (f.kind !== 'exception') break;
      expect(ids).toContain(f.id);
      expect(f.record.asid).not.toBe(asid);
      expect(f.record.code).toBe(2);
      expect((s.machine.cpu.cop0[C0_ENTRYHI]! >>> 6) & 63).toBe(f.record.asid);
      expect(f.record.instructions).toBe(s.instructions());
    }
  });

  it('logs the same exceptions (instruction counts included) in the fast loop and the debug loop', async () => {
    const a = await runSession([prog('pingpong.s'), prog('pingpong-peer.s')]);
    const b = await runSession([prog('pingpong.s'), prog('pingpong-peer.s')]);
    expect(a.cont(400_000)).toEqual({ kind: 'budget' });
    b.addBreakpoint(0xfffffff0); // never reached: forces the debug loop
    expect(b.cont(400_000)).toEqual({ kind: 'budget' });
    expect(a.exceptionLog().length).toBeGreaterThan(10);
    expect(b.exceptionLog()).toEqual(a.exceptionLog());
    expect(b.stateHash()).toBe(a.stateHash());
    for (const r of a.exceptionLog()) expect(r.instructions).toBeLessThanOrEqual(400_000);
  });

  it('filters a breakpoint by ASID (two environments run the same addresses)', async () => {
    const { s, p } = await runPrepared([prog('pingpong.s'), prog('pingpong-peer.s')]);
    const entry = p.images[0]!.entry;
    expect(p.images[1]!.entry).toBe(entry);
    const probe = s.addBreakpoint(entry);
    const asids = new Set<number>();
    for (let i = 0; i < 4 && asids.size < 2; i++) {
      if (s.cont().kind !== 'breakpoint') break;
      asids.add((s.machine.cpu.cop0[C0_ENTRYHI]! >>> 6) & 63);
    }
    expect(asids.size).toBe(2);
    const [, second] = [...asids];
    s.remove(probe.id);
    const t = await runSession([prog('pingpong.s'), prog('pingpong-peer.s')]);
    const bp = t.addBreakpoint(entry, second);
    expect(t.cont().kind).toBe('breakpoint');
    expect((t.machine.cpu.cop0[C0_ENTRYHI]! >>> 6) & 63).toBe(second);
    t.remove(bp.id);
    t.addBreakpoint(entry, 63); // an ASID nobody uses
    expect(t.cont()).toEqual({ kind: 'halt', code: 0 });
  });
});

describe('reverse execution', () => {
  it('steps back 5 to exactly the registers, memory and state of 5 steps earlier', async () => {
    const s = await runSession([prog('sieve.s')], {}, { snapshotEvery: 1000 });
    s.gotoInstruction(123_457);
    const states: { regs: number[]; mem: (number | null)[]; hash: string; n: number }[] = [];
    const look = (): void => {
      states.push({ regs: regs(s), mem: s.readVirtual(s.readRegister(29) - 64, 128), hash: s.stateHash(), n: s.instructions() });
    };
    look();
    for (let i = 0; i < 10; i++) {
      expect(s.stepInstruction()).toEqual({ kind: 'step' });
      look();
    }
    expect(s.stepBack(5)).toEqual({ kind: 'step' });
    const then = states[5]!;
    expect(regs(s)).toEqual(then.regs);
    expect(s.readVirtual(s.readRegister(29) - 64, 128)).toEqual(then.mem);
    expect(s.stateHash()).toBe(then.hash);
    expect(s.instructions()).toBe(then.n);
    // And forward again to the same point.
    for (let i = 0; i < 5; i++) s.stepInstruction();
    expect(s.stateHash()).toBe(states[10]!.hash);
    // Far back, across several snapshots.
    expect(s.gotoInstruction(2_000)).toEqual({ kind: 'target' });
    expect(s.instructions()).toBe(2_000);
    expect(s.stepBack(1_000_000)).toEqual({ kind: 'history-start' });
    expect(s.instructions()).toBe(0);
  });

  it('steps back from the halted end into a running machine, and forward to the same halt', () => {
    const { s } = bareSession(LOOP);
    expect(s.cont()).toEqual({ kind: 'halt', code: 5 });
    const end = s.stateHash();
    const n = s.instructions();
    expect(s.stepBack()).toEqual({ kind: 'step' });
    expect(s.running()).toBe(true);
    expect(s.instructions()).toBe(n - 1);
    expect(text(s.consoleOutput())).toBe('k');
    expect(s.stepInstruction()).toEqual({ kind: 'halt', code: 5 });
    expect(s.stateHash()).toBe(end);
  });

  it('the session reaches the fast loop\'s states: goto, steps, step back, goto again', async () => {
    const { runToInstruction } = await import('../../emulator/debug/advance.js');
    const { captureMachine, hashSnapshot } = await import('../../emulator/debug/snapshot.js');
    const { runMachine } = await import('./helpers.js');
    const files = [prog('pingpong.s'), prog('pingpong-peer.s')];
    const s = await runSession(files, {}, { snapshotEvery: 20_000 });
    for (const n of [231_017, 57_311, 402_999]) {
      const m = await runMachine(files);
      runToInstruction(m, n);
      const want = hashSnapshot(captureMachine(m));
      expect(s.gotoInstruction(n)).toEqual({ kind: 'target' });
      expect(s.stateHash()).toBe(want);
      for (let i = 0; i < 7; i++) s.stepInstruction();
      s.stepBack(3);
      s.gotoInstruction(n);
      expect(s.stateHash()).toBe(want);
    }
  });

  it('continues backwards to the previous breakpoint hits, then to the start of history', () => {
    const { s, b } = bareSession(LOOP, { snapshotEvery: 1000 });
    s.addBreakpoint(b.sym('bump'));
    const hashes: string[] = [];
    for (let i = 0; i < 4; i++) {
      expect(s.cont().kind).toBe('breakpoint');
      hashes.push(s.stateHash());
    }
    expect(s.reverseContinue()).toMatchObject({ kind: 'breakpoint', pc: b.sym('bump') });
    expect(s.stateHash()).toBe(hashes[2]);
    expect(s.reverseContinue().kind).toBe('breakpoint');
    expect(s.stateHash()).toBe(hashes[1]);
    s.reverseContinue();
    expect(s.stateHash()).toBe(hashes[0]);
    expect(s.reverseContinue()).toEqual({ kind: 'history-start' });
    expect(s.instructions()).toBe(0);
    expect(s.cont().kind).toBe('breakpoint');
    expect(s.stateHash()).toBe(hashes[0]);
  });

  it('reverse-continues to a watchpoint and to a catchpoint hit', async () => {
    const { s, b } = bareSession(LOOP);
    s.addWatchpoint('virtual', b.sym('bufb'), 4, 'access');
    expect(s.cont().kind).toBe('watchpoint');
    const h1 = s.stateHash();
    expect(s.cont().kind).toBe('watchpoint');
    s.cont();
    expect(s.running()).toBe(false);
    s.reverseContinue();
    s.reverseContinue();
    expect(s.stateHash()).toBe(h1);
    expect(s.machine.cpu.pc >>> 0).toBe(b.sym('after') + 24); // the first store to bufb

    const f = await runSession([prog('demand-paging.s')]);
    f.addCatchpoint(2);
    const e1 = f.cont();
    const h = f.stateHash();
    f.cont();
    const here = f.stateHash();
    f.requestPause();
    expect(f.reverseContinue()).toEqual({ kind: 'pause' });
    expect(f.stateHash()).toBe(here);
    const back = f.reverseContinue();
    expect(back).toEqual(e1);
    expect(f.stateHash()).toBe(h);
  });

  it('writing back the values read changes nothing (a pending load stays pending); PC writes cancel a branch', () => {
    const { s, b } = bareSession(LOOP);
    s.addWatchpoint('virtual', b.sym('bufa'), 4, 'write');
    s.cont(); // at the store in the load-delay slot: t0's load is pending
    expect(s.machine.cpu.ldReg).toBe(8);
    const h = s.stateHash();
    for (let i = 1; i < 38; i++) s.writeRegister(i, s.readRegister(i));
    expect(s.writeMemory('virtual', b.sym('var'), Uint8Array.from(s.readVirtual(b.sym('var'), 4) as number[]))).toBe(true);
    expect(s.stateHash()).toBe(h);
    expect(s.machine.cpu.ldReg).toBe(8);
    // The store still goes to bufa (old t0), as without the debugger.
    s.stepInstruction();
    expect(s.readVirtual(b.sym('bufa'), 1)).toEqual([77]);
    // A different value for the pending register cancels the load.
    const w = bareSession(LOOP);
    w.s.addWatchpoint('virtual', w.b.sym('bufa'), 4, 'write');
    w.s.cont();
    w.s.writeRegister(8, w.b.sym('var'));
    expect(w.s.machine.cpu.ldReg).toBe(32);
    w.s.stepInstruction();
    expect(w.s.readVirtual(w.b.sym('var'), 1)).toEqual([77]);
    expect(w.s.readVirtual(w.b.sym('bufa'), 1)).toEqual([0]);
    // In a delay slot, writing PC (even its own value) cancels the branch.
    const d = bareSession(LOOP);
    d.s.addWatchpoint('virtual', d.b.sym('var'), 4, 'write');
    d.s.cont();
    expect(d.s.machine.cpu.bd).toBe(1);
    const slot = d.s.readRegister(REG_PC);
    d.s.writeRegister(REG_PC, slot);
    expect(d.s.machine.cpu.bd).toBe(0);
    d.s.stepInstruction();
    expect(d.s.readRegister(REG_PC)).toBe(slot + 4); // falls through to `after` without the branch: same address here
  });

  it('a register write is part of history; a write in the past discards the old future', () => {
    const { s, b } = bareSession(LOOP);
    s.runTo(b.sym('loop'));
    s.writeRegister(17, 2); // s1: two iterations instead of five
    const afterWrite = s.stateHash();
    expect(s.cont()).toEqual({ kind: 'halt', code: 2 });
    const end = s.stateHash();
    s.gotoInstruction(1);
    expect(s.readRegister(17)).toBe(0); // before li s1 and the write
    expect(s.cont()).toEqual({ kind: 'halt', code: 2 }); // replayed with the write
    expect(s.stateHash()).toBe(end);
    s.reverseContinue(); // no stop points: back to the start
    s.runTo(b.sym('loop'));
    expect(s.stateHash()).toBe(afterWrite);
    // Memory write in the past: the future changes.
    s.gotoInstruction(1);
    expect(s.writeMemory('virtual', b.sym('var'), Uint8Array.of(9, 0, 0, 0))).toBe(true);
    expect(s.readVirtual(b.sym('var'), 1)).toEqual([9]);
    expect(s.cont()).toEqual({ kind: 'halt', code: 5 }); // the register write was in the discarded future
    expect(s.writeMemory('virtual', 0x00001000, Uint8Array.of(1))).toBe(false); // unmapped
    expect(s.writeMemory('physical', 0x10000000, Uint8Array.of(1))).toBe(false); // a device
  });
});

describe('console recording', () => {
  const ECHO = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb0000000
        li    $t7, 3                # echo three bytes, waiting for each
wait:   lbu   $t0, 0($t9)
        nop
        beqz  $t0, wait
        nop
        sb    $t0, 0($t9)
        addiu $t7, $t7, -1
        bnez  $t7, wait
        nop
        sw    $zero, 0x10($t9)
        nop
`;
  it('feeds input at the point it was sent, again on replay; output follows the current point', () => {
    const { s } = bareSession(ECHO, { input: Uint8Array.of(0x61) });
    expect(s.cont(500)).toEqual({ kind: 'budget' });
    expect(text(s.consoleOutput())).toBe('a');
    s.sendInput(Uint8Array.of(0x62));
    s.cont(500);
    s.sendInput(Uint8Array.of(0x63));
    expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
    expect(text(s.consoleOutput())).toBe('abc');
    const end = s.stateHash();
    s.gotoInstruction(700);
    expect(text(s.consoleOutput())).toBe('ab');
    expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
    expect(text(s.consoleOutput())).toBe('abc');
    expect(s.stateHash()).toBe(end);
  });
});

describe('console input as a terminal (waitForInput)', () => {
  const ECHO3 = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb0000000
        li    $t7, 3
next:   lbu   $t0, 0($t9)           # blocks (in the debugger) until input is sent
        nop
        sb    $t0, 0($t9)
        addiu $t7, $t7, -1
        bnez  $t7, next
        nop
        sw    $zero, 0x10($t9)
        nop
`;
  for (const loop of ['fast', 'debug'] as const) {
    it(`stops before a console read that finds no input, and goes on once input is sent (${loop} loop)`, () => {
      const { s, b } = bareSession(ECHO3, { waitForInput: true });
      if (loop === 'debug') s.addBreakpoint(0xfffffff0);
      expect(s.cont()).toEqual({ kind: 'pause' });
      expect(s.waitingForInput!()).toBe(true);
      expect(s.readRegister(REG_PC)).toBe(b.sym('next'));
      expect(s.cont()).toEqual({ kind: 'pause' }); // still nothing to read
      expect(s.stepInstruction()).toEqual({ kind: 'pause' });
      s.sendInput(Uint8Array.of(0x61));
      expect(s.waitingForInput!()).toBe(false);
      expect(s.cont()).toEqual({ kind: 'pause' });
      expect(text(s.consoleOutput())).toBe('a');
      s.sendInput(Uint8Array.of(0x62, 0x63));
      expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
      expect(text(s.consoleOutput())).toBe('abc');
      const end = s.stateHash();
      s.gotoInstruction(4);
      expect(text(s.consoleOutput())).toBe('');
      // Going forward again replays the input where it was sent: no waiting.
      expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
      expect(s.stateHash()).toBe(end);
      // Sending other input in the past changes the future.
      s.gotoInstruction(1); // before the first read, where 'a' was sent
      s.sendInput(Uint8Array.of(0x78, 0x79, 0x7a));
      expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
      expect(text(s.consoleOutput())).toBe('xyz');
    });
  }

  it('the library OS echo waits for each line; endInput ends it (firmware run)', async () => {
    const { s: _unused, p } = await runPrepared([prog('echo.s')]);
    void _unused;
    const { createDebugSession, debugGuestIo } = await import('../../emulator/debug/session.js');
    const { prepareMachine } = await import('../../cli/machine-setup.js');
    const pm = await prepareMachine([prog('echo.s')], {}, debugGuestIo());
    expect(p.isInputRead).toBeDefined();
    const s = createDebugSession(pm.machine, { waitForInput: true, isInputRead: pm.isInputRead! });
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(s.waitingForInput!()).toBe(true);
    s.sendInput(new TextEncoder().encode('one\n'));
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(text(s.consoleOutput())).toBe('one\n');
    s.sendInput(new TextEncoder().encode('two\n'));
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(text(s.consoleOutput())).toBe('one\ntwo\n');
    s.endInput!();
    expect(s.waitingForInput!()).toBe(false);
    expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
    const end = s.stateHash();
    s.gotoInstruction(1000);
    expect(s.cont()).toEqual({ kind: 'halt', code: 0 });
    expect(s.stateHash()).toBe(end);
    expect(text(s.consoleOutput())).toBe('one\ntwo\n');
    // The debug loop stops at the same place as the fast loop.
    const d = createDebugSession((await prepareMachine([prog('echo.s')], {}, debugGuestIo())).machine, { waitForInput: true, isInputRead: pm.isInputRead! });
    const f = createDebugSession((await prepareMachine([prog('echo.s')], {}, debugGuestIo())).machine, { waitForInput: true, isInputRead: pm.isInputRead! });
    d.addBreakpoint(0xfffffff0);
    expect(d.cont()).toEqual({ kind: 'pause' });
    expect(f.cont()).toEqual({ kind: 'pause' });
    expect(d.stateHash()).toBe(f.stateHash());
    expect(d.instructions()).toBeGreaterThan(1000);
  });

  it('a Linux read(0) waits too', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'exo-dbg-')), 'cat.s');
    writeFileSync(f, `
        .text
        .globl __start
__start:
1:      li    $v0, 4003             # read(0, buf, 16)
        li    $a0, 0
        la    $a1, buf
        li    $a2, 16
        syscall
        blez  $v0, 2f
        move  $a2, $v0              # write(1, buf, n)
        li    $v0, 4004
        li    $a0, 1
        la    $a1, buf
        syscall
        b     1b
2:      li    $v0, 4001
        li    $a0, 9
        syscall
        .data
buf:    .space 16
`);
    const s = await runSession([f], { abi: 'linux' }, { waitForInput: true });
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(s.waitingForInput!()).toBe(true);
    s.sendInput(new TextEncoder().encode('hi'));
    expect(s.cont()).toEqual({ kind: 'pause' });
    expect(text(s.consoleOutput())).toBe('hi');
    s.endInput!();
    expect(s.cont()).toEqual({ kind: 'exit', code: 9 });
  });
});

describe('inspection has no side effects', () => {
  it('reads registers, memory (virtual, physical, devices), translations and logs without changing the state hash', async () => {
    const s = await runSession([prog('pingpong.s'), prog('pingpong-peer.s')]);
    s.cont(200_000);
    const h = s.stateHash();
    const cpu = s.machine.cpu;
    const random = cpu.random();
    for (let i = 0; i < 38; i++) s.readRegister(i);
    s.readVirtual(0x00400000, 256);
    s.readVirtual(0x7fffe000, 64, 5);
    s.readVirtual(0xb0000000, 32); // console registers: never touched
    expect(s.readVirtual(0xb0000000, 4)).toEqual([null, null, null, null]);
    s.readPhysical(0, 8192);
    s.readPhysical(0x1fc00000, 64);
    expect(s.readPhysical(0x15000000, 4)).toEqual([null, null, null, null]);
    for (let a = 0; a < 0x00500000; a += 0x1000) s.translate(a);
    s.exceptionLog();
    s.consoleOutput();
    s.breakpoints();
    expect(s.stateHash()).toBe(h);
    expect(cpu.random()).toBe(random);
    // The ROM reads what the firmware put there.
    expect(s.readVirtual(0xbfc00000, 4).every((b) => b !== null)).toBe(true);
  });
});
