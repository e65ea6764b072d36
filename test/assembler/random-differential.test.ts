/**
 * Randomised differential test: random sequences of hazard-relevant instructions,
 * pseudo-instructions, labels, data and `.set` switches, assembled by us and by GNU as -O0 + ld,
 * must give identical .text bytes. (The fixed corpus pins the cases; this finds interactions.)
 * Known, deliberate divergence left out of the pool: GNU does not re-align an instruction that
 * follows an odd number of data bytes in .text; we pad it to 4.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';
import { hasTools } from '../helpers/oracles.js';
import { firstDifference, gnuBuild, workDir } from './gnu.js';

const haveGnu = hasTools('mipsel-linux-gnu-as', 'mipsel-linux-gnu-ld', 'mipsel-linux-gnu-objcopy');

const POOL = [
  'lw $t0, 4($t1)', 'lb $t1, 0($t0)', 'addu $t2, $t0, $t1', 'mfhi $t3', 'mflo $t0', 'mult $t0, $t1', 'div $zero, $t2, $t3',
  'mthi $t1', 'mtlo $t2', 'mfc0 $t0, $12', 'mtc0 $t1, $12', 'cfc1 $t0, $31', 'ctc1 $t0, $31', 'mtc1 $t0, $f2',
  'mfc1 $t0, $f2', 'lwc1 $f2, 0($t0)', 'bc1t L1', 'beq $t0, $t1, L2', 'jal L1', 'jr $ra', 'jalr $t1', 'j L2', 'nop',
  'li $t0, 0x12345678', 'li $t1, D', 'la $t1, D', 'la $t0, D+8($t2)', 'la $t0, L1', 'lw $t2, D', 'lw $t0, D($t0)',
  'lw $t1, L2', 'sw $t0, D+4($t1)', 'sb $t0, D', 'lhu $t0, 0x12345($t1)', 'blt $t0, $t1, L1', 'bgt $t0, 100, L1',
  'beqz $t0, L2', 'b L2', 'bgezal $t0, L1', 'div $t0, $t1, $t2', 'rem $t0, $t1, $t2', 'divu $t0, $t1, 7',
  'mul $t0, $t1, $t2', 'abs $t0, $t1', 'ulw $t0, 1($t1)', 'usw $t0, D', 'ulh $t0, D', 'ush $t1, D+2', 'seq $t0, $t1, 5',
  'sne $t0, $t1, $t2', 'sge $t0, $t1, 0x12345', 'move $t0, $t1', 'not $t0, $t1', 'sltiu $t0, $t1, 5', 'lwl $t0, 3($t1)',
  'lwr $t0, 0($t1)', 'rfe', 'syscall', '.set noreorder', '.set reorder', 'LABEL', '.word 7', '.half 1, 2',
  '.byte 1, 2, 3, 4', '.align 3', '.data\n\t.word 1\n\t.text',
];

const program = fc.array(fc.constantFrom(...POOL), { minLength: 3, maxLength: 30 }).map((ops) => {
  let n = 0;
  const body = ops.map((o) => (o === 'LABEL' ? `X${n++}:` : `\t${o}`));
  return ['\t.text', '\t.globl __start', '__start:', 'L1:', ...body, 'L2:', '\tnop', '\t.set reorder', '\t.data', 'D:\t.word 1, 2', ''].join('\n');
});

describe.skipIf(!haveGnu)('randomised differential: GNU as -O0 + ld', () => {
  it('random hazard/pseudo/data sequences give the same .text as GNU', () => {
    const dir = workDir();
    const path = join(dir, 'r.s');
    fc.assert(
      fc.property(program, (text) => {
        writeFileSync(path, text);
        const g = gnuBuild([path], { textAddr: 0x400000, dataAddr: 0x10000000 });
        const o = assemble([{ name: path, text }], { textAddr: 0x400000, dataAddr: 0x10000000 });
        if (!g.ok) return; // GNU refuses it (our verdict is checked by the malformed tests)
        expect(o.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const t = o.image!.sections.find((s) => s.name === '.text')!.data;
        expect(firstDifference('.text', g.text, t)).toBeUndefined();
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});
