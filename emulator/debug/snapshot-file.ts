/**
 * The snapshot file (`exo run --snapshot-at N --save FILE`, `exo run --restore FILE`): a versioned
 * container holding a machine snapshot (snapshot.ts) and what is needed to rebuild the machine it
 * belongs to, so a restore needs no other argument.
 *
 * Layout (all integers little-endian):
 *   0   8  magic "EXOSNAP\0"
 *   8   4  format version (FILE_VERSION)
 *   12  4  length of the compressed payload
 *   16  32 SHA-256 of the compressed payload: any changed bit is refused (with zlib's Adler-32
 *          alone, a file with one bit flipped mid-payload was once accepted)
 *   48  .. payload, zlib-compressed (node:zlib deflate):
 *          u32 header length, header (UTF-8 JSON, named fields), then the binary blobs the header
 *          refers to as {"$b": index, "t": "u8" | "i32"} (each blob: u32 length, bytes);
 *          {"$z": 1} is the shared all-zero RAM page.
 * The header is { kind: "exo-r3000 snapshot", version, config, images, diskPaths, machine }.
 * Version policy: docs/debugging.md (a reader accepts exactly its own version; any change to
 * fields or their meaning bumps it).
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { SNAPSHOT_VERSION, ZERO_PAGE, PAGE_SIZE, type MachineSnapshot } from './snapshot.js';

export const FILE_MAGIC = 'EXOSNAP\0';
export const FILE_VERSION = 2;
const KIND = 'exo-r3000 snapshot';

/** How the machine is rebuilt (cli/machine-setup.ts MachineConfig, repeated to keep emulator/ free of cli/). */
export interface SnapshotMachineConfig {
  readonly mode: 'firmware' | 'bare' | 'linux';
  readonly ramMiB: number;
  readonly quantum: number;
  readonly seed: number;
  readonly argv0: string;
  /** The network loopback delay (MachineOptions.netLoopback), when the machine has one. */
  readonly netLoopback?: number;
}

export interface SnapshotImageSegment {
  readonly vaddr: number;
  readonly memsz: number;
  readonly filesz: number;
  readonly flags: number;
  readonly data: Uint8Array;
}

/** A firmware program image (firmware/images.ts ProgramImage). */
export interface SnapshotImage {
  readonly name: string;
  readonly entry: number;
  readonly segments: readonly SnapshotImageSegment[];
  readonly pages: number;
}

export interface SnapshotFile {
  readonly config: SnapshotMachineConfig;
  /** Firmware runs: the programs (the firmware's image hooks read them). Empty otherwise. */
  readonly images: readonly SnapshotImage[];
  /** The --disk files, reopened on restore (their written chunks are in the machine snapshot). */
  readonly diskPaths: readonly string[];
  readonly machine: MachineSnapshot;
}

/** A file that is not a snapshot we can read: `message` is one line. */
export class SnapshotFileError extends Error {}

