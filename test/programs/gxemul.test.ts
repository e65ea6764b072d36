/**
 * The bare test programs under GXemul (`gxemul -q -E testmips -C R3000`, Debian's 0.7.0): where
 * GXemul models a feature the way the R3000 (and our machine) does, the console output must be
 * the same, line for line (docs/tests.md lists the excluded programs and why). The ELF is built
 * once by our assembler and run on both. Skipped, with a message, when gxemul is not installed.
 */
import { describe, expect, it } from 'vitest';
import { runTimed } from '../../bench/proc.js';
import { hasTool } from '../helpers/oracles.js';
import { BUILT, buildElf, listPrograms, runProgram } from './programs.js';

/**
 * Programs GXemul 0.7.0 runs differently, with the reason (checked by running them). Programs
 * linked elsewhere than kseg0 (a `# link:` header: the boot-ROM ones) are excluded too: GXemul's
 * BEV=1 vectors are at 0xBFC00200/0xBFC00280 (r3000.md 1.4).
 */
export const GXEMUL_EXCLUDED: ReadonlyMap<string, string> = new Map([
  ['cp0-prid-masks', 'GXemul keeps Context bits 1:0 written by MTC0 (the R3000 mask is 0xFFE00000)'],
  ['exc-adel-fetch', 'GXemul does not raise AdEL for a jump to a misaligned address'],
  ['exc-adel-user-fetch', 'GXemul executes a user-mode fetch from a kseg0 page the kernel ran before (no AdEL); the program only faults later, at a user-mode console store (AdES)'],
  ['exc-adel-user-mtc0', 'GXemul executes a user-mode fetch from a kseg0 page the kernel ran before (no AdEL)'],
  ['exc-ades-user', 'GXemul lets a user-mode store to kseg0 through (no AdES) after the kernel stored there'],
  ['exc-cpu-cop0-user', 'GXemul executes a user-mode MFC0 with Status.CU0 = 0 (no CpU)'],
  ['exc-dbe-load', 'GXemul has no bus errors: a load from unpopulated memory reads 0 (-T halts the emulator instead)'],
  ['exc-dbe-store', 'GXemul has no bus errors: a store to unpopulated memory is dropped'],
  ['exc-ibe-fetch', 'GXemul has no bus errors: it stops on a fetch from unpopulated memory'],
  ['exc-ov-addi', 'GXemul -C R3000 does not trap on ADDI overflow'],
  ['exc-ri-reserved', 'GXemul stops with "UNIMPLEMENTED instruction" instead of raising RI'],
  ['cp0-mfc0-delay', 'GXemul has no load delay: the instruction after MFC0 already sees the new value'],
  ['dev-disk-irq', 'the disk\'s interrupt mode (IRQ_ENABLE, IRQ_STATUS, ERROR, SECTORS) is ours; GXemul\'s disk is synchronous'],
  ['dev-net-rx', 'frames arrive at exact guest cycles from --net-in (ours); GXemul\'s ether is fed from a host tap and refreshes its status every 2^14 cycles'],
  ['cp0-random', 'GXemul changes Random only on TLBWR, not every cycle (r3000.md 1.3)'],
  ['int-timer', 'the timer\'s PERIOD/CONTROL/PENDING registers are ours; GXemul\'s rtc has only HZ, timed by the host clock'],
  ['int-timer-delay-slot', 'the timer\'s PERIOD/CONTROL/PENDING registers are ours; GXemul\'s rtc has only HZ, timed by the host clock'],
  ['int-timer-masked', 'the timer\'s PERIOD/CONTROL/PENDING registers are ours; GXemul\'s rtc has only HZ, timed by the host clock'],
  ['int-sw', 'GXemul takes no interrupt for Cause.IP0 with IM0 and IEc set (none within the next dozens of instructions)'],
  ['rfe-keeps-old', 'GXemul\'s RFE clears KUo/IEo (r3000.md 1.5)'],
  ['rfe-stack-nested', 'GXemul\'s RFE clears KUo/IEo (r3000.md 1.5)'],
  ['tlb-dup-ts', 'GXemul does not detect duplicate TLB matches (its check is compiled out), so SR.TS stays 0'],
  ['tlb-n-fetch', 'GXemul has no cycle counter (rtc offset 0x40) and no cache timing'],
  ['tlb-n-uncached', 'GXemul has no cycle counter (rtc offset 0x40) and no cache timing'],
]);

const haveGxemul = hasTool('gxemul');
const programs = listPrograms();

describe.skipIf(!BUILT || !haveGxemul)('test programs agree with gxemul testmips', () => {
  it('names only existing programs as excluded', () => {
    for (const name of GXEMUL_EXCLUDED.keys()) expect(programs.map((p) => p.name)).toContain(name);
  });

  for (const p of programs) {
    if (p.link !== null) continue;
    const excluded = GXEMUL_EXCLUDED.get(p.name);
    if (excluded !== undefined) {
      it.skip(`${p.name} (excluded: ${excluded})`, () => {});
      continue;
    }
    it(p.name, async () => {
      const elf = buildElf(p);
      const ours = runProgram(p);
      expect(ours.status, ours.stderr).toBe(0);
      // GXemul's console polls stdin and spins at end of file: keep an empty pipe open.
      const gx = await runTimed('gxemul', ['-q', '-E', 'testmips', '-C', 'R3000', elf], { timeoutSeconds: 60, openStdin: true });
      expect(gx.timedOut, `gxemul timed out; output so far:\n${gx.stdout}`).toBe(false);
      expect(gx.stdout).toBe(ours.stdout);
    });
  }
});
