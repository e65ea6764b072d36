/**
 * The host side of guest input and output, shared by the console device and the `--abi linux`
 * system calls. The CLI connects it to the process's stdin/stdout/stderr; tests capture it.
 */
export interface GuestIo {
  /** Bytes the guest wrote to stdout (console putchar, write(1, ...)). */
  writeOut(bytes: Uint8Array): void;
  /** Bytes the guest wrote to stderr (write(2, ...)). */
  writeErr(bytes: Uint8Array): void;
  /**
   * Up to `max` input bytes. Blocks until some are available; returns an empty array at end of
   * input.
   */
  readIn(max: number): Uint8Array;
}

/** A GuestIo over fixed input that collects output (tests, embedding). */
export class BufferIo implements GuestIo {
  private out: number[] = [];
  private err: number[] = [];
  private pos = 0;
  constructor(private readonly input: Uint8Array = new Uint8Array(0)) {}
  writeOut(bytes: Uint8Array): void {
    for (const b of bytes) this.out.push(b);
  }
  writeErr(bytes: Uint8Array): void {
    for (const b of bytes) this.err.push(b);
  }
  readIn(max: number): Uint8Array {
    const n = Math.min(max, this.input.length - this.pos);
    const r = this.input.slice(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
  get stdout(): string {
    return Buffer.from(this.out).toString('latin1');
  }
  get stderr(): string {
    return Buffer.from(this.err).toString('latin1');
  }
}
