/**
 * Visible revocation of pages and the abort protocol (issue 7 point 1; docs/exokernel.md §11):
 * the kernel test programs (programs/kernel/revoke*.s) and the library OS's revoke.s
 * (test/libos/revoke/*.s), run with the kernel invariant checker at every kernel exit
 * (test/helpers/exo-run.ts), so every state a dialogue and an abort leave behind is checked
 * ([revoke], [repossess] and the rest); and the costs in cycles (docs §11 quotes them).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { C0_CAUSE, C0_STATUS, SR_KUC } from '../../emulator/cop0.js';
import type { Cpu } from '../../emulator/cpu.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { Tracer } from '../../emulator/trace.js';
import { bootFirmware } from '../../firmware/boot.js';
import { loadImages } from '../../firmware/images.js';
import { L } from '../../firmware/layout.js';
import { runExo } from '../helpers/exo-run.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const K = (name: string): string => join(ROOT, 'programs/kernel', name);
const T = (name: string): string => join(ROOT, 'test/libos/revoke', name);

describe('page revocation: kernel programs under the invariant checker', () => {
  for (const files of [['revoke-coop.s'], ['revoke-abort.s'], ['revoke-reserve.s', 'revoke-reserve-peer.s']]) {
    it(files.join(' + '), () => {
      const r = runExo(files.map(K), { maxCycles: 60_000_000 });
      expect(r.violations, r.stdout + r.stderr).toEqual([]);
      expect(r.stdout, r.stderr).not.toMatch(/^FAIL/m);
      expect(r.stdout.match(/^PASS$/gm)?.length).toBe(1);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.checks).toBeGreaterThan(50);
    }, 60_000);
  }
});

describe('revoke.s: the library OS answers a revocation', () => {
  it('cooperative: its upcall handler returns two clean heap pages before the deadline and repairs its page table; it keeps running', () => {
    const r = runExo([T('revoke-req.s'), T('revoke-peer.s')]);
    expect(r.violations, r.stdout + r.stderr).toEqual([]);
    expect(r.stdout, r.stderr).not.toMatch(/^FAIL/m);
    expect(r.status, r.stdout).toBe(0);
    const order = ['requester\n', 'target\n', 'requester: the dialogue is over\n', 'target: after the revocation\n', 'PASS\n', 'requester: done\n'];
    let at = 0;
    for (const line of order) {
      const i = r.stdout.indexOf(line, at);
      expect(i, `"${line.trim()}" in order in:\n${r.stdout}`).toBeGreaterThanOrEqual(0);
      at = i + line.length;
    }
    expect(r.stdout).toContain('ok 2: the upcall handler returned two pages');
    expect(r.stderr).toMatch(/env 0x2 returned 2 of 2 revoked pages in time/);
    expect(r.stderr).not.toMatch(/REPOSSESSED/);
  }, 60_000);

  it('uncooperative: the handler loops, the kernel takes the pages at the deadline, the repossession exception repairs the page table, it keeps running', () => {
    const r = runExo([T('revoke-req.s'), T('revoke-stubborn.s')]);
    expect(r.violations, r.stdout + r.stderr).toEqual([]);
    expect(r.stdout, r.stderr).not.toMatch(/^FAIL/m);
    expect(r.status, r.stdout).toBe(0);
    const order = ['stubborn target\n', 'requester: the dialogue is over\n', 'stubborn target: repossession exception\n', 'stubborn target: kept running\n', 'PASS\n'];
    let at = 0;
    for (const line of order) {
      const i = r.stdout.indexOf(line, at);
      expect(i, `"${line.trim()}" in order in:\n${r.stdout}`).toBeGreaterThanOrEqual(0);
      at = i + line.length;
    }
    expect(r.stdout).toContain('ok 4: two page-table records repaired after the repossession');
    expect(r.stderr).toMatch(/env 0x2: 2 of 2 revoked pages repossessed \(abort protocol\)/);
  }, 60_000);
});

describe('page revocation under short time slices (preemption around and inside the dialogues)', () => {
  const cases: [string, string[]][] = [
    ['cooperative', [T('revoke-req.s'), T('revoke-peer.s')]],
    ['stubborn', [T('revoke-req.s'), T('revoke-stubborn.s')]],
    ['reserve', [K('revoke-reserve.s'), K('revoke-reserve-peer.s')]],
    ['abort (self)', [K('revoke-abort.s')]],
  ];
  for (const [name, files] of cases) {
    for (const quantum of [3000, 7919]) {
      it(`${name}, quantum ${quantum}`, () => {
        const r = runExo(files, { quantum, maxCycles: 100_000_000 });
        expect(r.violations, r.stdout + r.stderr).toEqual([]);
        expect(r.stdout, r.stderr).not.toMatch(/^FAIL/m);
        expect(r.stdout).toMatch(/^PASS$/m);
        expect(r.status, r.stdout + r.stderr).toBe(0);
      }, 60_000);
    }
  }
});

/** A kernel pass: from the last user instruction before it to the first one after. */
interface Pass { fromPc: number; v0: number; a0: number; inCycle: number; outCycle: number; toPc: number; activeIn: number; activeOut: number; cause: number }

