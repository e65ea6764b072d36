/**
 * The debug engine's interface: what the Ink debugger (debugger/), the GDB stub (gdb/) and
 * `exo run --snapshot-at/--restore` use. The engine (emulator/debug/session.ts,
 * `createDebugSession`) implements it on top of a Machine; nothing here imports React.
 *
 * Time coordinate: the retired-instruction count (`Machine.stats().instructions`), plus the cycle
 * count for display. Everything the engine does is deterministic: the same machine, the same
 * inputs and the same commands give the same states (console input consumed by the guest is
 * recorded so that replay feeds the same bytes).
 *
 * Additive changes only (new optional members); say so in the helper report.
 */
import type { Machine } from '../machine.js';

export type WatchKind = 'read' | 'write' | 'access';
export type AddrSpace = 'virtual' | 'physical';

export interface Breakpoint {
  readonly id: number;
  /** Virtual address of the instruction (32-bit, unsigned). */
  readonly addr: number;
  /** Only when EntryHi's ASID is this one (undefined: any ASID, and kseg0/kseg1 always). */
  readonly asid?: number;
  enabled: boolean;
  hits: number;
}

export interface Watchpoint {
  readonly id: number;
  readonly space: AddrSpace;
  /** First byte watched (virtual: under the ASID current at the access). */
  readonly addr: number;
  /** Bytes watched, 1..4096. An access overlapping [addr, addr+len) triggers. */
  readonly len: number;
  readonly kind: WatchKind;
  enabled: boolean;
  hits: number;
}

export interface Catchpoint {
  readonly id: number;
  /** ExcCode (0..31), as in emulator/exceptions.ts EXC_NAMES. */
  readonly code: number;
  /** Only exceptions taken while this ASID is current (undefined: any). */
  readonly asid?: number;
  enabled: boolean;
  hits: number;
}

/** One guest exception, as the exception log keeps it (the most recent LOG_LIMIT). */
export interface ExceptionRecord {
  readonly instructions: number;
  readonly cycle: number;
  readonly code: number;
  readonly epc: number;
  readonly bd: boolean;
  readonly badvaddr: number;
  /** EntryHi's ASID when the exception was taken. */
  readonly asid: number;
  /** The vector the CPU jumped to. */
  readonly vector: number;
}

/**
 * Why a command stopped. A watchpoint stops BEFORE the access: pc is the load/store, not yet
 * executed (in a delay slot: the branch has executed, pc is the slot and Cause.BD semantics apply
 * when it resumes). A catchpoint stops after the exception was taken: pc is the vector.
 */
export type StopEvent =
  | { readonly kind: 'step' }
  | { readonly kind: 'breakpoint'; readonly id: number; readonly pc: number }
  | {
      readonly kind: 'watchpoint'; readonly id: number; readonly access: 'read' | 'write';
      readonly vaddr: number; readonly paddr: number; readonly size: number; readonly pc: number;
    }
  | { readonly kind: 'exception'; readonly id: number; readonly record: ExceptionRecord }
  | { readonly kind: 'pause' }
  | { readonly kind: 'budget' }
  | { readonly kind: 'target' }
  | { readonly kind: 'history-start' }
  | { readonly kind: 'halt' | 'exit'; readonly code: number }
  | { readonly kind: 'fault'; readonly code: number; readonly message: string };

/** A side-effect-free translation (the MMU's debug path). */
export interface Translation {
  readonly paddr: number;
  readonly cached: boolean;
  /** For mapped addresses: the TLB entry's D bit (writable) and its index; unmapped: -1. */
  readonly writable: boolean;
  readonly tlbIndex: number;
}

/** GPR 0..31, then these (the order GDB numbers them in, debugger.md §4). */
export const REG_SR = 32;
export const REG_LO = 33;
export const REG_HI = 34;
export const REG_BADVADDR = 35;
export const REG_CAUSE = 36;
export const REG_PC = 37;

export interface DebugSession {
  readonly machine: Machine;
  /** Retired instructions so far (the time coordinate). */
  instructions(): number;
  /** True while the machine can still run (not halted/exited/faulted). */
  running(): boolean;

  // ---- forward execution (each returns when it stops) ----
  /** One instruction; a branch or jump executes together with its delay slot. */
  stepInstruction(): StopEvent;
  /** Like stepInstruction, but a jal/jalr/bltzal/bgezal runs until it returns (pc = call + 8, same ASID). */
  stepOver(): StopEvent;
  /**
   * Runs until a breakpoint, watchpoint, catchpoint, pause request or machine stop, or at most
   * `maxInstructions` (then 'budget': call again to go on; the UI runs in slices this way).
   */
  cont(maxInstructions?: number): StopEvent;
  /** Runs until pc = addr (virtual) or another stop. */
  runTo(addr: number, maxInstructions?: number): StopEvent;
  /** Makes a running cont/runTo stop with 'pause' at its next check (safe from a signal handler). */
  requestPause(): void;

