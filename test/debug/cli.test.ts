/**
 * `exo run --snapshot-at N --save FILE` and `exo run --restore FILE`, end to end through the built
 * CLI (bin/exo.js runs dist/): a run split at N gives the uninterrupted run's output, statistics
 * and final state; bad options and bad files get one line and exit status 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, prog } from './helpers.js';

const built = existsSync(join(ROOT, 'dist/cli/run.js'));
if (!built) console.warn('[debug/cli] dist/ is not built (npm run build): the CLI tests are skipped');
const dir = mkdtempSync(join(tmpdir(), 'exo-snap-'));

function exo(args: string[], input = ''): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/exo.js'), 'run', ...args], { input, encoding: 'latin1', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const BARE = `
        .text
        .set noreorder
        .globl __start
__start:
        la    $a0, msg
        li    $t0, 0xb0000000
        li    $s0, 300
again:  move  $a1, $a0
loop:   lbu   $t1, 0($a1)
        nop
        beqz  $t1, next
        nop
        sb    $t1, 0($t0)
        b     loop
        addiu $a1, $a1, 1
next:   addiu $s0, $s0, -1
        bnez  $s0, again
        nop
        li    $t1, 3
        sw    $t1, 0x10($t0)
        nop
        .data
msg:    .asciz "bare says hi\\n"
`;

const LINUX = `
        .text
        .globl __start
__start:
        li    $s0, 200
1:      li    $v0, 4004
        li    $a0, 1
        la    $a1, msg
        li    $a2, 6
        syscall
        addiu $s0, $s0, -1
        bnez  $s0, 1b
        li    $v0, 4001
        li    $a0, 7
        syscall
        .data
msg:    .ascii "linux\\n"
`;

/** The stats lines that do not depend on host time. */
const guestStats = (stderr: string): string[] => stderr.split('\n').filter((l) => /^(cycles|instructions|cpi|icache|dcache|stall|exceptions)/.test(l));

