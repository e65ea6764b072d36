/**
 * `exo run` end to end, through the built CLI (bin/exo.js runs dist/, which `npm test` builds).
 * Bare programs are assembled by our assembler; Linux programs are compiled with Debian's
 * mipsel-linux-gnu-gcc when it is installed and compared with qemu-mipsel when that is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, hasTools } from '../helpers/oracles.js';

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/cli/run.js'));
if (!built) console.warn('[cli-run] dist/ is not built (npm run build): the CLI tests are skipped');
const dir = mkdtempSync(join(tmpdir(), 'exo-run-'));

function exo(args: string[], input = ''): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'run', ...args], { input, encoding: 'latin1', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const HELLO = `
        .text
        .set noreorder
        .globl __start
__start:
        la    $a0, msg
        li    $t0, 0xb0000000
loop:   lbu   $t1, 0($a0)
        nop
        beqz  $t1, done
        nop
        sb    $t1, 0($t0)
        b     loop
        addiu $a0, $a0, 1
done:   li    $t1, 42
        sw    $t1, 0x10($t0)
        .data
msg:    .asciiz "hello, bare world\\n"
`;

describe.skipIf(!built)('exo run --bare', () => {
  it('runs an assembly program: console output and the halt value as exit status', () => {
    const r = exo(['--bare', file('hello.s', HELLO)]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello, bare world\n');
    expect(r.status).toBe(42);
  });
  it('echoes console input (getchar reads 0 at end of input)', () => {
    const src = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t0, 0xb0000000
1:      lbu   $t1, 0($t0)
        nop
        beqz  $t1, 2f
        nop
        b     1b
        sb    $t1, 0($t0)
2:      sw    $zero, 0x10($t0)
`;
    const r = exo(['--bare', file('echo.s', src)], 'abc\n');
    expect([r.stdout, r.status]).toEqual(['abc\n', 0]);
  });
  it('--max-cycles stops a runaway guest with status 124 and a message', () => {
    const r = exo(['--bare', '--max-cycles', '1000', file('spin.s', '.globl __start\n__start: b __start\nnop\n')]);
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/^exo: stopped after 100\d cycles: --max-cycles 1000 reached/);
  });
  it('--stats prints stable key: value lines; --state-json writes the documented schema', () => {
    const out = join(dir, 'state.json');
    const r = exo(['--bare', '--stats', '--state-json', out, file('hello2.s', HELLO)]);
    expect(r.status).toBe(42);
    const keys = r.stderr.trim().split('\n').map((l) => l.split(': ')[0]);
    expect(keys).toEqual([
      'cycles', 'instructions', 'cpi', 'icache_misses', 'dcache_misses', 'stall_icache', 'stall_dcache',
      'stall_uncached', 'stall_write_buffer', 'stall_hilo', 'exceptions', 'host_seconds', 'guest_mips',
    ]);
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(s)).toEqual(['pc', 'hi', 'lo', 'gpr', 'cp0', 'cycles', 'instructions']);
    expect(Object.keys(s.cp0)).toEqual(['index', 'random', 'entrylo', 'context', 'badvaddr', 'entryhi', 'status', 'cause', 'epc', 'prid']);
    expect(s.gpr).toHaveLength(32);
    expect(s.gpr[9]).toBe(42);
    expect(s.cp0.prid).toBe(0x220);
    expect(s.cp0.status).toBe(0x00400000);
    const cycles = Number(/cycles: (\d+)/.exec(r.stderr)![1]);
    expect(s.cycles).toBe(cycles);
  });
  it('an exception with no handler stops with a message and 128 + signal', () => {
    const r = exo(['--bare', file('bad.s', '.globl __start\n__start: lw $t0, 1($zero)\nnop\n')]);
    expect(r.status).toBe(128 + 7);
    expect(r.stderr).toMatch(/^exo: unhandled AdEL exception at pc 0x80030000, badvaddr 0x00000001: no handler at 0xbfc00180/);
  });
  it.skipIf(!hasTools('mipsel-linux-gnu-as', 'mipsel-linux-gnu-ld'))('a program with BEV=1 handlers in the boot ROM takes its own exceptions', () => {
    const src = `
        .set noreorder
        .text
        .globl __start
__start:
        break 3
        li    $t0, 0xb0000000
        mfc0  $t1, $13
        nop
        srl   $t1, $t1, 2
        sw    $t1, 0x10($t0)
        .section .rom, "ax"
        .space 0x180
handler:
        mfc0  $k0, $14
        nop
        addiu $k0, $k0, 4
        jr    $k0
        rfe
`;
    const obj = join(dir, 'rom.o');
    const elf = join(dir, 'rom.elf');
    expect(spawnSync('mipsel-linux-gnu-as', ['-march=r3000', '-o', obj, file('rom.s', src)]).status).toBe(0);
    expect(spawnSync('mipsel-linux-gnu-ld', ['-Ttext=0x80030000', '--section-start=.rom=0xbfc00000', '-e', '__start', '-o', elf, obj]).status).toBe(0);
    const r = exo(['--bare', '--stats', elf]);
    expect(r.status).toBe(9); // Cause.ExcCode of the break, read after the handler returned
    expect(r.stderr).toMatch(/\nexceptions: 1\n/);
  });
  it('rejects bad usage with one line and a non-zero status', () => {
    // Without --bare or --abi the program is an environment of the firmware: it needs an entry.
    const r = exo([file('x.s', 'nop\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^exo: error: run: .*x\.s: defines neither __start nor a global main/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const r2 = exo(['--bare', join(dir, 'missing.elf')]);
    expect(r2.status).toBe(1);
    expect(r2.stderr.trim().split('\n')).toHaveLength(1);
    const r3 = exo(['--bare', file('notelf.elf', 'hello')]);
    expect(r3.stderr).toMatch(/not an ELF file/);
  });
});

const DISK_PROG = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t0, 0xb3000000
        sw    $zero, 0x10($t0)
        sw    $zero, 0x0($t0)
        sw    $zero, 0x8($t0)
        sw    $zero, 0x20($t0)
        lbu   $t2, 0x4000($t0)
        li    $t3, 0xb0000000
        sb    $t2, 0($t3)
        lbu   $t4, 0x4001($t0)
        nop
        sw    $t4, 0x10($t3)
`;

const NET_PROG = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t0, 0xb4000000
wait:   lw    $t1, 0x4000($t0)
        nop
        andi  $t1, $t1, 2
        beqz  $t1, wait
        nop
        sw    $zero, 0x4020($t0)
        lw    $t2, 0x4010($t0)
        lbu   $t5, 0($t0)
        li    $t3, 0xb0000000
        sb    $t5, 0($t3)
        sw    $t2, 0x10($t3)
`;

/** Timer interrupt, BEV=0: copies a 4-word stub to the general vector; halts with ExcCode + 100. */
const TIMER_PROG = `
        .text
        .set noreorder
        .globl __start
__start:
        la    $t1, stub
        li    $t2, 0x80000080
        li    $t3, 4
copy:   lw    $t4, 0($t1)
        addiu $t1, $t1, 4
        sw    $t4, 0($t2)
        addiu $t3, $t3, -1
        bnez  $t3, copy
        addiu $t2, $t2, 4
        li    $s0, 0xb5000000
        li    $t0, 500
        sw    $t0, 0x120($s0)
        li    $t0, 0x1001
        mtc0  $t0, $12
        li    $t0, 1
        sw    $t0, 0x130($s0)
spin:   b     spin
        nop
stub:   la    $k0, handler
        jr    $k0
        nop
handler:
        mfc0  $k0, $13
        nop
        srl   $k0, $k0, 2
        andi  $k0, $k0, 31
        addiu $k0, $k0, 100
        li    $k1, 0xb0000000
        sw    $k0, 0x10($k1)
`;

