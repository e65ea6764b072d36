/**
 * The stub's commands against the real debug engine, in process (GdbStub.handle) and over TCP
 * (GdbServer with the test client): registers, memory, stop points, stepping through delay slots,
 * watchpoints before the access, reverse steps, Ctrl-C, one client at a time, reconnecting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugSession } from '../../emulator/debug/types.js';
import { encodeLE32 } from '../../gdb/registers.js';
import { GdbServer, KILLED } from '../../gdb/server.js';
import { GdbStub, type StubAction } from '../../gdb/stub.js';
import { GdbClient } from './client.js';
import { BARE_TEXT, bareSession, buildBare, COUNTER_PROGRAM, SPIN_PROGRAM } from './setup.js';

const counterProg = buildBare(COUNTER_PROGRAM);
const sym = (name: string): number => counterProg.symbols.get(name)!;
const hex = (n: number): string => (n >>> 0).toString(16);

function replyOf(a: StubAction): string {
  if (a.kind !== 'reply') throw new Error(`expected a reply, got ${a.kind}`);
  return a.packets[a.packets.length - 1]!;
}

/** Runs a resume action the way the server does. */
function resume(stub: GdbStub, s: DebugSession, a: StubAction): string {
  if (a.kind !== 'resume') return replyOf(a);
  const ev = a.mode === 'step' ? s.stepInstruction() : a.mode === 'cont' ? s.cont() : a.mode === 'reverse-step' ? s.stepBack(1) : s.reverseContinue();
  const r = stub.stopReply(ev);
  return r[r.length - 1]!;
}

