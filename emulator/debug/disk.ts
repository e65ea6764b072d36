/**
 * A disk that remembers what the guest wrote, so a machine snapshot carries the disk's state: the
 * 512-byte chunks written since the start (their current bytes), and the bytes each chunk held
 * before its first write. Reads and writes go straight to the backing store (the image file is
 * still read and written in place); `restore` writes the chunks of the restored point back into
 * it, so after going back in time the disk holds what it held then, whatever the file's later
 * writes were, and a restore in another process does not depend on how the file was modified
 * after the snapshot (only on the chunks the guest never wrote).
 */
import type { BlockBacking } from '../devices/blockdev.js';

const CHUNK = 512;

export class RecordingDisk implements BlockBacking {
  /** Chunk index -> the chunk's bytes now (chunks the guest wrote since the start). */
  private written = new Map<number, Uint8Array>();
  /** Chunk index -> the chunk's bytes before the first write of this process. */
  private readonly original = new Map<number, Uint8Array>();

  constructor(
    readonly inner: BlockBacking,
    private readonly onClose: () => void = () => {},
  ) {}

  get bytes(): number {
    return this.inner.bytes;
  }

  get readOnly(): boolean {
    return this.inner.readOnly;
  }

  read(offset: number, dst: Uint8Array): void {
    this.inner.read(offset, dst);
  }

  write(offset: number, src: Uint8Array): void {
    const first = Math.floor(offset / CHUNK);
    const last = Math.floor((offset + src.length - 1) / CHUNK);
    for (let c = first; c <= last; c++) {
      if (!this.original.has(c)) this.original.set(c, this.readChunk(c));
    }
    this.inner.write(offset, src);
    for (let c = first; c <= last; c++) this.written.set(c, this.readChunk(c));
  }

  /** The chunks written since the start, copied (index -> bytes), in index order. */
  snapshot(): [number, Uint8Array][] {
    return [...this.written.entries()].sort((a, b) => a[0] - b[0]).map(([c, b]) => [c, b.slice()]);
  }

  /** Makes the disk hold what it held at the snapshot (writes the backing store). */
  restore(chunks: readonly (readonly [number, Uint8Array])[]): void {
    const next = new Map<number, Uint8Array>();
    for (const [c, b] of chunks) {
      if (!this.original.has(c)) this.original.set(c, this.readChunk(c));
      next.set(c, b.slice());
    }
    for (const [c, b] of this.original) {
      const want = next.get(c) ?? b;
      if (c * CHUNK + want.length <= this.inner.bytes && !this.inner.readOnly) this.inner.write(c * CHUNK, want);
    }
    this.written = next;
  }

  close(): void {
    this.onClose();
  }

  private readChunk(c: number): Uint8Array {
    const start = c * CHUNK;
    const len = Math.max(0, Math.min(CHUNK, this.inner.bytes - start));
    const b = new Uint8Array(len);
    if (len > 0) this.inner.read(start, b);
    return b;
  }
}