export function encodeSnapshotFile(f: SnapshotFile): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify({ kind: KIND, version: FILE_VERSION, ...f }, function (this: Record<string, unknown>, k: string, v: unknown) {
    // A Buffer has already been through its toJSON here: take the raw value.
    const raw = k === '' ? v : this[k];
    if (raw instanceof Uint8Array) v = raw;
    if (v === ZERO_PAGE) return { $z: 1 };
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { $b: blobs.length - 1, t: 'u8' };
    }
    if (v instanceof Int32Array) {
      blobs.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return { $b: blobs.length - 1, t: 'i32' };
    }
    return v;
  });
  const head = Buffer.from(json, 'utf8');
  const parts: Uint8Array[] = [u32(head.length), head];
  for (const b of blobs) parts.push(u32(b.length), b);
  const payload = deflateSync(Buffer.concat(parts), { level: 1 });
  const digest = createHash('sha256').update(payload).digest();
  const out = Buffer.concat([Buffer.from(FILE_MAGIC, 'latin1'), u32(FILE_VERSION), u32(payload.length), digest, payload]);
  // A plain Uint8Array view (Buffer's slice() would share memory, unlike Uint8Array's).
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Decodes and validates a snapshot file; throws SnapshotFileError with a one-line reason. */
export function decodeSnapshotFile(bytes: Uint8Array): SnapshotFile {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== FILE_MAGIC) throw new SnapshotFileError('not an exo-r3000 snapshot file (bad magic)');
  const version = buf.readUInt32LE(8);
  if (version !== FILE_VERSION) throw new SnapshotFileError(`snapshot format version ${version}; this exo reads version ${FILE_VERSION}`);
  const len = buf.readUInt32LE(12);
  if (buf.length < 48 || 48 + len !== buf.length) throw new SnapshotFileError(`truncated or corrupt snapshot (payload of ${len} bytes, ${Math.max(0, buf.length - 48)} present)`);
  const compressed = buf.subarray(48);
  if (!createHash('sha256').update(compressed).digest().equals(buf.subarray(16, 48))) throw new SnapshotFileError('corrupt snapshot (its SHA-256 does not match)');
  let payload: Buffer;
  try {
    payload = inflateSync(compressed);
  } catch (e) {
    throw new SnapshotFileError(`corrupt snapshot (${(e as Error).message})`);
  }
  if (payload.length < 4) throw new SnapshotFileError('corrupt snapshot (empty payload)');
  const headLen = payload.readUInt32LE(0);
  if (4 + headLen > payload.length) throw new SnapshotFileError('corrupt snapshot (header length)');
  const blobs: Uint8Array[] = [];
  for (let off = 4 + headLen; off < payload.length; ) {
    if (off + 4 > payload.length) throw new SnapshotFileError('corrupt snapshot (blob length)');
    const n = payload.readUInt32LE(off);
    off += 4;
    if (off + n > payload.length) throw new SnapshotFileError('corrupt snapshot (blob past the end)');
    blobs.push(new Uint8Array(payload.subarray(off, off + n)));
    off += n;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8', 4, 4 + headLen), (_k, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if (o.$z === 1) return ZERO_PAGE;
        if (typeof o.$b === 'number') {
          const b = blobs[o.$b];
          if (b === undefined) throw new SnapshotFileError('corrupt snapshot (missing blob)');
          if (o.t === 'i32') {
            if (b.length % 4 !== 0) throw new SnapshotFileError('corrupt snapshot (blob size)');
            return new Int32Array(b.slice().buffer);
          }
          return b;
        }
      }
      return v;
    });
  } catch (e) {
    if (e instanceof SnapshotFileError) throw e;
    throw new SnapshotFileError(`corrupt snapshot (header: ${(e as Error).message})`);
  }
  validate(parsed);
  return parsed as SnapshotFile;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

