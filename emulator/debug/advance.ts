/**
 * Moving a machine forward to an exact point, with the fast loop (`Machine.run`) where possible and
 * one instruction at a time where exactness needs it. Both follow the same boundary order (budget,
 * interrupt, instruction, due device events: machine.ts), so they reach identical states.
 *
 * Points in time. A *boundary* is the moment between two loop iterations (one instruction executed,
 * or one instruction that raised an exception). The engine stops only at *settled* boundaries: an
 * interrupt that is deliverable there has been taken (the CPU would take it before anything else
 * anyway, so pc is the instruction that executes next). Every iteration costs at least one cycle
 * and taking an exception costs none, so the cycle count names a settled boundary uniquely; the
 * retired-instruction count (the user's time coordinate) does not, since a faulting instruction
 * retires nothing. "At instruction N" is the first settled boundary at which N instructions have
 * retired.
 */
import { runSlice } from '../interpreter.js';
import type { Machine } from '../machine.js';

/** Takes the interrupt deliverable at this boundary, if any (as the next loop iteration would). */
export function settle(m: Machine): void {
  const cpu = m.cpu;
  if (cpu.stop === null) cpu.serviceInterrupt();
}

/** One loop iteration in the debug loop's order (instruction, then due events), then settles. */
export function stepIteration(m: Machine): void {
  const cpu = m.cpu;
  if (cpu.stop !== null) return;
  settle(m);
  if (cpu.stop !== null) return;
  runSlice(cpu, cpu.cyc + 1);
  cpu.rebase();
  m.scheduler.runDue(cpu.totalCycles);
  settle(m);
}

/** Instructions left to which the fast loop is no longer used (single iterations find the exact boundary). */
const EXACT_TAIL = 64;

/**
 * Runs to the first settled boundary with `n` retired instructions (or until the machine stops, or
 * `maxCycles` total cycles are reached: then it stops at the first boundary at or after them).
 * The fast loop is given `remaining - 1` cycles at most: an iteration costs at least one cycle, so
 * it cannot retire all of them and overshoot the first boundary with count n.
 */
export function runToInstruction(m: Machine, n: number, maxCycles = Infinity): void {
  const cpu = m.cpu;
  for (;;) {
    if (cpu.stop !== null || cpu.totalCycles >= maxCycles) break;
    const rem = n - cpu.instructions;
    if (rem <= 0) break;
    if (rem <= EXACT_TAIL) stepIteration(m);
    else m.run(Math.min(maxCycles, cpu.totalCycles + rem - 1));
  }
  settle(m);
}

/** Runs to total cycle `c` exactly (a boundary of this machine's future) and settles. */
export function runToCycle(m: Machine, c: number): void {
  if (m.cpu.totalCycles < c) m.run(c);
  settle(m);
}
