/**
 * The debugger's controller: the UI state (focused pane, cursor, scroll positions, the command
 * line, messages) and everything a key or a `:` command does to the debug engine. It keeps the
 * emulator state outside React (debugger.md §3.4): the App subscribes and re-renders on `version`.
 *
 * Running: `cont`, run-to and step-over of a call go through the engine in slices of about
 * SLICE_MS of guest instructions, one slice per event-loop turn (setImmediate, so key presses and
 * Ctrl-C get through between slices), and publish at most REDRAW_HZ updates a second while
 * running. A pause request takes effect between slices.
 */
import { C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_PRID, C0_STATUS } from '../emulator/cop0.js';
import { REG_PC, type DebugSession, type StopEvent } from '../emulator/debug/types.js';
import { decodeCanonical } from '../emulator/decode.js';
import { CommandError, evalExpr, parseCommand, type Command, type ExprContext } from './commands.js';
import { executeCommand } from './execute.js';
import { hex0x8, hex8 } from './format.js';
import { currentAsid, wordOf } from './inspect.js';
import { bindingFor, type Action } from './keys.js';
import type { SymbolTable } from './symbols.js';
import { decodeCause, decodeStatus, excName } from './views/cp0.js';
import { kernelInfo, type KernelInfo } from './views/kernel.js';
import { engineRegister, readShown, regName, SHOWN_REGS } from './views/registers.js';
import type { TlbFilter } from './views/tlb.js';
import type { Key } from 'ink';

export const PANES = ['code', 'cp0', 'tlb', 'memory', 'console', 'exceptions', 'envs', 'output'] as const;
export type PaneId = (typeof PANES)[number];
export const PANE_TITLES: Record<PaneId, string> = {
  code: 'Code', cp0: 'CP0', tlb: 'TLB', memory: 'Memory', console: 'Console', exceptions: 'Exceptions', envs: 'Environments', output: 'Output',
};

export type RunState = 'paused' | 'running' | 'busy';

const SLICE_MS = 12;
const REDRAW_HZ = 10;
const FIRST_SLICE = 20_000;

/** A Key with no flag set (for characters of coalesced input). */
export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

export interface ControllerOptions {
  readonly symbols: SymbolTable;
  /** A firmware run (the environments pane and env-filtered catchpoints use the kernel's tables). */
  readonly firmware: boolean;
  /** Called when the user quits. */
  readonly onQuit?: () => void;
  /** Schedules the next run slice (tests may pass a synchronous-ish scheduler); default setImmediate. */
  readonly schedule?: (f: () => void) => void;
}

export class DebugController {
  readonly session: DebugSession;
  readonly symbols: SymbolTable;
  readonly firmware: boolean;
  state: RunState = 'paused';
  focus: PaneId = 'code';
  /** The pane the large layout shows beside the code (the last non-code pane chosen). */
  aux: PaneId = 'memory';
  cursor: number;
  codeTop: number;
  memAddr = 0x80000000;
  /** The memory pane follows $sp until an address is chosen (`:mem`, the cursor keys, `v`). */
  memFollowsSp = true;
  memSpace: 'virtual' | 'physical' = 'virtual';
  /** Bytes per row of the memory pane as last drawn (the cursor keys move by a row). */
  memRowBytes = 16;
  tlbFilter: TlbFilter = { kind: 'all' };
  scroll: Record<PaneId, number> = { code: 0, cp0: 0, tlb: 0, memory: 0, console: 0, exceptions: 0, envs: 0, output: 0 };
  output: string[] = ['Type :help for the commands, ? for the keys.'];
  message = '';
  messageIsError = false;
  /** The command line being edited (null: not in command mode). */
  commandLine: string | null = null;
  private history: string[] = [];
  private historyPos = 0;
  showHelp = false;
  /** Register values before the last command that moved time (changed ones are highlighted). */
  prevRegs: number[] | null = null;
  lastStop: StopEvent | null = null;
  /** Guest instructions per second during the current/last run. */
  ips = 0;
  version = 0;
  private listeners = new Set<() => void>();
  private pauseRequested = false;
  private slice = FIRST_SLICE;
  private lastPublish = 0;
  readonly onQuit: () => void;
  private readonly schedule: (f: () => void) => void;
  private kinfoCache: { version: number; cycles: number; info: KernelInfo | null } | null = null;
  /**
   * `exo debug --gdb`: who else drives the machine: null (the keys do), 'gdb' (a gdb client is
   * attached: it runs the machine; the keys that move time say so; Ctrl-C and p still pause it).
   */
  external: string | null = null;