describe.skipIf(!built)('exo run devices and tracing', () => {
  it('--disk attaches an image as disk 0', () => {
    const img = join(dir, 'disk.img');
    const data = new Uint8Array(1024);
    data[0] = 0x5a; // 'Z'
    data[1] = 77;
    writeFileSync(img, data);
    const r = exo(['--bare', '--disk', img, file('disk.s', DISK_PROG)]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Z');
    expect(r.status).toBe(77);
    const bad = exo(['--bare', '--disk', join(dir, 'nope.img'), file('disk2.s', DISK_PROG)]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/nope\.img: cannot open disk image/);
  });
  it('--net-in delivers frames at their cycles', () => {
    const frames = file('frames.txt', '# one frame\n@2000 414243\n');
    const r = exo(['--bare', '--net-in', frames, '--stats', file('net.s', NET_PROG)]);
    expect(r.stdout).toBe('A');
    expect(r.status).toBe(3);
    expect(Number(/cycles: (\d+)/.exec(r.stderr)![1])).toBeGreaterThan(2000);
    const bad = exo(['--bare', '--net-in', file('badframes.txt', '@x zz\n'), file('net2.s', NET_PROG)]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/badframes\.txt:1: /);
  });
  it('--trace exc,irq shows the timer line rising and the interrupt taken; --trace-file writes the lines', () => {
    const src = file('timer.s', TIMER_PROG);
    const r = exo(['--bare', '--trace', 'exc,irq', src]);
    expect(r.status).toBe(100); // ExcCode 0 (Int) + 100
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d+ [0-9a-f]{8} irq line=2 level=1 ip=10$/);
    expect(lines[1]).toMatch(/^\d+ [0-9a-f]{8} irq take ip=10 im=10$/);
    expect(lines[2]).toMatch(/^\d+ [0-9a-f]{8} exc Int code=0 epc=[0-9a-f]{8} bd=[01] badvaddr=00000000 asid=0 vector=80000080$/);
    const rise = Number(lines[0]!.split(' ')[0]);
    expect(Number(lines[1]!.split(' ')[0])).toBe(rise); // taken at the boundary where the tick fired
    const out = join(dir, 'trace.txt');
    const r2 = exo(['--bare', '--trace', 'insn', '--trace-file', out, src]);
    expect(r2.status).toBe(100);
    expect(r2.stderr).toBe('');
    const tl = readFileSync(out, 'latin1').split('\n');
    expect(tl[0]).toBe('0 80030000 insn 3c098003 lui t1,0x8003');
    expect(tl.filter((l) => l !== '').every((l) => /^\d+ [0-9a-f]{8} insn [0-9a-f]{8} \S/.test(l))).toBe(true);
    const bad = exo(['--bare', '--trace', 'exc,nope', src]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown trace category 'nope'/);
  });
});

