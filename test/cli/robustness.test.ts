/**
 * Regression tests for bad input found by trying to break the CLI: each case spawns the built
 * `exo` (bin/exo.js runs dist/, which `npm test` builds) and checks the exit code and the exact
 * one-line message. None may print a stack trace, an internal error, or hang.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/cli/main.js'));
if (!built) console.warn('[cli robustness] dist/ is not built (npm run build): these tests are skipped');
const dir = mkdtempSync(join(tmpdir(), 'exo-qa-'));

function exo(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), ...args], { cwd: dir, input: '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe.skipIf(!built)('exo: bad input gives one clear line', () => {
  it('a long operator chain is a diagnostic, not a host stack overflow', () => {
    const src = file('chain.s', `__start: li $t0, ${Array(100_000).fill('1').join('+')}\n`);
    const r = exo(['asm', src, '-o', 'chain.elf']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('chain.s:1:2019: error: expression too complex (more than 1000 operators)\n');
  });

  it('deeply nested parentheses and unary operators are diagnostics', () => {
    const paren = file('paren.s', `.word ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`);
    expect(exo(['asm', paren, '-o', 'p.elf']).stderr).toBe('paren.s:1:1007: error: expression too complex (more than 1000 operators)\n');
    const neg = file('neg.s', `.word ${'-'.repeat(100_000)}1\n`);
    const r = exo(['asm', neg, '-o', 'n.elf']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('neg.s:1:1007: error: expression too complex (more than 1000 operators)\n');
  });

  it('an unwritable --state-json path is refused before the guest runs', () => {
    const src = file('hi.s', '__start: li $t0, 0xb0000000\n li $t1, 72\n sb $t1, 0($t0)\n sw $zero, 16($t0)\n');
    const r = exo(['run', '--bare', '--state-json', 'no/such/dir/s.json', src]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(''); // the guest (which prints "H") never ran
    expect(r.stderr).toBe('exo: error: cannot write no/such/dir/s.json: ENOENT\n');
  });

  it('symbols defined through each other are evaluated once each (no exponential time)', () => {
    const lines = ['__start: li $t0, s60'];
    for (let i = 1; i <= 60; i++) lines.push(`s${i} = s${i - 1} + s${i - 1}`);
    lines.push('s0 = 0');
    const r = exo(['asm', file('exp.s', lines.join('\n') + '\n'), '-o', 'exp.elf']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a very long chain of forward symbol definitions is a diagnostic', () => {
    const lines = ['__start: li $t0, s20000'];
    for (let i = 1; i <= 20_000; i++) lines.push(`s${i} = s${i - 1} + 1`);
    lines.push('s0 = 1');
    const r = exo(['asm', file('fwd.s', lines.join('\n') + '\n'), '-o', 'fwd.elf']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("fwd.s:1:1: error: symbol 's19000' is defined through more than 1000 other symbols\n");
  });

  it('-Tdata overlapping .text is an error, as in GNU ld', () => {
    const src = file('ovl.s', '__start: nop\n.data\n.word 1, 2, 3\n');
    const r = exo(['asm', src, '-o', 'ovl.elf', '-Ttext', '0x400000', '-Tdata', '0x3ffff8']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ovl.s: error: section .data [00400000,0040000f] overlaps section .text [00400000,0040000f]\n');
    expect(existsSync(join(dir, 'ovl.elf'))).toBe(false);
  });

  it('sections past the end of the 32-bit address space are an error', () => {
    const src = file('wrap.s', '__start: nop\n.data\n.word 1, 2, 3\n');
    const r = exo(['asm', src, '-o', 'wrap.elf', '-Ttext', '0xfffffff0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wrap.s: error: section .data [100000000,10000000f] extends past the end of the 32-bit address space\n');
  });

  it('usage errors are one line prefixed exo: error:', () => {
    const src = file('ok.s', '__start: nop\n');
    let r = exo(['asm', src]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("exo: error: required option '-o, --output <file>' not specified\n");
    r = exo(['run', '--bare', '--max-cycles', '-1', src]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("exo: error: option '--max-cycles <n>' argument '-1' is invalid. not a non-negative integer: -1\n");
    r = exo(['frob']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("exo: error: unknown command 'frob'\n");
  });
});

describe.skipIf(!built)('exo run --abi linux: memory', () => {
  it('brk gives back physical pages when it shrinks (grow, touch, shrink 10,000 times in 16 MiB)', () => {
    const src = file(
      'brkleak.s',
      `__start: li $v0, 4045
 li $a0, 0
 syscall
 move $s0, $v0
 li $s1, 10000
1: addiu $a0, $s0, 4096
 li $v0, 4045
 syscall
 lw $t0, 0($s0)
 bnez $t0, 2f
 sw $s1, 0($s0)
 move $a0, $s0
 li $v0, 4045
 syscall
 addiu $s1, $s1, -1
 bnez $s1, 1b
 li $a0, 0
 li $v0, 4001
 syscall
2: li $a0, 3
 li $v0, 4001
 syscall
`,
    );
    const r = exo(['run', '--abi', 'linux', src]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // 3 would mean a reused page was not zeroed
  });

  it('running out of physical RAM says so', () => {
    const src = file(
      'oom.s',
      `__start: li $v0, 4045
 li $a0, 0
 syscall
 move $s0, $v0
 li $t0, 0x400000
 addu $a0, $v0, $t0
 li $v0, 4045
 syscall
 move $s1, $v0
1: sw $0, 0($s0)
 addiu $s0, $s0, 4096
 bne $s0, $s1, 1b
 li $v0, 4001
 syscall
`,
    );
    const r = exo(['run', '--abi', 'linux', '--ram', '2', src]);
    expect(r.status).toBe(139);
    expect(r.stderr).toMatch(/^exo: guest killed by SIGSEGV: TLBS \(out of memory: all 2 MiB of RAM are in use, at address 0x[0-9a-f]{8}; see --ram\) at pc 0x[0-9a-f]{8}\n$/);
  });

  it('a jump to 0 is a fetch fault', () => {
    const r = exo(['run', '--abi', 'linux', file('j0.s', '__start: jr $0\n')]);
    expect(r.status).toBe(139);
    expect(r.stderr).toBe('exo: guest killed by SIGSEGV: TLBL (fetch from unmapped address 0x00000000) at pc 0x00000000\n');
  });
});

describe.skipIf(!built)('a closed output pipe', () => {
  const exoCmd = `'${process.execPath}' '${join(root, 'bin/exo.js')}'`;

  it('stops a guest that keeps writing (no hang), with one line', () => {
    const src = file('spin.s', '__start: li $t0, 0xb0000000\n li $t1, 0x41\n1: sb $t1, 0($t0)\n b 1b\n');
    const r = spawnSync('sh', ['-c', `${exoCmd} run --bare ${src} | head -c 5 >/dev/null`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('exo: error: run: the guest wrote to a closed standard output (broken pipe)\n');
  });

  it('ends disasm quietly with status 141, no stack trace', () => {
    const lines = ['__start:'];
    for (let i = 0; i < 20_000; i++) lines.push(' addiu $t0, $t0, 1');
    file('big.s', lines.join('\n') + '\n');
    expect(exo(['asm', 'big.s', '-o', 'big.elf']).status).toBe(0);
    const r = spawnSync('sh', ['-c', `${exoCmd} disasm big.elf | head -c 5 >/dev/null; exit 0`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const s = spawnSync('bash', ['-c', `set -o pipefail; ${exoCmd} disasm big.elf | head -c 5 >/dev/null`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(s.status).toBe(141);
  });
});