  constructor(session: DebugSession, opts: ControllerOptions) {
    this.session = session;
    this.symbols = opts.symbols;
    this.firmware = opts.firmware;
    this.onQuit = opts.onQuit ?? (() => {});
    this.schedule = opts.schedule ?? ((f) => setImmediate(f));
    this.cursor = this.pc();
    this.codeTop = this.cursor;
  }

  // ---- subscription (useSyncExternalStore) ----
  subscribe = (f: () => void): (() => void) => {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  };
  getVersion = (): number => this.version;
  private changed(): void {
    this.version++;
    for (const f of this.listeners) f();
  }

  pc(): number {
    return this.session.readRegister(REG_PC) >>> 0;
  }

  asid(): number {
    return currentAsid(this.session);
  }

  /** The kernel's tables (cached until the machine moves or is changed; null for --bare / --abi runs). */
  kernel(): KernelInfo | null {
    const cycles = this.session.machine.cpu.totalCycles;
    const c = this.kinfoCache;
    if (c === null || c.version !== this.version || c.cycles !== cycles) {
      this.kinfoCache = { version: this.version, cycles, info: kernelInfo(this.session.machine, this.firmware) };
    }
    return this.kinfoCache!.info;
  }

  setMessage(text: string, error = false): void {
    this.message = text;
    this.messageIsError = error;
  }

  // ---- keys ----

  /** One key event from Ink. Coalesced input (a paste, "sss") is handled a character at a time. */
  handleKey(input: string, key: Key): void {
    if (this.commandLine === null && !key.ctrl && !key.meta && input.length > 1 && !/^\x1b/.test(input)) {
      for (const c of input) this.handleKey(c, NO_KEY);
      return;
    }
    if (this.commandLine !== null) {
      this.editCommand(input, key);
      this.changed();
      return;
    }
    if (this.showHelp) {
      this.showHelp = false;
      if (!(key.ctrl && input === 'c')) {
        this.changed();
        return;
      }
    }
    const b = bindingFor(input, key);
    if (b === undefined) return;
    if (this.state !== 'paused' && b.whileRunning !== true) {
      this.setMessage(this.state === 'running' ? `running: pause first (p or Ctrl-C)` : 'busy: replaying history');
      this.changed();
      return;
    }
    this.act(b.action);
    this.changed();
  }

