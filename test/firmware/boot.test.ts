/**
 * The firmware build and boot path (firmware/build.ts, rom.s, kernel.s; docs/exokernel.md §3):
 * from the reset vector the ROM sets CP0 up, flushes the TLB, copies the kernel to kseg0, clears
 * BEV and enters the kernel, which prints its banner through the console_write hook and halts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { C0_STATUS } from '../../emulator/cop0.js';
import { CNT_HOOK_CYCLES } from '../../emulator/cpu.js';
import { BufferIo } from '../../emulator/io.js';
import { Machine } from '../../emulator/machine.js';
import { TRACE_EXC, TRACE_HOOK, TRACE_INSN, TRACE_TLB, Tracer } from '../../emulator/trace.js';
import { bootFirmware } from '../../firmware/boot.js';
import { KERNEL_BASE, KIMG_MAGIC, KIMG_OFFSET, buildFirmware, buildFrom, firmwareDir, type Firmware } from '../../firmware/build.js';
import { CONSOLE_WRITE_BASE_CYCLES, CONSOLE_WRITE_BYTE_CYCLES } from '../../firmware/hooks.js';

const BANNER = 'exo-r3000 exokernel firmware: boot ROM ok, kernel at 0x80000000, TLB flushed\n';

function boot(fw?: Firmware, tracer?: Tracer): { m: Machine; io: BufferIo; res: ReturnType<Machine['run']> } {
  const io = new BufferIo();
  const m = new Machine({ io, ramBytes: 4 << 20 });
  bootFirmware(m, fw);
  if (tracer) m.setTracer(tracer);
  const res = m.run(10_000_000);
  return { m, io, res };
}

/** The firmware built from a copy of firmware/ with kernel.s edited. */
function variant(edit: (kernel: string) => string): Firmware {
  const src = firmwareDir();
  const dir = mkdtempSync(join(tmpdir(), 'exo-fw-'));
  for (const f of ['rom.s', 'layout.inc']) copyFileSync(join(src, f), join(dir, f));
  const k = readFileSync(join(src, 'kernel.s'), 'utf8');
  const edited = edit(k);
  expect(edited).not.toBe(k);
  writeFileSync(join(dir, 'kernel.s'), edited);
  return buildFrom(dir);
}

describe('firmware build', () => {
  it('assembles cleanly into a ROM image with the kernel image header', () => {
    const fw = buildFirmware();
    console.log(`[firmware] assembled in ${fw.assembleMs.toFixed(1)} ms (rom ${fw.rom.length} bytes, kernel ${fw.kernel.length} bytes)`);
    const dv = new DataView(fw.rom.buffer);
    expect(dv.getUint32(KIMG_OFFSET, true)).toBe(KIMG_MAGIC);
    expect(dv.getUint32(KIMG_OFFSET + 4, true)).toBe(KERNEL_BASE);
    expect(dv.getUint32(KIMG_OFFSET + 8, true)).toBe(fw.kernel.length);
    expect(dv.getUint32(KIMG_OFFSET + 12, true)).toBe(fw.symbols.get('kernel_entry'));
    expect(fw.rom.subarray(KIMG_OFFSET + 16)).toEqual(fw.kernel);
    expect(fw.symbols.get('__start')).toBe(0xbfc00000);
    expect(fw.symbols.get('utlb_vector')).toBe(0x80000000);
    expect(fw.symbols.get('gen_vector')).toBe(0x80000080);
    expect(buildFirmware()).toBe(fw); // cached
  });
});

