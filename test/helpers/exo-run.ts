/**
 * Runs programs as environments of the exokernel (as `exo run PROG...` does) and checks the kernel
 * invariant checker (firmware/invariants.ts) throughout: at every return from the kernel to user
 * mode, the first user instruction boundary after kernel code. Between two kernel passes user code
 * cannot change what the checker reads except by a store into kernel memory, which the isolation
 * test (test/firmware/isolation.test.ts) covers; so this sees every state the kernel leaves behind
 * at a fraction of the cost of checking every instruction.
 */
import { C0_STATUS, SR_KUC } from '../../emulator/cop0.js';
import type { Cpu } from '../../emulator/cpu.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { Tracer } from '../../emulator/trace.js';
import { bootFirmware } from '../../firmware/boot.js';
import { loadImages } from '../../firmware/images.js';
import { checkKernelInvariants } from '../../firmware/invariants.js';

export interface ExoRunOptions {
  quantum?: number;
  seed?: number;
  /** Stop after this many cycles (default 200 million). */
  maxCycles?: number;
  /** Console input. */
  stdin?: string;
  /** Check invariants at kernel exits (default true). Off: the fast loop, no probe. */
  invariants?: boolean;
  /** Network loopback delay in cycles (MachineOptions.netLoopback); undefined: none. */
  netLoopback?: number;
  /** Frames the interface receives: {frame, at cycle}. */
  frames?: readonly { frame: Uint8Array; at: number }[];
}

export interface ExoRunResult {
  stdout: string;
  stderr: string;
  /** The exit status (the kernel's halt status; 124 when the cycle budget ran out). */
  status: number;
  reason: string;
  cycles: number;
  instructions: number;
  /** Kernel exits at which the invariants were checked. */
  checks: number;
  /** The first violations found (empty: none). */
  violations: string[];
}

class KernelExitProbe extends Tracer {
  private inKernel = true;
  checks = 0;
  violations: string[] = [];
  constructor(private readonly machine: Machine) {
    super(0, () => {});
  }
  override instruction(cpu: Cpu): void {
    const user = (cpu.cop0[C0_STATUS]! & SR_KUC) !== 0;
    if (user && this.inKernel && this.violations.length === 0) {
      this.checks++;
      const v = checkKernelInvariants(this.machine);
      if (v.length > 0) this.violations = [`at cycle ${cpu.totalCycles}, pc 0x${(cpu.pc >>> 0).toString(16)}:`, ...v];
    }
    this.inKernel = !user;
  }
}

export function runExo(files: readonly string[], opts: ExoRunOptions = {}): ExoRunResult {
  const io = new BufferIo(new TextEncoder().encode(opts.stdin ?? ''));
  const m = new Machine({ io, netLoopback: opts.netLoopback });
  bootFirmware(m, { images: loadImages(files), quantum: opts.quantum, seed: opts.seed });
  for (const f of opts.frames ?? []) m.net.inject(f.frame, f.at);
  let probe: KernelExitProbe | null = null;
  if (opts.invariants !== false) {
    probe = new KernelExitProbe(m);
    m.setTracer(probe);
  }
  const r = m.run(opts.maxCycles ?? 200_000_000);
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    status: r.code,
    reason: r.reason,
    cycles: m.cpu.totalCycles,
    instructions: m.cpu.instructions,
    checks: probe?.checks ?? 0,
    violations: probe?.violations ?? [],
  };
}
