/**
 * End to end: the real `exo debug` (bin/exo.js, from dist/) in a pseudo-terminal (tmux, 100x30),
 * driven by keys and read back from the screen: start on a program, step 10 instructions, set a
 * breakpoint by symbol, continue to it, step 5 and back 5 and check the registers and memory are
 * what they were, open the TLB pane, quit. Also: bad options and no terminal → one-line errors, exit 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/oracles.js';
import { sleep, tmuxSession, writeSpinProgram } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/cli/debug.js'));
if (!built) console.warn('[debugger e2e] dist/ is not built (npm run build): the exo debug end-to-end tests are skipped');
const tmux = hasTool('tmux');
const session = `exo-dbg-${process.pid}`;

const { tm, screen, until } = tmuxSession(session);

async function keys(...k: string[]): Promise<void> {
  for (const x of k) {
    tm('send-keys', '-t', session, x);
    await sleep(40);
  }
}

async function command(text: string): Promise<void> {
  await keys(':');
  tm('send-keys', '-t', session, '-l', text);
  await sleep(40);
  await keys('Enter');
}

/** Presses s and waits for the status bar to change (a faulting fetch retires nothing but moves pc). */
async function step(before: string): Promise<string> {
  const status = (x: string): string => x.split('\n').find((l) => l.includes('[paused]')) ?? '';
  await keys('s');
  return until((x) => status(x) !== status(before) && /Stepped/.test(x), 'a step');
}

const insn = (s: string): number => Number(/insn ([0-9,]+)/.exec(s)?.[1]?.replace(/,/g, '') ?? NaN);
/** The `name value` pairs of the registers column (the right 28 columns of the code pane). */
function registers(s: string): Map<string, string> {
  const regs = new Map<string, string>();
  for (const line of s.split('\n').slice(1, -3)) {
    const col = line.slice(-28);
    for (const m of col.matchAll(/([a-z0-9]{2,4}) ([0-9a-f]{8})/g)) regs.set(m[1]!, m[2]!);
  }
  return regs;
}
/** The output pane shows the dump (not just the command line being typed). */
const dumped = (s: string): boolean => /^x\/16wx \$sp-40 *$/m.test(s) && words(s).length === 16;
/** The words of the output pane after an `x/..wx` command. */
const words = (s: string): string[] => [...s.matchAll(/0x[0-9a-f]{8}/g)].map((m) => m[0]);

describe.skipIf(!built || !tmux)('exo debug in tmux', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('steps, breaks on a symbol, continues, steps back, shows the TLB and quits', async () => {
    // CI=true: the screen must draw under a CI runner's environment too (Ink alone would draw
    // nothing until exit there; cli/debug.ts turns its CI detection off).
    const cmd = `cd ${root} && CI=true node bin/exo.js debug programs/hello.s; echo EXIT=$?; sleep 30`;
    tm('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
    let s = await until((x) => x.includes('[paused]'), 'the debugger to start');
    // The screen is one row shorter than the terminal and never wider.
    expect(s.split('\n').every((l) => l.length <= 100)).toBe(true);
    expect(s).toContain('bfc00000');
    expect(insn(s)).toBe(0);

    // Step 10 instructions (a branch and its delay slot count as two), one key at a time.
    for (let i = 0; i < 10; i++) s = await step(s);
    expect(insn(s)).toBeGreaterThanOrEqual(10);
    expect(insn(s)).toBeLessThanOrEqual(20);

    await command('break main');
    s = await until((x) => /Breakpoint 1 at 0x0040[0-9a-f]{4} <main>/.test(x), 'the breakpoint message');
    const mainAddr = /Breakpoint 1 at 0x([0-9a-f]{8})/.exec(s)![1]!;

    await keys('c');
    s = await until((x) => /Breakpoint 1, at 0x[0-9a-f]{8} <main>/.test(x), 'the breakpoint hit');
    expect(s).toMatch(new RegExp(`pc ${mainAddr}`));
    expect(s).toMatch(new RegExp(`●> ${mainAddr}`));
    expect(registers(s).get('pc')).toBe(mainAddr);

    // Past main's prologue (its page may first have to be refilled into the TLB by the kernel,
    // which returns to main: delete the breakpoint there first).
    await command('delete 1');
    await until((x) => x.includes('Deleted 1'), 'delete');
    await command('until main+8');
    s = await until((x) => /Arrived at 0x[0-9a-f]{8} <main\+0x8>/.test(x), 'main+8');
    const here = insn(s);
    const regs0 = registers(s);
    await command('x/16wx $sp-40');
    const mem0 = words(await until(dumped, 'the memory dump'));
    expect(mem0).toHaveLength(16);
    // main stored ra at 20(sp): the 16th word of the dump.
    expect(mem0[15]).toBe(`0x${regs0.get('ra')}`);
    await keys('1');
    s = await until((x) => x.includes(' 1 Code') && registers(x).size > 30, 'the code pane');

    // Five steps forward, five back: the same registers and memory.
    for (let i = 0; i < 5; i++) s = await step(s);
    expect(registers(s).get('pc')).not.toBe(regs0.get('pc'));
    await command('reverse-stepi 5');
    s = await until((x) => insn(x) === here && /Stepped back; at 0x[0-9a-f]{8} <main\+0x8>/.test(x), 'stepping back 5');
    expect(registers(s)).toEqual(regs0);
    await command('x/16wx $sp-40');
    const mem2 = words(await until((x) => dumped(x) && insn(x) === here, 'the memory dump after stepping back'));
    expect(mem2).toEqual(mem0);

    // The TLB pane.
    await keys('3');
    s = await until((x) => /idx {3}VPN {4}virtual range/.test(x), 'the TLB pane');
    expect(s).toMatch(/^ 0 [I ][R ] [0-9a-f]{5} /m);

    await keys('q');
    s = await until((x) => x.includes('EXIT='), 'the debugger to quit');
    expect(s).toContain('EXIT=0');
  }, 120_000);
});

