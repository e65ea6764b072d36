/**
 * The firmware's trap hooks (docs/exokernel.md §10): host services the kernel calls with
 * `break 0x3e5, N` in kernel mode (emulator/hooks.ts). Numbers are layout.inc's HOOK_* and REPORT_*.
 *
 * | N | name          | arguments                                        | result                                  | cycles          |
 * |---|---------------|--------------------------------------------------|-----------------------------------------|-----------------|
 * | 1 | console_write | a0 = kernel address, a1 = length                 | v0 = length, or -1                      | 20 + 5 per byte |
 * | 2 | halt          | a0 = exit status (low 8 bits)                    | (does not return)                       | 0               |
 * | 3 | machine_info  | -                                                | v0 = RAM bytes, v1 = slice quantum      | 12              |
 * | 4 | image_count   | -                                                | v0 = number of program images           | 6               |
 * | 5 | image_info    | a0 = image, a1 = segment or -1, a2 = what        | v0 = the value, or -1                   | 6               |
 * | 6 | image_copy    | a0 = image << 8 \| segment, a1 = offset, a2 = kseg0 address, a3 = length | v0 = length, or -1 | 20 + 1 per byte |
 * | 7 | report        | a0 = REPORT_*, a1..a3 = values                   | one kernel message line on stderr       | 20 + 5 per byte |
 * | 8 | seed          | -                                                | v0 = the capability generator's seed    | 6               |
 *
 * Costs: console_write and report cost what a kernel loop storing each byte to the uncached
 * console would (the write buffer retires one store per 5 cycles, docs/timing.md §4) plus 20 for
 * the call. The hooks that only answer a question cost what reading one uncached device register
 * per result word costs (6 cycles, docs/timing.md §5). image_copy moves bytes at one per cycle,
 * like a DMA engine on the memory bus, plus 20.
 *
 * image_info: with a1 = -1 (the image), a2 = 0 gives the entry, 1 the number of segments; with a1 = a
 * segment, a2 = 0 its virtual address, 1 its memory size, 2 its file size, 3 its flags (bit 0
 * writable, bit 1 executable). Any image, segment or `what` out of range gives -1.
 * image_copy writes the segment's bytes [offset, offset + length) (file bytes, then zeros up to
 * the memory size) to physical RAM at the kseg0 address; -1 (nothing written, 20 cycles) when the
 * range is outside the segment or the destination is not kseg0 RAM.
 *
 * Kernel messages (report; wording in REPORTS below) go to standard error, prefixed `exo:`, so they never mix into the
 * programs' console output on standard output (what tests and pipes compare).
 */
import type { Machine } from '../emulator/machine.js';
import type { HookTable } from '../emulator/hooks.js';
import { EXC_NAMES } from '../emulator/exceptions.js';
import { L, Lopt, layout } from './layout.js';
import type { ProgramImage } from './images.js';
import { registerNetHooks } from './net-hooks.js';

export const CONSOLE_WRITE_BASE_CYCLES = 20;
export const CONSOLE_WRITE_BYTE_CYCLES = 5;
export const QUERY_CYCLES = 6;
export const MACHINE_INFO_CYCLES = 2 * QUERY_CYCLES;
export const IMAGE_COPY_BASE_CYCLES = 20;
export const IMAGE_COPY_BYTE_CYCLES = 1;
export const REPORT_BASE_CYCLES = 20;
export const REPORT_BYTE_CYCLES = 5;
const CONSOLE_WRITE_MAX = 65536;

/** The default time slice: the paper's 15.625 ms at 25 MHz (docs/exokernel.md §9). */
export const DEFAULT_QUANTUM = 390_625;
/** The default capability-generator seed (`exo run --seed`): any fixed non-zero word. */
export const DEFAULT_SEED = 0x2545f491;

/** What the hooks hand the kernel. */
export interface FirmwareData {
  readonly images: readonly ProgramImage[];
  /** Cycles per time slice. */
  readonly quantum: number;
  /** The capability generator's seed (32 bits). */
  readonly seed: number;
}

