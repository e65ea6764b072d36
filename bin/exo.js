#!/usr/bin/env node
// The `exo` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare`
// script), so starting the CLI costs no compilation.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('exo: error: the build is missing (dist/); run `npm ci` or `npm run build` first\n');
  process.exit(2);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv);
