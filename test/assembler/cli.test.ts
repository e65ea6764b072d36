/**
 * `exo asm` end to end: in-process through asmCommand, and (when the build exists) by spawning
 * `node bin/exo.js asm ...` as a user would.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asmCommand } from '../../cli/asm.js';
import { workDir } from './gnu.js';

const ROOT = join(import.meta.dirname, '..', '..');
const built = existsSync(join(ROOT, 'dist', 'cli', 'main.js')) && existsSync(join(ROOT, 'dist', 'cli', 'asm.js'));
if (!built) console.warn('[cli] dist/ is not built (npx tsc -p tsconfig.build.json): the spawned-CLI tests are skipped');

function capture(): { err: () => string; out: () => string } {
  let err = '';
  let out = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  return { err: () => err, out: () => out };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const GOOD_A = '\t.globl __start\n__start:\n\tjal f\n\tli $v0, 10\n\tsyscall\n';
const GOOD_B = '\t.globl f\nf:\tjr $ra\n\t.data\nv: .word 1\n';

describe('asmCommand (in-process)', () => {
  it('links two files to an ELF, with listing and map files', async () => {
    const d = workDir();
    writeFileSync(join(d, 'a.s'), GOOD_A);
    writeFileSync(join(d, 'b.s'), GOOD_B);
    const c = capture();
    const code = await asmCommand([join(d, 'a.s'), join(d, 'b.s')], { output: join(d, 'o.elf'), Ttext: 0x80010000, Tdata: 0x80020000, listing: join(d, 'o.lst'), map: join(d, 'o.map') });
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const elf = readFileSync(join(d, 'o.elf'));
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(elf.readUInt32LE(24)).toBe(0x80010000);
    const lst = readFileSync(join(d, 'o.lst'), 'utf8');
    expect(lst).toMatch(/a\.s:3\s+80010000\s+0c004004\s+\tjal f/);
    expect(lst).toMatch(/80010004\s+00000000/);
    const map = readFileSync(join(d, 'o.map'), 'utf8');
    expect(map).toMatch(/^80010000\s+00000000\s+\.text\s+notype\s+global\s+__start$/m);
    expect(map).toMatch(/^80010010\s+00000000\s+\.text\s+notype\s+global\s+f$/m);
    expect(map).toMatch(/^80020000\s+00000000\s+\.data\s+notype\s+local\s+v$/m);
  });

  it('prints every diagnostic, returns 1 and writes no output on errors', async () => {
    const d = workDir();
    writeFileSync(join(d, 'bad.s'), '\tfoo\n\taddu $t0\n\tb nowhere\n');
    const c = capture();
    const code = await asmCommand([join(d, 'bad.s')], { output: join(d, 'o.elf') });
    expect(code).toBe(1);
    const lines = c.err().trim().split('\n');
    expect(lines).toEqual([
      `${join(d, 'bad.s')}:1:2: error: unrecognized opcode 'foo'`,
      `${join(d, 'bad.s')}:2:10: error: missing operand for 'addu' (expects 2 to 3)`,
      `${join(d, 'bad.s')}:3:4: error: undefined symbol 'nowhere'`,
    ]);
    expect(existsSync(join(d, 'o.elf'))).toBe(false);
  });

  it('--no-warn hides warnings; --listing without a file prints to stdout', async () => {
    const d = workDir();
    writeFileSync(join(d, 'w.s'), '\t.half 0x12345\n\tnop\n');
    let c = capture();
    expect(await asmCommand([join(d, 'w.s')], { output: join(d, 'o.elf') })).toBe(0);
    expect(c.err()).toContain('warning: value 0x12345 truncated to 0x2345');
    vi.restoreAllMocks();
    c = capture();
    expect(await asmCommand([join(d, 'w.s')], { output: join(d, 'o.elf'), warn: false, listing: true })).toBe(0);
    expect(c.err()).toBe('');
    expect(c.out()).toMatch(/00400000\s+4523/);
  });
});

describe.skipIf(!built)('exo asm (spawned)', () => {
  const exo = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'exo.js'), 'asm', ...args], { encoding: 'utf8' });

  it('assembles, links and exits 0', () => {
    const d = workDir();
    writeFileSync(join(d, 'a.s'), GOOD_A);
    writeFileSync(join(d, 'b.s'), GOOD_B);
    const r = exo([join(d, 'a.s'), join(d, 'b.s'), '-o', join(d, 'o.elf'), '-Ttext', '0x80010000', '--Tdata', '0x80020000', '-e', 'f']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(d, 'o.elf')).readUInt32LE(24)).toBe(0x80010010);
  });

  it('errors: one line each on stderr, exit 1, no stack trace, no output file', () => {
    const d = workDir();
    writeFileSync(join(d, 'bad.s'), '\tlw $t0, 4($t1\n\t.word 1/0\n');
    const r = exo([join(d, 'bad.s'), '-o', join(d, 'o.elf')]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n')).toEqual([`${join(d, 'bad.s')}:1:15: error: missing ')'`, `${join(d, 'bad.s')}:2:9: error: division by zero`]);
    expect(existsSync(join(d, 'o.elf'))).toBe(false);
  });

  it('a missing source file is a one-line error', () => {
    const d = workDir();
    const r = exo([join(d, 'nope.s'), '-o', join(d, 'o.elf')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^exo: error: cannot read .*nope\.s: ENOENT$/);
  });
});
