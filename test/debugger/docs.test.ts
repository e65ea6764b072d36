/** docs/debugger.md documents every key binding and every command the parser accepts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../debugger/commands.js';
import { KEY_BINDINGS } from '../../debugger/keys.js';

const doc = readFileSync(new URL('../../docs/debugger.md', import.meta.url), 'utf8');

describe('docs/debugger.md', () => {
  it('lists each key', () => {
    for (const b of KEY_BINDINGS) {
      if (b.label === '' || b.label === '1-8') continue;
      for (const k of b.label.split(/\s{2,}/)) expect(doc, k).toContain(k.split(/ /)[0]!);
    }
  });
  it('lists each command', () => {
    for (const line of COMMAND_HELP) {
      const verb = /^([a-z-]+)/.exec(line)?.[1];
      if (verb !== undefined) expect(doc, verb).toContain(`\`${verb}`);
    }
  });
  it('has terminal screenshots', () => {
    expect(doc).toMatch(/```\n 1 Code {2}2 CP0/);
    expect(doc).toMatch(/\[paused\] insn [0-9,]+ {2}cycles/);
  });
});