describe('GdbStub commands', () => {
  it('reads registers in gdb MIPS order, little-endian, with the CP0 extras', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const g = replyOf(stub.handle('g'));
    expect(g.length).toBe(79 * 8);
    const reg = (n: number): string => g.slice(8 * n, 8 * n + 8);
    expect(reg(37)).toBe(encodeLE32(BARE_TEXT)); // pc = entry
    expect(reg(32)).toBe(encodeLE32(0x00400000)); // status: BEV=1, kernel mode
    expect(reg(78)).toBe(encodeLE32(0x0220)); // prid
    expect(reg(40)).toBe('00000000'); // f2: no FPU
    expect(replyOf(stub.handle('p25'))).toBe(encodeLE32(BARE_TEXT));
    expect(replyOf(stub.handle('p4e'))).toBe(encodeLE32(0x0220));
    expect(replyOf(stub.handle('p4f'))).toBe('E01');
    expect(replyOf(stub.handle('pzz'))).toBe('E01');
  });

  it('writes registers (r0 stays 0; CP0 extras refuse a change) and memory, recorded by the session', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    expect(replyOf(stub.handle(`P8=${encodeLE32(0x12345678)}`))).toBe('OK');
    expect(s.readRegister(8)).toBe(0x12345678);
    expect(replyOf(stub.handle(`P0=${encodeLE32(5)}`))).toBe('OK');
    expect(s.readRegister(0)).toBe(0);
    expect(replyOf(stub.handle(`P4e=${encodeLE32(5)}`))).toBe('E01');
    expect(replyOf(stub.handle(`P4e=${encodeLE32(0x220)}`))).toBe('OK');
    expect(replyOf(stub.handle(`P30=${encodeLE32(5)}`))).toBe('OK'); // f10: ignored
    expect(replyOf(stub.handle('P8=123'))).toBe('E01');
    const c = sym('counter');
    expect(replyOf(stub.handle(`M${hex(c)},4:2a000000`))).toBe('OK');
    expect(replyOf(stub.handle(`m${hex(c)},4`))).toBe('2a000000');
    // X: binary, escaped; gdb's zero-length probe; a sign-extended 64-bit address.
    expect(replyOf(stub.handle(`X${hex(c)},0:`))).toBe('OK');
    expect(replyOf(stub.handle(`Xffffffff${hex(c)},2:}\x03}]`))).toBe('OK');
    expect(replyOf(stub.handle(`mffffffff${hex(c)},4`))).toBe('237d0000');
    expect(replyOf(stub.handle(`M${hex(c)},4:2a00`))).toBe('E01');
    // Unmapped kuseg (no TLB entry) and device space do not read.
    expect(replyOf(stub.handle('m1000,4'))).toBe('E14');
    expect(replyOf(stub.handle('mb0000000,4'))).toBe('E14');
    expect(replyOf(stub.handle('M1000,1:00'))).toBe('E14');
    // G round trip: the same values change nothing; a changed CP0 extra is refused.
    const g = replyOf(stub.handle('g'));
    const h = s.stateHash();
    expect(replyOf(stub.handle(`G${g}`))).toBe('OK');
    expect(s.stateHash()).toBe(h);
    expect(replyOf(stub.handle(`G${g.slice(0, 72 * 8)}${encodeLE32(9)}${g.slice(73 * 8)}`))).toBe('E01');
    expect(replyOf(stub.handle(`G${g.slice(0, 8)}${encodeLE32(77)}${g.slice(16)}`))).toBe('OK');
    expect(s.readRegister(1)).toBe(77);
  });

  it('answers the queries gdb sends on attach', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const sup = replyOf(stub.handle('qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+'));
    for (const f of ['PacketSize=4000', 'qXfer:features:read+', 'swbreak+', 'hwbreak+', 'vContSupported+', 'ReverseStep+', 'ReverseContinue+']) expect(sup.split(';')).toContain(f);
    expect(replyOf(stub.handle('vMustReplyEmpty'))).toBe('');
    expect(replyOf(stub.handle('Hg0'))).toBe('OK');
    expect(replyOf(stub.handle('Hc-1'))).toBe('OK');
    expect(replyOf(stub.handle('Hg2'))).toBe('E01');
    expect(replyOf(stub.handle('?'))).toBe('T05thread:1;');
    expect(replyOf(stub.handle('qC'))).toBe('QC1');
    expect(replyOf(stub.handle('qfThreadInfo'))).toBe('m1');
    expect(replyOf(stub.handle('qsThreadInfo'))).toBe('l');
    expect(replyOf(stub.handle('qAttached'))).toBe('1');
    expect(replyOf(stub.handle('qTStatus'))).toBe('');
    expect(replyOf(stub.handle('qSymbol::'))).toBe('OK');
    expect(replyOf(stub.handle('vCont?'))).toBe('vCont;c;C;s;S;t');
    expect(replyOf(stub.handle('T1'))).toBe('OK');
    // vCont: the first action for our thread (any id form) wins; none for it is an error.
    expect(stub.handle('vCont;s:p1.1;c')).toEqual({ kind: 'resume', mode: 'step' });
    expect(stub.handle('vCont;C05:1')).toEqual({ kind: 'resume', mode: 'cont' });
    expect(replyOf(stub.handle('vCont;c:2'))).toBe('E01');
    expect(replyOf(stub.handle('vCont;t'))).toBe('T00thread:1;');
    expect(replyOf(stub.handle('vCont;q'))).toBe('E01');
    // The description in two chunks: m then l, together the whole XML.
    const a = replyOf(stub.handle('qXfer:features:read:target.xml:0,200'));
    expect(a[0]).toBe('m');
    const b = replyOf(stub.handle('qXfer:features:read:target.xml:200,4000'));
    expect(b[0]).toBe('l');
    expect((a.slice(1) + b.slice(1)).startsWith('<?xml')).toBe(true);
    expect(replyOf(stub.handle('qXfer:features:read:nope.xml:0,100'))).toBe('E00');
    expect(replyOf(stub.handle('qXfer:features:read:target.xml:zz,100'))).toBe('E01');
  });

  it('steps a branch with its delay slot; continues to a breakpoint; stops before a watched store', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const pc = (): number => s.readRegister(37);
    const loop = sym('loop');
    const bump = sym('bump');
    const counter = sym('counter');
    expect(replyOf(stub.handle(`Z0,${hex(bump)},4`))).toBe('OK');
    expect(replyOf(stub.handle(`Z0,${hex(bump)},4`))).toBe('OK'); // idempotent
    expect(stub.pointCount()).toBe(1);
    expect(resume(stub, s, stub.handle('vCont;c'))).toBe('T05swbreak:;thread:1;');
    expect(pc()).toBe(bump);
    expect(s.readRegister(8)).toBe(2); // the jal's delay slot ran: t0 = 3 - 1
    expect(s.readRegister(31)).toBe(loop + 8);
    expect(replyOf(stub.handle(`z0,${hex(bump)},4`))).toBe('OK');
    // Three steps to the jr, then one step runs the jr and its delay slot (the store).
    for (let i = 0; i < 3; i++) expect(resume(stub, s, stub.handle('vCont;s:1;c'))).toBe('T05thread:1;');
    expect(pc()).toBe(bump + 12);
    expect(resume(stub, s, stub.handle('s'))).toBe('T05thread:1;');
    expect(pc()).toBe(loop + 8);
    expect(s.readVirtual(counter, 4)).toEqual([1, 0, 0, 0]);
    // A write watchpoint: stops with pc on the store in the jr's delay slot, memory unchanged.
    expect(replyOf(stub.handle(`Z2,${hex(counter)},4`))).toBe('OK');
    expect(resume(stub, s, stub.handle('c'))).toBe(`T05watch:${hex(counter)};thread:1;`);
    expect(pc()).toBe(bump + 16);
    expect(s.readVirtual(counter, 4)).toEqual([1, 0, 0, 0]);
    // gdb steps over it with the watchpoint removed: the slot runs alone, then the branch target.
    expect(replyOf(stub.handle(`z2,${hex(counter)},4`))).toBe('OK');
    expect(resume(stub, s, stub.handle('vCont;s:1'))).toBe('T05thread:1;');
    expect(pc()).toBe(loop + 8);
    expect(s.readVirtual(counter, 4)).toEqual([2, 0, 0, 0]);
    // Read and access watchpoints on the load in bump.
    expect(replyOf(stub.handle(`Z3,${hex(counter + 2)},2`))).toBe('OK');
    expect(resume(stub, s, stub.handle('c'))).toBe(`T05rwatch:${hex(counter + 2)};thread:1;`);
    expect(pc()).toBe(bump);
    expect(replyOf(stub.handle(`z3,${hex(counter + 2)},2`))).toBe('OK');
    // Reverse: one step back, then back to the start of history.
    expect(resume(stub, s, stub.handle('bs'))).toBe('T05thread:1;');
    expect(pc()).toBe(loop);
    expect(resume(stub, s, stub.handle('bc'))).toBe('T05replaylog:begin;thread:1;');
    expect(pc()).toBe(BARE_TEXT);
    // To the end: the guest halts with counter = 3.
    expect(resume(stub, s, stub.handle('c'))).toBe('W03');
    expect(replyOf(stub.handle('c'))).toBe('W03');
    expect(replyOf(stub.handle('?'))).toBe('W03');
  });

  it('Z1 reports hwbreak; a breakpoint of another kind or misaligned is refused; continue at an address', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const bump = sym('bump');
    expect(replyOf(stub.handle(`Z1,${hex(bump)},4`))).toBe('OK');
    expect(replyOf(stub.handle(`Z0,${hex(bump)},2`))).toBe('E01');
    expect(replyOf(stub.handle(`Z0,${hex(bump + 2)},4`))).toBe('E01');
    expect(replyOf(stub.handle('Z2,80040000,0'))).toBe('E01');
    expect(replyOf(stub.handle('Z5,80040000,4'))).toBe('E01');
    expect(resume(stub, s, stub.handle(`c${hex(sym('loop'))}`))).toBe('T05hwbreak:;thread:1;');
    expect(s.readRegister(8)).toBe(0xffffffff); // started at loop with t0 = 0: t0 = -1
    // (s0 was never set: the next continue faults on bump's load from address 0.)
    expect(replyOf(stub.handle(`z1,${hex(bump)},4`))).toBe('OK');
    // An access watchpoint on one byte sees bump's word load first (pc on it).
    const s2 = await bareSession(counterProg);
    const stub2 = new GdbStub(s2);
    expect(replyOf(stub2.handle(`Z4,${hex(sym('counter') + 3)},1`))).toBe('OK');
    expect(resume(stub2, s2, stub2.handle('c'))).toBe(`T05awatch:${hex(sym('counter') + 3)};thread:1;`);
    expect(s2.readRegister(37)).toBe(bump);
    stub.clearPoints();
    expect(s.breakpoints().length).toBe(0);
  });

  it('reverse-continue stops at the latest breakpoint hit before now', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const after = sym('loop') + 16; // the lw after the loop
    expect(replyOf(stub.handle(`Z0,${hex(after)},4`))).toBe('OK');
    expect(resume(stub, s, stub.handle('c'))).toBe('T05swbreak:;thread:1;');
    expect(s.readRegister(37)).toBe(after);
    expect(replyOf(stub.handle(`Z0,${hex(sym('bump'))},4`))).toBe('OK');
    expect(resume(stub, s, stub.handle('bc'))).toBe('T05swbreak:;thread:1;');
    expect(s.readRegister(37)).toBe(sym('bump'));
    expect(s.readRegister(8)).toBe(0); // the third call
    expect(s.readVirtual(sym('counter'), 4)).toEqual([2, 0, 0, 0]);
    expect(resume(stub, s, stub.handle('bc'))).toBe('T05swbreak:;thread:1;');
    expect(s.readRegister(8)).toBe(1); // the second
  });

  it('monitor commands answer as O packets then OK', async () => {
    const s = await bareSession(counterProg);
    const stub = new GdbStub(s);
    const mon = (cmd: string): string => {
      const a = stub.handle(`qRcmd,${Buffer.from(cmd).toString('hex')}`);
      if (a.kind !== 'reply') throw new Error('no reply');
      expect(a.packets[a.packets.length - 1]).toBe('OK');
      return a.packets.slice(0, -1).map((p) => Buffer.from(p.slice(1), 'hex').toString()).join('');
    };
    expect(mon('help')).toContain('monitor tlb');
    expect(mon('tlb')).toContain('(no valid or global entries)');
    expect(mon('cp0')).toMatch(/Status {3}0x00400000 .*BEV=1/);
    expect(mon('cp0')).toContain('PRId     0x00000220');
    expect(mon(`v2p ${'0x' + hex(sym('counter'))}`)).toContain(`physical 0x${hex(sym('counter') - 0x80000000).padStart(8, '0')} (unmapped segment, cached)`);
    expect(mon('v2p 0x1000')).toContain('does not translate');
    expect(mon('envs')).toContain('no exokernel');
    expect(mon('exclog')).toBe('no exceptions taken\n');
    expect(mon('icount')).toBe('instructions 0\ncycles 0\n');
    expect(mon('bogus')).toContain("unknown monitor command 'bogus'");
    expect(mon('catch Sys')).toMatch(/^catchpoint \d+: Sys/);
    expect(mon('uncatch all')).toBe('removed 1 catchpoints\n');
    expect(replyOf(stub.handle('qRcmd,zz'))).toBe('E01');
  });
});

