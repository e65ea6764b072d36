/**
 * Determinism (issue 8 acceptance): for random programs and random N < M, restoring a snapshot
 * taken at N (through the snapshot file format) and running to M reaches exactly the state hash of
 * an uninterrupted run at M; and the debug loop (one iteration at a time, as the session steps)
 * reaches exactly the fast loop's state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMachine, type MachineConfig } from '../../cli/machine-setup.js';
import { runToInstruction, stepIteration } from '../../emulator/debug/advance.js';
import { captureMachine, hashSnapshot, restoreMachine } from '../../emulator/debug/snapshot.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../../emulator/debug/snapshot-file.js';
import { BufferIo } from '../../emulator/io.js';
import type { Machine } from '../../emulator/machine.js';
import { loadImages, type ProgramImage } from '../../firmware/images.js';
import { caseArbitrary, imageOf } from '../helpers/random-programs.js';
import { bareMachine, prog } from './helpers.js';

const hashOf = (m: Machine): string => hashSnapshot(captureMachine(m));

/** Snapshot at n, through the file format, into a fresh machine made by `fresh`. */
function viaFile(m: Machine, fresh: () => Machine, config: MachineConfig, images: readonly ProgramImage[]): Machine {
  const bytes = encodeSnapshotFile({ config, images, diskPaths: [], machine: captureMachine(m) });
  const f = decodeSnapshotFile(bytes);
  const c = fresh();
  restoreMachine(c, f.machine);
  return c;
}

/** Checks the three ways to reach M from a fresh machine agree. */
function checkAgree(fresh: () => Machine, n: number, mEnd: number, config: MachineConfig, images: readonly ProgramImage[], debugLoop: boolean): void {
  const a = fresh();
  runToInstruction(a, mEnd);
  const want = hashOf(a);
  const atM = a.cpu.instructions;

  const b = fresh();
  runToInstruction(b, n);
  const c = viaFile(b, fresh, config, images);
  expect(hashOf(c)).toBe(hashOf(b));
  runToInstruction(c, mEnd);
  expect(c.cpu.instructions).toBe(atM);
  expect(hashOf(c)).toBe(want);
  // Taking the snapshot changed nothing in the original.
  runToInstruction(b, mEnd);
  expect(hashOf(b)).toBe(want);

  if (debugLoop) {
    // The fast loop to N, then the debug loop (one iteration at a time) from N to M.
    const d = fresh();
    runToInstruction(d, n);
    while (d.cpu.stop === null && d.cpu.instructions < mEnd) stepIteration(d);
    expect(hashOf(d)).toBe(want);
  }
}

describe('determinism of snapshot, restore and replay', () => {
  it('random exokernel programs: restore at N and run to M equals the uninterrupted run at M', () => {
    const RAM_MIB = 1;
    fc.assert(
      fc.property(
        caseArbitrary({ ramBytes: RAM_MIB << 20 }),
        // The kernel boots in about 300k instructions; most cases then run their programs for millions.
        fc.integer({ min: 0, max: 700_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (c, n, d) => {
          const images = c.envs.map((e, i) => imageOf(e, `rand${i + 1}`));
          const config: MachineConfig = { mode: 'firmware', ramMiB: RAM_MIB, quantum: c.quantum, seed: c.seed, argv0: '' };
          const fresh = (): Machine => buildMachine(config, { images, elf: null }, new BufferIo()).machine;
          checkAgree(fresh, n, n + d, config, images, true);
        },
      ),
      { numRuns: 6 },
    );
  }, 60_000);

  it('library OS programs (pingpong + peer, sieve) at random points', () => {
    for (const files of [[prog('pingpong.s'), prog('pingpong-peer.s')], [prog('sieve.s')]]) {
      const images = loadImages(files);
      const config: MachineConfig = { mode: 'firmware', ramMiB: 16, quantum: 390_625, seed: 0x2545f491, argv0: '' };
      const fresh = (): Machine => buildMachine(config, { images, elf: null }, new BufferIo()).machine;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
          checkAgree(fresh, n, n + d, config, images, false);
        }),
        { numRuns: 3 },
      );
      checkAgree(fresh, 90_000, 160_000, config, images, true);
    }
  }, 60_000);

  it('a bare program with a timer interrupt, stopped at random points', () => {
    const fresh = (): Machine => timerMachine();
    const config: MachineConfig = { mode: 'bare', ramMiB: 4, quantum: 0, seed: 0, argv0: 't.s' };
    const probe = fresh();
    runToInstruction(probe, 1_000_000);
    const stop = probe.cpu.stop;
    expect(stop?.kind).toBe('halt');
    expect(probe.stats().exceptions).toBeGreaterThan(50); // interrupts were taken
    const total = probe.cpu.instructions;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: total - 1 }), fc.integer({ min: 1, max: total }), (n, d) => {
        checkAgree(fresh, n, Math.min(total, n + d), config, [], true);
      }),
      { numRuns: 8 },
    );
  }, 60_000);
});

