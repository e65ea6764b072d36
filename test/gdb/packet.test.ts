/** GDB remote protocol framing: checksums, escapes, the incoming stream decoder, the target description. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, escapeBinary, expandRle, frame, MAX_INCOMING, PacketDecoder, unescapeBinary, type WireEvent } from '../../gdb/packet.js';
import { decodeLE32, encodeLE32, NUM_REGS } from '../../gdb/registers.js';
import { TARGET_XML } from '../../gdb/tdesc.js';

const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('framing', () => {
  it('checksums are the byte sum mod 256 (examples from the gdb manual)', () => {
    expect(frame('OK')).toBe('$OK#9a');
    expect(frame('')).toBe('$#00');
    expect(frame('qSupported')).toBe(`$qSupported#${checksum('qSupported').toString(16).padStart(2, '0')}`);
    expect(checksum('\xff\xff')).toBe(0xfe);
  });

  it('binary escapes round-trip and leave no framing characters', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
      const s = Buffer.from(data).toString('latin1');
      const e = escapeBinary(s);
      expect(e).not.toMatch(/[#$*]/);
      expect(Array.from(unescapeBinary(e)!)).toEqual(Array.from(data));
    }));
    expect(escapeBinary('a#b$c}d*')).toBe('a}\x03b}\x04c}]d}\x0a');
    expect(unescapeBinary('ab}')).toBeNull();
  });

  it('expands run-length encoding as gdb does', () => {
    expect(expandRle('0* ')).toBe('0000');
    expect(expandRle('abc')).toBe('abc');
  });
});

describe('PacketDecoder', () => {
  const decodeAll = (chunks: Uint8Array[]): WireEvent[] => {
    const d = new PacketDecoder();
    return chunks.flatMap((c) => d.push(c));
  };

  it('splits packets, acks and interrupts, however the stream is chunked', () => {
    const stream = `+$qSupported:swbreak+#${checksum('qSupported:swbreak+').toString(16).padStart(2, '0')}-\x03${frame('g')}${frame('X80000000,2:}\x03}]')}`;
    const want: WireEvent[] = [
      { kind: 'ack' },
      { kind: 'packet', payload: 'qSupported:swbreak+' },
      { kind: 'nack' },
      { kind: 'interrupt' },
      { kind: 'packet', payload: 'g' },
      { kind: 'packet', payload: 'X80000000,2:}\x03}]' },
    ];
    fc.assert(fc.property(fc.array(fc.nat(stream.length), { maxLength: 8 }), (cuts) => {
      const pos = [0, ...cuts.sort((a, b) => a - b), stream.length];
      const chunks = pos.slice(1).map((p, i) => bytes(stream.slice(pos[i], p)));
      expect(decodeAll(chunks)).toEqual(want);
    }));
  });

  it('reports bad checksums, bad digits and overlong packets, then recovers', () => {
    const events = decodeAll([bytes('$g#00$m0,4#zz'), bytes('$' + 'a'.repeat(MAX_INCOMING + 10) + '#00'), bytes(frame('?'))]);
    expect(events.map((e) => e.kind)).toEqual(['bad', 'bad', 'bad', 'packet']);
    expect(events[3]).toEqual({ kind: 'packet', payload: '?' });
  });

  it('a $ inside a packet starts a new one (the first was truncated)', () => {
    expect(decodeAll([bytes('$m0,4$' + frame('g').slice(1))])).toEqual([{ kind: 'packet', payload: 'g' }]);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), (chunks) => {
      const events = decodeAll(chunks);
      for (const e of events) if (e.kind === 'packet') expect(e.payload.length).toBeLessThanOrEqual(MAX_INCOMING);
    }));
  });
});

describe('registers and target description', () => {
  it('32-bit values go in little-endian byte order', () => {
    expect(encodeLE32(0xbfc00000)).toBe('0000c0bf');
    expect(decodeLE32('0000c0bf')).toBe(0xbfc00000);
    expect(decodeLE32('0000c0b')).toBeNull();
    expect(decodeLE32('xxxxxxxx')).toBeNull();
    fc.assert(fc.property(fc.nat(0xffffffff), (v) => decodeLE32(encodeLE32(v)) === v));
  });

  it('the description numbers every register exactly once, in gdb MIPS order', () => {
    const regs = [...TARGET_XML.matchAll(/<reg name="([a-z0-9]+)" bitsize="32" regnum="([0-9]+)"/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(regs.length).toBe(NUM_REGS);
    expect(regs.map((r) => r[1]).sort((a, b) => a - b)).toEqual(Array.from({ length: NUM_REGS }, (_, i) => i));
    const byName = new Map(regs);
    expect([byName.get('r0'), byName.get('r31'), byName.get('status'), byName.get('lo'), byName.get('hi'), byName.get('badvaddr'), byName.get('cause'), byName.get('pc')]).toEqual([0, 31, 32, 33, 34, 35, 36, 37]);
    expect([byName.get('f0'), byName.get('f31'), byName.get('fcsr'), byName.get('fir')]).toEqual([38, 69, 70, 71]);
    expect(['index', 'random', 'entrylo', 'context', 'entryhi', 'epc', 'prid'].map((n) => byName.get(n))).toEqual([72, 73, 74, 75, 76, 77, 78]);
    expect(TARGET_XML).toContain('<architecture>mips:3000</architecture>');
    expect(TARGET_XML).toContain('<osabi>none</osabi>');
    for (const f of ['org.gnu.gdb.mips.cpu', 'org.gnu.gdb.mips.cp0', 'org.gnu.gdb.mips.fpu']) expect(TARGET_XML).toContain(`<feature name="${f}">`);
    expect(TARGET_XML).not.toMatch(/[#$}*]/); // served without escapes
  });
});
