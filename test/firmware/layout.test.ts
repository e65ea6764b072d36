/**
 * firmware/layout.ts: the `.equ` lines of firmware/layout.inc are the single source of every
 * shared number; the TypeScript side reads them (hex, negative, sums of earlier names).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firmwareDir } from '../../firmware/build.js';
import { L, Lopt, layout, parseLayout } from '../../firmware/layout.js';

describe('layout.inc', () => {
  it('parses decimal, hex, negative and binary values, names and sums, ignoring comments', () => {
    const l = parseLayout('# c\n\t.equ\tA, 0x10\t# hex\n\t.equ B, -0x1000\n.equ C, 12\n.set D, A + 4 - C\n.equ E, -1\n.equ F, 0b101\n.equ G, 010\n.equ H, 0xffffffff\nnot a line\n');
    expect({ ...l }).toEqual({ A: 16, B: -4096, C: 12, D: 8, E: -1, F: 5, G: 8, H: 0xffffffff });
    expect(Object.isFrozen(l)).toBe(true);
  });

  it('refuses what it cannot read, naming the line', () => {
    expect(() => parseLayout('.equ A, 1\n.equ B, A << 2\n', 'x.inc')).toThrow(/^internal: x\.inc:2: cannot evaluate 'A << 2' for B/);
    expect(() => parseLayout('.equ B, NOPE + 1\n', 'x.inc')).toThrow(/x\.inc:1: cannot evaluate/);
    expect(() => parseLayout('.equ 1B\n', 'x.inc')).toThrow(/x\.inc:1: cannot read/);
    expect(() => parseLayout('.equ A, 1\n.equ A, 2\n', 'x.inc')).toThrow(/x\.inc:2: A redefined/);
  });

  it('reads every .equ of firmware/layout.inc once', () => {
    const text = readFileSync(join(firmwareDir(), 'layout.inc'), 'utf8');
    const names = [...text.matchAll(/^\s*\.equ\s+(\w+)\s*,/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(100);
    expect(Object.keys(layout()).sort()).toEqual([...new Set(names)].sort());
    expect(layout()).toBe(layout());
    expect(L('HOOK')).toBe(0x3e5);
    expect(L('KG_CUR_ENV')).toBeLessThan(0);
    expect(L('PG_KERNEL')).toBe(0xffffffff);
    expect(Lopt('NO_SUCH_NAME')).toBeUndefined();
    expect(() => L('NO_SUCH_NAME')).toThrow('internal: firmware/layout.inc has no .equ NO_SUCH_NAME');
  });
});
