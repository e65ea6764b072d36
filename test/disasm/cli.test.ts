/** `exo disasm` through the real command line parser (in process): output, --raw, and errors. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/main.js';
import { buildElf, words } from './elf-builder.js';
import { tempDir } from './gnu-tools.js';

async function exo(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(['node', 'exo', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('exo disasm', () => {
  const tmp = tempDir();
  afterAll(() => tmp.done());
  afterEach(() => {
    process.exitCode = undefined;
  });
  const prog = join(tmp.dir, 'prog.elf');
  writeFileSync(
    prog,
    buildElf(
      [{ name: '.text', addr: 0x400000, data: words(0x24020004, 0x00801025, 0x10000002, 0x00000000, 0x0000000c, 0x03e00008, 0x00000000), exec: true }],
      [
        { name: '__start', value: 0x400000, section: 0 },
        { name: 'done', value: 0x400010, section: 0, bind: 0, type: 0 },
      ],
    ),
  );

  it('prints the objdump-style listing', async () => {
    const r = await exo('disasm', prog);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        '',
        `${prog}:     file format elf32-tradlittlemips`,
        '',
        '',
        'Disassembly of section .text:',
        '',
        '00400000 <__start>:',
        '  400000:\t24020004 \tli\tv0,4',
        '  400004:\t00801025 \tmove\tv0,a0',
        '  400008:\t10000002 \tb\t400014 <done+0x4>',
        '  40000c:\t00000000 \tnop',
        '',
        '00400010 <done>:',
        '  400010:\t0000000c \tsyscall',
        '  400014:\t03e00008 \tjr\tra',
        '  400018:\t00000000 \tnop',
        '',
      ].join('\n'),
    );
  });

  it('--raw prints real instructions only', async () => {
    const r = await exo('disasm', '--raw', prog);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  400000:\t24020004 \taddiu\tv0,zero,4\n');
    expect(r.out).toContain('  400004:\t00801025 \tor\tv0,a0,zero\n');
    expect(r.out).toContain('  400008:\t10000002 \tbeq\tzero,zero,400014 <done+0x4>\n');
    expect(r.out).toContain('  40000c:\t00000000 \tsll\tzero,zero,0x0\n');
  });

  it.each<[string, () => string, string]>([
    ['a missing file', () => join(tmp.dir, 'nope.elf'), 'no such file'],
    ['a directory', () => (mkdirSync(join(tmp.dir, 'd'), { recursive: true }), join(tmp.dir, 'd')), 'is a directory'],
    ['a text file', () => (writeFileSync(join(tmp.dir, 'a.s'), 'nop\n'), join(tmp.dir, 'a.s')), 'not an ELF file'],
    ['a truncated ELF', () => (writeFileSync(join(tmp.dir, 't.elf'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1])), join(tmp.dir, 't.elf')), 'truncated ELF header'],
  ])('%s: one-line error, exit 1', async (_what, make, reason) => {
    const file = make();
    const r = await exo('disasm', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`exo: error: ${file}: ${reason}\n`);
  });
});
