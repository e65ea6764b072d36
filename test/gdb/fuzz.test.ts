/**
 * Random and malformed input to the stub over TCP: binary garbage, bad checksums, truncated and
 * huge packets, and random valid-looking commands that only read (or are malformed writes and
 * resumes). The stub must answer each packet (or ask for a resend) and keep serving, memory
 * replies must match the session's own reads, and the machine's state hash must not change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebugSession } from '../../emulator/debug/types.js';
import { frame, MAX_INCOMING, PacketDecoder } from '../../gdb/packet.js';
import { GdbServer } from '../../gdb/server.js';
import { GdbClient } from './client.js';
import { bareSession, buildBare, COUNTER_PROGRAM } from './setup.js';

const prog = buildBare(COUNTER_PROGRAM);
let session: DebugSession;
let server: GdbServer;
let port: number;
let hash: string;
let client: GdbClient;
const log: string[] = [];

beforeAll(async () => {
  session = await bareSession(prog);
  // Somewhere in the middle: stopped in bump, in a delay slot (before the watched store).
  session.addWatchpoint('virtual', prog.symbols.get('counter')!, 4, 'write');
  expect(session.cont().kind).toBe('watchpoint');
  for (const w of session.watchpoints()) session.remove(w.id);
  server = new GdbServer(session, { log: (l) => log.push(l) });
  port = await server.listen(0);
  hash = session.stateHash();
  client = await GdbClient.open(port);
});

afterAll(async () => {
  await client.close();
  server.close();
});

/** Sends a sync packet and reads until its reply: the stub is alive and past everything before. */
async function sync(c: GdbClient): Promise<void> {
  c.send('qC');
  for (;;) {
    const p = await c.next(5000);
    if (p === null) throw new Error(`no reply to the sync packet; server log:\n${log.join('\n')}`);
    if (p === 'QC1') return;
  }
}

