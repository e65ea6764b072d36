/**
 * `--abi linux`: run a static, freestanding o32 Linux ELF (the binaries `qemu-mipsel` runs) with no
 * guest kernel. The CPU runs in user mode; kuseg is mapped by this host-side page map (the ELF's
 * segments, a demand-paged stack and a brk heap), and SYSCALL exceptions are served here.
 *
 * System calls (o32: number in v0, arguments in a0-a3; result in v0 with a3 = 0, or on error the
 * positive errno in v0 with a3 = 1, as arch/mips/kernel/scall32-o32.S returns them):
 *   4001 exit, 4246 exit_group: stop with status & 0xff.
 *   4003 read(fd, buf, n): fd 0 only.   4004 write(fd, buf, n): fd 1 and 2.
 *   4045 brk(addr): Linux semantics (returns the new break, or the old one on failure).
 * Any other number stops the run with a one-line error and exit status 159 (128 + SIGSYS), so a
 * missing system call is never silently ignored.
 * Other exceptions kill the program like the matching Linux signal: exit status 128 + signal
 * and a one-line message (SIGSEGV for TLB misses, SIGBUS for address errors, SIGILL for RI/CpU,
 * SIGTRAP or SIGFPE for BREAK (codes 6 and 7 are GCC's overflow and divide-by-zero traps, which
 * Linux reports as SIGFPE), SIGFPE for Ov).
 */
import type { ElfImage } from '../assembler/elf-read.js';
import { NOT_DECODED } from './bus.js';
import { C0_STATUS, SR_KUC } from './cop0.js';
import { HOOK_PASS, HOOK_RESUME, HOOK_STOP, HOOK_STOP_RETIRED, type Cpu, type TrapHook } from './cpu.js';
import { EXC_ADEL, EXC_ADES, EXC_BP, EXC_CPU, EXC_DBE, EXC_IBE, EXC_MOD, EXC_NAMES, EXC_OV, EXC_RI, EXC_SYS, EXC_TLBL, EXC_TLBS } from './exceptions.js';
import type { GuestIo } from './io.js';
import { LoadError } from './elf-load.js';
import { INTENT_DEBUG, INTENT_READ, INTENT_WRITE, type HostMap } from './translate.js';

export const STACK_TOP = 0x7fff0000;
export const STACK_MAX = 8 * 1024 * 1024;
/** The most the heap may grow by brk. */
export const BRK_MAX = 512 * 1024 * 1024;

const EBADF = 9;
const EFAULT = 14;