describe('GdbServer over TCP', () => {
  const servers: GdbServer[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });
  async function serve(source: string): Promise<{ server: GdbServer; port: number; session: DebugSession; log: string[] }> {
    const session = await bareSession(source === COUNTER_PROGRAM ? counterProg : buildBare(source));
    const log: string[] = [];
    const server = new GdbServer(session, { log: (l) => log.push(l), sliceMs: 5 });
    servers.push(server);
    const port = await server.listen(0);
    return { server, port, session, log };
  }

  it('acks packets, asks for a resend on a bad checksum, resends on -', async () => {
    const { port } = await serve(COUNTER_PROGRAM);
    const c = await GdbClient.open(port);
    expect(await c.request('qC')).toBe('QC1');
    c.raw('$qC#00');
    c.raw('-'); // gdb asks for the last reply again
    expect(await c.next()).toBe('QC1');
    expect(c.acks).toEqual(['+', '-']);
    await c.close();
  });

  it('Ctrl-C pauses a guest that runs forever; the guest continues afterwards', async () => {
    const { port, session } = await serve(SPIN_PROGRAM);
    const c = await GdbClient.open(port);
    c.send('vCont;c');
    await new Promise((r) => setTimeout(r, 100));
    const before = session.instructions();
    expect(before).toBeGreaterThan(0);
    c.raw('\x03');
    expect(await c.reply()).toBe('T02thread:1;');
    const stopped = session.instructions();
    await new Promise((r) => setTimeout(r, 50));
    expect(session.instructions()).toBe(stopped);
    expect(await c.request('p8')).toBe(encodeLE32(session.readRegister(8)));
    c.send('c');
    await new Promise((r) => setTimeout(r, 50));
    c.raw('\x03');
    expect(await c.reply()).toBe('T02thread:1;');
    expect(session.instructions()).toBeGreaterThan(stopped);
    await c.close();
  });

  it('refuses a second client; after a disconnect a new client attaches to the paused machine', async () => {
    const { port, session, log } = await serve(COUNTER_PROGRAM);
    const a = await GdbClient.open(port);
    expect(await a.request(`Z0,${hex(sym('bump'))},4`)).toBe('OK');
    const b = await GdbClient.open(port);
    expect(await b.waitClosed()).toBe(true);
    expect(log.some((l) => l.includes('refused'))).toBe(true);
    expect(await a.request('qC')).toBe('QC1'); // the first client is unaffected
    await a.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(session.breakpoints().length).toBe(0); // its stop points went with it
    const c = await GdbClient.open(port);
    expect(await c.request('?')).toBe('T05thread:1;');
    expect(await c.request('p25')).toBe(encodeLE32(BARE_TEXT));
    await c.close();
  });

  it('detach lets the guest run to its end: done resolves with its exit status', async () => {
    const { server, port } = await serve(COUNTER_PROGRAM);
    const c = await GdbClient.open(port);
    expect(await c.request('D')).toBe('OK');
    expect(await server.done).toBe(3);
    expect(await c.waitClosed()).toBe(true);
  });

  it('the guest halting reports W; kill ends a running guest with 137', async () => {
    const one = await serve(COUNTER_PROGRAM);
    const c = await GdbClient.open(one.port);
    expect(await c.request('c')).toBe('W03');
    await c.close();
    expect(await one.server.done).toBe(3);
    const two = await serve(SPIN_PROGRAM);
    const d = await GdbClient.open(two.port);
    expect(await d.request('vKill;1')).toBe('OK');
    expect(await two.server.done).toBe(KILLED);
  });
});