const hexDigits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: min, maxLength: max }).map((a) => a.join(''));
const junk = fc.string({ maxLength: 12 }).map((s) => s.replace(/[#$}*]/g, ''));
const nonHexJunk = junk.map((s) => 'g' + s); // starts with a non-hex character
const addr = fc.oneof(hexDigits(1, 16), fc.constantFrom('80030000', '80040050', 'ffffffff80030000', 'b0000000', '1000', 'fffffffc', '0'), junk);
const len = fc.oneof(hexDigits(1, 4), fc.constantFrom('0', '4', '40', '1000', 'ffffffff'), junk);

/** Packets that must not change the machine: reads, queries, stop points, malformed writes/resumes. */
const harmless: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(addr, len).map(([a, l]) => `m${a},${l}`),
  fc.constantFrom('g', '?', 'qC', 'qfThreadInfo', 'qsThreadInfo', 'qAttached', 'qTStatus', 'qOffsets', 'qSymbol::', 'vCont?', 'vMustReplyEmpty', 'qSupported:swbreak+', 'Hg0', 'Hc-1', 'T1', 'qThreadExtraInfo,1', '!', 'QStartNoAckMode', 'bx', 'i', ''),
  fc.oneof(hexDigits(1, 3), junk).map((n) => `p${n}`),
  fc.tuple(junk, hexDigits(1, 4), hexDigits(1, 4)).map(([a, o, l]) => `qXfer:features:read:${a.length % 2 ? 'target.xml' : a}:${o},${l}`),
  fc.tuple(fc.constantFrom('Z', 'z'), fc.constantFrom('0', '1', '2', '3', '4', '5', 'x'), addr, len).map(([z, t, a, l]) => `${z}${t},${a},${l}`),
  fc.tuple(fc.constantFrom('tlb', 'tlb 3', 'tlb 99', 'cp0', 'envs', 'exclog', 'exclog 2', 'exclog x', 'v2p', 'v2p 0x80030000', 'v2p 0x1000 5', 'phys 0 32', 'phys', 'icount', 'help', 'catch', 'catch nope', 'uncatch 99999'), junk)
    .map(([c, j]) => `qRcmd,${Buffer.from(j.length % 3 === 0 ? `${c} ${j}` : c).toString('hex')}`),
  junk.map((j) => `qRcmd,${j}`),
  // Malformed writes: length mismatches, bad hex, bad register numbers.
  fc.tuple(addr, hexDigits(1, 2), hexDigits(0, 6)).map(([a, l, d]) => `M${a},${(parseInt(l, 16) + 1 + d.length).toString(16)}:${d}`),
  fc.tuple(addr, junk).map(([a, d]) => `X${a},ffff:${d}`),
  fc.tuple(hexDigits(1, 2), junk).map(([n, v]) => `P${n}=${v}zz`),
  fc.oneof(junk, hexDigits(1, 7)).map((g) => `G${g}`),
  // Malformed resumes, detach and kill: never executed.
  nonHexJunk.map((j) => `c${j}`),
  nonHexJunk.map((j) => `s${j}`),
  fc.tuple(fc.constantFrom('C', 'S'), junk).map(([c, j]) => `${c}zz${j}`),
  junk.map((j) => `vCont;x${j}`),
  junk.map((j) => `vCont;s:2${j.replace(/[;:]/g, '')}`).filter((p) => !/^vCont;s:2[0-9a-fA-F]*$/.test(p) || p === 'vCont;s:2'),
  nonHexJunk.map((j) => `D;${j}`),
  junk.map((j) => `vKillx${j}`),
  junk.map((j) => `kx${j}`),
);

describe('stub under random and malformed input', () => {
  it('answers every harmless packet and leaves the machine unchanged', async () => {
    await fc.assert(fc.asyncProperty(fc.array(harmless, { minLength: 1, maxLength: 8 }), async (packets) => {
      for (const p of packets) {
        const r = await client.request(p, 5000);
        if (r === null) throw new Error(`no reply to ${JSON.stringify(p)}; server log:\n${log.join('\n')}`);
        const m = /^m([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})$/.exec(p);
        if (m !== null && /^[0-9a-f]+$/.test(r)) {
          const a = parseInt(m[1]!.slice(-8), 16);
          expect(r).toBe(session.readVirtual(a, r.length / 2).map((b) => b!.toString(16).padStart(2, '0')).join(''));
        }
        if (/^[cs]g|^[CS]zz|^vCont;x|^D;g|^vKillx|^kx/.test(p)) expect(r).toMatch(/^E\d\d$|^$/);
      }
      // Stop points gdb inserted change no machine state; remove them as gdb would.
      for (const b of session.breakpoints()) session.remove(b.id);
      for (const w of session.watchpoints()) session.remove(w.id);
      for (const c of session.catchpoints()) session.remove(c.id);
      expect(session.stateHash()).toBe(hash);
    }), { numRuns: 200 });
    expect(log.filter((l) => l.includes('internal error'))).toEqual([]);
  }, 120_000);

  it('survives binary garbage, bad checksums, truncated and huge packets', async () => {
    const noisy = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      harmless.map((p) => Buffer.from(frame(p).replace(/#..$/, '#00'), 'latin1')), // bad checksum
      harmless.map((p) => Buffer.from(frame(p).slice(0, Math.max(1, frame(p).length - 3)), 'latin1')), // truncated
      fc.constant(Buffer.from('$' + 'm'.repeat(MAX_INCOMING + 100) + '#00', 'latin1')), // huge
    );
    await fc.assert(fc.asyncProperty(fc.array(noisy, { minLength: 1, maxLength: 4 }), async (chunks) => {
      // Garbage that happens to frame a valid packet must be one that changes nothing.
      const d = new PacketDecoder();
      for (const c of chunks) for (const ev of d.push(c)) fc.pre(ev.kind !== 'packet' || !/^[cCsSbDkvGPMXZzQ!]/.test(ev.payload));
      for (const c of chunks) client.raw(c);
      // A truncated packet swallows what follows up to the next '$': the sync starts a new one.
      await sync(client);
      expect(client.closed).toBe(false);
      expect(session.stateHash()).toBe(hash);
    }), { numRuns: 150 });
  }, 120_000);

  it('a client dropping mid-packet leaves the machine usable for the next one', async () => {
    // While the fuzz client holds the connection, another is refused and closed.
    const refused = await GdbClient.open(port);
    expect(await refused.waitClosed()).toBe(true);
    expect(await client.request('qC')).toBe('QC1');
    await client.close();
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), harmless, async (garbage, p) => {
      const c = await GdbClient.open(port);
      c.raw(garbage);
      c.raw(frame(p).slice(0, 5));
      await c.close();
      const next = await GdbClient.open(port);
      await sync(next);
      expect(await next.request('?')).toBe('T05thread:1;');
      await next.close();
      expect(session.stateHash()).toBe(hash);
    }), { numRuns: 20 });
    client = await GdbClient.open(port);
  }, 120_000);
});
