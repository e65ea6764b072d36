/**
 * The TCP side of the GDB stub: one client at a time on 127.0.0.1, acks, the interrupt byte, and
 * running the machine in slices (session.cont(budget)) between which the event loop serves the
 * socket, so a Ctrl-C from gdb pauses a guest that runs forever.
 *
 * Life cycle: the machine starts stopped. `D` (detach) removes gdb's stop points and lets the
 * guest run on; a dropped connection removes them and leaves the machine paused. Either way a
 * new client may attach (a running guest is paused for it). `done` resolves with the exit code
 * when the session is over: the guest has stopped (halt, exit, fault) and no client is attached,
 * or gdb killed it (`k`, `vKill`: 128 + SIGKILL while the guest could still run).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { DebugSession, StopEvent } from '../emulator/debug/types.js';
import { frame, PacketDecoder } from './packet.js';
import { GdbStub, type ResumeMode } from './stub.js';

export interface GdbServerOptions {
  /** One line per connection event and per internal error. */
  readonly log?: (line: string) => void;
  /** Host to listen on (default 127.0.0.1: the stub gives full control of the machine). */
  readonly host?: string;
  /** Host milliseconds per run slice the server aims for (default 20). */
  readonly sliceMs?: number;
  /**
   * Receives the guest's console output as it is produced (after each slice and step). After a
   * reverse step the session's output shrinks; bytes already passed on are not passed again.
   */
  readonly output?: (bytes: Uint8Array) => void;
  /**
   * `exo debug --gdb`: the terminal debugger shares the session. When no gdb is attached the
   * debugger owns the machine: a detach or a kill leaves the machine where it is (no free run), and
   * the guest's end does not end the server. The debugger is told who runs the machine.
   */
  readonly embedded?: EmbeddedHost;
}

/** What the server tells the terminal debugger it shares a session with. */
export interface EmbeddedHost {
  attached(): void;
  detached(): void;
  running(): void;
  stopped(): void;
}

/** Exit code when gdb kills a guest that could still run (128 + SIGKILL). */
export const KILLED = 128 + 9;

export class GdbServer {
  readonly stub: GdbStub;
  readonly done: Promise<number>;
  private resolveDone!: (code: number) => void;
  private readonly server: Server;
  private readonly log: (line: string) => void;
  private readonly sliceMs: number;
  private client: Socket | null = null;
  private decoder = new PacketDecoder();
  private lastSent = '';
  /** Packets that arrived while the machine ran (gdb sends none in all-stop mode; kept in order). */
  private queue: string[] = [];
  /** The machine is running in slices; `runGen` invalidates a stale scheduled slice. */
  private running = false;
  private runGen = 0;
  private interruptRequested = false;
  private slice = 10_000;
  private finished = false;
  private readonly output: ((bytes: Uint8Array) => void) | null;
  /** Console bytes already passed to `output`. */
  private printed = 0;

  private readonly embedded: EmbeddedHost | null;