describe.skipIf(!built || !tmux)('exo debug in tmux: Ctrl-C', () => {
  const name = `${session}-spin`;
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', name]);
  });

  it('pauses a guest that runs forever and never quits while running', async () => {
    const spin = writeSpinProgram();
    tm('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `cd ${root} && CI=true node bin/exo.js debug ${spin}; echo EXIT=$?; sleep 30`);
    const shot = (): string => tm('capture-pane', '-p', '-t', name);
    const wait = async (pred: (s: string) => boolean, what: string): Promise<string> => {
      const t0 = Date.now();
      while (Date.now() - t0 < 20_000) {
        const s = shot();
        if (pred(s)) return s;
        await sleep(50);
      }
      throw new Error(`timed out waiting for ${what}; screen:\n${shot()}`);
    };
    await wait((x) => x.includes('[paused]'), 'the debugger to start');
    tm('send-keys', '-t', name, 'c');
    await wait((x) => x.includes('[RUNNING]') && /[0-9.]+ MIPS/.test(x), 'running');
    await sleep(500);
    tm('send-keys', '-t', name, 'q');
    await wait((x) => x.includes('pause first'), 'q refused while running');
    tm('send-keys', '-t', name, 'C-c');
    const s = await wait((x) => /Paused at 0x[0-9a-f]{8} <(main|loop)/.test(x), 'the pause');
    expect(s).toContain('[paused]');
    expect(insn(s)).toBeGreaterThan(100_000);
    tm('send-keys', '-t', name, 'C-c'); // paused: Ctrl-C does nothing
    await sleep(300);
    expect(shot()).not.toContain('EXIT=');
    tm('send-keys', '-t', name, 'q');
    expect(await wait((x) => x.includes('EXIT='), 'quit')).toContain('EXIT=0');
  }, 60_000);
});

describe.skipIf(!built)('exo debug refusals (no terminal needed)', () => {
  it('refuses bad options first, with one line', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'debug', '--quantum', '5', 'programs/hello.s'], { input: '', encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('exo: error: debug: --quantum must be 1000..2147483647 cycles (got 5)\n');
    const b = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'debug', '--bare', '--abi', 'linux', 'x.s'], { input: '', encoding: 'utf8', timeout: 30_000 });
    expect(b.stderr).toBe('exo: error: debug: --bare and --abi are exclusive\n');
  });

  it('refuses to start without a terminal, with one line and exit 1', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'debug', 'programs/hello.s'], { input: '', encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('exo: error: debug: needs a terminal: standard input is not a TTY (for scripts, use exo run)\n');
  });
});
