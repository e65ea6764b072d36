/**
 * The installed filters, as the kernel's install/remove hooks keep them (docs/downloaded-code.md
 * §1.5): decode and validate the binary filter, refuse one that overlaps another owner's, give it
 * an id, and recompile the one classifier routine after every change.
 *
 * Errors: DPF_ERR codes (encoding.ts) for a bad filter or an overlap; layout.inc's ENOMEM (table
 * full), ENOENT (no such filter) and EPERM (another owner's filter) for the table operations.
 */
import { L } from '../layout.js';
import { compileFilters, type CompileOptions, type CompiledClassifier } from './compile.js';
import { decodeFilter, type DecodeResult } from './encoding.js';
import type { Filter } from './filter.js';
import { checkInstall } from './overlap.js';

export interface DpfEntry {
  /** Never reused while the table lives (1, 2, ...). */
  readonly id: number;
  /** The installing environment's id. */
  readonly owner: number;
  readonly filter: Filter;
}

export type InstallResult = { readonly ok: true; readonly id: number } | { readonly ok: false; readonly code: number; readonly reason: string };

export interface TableClassifier extends CompiledClassifier {
  /** Per classifier result index: the entry it stands for (install order). */
  readonly entries: readonly DpfEntry[];
}

export class DpfTable {
  private list: DpfEntry[] = [];
  private nextId = 1;

  constructor(readonly maxFilters = 64) {}

  /** Installed filters in install order (= classifier index order). */
  entries(): readonly DpfEntry[] {
    return this.list;
  }

  install(owner: number, filter: Filter): InstallResult {
    if (this.list.length >= this.maxFilters) return { ok: false, code: L('ENOMEM'), reason: `${this.maxFilters} filters are installed already` };
    const chk = checkInstall(this.list, filter, owner);
    if (!chk.ok) return { ok: false, code: chk.code, reason: chk.reason };
    const id = this.nextId++;
    this.list.push({ id, owner, filter });
    return { ok: true, id };
  }

  /** Decodes the binary form (`readWord(i)`: word i of the caller's buffer) and installs it. */
  installEncoded(owner: number, readWord: (i: number) => number | undefined): InstallResult {
    const d: DecodeResult = decodeFilter(readWord);
    if (!d.ok) return { ok: false, code: d.code, reason: d.reason };
    return this.install(owner, d.filter);
  }

  /** 0, or ENOENT / EPERM. */
  remove(owner: number, id: number): number {
    const i = this.list.findIndex((e) => e.id === id);
    if (i < 0) return L('ENOENT');
    if (this.list[i]!.owner !== owner) return L('EPERM');
    this.list.splice(i, 1);
    return 0;
  }

  /** Removes every filter of an owner (it was destroyed); returns how many. */
  removeOwner(owner: number): number {
    const before = this.list.length;
    this.list = this.list.filter((e) => e.owner !== owner);
    return before - this.list.length;
  }

  /** The classifier routine for all installed filters, for kseg0 address `base`. */
  compile(base: number, opts: CompileOptions = {}): TableClassifier {
    const c = compileFilters(
      this.list.map((e) => e.filter),
      base,
      opts,
    );
    return { ...c, entries: [...this.list] };
  }
}