/**
 * A counting loop interrupted by the timer every 400 cycles; the handler (in the boot ROM at the
 * BEV=1 general vector 0xbfc00180) acknowledges the tick and counts it in s1, the halt status.
 */
function timerMachine(): Machine {
  const b = bareMachine(`
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb5000000
        li    $t0, 400
        sw    $t0, 0x120($t9)       # timer PERIOD
        li    $t0, 1
        sw    $t0, 0x130($t9)       # timer RUN
        li    $t0, 0x00401001       # BEV | IM4 (timer) | IEc
        mtc0  $t0, $12
        li    $s0, 0
        li    $t2, 20000
loop:   addiu $s0, $s0, 1
        bne   $s0, $t2, loop
        nop
        mtc0  $zero, $12
        li    $t9, 0xb0000000
        sw    $s1, 0x10($t9)
        nop
`);
  const h = bareMachine(`
        .text
        .set noreorder
        .globl __start
__start:
        lui   $k1, 0xb500
        lw    $zero, 0x110($k1)     # timer ACK
        addiu $s1, $s1, 1
        mfc0  $k0, $14
        nop
        jr    $k0
        rfe
`);
  const seg = h.elf.segments.find((x) => x.filesz > 0)!;
  if (!b.machine.rom.loadImage(0x180, seg.data.subarray(0, seg.filesz))) throw new Error('handler does not fit');
  return b.machine;
}

describe('the session navigates one consistent history', () => {
  it('after any sequence of forward and backward commands, every point equals the fast loop\'s', async () => {
    const { createDebugSession, debugGuestIo } = await import('../../emulator/debug/session.js');
    const files = [prog('pingpong.s'), prog('pingpong-peer.s')];
    const images = loadImages(files);
    const config: MachineConfig = { mode: 'firmware', ramMiB: 16, quantum: 390_625, seed: 0x2545f491, argv0: '' };
    const fresh = (io = new BufferIo() as import('../../emulator/io.js').GuestIo): Machine => buildMachine(config, { images, elf: null }, io).machine;
    const hashAt = new Map<number, string>();
    const fastHash = (n: number): string => {
      let h = hashAt.get(n);
      if (h === undefined) {
        const m = fresh();
        runToInstruction(m, n);
        h = hashOf(m);
        hashAt.set(n, h);
      }
      return h;
    };
    const command = fc.oneof(
      fc.record({ k: fc.constant('step' as const), n: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ k: fc.constant('cont' as const), n: fc.integer({ min: 1, max: 80_000 }) }),
      fc.record({ k: fc.constant('back' as const), n: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ k: fc.constant('goto' as const), n: fc.integer({ min: 0, max: 500_000 }) }),
      fc.record({ k: fc.constant('rc' as const), n: fc.constant(0) }),
      fc.record({ k: fc.constant('bp' as const), n: fc.integer({ min: 0, max: 2000 }) }),
    );
    fc.assert(
      fc.property(fc.array(command, { minLength: 3, maxLength: 12 }), fc.integer({ min: 0, max: 450_000 }), (cmds, probe) => {
        const s = createDebugSession(fresh(debugGuestIo()), { snapshotEvery: 7_000 });
        for (const c of cmds) {
          if (c.k === 'step') for (let i = 0; i < c.n; i++) s.stepInstruction();
          else if (c.k === 'cont') s.cont(c.n);
          else if (c.k === 'back') s.stepBack(c.n);
          else if (c.k === 'goto') s.gotoInstruction(c.n);
          else if (c.k === 'rc') s.reverseContinue();
          // A breakpoint somewhere in the kernel's or the programs' text.
          else s.addBreakpoint(((c.n & 1) === 0 ? 0x80000000 : 0x00400000) + 4 * c.n);
          // Wherever the session is, it is a point of the uninterrupted run.
          if (s.machine.cpu.bd === 0 && s.instructions() > 0) {
            const n = s.instructions();
            const m = fresh();
            runToInstruction(m, n);
            // The first boundary with n instructions, unless the session stopped at a later one
            // with the same count (after a faulting instruction): compare where both are at that cycle.
            if (m.cpu.totalCycles === s.machine.cpu.totalCycles) expect(s.stateHash()).toBe(hashOf(m));
          }
        }
        expect(s.gotoInstruction(probe)).toEqual({ kind: 'target' });
        expect(s.stateHash()).toBe(fastHash(probe));
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});
