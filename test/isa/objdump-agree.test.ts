/**
 * The table against GNU objdump (binutils 2.40, `-m mips:3000`): for every table entry's encoding
 * with random fields, every opcode/funct/rt/rs combination with random other fields, and 200,000
 * random words, our disassembly and objdump's agree on which words are MIPS I instructions and on
 * their text, both with aliases (objdump default) and without (`-M no-aliases`, our `aliases:
 * false`). Each difference must be explained by a documented rule (known-differences.ts).
 */
import { describe, expect, it } from 'vitest';
import { ISA } from '../../emulator/isa.js';
import { disassemble } from '../../assembler/disasm.js';
import { hasTool } from '../helpers/oracles.js';
import { OBJDUMP, objdumpWords } from './objdump-oracle.js';
import { KNOWN_DIFFERENCES, explainDifference, xorshift } from './known-differences.js';

const BASE = 0x00400000;

function corpus(): number[] {
  const rnd = xorshift(0x5eed);
  const words: number[] = [];
  for (const e of ISA) {
    words.push(e.match);
    for (let i = 0; i < 32; i++) words.push((e.match | (rnd() & ~e.mask)) >>> 0);
  }
  // Every selector combination: opcode x (funct | REGIMM rt | COPz rs), random other fields, and
  // the same with the usually-zero fields cleared.
  for (let op = 0; op < 64; op++)
    for (let k = 0; k < 64; k++)
      for (let j = 0; j < 4; j++) {
        let w = ((rnd() & 0x03ffffff) | (op << 26)) >>> 0;
        if (op === 0) w = (w & ~63) | k;
        else if (op === 1) w = (w & ~(31 << 16)) | ((k & 31) << 16);
        else if (op >= 0x10 && op <= 0x13) w = (w & ~(31 << 21)) | ((k & 31) << 21);
        if (j === 1) w &= 0xffe0003f | 0x001f0000;
        if (j === 2) w &= ~0x7c0;
        if (j === 3) w &= 0xffff003f;
        words.push(w >>> 0);
      }
  // COP0..3 with the CO bit and every function code.
  for (let z = 0; z < 4; z++)
    for (let fn = 0; fn < 64; fn++) {
      words.push((((0x10 + z) << 26) | (1 << 25) | fn) >>> 0);
      words.push((((0x10 + z) << 26) | (1 << 25) | (rnd() & 0x01ffffc0) | fn) >>> 0);
    }
  for (let i = 0; i < 200_000; i++) words.push(rnd());
  return words;
}

describe.skipIf(!hasTool(OBJDUMP))('table and disassembler against GNU objdump', () => {
  const words = corpus();

  for (const noAliases of [false, true]) {
    it(`agrees with objdump${noAliases ? ' -M no-aliases' : ''} on ${words.length} words`, () => {
      const theirs = objdumpWords(words, BASE, noAliases);
      const fired = new Map<string, number>();
      const unexplained: string[] = [];
      let valid = 0;
      theirs.forEach((t, i) => {
        const w = words[i]!;
        expect(t.word).toBe(w);
        const ours = disassemble(w, BASE + i * 4, { aliases: !noAliases });
        if (ours.entry) valid++;
        if (ours.text === t.text) return;
        const why = explainDifference(w, ours.text, t.text, noAliases);
        if (why) fired.set(why.name, (fired.get(why.name) ?? 0) + 1);
        else if (unexplained.length < 40) unexplained.push(`${w.toString(16).padStart(8, '0')}: objdump "${t.text}" ours "${ours.text}"`);
      });
      expect(unexplained).toEqual([]);
      // The sample must exercise the instruction set, not just invalid words.
      expect(valid).toBeGreaterThan(words.length / 2);
      console.log(
        `[objdump${noAliases ? ' no-aliases' : ''}] ${words.length} words, ${valid} valid; documented differences: ` +
          KNOWN_DIFFERENCES.map((d) => `${d.name}=${fired.get(d.name) ?? 0}`).join(' '),
      );
    });
  }

  it('every table entry disassembles to its own mnemonic in objdump -M no-aliases', () => {
    const rnd = xorshift(99);
    const samples: { e: (typeof ISA)[number]; w: number }[] = [];
    for (const e of ISA)
      for (let i = 0; i < 8; i++) {
        let w = (e.match | (rnd() & ~e.mask)) >>> 0;
        // Keep SUB/SUBU off rs = zero (objdump's neg/negu) and COP1 operations off the FPU formats.
        if ((e.op === 'sub' || e.op === 'subu') && ((w >>> 21) & 31) === 0) w |= 1 << 21;
        if (e.mnemonic === 'c1') w = ((w & ~0x01e00000) | (0x3 << 21)) >>> 0;
        samples.push({ e, w });
      }
    const theirs = objdumpWords(samples.map((s) => s.w), BASE, true);
    const wrong = samples
      .map((s, i) => ({ ...s, t: theirs[i]! }))
      .filter(({ e, t }) => t.mnemonic !== e.mnemonic)
      .map(({ e, w, t }) => `${e.mnemonic} ${w.toString(16)} -> ${t.text}`);
    expect(wrong).toEqual([]);
  });
});
