/** Register names: GPR ABI names (o32), and coprocessor register names as GNU objdump prints them. */

/** ABI names without the `$`, index = register number (objdump's default spelling). */
export const GPR_NAMES: readonly string[] = [
  'zero', 'at', 'v0', 'v1', 'a0', 'a1', 'a2', 'a3',
  't0', 't1', 't2', 't3', 't4', 't5', 't6', 't7',
  's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7',
  't8', 't9', 'k0', 'k1', 'gp', 'sp', 's8', 'ra',
];

/** Every name the assembler accepts for a GPR (after the `$`), mapped to its number. */
export const GPR_BY_NAME: ReadonlyMap<string, number> = new Map<string, number>([
  ...GPR_NAMES.map((n, i) => [n, i] as [string, number]),
  ['fp', 30],
  ...Array.from({ length: 32 }, (_, i) => [String(i), i] as [string, number]),
]);

/** R3000 CP0 register names as `mipsel-linux-gnu-objdump -d` prints them for an r3000 object. */
export const CP0_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'c0_index'],
  [1, 'c0_random'],
  [2, 'c0_entrylo'],
  [4, 'c0_context'],
  [8, 'c0_badvaddr'],
  [10, 'c0_entryhi'],
  [12, 'c0_sr'],
  [13, 'c0_cause'],
  [14, 'c0_epc'],
  [15, 'c0_prid'],
]);

/** CP0 register numbers by name (the assembler accepts these as well as `$12`). */
export const CP0_BY_NAME: ReadonlyMap<string, number> = new Map(
  [...CP0_NAMES].map(([n, name]) => [name, n] as [string, number]),
);

/** CP1 control register names objdump uses. */
export const CP1_CTL_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'c1_fir'],
  [31, 'c1_fcsr'],
]);
