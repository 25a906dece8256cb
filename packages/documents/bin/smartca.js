#!/usr/bin/env node
// The `smartca` command. npm links a workspace's bins when it installs, before `npm run build` has
// written dist/, and skips a link whose target is missing: so the link points here, a file that is
// always there, and this loads the built CLI.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('smartca: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
await import(cli.href);
