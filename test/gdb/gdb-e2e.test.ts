/**
 * gdb-multiarch against the stub (issue 9's acceptance): connect, info registers, x/4i $pc, break
 * on a symbol, continue, stepi through a branch and its delay slot, watch a variable and continue
 * to the write, monitor tlb, reverse-stepi, detach; the guest then runs to its end. The target is
 * `exo run --bare --gdb 0 prog.elf` when the built CLI has the option, else the same server
 * (serveGdb's GdbServer) in this process. gdb is given the ELF for its symbols and no other
 * setting: the target description supplies the architecture (mips:3000) and OS ABI (none).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { prepareMachine } from '../../cli/machine-setup.js';
import { createDebugSession, debugGuestIo } from '../../emulator/debug/session.js';
import { GdbServer } from '../../gdb/server.js';
import { hasTool } from '../helpers/oracles.js';
import { buildBare, COUNTER_PROGRAM } from './setup.js';

const root = new URL('../../', import.meta.url).pathname;
const hasGdb = hasTool('gdb-multiarch');
const mainJs = join(root, 'dist/cli/main.js');
const cliHasGdb = existsSync(mainJs) && existsSync(join(root, 'dist/cli/gdb.js')) && readFileSync(mainJs, 'utf8').includes("'--gdb");
if (hasGdb && !cliHasGdb) console.warn('[gdb e2e] the built exo has no `run --gdb` (npm run build): testing the server in process');

interface Target {
  readonly port: number;
  /** The exit status once the session ends. */
  readonly done: Promise<number>;
  readonly log: () => string;
  /** The guest's console output so far. */
  readonly output: () => string;
}

async function startCli(runArgs: string[]): Promise<Target> {
  const child = spawn(process.execPath, [join(root, 'bin/exo.js'), 'run', '--gdb', '0', ...runArgs], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`exo run --gdb did not say its port: ${err}`)), 30_000);
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /127\.0\.0\.1:(\d+)/.exec(err);
      if (m !== null) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
  });
  return { port, done, log: () => err, output: () => out };
}

async function startInProcess(files: string[], opts: { bare?: boolean; abi?: string }): Promise<Target> {
  const prepared = await prepareMachine(files, opts, debugGuestIo());
  const session = createDebugSession(prepared.machine);
  const lines: string[] = [];
  let out = '';
  const server = new GdbServer(session, { log: (l) => lines.push(l), output: (b) => { out += Buffer.from(b).toString(); } });
  const port = await server.listen(0);
  return { port, done: server.done, log: () => lines.join('\n'), output: () => out };
}