const C_PROG = `
static long sys3(long n, long a, long b, long c) {
  register long v0 asm("v0") = n; register long a0 asm("a0") = a; register long a1 asm("a1") = b;
  register long a2 asm("a2") = c; register long a3 asm("a3");
  asm volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0), "r"(a1), "r"(a2) : "memory", "t0","t1","t2","t3","t4","t5","t6","t7","t8","t9","hi","lo");
  return a3 ? -v0 : v0;
}
static void putnum(long x) { char b[16]; int i = 15; unsigned u = x < 0 ? -x : x; b[i] = '\\n'; do { b[--i] = '0' + u % 10; u /= 10; } while (u); if (x < 0) b[--i] = '-'; sys3(4004, 1, (long)(b+i), 16-i); }
static unsigned fib(unsigned n) { return n < 2 ? n : fib(n-1) + fib(n-2); }
unsigned sieve[5000];
int initialised = 3;
void __start(void) {
  char buf[8];
  long n = sys3(4003, 0, (long)buf, 8);
  sys3(4004, 1, (long)buf, n);
  putnum(fib(20));
  int cnt = 0;
  for (int i = 2; i < 5000; i++) if (!sieve[i]) { cnt++; for (int j = i * 2; j < 5000; j += i) sieve[j] = 1; }
  putnum(cnt);
  long long m = 123456789LL * -987654321LL; putnum((long)(m >> 32)); putnum((long)m);
  putnum(-1000000007 / 12345); putnum(-1000000007 % 12345);
  long brk0 = sys3(4045, 0, 0, 0);
  long brk1 = sys3(4045, brk0 + 100000, 0, 0);
  putnum(brk1 - brk0);
  ((volatile char *)brk0)[99999] = 5;
  putnum(((volatile char *)brk0)[99999]);
  putnum(sys3(4004, 7, (long)buf, 1));
  sys3(4246, initialised + 4, 0, 0);
}
`;