  // ---- backward execution (snapshots plus deterministic replay) ----
  /** Back n instructions (a branch and its delay slot count as one step, as forward). */
  stepBack(n?: number): StopEvent;
  /** Back to the most recent breakpoint/watchpoint/catchpoint hit before now, else 'history-start'. */
  reverseContinue(): StopEvent;
  /** To an absolute instruction count, forward or backward ('target'). */
  gotoInstruction(n: number): StopEvent;

  // ---- stop points ----
  addBreakpoint(addr: number, asid?: number): Breakpoint;
  addWatchpoint(space: AddrSpace, addr: number, len: number, kind: WatchKind): Watchpoint;
  addCatchpoint(code: number, asid?: number): Catchpoint;
  /** Removes a breakpoint, watchpoint or catchpoint by id; false when there is none. */
  remove(id: number): boolean;
  breakpoints(): readonly Breakpoint[];
  watchpoints(): readonly Watchpoint[];
  catchpoints(): readonly Catchpoint[];

  // ---- inspection: no side effects on the machine (caches, TLB, devices, counters untouched) ----
  /** Register by number (0..31 GPRs, REG_* above); a pending load shows as committed. */
  readRegister(n: number): number;
  /** Bytes at a virtual address under `asid` (default: EntryHi's); null for a byte that does not translate. */
  readVirtual(addr: number, length: number, asid?: number): (number | null)[];
  /** Bytes of physical memory (RAM and boot ROM; device space reads as null, never touched). */
  readPhysical(addr: number, length: number): (number | null)[];
  translate(addr: number, asid?: number): Translation | null;
  /** The most recent exceptions, oldest first. */
  exceptionLog(): readonly ExceptionRecord[];

  // ---- modification (recorded, so replay reproduces it; history after now is discarded) ----
  writeRegister(n: number, value: number): void;
  /** Writes bytes at a virtual/physical address; returns false (nothing written) if any byte does not translate or is not RAM. */
  writeMemory(space: AddrSpace, addr: number, bytes: Uint8Array): boolean;

  // ---- the guest console (the session owns the machine's GuestIo; see SessionOptions) ----
  /** Every byte the guest wrote to the console up to now (consistent after stepping back). */
  consoleOutput(): Uint8Array;
  /** Queues bytes for the guest's console input (recorded: replay feeds the same bytes at the same instruction). */
  sendInput(bytes: Uint8Array): void;
  /** Every byte written to standard error up to now (kernel messages, Linux write(2, ...)); consistent like consoleOutput. */
  errorOutput?(): Uint8Array;
  /** With SessionOptions.waitForInput: the instruction at pc is a console read that finds no input. */
  waitingForInput?(): boolean;
  /** Ends the console input now (recorded): later reads find the end of input. */
  endInput?(): void;

  // ---- whole-machine state ----
  /** A hash of the complete architectural and timing state (equal states, equal hashes). */
  stateHash(): string;
}

export interface SessionOptions {
  /** Instructions between automatic snapshots for reverse execution (the engine may adapt it). */
  readonly snapshotEvery?: number;
  /** Bytes of console input available from the start (e.g. a file given on the command line). */
  readonly input?: Uint8Array;
  /**
   * Console input as a terminal: it stays open, and a guest read that would find nothing queued
   * (a load of the console's data register, a Linux read(0)) stops the run BEFORE that instruction
   * with 'pause' (`waitingForInput()` true) until input is sent or `endInput()` ends it. Without
   * it (default) input is like a file: a read that finds nothing queued is the end of input.
   */
  readonly waitForInput?: boolean;
  /**
   * With waitForInput: also an input read when this says so for the instruction at pc, e.g. the
   * exokernel's console_read system call, which only polls the device (cli/machine-setup.ts
   * PreparedMachine.isInputRead gives the right one for the machine's mode).
   */
  readonly isInputRead?: (machine: Machine) => boolean;
}

/**
 * emulator/debug/session.ts exports `createDebugSession: CreateDebugSession`. The machine must be
 * freshly prepared (booted, nothing run yet) and created with the GuestIo that
 * `debugGuestIo()` of the same module returns, so the session sees every console byte.
 */
export type CreateDebugSession = (machine: Machine, opts?: SessionOptions) => DebugSession;
