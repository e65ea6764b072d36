/**
 * `exo demo`: the exokernel at work. Boots the firmware from the reset vector with
 * programs/examples/ping.s and pong.s as two environments passing a counter by protected control
 * transfer, shows their console output, then a summary of what the kernel did (counted by
 * watching the kernel's entry points: the refill vector, the STLB hit and miss paths, the
 * general vector by exception code, the PCT paths), then `exo bench kernel`.
 */
import { join } from 'node:path';
import { C0_CAUSE } from '../emulator/cop0.js';
import type { Cpu } from '../emulator/cpu.js';
import { EXC_NAMES } from '../emulator/exceptions.js';
import { BufferIo } from '../emulator/io.js';
import { Machine } from '../emulator/machine.js';
import { Tracer } from '../emulator/trace.js';
import { bootFirmware } from '../firmware/boot.js';
import { buildFirmware, firmwareDir } from '../firmware/build.js';
import { loadImages } from '../firmware/images.js';
import { benchKernelCommand } from './bench.js';

/** Counts visits to kernel entry points, and general exceptions by ExcCode. */
class KernelCounter extends Tracer {
  readonly visits = new Map<number, number>();
  readonly byCode = new Array<number>(16).fill(0);
  constructor(
    private readonly watch: ReadonlySet<number>,
    private readonly genVector: number,
  ) {
    super(0, () => {});
  }
  override instruction(cpu: Cpu): void {
    const pc = cpu.pc >>> 0;
    if (!this.watch.has(pc)) return;
    this.visits.set(pc, (this.visits.get(pc) ?? 0) + 1);
    if (pc === this.genVector) {
      const code = (cpu.cop0[C0_CAUSE]! >>> 2) & 15;
      this.byCode[code] = this.byCode[code]! + 1;
    }
  }
}

export async function demoCommand(): Promise<number> {
  const dir = join(firmwareDir(), '..', 'programs', 'examples');
  const files = [join(dir, 'ping.s'), join(dir, 'pong.s')];
  const fw = buildFirmware();
  const sym = (name: string): number => {
    const v = fw.symbols.get(name);
    if (v === undefined) throw new Error(`internal: kernel symbol ${name} missing`);
    return v;
  };
  const names = ['utlb_vector', 'stlb_hit', 'guar_hit', 'stlb_upcall', 'gen_vector', 'pct_sync_go', 'pct_async_go', 'sys_yield', 'k_kill'];
  const addr = new Map(names.map((n) => [n, sym(n)]));
  const io = new BufferIo();
  const m = new Machine({ io });
  bootFirmware(m, { images: loadImages(files), firmware: fw });
  const counter = new KernelCounter(new Set(addr.values()), sym('gen_vector'));
  m.setTracer(counter);
  process.stdout.write('$ exo run programs/examples/ping.s programs/examples/pong.s\n');
  process.stdout.write('  (the exokernel boots from the reset vector; each program is one environment)\n\n');
  const r = m.run(100_000_000);
  process.stdout.write(io.stdout);
  process.stderr.write(io.stderr);
  if (r.reason !== 'halt' || r.code !== 0) {
    process.stderr.write(`exo: error: demo: the run ended with ${r.reason} ${r.code}\n`);
    return 1;
  }
  const n = (name: string): number => counter.visits.get(addr.get(name)!) ?? 0;
  const s = m.stats();
  const exc = counter.byCode
    .map((c, code) => ({ c, code }))
    .filter((x) => x.c > 0 && x.code !== 0 && x.code !== 8)
    .map((x) => `${EXC_NAMES[x.code] ?? x.code} ${x.c}`)
    .join(', ');
  const lines = [
    '',
    'What the kernel did:',
    `  cycles ${s.cycles} (${(s.cycles / 25_000).toFixed(2)} ms at 25 MHz), instructions ${s.instructions}, CPI ${(s.cycles / s.instructions).toFixed(2)}`,
    `  system calls ${counter.byCode[8]}: protected control transfers ${n('pct_sync_go')} synchronous, ${n('pct_async_go')} asynchronous; yields ${n('sys_yield')}`,
    `  TLB misses ${n('utlb_vector')}: STLB hits ${n('stlb_hit')}, guaranteed mappings ${n('guar_hit')}, upcalls to the library OS ${n('stlb_upcall')}`,
    `  other exceptions ${exc === '' ? 'none' : exc} (dispatched to user handlers or fatal); timer interrupts ${counter.byCode[0]}`,
    `  environments killed ${n('k_kill')}`,
    '',
    '$ exo bench kernel',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return benchKernelCommand({});
}
