/**
 * The controller's commands and actions on the real debug engine (no Ink): breakpoints by symbol,
 * watchpoints (stop before the access), catchpoints (optionally one environment), step over a
 * call, reverse-continue, goto, set/print, info, x/i, and that errors never throw out of a command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugController } from '../../debugger/controller.js';
import { stripAnsi } from '../../debugger/format.js';
import { paneLines } from '../../debugger/screen.js';
import { openSession, sleep, waitFor, writeSpinProgram } from './helpers.js';

const HELLO = 'programs/hello.s';

async function stopped(c: DebugController, what: string, ms = 30_000): Promise<void> {
  await waitFor(() => c.state === 'paused', ms, what);
}

async function run(c: DebugController, line: string): Promise<void> {
  c.runCommand(line);
  await stopped(c, line);
}

async function toMain(): Promise<DebugController> {
  const { controller } = await openSession([HELLO]);
  const c = controller();
  await run(c, 'break main');
  await run(c, 'continue');
  expect(c.message).toMatch(/^Breakpoint 1, at 0x[0-9a-f]{8} <main>/);
  return c;
}

describe('controller commands on the engine', () => {
  it('step over a call returns after it; the console shows what it printed', async () => {
    const c = await toMain();
    await run(c, 'delete');
    await run(c, 'until main+0x18'); // the jal printf
    expect(c.message).toMatch(/^Arrived at 0x[0-9a-f]{8} <main\+0x18>/);
    const at = c.pc();
    c.act('stepOver');
    await stopped(c, 'step over printf');
    expect(c.pc()).toBe((at + 8) >>> 0);
    expect(c.message).toMatch(/^Stepped; at 0x[0-9a-f]{8} <main\+0x20>/);
    expect(Buffer.from(c.session.consoleOutput()).toString()).toContain('Hello from environment 1');
  });

  it('a watchpoint stops before the store; reverse-continue goes back to it', async () => {
    const c = await toMain();
    await run(c, 'delete');
    const sp = c.session.readRegister(29) >>> 0;
    // main's prologue stores ra at 20(sp) after sp -= 24.
    await run(c, `watch ${(sp - 24 + 20) >>> 0}`);
    expect(c.message).toMatch(/^Watchpoint 2: write of va 0x7fff/);
    // The memory pane marks it.
    await run(c, `mem ${(sp - 32) >>> 0}`);
    expect(stripAnsi(paneLines(c, 'memory', 100, 4).join('\n'))).toMatch(/◂w2/);
    await run(c, 'continue');
    expect(c.message).toMatch(/^Watchpoint 2: write of 4 bytes at 0x7fff[0-9a-f]{4} .*before the access; at 0x[0-9a-f]{8} <main\+0x4>/);
    const hitAt = c.session.instructions();
    await run(c, 'si 3');
    expect(c.session.instructions()).toBeGreaterThan(hitAt);
    await run(c, 'reverse-continue');
    expect(c.session.instructions()).toBe(hitAt);
    expect(c.message).toMatch(/Watchpoint 2/);
  });

  it('catch Sys in one environment stops at the vector; an unknown environment is refused', async () => {
    const c = await toMain();
    // (main's page is refilled into the TLB first, and the refill returns to main: no breakpoint there.)
    await run(c, 'delete 1');
    await run(c, 'catch Sys 99');
    expect(c.message).toBe('no live environment with id or record 99');
    expect(c.messageIsError).toBe(true);
    await run(c, 'catch syscall 1');
    expect(c.message).toMatch(/^Catchpoint 2: Sys in ASID \d+/);
    await run(c, 'continue');
    expect(c.message).toMatch(/^Catchpoint 2: Sys at EPC 0x[0-9a-f]{8}, vector 0x80000080/);
    expect(c.pc()).toBe(0x80000080);
    // The exception log has it as its newest row.
    const log = c.session.exceptionLog();
    expect(log[log.length - 1]!.code).toBe(8);
  });

  it('goto, set, print, info and x/i', async () => {
    const c = await toMain();
    const main = c.pc();
    const n = c.session.instructions();
    await run(c, 'goto 100');
    expect(c.session.instructions()).toBe(100);
    expect(c.message).toMatch(/^Arrived at 0x[0-9a-f]{8}.*instruction 100$/);
    await run(c, `goto ${n}`);
    expect(c.pc()).toBe(main);
    await run(c, 'set $t0 = main+4');
    expect(c.session.readRegister(8) >>> 0).toBe((main + 4) >>> 0);
    await run(c, 'p $t0');
    expect(c.message).toBe(`$t0 = 0x${(main + 4).toString(16)} <main+0x4>`);
    await run(c, 'p/d -5');
    expect(c.message).toBe('-5 = -5');
    await run(c, 'set $zero = 1');
    expect(c.message).toBe('$zero is always 0');
    await run(c, 'x/3i $pc');
    expect(c.focus).toBe('output');
    expect(c.output.map(stripAnsi)).toEqual([
      'x/3i $pc',
      expect.stringMatching(/^=> 0040[0-9a-f]{4} <main>: {2}27bdffe8 {2}addiu {3}sp,sp,-24$/),
      expect.stringMatching(/^ {3}0040[0-9a-f]{4} <main\+0x4>: {2}afbf0014 {2}sw {6}ra,20\(sp\)$/),
      expect.stringMatching(/^ {3}0040[0-9a-f]{4} <main\+0x8>: {2}3c040040 {2}lui/),
    ]);
    await run(c, 'info registers');
    expect(c.output.join('\n')).toMatch(/ sp 7fff[0-9a-f]{4}/);
    expect(c.output.join('\n')).toMatch(/sr [0-9a-f]{8} o\/p\/c/);
    await run(c, 'info breakpoints');
    expect(c.output[1]).toMatch(/^ {2}1 {2}break {2}y {2}0040[0-9a-f]{4} <main> {2}hits 1$/);
    await run(c, 'info tlb');
    expect(c.focus).toBe('tlb');
    await run(c, 'tlb current');
    expect(c.tlbFilter).toEqual({ kind: 'asid', asid: c.asid() });
    await run(c, 'mem -p 0x1000');
    expect(c.memSpace).toBe('physical');
    expect(c.memAddr).toBe(0x1000);
  });

  it('stepi N runs many steps in slices and ends with a step', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    c.runCommand('si 5000');
    expect(c.state).toBe('running');
    await stopped(c, 'si 5000');
    expect(c.message).toMatch(/^Stepped; at 0x[0-9a-f]{8}/);
    const n = c.session.instructions();
    // Iterations, not retired instructions: an exception retires nothing.
    expect(n).toBeGreaterThan(4000);
    expect(n).toBeLessThanOrEqual(10_000);
  });

  it('step back at the start of history says so', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    c.act('stepBack');
    await stopped(c, 'step back at 0');
    expect(c.message).toMatch(/^No more reverse-execution history/);
    expect(c.session.instructions()).toBe(0);
  });

  it('console input from --input and from :input reaches the guest', async () => {
    for (const how of ['--input', ':input'] as const) {
      const { controller } = await openSession(['programs/echo.s'], how === '--input' ? { input: 'one\ntwo\n' } : {});
      const c = controller();
      if (how === ':input') {
        c.runCommand('input one\\ntwo\\n');
        expect(c.message).toBe('Queued 8 bytes of console input');
      }
      c.act('continue');
      await stopped(c, `echo with ${how}`);
      // echo copies its input until the input runs out, then exits 0.
      expect(Buffer.from(c.session.consoleOutput()).toString(), how).toBe('one\ntwo\n');
      expect(c.message, how).toMatch(/halted with status 0/);
    }
  });

  it('the exception log pane lists what the kernel took, by name', async () => {
    const c = await toMain();
    const { exceptionLogLines } = await import('../../debugger/views/logs.js');
    const lines = exceptionLogLines(c.session, c.kernel(), c.symbols, 120, 20, 0).map(stripAnsi);
    expect(lines[0]).toMatch(/^ {4}insns {6}cycle code {2}EPC/);
    const rows = lines.slice(1).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r).toMatch(/^ *\d+ +\d+ (Int|Mod|TLBL|TLBS|AdEL|AdES|IBE|DBE|Sys|Bp|RI|CpU|Ov) +[0-9a-f]{8} (BD| {2}) [0-9a-f]{8} +\d+ /);
    expect(rows.some((r) => /Sys /.test(r))).toBe(true);
    // Enter on the selected row (the bottom one, scrolled up by 2) goes back to that exception.
    const log = c.session.exceptionLog();
    const target = log[log.length - 3]!;
    c.setFocus('exceptions');
    c.act('cursorUp');
    c.act('cursorUp');
    expect(stripAnsi(exceptionLogLines(c.session, c.kernel(), c.symbols, 120, 20, c.scroll.exceptions).filter((l) => l.includes('\x1b[7m')).at(-1)!)).toMatch(new RegExp(`^ *${target.instructions} +${target.cycle} `));
    c.act('activate');
    await stopped(c, 'goto the exception');
    expect(c.session.instructions()).toBe(target.instructions);
  });

  it('catch CODE ENV stops only for that environment', async () => {
    const { controller } = await openSession([HELLO, HELLO]);
    const c = controller();
    await run(c, 'break main');
    await run(c, 'continue');
    expect(c.kernel()!.view.envs.length).toBe(2);
    await run(c, 'delete');
    await run(c, 'catch Sys 2');
    const asid2 = c.kernel()!.view.envs.find((e) => e.index === 2)!.asid;
    expect(c.message).toBe(`Catchpoint 2: Sys in ASID ${asid2}`);
    expect(c.asid()).not.toBe(asid2);
    await run(c, 'continue');
    expect(c.message).toMatch(/^Catchpoint 2: Sys at EPC/);
    const ev = c.lastStop!;
    expect(ev.kind).toBe('exception');
    if (ev.kind === 'exception') expect(ev.record.asid).toBe(asid2);
    expect(c.asid()).toBe(asid2);
  });

  it('--bare and --abi linux machines: symbols of the one program, no environments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-dbg-modes-'));
    const bare = join(dir, 'bare.s');
    writeFileSync(bare, '\t.text\n\t.globl\t__start\n__start:\n\tli\t$t0, 5\nagain:\taddiu\t$t0, $t0, -1\n\tbnez\t$t0, again\n\tnop\n\tbreak\n');
    const b = (await openSession([bare], { bare: true })).controller();
    expect(b.where(b.pc())).toBe('0x80030000 <__start>');
    await run(b, 'break again');
    await run(b, 'continue');
    expect(b.message).toMatch(/^Breakpoint 1, at 0x80030004 <again>/);
    expect(b.kernel()).toBeNull();
    expect(() => b.runCommand('info envs')).not.toThrow();
    expect(b.message).toBe('info envs: this run has no environments (no exokernel)');
    const linux = join(dir, 'linux.s');
    writeFileSync(linux, '\t.text\n\t.globl\t__start\n__start:\n\tli\t$a0, 3\n\tli\t$v0, 4001\n\tsyscall\n');
    const l = (await openSession([linux], { abi: 'linux' })).controller();
    expect(l.where(l.pc())).toBe('0x00400000 <__start>');
    await run(l, 'continue');
    expect(l.message).toMatch(/exited with status 3/);
  });

  it('while running: at most about 10 updates a second, heavy panes not drawn, pause within a slice', async () => {
    const { controller } = await openSession([writeSpinProgram()]);
    const c = controller();
    let updates = 0;
    const unsub = c.subscribe(() => updates++);
    c.act('continue');
    await sleep(100);
    const v0 = updates;
    await sleep(2000);
    const during = updates - v0;
    expect(during).toBeGreaterThanOrEqual(10);
    expect(during).toBeLessThanOrEqual(24);
    for (const pane of ['tlb', 'memory', 'envs', 'exceptions'] as const) {
      expect(stripAnsi(paneLines(c, pane, 60, 3)[0]!).trim(), pane).toBe('(running: shown when paused)');
    }
    expect(stripAnsi(paneLines(c, 'code', 80, 3).join('\n'))).toMatch(/[0-9a-f]{8} [0-9a-f]{8} /);
    const t = Date.now();
    c.act('pause');
    await stopped(c, 'pause');
    expect(Date.now() - t).toBeLessThan(500);
    unsub();
  });
});