  act(action: Action): void {
    switch (action) {
      case 'step': return this.step();
      case 'stepOver': return this.stepOver();
      case 'continue': return this.cont();
      case 'pause': return this.pause();
      case 'runToCursor': return this.runTo(this.cursor);
      case 'toggleBreakpoint': return this.toggleBreakpoint(this.cursor);
      case 'stepBack': return this.reverse(() => this.session.stepBack(1));
      case 'reverseContinue': return this.reverse(() => this.session.reverseContinue());
      case 'help': this.showHelp = true; return;
      case 'quit': this.onQuit(); return;
      case 'command': this.commandLine = ''; this.historyPos = this.history.length; return;
      case 'cursorUp': return this.move(-1);
      case 'cursorDown': return this.move(1);
      case 'pageUp': return this.move(-10);
      case 'pageDown': return this.move(10);
      case 'cursorToPc':
        this.cursor = this.pc();
        this.scroll[this.focus] = 0;
        return;
      case 'nextPane': case 'prevPane': {
        const i = PANES.indexOf(this.focus);
        return this.setFocus(PANES[(i + (action === 'nextPane' ? 1 : PANES.length - 1)) % PANES.length]!);
      }
      case 'toggleSpace':
        this.memFollowsSp = false;
        this.memSpace = this.memSpace === 'virtual' ? 'physical' : 'virtual';
        if (this.memSpace === 'physical') {
          const t = this.session.translate(this.memAddr);
          if (t !== null) this.memAddr = t.paddr;
        }
        return this.setFocus('memory');
      case 'activate': {
        if (this.focus !== 'exceptions') return;
        const log = this.session.exceptionLog();
        const rec = log[log.length - 1 - this.scroll.exceptions];
        if (rec === undefined) {
          this.setMessage('No exception selected.');
          return;
        }
        // The exception record is taken at its instruction count: go there (usually backwards).
        this.reverse(() => this.session.gotoInstruction(rec.instructions));
        return;
      }
      case 'cycleFilter': {
        const f = this.tlbFilter;
        this.tlbFilter = f.kind === 'all' ? { kind: 'valid' } : f.kind === 'valid' ? { kind: 'asid', asid: this.asid() } : { kind: 'all' };
        this.scroll.tlb = 0;
        return this.setFocus('tlb');
      }
      default: {
        const n = /^pane([1-8])$/.exec(action);
        if (n !== null) this.setFocus(PANES[Number(n[1]) - 1]!);
      }
    }
  }

  setFocus(p: PaneId): void {
    this.focus = p;
    if (p !== 'code') this.aux = p;
  }

  private move(d: number): void {
    switch (this.focus) {
      case 'code':
        this.cursor = (this.cursor + 4 * d) >>> 0;
        return;
      case 'memory':
        this.memAddr = (this.memAddr + this.memRowBytes * d) >>> 0;
        this.memFollowsSp = false;
        return;
      case 'console':
      case 'exceptions':
        // Scrolled up from the newest line.
        this.scroll[this.focus] = Math.max(0, this.scroll[this.focus] - d);
        return;
      default:
        this.scroll[this.focus] = Math.max(0, this.scroll[this.focus] + d);
    }
  }

  private editCommand(input: string, key: Key): void {
    const line = this.commandLine ?? '';
    if (key.escape || (key.ctrl && input === 'c')) {
      this.commandLine = null;
      return;
    }
    if (key.return) {
      this.commandLine = null;
      if (line.trim() !== '') {
        this.history.push(line);
        this.historyPos = this.history.length;
      }
      this.runCommand(line);
      return;
    }
    if (key.backspace || key.delete) {
      if (line === '') this.commandLine = null;
      else this.commandLine = line.slice(0, -1);
      return;
    }
    if (key.upArrow || key.downArrow) {
      this.historyPos = Math.max(0, Math.min(this.history.length, this.historyPos + (key.upArrow ? -1 : 1)));
      this.commandLine = this.history[this.historyPos] ?? '';
      return;
    }
    if (key.ctrl || key.meta || key.tab) return;
    // A paste may end with a newline: run what precedes it.
    const nl = input.search(/[\r\n]/);
    if (nl >= 0) {
      this.commandLine = line + input.slice(0, nl);
      this.editCommand('', { ...NO_KEY, return: true });
      return;
    }
    this.commandLine = line + input.replace(/[\x00-\x1f]/g, '');
  }

  // ---- time-moving operations ----

  /** Why time cannot be moved from here now (null: it can). */
  blocked(): string | null {
    if (this.external !== null) return `${this.external} is attached: it drives the machine (detach it to use these keys)`;
    if (this.state !== 'paused') return 'pause first (p or Ctrl-C)';
    return null;
  }