/** Runs programs recording every kernel pass that starts or ends a revocation dialogue. */
function dialoguePasses(files: string[]): { passes: Pass[]; stdout: string; status: number } {
  const io = new BufferIo();
  const m = new Machine({ io });
  bootFirmware(m, { images: loadImages(files) });
  const activeAt = ((L('RV_BASE') + L('RV_G_ACTIVE')) & 0x1fffffff) >>> 2;
  const active = (): number => m.bus.ram32[activeAt]! >>> 0;
  const passes: Pass[] = [];
  class Probe extends Tracer {
    inKernel = false;
    lastPc = 0;
    lastCycle = 0;
    cur: Pass | null = null;
    constructor() {
      super(0, () => {});
    }
    override instruction(cpu: Cpu): void {
      const user = (cpu.cop0[C0_STATUS]! & SR_KUC) !== 0;
      if (!user && !this.inKernel) {
        this.cur = { fromPc: this.lastPc, v0: cpu.gpr[2]!, a0: cpu.gpr[4]!, inCycle: this.lastCycle, outCycle: 0, toPc: 0, activeIn: active(), activeOut: 0, cause: cpu.cop0[C0_CAUSE]! };
      }
      if (user && this.inKernel && this.cur !== null) {
        this.cur.outCycle = cpu.totalCycles;
        this.cur.toPc = cpu.pc >>> 0;
        this.cur.activeOut = active();
        if (this.cur.activeIn !== this.cur.activeOut) passes.push(this.cur);
        this.cur = null;
      }
      if (user) {
        this.lastPc = cpu.pc >>> 0;
        this.lastCycle = cpu.totalCycles;
      }
      this.inKernel = !user;
    }
  }
  m.setTracer(new Probe());
  const r = m.run(200_000_000);
  return { passes, stdout: io.stdout, status: r.code };
}

describe('revocation costs in cycles (16 MiB, docs/exokernel.md §11)', () => {
  const upcallEntry = 0x2c00 + 0x120; // exo.inc REVOKE_CODE (EXO_SCRATCH + 0xc00 + 0x120): revoke.s's rv_up_entry

  it('cooperative dialogue: page_revoke to the upcall handler, the handler, done to the requester', () => {
    const { passes, status } = dialoguePasses([T('revoke-req.s'), T('revoke-peer.s')]);
    expect(status).toBe(0);
    expect(passes).toHaveLength(2);
    const [start, end] = passes as [Pass, Pass];
    expect(start.v0).toBe(L('SYS_PAGE_REVOKE'));
    expect(start.toPc).toBe(upcallEntry);
    expect(end.v0).toBe(L('SYS_REVOKE_CTL'));
    expect(end.a0).toBe(L('RV_OP_DONE'));
    expect(end.toPc).toBe(start.fromPc + 4); // the requester, after its syscall
    const upcall = start.outCycle - start.inCycle;
    const handler = end.inCycle - start.outCycle;
    const finish = end.outCycle - end.inCycle;
    console.log(`[revoke] upcall delivery ${upcall} cycles; revoke.s handler for 2 pages ${handler}; done to the requester ${finish}`);
    expect(upcall).toBeLessThan(10_000);
    expect(handler).toBeLessThan(20_000); // the peer's deadline
    expect(finish).toBeLessThan(250_000); // one unbind pass over the TLB, the STLB and every environment
  }, 60_000);

  it('abort: the deadline interrupt comes 1250 cycles after the upcall started; the abort path to the requester', () => {
    const { passes, status } = dialoguePasses([T('revoke-req.s'), T('revoke-stubborn.s')]);
    expect(status).toBe(0);
    expect(passes).toHaveLength(2);
    const [start, end] = passes as [Pass, Pass];
    expect(start.v0).toBe(L('SYS_PAGE_REVOKE'));
    expect((end.cause >>> 2) & 31).toBe(L('EXC_INT'));
    expect(end.cause & L('SR_IM_TIMER')).not.toBe(0);
    expect(end.toPc).toBe(start.fromPc + 4);
    const toDeadline = end.inCycle - start.outCycle;
    const abort = end.outCycle - end.inCycle;
    console.log(`[revoke] upcall to the deadline interrupt ${toDeadline} cycles (deadline 1250, armed before the upcall's register restore); abort path to the requester ${abort}`);
    expect(toDeadline).toBeGreaterThan(1100); // the timer is armed before k_enter restores the target's registers
    expect(toDeadline).toBeLessThanOrEqual(1250);
    expect(abort).toBeLessThan(300_000);
  }, 60_000);
});
