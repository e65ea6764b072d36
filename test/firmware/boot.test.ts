/**
 * The firmware build and boot path (firmware/build.ts, rom.s, kernel.s; docs/exokernel.md §3):
 * from the reset vector the ROM sets CP0 up, flushes the TLB, copies the kernel to kseg0, clears
 * BEV and enters the kernel, which prints its banner through the console_write hook and halts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { CONSOLE_WRITE_BASE_CYCLES, CONSOLE_WRITE_BYTE_CYCLES, MACHINE_INFO_CYCLES, QUERY_CYCLES } from '../../firmware/hooks.js';
import { writeUserPrograms } from './user-programs.js';

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
/** The firmware built from a copy of firmware/ whose `file` (default kboot.s, the boot path) is edited. */
function variant(edit: (source: string) => string, file = 'kboot.s'): Firmware {
  const src = firmwareDir();
  const dir = mkdtempSync(join(tmpdir(), 'exo-fw-'));
  for (const f of readdirSync(src)) if (/\.(s|inc)$/.test(f) && f !== file) copyFileSync(join(src, f), join(dir, f));
  const k = readFileSync(join(src, file), 'utf8');
  const edited = edit(k);
  expect(edited).not.toBe(k);
  writeFileSync(join(dir, file), edited);
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
    // The hooks' cost is counted: machine_info, seed, image_count, the banner.
    expect(m.cpu.count[CNT_HOOK_CYCLES]).toBe(MACHINE_INFO_CYCLES + 2 * QUERY_CYCLES + CONSOLE_WRITE_BASE_CYCLES + CONSOLE_WRITE_BYTE_CYCLES * BANNER.length);
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
    expect(lines.filter((l) => / hook /.test(l)).map((l) => l.split(' ').slice(2, 5).join(' '))).toEqual(['hook 3 machine_info', 'hook 8 seed', 'hook 4 image_count', 'hook 1 console_write', 'hook 2 halt']);
    expect(lines.some((l) => / exc /.test(l))).toBe(false);
  });

  it('routes a kernel exception to the RAM vector at 0x80000080 (BEV=0): panic, status 255', () => {
    // After the kernel's tables are set up: record 0 (the kernel's) dispatches every code to the panic.
    const fw = variant((k) => k.replace('\tbreak\tHOOK, HOOK_IMAGE_COUNT\n', '\tsyscall\n\tnop\n\tbreak\tHOOK, HOOK_IMAGE_COUNT\n'));
    const { io, res } = boot(fw);
    expect(res).toEqual({ reason: 'halt', code: 255 });
    expect(io.stdout).toBe('exo kernel: panic: exception in kernel mode\n');
  });

  it('routes a kuseg TLB miss to the RAM vector at 0x80000000: panic, status 255', () => {
    const fw = variant((k) => k.replace('\tbreak\tHOOK, HOOK_IMAGE_COUNT\n', '\tlui\t$t0, 0x0040\n\tlw\t$t0, 0($t0)\n\tnop\n\tbreak\tHOOK, HOOK_IMAGE_COUNT\n'));
    const lines: string[] = [];
    const { io, res } = boot(fw, new Tracer(TRACE_EXC, (l) => lines.push(l)));
    expect(res).toEqual({ reason: 'halt', code: 255 });
    expect(io.stdout).toBe('exo kernel: panic: exception in kernel mode\n');
    // The miss went through the refill vector (the STLB probe) before the panic.
    expect(lines[0]).toMatch(/ exc TLBL .*badvaddr=00400000 .*vector=80000000$/);
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
    const lines = r.stderr.split('\n');
    expect(lines.map((l) => l.split(' ').slice(2, 5).join(' '))).toEqual(['hook 3 machine_info', 'hook 8 seed', 'hook 4 image_count', 'hook 1 console_write', 'hook 2 halt', '']);
    expect(lines[0]).toMatch(/^\d+ 8[0-9a-f]{7} hook 3 machine_info a0=[0-9a-f]{8} a1=[0-9a-f]{8} a2=[0-9a-f]{8} a3=[0-9a-f]{8} v0=01000000 v1=0005f5e1 cycles=12$/);
    expect(lines[2]).toMatch(/ v0=00000000 v1=00000000 cycles=6$/);
    expect(lines[3]).toMatch(/ hook 1 console_write a0=8[0-9a-f]{7} a1=0000004d .* cycles=405$/);
  });

  it('refuses programs and other modes with a one-line error', () => {
    const a = exo(['--firmware-only', 'x.s']);
    expect(a.status).toBe(1);
    expect(a.stderr).toBe('exo: error: run: --firmware-only takes no programs (without it, the programs are loaded as environments)\n');
    const b = exo(['--firmware-only', '--bare']);
    expect(b.status).toBe(1);
    expect(b.stderr).toBe('exo: error: run: --firmware-only excludes --bare and --abi\n');
    const n = exo([]);
    expect(n.status).toBe(1);
    expect(n.stderr).toBe('exo: error: run: no program given\n');
  });
});