  // ---- another front end on the same session (exo debug --gdb) ----
  externalAttached(name: string): void {
    // Our own run stops at its next slice (not through the session's pause flag, which the other
    // front end's next run would then find).
    if (this.state === 'running') this.pauseRequested = true;
    this.external = name;
    this.setMessage(`${name} attached: it drives the machine; this screen follows it`);
    this.changed();
  }
  externalDetached(): void {
    const name = this.external ?? 'gdb';
    this.external = null;
    this.state = 'paused';
    this.cursor = this.pc();
    this.setMessage(`${name} detached: the machine is yours`);
    this.changed();
  }
  externalRunning(): void {
    this.prevRegs = readShown(this.session);
    this.state = 'running';
    this.pauseRequested = false;
    this.setMessage(`Running under ${this.external ?? 'gdb'}… (p or Ctrl-C pauses)`);
    this.changed();
  }
  externalStopped(): void {
    this.state = 'paused';
    this.pauseRequested = false;
    this.cursor = this.pc();
    this.setMessage(`Stopped by ${this.external ?? 'gdb'} at ${this.where(this.pc())}`);
    this.changed();
  }
  /** A line from the other front end (its connection events) in the output pane. */
  externalLog(line: string): void {
    this.output.push(line);
    this.setMessage(line);
    this.changed();
  }

  private canRunForward(): boolean {
    const why = this.external !== null ? this.blocked() : null;
    if (why !== null) {
      this.setMessage(why, true);
      return false;
    }
    if (this.session.running()) return true;
    this.setMessage('The guest has stopped; step back (S, :rsi), go to an earlier instruction (:goto) or quit.', true);
    return false;
  }

  private beforeMove(): number[] {
    return readShown(this.session);
  }

  private afterStop(ev: StopEvent, before: number[], backwards = false): void {
    this.prevRegs = before;
    this.lastStop = ev;
    this.state = 'paused';
    this.cursor = this.pc();
    this.scroll.console = 0;
    this.scroll.exceptions = 0;
    const text = this.describeStop(ev);
    this.setMessage(backwards && ev.kind === 'step' ? text.replace(/^Stepped/, 'Stepped back') : text, ev.kind === 'fault');
  }

  /** n steps; many of them run in slices like `cont` (pausable, the screen stays live). */
  step(n = 1): void {
    if (!this.canRunForward()) return;
    const steps = (count: number): StopEvent => {
      let ev: StopEvent = { kind: 'step' };
      for (let i = 0; i < count; i++) {
        ev = this.session.stepInstruction();
        if (ev.kind !== 'step' || !this.session.running()) break;
      }
      return ev;
    };
    if (n <= 1000) {
      const before = this.beforeMove();
      this.afterStop(steps(n), before);
      return;
    }
    let left = n;
    this.runSliced((max) => {
      const k = Math.min(left, Math.max(1, Math.floor(max / 20)));
      left -= k;
      const ev = steps(k);
      return ev.kind === 'step' && left > 0 && this.session.running() ? { kind: 'budget' } : ev;
    });
  }

  /** A call (jal, jalr, bltzal, bgezal) at PC runs until it returns to PC + 8; anything else steps. */
  stepOver(): void {
    if (!this.canRunForward()) return;
    const pc = this.pc();
    const w = wordOf(this.session.readVirtual(pc, 4));
    const e = w === null ? undefined : decodeCanonical(w);
    const isCall = e !== undefined && (e.op === 'jal' || e.op === 'jalr' || e.op === 'bltzal' || e.op === 'bgezal');
    if (!isCall) return this.step();
    // Back at the call + 8 in the same address space with the stack no deeper than at the call
    // (a recursive call reaching that address deeper down is not the return), in slices.
    const ret = (pc + 8) >>> 0;
    const asid = this.asid();
    const sp = this.session.readRegister(29) >>> 0;
    let first = true;
    this.runSliced((max) => {
      if (first) {
        first = false;
        const ev = this.session.stepInstruction();
        if (ev.kind !== 'step' || this.pc() === ret) return ev;
        return { kind: 'budget' };
      }
      const ev = this.session.runTo(ret, max);
      if (ev.kind !== 'target') return ev;
      if (this.asid() === asid && this.session.readRegister(29) >>> 0 >= sp) return { kind: 'step' };
      const past = this.session.stepInstruction();
      return past.kind === 'step' ? { kind: 'budget' } : past;
    });
  }

