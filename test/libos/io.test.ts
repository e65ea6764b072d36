/**
 * io.s (programs/lib): printf's conversions, flags and widths, o32 varargs past a3 (the caller's
 * stack), puts, putchar's line buffering, getchar's end of input and readline. Each case is a
 * small program written to a temporary directory and run on the exokernel with runExo (kernel
 * invariants checked at every kernel exit); the expected text is C's printf for the same call.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

const dir = mkdtempSync(join(tmpdir(), 'exo-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A program whose main runs `body` (with a 40-byte frame: 16(sp).. for stack arguments). */
function run(body: string, stdin?: string): ReturnType<typeof runExo> {
  const f = join(dir, `t${n++}.s`);
  writeFileSync(f, `\t.include "exo.inc"\n\t.text\n\t.globl main\nmain:\n\taddiu $sp, $sp, -40\n\tsw $ra, 36($sp)\n${body}\n\tmove $v0, $zero\n\tlw $ra, 36($sp)\n\taddiu $sp, $sp, 40\n\tjr $ra\n`);
  return runExo([f], { stdin });
}

/** printf(fmt, args...) with up to 7 integer arguments (a1-a3, then 16(sp), 20(sp), ...). */
function printfCall(fmt: string, args: (number | string)[]): string {
  const lines: string[] = [];
  args.forEach((a, i) => {
    const load = typeof a === 'string' ? `\tLSTR $t0, "${a}"` : `\tli $t0, ${a}`;
    lines.push(load, i < 3 ? `\tmove $a${i + 1}, $t0` : `\tsw $t0, ${16 + 4 * (i - 3)}($sp)`);
  });
  lines.push(`\tLSTR $a0, "${fmt}"`, '\tjal printf', '\tsw $v0, 32($sp)', '\tLSTR $a0, "=%d\\n"', '\tlw $a1, 32($sp)', '\tjal printf');
  return lines.join('\n');
}

function expectOut(r: ReturnType<typeof runExo>, out: string): void {
  expect(r.violations).toEqual([]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(out);
}

describe('printf', () => {
  it('formats %d %i %u %x %X %c %s %% and returns the byte count', () => {
    const cases: [string, (number | string)[], string][] = [
      ['%d|%d|%d', [0, -1, 2147483647], '0|-1|2147483647'],
      ['%d', [-2147483648], '-2147483648'],
      ['%i %u', [-5, -1], '-5 4294967295'],
      ['%x %X %x', [0xdeadbeef, 0xabcdef, 0], 'deadbeef ABCDEF 0'],
      ['%c%c%c', [72, 105, 33], 'Hi!'],
      ['[%s] [%s]', ['abc', ''], '[abc] []'],
      ['100%% %q %', [], '100% %q %'],
    ];
    const body = cases.map(([f, a]) => printfCall(f, a)).join('\n');
    expectOut(run(body), cases.map(([, , out]) => `${out}=${out.length}\n`).join(''));
  });

  it('takes widths and the - and 0 flags', () => {
    const cases: [string, (number | string)[], string][] = [
      ['%5d|%-5d|%05d', [42, 42, 42], '   42|42   |00042'],
      ['%05d|%6d|%-6d|', [-42, -42, -42], '-0042|   -42|-42   |'],
      ['%08x|%8X|%-8x|', [0xbeef, 0xbeef, 0xbeef], '0000beef|    BEEF|beef    |'],
      ['%6s|%-6s|%06s|%2s', ['ab', 'ab', 'ab', 'abcd'], '    ab|ab    |    ab|abcd'],
      ['%3c|%-3c|', [120, 121], '  x|y  |'],
      ['%1d|%0d', [12345, 7], '12345|7'],
    ];
    const body = cases.map(([f, a]) => printfCall(f, a)).join('\n');
    expectOut(run(body), cases.map(([, , out]) => `${out}=${out.length}\n`).join(''));
  });

  it('reads the fourth and later arguments from the caller stack (o32 varargs)', () => {
    expectOut(run(printfCall('%d %d %d %d %d %s %x', [1, 2, 3, 4, -5, 'six', 0x77])), '1 2 3 4 -5 six 77=17\n');
  });

  it('prints a null %s as (null), and output longer than its buffer in full', () => {
    const long = 'x'.repeat(300);
    expectOut(run(`${printfCall('%s|', [0])}\n${printfCall('%s%s', ['0123456789'.repeat(20), '0123456789'.repeat(20)])}\n${printfCall('%300s', ['x'])}`),
      `(null)|=7\n${'0123456789'.repeat(40)}=400\n${' '.repeat(299)}x=300\n`);
    void long;
  });

  it('preserves s0-s7 and sp', () => {
    const set = Array.from({ length: 8 }, (_, i) => `\tli $s${i}, ${0x1111 * (i + 1)}`).join('\n');
    const check = Array.from({ length: 8 }, (_, i) => `\tli $t0, ${0x1111 * (i + 1)}\n\tbne $s${i}, $t0, 9f`).join('\n');
    const body = `\tsw $sp, 28($sp)\n${set}\n${printfCall('%d %s %x %c %u', [1, 'two', 3, 52, 5])}\n${check}\n\tlw $t0, 28($sp)\n\tbne $t0, $sp, 9f\n\tLSTR $a0, "kept"\n\tjal puts\n\tb 8f\n9:\tLSTR $a0, "clobbered"\n\tjal puts\n8:`;
    expectOut(run(body), '1 two 3 4 5=11\nkept\n');
  });
});

describe('puts, putchar, getchar, readline', () => {
  it('puts adds a newline and returns length + 1; putchar buffers until a newline or io_flush', () => {
    const body = `\tLSTR $a0, "line"\n\tjal puts\n\tmove $a1, $v0\n\tLSTR $a0, "%d\\n"\n\tjal printf\n\tli $a0, 65\n\tjal putchar\n\tmove $s0, $v0\n\tli $a0, 66\n\tjal putchar\n\tjal io_flush\n\tmove $a1, $s0\n\tLSTR $a0, " %d\\n"\n\tjal printf`;
    expectOut(run(body), 'line\n5\nAB 65\n');
  });

  it('getchar returns every byte, NUL and DEL included, then -1 at the end, and stays there', () => {
    const body = `1:\tjal getchar\n\tbltz $v0, 2f\n\tmove $a1, $v0\n\tLSTR $a0, "%d,"\n\tjal printf\n\tb 1b\n2:\tmove $s0, $v0\n\tjal getchar\n\tmove $a2, $v0\n\tmove $a1, $s0\n\tLSTR $a0, "end %d %d\\n"\n\tjal printf`;
    expectOut(run(body, 'a\u0000\u007f\n'), '97,0,127,10,end -1 -1\n');
  });

  it('readline stops after a newline or a full buffer and gives -1 at the end', () => {
    const body = `1:\tla $a0, buf\n\tli $a1, 6\n\tjal readline\n\tbltz $v0, 2f\n\tmove $a1, $v0\n\tla $a2, buf\n\tLSTR $a0, "%d[%s]\\n"\n\tjal printf\n\tb 1b\n2:\tmove $a1, $v0\n\tLSTR $a0, "%d\\n"\n\tjal printf\n\t.bss\nbuf: .space 8\n\t.text`;
    expectOut(run(body, 'ab\nlonger line\nend'), '3[ab\n]\n5[longe]\n5[r lin]\n2[e\n]\n3[end]\n-1\n');
  });
});
