// Runs every benchmark, one after the other (never in parallel: they would skew each other's timings).
// Each script prints its own table and goals; this exits non-zero only if a script crashed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPTS = [
  'bundle-size.mjs',
  'cold-start.mjs',
  'approval-latency.mjs',
  'sdk-overhead.mjs',
  'pdf-signing.mjs',
  'relay-throughput.mjs',
  'batch-signing.mjs',
];

let failed = false;
for (const script of SCRIPTS) {
  console.log(`\n=== ${script} ===`);
  const { status, signal } = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    stdio: 'inherit',
  });
  if (status !== 0) {
    console.error(`${script} failed (${signal ?? `exit code ${status}`})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
