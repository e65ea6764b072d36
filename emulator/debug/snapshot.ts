/**
 * Machine snapshots: the whole state of a Machine at an instruction boundary as a versioned record
 * with named fields, restorable into the same machine (going back in time) or into a freshly
 * prepared machine of the same configuration (cli/machine-setup.ts `buildMachine`).
 *
 * What is state (everything a later instruction, device event or statistic can observe):
 * - CPU: GPRs, pc/npc/bd, the pending load (ldReg/ldVal), HI/LO and hiloReady, CP0, the TLB, the
 *   counters (cycles, instructions, stalls, misses...), I- and D-cache tags, the write buffer, and
 *   the stop reason. Times are slice-relative in the CPU; a snapshot is taken between slices
 *   (cpu.cyc = 0 after `rebase`), so they are relative to the snapshot's cycle.
 * - RAM in 4 KiB pages. A page equal to the previous snapshot's page is the same Uint8Array (so
 *   periodic snapshots cost only the pages that changed); an all-zero page is ZERO_PAGE.
 * - The boot ROM (bytes and the loader's written-word map).
 * - Devices: timer, console interrupt, network, block device (registers, buffers, the cycle of
 *   their next event: restoring re-creates the scheduler's events from it), the clock's latches,
 *   and the disks' contents written since the start (debug/disk.ts).
 * - The console input the machine read from the host but the guest has not consumed yet.
 * - Trap hooks: the hook table's call counter; the Linux ABI's page map and break.
 * Not state: the fetch-page cache, the translation caches and the decoded-instruction cache
 * (derived; dropped on restore), slow-path scratch fields, the tracer.
 *
 * Same-cycle device events: the scheduler fires events due at one cycle in the order they were
 * scheduled; a restore schedules them device by device. The devices' events touch disjoint state
 * (each its own registers and interrupt line), so the order cannot change what the guest sees.
 */
import { createHash, type Hash } from 'node:crypto';
import { LinuxAbi } from '../abi-linux.js';
import type { StopInfo } from '../cpu.js';
import type { BlockSnapshot } from '../devices/blockdev.js';
import type { ConsoleIrqSnapshot } from '../devices/console-irq.js';
import type { NetSnapshot } from '../devices/netif.js';
import type { TimerSnapshot } from '../devices/timer.js';
import { HookTable } from '../hooks.js';
import { NOT_DECODED } from '../bus.js';
import type { Machine } from '../machine.js';
import { RecordingDisk } from './disk.js';
import { clockInternals, consoleInternals, linuxInternals } from './internals.js';

/** Version of the record layout (fields and their meaning). See docs/debugging.md "Version policy". */
export const SNAPSHOT_VERSION = 1;
export const PAGE_SIZE = 4096;
/** The shared all-zero page (never written). */
export const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

export interface CpuSnapshot {
  /** r0..r31 as unsigned words. */
  gpr: number[];
  pc: number;
  npc: number;
  /** 1: the instruction at pc is in a delay slot. */
  bd: number;
  /** Pending load: register (32 = none) and value. */
  ldReg: number;
  ldVal: number;
  hi: number;
  lo: number;
  /** Cycles from the snapshot until a MULT/DIV result is ready (negative: ready). */
  hiloReady: number;
  cop0: number[];
  tlbHi: number[];
  tlbLo: number[];
  /** Cpu.count (CNT_* indices in cpu.ts): cycle total, instructions, exceptions, misses, stalls... */
  counters: number[];
  icacheTags: Int32Array;
  dcacheTags: Int32Array;
  writeBuffer: { done: number[]; next: number; last: number; stalls: number[] };
  stop: StopInfo | null;
}

export interface LinuxSnapshot {
  /** [vpn, ppn + 1] for every mapped kuseg page. */
  pages: [number, number][];
  nextFreePage: number;
  freePages: number[];
  outOfMemory: boolean;
  brkStart: number;
  brk: number;
}