  cont(): void {
    if (!this.canRunForward()) return;
    this.runSliced((max) => this.session.cont(max));
  }

  runTo(addr: number): void {
    if (!this.canRunForward()) return;
    this.runSliced((max) => this.session.runTo(addr >>> 0, max));
  }

  pause(): void {
    if (this.state === 'running') {
      this.pauseRequested = true;
      this.session.requestPause();
    } else this.setMessage('Not running.');
  }

  /** Runs an engine call in slices until it stops with something other than 'budget'. */
  private runSliced(call: (maxInstructions: number) => StopEvent): void {
    const before = this.beforeMove();
    this.state = 'running';
    this.pauseRequested = false;
    this.setMessage('Running… (p or Ctrl-C pauses)');
    const start = this.session.instructions();
    const t0 = performance.now();
    const tick = (): void => {
      if (this.pauseRequested) {
        this.finishRun({ kind: 'pause' }, before, start, t0);
        return;
      }
      const s0 = performance.now();
      let ev: StopEvent;
      try {
        ev = call(this.slice);
      } catch (e) {
        this.finishRun({ kind: 'fault', code: 70, message: `internal error (a bug): ${(e as Error).message}` }, before, start, t0);
        return;
      }
      const dt = performance.now() - s0;
      // Aim each slice at SLICE_MS of host time.
      this.slice = Math.max(1000, Math.min(5_000_000, Math.round((this.slice * SLICE_MS) / Math.max(dt, 0.5))));
      if (ev.kind === 'budget' && !this.pauseRequested) {
        const now = performance.now();
        if (now - this.lastPublish >= 1000 / REDRAW_HZ) {
          this.lastPublish = now;
          this.ips = ((this.session.instructions() - start) * 1000) / Math.max(1, now - t0);
          this.changed();
        }
        this.schedule(tick);
        return;
      }
      this.finishRun(ev.kind === 'budget' ? { kind: 'pause' } : ev, before, start, t0);
    };
    this.schedule(tick);
  }

  private finishRun(ev: StopEvent, before: number[], start: number, t0: number): void {
    const dt = performance.now() - t0;
    this.ips = dt > 0 ? ((this.session.instructions() - start) * 1000) / dt : 0;
    this.pauseRequested = false;
    this.afterStop(ev, before);
    this.changed();
  }

  /** Reverse operations replay from a snapshot: show "busy" first, then do it on the next turn. */
  reverse(op: () => StopEvent): void {
    if (this.external !== null) {
      this.setMessage(this.blocked()!, true);
      return;
    }
    const before = this.beforeMove();
    this.state = 'busy';
    this.setMessage('Replaying history…');
    setTimeout(() => {
      let ev: StopEvent;
      try {
        ev = op();
      } catch (e) {
        ev = { kind: 'fault', code: 70, message: `internal error (a bug): ${(e as Error).message}` };
      }
      this.afterStop(ev, before, true);
      this.changed();
    }, 15);
  }

  toggleBreakpoint(addr: number): void {
    const a = addr >>> 0;
    const existing = this.session.breakpoints().filter((b) => b.addr >>> 0 === a);
    if (existing.length > 0) {
      for (const b of existing) this.session.remove(b.id);
      this.setMessage(`Deleted breakpoint ${existing.map((b) => b.id).join(', ')} at ${hex0x8(a)}`);
    } else {
      const b = this.session.addBreakpoint(a);
      this.setMessage(`Breakpoint ${b.id} at ${this.where(a)}`);
    }
  }

  /** `0x00400010 <main+0x10>`. */
  where(addr: number): string {
    const name = this.symbols.describe(addr, this.asid(), true);
    return `${hex0x8(addr)}${name ? ` <${name}>` : ''}`;
  }

