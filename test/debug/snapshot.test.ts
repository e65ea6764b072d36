/**
 * Machine snapshots (emulator/debug/snapshot.ts) and the snapshot file (snapshot-file.ts): round
 * trips into the same and into fresh machines, page sharing, disks and console input, and every
 * way a file can be unreadable.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../cli/machine-setup.js';
import { runToInstruction } from '../../emulator/debug/advance.js';
import { RecordingDisk } from '../../emulator/debug/disk.js';
import { clockInternals, consoleInternals, linuxInternals } from '../../emulator/debug/internals.js';
import { ZERO_PAGE, captureMachine, hashSnapshot, registerSnapshotState, restoreMachine, SnapshotMismatch } from '../../emulator/debug/snapshot.js';
import { decodeSnapshotFile, encodeSnapshotFile, FILE_MAGIC, SnapshotFileError, type SnapshotFile } from '../../emulator/debug/snapshot-file.js';
import { MemoryDisk } from '../../emulator/devices/blockdev.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { bareMachine, prog, runMachine } from './helpers.js';

const hashOf = (m: Machine): string => hashSnapshot(captureMachine(m));

/** Writes sector 1 of disk 0 with the byte in a0 (0x58 'X' first, then 0x59 'Y'), halting in between at a break. */
const DISK = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb3000000
        li    $t0, 512
        sw    $t0, 0x00($t9)        # OFFSET = 512
        li    $t0, 0x58
        sb    $t0, 0x4000($t9)      # buffer[0] = 'X'
        li    $t0, 1
        sw    $t0, 0x20($t9)        # START write
first:  li    $t0, 512
        sw    $t0, 0x00($t9)
        li    $t0, 0x59
        sb    $t0, 0x4000($t9)      # buffer[0] = 'Y'
        li    $t0, 1
        sw    $t0, 0x20($t9)
        li    $t9, 0xb0000000
        sw    $zero, 0x10($t9)
        nop
`;

describe('machine snapshots', () => {
  it('reaches the private fields it saves (internals.ts is current)', async () => {
    const fw = await runMachine([prog('hello.s')]);
    expect(() => consoleInternals(fw)).not.toThrow();
    expect(() => clockInternals(fw)).not.toThrow();
    const linux = bareMachine('.text\n.globl __start\n__start: nop\n').machine;
    expect(() => consoleInternals(linux)).not.toThrow();
    const m = new Machine({ io: new BufferIo() });
    m.loadLinux({ entry: 0x00400000, machine: 8, flags: 0, segments: [], sections: [], symbols: [] }, ['x']);
    expect(() => linuxInternals(m.abi!)).not.toThrow();
  });

  it('restores into the same machine (back in time) and into a fresh one, equal hashes and futures', async () => {
    const files = [prog('pingpong.s'), prog('pingpong-peer.s')];
    const io = new BufferIo();
    const m = await runMachine(files, {}, io);
    runToInstruction(m, 120_000);
    const snap = captureMachine(m);
    const h = hashSnapshot(snap);
    runToInstruction(m, 300_000);
    const h300 = hashOf(m);
    restoreMachine(m, snap);
    expect(hashOf(m)).toBe(h);
    runToInstruction(m, 300_000);
    expect(hashOf(m)).toBe(h300);

    const fresh = await runMachine(files);
    restoreMachine(fresh, snap);
    expect(hashOf(fresh)).toBe(h);
    runToInstruction(fresh, 300_000);
    expect(hashOf(fresh)).toBe(h300);
  });

  it('shares unchanged RAM pages with the previous snapshot and the zero page', async () => {
    const m = await runMachine([prog('sieve.s')]);
    runToInstruction(m, 200_000);
    const a = captureMachine(m);
    runToInstruction(m, 201_000);
    const b = captureMachine(m, a);
    const shared = b.ram.pages.filter((p, i) => p === a.ram.pages[i]).length;
    expect(shared).toBeGreaterThan(b.ram.pages.length - 20);
    expect(b.ram.pages.filter((p) => p === ZERO_PAGE).length).toBeGreaterThan(1000);
    expect(b.rom.bytes).toBe(a.rom.bytes);
    expect(hashSnapshot(b)).not.toBe(hashSnapshot(a));
  });

  it('refuses a snapshot of another machine configuration', async () => {
    const m = await runMachine([prog('hello.s')]);
    const bare = bareMachine('.text\n.globl __start\n__start: nop\n').machine;
    expect(() => restoreMachine(bare, captureMachine(m))).toThrow(SnapshotMismatch);
  });

  it('saves and restores host-side state registered by name (trap-hook tables), in files too', () => {
    const mk = (reg: boolean): { m: Machine; table: { n: number; bytes: Uint8Array } } => {
      const m = bareMachine('.text\n.globl __start\n__start: nop\n').machine;
      const table = { n: 1, bytes: Uint8Array.of(1, 2, 3) };
      if (reg) {
        registerSnapshotState(m, 'test.table', {
          save: () => ({ n: table.n, bytes: table.bytes.slice() }),
          restore: (v) => {
            const o = v as { n: number; bytes: Uint8Array };
            table.n = o.n;
            table.bytes = o.bytes.slice();
          },
        });
      }
      return { m, table };
    };
    const a = mk(true);
    const snap = captureMachine(a.m);
    const h = hashSnapshot(snap);
    a.table.n = 42;
    a.table.bytes[0] = 9;
    expect(hashOf(a.m)).not.toBe(h);
    restoreMachine(a.m, snap);
    expect(a.table).toEqual({ n: 1, bytes: Uint8Array.of(1, 2, 3) });
    const f = decodeSnapshotFile(encodeSnapshotFile({ config: { mode: 'bare', ramMiB: 4, quantum: 0, seed: 0, argv0: 't.s' }, images: [], diskPaths: [], machine: snap }));
    const b = mk(true);
    b.table.n = 7;
    restoreMachine(b.m, f.machine);
    expect(b.table).toEqual({ n: 1, bytes: Uint8Array.of(1, 2, 3) });
    expect(hashOf(b.m)).toBe(h);
    expect(() => restoreMachine(mk(false).m, snap)).toThrow(/host-side state \(test\.table\)/);
  });

  it('carries the console input the machine read but the guest did not consume', () => {
    const SRC = `
        .text
        .set noreorder
        .globl __start
