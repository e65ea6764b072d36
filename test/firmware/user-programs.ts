/**
 * Small user programs for end-to-end firmware tests (boot.test.ts, invariants.test.ts): written
 * to a temporary directory, each includes programs/lib/exo.inc by absolute path and defines only
 * `main`, so `exo run` links programs/lib/crt0.s with it (firmware/images.ts). main keeps its
 * return address in s0: the exo.inc macros clobber ra.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

const SOURCES: Record<string, string> = {
  // Prints a line and returns 3 (crt0 exits with main's result).
  hello: `
main:	move	$s0, $ra
	PRINT	"hello from main\\n"
	li	$v0, 3
	jr	$s0
	nop`,
  // Prints its environment capability (from the boot page), which the seed determines.
  cap: `
main:	move	$s0, $ra
	lw	$t0, BOOT_ENVCAP($a0)
	SHOW	cap, $t0
	move	$v0, $zero
	jr	$s0
	nop`,
  // An unaligned load with no AdEL handler: the kernel kills the environment.
  adel: `
main:	move	$s0, $ra
	PRINT	"before\\n"
	lw	$t0, 1($zero)
	PRINT	"after\\n"
	jr	$s0
	nop`,
  // page_alloc, tlb_write, a store and a load, page_dealloc, then a load from the freed page:
  // the binding is gone, crt0's miss handler finds no page and exits with 139.
  page: `
main:	move	$s0, $ra
	li	$a0, -1
	li	$a1, 0x1234
	li	$a2, 0x5678
	SYS	SYS_PAGE_ALLOC
	bltz	$v0, 9f
	move	$s1, $v0
	li	$a0, 0x10000000
	sll	$a1, $s1, 12
	ori	$a1, $a1, ELO_D | ELO_V
	li	$a2, 0x5678
	SYS	SYS_TLB_WRITE
	bltz	$v0, 9f
	li	$t0, 0x10000000
	li	$t1, 0xabcd
	sw	$t1, 0($t0)
	lw	$t2, 0($t0)
	SHOW	word, $t2
	move	$a0, $s1
	li	$a1, 0x5678
	SYS	SYS_PAGE_DEALLOC
	bltz	$v0, 9f
	PRINT	"freed\\n"
	li	$t0, 0x10000000
	lw	$t2, 0($t0)
	PRINT	"still mapped\\n"
9:	SHOW	error, $v0
	li	$v0, 1
	jr	$s0
	nop`,
  // Yields to the next slice five times, printing each time.
  yield: `
main:	move	$s0, $ra
	li	$s1, 5
1:	PRINT	"yield\\n"
	li	$a0, -1
	SYS	SYS_YIELD
	addiu	$s1, $s1, -1
	bnez	$s1, 1b
	nop
	move	$v0, $zero
	jr	$s0
	nop`,
};

export type UserProgram = keyof typeof SOURCES;

/** Writes the programs into a new temporary directory; returns name -> path. */
export function writeUserPrograms(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-user-'));
  const out: Record<string, string> = {};
  for (const [name, body] of Object.entries(SOURCES)) {
    const path = join(dir, `${name}.s`);
    writeFileSync(path, `\t.include "${join(root, 'programs/lib/exo.inc')}"\n\t.text\n\t.globl\tmain\n${body.replace(/^\n/, '')}\n`);
    out[name] = path;
  }
  // Never yields: only preemption lets others run. Defines its own __start (no crt0).
  const spin = join(dir, 'spin.s');
  writeFileSync(spin, '\t.globl\t__start\n__start:\tb\t__start\n\tnop\n');
  out.spin = spin;
  return out;
}