  describeStop(ev: StopEvent): string {
    const at = `at ${this.where(this.pc())}, instruction ${this.session.instructions()}`;
    switch (ev.kind) {
      case 'step': return `Stepped; ${at}`;
      case 'breakpoint': return `Breakpoint ${ev.id}, ${at}`;
      case 'watchpoint': return `Watchpoint ${ev.id}: ${ev.access} of ${ev.size} bytes at ${hex0x8(ev.vaddr)} (pa ${hex0x8(ev.paddr)}), before the access; ${at}`;
      case 'exception': return `Catchpoint ${ev.id}: ${excName(ev.record.code)} at EPC ${hex0x8(ev.record.epc)}${ev.record.bd ? ' (delay slot)' : ''}, vector ${hex0x8(ev.record.vector)}; ${at}`;
      case 'pause': return `Paused ${at}`;
      case 'budget': return `Paused ${at}`;
      case 'target': return `Arrived ${at}`;
      case 'history-start': return `No more reverse-execution history: ${at}`;
      case 'halt': return `The machine halted with status ${ev.code} (${at})`;
      case 'exit': return `The program exited with status ${ev.code} (${at})`;
      case 'fault': return `Stopped: ${ev.message} (${at})`;
    }
  }

  // ---- commands ----

  exprContext(): ExprContext {
    const s = this.session;
    return {
      reg: (name) => this.readNamedRegister(name),
      sym: (name) => this.symbols.resolve(name, this.asid()),
      read32: (addr) => wordOf(s.readVirtual(addr, 4)),
    };
  }

  /** Register numbers of the engine by name (GPRs, pc, hi, lo, sr, cause, badvaddr); CP0 read-only names too. */
  readNamedRegister(name: string): number | undefined {
    const n = engineRegister(name);
    if (n !== undefined) return this.session.readRegister(n) >>> 0;
    const c0 = this.session.machine.cpu.cop0;
    const cp0: Record<string, number> = { epc: C0_EPC, entryhi: C0_ENTRYHI, entrylo: C0_ENTRYLO, index: C0_INDEX, context: C0_CONTEXT, prid: C0_PRID };
    if (name in cp0) return c0[cp0[name]!]! >>> 0;
    if (name === 'random') return this.session.machine.cpu.random() << 8;
    return undefined;
  }

  eval(text: string): number {
    return evalExpr(text, this.exprContext());
  }

  runCommand(line: string): void {
    try {
      const cmd = parseCommand(line);
      if (cmd === null) return;
      this.setMessage('');
      this.execute(cmd);
    } catch (e) {
      if (e instanceof CommandError) this.setMessage(e.message, true);
      else this.setMessage(`internal error (a bug): ${(e as Error).message}`, true);
    }
  }

  showOutput(lines: string[], title?: string): void {
    this.output = title !== undefined ? [title, ...lines] : lines;
    this.scroll.output = 0;
    this.setFocus('output');
  }

  envAsid(text: string): number {
    const info = this.kernel();
    if (info === null) throw new CommandError('catch ENV: this run has no environments (no exokernel)');
    const n = this.eval(text);
    const env = info.view.envs.find((e) => e.id === n) ?? info.view.envs.find((e) => e.index === n);
    if (env === undefined) throw new CommandError(`no live environment with id or record ${text}`);
    return env.asid;
  }

  private execute(cmd: Command): void {
    executeCommand(this, cmd);
  }

  registerDump(): string[] {
    const s = this.session;
    const out: string[] = [];
    for (let i = 0; i < SHOWN_REGS.length; i += 4) {
      out.push(SHOWN_REGS.slice(i, i + 4).map((n) => `${regName(n).padStart(4)} ${hex8(s.readRegister(n))}`).join('   '));
    }
    const c0 = s.machine.cpu.cop0;
    out.push(`  sr ${hex8(c0[C0_STATUS]!)} ${decodeStatus(c0[C0_STATUS]!)}`);
    out.push(`cause ${hex8(c0[C0_CAUSE]!)} ${decodeCause(c0[C0_CAUSE]!)}   epc ${hex8(c0[C0_EPC]!)}   badvaddr ${hex8(c0[C0_BADVADDR]!)}`);
    return out;
  }
}