export interface MachineSnapshot {
  readonly version: number;
  /** Retired instructions and total cycles at the snapshot (also in cpu.counters). */
  readonly instructions: number;
  readonly cycles: number;
  readonly cpu: CpuSnapshot;
  readonly ram: { readonly bytes: number; readonly pages: readonly Uint8Array[] };
  readonly rom: { readonly bytes: Uint8Array; readonly written: Uint8Array };
  readonly devices: {
    readonly timer: TimerSnapshot;
    readonly consoleIrq: ConsoleIrqSnapshot;
    readonly net: NetSnapshot;
    readonly disk: BlockSnapshot;
    readonly clock: { sec: number; usec: number; hiLatch: number };
    /** Per disk id: the 512-byte chunks written since the start ([] for no disk). */
    readonly disks: readonly (readonly [number, Uint8Array][])[];
  };
  readonly console: { readonly inputQueue: readonly number[]; readonly inputEof: boolean };
  /** HookTable.calls of a firmware run; null without a hook table. */
  readonly hookCalls: number | null;
  readonly linux: LinuxSnapshot | null;
  /**
   * State registered with `registerSnapshotState` (host-side state of trap hooks and the like), by
   * name: JSON values, Uint8Array and Int32Array allowed.
   */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Host-side machine state outside the emulator's own objects (e.g. a trap hook's tables). */
export interface SnapshotState {
  /** The state now, as a value the snapshot may keep (copy anything that later changes). */
  save(): unknown;
  /** Puts a saved value back. */
  restore(value: unknown): void;
}

const extraState = new WeakMap<Machine, Map<string, SnapshotState>>();

/**
 * Makes `state` part of the machine's snapshots under `name` (once per machine and name; the
 * registration belongs to the machine's configuration, so a machine rebuilt for a restore must
 * register the same names, as firmware boot code would).
 */
export function registerSnapshotState(m: Machine, name: string, state: SnapshotState): void {
  let map = extraState.get(m);
  if (map === undefined) {
    map = new Map();
    extraState.set(m, map);
  }
  if (map.has(name)) throw new Error(`internal: snapshot state ${name} registered twice`);
  map.set(name, state);
}

/** The disks behind the machine's block device (its private table). */
function machineDisks(m: Machine): readonly (unknown | null)[] {
  const d = (m.disk as unknown as { disks?: readonly unknown[] }).disks;
  if (d === undefined) throw new Error('internal: BlockDevice has no disks table (emulator/debug/snapshot.ts is out of date)');
  return d;
}

/**
 * Captures the machine at an instruction boundary. Pending console output is flushed first (to
 * the machine's GuestIo). `prev`: a snapshot of the same machine whose equal pages are shared.
 */
export function captureMachine(m: Machine, prev?: MachineSnapshot): MachineSnapshot {
  const cpu = m.cpu;
  if (cpu.cyc !== 0) cpu.rebase();
  m.flushOutput();
  const ram8 = m.bus.ram8;
  const nPages = m.bus.ramSize / PAGE_SIZE;
  const prevPages = prev !== undefined && prev.ram.bytes === m.bus.ramSize ? prev.ram.pages : null;
  const pages: Uint8Array[] = new Array(nPages);
  const ramBuf = Buffer.from(m.bus.ram, 0, m.bus.ramSize);
  const zero = Buffer.from(ZERO_PAGE.buffer, 0, PAGE_SIZE);
  for (let p = 0; p < nPages; p++) {
    const view = ramBuf.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    const old = prevPages?.[p];
    if (old !== undefined && view.equals(old)) pages[p] = old;
    else if (view.equals(zero)) pages[p] = ZERO_PAGE;
    else pages[p] = ram8.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
  }
  const romBytes = prev !== undefined && Buffer.from(prev.rom.bytes.buffer, prev.rom.bytes.byteOffset, prev.rom.bytes.length).equals(m.rom.bytes) ? prev.rom.bytes : m.rom.bytes.slice();
  const romWritten = prev !== undefined && Buffer.from(prev.rom.written.buffer, prev.rom.written.byteOffset, prev.rom.written.length).equals(m.rom.written) ? prev.rom.written : m.rom.written.slice();

  const con = consoleInternals(m);
  const clock = clockInternals(m);
  const hook = cpu.hook;
  const wb = cpu.wb;
  return {
    version: SNAPSHOT_VERSION,
    instructions: cpu.instructions,
    cycles: cpu.totalCycles,
    cpu: {
      gpr: Array.from(cpu.gpr.subarray(0, 32), (v) => v >>> 0),
      pc: cpu.pc >>> 0,
      npc: cpu.npc >>> 0,
      bd: cpu.bd,
      ldReg: cpu.ldReg,
      ldVal: cpu.ldVal >>> 0,
      hi: cpu.hi >>> 0,
      lo: cpu.lo >>> 0,
      hiloReady: cpu.hiloReady,
      cop0: Array.from(cpu.cop0),
      tlbHi: Array.from(cpu.mmu.tlbHi),
      tlbLo: Array.from(cpu.mmu.tlbLo),
      counters: Array.from(cpu.count),
      icacheTags: cpu.icache.tags.slice(),
      dcacheTags: cpu.dcache.tags.slice(),
      writeBuffer: { done: Array.from(wb.done), next: wb.next, last: wb.last, stalls: Array.from(wb.stalls) },
      stop: cpu.stop === null ? null : { ...cpu.stop },
    },
    ram: { bytes: m.bus.ramSize, pages },
    rom: { bytes: romBytes, written: romWritten },
    devices: {
      timer: m.timer.snapshot(),
      consoleIrq: m.consoleIrq.snapshot(),
      net: m.net.snapshot(),
      disk: m.disk.snapshot(),
      clock: { sec: clock.sec, usec: clock.usec, hiLatch: clock.hiLatch },
      disks: machineDisks(m).map((d) => (d instanceof RecordingDisk ? d.snapshot() : [])),
    },
    console: { inputQueue: con.inputQueue.slice(), inputEof: con.inputEof },
    hookCalls: hook instanceof HookTable ? hook.calls : null,
    linux: m.abi !== null ? linuxSnapshot(m.abi) : null,
    extra: Object.fromEntries([...(extraState.get(m) ?? new Map<string, SnapshotState>()).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, v.save()])),
  };
}

