/**
 * GDB remote serial protocol framing (gdb manual, "Overview" of Remote Protocol): a packet is
 * `$payload#cc`, cc the payload's byte sum mod 256 in two hex digits, acknowledged by `+`
 * (good) or `-` (resend). Outside a packet, the byte 0x03 is the interrupt request gdb sends on
 * Ctrl-C while the target runs. Binary data (`X`, `qXfer` replies) escapes `#`, `$`, `}` and `*`
 * as `}` followed by the byte XOR 0x20.
 *
 * Payloads are handled as latin1 strings: one char per byte, so binary data survives intact.
 */

/** The largest payload accepted from gdb; a longer packet is dropped and answered `-`. */
export const MAX_INCOMING = 64 * 1024;

export type WireEvent =
  | { readonly kind: 'packet'; readonly payload: string }
  /** A packet with a bad checksum, bad checksum digits, or too long: answered `-`. */
  | { readonly kind: 'bad'; readonly why: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nack' };

export function checksum(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum = (sum + (payload.charCodeAt(i) & 0xff)) & 0xff;
  return sum;
}

/** `$payload#cc`; the payload must already be escaped where it carries binary data. */
export function frame(payload: string): string {
  return `$${payload}#${checksum(payload).toString(16).padStart(2, '0')}`;
}

const MUST_ESCAPE = new Set([0x23, 0x24, 0x7d, 0x2a]); // # $ } *

/** Escapes binary data for a packet (a latin1 string of bytes). */
export function escapeBinary(data: string): string {
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i) & 0xff;
    out += MUST_ESCAPE.has(c) ? '}' + String.fromCharCode(c ^ 0x20) : String.fromCharCode(c);
  }
  return out;
}

/** Undoes escapeBinary; null when the data ends inside an escape. */
export function unescapeBinary(data: string): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i) & 0xff;
    if (c === 0x7d) {
      if (i + 1 >= data.length) return null;
      out.push((data.charCodeAt(++i) & 0xff) ^ 0x20);
    } else out.push(c);
  }
  return Uint8Array.from(out);
}

/**
 * Expands run-length encoding (`X*n`: X repeated n - 29 more times), which a stub may use in
 * replies; gdb never sends it. Used by the tests' client to read our replies as gdb would.
 */
export function expandRle(payload: string): string {
  let out = '';
  for (let i = 0; i < payload.length; i++) {
    const ch = payload[i]!;
    if (ch === '*' && out.length > 0 && i + 1 < payload.length) {
      out += out[out.length - 1]!.repeat(payload.charCodeAt(++i) - 29);
    } else out += ch;
  }
  return out;
}

const ST_IDLE = 0;
const ST_PAYLOAD = 1;
const ST_SUM1 = 2;
const ST_SUM2 = 3;
const ST_SKIP = 4;

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Splits the incoming byte stream into packets, acks and interrupts; never throws. */
export class PacketDecoder {
  private state = ST_IDLE;
  private buf: string[] = [];
  private len = 0;
  private sum = 0;
  private sumText = '';

  push(chunk: Uint8Array): WireEvent[] {
    const events: WireEvent[] = [];
    for (const c of chunk) {
      switch (this.state) {
        case ST_IDLE:
          if (c === 0x24) this.start();
          else if (c === 0x03) events.push({ kind: 'interrupt' });
          else if (c === 0x2b) events.push({ kind: 'ack' });
          else if (c === 0x2d) events.push({ kind: 'nack' });
          // Anything else between packets is line noise: ignored, as gdbserver does.
          break;
        case ST_PAYLOAD:
          if (c === 0x23) this.state = ST_SUM1;
          else if (c === 0x24) this.start(); // a new packet: the previous one was truncated
          else if (this.len >= MAX_INCOMING) this.state = ST_SKIP;
          else {
            this.buf.push(String.fromCharCode(c));
            this.len++;
            this.sum = (this.sum + c) & 0xff;
          }
          break;
        case ST_SKIP:
          if (c === 0x23) {
            events.push({ kind: 'bad', why: `packet longer than ${MAX_INCOMING} bytes` });
            // Its two checksum digits follow; in the idle state they are ignored as line noise.
            this.state = ST_IDLE;
            this.buf = [];
          }
          break;
        case ST_SUM1:
        case ST_SUM2:
          if (!isHex(c)) {
            events.push({ kind: 'bad', why: 'checksum is not two hex digits' });
            this.state = ST_IDLE;
            this.buf = [];
            if (c === 0x24) this.start();
            break;
          }
          this.sumText += String.fromCharCode(c);
          if (this.state === ST_SUM1) {
            this.state = ST_SUM2;
            break;
          }
          this.state = ST_IDLE;
          if (parseInt(this.sumText, 16) === this.sum) events.push({ kind: 'packet', payload: this.buf.join('') });
          else events.push({ kind: 'bad', why: `checksum ${this.sumText}, computed ${this.sum.toString(16).padStart(2, '0')}` });
          this.buf = [];
          break;
      }
    }
    return events;
  }

  private start(): void {
    this.state = ST_PAYLOAD;
    this.buf = [];
    this.len = 0;
    this.sum = 0;
    this.sumText = '';
  }
}
