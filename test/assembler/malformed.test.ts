/**
 * Malformed sources: each must produce its diagnostic at the right line and column (and the
 * assembler must not throw). Messages follow GNU as's wording where it has one.
 */
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../assembler/index.js';

interface Case {
  src: string;
  line: number;
  col: number;
  msg: string;
  severity?: 'error' | 'warning';
}

const CASES: Case[] = [
  { src: '\tfoo $t0\n', line: 1, col: 2, msg: "unrecognized opcode 'foo'" },
  { src: 'lab $t0\n', line: 1, col: 1, msg: "unrecognized opcode 'lab'" },
  { src: '\taddu $t0, $t1, $t9x\n', line: 1, col: 17, msg: "invalid register '$t9x'" },
  { src: '\tlw $t0, 0($t9x)\n', line: 1, col: 12, msg: "invalid register '$t9x'" },
  { src: '\taddu $t0, $t1\n\taddu $t0\n', line: 2, col: 10, msg: "missing operand for 'addu'" },
  { src: '\taddu $t0, $t1, $t2, $t3\n', line: 1, col: 22, msg: "too many operands for 'addu'" },
  { src: '\tnop $t0\n', line: 1, col: 6, msg: "too many operands for 'nop'" },
  { src: '\tbeq $t0, $t1\n', line: 1, col: 14, msg: "missing operand for 'beq'" },
  { src: '\tli $t0\n', line: 1, col: 8, msg: "missing operand for 'li'" },
  { src: '\tla $t0\n', line: 1, col: 8, msg: "missing operand for 'la'" },
  { src: '\tmul $t0\n', line: 1, col: 9, msg: "missing operand for 'mul'" },
  { src: '\tdiv $t0, $t1, $t2, $t3\n', line: 1, col: 21, msg: "too many operands for 'div'" },
  { src: '\taddiu $t0, $t0, 0x10000\n', line: 1, col: 18, msg: 'immediate 65536 out of range' },
  { src: '\tori $t0, $t0, -1\n', line: 1, col: 16, msg: 'immediate -1 out of range (0..65535)' },
  { src: '\tlui $t0, 0x10000\n', line: 1, col: 11, msg: 'immediate 65536 out of range (0..65535)' },
  { src: '\tsll $t0, $t1, 32\n', line: 1, col: 16, msg: 'shift amount 32 out of range (0..31)' },
  { src: '\tbreak 1024\n', line: 1, col: 8, msg: 'break code 1024 out of range' },
  { src: '\tsyscall 0x100000\n', line: 1, col: 10, msg: 'syscall code 1048576 out of range' },
  { src: '\tlw $t0, 0x8000($t1)\n\tlw $t0, 40000($t1)\n\tlb $t0, 1(\n', line: 3, col: 12, msg: "missing ')'" },
  { src: '\tlw $t0, 4($t1\n', line: 1, col: 15, msg: "missing ')'" },
  { src: '\tsw $t0, 0x12345($t1\n', line: 1, col: 21, msg: "missing ')'" },
  { src: '\tmove $t0, 5\n', line: 1, col: 12, msg: "expected a register, found '5'" },
  { src: '\tjr 5\n', line: 1, col: 5, msg: "expected a register, found '5'" },
  { src: '\tli $t0, $t1\n', line: 1, col: 10, msg: 'expected an immediate, found a register' },
  { src: '\tmfc0 $t0, $32\n', line: 1, col: 12, msg: "invalid coprocessor register '$32'" },
  { src: '\tb nowhere\n', line: 1, col: 4, msg: "undefined symbol 'nowhere'" },
  { src: '\tnop\n\tjal missing_func\n', line: 2, col: 6, msg: "undefined symbol 'missing_func'" },
  { src: '\t.word undefined_sym\n', line: 1, col: 8, msg: "undefined symbol 'undefined_sym'" },
  { src: '\tb 1f\n', line: 1, col: 4, msg: "undefined symbol 'local label 1'" },
  { src: '\tb 1b\n', line: 1, col: 4, msg: 'no previous definition of local label 1' },
  { src: 'x: nop\nx: nop\n', line: 2, col: 1, msg: "symbol 'x' is already defined" },
  { src: '\t.equ X, 1\n\t.equiv X, 2\n', line: 2, col: 9, msg: "symbol 'X' is already defined" },
  { src: '\tbeq $t0, $t1, far\n\t.space 0x40000\nfar: nop\n', line: 1, col: 16, msg: 'branch out of range' },
  { src: '\tbeq $t0, $t1, 2\n', line: 1, col: 16, msg: 'branch to misaligned address' },
  { src: '\tj 0x10000000\n', line: 1, col: 4, msg: 'outside the 256 MB region' },
  { src: '\t.word 1 +\n', line: 1, col: 8, msg: 'missing operand' },
  { src: '\t.word (1 + 2\n', line: 1, col: 14, msg: "missing ')'" },
  { src: '\t.word 1 2\n', line: 1, col: 10, msg: "junk at end of expression: '2'" },
  { src: '\t.word 1/0\n', line: 1, col: 9, msg: 'division by zero' },
  { src: '\t.word 0x\n', line: 1, col: 8, msg: 'bad hexadecimal number' },
  { src: '\t.word 09\n', line: 1, col: 8, msg: 'bad octal number 09' },
  { src: '\t.word 12abc\n', line: 1, col: 8, msg: "bad number '12abc'" },
  { src: '\t`\n', line: 1, col: 2, msg: "unexpected character '`'" },
  { src: '\t.byte "abc\n', line: 1, col: 8, msg: 'missing closing quote' },
  { src: '\t.ascii 5\n', line: 1, col: 9, msg: 'expected a string' },
  { src: '\tli $t0, %gp_rel(x)\n', line: 1, col: 10, msg: 'unsupported relocation operator %gp_rel' },
  { src: '\tli $t0, %hi(x\n', line: 1, col: 15, msg: "missing ')'" },
  { src: '\t.bogus 3\n', line: 1, col: 2, msg: "unknown directive '.bogus'" },
  { src: '\t.set bogus\n', line: 1, col: 7, msg: "unknown .set option 'bogus'" },
  { src: '\t.set pop\n', line: 1, col: 2, msg: '.set pop with no .set push' },
  { src: '\t.set nomacro\n', line: 1, col: 7, msg: "`noreorder' must be set before `nomacro'" },
  { src: '\t.align 16\n', line: 1, col: 9, msg: 'alignment too large: 16' },
  { src: '\t.balign 3\n', line: 1, col: 10, msg: 'alignment 3 is not a power of 2' },
  { src: '\t.org -1\n', line: 1, col: 7, msg: 'attempt to move .org backwards' },
  { src: '\tnop\n\tnop\n\t.org 4\n', line: 3, col: 7, msg: 'attempt to move .org backwards' },
  { src: '\t.space -1\n', line: 1, col: 9, msg: 'bad size -1' },
  { src: '\t.bss\n\t.word 1\n', line: 2, col: 8, msg: "attempt to store non-zero value in section '.bss'" },
  { src: '\t.bss\n\tnop\n', line: 2, col: 2, msg: 'instruction in .bss' },
  { src: '\t.globl 5\n', line: 1, col: 9, msg: "expected a symbol name, found '5'" },
  { src: '\t.type x, @weird\n', line: 1, col: 11, msg: "unrecognized symbol type '@weird'" },
  { src: '\t.section .weird\n', line: 1, col: 11, msg: "unknown section '.weird'" },
  { src: '\t.equ X\n', line: 1, col: 7, msg: 'expected symbol, expression' },
  { src: 'X =\n', line: 1, col: 4, msg: 'missing expression' },
  { src: '\t.include "missing.s"\n', line: 1, col: 11, msg: "can't open 'missing.s' for reading" },
  { src: '\t.macro m\n\tnop\n', line: 1, col: 2, msg: "missing .endm for macro 'm'" },
  { src: '\t.macro\n', line: 1, col: 8, msg: 'expected a macro name' },
  { src: '\t.endm\n', line: 1, col: 2, msg: '.endm without .macro' },
  { src: '\tnop\n\t.rept 2\n\tnop\n', line: 2, col: 2, msg: 'missing .endr for .rept' },
  { src: '\t.endr\n', line: 1, col: 2, msg: '.endr without .rept' },
  { src: '\t.fill 2, 3, 0\n', line: 1, col: 11, msg: '.fill size 3 not supported' },
  { src: '\t.macro m a\n\t.endm\n\tm 1, 2\n', line: 3, col: 2, msg: "too many arguments for macro 'm'" },
  { src: '\t.macro m a:req\n\t.endm\n\tm\n', line: 3, col: 2, msg: "missing value for required parameter 'a'" },
  { src: '\t.macro m\n\tm\n\t.endm\n\tm\n', line: 4, col: 2, msg: 'macros nested too deeply' },
  { src: '\t.if 1\n\tnop\n', line: 1, col: 2, msg: 'missing .endif for this .if' },
  { src: '\t.endif\n', line: 1, col: 2, msg: '.endif without .if' },
  { src: '\t.else\n', line: 1, col: 2, msg: '.else without .if' },
  { src: '\t.error "custom"\n', line: 1, col: 2, msg: 'custom' },
  { src: '\t.set noat\n\tsw $t0, sym\n\t.data\nsym: .word 0\n', line: 2, col: 2, msg: 'macro used $at after ".set noat"' },
  { src: '\t.half 0x12345\n', line: 1, col: 8, msg: 'value 0x12345 truncated to 0x2345', severity: 'warning' },
  { src: '\t.byte 256\n', line: 1, col: 8, msg: 'value 0x100 truncated to 0x0', severity: 'warning' },
  { src: '\tnop\n\tbgeu $t0, 0, x\nx:\n', line: 2, col: 2, msg: 'branch bgeu is always true', severity: 'warning' },
  { src: '\tdiv $t0, $t1, 0\n', line: 1, col: 16, msg: 'divide by zero', severity: 'warning' },
  { src: '\t.set noreorder\n\tlw $t0, 0($t1)\n\taddu $t1, $t0, $t0\n', line: 3, col: 2, msg: 'load delay: $t0 used by the next instruction', severity: 'warning' },
  { src: '\t.set noreorder\n\tmflo $t0\n\tmult $t1, $t2\n', line: 3, col: 2, msg: 'HI/LO hazard: mult within two instructions of mflo', severity: 'warning' },
  { src: '\t.set noreorder\n\tb 1f\n\tli $t0, 0x12345678\n1:\n', line: 3, col: 2, msg: 'macro instruction expanded into multiple instructions in a branch delay slot', severity: 'warning' },

];