function linuxSnapshot(abi: LinuxAbi): LinuxSnapshot {
  const l = linuxInternals(abi);
  const pages: [number, number][] = [];
  for (let v = 0; v < l.pages.length; v++) if (l.pages[v] !== 0) pages.push([v, l.pages[v]!]);
  return { pages, nextFreePage: l.nextFreePage, freePages: l.freePages.slice(), outOfMemory: l.outOfMemory, brkStart: l.brkStart, brk: l.brk };
}

/** A snapshot that does not fit the machine (another RAM size, mode or disk set). */
export class SnapshotMismatch extends Error {}

/**
 * Restores `s` into `m`: the same machine (back in time) or a freshly prepared machine of the
 * same configuration. Console output buffered in the machine is flushed first.
 */
export function restoreMachine(m: Machine, s: MachineSnapshot): void {
  if (s.version !== SNAPSHOT_VERSION) throw new SnapshotMismatch(`snapshot version ${s.version}, expected ${SNAPSHOT_VERSION}`);
  if (s.ram.bytes !== m.bus.ramSize) throw new SnapshotMismatch(`the snapshot has ${s.ram.bytes / 1048576} MiB of RAM, the machine ${m.bus.ramSize / 1048576} MiB`);
  if ((s.linux !== null) !== (m.abi !== null)) throw new SnapshotMismatch('the snapshot and the machine differ in mode (--abi linux)');
  if ((s.hookCalls !== null) !== (m.cpu.hook instanceof HookTable)) throw new SnapshotMismatch('the snapshot and the machine differ in mode (firmware)');
  const extra = extraState.get(m) ?? new Map<string, SnapshotState>();
  const names = Object.keys(s.extra ?? {});
  if (names.length !== extra.size || names.some((n) => !extra.has(n))) {
    throw new SnapshotMismatch(`the snapshot's host-side state (${names.join(', ') || 'none'}) does not match the machine's (${[...extra.keys()].join(', ') || 'none'})`);
  }
  const disks = machineDisks(m);
  if (s.devices.disks.length !== disks.length) throw new SnapshotMismatch(`the snapshot has ${s.devices.disks.length} disk(s), the machine ${disks.length}`);
  m.flushOutput();
  const cpu = m.cpu;
  const bus = m.bus;

  for (let p = 0; p < s.ram.pages.length; p++) bus.ram8.set(s.ram.pages[p]!, p * PAGE_SIZE);
  // The decoded-instruction cache and its I-cache-resident flags are derived: start them afresh
  // (a word without the flag takes the tag compare, cpu.ts fetchRam).
  bus.decoded.fill(NOT_DECODED);
  m.rom.bytes.set(s.rom.bytes);
  m.rom.written.set(s.rom.written);

  // Devices first: their restores drive the interrupt lines, which write Cause.IP; CP0 below then
  // gets the saved value (equal, since the lines were saved with it).
  m.timer.restore(s.devices.timer);
  m.consoleIrq.restore(s.devices.consoleIrq);
  m.net.restore(s.devices.net);
  m.disk.restore(s.devices.disk);
  const clock = clockInternals(m);
  clock.sec = s.devices.clock.sec;
  clock.usec = s.devices.clock.usec;
  clock.hiLatch = s.devices.clock.hiLatch;
  disks.forEach((d, i) => {
    if (d instanceof RecordingDisk) d.restore(s.devices.disks[i]!);
  });

  const con = consoleInternals(m);
  con.inputQueue = s.console.inputQueue.slice();
  con.inputEof = s.console.inputEof;
  if (s.hookCalls !== null) (cpu.hook as HookTable).calls = s.hookCalls;
  if (s.linux !== null && m.abi !== null) {
    const l = linuxInternals(m.abi);
    l.pages.fill(0);
    for (const [v, p] of s.linux.pages) l.pages[v] = p;
    l.nextFreePage = s.linux.nextFreePage;
    l.freePages.length = 0;
    l.freePages.push(...s.linux.freePages);
    l.outOfMemory = s.linux.outOfMemory;
    l.brkStart = s.linux.brkStart;
    l.brk = s.linux.brk;
  }

  for (const [name, st] of extra) st.restore(s.extra[name]);

  const c = s.cpu;
  if (cpu.cyc !== 0) cpu.rebase();
  for (let i = 0; i < 32; i++) cpu.gpr[i] = c.gpr[i]! | 0;
  cpu.gpr[32] = 0;
  cpu.pc = c.pc | 0;
  cpu.npc = c.npc | 0;
  cpu.bd = c.bd;
  cpu.ldReg = c.ldReg;
  cpu.ldVal = c.ldVal | 0;
  cpu.hilo[0] = c.hi | 0;
  cpu.hilo[1] = c.lo | 0;
  cpu.hiloReady = c.hiloReady;
  cpu.cop0.set(c.cop0);
  cpu.mmu.tlbHi.set(c.tlbHi);
  cpu.mmu.tlbLo.set(c.tlbLo);
  cpu.count.set(c.counters);
  cpu.icache.tags.set(c.icacheTags);
  cpu.dcache.tags.set(c.dcacheTags);
  cpu.wb.done.set(c.writeBuffer.done);
  cpu.wb.next = c.writeBuffer.next;
  cpu.wb.last = c.writeBuffer.last;
  cpu.wb.stalls.set(c.writeBuffer.stalls);
  cpu.stop = c.stop === null ? null : { ...c.stop };
  cpu.cyc = 0;
  cpu.yieldReq = 0;
  // Derived caches: translations and the fetch page.
  cpu.mmu.invalidate();
  cpu.mmu.duplicate = false;
  cpu.fKey = 0xffc;
}