const SIGNALS: Record<number, [number, string]> = {
  4: [4, 'SIGILL'],
  5: [5, 'SIGTRAP'],
  7: [7, 'SIGBUS'],
  8: [8, 'SIGFPE'],
  11: [11, 'SIGSEGV'],
  31: [31, 'SIGSYS'],
};

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export class LinuxAbi implements TrapHook, HostMap {
  /** Physical page number + 1 per virtual page of kuseg. */
  private readonly pages = new Int32Array(1 << 19);
  private nextFreePage = 0;
  /** Physical pages given back by a shrinking brk, reused before fresh ones. */
  private readonly freePages: number[] = [];
  /** Set when a demand-paged access failed because physical RAM is exhausted (for the message). */
  private outOfMemory = false;
  private readonly ramPages: number;
  brkStart = 0;
  brk = 0;

  constructor(
    private readonly cpu: Cpu,
    private readonly io: GuestIo,
  ) {
    this.ramPages = cpu.bus.ramSize >>> 12;
  }

  // ---- the host page map ----

  lookup(vpn: number): number {
    return vpn < this.pages.length ? this.pages[vpn]! : 0;
  }

  fault(va: number): boolean {
    const v = va >>> 0;
    this.outOfMemory = false;
    const inStack = v < STACK_TOP && v >= STACK_TOP - STACK_MAX;
    const inHeap = v >= this.brkStart && v < this.brk;
    if (!inStack && !inHeap) return false;
    return this.mapPage(v >>> 12);
  }

  /** Maps a fresh zeroed physical page at a virtual page; false when physical RAM is exhausted. */
  private mapPage(vpn: number): boolean {
    if (this.pages[vpn] !== 0) return true;
    const ppn = this.freePages.pop() ?? (this.nextFreePage < this.ramPages ? this.nextFreePage++ : -1);
    if (ppn < 0) {
      this.outOfMemory = true;
      return false;
    }
    const bus = this.cpu.bus;
    bus.ram8.fill(0, ppn << 12, (ppn + 1) << 12);
    // A reused page may hold decoded instructions of its previous use.
    bus.decoded.fill(NOT_DECODED, ppn << 10, (ppn + 1) << 10);
    this.pages[vpn] = ppn + 1;
    return true;
  }

  // ---- loading ----

  /** Maps and copies the ELF's segments, builds the initial stack and enters user mode. */
  load(image: ElfImage, argv: readonly string[]): void {
    this.cpu.mmu.hostMap = this;
    this.cpu.mmu.invalidate();
    let top = 0;
    for (const seg of image.segments) {
      if (seg.memsz === 0) continue;
      const va = seg.vaddr >>> 0;
      const end = va + seg.memsz;
      if (end > STACK_TOP - STACK_MAX) {
        throw new LoadError(`segment at ${hex(va)} is outside the user address space a Linux program may use (below ${hex(STACK_TOP - STACK_MAX)}); --abi linux runs user programs`);
      }
      for (let p = va >>> 12; p <= (end - 1) >>> 12; p++) {
        if (!this.mapPage(p)) throw new LoadError(`the program does not fit in ${this.cpu.bus.ramSize / 1048576} MiB of RAM (--ram)`);
      }
      if (!this.copyIn(va, seg.data.subarray(0, Math.min(seg.filesz, seg.memsz)))) throw new Error('internal: copying a mapped segment failed');
      top = Math.max(top, end);
    }
    this.brkStart = this.brk = (top + 0xfff) & ~0xfff;

    // Initial stack, as Linux builds it for a static ELF: argc, argv[], NULL, envp[] (empty), NULL,
    // auxv (AT_PAGESZ, AT_NULL); strings above.
    const enc = new TextEncoder();
    const strs = argv.map((a) => enc.encode(a + '\0'));
    let sp = STACK_TOP - 16;
    const argvPtrs: number[] = [];
    for (const s of strs) {
      sp -= s.length;
      this.copyIn(sp, s);
      argvPtrs.push(sp);
    }
    sp &= ~15;
    const words = [argv.length, ...argvPtrs, 0, 0, 6, 4096, 0, 0];
    sp -= words.length * 4;
    sp &= ~7;
    const bytes = new Uint8Array(words.length * 4);
    const dv = new DataView(bytes.buffer);
    words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
    this.copyIn(sp, bytes);

    const cpu = this.cpu;
    cpu.gpr.fill(0);
    cpu.gpr[29] = sp;
    cpu.cop0[C0_STATUS] = (cpu.cop0[C0_STATUS]! | SR_KUC) >>> 0; // user mode (BEV stays as reset left it)
    cpu.setPc(image.entry);
    cpu.hook = this;
  }

  /** Copies host bytes into guest virtual memory (mapping pages on demand); false on a fault. */
  copyIn(va: number, bytes: Uint8Array): boolean {
    for (let i = 0; i < bytes.length; i++) {
      if (this.cpu.mmu.translate(va + i, INTENT_WRITE) !== 0) return false;
      this.cpu.bus.write(this.cpu.mmu.pa, 1, bytes[i]!);
    }
    return true;
  }

  /** Copies guest virtual memory out; undefined on a fault. */
  copyOut(va: number, n: number): Uint8Array | undefined {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.cpu.mmu.translate(va + i, INTENT_READ | INTENT_DEBUG) !== 0) return undefined;
      if (!this.cpu.bus.read(this.cpu.mmu.pa, 1, true)) return undefined;
      out[i] = this.cpu.bus.value;
    }
    return out;
  }

  // ---- the trap hook ----

  exception(cpu: Cpu, code: number, pc: number, _inDelaySlot: boolean, badVAddr: number): number {
    const exc = code & 0x1f;
    if (exc === EXC_SYS) return this.syscall(cpu, pc);
    let sig: number;
    let what = EXC_NAMES[exc] ?? `exception ${exc}`;
    switch (exc) {
      case EXC_TLBL:
      case EXC_TLBS:
      case EXC_MOD:
        sig = 11;
        what += this.outOfMemory
          ? ` (out of memory: all ${this.cpu.bus.ramSize / 1048576} MiB of RAM are in use, at address ${hex(badVAddr)}; see --ram)`
          : ` (${exc === EXC_TLBL ? (badVAddr === pc ? 'fetch from' : 'load from') : 'store to'} unmapped address ${hex(badVAddr)})`;
        break;
      case EXC_ADEL:
      case EXC_ADES:
        sig = 7;
        what += ` (${(badVAddr >>> 0) >= 0x80000000 ? 'kernel' : 'misaligned'} address ${hex(badVAddr)})`;
        break;
      case EXC_IBE:
      case EXC_DBE:
        sig = 7;
        break;
      case EXC_RI:
      case EXC_CPU:
        sig = 4;
        break;
      case EXC_BP: {
        const w = this.copyOut(pc, 4);
        const bcode = w ? (new DataView(w.buffer).getUint32(0, true) >>> 16) & 0x3ff : 0;
        sig = bcode === 6 || bcode === 7 ? 8 : 5;
        what += ` (break ${bcode}${bcode === 7 ? ': integer divide by zero' : bcode === 6 ? ': integer overflow' : ''})`;
        break;
      }
      case EXC_OV:
        sig = 8;
        what += ' (integer overflow)';
        break;
      default:
        return HOOK_PASS;
    }
    const [num, name] = SIGNALS[sig]!;
    cpu.stop = { kind: 'fault', code: 128 + num, message: `guest killed by ${name}: ${what} at pc ${hex(pc)}` };
    return HOOK_STOP;
  }

  private syscall(cpu: Cpu, pc: number): number {
    const g = cpu.gpr;
    const nr = g[2]! >>> 0;
    const a0 = g[4]!;
    const a1 = g[5]!;
    const a2 = g[6]!;
    const ok = (v: number): number => {
      g[2] = v;
      g[7] = 0;
      return HOOK_RESUME;
    };
    const err = (errno: number): number => {
      g[2] = errno;
      g[7] = 1;
      return HOOK_RESUME;
    };
    switch (nr) {
      case 4001: // exit
      case 4246: // exit_group
        cpu.stop = { kind: 'exit', code: a0 & 0xff };
        return HOOK_STOP_RETIRED;
      case 4004: { // write
        const n = a2 >>> 0;
        if (a0 !== 1 && a0 !== 2) return err(EBADF);
        const bytes = this.copyOut(a1, Math.min(n, 1 << 24));
        if (bytes === undefined) return err(EFAULT);
        if (a0 === 1) this.io.writeOut(bytes);
        else this.io.writeErr(bytes);
        return ok(bytes.length);
      }
      case 4003: { // read
        if (a0 !== 0) return err(EBADF);
        const data = this.io.readIn(Math.min(a2 >>> 0, 1 << 20));
        if (!this.copyIn(a1, data)) return err(EFAULT);
        return ok(data.length);
      }
      case 4045: { // brk
        const want = a0 >>> 0;
        if (want >= this.brkStart && want <= this.brkStart + BRK_MAX && want < STACK_TOP - STACK_MAX) {
          if (want < this.brk) {
            // Shrinking: unmap the whole pages above the new break and free their physical pages.
            for (let p = (want + 0xfff) >>> 12; p < (this.brk + 0xfff) >>> 12; p++) {
              if (this.pages[p] !== 0) this.freePages.push(this.pages[p]! - 1);
              this.pages[p] = 0;
            }
            cpu.mmu.invalidate();
          }
          this.brk = want;
        }
        return ok(this.brk);
      }
      default:
        cpu.stop = {
          kind: 'fault',
          code: 128 + 31,
          message: `unsupported Linux system call ${nr} at pc ${hex(pc)} (--abi linux serves exit, exit_group, read, write and brk)`,
        };
        return HOOK_STOP;
    }
  }
}
