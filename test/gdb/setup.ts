/** Machines and debug sessions for the gdb stub's tests: a program built by our assembler, run bare. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';
import { prepareMachine } from '../../cli/machine-setup.js';
import { createDebugSession, debugGuestIo } from '../../emulator/debug/session.js';
import type { DebugSession } from '../../emulator/debug/types.js';

/** Where `exo run --bare prog.s` puts .text (cli/machine-setup.ts). */
export const BARE_TEXT = 0x80030000;

export interface BareProgram {
  readonly dir: string;
  readonly elfPath: string;
  readonly symbols: ReadonlyMap<string, number>;
}

/** Assembles `source` at BARE_TEXT into DIR/prog.elf (with its symbol table, for gdb). */
export function buildBare(source: string): BareProgram {
  const dir = mkdtempSync(join(tmpdir(), 'exo-gdb-'));
  const out = assemble([{ name: join(dir, 'prog.s'), text: source }], { textAddr: BARE_TEXT });
  const errors = out.diagnostics.filter((d) => d.severity === 'error');
  if (out.elf === undefined || out.image === undefined || errors.length > 0) throw new Error(`test program does not assemble: ${errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  const elfPath = join(dir, 'prog.elf');
  writeFileSync(elfPath, out.elf);
  return { dir, elfPath, symbols: new Map(out.image.symbols.map((s) => [s.name, s.value >>> 0])) };
}

/** A debug session on the bare machine `exo run --bare prog.elf` boots. */
export async function bareSession(prog: BareProgram): Promise<DebugSession> {
  const prepared = await prepareMachine([prog.elfPath], { bare: true }, debugGuestIo());
  return createDebugSession(prepared.machine);
}

/**
 * The program of the end-to-end and protocol tests. `bump` is called three times with the loop
 * counter's decrement in the jal's delay slot; bump's store to `counter` sits in its jr's delay
 * slot. The machine halts with exit code = counter = 3.
 */
export const COUNTER_PROGRAM = `
	.set	noreorder
	.equ	HALT, 0xb0000010
	.text
	.globl	__start
__start:
	li	$t0, 3
	la	$s0, counter
loop:
	jal	bump
	addiu	$t0, $t0, -1		# delay slot of the jal
	bnez	$t0, loop
	nop
	lw	$a0, 0($s0)
	li	$t1, HALT
	sw	$a0, 0($t1)		# halt with exit code = counter
spin:	b	spin
	nop

	.globl	bump
	.type	bump, @function
bump:
	lw	$t2, 0($s0)
	nop
	addiu	$t2, $t2, 1
	jr	$ra
	sw	$t2, 0($s0)		# delay slot of the jr: the store to counter

	.data
	.globl	counter
	.type	counter, @object
counter:
	.word	0
`;

/** A program that never stops (for Ctrl-C). */
export const SPIN_PROGRAM = `
	.set	noreorder
	.text
	.globl	__start
__start:
	addiu	$t0, $t0, 1
	b	__start
	nop
`;