/** Checks the fields a restore relies on, so a well-compressed but foreign header cannot crash it. */
function validate(v: unknown): void {
  const bad = (what: string): never => {
    throw new SnapshotFileError(`corrupt snapshot (${what})`);
  };
  const obj = (x: unknown, what: string): Record<string, unknown> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : bad(what));
  const num = (x: unknown, what: string): number => (typeof x === 'number' && Number.isFinite(x) ? x : bad(what));
  const arr = (x: unknown, n: number, what: string): unknown[] => (Array.isArray(x) && (n < 0 || x.length === n) ? x : bad(what));
  const nums = (x: unknown, n: number, what: string): void => {
    for (const e of arr(x, n, what)) num(e, what);
  };
  const bytes = (x: unknown, n: number, what: string): void => {
    if (!(x instanceof Uint8Array) || (n >= 0 && x.length !== n)) bad(what);
  };
  const top = obj(v, 'header');
  if (top.kind !== KIND) bad('kind');
  const cfg = obj(top.config, 'config');
  if (cfg.mode !== 'firmware' && cfg.mode !== 'bare' && cfg.mode !== 'linux') bad('config.mode');
  const ram = num(cfg.ramMiB, 'config.ramMiB');
  if (!Number.isInteger(ram) || ram < 1 || ram > 256) bad('config.ramMiB');
  num(cfg.quantum, 'config.quantum');
  num(cfg.seed, 'config.seed');
  if (typeof cfg.argv0 !== 'string') bad('config.argv0');
  if (cfg.netLoopback !== undefined) {
    const l = num(cfg.netLoopback, 'config.netLoopback');
    if (!Number.isInteger(l) || l < 0) bad('config.netLoopback');
  }
  for (const img of arr(top.images, -1, 'images')) {
    const i = obj(img, 'image');
    if (typeof i.name !== 'string') bad('image.name');
    num(i.entry, 'image.entry');
    num(i.pages, 'image.pages');
    for (const s of arr(i.segments, -1, 'image.segments')) {
      const sg = obj(s, 'segment');
      for (const k of ['vaddr', 'memsz', 'filesz', 'flags']) num(sg[k], `segment.${k}`);
      bytes(sg.data, -1, 'segment.data');
    }
  }
  for (const p of arr(top.diskPaths, -1, 'diskPaths')) if (typeof p !== 'string') bad('diskPaths');
  const m = obj(top.machine, 'machine');
  if (m.version !== SNAPSHOT_VERSION) bad(`machine record version ${String(m.version)}, expected ${SNAPSHOT_VERSION}`);
  num(m.instructions, 'machine.instructions');
  num(m.cycles, 'machine.cycles');
  const c = obj(m.cpu, 'cpu');
  nums(c.gpr, 32, 'cpu.gpr');
  for (const k of ['pc', 'npc', 'bd', 'ldReg', 'ldVal', 'hi', 'lo', 'hiloReady']) num(c[k], `cpu.${k}`);
  if (!Number.isInteger(c.ldReg) || (c.ldReg as number) < 0 || (c.ldReg as number) > 32) bad('cpu.ldReg');
  nums(c.cop0, 32, 'cpu.cop0');
  nums(c.tlbHi, 64, 'cpu.tlbHi');
  nums(c.tlbLo, 64, 'cpu.tlbLo');
  nums(c.counters, -1, 'cpu.counters');
  if (!(c.icacheTags instanceof Int32Array) || !(c.dcacheTags instanceof Int32Array)) bad('cpu cache tags');
  const wb = obj(c.writeBuffer, 'cpu.writeBuffer');
  nums(wb.done, -1, 'writeBuffer.done');
  nums(wb.stalls, 2, 'writeBuffer.stalls');
  const r = obj(m.ram, 'ram');
  if (num(r.bytes, 'ram.bytes') !== ram * 1048576) bad('ram.bytes');
  for (const p of arr(r.pages, ram * 1048576 / PAGE_SIZE, 'ram.pages')) bytes(p, PAGE_SIZE, 'ram page');
  const rom = obj(m.rom, 'rom');
  bytes(rom.bytes, -1, 'rom.bytes');
  bytes(rom.written, -1, 'rom.written');
  const d = obj(m.devices, 'devices');
  for (const k of ['timer', 'consoleIrq', 'net', 'disk', 'clock']) obj(d[k], `devices.${k}`);
  const disks = arr(d.disks, (top.diskPaths as unknown[]).length, 'devices.disks');
  for (const dk of disks) for (const ch of arr(dk, -1, 'disk chunks')) {
    const pair = arr(ch, 2, 'disk chunk');
    num(pair[0], 'disk chunk');
    bytes(pair[1], -1, 'disk chunk');
  }
  const con = obj(m.console, 'console');
  nums(con.inputQueue, -1, 'console.inputQueue');
  if (typeof con.inputEof !== 'boolean') bad('console.inputEof');
  if ((cfg.mode === 'firmware') !== (m.hookCalls !== null)) bad('hookCalls');
  if ((cfg.mode === 'linux') !== (m.linux !== null)) bad('linux');
  obj(m.extra, 'extra');
}