__start:
        li    $t9, 0xb0000000
        lbu   $t0, 0($t9)           # consumes 'a'; the machine has read "abc" from the host
        nop
        lbu   $t1, 0($t9)
        nop
        lbu   $t2, 0($t9)
        nop
        sb    $t2, 0($t9)
        sb    $t1, 0($t9)
        sw    $zero, 0x10($t9)
        nop
`;
    const m = bareMachine(SRC, new BufferIo(Uint8Array.from([0x61, 0x62, 0x63]))).machine;
    runToInstruction(m, 3);
    const s = captureMachine(m);
    expect(s.console.inputQueue).toEqual([0x62, 0x63]);
    const io = new BufferIo();
    const fresh = bareMachine(SRC, io).machine;
    restoreMachine(fresh, s);
    fresh.run();
    expect(io.stdout).toBe('cb');
  });

  it('saves the disk chunks the guest wrote; a restore puts them back whatever happened later', () => {
    const data = new Uint8Array(4096);
    const disk = new RecordingDisk(new MemoryDisk(data));
    const b = bareMachine(DISK);
    const m = new Machine({ io: new BufferIo(), disks: [disk], ramBytes: 4 << 20 });
    m.loadBare(b.elf);
    m.run();
    expect(data[512]).toBe(0x59);
    // Again, snapshot after the first write.
    data.fill(0);
    const disk2 = new RecordingDisk(new MemoryDisk(data));
    const m2 = new Machine({ io: new BufferIo(), disks: [disk2], ramBytes: 4 << 20 });
    m2.loadBare(b.elf);
    const first = b.sym('first');
    while (m2.cpu.pc >>> 0 !== first) runToInstruction(m2, m2.cpu.instructions + 1);
    const snap = captureMachine(m2);
    expect(data[512]).toBe(0x58);
    expect(snap.devices.disks[0]!.map(([c]) => c)).toEqual([1]);
    m2.run();
    expect(data[512]).toBe(0x59);
    restoreMachine(m2, snap);
    expect(data[512]).toBe(0x58);
    // Into a fresh machine whose image never saw the writes.
    const other = new Uint8Array(4096);
    const m3 = new Machine({ io: new BufferIo(), disks: [new RecordingDisk(new MemoryDisk(other))], ramBytes: 4 << 20 });
    m3.loadBare(b.elf);
    restoreMachine(m3, snap);
    expect(other[512]).toBe(0x58);
    expect(hashOf(m3)).toBe(hashSnapshot(snap));
  });
});

describe('snapshot files', () => {
  async function sample(): Promise<SnapshotFile> {
    const m = await runMachine([prog('hello.s')]);
    runToInstruction(m, 50_000);
    const { loadImages } = await import('../../firmware/images.js');
    return { config: { mode: 'firmware', ramMiB: 16, quantum: 390_625, seed: 7, argv0: '' }, images: loadImages([prog('hello.s')]), diskPaths: [], machine: captureMachine(m) };
  }

  it('round-trips every field (equal hash, images, config), compressed', async () => {
    const f = await sample();
    const bytes = encodeSnapshotFile(f);
    expect(bytes.length).toBeLessThan(2_000_000);
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe(FILE_MAGIC);
    const g = decodeSnapshotFile(bytes);
    expect(hashSnapshot(g.machine)).toBe(hashSnapshot(f.machine));
    expect(g.config).toEqual(f.config);
    expect(g.images.length).toBe(1);
    expect(Array.from(g.images[0]!.segments[0]!.data)).toEqual(Array.from(f.images[0]!.segments[0]!.data));
    // A machine rebuilt from the file alone continues like the original.
    const m = buildMachine(g.config, { images: g.images as never, elf: null }, new BufferIo()).machine;
    restoreMachine(m, g.machine);
    expect(hashOf(m)).toBe(hashSnapshot(f.machine));
  });

  it('rejects foreign, truncated, corrupt and other-version files with one-line reasons', async () => {
    const good = encodeSnapshotFile(await sample());
    const bad = (b: Uint8Array): string => {
      try {
        decodeSnapshotFile(b);
      } catch (e) {
        expect(e).toBeInstanceOf(SnapshotFileError);
        const msg = (e as Error).message;
        expect(msg).not.toContain('\n');
        return msg;
      }
      throw new Error('accepted a bad file');
    };
    expect(bad(new TextEncoder().encode('hello world, not a snapshot'))).toMatch(/bad magic/);
    expect(bad(new Uint8Array(0))).toMatch(/bad magic/);
    expect(bad(good.subarray(0, good.length - 100))).toMatch(/truncated/);
    const v3 = good.slice();
    v3[8] = 3;
    expect(bad(v3)).toMatch(/version 3; this exo reads version 2/);
    // Any changed bit of the payload is refused (its SHA-256), wherever it falls.
    for (const at of [48, 49, Math.floor(good.length / 2), good.length - 5, good.length - 1]) {
      for (const bit of [0x01, 0x40]) {
        const flipped = good.slice();
        flipped[at]! ^= bit;
        expect(bad(flipped)).toMatch(/corrupt/);
      }
    }
    // Well-formed container, foreign header.
    const foreign = (header: string): Uint8Array => {
      const h = Buffer.from(header);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(h.length);
      const payload = deflateSync(Buffer.concat([len, h]));
      const head = Buffer.alloc(48);
      head.write(FILE_MAGIC, 0, 'latin1');
      head.writeUInt32LE(2, 8);
      head.writeUInt32LE(payload.length, 12);
      createHash('sha256').update(payload).digest().copy(head, 16);
      return Buffer.concat([head, payload]);
    };
    expect(bad(foreign('{"kind":"something else"}'))).toMatch(/corrupt snapshot \(kind\)/);
    expect(bad(foreign('[1,2,3]'))).toMatch(/corrupt snapshot \(header\)/);
    expect(bad(foreign('{not json'))).toMatch(/corrupt snapshot \(header/);
    expect(bad(foreign('{"kind":"exo-r3000 snapshot","config":{"mode":"bare","ramMiB":4,"quantum":0,"seed":0,"argv0":""},"images":[],"diskPaths":[],"machine":{"version":1}}'))).toMatch(/corrupt snapshot/);
  });
});
