/** Whether a host tool is on PATH (cached). Shared by bench/ and the tests (test/helpers/oracles.ts). */
import { spawnSync } from 'node:child_process';

const cache = new Map<string, boolean>();

export function hasTool(name: string): boolean {
  let found = cache.get(name);
  if (found === undefined) {
    found = spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
    cache.set(name, found);
  }
  return found;
}
