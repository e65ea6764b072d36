/**
 * Helpers for comparing our assembler with GNU binutils (mipsel-linux-gnu-as/ld/objcopy).
 *
 * GNU ld's default script puts .MIPS.abiflags/.reginfo right after the ELF headers, which
 * overlaps .text as soon as -Ttext is given and the code is longer than ~0xb8 bytes. The
 * differential tests therefore link with a small script that keeps ld's default order for the
 * sections we produce (.text, .rodata, .data, .bss) and moves those two note sections after them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LINK_SCRIPT = `SECTIONS
{
  .text : { *(.text .text.*) }
  .rodata : { *(.rodata .rodata.* .rdata) }
  .data : { *(.data .data.* .sdata .sdata.* .mydata) }
  .bss : { *(.bss .bss.* .sbss .sbss.*) *(.scommon) *(COMMON) }
  .MIPS.abiflags : { *(.MIPS.abiflags) }
  .reginfo : { *(.reginfo) }
}
`;

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'exo-asm-'));

export interface GnuBuild {
  ok: boolean;
  stderr: string;
  text: Uint8Array;
  data: Uint8Array;
  elf?: string;
}

function run(cmd: string, args: string[]): { status: number; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

function section(elf: string, name: string, dir: string): Uint8Array {
  const out = join(dir, `sec${name}.bin`);
  const r = run('mipsel-linux-gnu-objcopy', ['-O', 'binary', '-j', name, elf, out]);
  if (r.status !== 0 || !existsSync(out)) return new Uint8Array(0);
  return new Uint8Array(readFileSync(out));
}

/**
 * Assembles `files` with GNU as (each to an object) and links them with ld at the given
 * addresses. `optimise` false passes -O0 (GNU's default is -O2, which fills delay slots).
 */
export function gnuBuild(
  files: string[],
  o: { textAddr: number; dataAddr?: number; optimise?: boolean; includeDir?: string; script?: boolean },
): GnuBuild {
  const dir = workDir();
  const objs: string[] = [];
  let stderr = '';
  for (const [i, f] of files.entries()) {
    const obj = join(dir, `f${i}.o`);
    const args = ['-march=r3000', '-EL', ...(o.optimise ? [] : ['-O0']), ...(o.includeDir ? ['-I', o.includeDir] : []), f, '-o', obj];
    const r = run('mipsel-linux-gnu-as', args);
    stderr += r.stderr;
    if (r.status !== 0) return { ok: false, stderr, text: new Uint8Array(0), data: new Uint8Array(0) };
    objs.push(obj);
  }
  const elf = join(dir, 'out.elf');
  const ldArgs = ['-Ttext', `0x${o.textAddr.toString(16)}`, ...(o.dataAddr !== undefined ? ['-Tdata', `0x${o.dataAddr.toString(16)}`] : []), '-e', '0', ...objs, '-o', elf];
  if (o.script !== false) {
    const script = join(dir, 'link.ld');
    writeFileSync(script, LINK_SCRIPT);
    ldArgs.unshift('-T', script);
  }
  const r = run('mipsel-linux-gnu-ld', ldArgs);
  stderr += r.stderr;
  if (r.status !== 0) return { ok: false, stderr, text: new Uint8Array(0), data: new Uint8Array(0) };
  return { ok: true, stderr, text: section(elf, '.text', dir), data: section(elf, '.data', dir), elf };
}

/** First differing word as a readable line, or undefined when equal. */
export function firstDifference(name: string, gnu: Uint8Array, ours: Uint8Array): string | undefined {
  const n = Math.max(gnu.length, ours.length);
  for (let i = 0; i < n; i += 4) {
    const a = Buffer.from(gnu.subarray(i, i + 4)).toString('hex');
    const b = Buffer.from(ours.subarray(i, i + 4)).toString('hex');
    if (a !== b) return `${name}+0x${i.toString(16)}: gnu ${a || '(end)'} ours ${b || '(end)'} (sizes gnu ${gnu.length}, ours ${ours.length})`;
  }
  return undefined;
}
