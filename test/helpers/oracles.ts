/**
 * The Debian oracles some tests compare against (GNU binutils and gcc for mipsel, qemu-mipsel,
 * gxemul, spim, gdb-multiarch). `.ci/run` installs them all; on a machine without one, the tests
 * that need it skip and say so. The PATH lookup itself is shared with bench/ (bench/tools.ts).
 */
import { hasTool as onPath } from '../../bench/tools.js';

const reported = new Set<string>();

/** Whether `name` is an executable on PATH; a missing one is reported once. */
export function hasTool(name: string): boolean {
  const found = onPath(name);
  if (!found && !reported.has(name)) {
    reported.add(name);
    console.warn(`[oracle] ${name} is not installed: the tests that need it are skipped`);
  }
  return found;
}

/** Whether every tool is present (each missing one is reported once). */
export function hasTools(...names: string[]): boolean {
  return names.map(hasTool).every(Boolean);
}
