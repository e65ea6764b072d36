/**
 * The machine: CPU, bus, RAM, boot ROM and the testmips-style devices, with the run loop, the
 * statistics and the final-state record. This is the facade the CLI, the tests and (later) the
 * debugger use. Memory map: docs/machine.md.
 */
import type { ElfImage } from '../assembler/elf-read.js';
import { LinuxAbi } from './abi-linux.js';
import { Bus } from './bus.js';
import {
  C0_BADVADDR, C0_CAUSE, C0_CONTEXT, C0_ENTRYHI, C0_ENTRYLO, C0_EPC, C0_INDEX, C0_PRID, C0_STATUS,
} from './cop0.js';
import {
  CNT_DCACHE_MISSES, CNT_EXCEPTIONS, CNT_ICACHE_MISSES, CNT_STALL_DCACHE, CNT_STALL_HILO, CNT_STALL_ICACHE, CNT_STALL_UNCACHED,
  Cpu, DEFAULT_TIMING, type StopInfo, type TimingConfig,
} from './cpu.js';
import { DEFAULT_DISK_LATENCY, DISK_BASE, DISK_SIZE, BlockDevice, type BlockBacking } from './devices/blockdev.js';
import { BOOTROM_BASE, BOOTROM_SIZE, BootRom } from './devices/bootrom.js';
import { CLOCK_BASE, ClockDevice } from './devices/clock.js';
import { ConsoleIrqDevice } from './devices/console-irq.js';
import { CONSOLE_BASE, ConsoleDevice } from './devices/console.js';
import { IRQ_CONSOLE, IRQ_DISK, IRQ_NET, IRQ_TIMER, IrqLines } from './devices/irq.js';
import { NET_BASE, NET_SIZE, NetDevice } from './devices/netif.js';
import { RtcPage, TimerDevice } from './devices/timer.js';
import { loadBareSegments } from './elf-load.js';
import { EXC_NAMES } from './exceptions.js';
import { runSlice } from './interpreter.js';
import { runSliceJit } from './jit/engine.js';
import type { GuestIo } from './io.js';
import { Scheduler } from './scheduler.js';
import type { Tracer } from './trace.js';

export interface MachineOptions {
  /** Physical RAM in bytes (default 16 MiB). */
  readonly ramBytes?: number;
  readonly timing?: TimingConfig;
  readonly io: GuestIo;
  /** Block device backing stores by disk ID (`--disk FILE`, in order); null = no disk. */
  readonly disks?: readonly (BlockBacking | null)[];
  /** Cycles from a disk START to its completion interrupt (interrupt mode). */
  readonly diskLatency?: number;
  /**
   * Network loopback: every frame the guest transmits arrives back at the interface this many
   * cycles later (a wire of zero length and no other machine: `exo run --net-loopback`).
   * Undefined: no loopback (transmitted frames only go to the host's listeners).
   */
  readonly netLoopback?: number;
  /**
   * The execution engine of `run` (traced runs always use the interpreter): 'jit', the block
   * compiler (docs/jit.md, the default: the faster), or 'interp', the interpreter; both give the
   * same states and cycles.
   */
  readonly engine?: 'interp' | 'jit';
}

/** How a run ended. `code` is the process exit status the CLI uses. */
export type RunResult =
  | { readonly reason: 'halt' | 'exit'; readonly code: number }
  | { readonly reason: 'fault'; readonly code: number; readonly message: string }
  | { readonly reason: 'budget'; readonly code: number };

/** The final machine state, in the schema of `exo run --state-json`. */
export interface MachineState {
  pc: number;
  hi: number;
  lo: number;
  gpr: number[];
  cp0: {
    index: number;
    random: number;
    entrylo: number;
    context: number;
    badvaddr: number;
    entryhi: number;
    status: number;
    cause: number;
    epc: number;
    prid: number;
  };
  cycles: number;
  instructions: number;
}