export const NO_PROGRAMS: FirmwareData = { images: [], quantum: DEFAULT_QUANTUM, seed: DEFAULT_SEED };

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const idHex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** `EINVAL (-1)` for a layout.inc error code, or the bare number. */
export function errorName(code: number): string {
  const c = code | 0;
  const lay = layout();
  for (const name of Object.keys(lay)) if (/^E[A-Z]+$/.test(name) && lay[name] === c) return `${name} (${c})`;
  return String(c);
}

function excName(code: number): string {
  const n = EXC_NAMES[code];
  return n === undefined ? `ExcCode ${code}` : n;
}

type Report = (a1: number, a2: number, a3: number, image: (i: number) => string) => string;

/** The wording of each REPORT_* message of layout.inc (a message layout.inc lacks is skipped). */
const REPORTS: Record<string, Report> = {
  REPORT_KILLED: (a1, a2, a3) => `env ${idHex(a1)} killed: ${excName(a2)} exception at pc ${hex(a3)} with no handler`,
  REPORT_BADSAVE: (a1, a2, a3) => `env ${idHex(a1)} killed: ${excName(a2)} exception at pc ${hex(a3)}: its handler is set but it has no save area`,
  REPORT_HANDLER_UNMAPPED: (a1, a2, a3) => `env ${idHex(a1)} killed: ${excName(a2)} miss at pc ${hex(a3)}, the first instruction of its own TLB-miss handler (the handler's page is not mapped, so it could never run)`,
  REPORT_DELAY_SYSCALL: (a1, _a2, a3) => `env ${idHex(a1)} killed: syscall in a branch delay slot at pc ${hex(a3)}`,
  REPORT_EXIT: (a1, a2) => `env ${idHex(a1)} exited with status ${a2 | 0}`,
  REPORT_IMAGE: (a1, a2, a3, image) => `env ${idHex(a1)} loaded from ${image(a2)}, entry ${hex(a3)}`,
  REPORT_LOAD_FAILED: (a1, a2, _a3, image) => `${image(a1)} not loaded: ${errorName(a2)}`,
  REPORT_EXCESS: (a1, a2) => `env ${idHex(a1)} destroyed: it overran its time slice ${a2 | 0} times`,
  REPORT_ALL_DONE: (a1) => `all environments have exited; halting with status ${a1 & 0xff}`,
  REPORT_RV_RETURNED: (a1, a2, a3) => `env ${idHex(a1)} returned ${a2 | 0} of ${a3 | 0} revoked page${a3 === 1 ? '' : 's'} in time`,
  REPORT_RV_REPOSSESSED: (a1, a2, a3) => `env ${idHex(a1)}: ${a2 | 0} of ${a3 | 0} revoked page${a3 === 1 ? '' : 's'} repossessed (abort protocol)`,
  REPORT_IDLE: (a1) => `${a1 | 0} environment${a1 === 1 ? ' is' : 's are'} live but none can run (no slice belongs to a runnable environment); halting`,
};

let reportByNumber: Map<number, Report> | null = null;

/** The text of a kernel report (without the `exo: ` prefix and newline). */
export function reportText(kind: number, a1: number, a2: number, a3: number, images: readonly ProgramImage[]): string {
  if (reportByNumber === null) {
    reportByNumber = new Map();
    for (const [name, fn] of Object.entries(REPORTS)) {
      const n = Lopt(name);
      if (n !== undefined) reportByNumber.set(n, fn);
    }
  }
  const image = (i: number): string => {
    const img = images[i];
    return img === undefined ? `image ${i}` : `image ${i} (${img.name})`;
  };
  const fn = reportByNumber.get(kind);
  if (fn !== undefined) return fn(a1, a2, a3, image);
  const lay = layout();
  const name = Object.keys(lay).find((n) => n.startsWith('REPORT_') && lay[n] === kind);
  return `kernel report ${name ?? kind}${name === undefined ? ' (unknown)' : ''}: a1=${hex(a1)} a2=${hex(a2)} a3=${hex(a3)}`;
}

