/**
 * End to end: `exo debug --gdb 0` in tmux with a real `gdb-multiarch -batch` attached to the same
 * machine (issue 9: the --gdb option on exo debug): gdb breaks on main and continues there; the
 * screen follows it (paused at main, gdb named as the driver); while gdb is attached the
 * debugger's stepping keys say so; after gdb detaches, the keys drive the machine again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/oracles.js';
import { tmuxSession } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/cli/debug.js'));
const tools = hasTool('tmux') && hasTool('gdb-multiarch');
if (!built || !tools) console.warn('[debugger+gdb e2e] needs dist/ (npm run build), tmux and gdb-multiarch: skipped');
const session = `exo-dbg-gdb-${process.pid}`;

const { tm, until: until20 } = tmuxSession(session);
const until = (pred: (s: string) => boolean, what: string): Promise<string> => until20(pred, what, 30000);

describe.skipIf(!built || !tools)('exo debug --gdb', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('gdb drives the machine while attached, the screen follows it, the keys take over after detach', async () => {
    // CI=true: the screen must draw under a CI runner's environment too (Ink alone would draw
    // nothing until exit there; cli/debug.ts turns its CI detection off).
    const cmd = `cd ${root} && CI=true node bin/exo.js debug --gdb 0 programs/hello.s; echo EXIT=$?; sleep 30`;
    tm('new-session', '-d', '-s', session, '-x', '120', '-y', '32', cmd);
    let s = await until((x) => /waiting for gdb on 127\.0\.0\.1:\d+/.test(x), 'the gdb port');
    const port = /127\.0\.0\.1:(\d+)/.exec(s)![1]!;
    // The ELF `exo debug programs/hello.s` loads (crt0, the other library modules by name, the
    // program), for gdb's symbols.
    const lib = join(root, 'programs/lib');
    const files = ['crt0.s', ...readdirSync(lib).filter((f) => f.endsWith('.s') && f !== 'crt0.s').sort()].map((f) => join(lib, f));
    files.push(join(root, 'programs/hello.s'));
    const out = assemble(files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })), { textAddr: 0x00400000 });
    const elf = join(mkdtempSync(join(tmpdir(), 'exo-dbg-gdb-')), 'hello.elf');
    writeFileSync(elf, out.elf!);
    const child = spawn('gdb-multiarch', ['-batch', '-nx', elf,
      '-ex', 'set confirm off', '-ex', `target remote 127.0.0.1:${port}`,
      '-ex', 'break main', '-ex', 'continue', '-ex', 'info registers pc', '-ex', 'shell sleep 3', '-ex', 'detach',
    ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // While gdb holds the stopped machine (its `shell sleep`), a stepping key says who drives.
    s = await until((x) => x.includes('Stopped by gdb'), 'gdb stopping the machine at main');
    tm('send-keys', '-t', session, 's');
    s = await until((x) => x.includes('gdb is attached: it drives the machine'), 'the key refused while gdb is attached');
    const gdb = { status: await exited, stdout, stderr };
    expect(gdb.status, gdb.stderr).toBe(0);
    expect(gdb.stdout).toMatch(/Breakpoint 1, 0x0040[0-9a-f]{4} in main \(\)|Breakpoint 1 at 0x0040/);
    const pc = /pc:?\s+0x([0-9a-f]+)/.exec(gdb.stdout)?.[1];
    expect(pc).toBeDefined();
    // The screen followed gdb: paused at main's address, gdb gone, the keys ours again.
    s = await until((x) => x.includes('gdb detached') && x.includes('[paused]'), 'the detach on screen');
    expect(s).toMatch(new RegExp(`pc 0*${pc}`));
    tm('send-keys', '-t', session, 's');
    s = await until((x) => /Stepped/.test(x), 'a step after the detach');
    tm('send-keys', '-t', session, 'q');
    s = await until((x) => x.includes('EXIT='), 'quit');
    expect(s).toContain('EXIT=0');
  }, 120_000);
});
