/**
 * programs/lib/ipc.s through its programs: lrpc/tlrpc ping-pong, a pipe producer/consumer and a
 * shared-memory counter, each a pair of environments (`exo run a.s b.s`), with the kernel
 * invariant checker at every kernel exit.
 */
import { describe, expect, it } from 'vitest';
import { runExo } from '../helpers/exo-run.js';

const lines = (s: string): string[] => s.trim().split('\n').map((l) => l.trim());

describe('library OS IPC (programs/lib/ipc.s)', () => {
  it('pingpong: three lrpc calls survive a server that clobbers s0-s7, three tlrpc calls, a stop', () => {
    const r = runExo(['programs/pingpong.s', 'programs/pingpong-peer.s']);
    expect(r.violations).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const want: string[] = [];
    for (let i = 1; i <= 6; i++) want.push(`ping ${i} (${i <= 3 ? 'lrpc' : 'tlrpc'})`, `pong ${i}`, `reply ${i * 100}`);
    want.push('ping: 6 calls answered, callee-saved registers intact', 'pong: served 7 calls');
    expect(lines(r.stdout)).toEqual(want);
  });

  it('pipe: 1000 words through a 256-word ring in order, the sum comes back the other way', () => {
    const r = runExo(['programs/pipe.s', 'programs/pipe-peer.s']);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(['pipe: wrote 1..1000', 'pipe-peer: read 1000 words in order, sum 500500', "pipe: the consumer's sum is 500500"]);
  });

  it('shm: a shared counter ping-ponged 100 times each way by yield', () => {
    const r = runExo(['programs/shm.s', 'programs/shm-peer.s']);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(['shm-peer: made the counter even 100 times', 'shm: counter 200 after 100 rounds each']);
  });

  it('the shared page is refused to a connector whose peer does not exist', () => {
    // pipe.s alone: environment 2 does not exist, so the share call is refused (ENOENT = -3).
    const r = runExo(['programs/pipe.s']);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toEqual(['pipe: FAIL: error -3 (no peer: run exo run programs/pipe.s programs/pipe-peer.s)']);
  });

  it('an acceptor alone gives up after its yields with ENOENT', () => {
    const r = runExo(['programs/shm-peer.s']);
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toEqual(['shm-peer: FAIL: error -3']);
  });
});