const haveGcc = hasTool('mipsel-linux-gnu-gcc');

describe.skipIf(!built || !haveGcc)('exo run --abi linux', () => {
  const elf = join(dir, 'prog.elf');
  if (haveGcc) {
    const src = file('prog.c', C_PROG);
    const cc = spawnSync('mipsel-linux-gnu-gcc', ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-o', elf, src], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(cc.stderr);
  }
  const expected = 'hi!\n6765\n669\n-28389653\n67153019\n-81004\n-5627\n100000\n5\n-9\n';
  it('runs a static freestanding program: read, write, brk, exit_group', () => {
    const r = exo(['--abi', 'linux', elf], 'hi!\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
    expect(r.status).toBe(7);
  });
  it.skipIf(!hasTools('qemu-mipsel'))('gives the same output and status as qemu-mipsel', () => {
    const q = spawnSync('qemu-mipsel', [elf], { input: 'hi!\n', encoding: 'latin1' });
    expect([q.stdout, q.status]).toEqual([expected, 7]);
  });
  it('an unsupported system call stops with status 159 and names it', () => {
    const src = file('sys.c', 'void __start(void) { register long v0 asm("v0") = 4020; asm volatile("syscall" : "+r"(v0)); for(;;); }');
    const out = join(dir, 'sys.elf');
    spawnSync('mipsel-linux-gnu-gcc', ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-o', out, src]);
    const r = exo(['--abi', 'linux', out]);
    expect(r.status).toBe(159);
    expect(r.stderr).toMatch(/^exo: unsupported Linux system call 4020 at pc 0x/);
  });
  it('loads a program whose only writable segment is .bss (p_filesz 0, offset past the file end)', () => {
    const src = file('bss.c', 'unsigned big[1000];\nvoid __start(void) { big[5] = 3; register long v0 asm("v0") = 4246; register long a0 asm("a0") = big[5]; asm volatile("syscall" : "+r"(v0) : "r"(a0)); for(;;); }');
    const out = join(dir, 'bss.elf');
    spawnSync('mipsel-linux-gnu-gcc', ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-o', out, src]);
    const r = exo(['--abi', 'linux', out]);
    expect([r.stderr, r.status]).toEqual(['', 3]);
  });
  it('a segmentation fault kills the program like SIGSEGV', () => {
    const src = file('segv.c', 'void __start(void) { *(volatile int *)0x100 = 1; for(;;); }');
    const out = join(dir, 'segv.elf');
    spawnSync('mipsel-linux-gnu-gcc', ['-O2', '-march=r3000', '-mfp32', '-mno-abicalls', '-fno-pic', '-nostdlib', '-static', '-o', out, src]);
    const r = exo(['--abi', 'linux', out]);
    expect(r.status).toBe(139);
    expect(r.stderr).toMatch(/SIGSEGV: TLBS \(store to unmapped address 0x00000100\)/);
  });
});
