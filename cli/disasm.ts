/** `exo disasm FILE.elf [--raw]`: the objdump-style disassembly of an ELF executable. */
import { readFile } from 'node:fs/promises';
import { disasmListing } from '../assembler/disasm-listing.js';
import { ElfError, readElf } from '../assembler/elf-read.js';
import { UserError } from './errors.js';

export async function disasmCommand(file: string, opts: { raw?: boolean }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(e)})`;
    throw new UserError(`${file}: ${why}`);
  }
  let lines: string[];
  try {
    lines = disasmListing(readElf(bytes, file), file, { aliases: !opts.raw });
  } catch (e) {
    if (e instanceof ElfError) throw new UserError(`${file}: ${e.reason}`);
    throw e;
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
