/** cli/gdb.ts serveGdb: the port it listens on, its errors, and the exit code it resolves with. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serveGdb } from '../../cli/gdb.js';
import { UserError } from '../../cli/errors.js';
import { GdbClient } from './client.js';
import { bareSession, buildBare, COUNTER_PROGRAM } from './setup.js';

const prog = buildBare(COUNTER_PROGRAM);

describe('serveGdb', () => {
  it('says where it listens, and resolves with the guest exit status after a detach', async () => {
    const lines: string[] = [];
    const done = serveGdb(await bareSession(prog), 0, (l) => lines.push(l));
    while (!lines.some((l) => /127\.0\.0\.1:\d+/.test(l))) await new Promise((r) => setTimeout(r, 5));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(lines.join('\n'))![1]);
    expect(lines[0]).toMatch(/^gdb: waiting for gdb on 127\.0\.0\.1:\d+ \(gdb-multiarch -ex 'target remote 127\.0\.0\.1:\d+' PROGRAM\)$/);
    const c = await GdbClient.open(port);
    expect(await c.request('D')).toBe('OK');
    expect(await done).toBe(3);
  });

  it('a port in use or out of range is a one-line user error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const s = await bareSession(prog);
    await expect(serveGdb(s, port, () => {})).rejects.toThrow(new UserError(`--gdb: cannot listen on 127.0.0.1:${port}: EADDRINUSE`));
    await expect(serveGdb(s, 70000, () => {})).rejects.toThrow(/^--gdb: not a TCP port: 70000$/);
    blocker.close();
  });
});