export interface MachineStats {
  cycles: number;
  instructions: number;
  icacheMisses: number;
  dcacheMisses: number;
  stallIcache: number;
  stallDcache: number;
  stallUncached: number;
  stallWriteBuffer: number;
  stallHilo: number;
  exceptions: number;
}

/** Longest slice between checks of the budget and events (cycles; keeps counters in int32). */
const MAX_SLICE = 1 << 24;

export class Machine {
  readonly bus: Bus;
  readonly cpu: Cpu;
  readonly rom = new BootRom();
  readonly scheduler = new Scheduler();
  /** The six interrupt pins (Cause.IP2..IP7), driven by the devices. */
  readonly irq = new IrqLines();
  readonly timer: TimerDevice;
  readonly net: NetDevice;
  readonly disk: BlockDevice;
  readonly consoleIrq: ConsoleIrqDevice;
  readonly io: GuestIo;
  /** MachineOptions.netLoopback (configuration: a snapshot records it). */
  readonly netLoopback: number | undefined;
  /** Absolute cycle at which the running slice ends (-Infinity between runs). */
  private sliceEnd = -Infinity;
  abi: LinuxAbi | null = null;
  /** MachineOptions.engine. */
  readonly engine: 'interp' | 'jit';
  private inputQueue: number[] = [];
  private inputEof = false;
  private readonly outBuf = new Uint8Array(4096);
  private outLen = 0;

  constructor(opts: MachineOptions) {
    this.io = opts.io;
    // EXO_ENGINE=interp|jit sets the default of every machine of the process (the test suite runs
    // under both engines that way: issue 10); an explicit option wins.
    this.engine = opts.engine ?? defaultEngine();
    this.bus = new Bus(opts.ramBytes ?? 16 * 1024 * 1024);
    this.cpu = new Cpu(this.bus, opts.timing ?? DEFAULT_TIMING);
    const now = (): number => this.cpu.totalCycles;
    const cpu = this.cpu;
    this.irq.onChange((pending, line, level) => {
      cpu.setHwInterrupts(pending);
      if (cpu.tracer !== null) cpu.tracer.irqLine(cpu, line, level);
    });
    // A device written during a slice may schedule an event before the slice's end: end the slice
    // at the next boundary so the event (and its interrupt) lands on its exact cycle.
    this.scheduler.onSchedule = (at) => {
      if (at < this.sliceEnd) cpu.yieldReq = 1;
    };
    this.bus.map(BOOTROM_BASE, BOOTROM_SIZE, this.rom);
    const cons = new ConsoleDevice({
        putByte: (b) => {
          this.outBuf[this.outLen++] = b;
          if (this.outLen === this.outBuf.length || b === 10) this.flushOutput();
        },
        getByte: () => this.nextInput(true),
        peekByte: () => this.nextInput(false),
        halt: (code) => {
          if (this.cpu.stop === null) this.cpu.stop = { kind: 'halt', code };
        },
      });
    // Devices and interrupt pins as GXemul testmips wires them (docs/devices.md).
    this.consoleIrq = new ConsoleIrqDevice(
      cons,
      { peekByte: () => this.nextInput(false) },
      now,
      this.scheduler,
      this.irq.line(IRQ_CONSOLE),
    );
    this.bus.map(CONSOLE_BASE, 0x1000, this.consoleIrq);
    this.timer = new TimerDevice(now, this.scheduler, this.irq.line(IRQ_TIMER));
    this.bus.map(CLOCK_BASE, 0x1000, new RtcPage(new ClockDevice(now), this.timer));
    this.net = new NetDevice(now, this.scheduler, this.irq.line(IRQ_NET));
    this.bus.map(NET_BASE, NET_SIZE, this.net);
    this.netLoopback = opts.netLoopback;
    if (opts.netLoopback !== undefined) {
      const delay = opts.netLoopback;
      if (!Number.isInteger(delay) || delay < 0) throw new Error(`internal: netLoopback ${delay} is not a cycle count`);
      this.net.onTransmit((frame, cycle) => this.net.inject(frame, cycle + delay));
    }
    this.disk = new BlockDevice(now, this.scheduler, this.irq.line(IRQ_DISK), opts.disks ?? [], opts.diskLatency ?? DEFAULT_DISK_LATENCY);
    this.bus.map(DISK_BASE, DISK_SIZE, this.disk);
  }