  constructor(readonly session: DebugSession, opts: GdbServerOptions = {}) {
    this.stub = new GdbStub(session);
    this.embedded = opts.embedded ?? null;
    this.log = opts.log ?? (() => {});
    this.sliceMs = opts.sliceMs ?? 20;
    this.output = opts.output ?? null;
    this.printed = this.output === null ? 0 : session.consoleOutput().length;
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
    this.server = createServer((sock) => this.accept(sock));
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        this.server.on('error', (e) => this.log(`gdb: server error: ${e.message}`));
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  /** Ends the session now (closes the client and the listening socket). */
  close(code = KILLED): void {
    this.finish(code);
  }

  private accept(sock: Socket): void {
    const who = `${sock.remoteAddress ?? '?'}:${sock.remotePort ?? '?'}`;
    if (this.client !== null || this.finished) {
      this.log(`gdb: refused a connection from ${who}: a client is already attached (one at a time)`);
      sock.destroy();
      return;
    }
    sock.setNoDelay(true);
    this.client = sock;
    this.decoder = new PacketDecoder();
    this.queue = [];
    this.lastSent = '';
    // A guest left running by a detached client stops for the new one.
    if (this.running) this.stopRunning();
    this.embedded?.attached();
    this.stub.attach();
    this.log(`gdb: client ${who} attached`);
    sock.on('data', (chunk: Buffer) => this.receive(sock, chunk));
    sock.on('error', (e) => this.log(`gdb: connection error: ${e.message}`));
    sock.on('close', () => this.disconnected(sock));
  }

  private disconnected(sock: Socket): void {
    if (this.client !== sock) return;
    this.client = null;
    this.stub.clearPoints();
    if (this.running && !this.freeRun) this.stopRunning();
    this.log('gdb: client disconnected');
    if (this.embedded !== null) this.embedded.detached();
    else if (!this.session.running()) this.finish(this.exitCode());
  }

  private receive(sock: Socket, chunk: Buffer): void {
    if (this.client !== sock) return;
    for (const ev of this.decoder.push(chunk)) {
      if (this.client !== sock) return;
      switch (ev.kind) {
        case 'interrupt':
          if (this.running) this.interruptRequested = true;
          break;
        case 'nack':
          if (this.lastSent !== '') sock.write(Buffer.from(this.lastSent, 'latin1'));
          break;
        case 'ack':
          break;
        case 'bad':
          sock.write('-');
          break;
        case 'packet':
          sock.write('+');
          if (this.running) this.queue.push(ev.payload);
          else this.process(ev.payload);
          break;
      }
    }
  }

  private forwardOutput(): void {
    if (this.output === null) return;
    const out = this.session.consoleOutput();
    if (out.length > this.printed) {
      this.output(out.subarray(this.printed));
      this.printed = out.length;
    }
  }

  private send(packets: readonly string[]): void {
    const sock = this.client;
    if (sock === null) return;
    for (const p of packets) {
      this.lastSent = frame(p);
      sock.write(Buffer.from(this.lastSent, 'latin1'));
    }
  }

  private process(payload: string): void {
    let action;
    try {
      action = this.stub.handle(payload);
    } catch (e) {
      // A bug, not bad input: say so, answer an error, keep serving.
      this.log(`gdb: internal error (a bug, please report it) on packet '${printable(payload)}': ${(e as Error)?.stack ?? String(e)}`);
      this.send(['E7f']);
      return;
    }
    switch (action.kind) {
      case 'reply':
        this.send(action.packets);
        break;
      case 'resume':
        this.resume(action.mode);
        break;
      case 'detach': {
        this.send(['OK']);
        this.stub.clearPoints();
        const sock = this.client;
        this.client = null;
        sock?.end();
        if (this.embedded !== null) {
          this.log('gdb: client detached; the machine stays with the debugger');
          this.embedded.detached();
        } else {
          this.log('gdb: client detached; the guest runs on');
          if (!this.session.running()) this.finish(this.exitCode());
          else this.startRunning(true);
        }
        break;
      }
      case 'kill':
        this.send(action.packets);
        if (this.embedded !== null) {
          // The debugger owns the machine: gdb's kill ends gdb's hold on it, not the machine.
          this.stub.clearPoints();
          const sock = this.client;
          this.client = null;
          sock?.end();
          this.log('gdb: kill: the machine stays with the debugger');
          this.embedded.detached();
          break;
        }
        this.log('gdb: killed by the client');
        this.finish(this.session.running() ? KILLED : this.exitCode());
        break;
    }
  }

  private resume(mode: ResumeMode): void {
    if (mode === 'cont') {
      this.startRunning(false);
      return;
    }
    let ev: StopEvent;
    try {
      ev = mode === 'step' ? this.session.stepInstruction()
        : mode === 'reverse-step' ? this.session.stepBack(1)
        : this.session.reverseContinue();
    } catch (e) {
      this.internal(e);
      return;
    }
    this.forwardOutput();
    this.send(this.stub.stopReply(ev));
    this.embedded?.stopped();
  }

  /** Runs in slices; with `free` (no client) only the guest's end stops it. */
  private freeRun = false;

  private startRunning(free: boolean): void {
    this.running = true;
    this.freeRun = free;
    this.interruptRequested = false;
    const gen = ++this.runGen;
    if (!free) this.embedded?.running();
    setImmediate(() => this.runSlice(gen));
  }

  private stopRunning(): void {
    this.running = false;
    this.freeRun = false;
    this.runGen++;
  }

  private runSlice(gen: number): void {
    if (gen !== this.runGen || !this.running) return;
    if (this.interruptRequested) {
      this.interruptRequested = false;
      this.stopRunning();
      this.send(this.stub.pauseReply());
      this.embedded?.stopped();
      this.drainQueue();
      return;
    }
    let ev: StopEvent;
    const t0 = performance.now();
    try {
      ev = this.session.cont(this.slice);
    } catch (e) {
      this.stopRunning();
      this.internal(e);
      return;
    }
    // Aim each slice at sliceMs of host time, so the socket is served promptly.
    const ms = performance.now() - t0;
    if (ms < this.sliceMs / 2 && this.slice < 50_000_000) this.slice *= 2;
    else if (ms > this.sliceMs * 2 && this.slice > 1000) this.slice = Math.floor(this.slice / 2);
    this.forwardOutput();
    if (ev.kind === 'budget') {
      setImmediate(() => this.runSlice(gen));
      return;
    }
    if (this.freeRun) {
      if (!this.session.running()) {
        this.stopRunning();
        this.log(`gdb: the guest stopped (${ev.kind}) with no client attached`);
        this.finish(this.exitCode());
      } else setImmediate(() => this.runSlice(gen)); // a stop point of another user: run on
      return;
    }
    this.stopRunning();
    this.send(this.stub.stopReply(ev));
    this.embedded?.stopped();
    this.drainQueue();
  }

  private drainQueue(): void {
    while (this.queue.length > 0 && !this.running && this.client !== null) this.process(this.queue.shift()!);
  }

  private internal(e: unknown): void {
    this.log(`gdb: internal error (a bug, please report it): ${(e as Error)?.stack ?? String(e)}`);
    this.send([...this.stub.stopReply({ kind: 'step' })]);
    this.embedded?.stopped();
  }

  private exitCode(): number {
    return this.session.machine.cpu.stop?.code ?? 0;
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.stopRunning();
    this.forwardOutput();
    const sock = this.client;
    this.client = null;
    if (sock !== null) {
      sock.end();
      // A peer that never closes its side must not keep the process alive.
      setTimeout(() => sock.destroy(), 1000).unref();
    }
    this.server.close();
    this.resolveDone(code);
  }
}

function printable(s: string): string {
  const t = s.length > 80 ? s.slice(0, 80) + '...' : s;
  return t.replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
