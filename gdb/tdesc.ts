/**
 * The target description served by `qXfer:features:read:target.xml` (gdb manual, "Target
 * Descriptions" and "MIPS Features"). gdb requires org.gnu.gdb.mips.cpu (r0-r31, lo, hi, pc),
 * org.gnu.gdb.mips.cp0 (status, badvaddr, cause) and org.gnu.gdb.mips.fpu (f0-f31, fcsr, fir):
 * gdb 13 rejects a MIPS description without the FPU feature (debugger.md §4.3). `osabi none`
 * makes gdb single-step with the stub's step instead of software single-step (§4.4 item 1).
 * The features are inlined, so gdb needs no further qXfer round trips for included files.
 */
import { CP0_EXTRA, REG_CP0_EXTRA, REG_F0, REG_FCSR, REG_FIR } from './registers.js';
import { REG_BADVADDR, REG_CAUSE, REG_HI, REG_LO, REG_PC, REG_SR } from '../emulator/debug/types.js';

const reg = (name: string, regnum: number, extra = ''): string =>
  `    <reg name="${name}" bitsize="32" regnum="${regnum}"${extra}/>\n`;

function build(): string {
  let x = '<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target version="1.0">\n';
  x += '  <architecture>mips:3000</architecture>\n  <osabi>none</osabi>\n';
  x += '  <feature name="org.gnu.gdb.mips.cpu">\n';
  for (let i = 0; i < 32; i++) x += reg(`r${i}`, i);
  x += reg('lo', REG_LO) + reg('hi', REG_HI) + reg('pc', REG_PC);
  x += '  </feature>\n  <feature name="org.gnu.gdb.mips.cp0">\n';
  x += reg('status', REG_SR) + reg('badvaddr', REG_BADVADDR) + reg('cause', REG_CAUSE);
  x += '  </feature>\n  <feature name="org.gnu.gdb.mips.fpu">\n';
  for (let i = 0; i < 32; i++) x += reg(`f${i}`, REG_F0 + i, ' type="ieee_single"');
  x += reg('fcsr', REG_FCSR, ' group="float"') + reg('fir', REG_FIR, ' group="float"');
  x += '  </feature>\n  <feature name="org.exo-r3000.cp0">\n';
  CP0_EXTRA.forEach((r, i) => { x += reg(r.name, REG_CP0_EXTRA + i, ' group="system"'); });
  x += '  </feature>\n</target>\n';
  return x;
}

export const TARGET_XML = build();

/** The annexes qXfer:features:read serves. */
export const FEATURE_FILES: ReadonlyMap<string, string> = new Map([['target.xml', TARGET_XML]]);