function runGdb(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('gdb-multiarch', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const t = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Checks that `parts` occur in `text` in this order. */
function expectInOrder(text: string, parts: (string | RegExp)[]): void {
  let at = 0;
  for (const p of parts) {
    const rest = text.slice(at);
    const m = typeof p === 'string' ? (rest.includes(p) ? { index: rest.indexOf(p), len: p.length } : null) : ((r) => (r === null ? null : { index: r.index, len: r[0].length }))(p.exec(rest));
    if (m === null) throw new Error(`gdb output lacks ${String(p)} after offset ${at}:\n${text}`);
    at += m.index + m.len;
  }
}

describe.skipIf(!hasGdb)('gdb-multiarch against the stub', () => {
  it('debugs a program built by our assembler', async () => {
    const prog = buildBare(COUNTER_PROGRAM);
    const sym = (n: string): string => `0x${prog.symbols.get(n)!.toString(16)}`;
    const target = cliHasGdb ? await startCli(['--bare', prog.elfPath]) : await startInProcess([prog.elfPath], { bare: true });
    const cmds = [
      'set confirm off',
      `target remote 127.0.0.1:${target.port}`,
      'info registers',
      'x/4i $pc',
      'break bump',
      'continue',
      'print $t0', // the jal's delay slot ran before bump: 3 - 1
      'stepi',
      'stepi',
      'stepi',
      'print $pc',
      'stepi', // jr ra and its delay slot (the store) in one step
      'print $pc',
      'print *(int *)&counter',
      'delete',
      'watch *(int *)&counter',
      'continue',
      'print $pc',
      'monitor tlb',
      'monitor cp0',
      'reverse-stepi',
      'print $pc',
      'print *(int *)&counter',
      'detach',
    ];
    const r = await runGdb(['-nx', '-batch', ...cmds.flatMap((c) => ['-ex', c]), prog.elfPath]);
    const out = r.stdout;
    const all = r.stdout + r.stderr;
    expect(r.stderr).not.toMatch(/Remote .*error|Remote failure|Architecture rejected|warning: Invalid remote reply/i);
    expectInOrder(out, [
      '0x80030000 in __start ()',
      // info registers: the CP0 row, then our extras with PRId 0x220
      /status +lo +hi +badvaddr +cause +pc\s*\n\s*00400000 00000000 00000000 00000000 00000000 80030000/,
      /index +random +entrylo +context +entryhi +epc\s*\n[ 0-9a-f]+\n\s*prid\s*\n\s*00000220/,
      '=> 0x80030000 <__start>:\tli\tt0,3',
      '<__start+4>:\tlui\ts0,0x8004',
      `Breakpoint 1 at ${sym('bump')}`,
      `Breakpoint 1, ${sym('bump')} in bump ()`,
      '$1 = 2',
      `$2 = (void (*)()) 0x80030040 <bump+12>`,
      `$3 = (void (*)()) 0x80030014 <loop+8>`,
      '$4 = 1',
      'Hardware watchpoint 2: *(int *)&counter',
      'Old value = 1',
      'New value = 2',
      '$5 = (void (*)()) 0x80030014 <loop+8>',
      '$6 = (void (*)()) 0x80030040 <bump+12>',
      '$7 = 1',
      '[Inferior 1 (Remote target) detached]',
    ]);
    expect(all).toContain('(no valid or global entries)');
    expect(all).toMatch(/Status +0x00400000 .*BEV=1/);
    expect(all).toContain('PRId     0x00000220');
    // After detach the guest runs on and halts with counter = 3.
    expect(await target.done).toBe(3);
    expect(target.log()).toContain('detached');
  }, 120_000);

  it('debugs a program on the exokernel: user breakpoints, code not yet in the TLB, monitor envs', async () => {
    // The ELF `exo run programs/hello.s` loads: crt0, the other library modules by name, then the program.
    const lib = join(root, 'programs/lib');
    const files = ['crt0.s', ...readdirSync(lib).filter((f) => f.endsWith('.s') && f !== 'crt0.s').sort()].map((f) => join(lib, f));
    files.push(join(root, 'programs/hello.s'));
    const out = assemble(files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') })), { textAddr: 0x00400000 });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const elf = join(mkdtempSync(join(tmpdir(), 'exo-gdb-')), 'hello.elf');
    writeFileSync(elf, out.elf!);
    const main = out.image!.symbols.find((x) => x.name === 'main')!.value;
    const target = cliHasGdb ? await startCli(['programs/hello.s']) : await startInProcess([join(root, 'programs/hello.s')], {});
    const cmds = [
      `target remote 127.0.0.1:${target.port}`,
      'break main',
      'continue',
      'x/2i $pc',
      'monitor envs',
      'monitor tlb',
      `monitor v2p 0x${main.toString(16)}`,
      'info registers system',
      'continue',
    ];
    const r = await runGdb(['-nx', '-batch', ...cmds.flatMap((c) => ['-ex', c]), elf]);
    const all = r.stdout + r.stderr;
    expectInOrder(r.stdout, [
      '0xbfc00000 in ?? ()', // the reset vector: the firmware has not run yet
      `Breakpoint 1 at 0x${main.toString(16)}`,
      `Breakpoint 1, 0x00${main.toString(16)} in main ()`,
      `=> 0x${main.toString(16)} <main>:\taddiu\tsp,sp,-24`,
      `<main+4>:\tsw\tra,20(sp)`,
      /entryhi: 0x[0-9a-f]*800\n/, // ASID 32 (32 << 6), the first environment's
      'prid: 0x220',
    ]);
    // main's page is in the TLB, or the stub found it where the refill will (the kernel's software
    // TLB): then the first fetch misses, and the breakpoint is hit again after the refill.
    const v2p = /0x[0-9a-f]{8} -> physical 0x[0-9a-f]{8} \((TLB entry \d+|not in the TLB; from the kernel's software TLB)/.exec(all);
    expect(v2p).not.toBeNull();
    const hits = r.stdout.split(`Breakpoint 1, 0x00${main.toString(16)} in main ()`).length - 1;
    expect(hits).toBe(v2p![1]!.startsWith('TLB') ? 1 : 2);
    // After one hit the second continue runs to the end; after two, gdb detaches at its exit.
    expect(r.stdout).toContain(hits === 1 ? '[Inferior 1 (Remote target) exited normally]' : '[Inferior 1 (Remote target) detached]');
    expect(all).toMatch(/\*rec +1 id 0x00000001 ASID 32 runnable/);
    // The boot page (guaranteed mapping 0 at BOOT_VA, writable) is in the TLB under ASID 32.
    expect(all).toMatch(/^ idx  VPN {8}VA range {14}ASID  PFN {8}N D V G$/m);
    expect(all).toMatch(/^[I ][R ][ 0-9]\d {2}00001 {6}0x00001000-0x00001fff {3}32  0x[0-9a-f]{8} 0 1 1 0$/m);
    expect(await target.done).toBe(0);
    expect(target.output()).toBe('Hello from environment 1 on the exokernel!\n');
  }, 120_000);

  const LINUX_C = `
int counter;
int bump(int x) { counter += x; return counter; }
void __start(void) {
  for (int i = 0; i < 3; i++) bump(i);
  register int a0 __asm__("$4") = counter;
  register int v0 __asm__("$2") = 4001; /* exit */
  __asm__ volatile ("syscall" : : "r"(a0), "r"(v0));
  for (;;) ;
}
`;

  it.skipIf(!hasTool('mipsel-linux-gnu-gcc'))('source-level debugging of a gcc -g program on --abi linux', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-gdb-'));
    writeFileSync(join(dir, 'count.c'), LINUX_C);
    const elf = join(dir, 'count.elf');
    const cc = spawnSync('mipsel-linux-gnu-gcc', ['-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-O0', '-g', '-o', elf, join(dir, 'count.c')], { encoding: 'utf8' });
    expect(cc.stderr).toBe('');
    const target = cliHasGdb ? await startCli(['--abi', 'linux', elf]) : await startInProcess([elf], { abi: 'linux' });
    const cmds = [
      `target remote 127.0.0.1:${target.port}`,
      'break bump',
      'continue',
      'backtrace',
      'finish',
      'next',
      'watch counter',
      'continue',
      'continue',
      'reverse-continue',
      'delete',
      'continue',
    ];
    const r = await runGdb(['-nx', '-batch', ...cmds.flatMap((c) => ['-ex', c]), elf]);
    expectInOrder(r.stdout, [
      'Breakpoint 1, bump (x=0) at',
      '#1  0x',
      ' in __start () at ',
      'Value returned is $1 = 0',
      'Breakpoint 1, bump (x=1) at',
      'Hardware watchpoint 2: counter',
      'Old value = 0',
      'New value = 1',
      'Breakpoint 1, bump (x=2) at',
      // Backwards over the store: gdb shows the value going back.
      'Old value = 1',
      'New value = 0',
      '[Inferior 1 (Remote target) exited with code 03]',
    ]);
    expect(await target.done).toBe(3);
  }, 120_000);
});
