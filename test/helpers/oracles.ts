/**
 * The Debian oracles some tests compare against (GNU binutils and gcc for mipsel, qemu-mipsel,
 * gxemul, spim, gdb-multiarch). `.ci/run` installs them all; on a machine without one, the tests
 * that need it skip and say so.
 */
import { spawnSync } from 'node:child_process';

const cache = new Map<string, boolean>();

/** Whether `name` is an executable on PATH. */
export function hasTool(name: string): boolean {
  let found = cache.get(name);
  if (found === undefined) {
    found = spawnSync('which', [name], { stdio: 'ignore' }).status === 0;
    cache.set(name, found);
    if (!found) console.warn(`[oracle] ${name} is not installed: the tests that need it are skipped`);
  }
  return found;
}

/** Whether every tool is present (each missing one is reported once). */
export function hasTools(...names: string[]): boolean {
  return names.map(hasTool).every(Boolean);
}
