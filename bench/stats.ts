/**
 * Parses `exo run --stats` output: `key: value` lines on stderr (cli/run.ts `formatStats`). Keys are
 * normalised (lower case, spaces and dashes to `_`) so small format changes do not break the bench.
 */
export type Stats = Map<string, string>;

export function parseStats(stderr: string): Stats {
  const stats: Stats = new Map();
  for (const line of stderr.split('\n')) {
    const m = /^\s*([A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(\S.*?)\s*$/.exec(line);
    if (m) stats.set(m[1]!.toLowerCase().replace(/[\s-]+/g, '_'), m[2]!);
  }
  return stats;
}

/** The first of `keys` present as a non-negative number. */
export function statNumber(stats: Stats, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = stats.get(k);
    if (v === undefined) continue;
    const n = Number(v.replace(/[, ]/g, '').replace(/s$/, ''));
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

export function instructionsOf(stats: Stats): number | undefined {
  return statNumber(stats, 'instructions', 'instructions_retired', 'retired', 'insns');
}

export function hostSecondsOf(stats: Stats): number | undefined {
  return statNumber(stats, 'host_seconds', 'seconds', 'host_time', 'time');
}
