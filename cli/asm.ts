/**
 * `exo asm FILE.s... -o OUT.elf`: assemble and link. Every diagnostic goes to stderr as
 * `file:line:col: severity: message`; on an error the exit code is 1 and no output is written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { assemble, formatDiagnostic, type SourceFile } from '../assembler/index.js';
import { UserError } from './errors.js';

export interface AsmOptions {
  output: string;
  Ttext?: number;
  Tdata?: number;
  entry?: string;
  listing?: string | boolean;
  map?: string | boolean;
  /** commander's `--no-warn` sets warn to false. */
  warn?: boolean;
}

export async function asmCommand(files: string[], opts: AsmOptions): Promise<number> {
  const sources: SourceFile[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new UserError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    sources.push({ name: f, text });
  }
  const r = assemble(sources, { textAddr: opts.Ttext, dataAddr: opts.Tdata, entry: opts.entry });
  const showWarnings = opts.warn !== false;
  for (const d of r.diagnostics) {
    if (d.severity === 'warning' && !showWarnings) continue;
    process.stderr.write(formatDiagnostic(d) + '\n');
  }
  if (!r.elf) return 1;
  try {
    writeFileSync(opts.output, r.elf);
    if (opts.listing !== undefined && opts.listing !== false) writeText(opts.listing, r.listing ?? '');
    if (opts.map !== undefined && opts.map !== false) writeText(opts.map, r.map ?? '');
  } catch (e) {
    throw new UserError(`cannot write: ${(e as Error).message}`);
  }
  return 0;
}

function writeText(dest: string | boolean, text: string): void {
  if (dest === true) process.stdout.write(text);
  else writeFileSync(dest as string, text);
}
