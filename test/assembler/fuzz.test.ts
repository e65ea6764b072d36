/**
 * Fuzzing: random text and mutated corpus sources never make `assemble` throw (every problem is
 * a diagnostic), and each run finishes quickly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../assembler/index.js';

const CORPUS = join(import.meta.dirname, 'corpus');
const sources = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.s'))
  .map((f) => readFileSync(join(CORPUS, f), 'utf8'));
const includeText = readFileSync(join(CORPUS, 'inc', 'defs.inc'), 'utf8');

/** Assembles and checks the contract: no throw, diagnostics well formed, bounded time. */
function check(text: string): void {
  const t0 = performance.now();
  const r = assemble([{ name: 'f.s', text }], { readFile: (p) => (p === 'inc/defs.inc' ? includeText : undefined) });
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(3000);
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(0);
    expect(d.col).toBeGreaterThanOrEqual(0);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
  const errors = r.diagnostics.some((d) => d.severity === 'error');
  expect(r.image === undefined).toBe(errors);
}

const ASM_CHARS = 'abcdefghijklmnopqrstuvwxyz$0123456789 \t,()+-*/%<<>>&|^~!:;#"\'\\.=_@\n%hilo';
const asmish = fc.string({ unit: fc.constantFrom(...ASM_CHARS.split('')), maxLength: 200 });
const words = ['lw', 'sw', 'li', 'la', 'addu', 'beq', 'b', '.word', '.half', '.byte', '.space', '.align', '.org', '.macro', '.endm', '.set', 'noreorder', 'reorder', '.if', '.endif', '.include', '.equ', '$t0', '$at', '$zero', '1f', '1b', '1:', 'x:', 'x', '%hi(x)', '%lo(x)', '(', ')', ',', '0x7fff', '-1', '"s"', '.text', '.data', '.bss', 'div', 'mul', 'blt', 'ulw', 'mfc0', '$12', 'break', 'syscall', 'jal', 'jr', '\n', '\\a', '.rept', '0x10000000'];
const tokenSoup = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((ws) => ws.join(' '));

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'byte'; at: number; other: number; byte: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'byte'),
  at: fc.nat(),
  other: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
});

/** Applies token-level mutations (tokens split at blanks and commas, separators kept). */
function mutate(src: string, ms: Mutation[]): string {
  const toks = src.split(/(\s+|,)/);
  for (const m of ms) {
    if (toks.length === 0) break;
    const i = m.at % toks.length;
    const j = m.other % toks.length;
    switch (m.kind) {
      case 'delete':
        toks.splice(i, 1);
        break;
      case 'duplicate':
        toks.splice(i, 0, toks[i]!);
        break;
      case 'swap':
        [toks[i], toks[j]] = [toks[j]!, toks[i]!];
        break;
      case 'byte': {
        const t = toks[i]!;
        const k = t.length ? m.other % t.length : 0;
        toks[i] = t.slice(0, k) + String.fromCharCode(m.byte) + t.slice(k + 1);
        break;
      }
    }
  }
  return toks.join('');
}

describe('fuzz: assemble never throws', () => {
  it('random assembly-like text', () => {
    fc.assert(fc.property(asmish, (s) => check(s)), { numRuns: 400 });
  });

  it('random token soup', () => {
    fc.assert(fc.property(tokenSoup, fc.array(tokenSoup, { maxLength: 5 }), (a, rest) => check([a, ...rest].join('\n'))), { numRuns: 300 });
  });

  it('random unicode and control characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => check(s)), { numRuns: 200 });
  });

  it('mutated corpus sources (delete/duplicate/swap tokens, random bytes)', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (k, ms) => check(mutate(sources[k]!, ms))),
      { numRuns: 150 },
    );
  });

  it('self-recursive and exponential macros end with a diagnostic', () => {
    check('\t.macro m\n\tm\n\tm\n\t.endm\n\tm\n');
    check('\t.macro m a\n\tm \\a\\a\n\t.endm\n\tm x\n');
  });
});