describe('malformed sources', () => {
  it(`has at least 50 error cases (${CASES.filter((c) => (c.severity ?? 'error') === 'error').length})`, () => {
    expect(CASES.filter((c) => (c.severity ?? 'error') === 'error').length).toBeGreaterThanOrEqual(50);
  });

  for (const c of CASES) {
    it(`${JSON.stringify(c.src)} -> ${c.line}:${c.col} ${c.msg}`, () => {
      const r = assemble([{ name: 't.s', text: c.src }], { readFile: () => undefined });
      const sev = c.severity ?? 'error';
      const all = r.diagnostics.map(formatDiagnostic);
      const hit = r.diagnostics.find((d) => d.severity === sev && d.message.includes(c.msg));
      expect(hit, all.join('\n')).toBeDefined();
      expect(`${hit!.file}:${hit!.line}:${hit!.col}`, all.join('\n')).toBe(`t.s:${c.line}:${c.col}`);
      expect(formatDiagnostic(hit!)).toBe(`t.s:${c.line}:${c.col}: ${sev}: ${hit!.message}`);
      if (sev === 'error') {
        expect(r.image).toBeUndefined();
        expect(r.elf).toBeUndefined();
        // One mistake, one error: no cascades.
        expect(r.diagnostics.filter((d) => d.severity === 'error'), all.join('\n')).toHaveLength(1);
      } else expect(r.image).toBeDefined();
    });
  }

  it('reports every error, not only the first', () => {
    const r = assemble([{ name: 'm.s', text: '\tfoo\n\taddu $t0\n\t.bogus\n\tb nowhere\n' }]);
    const errs = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line);
    expect(errs).toEqual([1, 2, 3, 4]);
  });

  it('reports a duplicate global at the second definition, across files', () => {
    const r = assemble([
      { name: 'a.s', text: '\t.globl f\nf: nop\n' },
      { name: 'b.s', text: '\t.globl f\n\tnop\nf: nop\n' },
    ]);
    const e = r.diagnostics.filter((d) => d.severity === 'error');
    expect(e.map(formatDiagnostic)).toEqual(["b.s:3:1: error: symbol 'f' is already defined (first defined at a.s:2)"]);
  });

  it('reports a recursive .include', () => {
    const r = assemble([{ name: 'a.s', text: '\t.include "b.s"\n' }], { readFile: (p) => (p === 'b.s' ? '\tnop\n\t.include "a.s"\n' : undefined) });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual(["b.s:2:11: error: recursive .include of 'a.s'"]);
  });
});