export function registerFirmwareHooks(hooks: HookTable, machine: Machine, data: FirmwareData = NO_PROGRAMS): void {
  const images = data.images;
  const ramSize = machine.bus.ramSize;
  const enc = new TextEncoder();

  hooks.registerHook(L('HOOK_CONSOLE_WRITE'), 'console_write', CONSOLE_WRITE_BASE_CYCLES, (call) => {
    const n = call.a1;
    const bytes = n <= CONSOLE_WRITE_MAX ? call.read(call.a0, n) : undefined;
    if (bytes === undefined) {
      call.v0 = -1;
      return;
    }
    // Keep the order with bytes the guest wrote to the console device.
    machine.flushOutput();
    machine.io.writeOut(bytes);
    call.charge(CONSOLE_WRITE_BYTE_CYCLES * n);
    call.v0 = n;
  });

  hooks.registerHook(L('HOOK_HALT'), 'halt', 0, (call) => {
    call.halt(call.a0);
  });

  hooks.registerHook(L('HOOK_MACHINE_INFO'), 'machine_info', MACHINE_INFO_CYCLES, (call) => {
    call.v0 = ramSize;
    call.v1 = data.quantum;
  });

  hooks.registerHook(L('HOOK_IMAGE_COUNT'), 'image_count', QUERY_CYCLES, (call) => {
    call.v0 = images.length;
  });

  hooks.registerHook(L('HOOK_IMAGE_INFO'), 'image_info', QUERY_CYCLES, (call) => {
    call.v0 = -1;
    const img = images[call.a0];
    if (img === undefined) return;
    const what = call.a2;
    if (call.a1 === 0xffffffff) {
      if (what === 0) call.v0 = img.entry;
      else if (what === 1) call.v0 = img.segments.length;
      return;
    }
    const s = img.segments[call.a1];
    if (s === undefined) return;
    if (what === 0) call.v0 = s.vaddr;
    else if (what === 1) call.v0 = s.memsz;
    else if (what === 2) call.v0 = s.filesz;
    else if (what === 3) call.v0 = s.flags;
  });

  hooks.registerHook(L('HOOK_IMAGE_COPY'), 'image_copy', IMAGE_COPY_BASE_CYCLES, (call) => {
    call.v0 = -1;
    const s = images[call.a0 >>> 8]?.segments[call.a0 & 0xff];
    const off = call.a1;
    const len = call.a3;
    const ka = call.a2;
    if (s === undefined || off + len > s.memsz) return;
    // kseg0 only: the kernel copies into pages it allocated, which it addresses through kseg0.
    if (ka < 0x80000000 || ka >= 0xa0000000) return;
    const pa = ka - 0x80000000;
    if (pa + len > ramSize) return;
    const bytes = new Uint8Array(len);
    if (off < s.filesz) bytes.set(s.data.subarray(off, Math.min(s.filesz, off + len)));
    if (!call.writePhys(pa, bytes)) return;
    call.charge(IMAGE_COPY_BYTE_CYCLES * len);
    call.v0 = len;
  });

  hooks.registerHook(L('HOOK_REPORT'), 'report', REPORT_BASE_CYCLES, (call) => {
    const line = enc.encode(`exo: ${reportText(call.a0, call.a1, call.a2, call.a3, images)}\n`);
    // Whatever the programs printed so far comes first.
    machine.flushOutput();
    machine.io.writeErr(line);
    call.charge(REPORT_BYTE_CYCLES * line.length);
  });

  hooks.registerHook(L('HOOK_SEED'), 'seed', QUERY_CYCLES, (call) => {
    call.v0 = data.seed;
  });

  registerNetHooks(hooks, machine);
}
