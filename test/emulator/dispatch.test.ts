/**
 * The interpreter's switch uses literal case labels (performance.md fact 1); this checks them
 * against the ISA table: every entry has a case labelled with its mnemonic, and every case is an
 * entry (or the RI marker).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISA } from '../../emulator/isa.js';
import { RI_ID } from '../../emulator/bus.js';

const src = readFileSync(new URL('../../emulator/interpreter.ts', import.meta.url), 'utf8');
const cases = [...src.matchAll(/^\s*case (\d+):(?: \{)? \/\/ (\S+)/gm)].map((m) => ({ id: Number(m[1]), name: m[2]! }));

describe('interpreter dispatch', () => {
  it('finds the case labels', () => {
    expect(cases.length).toBeGreaterThan(90);
  });

  it('labels every case with the mnemonic of its table entry', () => {
    for (const c of cases) {
      if (c.id === RI_ID) continue;
      expect(ISA[c.id]?.mnemonic, `case ${c.id}`).toBe(c.name);
    }
  });

  it('coprocessor.ts labels its cases with the mnemonics of their table entries', () => {
    const cop = readFileSync(new URL('../../emulator/coprocessor.ts', import.meta.url), 'utf8');
    const copCases = [...cop.matchAll(/^\s*case (\d+):(?: \{)? \/\/ (\S+)/gm)].map((m) => ({ id: Number(m[1]), name: m[2]! }));
    expect(copCases.map((c) => c.id).sort((a, b) => a - b)).toEqual(ISA.filter((e) => e.class === 'cop0' || e.cop !== undefined).map((e) => e.id));
    for (const c of copCases) expect(ISA[c.id]?.mnemonic, `case ${c.id}`).toBe(c.name);
  });

  it('has a case for every table entry and for RI', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const e of ISA) expect(ids.has(e.id), `${e.mnemonic} (${e.id})`).toBe(true);
    expect(ids.has(RI_ID)).toBe(true);
    expect(RI_ID).toBeGreaterThanOrEqual(ISA.length);
  });
});