  /** Turns tracing on (a Tracer) or off (null). Traced runs use the debug loop (`run`). */
  setTracer(tracer: Tracer | null): void {
    this.cpu.tracer = tracer;
  }

  flushOutput(): void {
    if (this.outLen > 0) {
      this.io.writeOut(this.outBuf.slice(0, this.outLen));
      this.outLen = 0;
    }
  }

  private nextInput(consume: boolean): number {
    if (this.inputQueue.length === 0 && !this.inputEof) {
      const chunk = this.io.readIn(4096);
      if (chunk.length === 0) this.inputEof = true;
      else for (const b of chunk) this.inputQueue.push(b);
    }
    if (this.inputQueue.length === 0) return -1;
    return consume ? this.inputQueue.shift()! : this.inputQueue[0]!;
  }

  /**
   * Bare machine: load the segments at the physical addresses of their kseg0/kseg1 addresses and
   * start at the entry in kernel mode, BEV=1, no firmware. An exception whose BEV=1 vector lies in
   * a part of the boot ROM the program did not provide stops the run (there is no handler).
   */
  loadBare(image: ElfImage): void {
    loadBareSegments(this.bus, image);
    this.cpu.reset();
    this.cpu.setPc(image.entry);
    this.cpu.onVector = (vector, code) => {
      if (vector >= 0xbfc00000 && vector < 0xbfc00000 + BOOTROM_SIZE && this.rom.written[(vector - 0xbfc00000) >>> 2] === 0) {
        const c0 = this.cpu.cop0;
        const name = EXC_NAMES[code] ?? String(code);
        this.cpu.stop = {
          kind: 'fault',
          code: 128 + signalFor(code),
          message: `unhandled ${name} exception at pc ${hex(c0[C0_EPC]!)}${(c0[C0_CAUSE]! & 0x80000000) !== 0 ? ' (in a delay slot)' : ''}, badvaddr ${hex(c0[C0_BADVADDR]!)}: no handler at ${hex(vector)} (BEV=1 and the boot ROM is empty there)`,
        };
        return false;
      }
      return true;
    };
  }

  /** `--abi linux`: a user-mode program with host-served system calls (abi-linux.ts). */
  loadLinux(image: ElfImage, argv: readonly string[]): void {
    this.cpu.reset();
    const abi = new LinuxAbi(this.cpu, this.io);
    abi.load(image, argv);
    this.abi = abi;
  }

  /**
   * Runs until the guest stops or `maxCycles` total cycles have passed (checked at instruction
   * boundaries: the run stops at the first boundary at or after the limit).
   */
  run(maxCycles = Infinity): RunResult {
    const cpu = this.cpu;
    if (cpu.tracer !== null) return this.runTraced(maxCycles, cpu.tracer);
    while (cpu.stop === null) {
      // An instruction boundary: budget, then interrupts (docs/timing.md §7), then the next slice.
      const now = cpu.totalCycles;
      if (now >= maxCycles) return this.budgetStop();
      if (cpu.serviceInterrupt() && cpu.stop !== null) break;
      // Slices end at the next device event, so events and their interrupts land on exact cycles.
      let slice = Math.min(MAX_SLICE, maxCycles - now, this.scheduler.nextAt() - now);
      if (slice < 1) slice = 1;
      this.sliceEnd = now + slice;
      if (this.engine === 'jit') runSliceJit(cpu, slice);
      else runSlice(cpu, slice);
      this.sliceEnd = -Infinity;
      cpu.rebase();
      this.scheduler.runDue(cpu.totalCycles);
    }
    return this.finish();
  }

