/**
 * The same program gives the same cycles, counters and final state on every run: nothing in the
 * machine depends on the host (time, scheduling, allocation).
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { readElf } from '../../assembler/elf-read.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';

const SRC = `
        .set noreorder
        .text
        .globl __start
__start:
        li    $s0, 0xb0000000
        la    $s1, buf
        li    $s2, 3000
        li    $s3, 12345
loop:   multu $s3, $s2
        mflo  $t0
        sw    $t0, 0($s1)
        lw    $t1, 0($s1)
        divu  $zero, $t1, $s2
        mfhi  $t2
        andi  $t3, $t2, 1023
        sll   $t3, $t3, 2
        addu  $t4, $s1, $t3
        sb    $t2, 4($t4)
        lbu   $t5, 4($t4)
        addu  $s3, $s3, $t5
        lw    $t6, 0xb5000040
        xor   $s3, $s3, $t6
        addiu $s2, $s2, -1
        bnez  $s2, loop
        nop
        andi  $t0, $s3, 63
        addiu $t0, $t0, 0x30
        sb    $t0, 0($s0)
        sw    $zero, 0x10($s0)
        .data
buf:    .space 8192
`;

function runOnce() {
  const out = assemble([{ name: 'det.s', text: SRC }], { textAddr: 0x80030000 });
  if (!out.elf) throw new Error(out.diagnostics.map((d) => d.message).join('\n'));
  const io = new BufferIo();
  const m = new Machine({ io });
  m.loadBare(readElf(out.elf, 'det.s'));
  const result = m.run(10_000_000);
  return { result, state: m.state(), stats: m.stats(), out: io.stdout };
}

describe('determinism', () => {
  it('two runs of one program give identical cycles, counters, state and output', () => {
    const a = runOnce();
    const b = runOnce();
    expect(a.result).toEqual({ reason: 'halt', code: 0 });
    expect(a.stats.instructions).toBeGreaterThan(3000 * 17);
    expect(a.stats.stallHilo).toBeGreaterThan(0);
    expect(a.stats.dcacheMisses).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
