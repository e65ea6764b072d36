/**
 * gdb's view of user memory on the exokernel: pages not in the TLB are read where the kernel's
 * refill would find them (the STLB, then the environment's guaranteed mappings and boot map).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareMachine } from '../../cli/machine-setup.js';
import { createDebugSession, debugGuestIo } from '../../emulator/debug/session.js';
import { GuestMemory } from '../../gdb/guest-memory.js';
import { GdbStub } from '../../gdb/stub.js';
import { kernelView } from '../../firmware/invariants.js';
import { L } from '../../firmware/layout.js';

const root = new URL('../../', import.meta.url).pathname;

describe('GuestMemory on the exokernel', () => {
  it('reads and writes user pages the TLB does not hold, without side effects', async () => {
    const s = createDebugSession((await prepareMachine([join(root, 'programs/hello.s')], {}, debugGuestIo())).machine);
    // To the first user-mode instruction: the kernel has loaded the program and entered its pages in the STLB.
    s.addCatchpoint(8); // any Sys call is well after that
    expect(s.cont().kind).toBe('exception');
    const mem = new GuestMemory(s);
    const stub = new GdbStub(s);
    const hash = s.stateHash();
    const asid = (s.machine.cpu.cop0[10]! >>> 6) & 63;
    // The pages the kernel's STLB holds for this ASID (decoded by firmware/invariants.ts), minus the TLB's.
    const missing = kernelView(s.machine).stlb
      .filter((e) => ((e.tag >>> 6) & 63) === asid && (e.entrylo & 0x200) !== 0 && s.translate(e.tag & 0xfffff000) === null);
    expect(missing.length).toBeGreaterThan(0); // 64 TLB entries, most not holding this program
    for (const e of missing) {
      const va = (e.tag & 0xfffff000) + 0x10;
      const t = mem.translate(va);
      expect(t).toEqual({ paddr: ((e.entrylo & 0xfffff000) | 0x10) >>> 0, via: 'stlb' });
      const want = s.readPhysical(t!.paddr, 8).map((b) => b!.toString(16).padStart(2, '0')).join('');
      const a = stub.handle(`m${va.toString(16)},8`);
      expect(a.kind === 'reply' && a.packets[0]).toBe(want);
    }
    expect(s.stateHash()).toBe(hash);
    // Writes go to the same physical bytes (recorded by the session).
    const va = (missing[0]!.tag & 0xfffff000) + 0x20;
    expect(mem.write(va, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(mem.read(va, 3)).toEqual([1, 2, 3]);
    expect(s.readPhysical(mem.translate(va)!.paddr, 3)).toEqual([1, 2, 3]);
    // Without its STLB entry the page is found in the environment's boot map.
    const ehi = ((va & 0xfffff000) | (s.machine.cpu.cop0[10]! & 0xfc0)) >>> 0;
    const slot = ((L('STLB') >>> 0) + ((((ehi >>> 9) ^ ehi) & L('STLB_INDEX_MASK')) >>> 0)) & 0x1fffffff;
    expect(s.writeMemory('physical', slot, Uint8Array.of(L('STLB_EMPTY'), 0, 0, 0))).toBe(true);
    expect(mem.translate(va)?.via).toBe('boot map');
    expect(mem.read(va, 3)).toEqual([1, 2, 3]);
    // Kernel addresses and unmapped user addresses are not looked up in the kernel's tables.
    expect(mem.translate(0x7ff00000)).toBeNull();
    expect(mem.read(0x7ff00000, 2)).toEqual([null, null]);
  }, 60_000);
});