describe('firmware boot', () => {
  it('boots from the reset vector, prints the banner and halts with status 0', () => {
    const { m, io, res } = boot();
    expect(res).toEqual({ reason: 'halt', code: 0 });
    expect(io.stdout).toBe(BANNER);
    const s = m.state();
    // BEV cleared, kernel mode, interrupts off.
    expect(s.cp0.status).toBe(0);
    expect(m.cpu.cop0[C0_STATUS]! & 0x00400000).toBe(0);
    expect(s.cp0.entryhi).toBe(0);
    // TLB flushed with the Linux r3k pattern.
    for (let i = 0; i < 64; i++) {
      expect(m.cpu.mmu.tlbHi[i], `entry ${i}`).toBe(((0x80000 | i) << 12) >>> 0);
      expect(m.cpu.mmu.tlbLo[i], `entry ${i}`).toBe(0);
    }
    // The kernel is in RAM at 0x80000000, as linked.
    const fw = buildFirmware();
    expect(m.bus.ram8.subarray(0, fw.kernel.length)).toEqual(fw.kernel);
    // The banner's hook cost is counted.
    expect(m.cpu.count[CNT_HOOK_CYCLES]).toBe(CONSOLE_WRITE_BASE_CYCLES + CONSOLE_WRITE_BYTE_CYCLES * BANNER.length);
    expect(s.cycles).toBe(s.instructions + m.stats().stallIcache + m.stats().stallUncached + m.stats().stallDcache + m.stats().stallWriteBuffer + m.cpu.count[CNT_HOOK_CYCLES]!);
  });

  it('is deterministic, and a traced boot is identical to an untraced one', () => {
    const a = boot();
    const b = boot();
    const lines: string[] = [];
    const t = boot(undefined, new Tracer(TRACE_INSN | TRACE_EXC | TRACE_TLB | TRACE_HOOK, (l) => lines.push(l)));
    expect(b.m.state()).toEqual(a.m.state());
    expect(t.m.state()).toEqual(a.m.state());
    expect(t.io.stdout).toBe(a.io.stdout);
    expect(lines[0]).toMatch(/^0 bfc00000 insn 0bf00080 j 0xbfc00200$/);
    expect(lines.filter((l) => / tlb tlbwi /.test(l)).length).toBe(64);
    expect(lines.filter((l) => / hook /.test(l)).map((l) => l.split(' ').slice(2, 5).join(' '))).toEqual(['hook 1 console_write', 'hook 2 halt']);
    expect(lines.some((l) => / exc /.test(l))).toBe(false);
  });

  it('routes a kernel exception to the RAM vector at 0x80000080 (BEV=0): panic, status 255', () => {
    const fw = variant((k) => k.replace('kernel_entry:\n', 'kernel_entry:\n\tsyscall\n\tnop\n'));
    const { io, res } = boot(fw);
    expect(res).toEqual({ reason: 'halt', code: 255 });
    expect(io.stdout).toBe('exo kernel: panic: unexpected exception\n');
  });

  it('routes a kuseg TLB miss to the RAM vector at 0x80000000: panic, status 255', () => {
    const fw = variant((k) => k.replace('kernel_entry:\n', 'kernel_entry:\n\tlui\t$t0, 0x0040\n\tlw\t$t0, 0($t0)\n\tnop\n'));
    const { io, res } = boot(fw);
    expect(res).toEqual({ reason: 'halt', code: 255 });
    expect(io.stdout).toBe('exo kernel: panic: TLB refill exception (no STLB yet)\n');
  });

  it('a ROM without the kernel image header panics from the ROM', () => {
    const fw = buildFirmware();
    const rom = fw.rom.slice();
    rom[KIMG_OFFSET] = 0;
    const { io, res } = boot({ ...fw, rom });
    expect(res).toEqual({ reason: 'halt', code: 255 });
    expect(io.stdout).toBe('exo rom: no kernel image in the boot ROM\n');
  });
});

const root = new URL('../../', import.meta.url).pathname;
const built = existsSync(join(root, 'dist/firmware/boot.js'));
if (!built) console.warn('[firmware] dist/ is not built (npm run build): the CLI boot tests are skipped');

function exo(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'run', ...args], { encoding: 'latin1', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('exo run --firmware-only', () => {
  it('boots the firmware and exits 0', () => {
    const r = exo(['--firmware-only', '--stats']);
    expect(r.stdout).toBe(BANNER);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^cycles: \d+\n/);
    expect(r.stderr).toMatch(/\nexceptions: 0\n/);
  });

  it('prints hook calls with --trace hook', () => {
    const r = exo(['--firmware-only', '--trace', 'hook']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^\d+ 8000010c hook 1 console_write a0=80000140 a1=0000004d .* cycles=405\n\d+ 80000114 hook 2 halt a0=00000000 .* cycles=0\n$/);
  });

  it('refuses programs and other modes with a one-line error', () => {
    const a = exo(['--firmware-only', 'x.s']);
    expect(a.status).toBe(1);
    expect(a.stderr).toBe('exo: error: run: --firmware-only takes no programs (loading programs as environments is not implemented yet)\n');
    const b = exo(['--firmware-only', '--bare']);
    expect(b.status).toBe(1);
    expect(b.stderr).toBe('exo: error: run: --firmware-only excludes --bare and --abi\n');
  });

  it('leaves plain `exo run` as it was', () => {
    const r = exo(['x.s']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no firmware exists yet/);
    const n = exo([]);
    expect(n.status).toBe(1);
    expect(n.stderr).toBe('exo: error: run: no program given\n');
  });
});