  /**
   * The debug loop used while tracing: one instruction per slice, with the same boundary order as
   * `run` (budget, interrupt, instruction, due events), so a traced run executes exactly like an
   * untraced one (test/emulator/trace.test.ts checks this). The fast loop carries no trace checks.
   */
  private runTraced(maxCycles: number, tracer: Tracer): RunResult {
    const cpu = this.cpu;
    while (cpu.stop === null) {
      if (cpu.totalCycles >= maxCycles) return this.budgetStop();
      tracer.curPc = cpu.pc;
      if (cpu.serviceInterrupt() && cpu.stop !== null) break;
      tracer.curPc = cpu.pc;
      tracer.instruction(cpu);
      runSlice(cpu, cpu.cyc + 1);
      cpu.rebase();
      tracer.curPc = cpu.pc;
      this.scheduler.runDue(cpu.totalCycles);
    }
    return this.finish();
  }

  private budgetStop(): RunResult {
    this.flushOutput();
    return { reason: 'budget', code: 124 };
  }

  private finish(): RunResult {
    const cpu = this.cpu;
    this.flushOutput();
    if (cpu.stop === null) throw new Error('internal: run finished without a stop reason');
    const stop: StopInfo = cpu.stop;
    if (stop.kind === 'fault') return { reason: 'fault', code: stop.code, message: stop.message };
    return { reason: stop.kind, code: stop.code };
  }

  stats(): MachineStats {
    const c = this.cpu;
    return {
      cycles: c.totalCycles,
      instructions: c.instructions,
      icacheMisses: c.count[CNT_ICACHE_MISSES]!,
      dcacheMisses: c.count[CNT_DCACHE_MISSES]!,
      stallIcache: c.count[CNT_STALL_ICACHE]!,
      stallDcache: c.count[CNT_STALL_DCACHE]!,
      stallUncached: c.count[CNT_STALL_UNCACHED]!,
      stallWriteBuffer: c.wb.stallCycles,
      stallHilo: c.count[CNT_STALL_HILO]!,
      exceptions: c.count[CNT_EXCEPTIONS]!,
    };
  }

  state(): MachineState {
    const c = this.cpu;
    const c0 = c.cop0;
    // A load still in its delay slot has not reached the register file: report it committed,
    // as the next instruction boundary would see it.
    const gpr = Array.from(c.gpr.subarray(0, 32), (v) => v >>> 0);
    if (c.ldReg !== 32 && c.ldReg !== 0) gpr[c.ldReg] = c.ldVal >>> 0;
    return {
      pc: c.pc >>> 0,
      hi: c.hi >>> 0,
      lo: c.lo >>> 0,
      gpr,
      cp0: {
        index: c0[C0_INDEX]!,
        random: c.random() << 8,
        entrylo: c0[C0_ENTRYLO]!,
        context: c0[C0_CONTEXT]!,
        badvaddr: c0[C0_BADVADDR]!,
        entryhi: c0[C0_ENTRYHI]!,
        status: c0[C0_STATUS]!,
        cause: c0[C0_CAUSE]!,
        epc: c0[C0_EPC]!,
        prid: c0[C0_PRID]!,
      },
      cycles: c.totalCycles,
      instructions: c.instructions,
    };
  }
}

function defaultEngine(): 'interp' | 'jit' {
  const e = typeof process === 'undefined' ? undefined : process.env.EXO_ENGINE;
  if (e === undefined || e === '' || e === 'jit') return 'jit';
  if (e === 'interp') return 'interp';
  throw new Error(`internal: EXO_ENGINE=${e} is neither interp nor jit`);
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The Linux signal an unhandled exception corresponds to (for exit statuses 128 + signal). */
export function signalFor(code: number): number {
  switch (code) {
    case 1: case 2: case 3: return 11; // Mod, TLBL, TLBS: SIGSEGV
    case 4: case 5: case 6: case 7: return 7; // AdEL, AdES, IBE, DBE: SIGBUS
    case 9: return 5; // Bp: SIGTRAP
    case 10: case 11: return 4; // RI, CpU: SIGILL
    case 12: return 8; // Ov: SIGFPE
    case 8: return 31; // Sys: SIGSYS
    default: return 6; // SIGABRT
  }
}


