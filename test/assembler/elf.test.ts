/**
 * Our ELF executables as GNU's tools see them: objdump -d and readelf -a read them without a
 * word on stderr, show our symbols, and disassemble the bytes we wrote.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';
import { hasTools } from '../helpers/oracles.js';
import { workDir } from './gnu.js';

const haveTools = hasTools('mipsel-linux-gnu-objdump', 'mipsel-linux-gnu-readelf');
const CORPUS = join(import.meta.dirname, 'corpus');

function build(text: string, opts = {}): string {
  const r = assemble([{ name: 'p.s', text }], opts);
  expect(r.elf, r.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  const path = join(workDir(), 'p.elf');
  writeFileSync(path, r.elf!);
  return path;
}

const tool = (name: string, args: string[]): { out: string; err: string; status: number } => {
  const r = spawnSync(name, args, { encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, status: r.status ?? -1 };
};

const PROGRAM = `
	.globl	__start
	.type	__start, @function
__start:
	la	$a0, message
	jal	print
	li	$v0, 10
	syscall
	.size	__start, .-__start
	.type	print, @function
print:	lbu	$t0, 0($a0)
	beqz	$t0, 1f
	addiu	$a0, $a0, 1
	b	print
1:	jr	$ra
	.size	print, .-print
	.rdata
message: .asciiz "hello"
	.data
	.globl	counter
	.type	counter, @object
	.size	counter, 4
counter: .word	42
	.bss
buffer:	.space	128
`;

describe.skipIf(!haveTools)('ELF output read by GNU binutils', () => {
  it('readelf -a: no complaints; header, segments, sections and symbols as written', () => {
    const path = build(PROGRAM);
    const r = tool('mipsel-linux-gnu-readelf', ['-a', '-W', path]);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/Machine:\s+MIPS R3000/);
    expect(r.out).toMatch(/Type:\s+EXEC/);
    expect(r.out).toMatch(/Flags:\s+0x1000, o32, mips1/);
    expect(r.out).toMatch(/Entry point address:\s+0x400000/);
    expect(r.out).toMatch(/LOAD\s+0x[0-9a-f]+ 0x00400000 0x00400000 0x[0-9a-f]+ 0x[0-9a-f]+ R E 0x1000/);
    expect(r.out).toMatch(/LOAD\s+0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x00010 0x00090 RW  0x1000/);
    for (const s of ['.text', '.rodata', '.data', '.bss', '.symtab', '.strtab', '.shstrtab']) expect(r.out).toContain(` ${s} `);
    expect(r.out).toMatch(/00400000\s+\d+ FUNC\s+GLOBAL DEFAULT\s+1 __start/);
    expect(r.out).toMatch(/\s4 OBJECT\s+GLOBAL DEFAULT\s+\d counter/);
    expect(r.out).toMatch(/NOTYPE\s+LOCAL\s+DEFAULT\s+\d message/);
    expect(r.out).toMatch(/NOTYPE\s+LOCAL\s+DEFAULT\s+\d buffer/);
  });

  it('objdump -d: no complaints; disassembles with our symbols', () => {
    const path = build(PROGRAM);
    const r = tool('mipsel-linux-gnu-objdump', ['-d', path]);
    expect(r.err).toBe('');
    expect(r.out).toContain('<__start>:');
    expect(r.out).toContain('<print>:');
    expect(r.out).toMatch(/jal\s+[0-9a-f]+ <print>/);
    expect(r.out).toMatch(/syscall/);
  });

  it('objdump/readelf accept every corpus program, with -Ttext/-Tdata in kseg0', () => {
    for (const f of ['gcc-O2.s', 'directives.s', 'hazards-noreorder.s']) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const r = assemble([{ name: join(CORPUS, f), text }], { textAddr: 0x80010000, dataAddr: 0x80100000 });
      expect(r.elf).toBeDefined();
      const path = join(workDir(), 'c.elf');
      writeFileSync(path, r.elf!);
      for (const [t, args] of [['mipsel-linux-gnu-readelf', ['-a', path]], ['mipsel-linux-gnu-objdump', ['-d', '-s', path]]] as const) {
        const o = tool(t, [...args]);
        expect(o.err, `${t} ${f}`).toBe('');
        expect(o.status).toBe(0);
      }
    }
  });

  it('-e names the entry symbol', () => {
    const path = build(PROGRAM, { entry: 'print' });
    const r = tool('mipsel-linux-gnu-readelf', ['-h', path]);
    expect(r.out).toMatch(/Entry point address:\s+0x400018/);
  });
});