describe('a guest fault', () => {
  const FAULT_PROGRAM = `
	.set	noreorder
	.text
	.globl	__start
__start:
	li	$t0, 7
	lw	$t1, 16($zero)		# kuseg, no TLB entry, BEV=1 and no ROM handler: the machine faults
	nop
`;

  it('is a signal first (state kept for inspection), then the end of the process; reverse revives it', async () => {
    const s = await bareSession(buildBare(FAULT_PROGRAM));
    const stub = new GdbStub(s);
    const a = stub.handle('c');
    expect(a.kind).toBe('resume');
    const r = stub.stopReply(s.cont());
    expect(r[r.length - 1]).toBe('T0bthread:1;'); // SIGSEGV
    expect(Buffer.from(r[0]!.slice(1), 'hex').toString()).toMatch(/^exo: unhandled TLBL exception at pc 0x80030004, badvaddr 0x00000010/);
    expect(replyOf(stub.handle('p8'))).toBe(encodeLE32(7));
    expect(resume(stub, s, stub.handle('bs'))).toBe('T05thread:1;');
    expect(s.running()).toBe(true);
    expect(s.readRegister(37)).toBe(BARE_TEXT + 4);
    expect(resume(stub, s, stub.handle('s'))).toBe('T0bthread:1;');
    expect(replyOf(stub.handle('c'))).toBe('X0b');
    expect(replyOf(stub.handle('?'))).toBe('X0b');
  });
});