describe.skipIf(!built)('exo run PROG... (programs as environments)', () => {
  const p = writeUserPrograms();

  it('runs a program linked with crt0: its output on stdout, main\'s result as the exit status', () => {
    const r = exo([p.hello!]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello from main\n');
    expect(r.status).toBe(3);
  });

  it('kernel messages go to stderr; an environment killed by an exception ends with 128 + signal', () => {
    const r = exo([p.adel!]);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toMatch(/^exo: env 0x[0-9a-f]+ killed: AdEL exception at pc 0x004[0-9a-f]{5} with no handler\n$/);
    expect(r.status).toBe(128 + 7); // SIGBUS, as emulator/machine.ts signalFor numbers it
  });

  it('a page freed is unmapped (the binding is broken)', () => {
    const r = exo([p.page!]);
    expect(r.stdout).toBe('word=0x0000abcd\nfreed\nexo: segmentation fault at 0x10000000 (pc 0x' + r.stdout.split('(pc 0x')[1]);
    expect(r.stdout).not.toContain('still mapped');
    expect(r.status).toBe(139);
  });

  it('several programs share the machine; one that never yields is preempted (--quantum)', () => {
    const r = exo(['--quantum', '20000', '--max-cycles', '20000000', p.spin!, p.yield!, p.hello!, p.yield!]);
    expect(r.stdout.split('yield\n').length - 1).toBe(10);
    expect(r.stdout).toContain('hello from main\n');
    expect(r.status).toBe(124); // spin runs on alone until the cycle limit
    expect(r.stderr).toMatch(/^exo: stopped after 20000\d\d\d cycles: --max-cycles 20000000 reached/);
  });

  it('--seed chooses the capabilities, deterministically', () => {
    const a = exo(['--seed', '7', p.cap!]);
    const b = exo(['--seed', '7', p.cap!]);
    const c = exo(['--seed', '0x12345678', p.cap!]);
    const d = exo([p.cap!]);
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^cap=0x[0-9a-f]{8}\n$/);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    expect(d.stdout).not.toBe(a.stdout);
  });

  it('--stats, --state-json and --trace hook work with programs', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'exo-st-')), 's.json');
    const r = exo(['--stats', '--state-json', json, '--trace', 'hook', p.hello!]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('hello from main\n');
    expect(r.stderr).toMatch(/ hook 4 image_count .* v0=00000001 /);
    expect(r.stderr).toMatch(/ hook 5 image_info /);
    expect(r.stderr).toMatch(/ hook 6 image_copy /);
    expect(r.stderr).toMatch(/\ncycles: \d+\ninstructions: \d+\n/);
    const st = JSON.parse(readFileSync(json, 'utf8')) as { cycles: number };
    expect(st.cycles).toBeGreaterThan(0);
  });

  it('refuses a program linked below the pinned limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-low-'));
    const src = file(dir, 'low.s', '\t.globl __start\n__start: nop\n');
    const elf = join(dir, 'low.elf');
    const a = spawnSync(process.execPath, [join(root, 'bin/exo.js'), 'asm', src, '-o', elf, '-Ttext', '0x1000'], { encoding: 'latin1' });
    expect(a.status).toBe(0);
    const r = exo([elf]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`exo: error: run: ${elf}: segment at 0x00001000 is below 0x00400000 (the pinned segment below it belongs to the library OS; link programs at 0x00400000)\n`);
  });
});

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
