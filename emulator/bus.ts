/**
 * The physical bus: RAM from physical address 0, and memory-mapped devices found by physical page
 * (4 KB) through a dispatch table. An access to a physical address nobody decodes is a bus error
 * (IBE/DBE for the CPU).
 *
 * RAM is one ArrayBuffer with typed-array views; the host must be little-endian, like the guest
 * (MIPS `el`), so that an Int32Array element is the guest's word (checked at construction).
 */

/** A memory-mapped device. Offsets are relative to the device's base; sizes are 1, 2 or 4. */
export interface Device {
  readonly name: string;
  /** Reads `size` bytes at `offset` (zero-extended). May have side effects (e.g. a FIFO pop). */
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
  /** The value `read` would return, without side effects (debuggers, trap hooks). */
  peek(offset: number, size: number): number;
}

interface Mapping {
  readonly base: number;
  readonly size: number;
  readonly device: Device;
}

const PAGE_SHIFT = 12;

export class Bus {
  readonly ramSize: number;
  readonly ram: ArrayBuffer;
  readonly ram8: Uint8Array;
  readonly ramS8: Int8Array;
  readonly ram16: Uint16Array;
  readonly ramS16: Int16Array;
  readonly ram32: Int32Array;
  /**
   * Decoded-instruction cache, one entry per RAM word: the ISA id the R3000 executes for that word
   * (decode.ts `decodeHw`), RI_ID for a reserved instruction, or NOT_DECODED; plus the flag
   * ICACHE_RESIDENT while the word is the one its I-cache line holds (a cache of the tag compare,
   * kept by Cpu.fetchRam, so a hitting fetch costs one byte load). Every store to RAM resets the
   * entries of the words it touches to NOT_DECODED, so self-modifying code and loaders stay exact.
   */
  readonly decoded: Uint8Array;
  private readonly mappings: Mapping[] = [];
  /** Index+1 into `mappings` per physical page; 0 = nothing mapped there. */
  private readonly pageMap = new Uint16Array(1 << 20);
  /** Result of the last successful `read` (initialised to a non-small-integer: a double field). */
  value = 2 ** 32 - 1;

  constructor(ramBytes: number) {
    if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
      throw new Error('internal: exo-r3000 needs a little-endian host');
    }
    if (ramBytes <= 0 || ramBytes % 4096 !== 0 || ramBytes > 0x1fc00000) {
      throw new Error(`internal: bad RAM size ${ramBytes}`);
    }
    this.ramSize = ramBytes;
    this.ram = new ArrayBuffer(ramBytes);
    this.ram8 = new Uint8Array(this.ram);
    this.ramS8 = new Int8Array(this.ram);
    this.ram16 = new Uint16Array(this.ram);
    this.ramS16 = new Int16Array(this.ram);
    this.ram32 = new Int32Array(this.ram);
    this.decoded = new Uint8Array(ramBytes >>> 2).fill(NOT_DECODED);
  }

  /** Maps a device at [base, base+size); both page aligned; overlaps are a bug. */
  map(base: number, size: number, device: Device): void {
    if (base % 4096 !== 0 || size % 4096 !== 0 || size <= 0) throw new Error(`internal: unaligned mapping for ${device.name}`);
    const first = base >>> PAGE_SHIFT;
    const last = (base + size - 1) >>> PAGE_SHIFT;
    if (base < this.ramSize) throw new Error(`internal: ${device.name} overlaps RAM`);
    for (let p = first; p <= last; p++) {
      if (this.pageMap[p] !== 0) throw new Error(`internal: ${device.name} overlaps ${this.mappings[this.pageMap[p]! - 1]!.device.name}`);
    }
    this.mappings.push({ base, size, device });
    for (let p = first; p <= last; p++) this.pageMap[p] = this.mappings.length;
  }

  /** The device mapped at a physical address, if any. */
  deviceAt(pa: number): { device: Device; offset: number } | undefined {
    const m = this.pageMap[pa >>> PAGE_SHIFT]!;
    if (m === 0) return undefined;
    const mapping = this.mappings[m - 1]!;
    return { device: mapping.device, offset: (pa >>> 0) - mapping.base };
  }

  isRam(pa: number): boolean {
    return pa >>> 0 < this.ramSize;
  }

  /**
   * Reads `size` bytes (zero-extended) from a physical address into `this.value`; false on a bus
   * error. `debug` reads use the devices' side-effect-free `peek`.
   */
  read(pa: number, size: number, debug = false): boolean {
    const a = pa >>> 0;
    if (a < this.ramSize) {
      this.value = size === 4 ? this.ram32[a >>> 2]! >>> 0 : size === 2 ? this.ram16[a >>> 1]! : this.ram8[a]!;
      return true;
    }
    const m = this.pageMap[a >>> PAGE_SHIFT]!;
    if (m === 0) return false;
    const mapping = this.mappings[m - 1]!;
    const off = a - mapping.base;
    this.value = (debug ? mapping.device.peek(off, size) : mapping.device.read(off, size)) >>> 0;
    return true;
  }

  /** Writes `size` bytes; false on a bus error. */
  write(pa: number, size: number, value: number): boolean {
    const a = pa >>> 0;
    if (a < this.ramSize) {
      if (size === 4) this.ram32[a >>> 2] = value;
      else if (size === 2) this.ram16[a >>> 1] = value;
      else this.ram8[a] = value;
      this.decoded[a >>> 2] = NOT_DECODED;
      return true;
    }
    const m = this.pageMap[a >>> PAGE_SHIFT]!;
    if (m === 0) return false;
    const mapping = this.mappings[m - 1]!;
    mapping.device.write(a - mapping.base, size, value);
    return true;
  }

  /** Copies bytes into RAM or a loadable device (boot ROM); false if any byte is not RAM/ROM. */
  load(pa: number, bytes: Uint8Array): boolean {
    const a = pa >>> 0;
    if (a + bytes.length <= this.ramSize) {
      this.ram8.set(bytes, a);
      this.decoded.fill(NOT_DECODED, a >>> 2, (a + bytes.length + 3) >>> 2);
      return true;
    }
    const hit = this.deviceAt(a);
    if (hit && 'loadImage' in hit.device) {
      return (hit.device as Device & { loadImage(off: number, b: Uint8Array): boolean }).loadImage(hit.offset, bytes);
    }
    return false;
  }
}

/** `Bus.decoded` marker for a word not decoded yet (and not I-cache resident). */
export const NOT_DECODED = 127;
/** `Bus.decoded` marker for a reserved instruction (RI); also the interpreter's case label. */
export const RI_ID = 126;
/** `Bus.decoded` flag: the word is in the I-cache (its line's tag is this word). */
export const ICACHE_RESIDENT = 128;
