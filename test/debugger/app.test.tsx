/**
 * The Ink components with ink-testing-library, on the real debug engine: each pane renders, the
 * key bindings act (one key per write, debugger.md §3.5), the command line reports errors without
 * crashing, Ctrl-C pauses a running guest and never quits, and no frame is taller than the screen.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App, PaneView } from '../../debugger/App.js';
import { PANES, type DebugController } from '../../debugger/controller.js';
import { stripAnsi } from '../../debugger/format.js';
import { openSession, sleep, waitFor, writeSpinProgram } from './helpers.js';

const HELLO = 'programs/hello.s';
const frame = (r: { lastFrame: () => string | undefined }): string => stripAnsi(r.lastFrame() ?? '');

async function keys(r: { stdin: { write: (s: string) => void } }, ...ks: string[]): Promise<void> {
  for (const k of ks) {
    r.stdin.write(k);
    await sleep(15);
  }
}

async function typeCommand(r: { stdin: { write: (s: string) => void } }, text: string): Promise<void> {
  await keys(r, ':');
  for (const ch of text) await keys(r, ch);
  await keys(r, '\r');
}

function mount(c: DebugController, columns = 100, rows = 30) {
  return render(<App controller={c} columns={columns} rows={rows} />);
}

describe('panes', () => {
  it('each pane renders in the size it is given, with its own header', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    c.step(5);
    const expected: Record<(typeof PANES)[number], RegExp> = {
      code: /> bfc0[0-9a-f]{4} /,
      cp0: /^Status {3}[0-9a-f]{8} o\/p\/c/m,
      tlb: /^idx {3}VPN/m,
      memory: /^VA {7}→ PA/m,
      console: /\(the guest has written nothing yet\)/,
      exceptions: /insns {6}cycle code/,
      envs: /^rec {2}id/m,
      output: /Type :help/,
    };
    for (const pane of PANES) {
      const r = render(<PaneView controller={c} pane={pane} width={90} rows={12} />);
      await sleep(10);
      const f = frame(r);
      expect(f, pane).toMatch(expected[pane]);
      expect(f.split('\n').length, pane).toBe(12);
      r.unmount();
    }
  });

  it('the console pane follows the guest output', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    const r = render(<PaneView controller={c} pane="console" width={80} rows={5} />);
    c.cont();
    await waitFor(() => c.state === 'paused' && !c.session.running(), 30_000, 'hello to finish');
    await sleep(20);
    expect(frame(r)).toContain('Hello from environment 1 on the exokernel!');
    expect(c.message).toMatch(/halted with status 0/);
    r.unmount();
  });
});

describe('keys and the command line', () => {
  it('s steps, sss steps three times, S steps back, ? shows help', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    const r = mount(c);
    await sleep(20);
    expect(frame(r)).toMatch(/\[paused\] insn 0 /);
    await keys(r, 's');
    await waitFor(() => c.session.instructions() >= 1, 2000, 'a step');
    const one = c.session.instructions();
    r.stdin.write('sss'); // coalesced input: three steps
    await waitFor(() => /Stepped/.test(frame(r)) && c.session.instructions() >= one + 3, 2000, 'three steps');
    const four = c.session.instructions();
    await keys(r, 'S');
    await waitFor(() => c.state === 'paused' && c.session.instructions() < four, 5000, 'a step back');
    expect(frame(r)).toMatch(/insn \d+ /);
    await keys(r, '?');
    await waitFor(() => frame(r).includes('step one instruction (a branch with its delay slot)'), 2000, 'help');
    await keys(r, 'x');
    await waitFor(() => !frame(r).includes('step one instruction (a branch'), 2000, 'help closed');
    r.unmount();
  });

  it('break by symbol, continue to it, toggle at the cursor, errors on the command line', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    const r = mount(c);
    await sleep(20);
    await typeCommand(r, 'break main');
    await waitFor(() => /Breakpoint 1 at 0x0040[0-9a-f]{4} <main>/.test(frame(r)), 2000, 'the breakpoint');
    await keys(r, 'c');
    await waitFor(() => /Breakpoint 1, at 0x[0-9a-f]{8} <main>/.test(frame(r)), 30_000, 'the breakpoint hit');
    expect(frame(r), frame(r)).toMatch(/●> 0040[0-9a-f]{4} /);
    // A bad command: one line in red, the UI goes on.
    await typeCommand(r, 'frobnicate');
    await waitFor(() => frame(r).includes("unknown command 'frobnicate'"), 2000, 'the error');
    await typeCommand(r, 'p $sp');
    await waitFor(() => /\$sp = 0x7fff[0-9a-f]{4}/.test(frame(r)), 2000, 'p $sp');
    await typeCommand(r, 'x/4wx $sp');
    await waitFor(() => /x\/4wx \$sp/.test(frame(r)) && /7fff[0-9a-f]{4}: {2}0x/.test(frame(r)), 2000, 'x/4wx');
    // b at the cursor (PC): removes the breakpoint there.
    await keys(r, '1', 'b');
    await waitFor(() => /Deleted breakpoint 1/.test(frame(r)), 2000, 'toggle off');
    expect(c.session.breakpoints()).toHaveLength(0);
    await keys(r, 'j', 'j', 'b');
    await waitFor(() => c.session.breakpoints().length === 1, 2000, 'toggle on at cursor');
    expect(c.session.breakpoints()[0]!.addr).toBe((c.pc() + 8) >>> 0);
    r.unmount();
  });

  it('Ctrl-C pauses a running guest and does not quit; q quits only when paused', async () => {
    const spin = writeSpinProgram();
    const { controller } = await openSession([spin]);
    let quits = 0;
    const c = controller(() => quits++);
    const r = mount(c);
    await sleep(20);
    await keys(r, 'c');
    await waitFor(() => frame(r).includes('[RUNNING]'), 2000, 'running');
    await sleep(300);
    await keys(r, 'q');
    await waitFor(() => frame(r).includes('pause first'), 2000, 'q refused while running');
    expect(quits).toBe(0);
    await keys(r, '\x03');
    await waitFor(() => c.state === 'paused', 3000, 'paused by Ctrl-C');
    expect(quits).toBe(0);
    expect(frame(r)).toMatch(/Paused at 0x[0-9a-f]{8}/);
    expect(c.session.instructions()).toBeGreaterThan(10_000);
    await keys(r, 'q');
    expect(quits).toBe(1);
    r.unmount();
  });

  it('n, r, C, Tab, v, f, . and PgDn act as the table says', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    const r = mount(c);
    await sleep(20);
    await typeCommand(r, 'break main');
    await keys(r, 'c');
    await waitFor(() => /Breakpoint 1, at/.test(frame(r)), 30_000, 'main');
    await typeCommand(r, 'delete');
    const main = c.pc();
    // r: run to the cursor, 6 instructions down (the jal printf).
    for (let i = 0; i < 6; i++) await keys(r, 'j');
    expect(c.cursor).toBe((main + 24) >>> 0);
    await keys(r, 'r');
    await waitFor(() => c.state === 'paused' && c.pc() === ((main + 24) >>> 0), 30_000, 'run to cursor');
    expect(frame(r)).toMatch(/Arrived at 0x[0-9a-f]{8} <main\+0x18>/);
    // n: over the call.
    await keys(r, 'n');
    await waitFor(() => c.state === 'paused' && c.pc() === ((main + 32) >>> 0), 30_000, 'step over');
    expect(frame(r)).toMatch(/Stepped; at 0x[0-9a-f]{8} <main\+0x20>/);
    // The memory pane follows $sp until an address is chosen.
    await keys(r, '4');
    const sp = c.session.readRegister(29) >>> 0;
    await waitFor(() => /◂sp/.test(frame(r)), 2000, 'the memory pane at $sp');
    expect(c.memAddr).toBe(((sp - 16) & ~15) >>> 0);
    // C: back to the breakpoint hit at main... deleted, so to the start of history.
    await keys(r, 'C');
    await waitFor(() => c.state === 'paused' && /No more reverse-execution history|Breakpoint/.test(frame(r)), 30_000, 'reverse-continue');
    // ':' works while running, for commands that do not move time.
    await keys(r, 'c', ':');
    expect(c.commandLine).toBe('');
    await keys(r, 'g', 'o', 't', 'o', ' ', '1', '\r');
    await waitFor(() => /pause first/.test(frame(r)) || c.state === 'paused', 2000, 'goto refused while running, or the end');
    await waitFor(() => c.state === 'paused', 30_000, 'the end of hello');
    // Panes: Tab cycles, v flips the memory view, f cycles the TLB filter, PgDn scrolls.
    await keys(r, '1', '\t');
    expect(c.focus).toBe('cp0');
    await keys(r, 'v');
    expect(c.focus).toBe('memory');
    expect(c.memSpace).toBe('physical');
    await waitFor(() => /^PA {20}/m.test(frame(r)), 2000, 'the physical view');
    const addr = c.memAddr;
    await keys(r, '\x1b[6~');
    expect(c.memAddr).toBe((addr + 10 * c.memRowBytes) >>> 0);
    await keys(r, 'f');
    expect(c.focus).toBe('tlb');
    expect(c.tlbFilter).toEqual({ kind: 'valid' });
    await keys(r, 'f');
    expect(c.tlbFilter.kind).toBe('asid');
    await keys(r, '1', 'k', 'k', '.');
    expect(c.cursor).toBe(c.pc());
    r.unmount();
  });

  it('never draws more lines than the terminal has, at 80x24 and larger', async () => {
    const { controller } = await openSession([HELLO]);
    const c = controller();
    for (const [w, h] of [[80, 24], [100, 30], [140, 40]] as const) {
      const r = mount(c, w, h);
      await sleep(20);
      for (const k of ['1', '2', '3', '4', '5', '6', '7', '8', '?']) {
        await keys(r, k);
        const f = frame(r);
        expect(f.split('\n').length, `${w}x${h} after ${k}`).toBeLessThanOrEqual(h - 1);
        expect(Math.max(...f.split('\n').map((l) => [...l].length)), `${w}x${h}`).toBeLessThanOrEqual(Math.max(w, 100));
      }
      r.unmount();
    }
  });
});