describe.skipIf(!built)('exo run --snapshot-at / --restore', () => {
  const cases: [string, string[], number][] = [
    ['pingpong + peer (library OS)', [prog('pingpong.s'), prog('pingpong-peer.s')], 250_000],
    ['sieve (library OS)', [prog('sieve.s')], 300_000],
    ['a bare program', ['--bare', file('bare.s', BARE)], 7_777],
    ['a Linux program', ['--abi', 'linux', file('linux.s', LINUX)], 555],
  ];
  for (const [name, args, n] of cases) {
    it(`${name}: split at ${n}, the output, statistics and final state equal an uninterrupted run's`, () => {
      const full = exo([...args, '--stats', '--state-json', join(dir, 'full.json')]);
      const snap = join(dir, `s${n}.snap`);
      const first = exo([...args, '--snapshot-at', String(n), '--save', snap]);
      expect(first.stderr).toContain(`exo: snapshot at instruction ${n} (cycle `);
      expect(first.status).toBe(0);
      const rest = exo(['--restore', snap, '--stats', '--state-json', join(dir, 'rest.json')]);
      expect(rest.status).toBe(full.status);
      expect(first.stdout + rest.stdout).toBe(full.stdout);
      expect(full.stdout.length).toBeGreaterThan(0);
      expect(rest.stdout.length).toBeGreaterThan(0);
      expect(guestStats(rest.stderr)).toEqual(guestStats(full.stderr));
      expect(guestStats(full.stderr).length).toBe(11);
      expect(readFileSync(join(dir, 'rest.json'), 'utf8')).toBe(readFileSync(join(dir, 'full.json'), 'utf8'));
    });
  }

  it('a disk written before the snapshot is put back on restore, whatever the file holds then', () => {
    // 26 times: read sector 1, add one to its first byte, write it back; print 0x40 + the byte.
    const src = file('disk.s', `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb3000000
        li    $t8, 0xb0000000
        li    $t3, 512
        li    $t2, 26
        li    $s0, 0
loop:   sw    $t3, 0x00($t9)        # OFFSET
        sw    $zero, 0x20($t9)      # START read
        lbu   $t1, 0x4000($t9)
        nop
        addiu $t1, $t1, 1
        sb    $t1, 0x4000($t9)
        sw    $t3, 0x00($t9)
        li    $t0, 1
        sw    $t0, 0x20($t9)        # START write
        addiu $s0, $s0, 1
        bne   $s0, $t2, loop
        nop
        addiu $t1, $t1, 0x40
        sb    $t1, 0($t8)
        li    $t1, 10
        sb    $t1, 0($t8)
        sw    $zero, 0x10($t8)
        nop
`);
    const img = join(dir, 'd.img');
    writeFileSync(img, new Uint8Array(2048));
    const full = exo(['--bare', '--disk', img, src]);
    expect(full.stdout).toBe('Z\n');
    expect(readFileSync(img)[512]).toBe(26);
    writeFileSync(img, new Uint8Array(2048));
    const snap = join(dir, 'disk.snap');
    expect(exo(['--bare', '--disk', img, src, '--snapshot-at', '130', '--save', snap]).status).toBe(0);
    const mid = readFileSync(img)[512]!;
    expect(mid).toBeGreaterThan(3);
    expect(mid).toBeLessThan(26);
    writeFileSync(img, new Uint8Array(2048).fill(0x77)); // the file changed after the snapshot
    const rest = exo(['--restore', snap]);
    expect(rest.stdout).toBe('Z\n');
    expect(readFileSync(img)[512]).toBe(26);
  });

  it('--max-cycles counts from the machine start after a restore', () => {
    const args = [prog('sieve.s')];
    const full = exo([...args, '--max-cycles', '700000']);
    const snap = join(dir, 'mc.snap');
    exo([...args, '--snapshot-at', '100000', '--save', snap]);
    const rest = exo(['--restore', snap, '--max-cycles', '700000']);
    expect(full.status).toBe(124);
    expect(rest.status).toBe(124);
    const stopped = (e: string): string[] => e.split('\n').filter((l) => l.startsWith('exo: stopped'));
    expect(stopped(rest.stderr)).toEqual(stopped(full.stderr));
    expect(stopped(rest.stderr).length).toBe(1);
  });

  it('refuses bad option combinations and unreadable snapshots with one line, status 1', () => {
    const snap = join(dir, 'ok.snap');
    expect(exo([prog('hello.s'), '--snapshot-at', '1000', '--save', snap]).status).toBe(0);
    const good = readFileSync(snap);
    const v9 = Buffer.from(good);
    v9.writeUInt32LE(9, 8);
    const cut = good.subarray(0, good.length - 10);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 20]! ^= 0xff;
    const checks: [string[], RegExp][] = [
      [[prog('hello.s'), '--save', snap], /--save needs --snapshot-at/],
      [[prog('hello.s'), '--snapshot-at', '5'], /--snapshot-at needs --save/],
      [[prog('hello.s'), '--snapshot-at', '5', '--save', snap, '--max-cycles', '9'], /excludes --max-cycles/],
      [[prog('hello.s'), '--snapshot-at', '5', '--save', join(dir, 'no/such/dir/x.snap')], /cannot write/],
      [[prog('hello.s'), '--snapshot-at', '999999999', '--save', join(dir, 'never.snap')], /before --snapshot-at 999999999; nothing saved/],
      [['--restore', snap, prog('hello.s')], /--restore takes no programs/],
      [['--restore', snap, '--bare'], /--restore excludes --bare/],
      [['--restore', snap, '--ram', '4'], /--restore excludes --ram/],
      [['--restore', join(dir, 'missing.snap')], /cannot read .*missing\.snap: ENOENT/],
      [['--restore', file('foreign.snap', 'just some text\n')], /not an exo-r3000 snapshot file/],
      [['--restore', file('v9.snap', '') && writeBytes('v9.snap', v9)], /snapshot format version 9; this exo reads version 2/],
      [['--restore', writeBytes('cut.snap', cut)], /truncated or corrupt/],
      [['--restore', writeBytes('flip.snap', flipped)], /corrupt snapshot/],
    ];
    for (const [args, re] of checks) {
      const r = exo(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('exo: error:')).length, r.stderr).toBe(1);
      expect(r.stderr).not.toMatch(/ at .*\.js:\d+/);
    }
    expect(existsSync(join(dir, 'never.snap'))).toBe(false);
  });
});

function writeBytes(name: string, b: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, b);
  return p;
}
