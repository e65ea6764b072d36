/**
 * A minimal GDB remote protocol client for the stub's tests: sends packets (acked or raw bytes)
 * and collects the stub's packets in order, acking each as gdb does.
 */
import { connect, type Socket } from 'node:net';
import { frame, PacketDecoder } from '../../gdb/packet.js';

export class GdbClient {
  private readonly decoder = new PacketDecoder();
  private readonly packets: string[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  /** Acks/nacks the stub sent ('+' / '-'), in order. */
  readonly acks: string[] = [];

  private constructor(private readonly sock: Socket) {
    sock.setNoDelay(true); // gdb's acks and packets are small writes: no Nagle delays
    sock.on('data', (chunk: Buffer) => {
      for (const ev of this.decoder.push(chunk)) {
        if (ev.kind === 'packet') {
          this.packets.push(ev.payload);
          sock.write('+');
        } else if (ev.kind === 'ack') this.acks.push('+');
        else if (ev.kind === 'nack') this.acks.push('-');
      }
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {});
  }

  static open(port: number): Promise<GdbClient> {
    return new Promise((resolve, reject) => {
      const sock = connect(port, '127.0.0.1', () => resolve(new GdbClient(sock)));
      sock.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits for the next packet from the stub (null if the connection closes first or after `ms`). */
  async next(ms = 10_000): Promise<string | null> {
    const deadline = Date.now() + ms;
    while (this.packets.length === 0) {
      if (this.closed || Date.now() >= deadline) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.packets.shift()!;
  }

  /** Sends one packet and returns the stub's reply (skipping O console packets into `console`). */
  async request(payload: string, ms = 10_000): Promise<string | null> {
    this.send(payload);
    return this.reply(ms);
  }

  /** The next reply that is not an O console packet; console text goes to `console`. */
  async reply(ms = 10_000): Promise<string | null> {
    for (;;) {
      const p = await this.next(ms);
      if (p === null) return null;
      if (p.startsWith('O') && p !== 'OK') {
        this.console += Buffer.from(p.slice(1), 'hex').toString('utf8');
        continue;
      }
      return p;
    }
  }

  console = '';

  send(payload: string): void {
    this.raw(frame(payload));
  }

  raw(bytes: string | Uint8Array): void {
    if (!this.closed) this.sock.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.sock.once('close', () => resolve());
      this.sock.end();
    });
  }

  /** Waits until the stub closes the connection (true) or `ms` pass (false). */
  async waitClosed(ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.closed;
  }
}