// ---- hashing ----

const pageHashes = new WeakMap<Uint8Array, Buffer>();

function pageDigest(p: Uint8Array): Buffer {
  let d = pageHashes.get(p);
  if (d === undefined) {
    d = createHash('sha256').update(p).digest();
    pageHashes.set(p, d);
  }
  return d;
}

function feed(h: Hash, label: string, value: unknown): void {
  h.update(label);
  if (value instanceof Uint8Array || value instanceof Int32Array) {
    h.update(`#${value.constructor.name}:${value.length}:`);
    h.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else {
    h.update(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v)));
  }
  h.update(';');
}

/** sha256 over every field of the record (RAM page by page; equal states, equal hashes). */
export function hashSnapshot(s: MachineSnapshot): string {
  const h = createHash('sha256');
  feed(h, 'version', s.version);
  const { icacheTags, dcacheTags, ...cpuRest } = s.cpu;
  feed(h, 'cpu', cpuRest);
  feed(h, 'icache', icacheTags);
  feed(h, 'dcache', dcacheTags);
  feed(h, 'ram', s.ram.bytes);
  for (const p of s.ram.pages) h.update(pageDigest(p));
  feed(h, 'rom', s.rom.bytes);
  feed(h, 'romWritten', s.rom.written);
  feed(h, 'devices', s.devices);
  feed(h, 'console', s.console);
  feed(h, 'hookCalls', s.hookCalls);
  feed(h, 'linux', s.linux);
  for (const k of Object.keys(s.extra)) feed(h, `extra:${k}`, s.extra[k]);
  return h.digest('hex');
}

/** The hash of the machine's state now (captures a snapshot; `prev` shares pages to save copying). */
export function machineStateHash(m: Machine, prev?: MachineSnapshot): string {
  return hashSnapshot(captureMachine(m, prev));
}
