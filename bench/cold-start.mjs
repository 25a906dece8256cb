// Cold start: what importing the SDK adds to a fresh Node process, as a serverless relay pays it on
// every cold start. Runs bare `node -e ''` and processes that import `@smartca-kit/sdk`, `/relay` and
// `/core` (the built dist/: run `npm run build` first), alternating, `--runs` times each, and prints
// the median and p90 wall time of each and their difference from bare Node.
// Goal: importing the SDK root costs ≤ 100 ms over bare Node (medians).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { goal, positiveInt, printTable } from './report.mjs';

const runs = process.argv.includes('--runs')
  ? positiveInt('runs', process.argv[process.argv.indexOf('--runs') + 1])
  : 40;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GOAL_MS = 100;

const importing = (specifier) => ['--input-type=module', '-e', `import ${JSON.stringify(specifier)};`];
const CASES = [
  { label: "bare node -e ''", args: ['-e', ''] },
  { label: 'node, empty ES module', args: ['--input-type=module', '-e', ''] },
  { label: '@smartca-kit/sdk', args: importing('@smartca-kit/sdk') },
  { label: '@smartca-kit/sdk/relay', args: importing('@smartca-kit/sdk/relay') },
  { label: '@smartca-kit/sdk/core', args: importing('@smartca-kit/sdk/core') },
  // What the root loaded before X.509 and zod became lazy, for scale (not judged).
  {
    label: 'peer: reflect-metadata + @peculiar/x509',
    args: ['--input-type=module', '-e', "import 'reflect-metadata'; import '@peculiar/x509';"],
  },
  { label: 'peer: zod (full)', args: importing('zod') },
];

/** Wall time of one fresh process, ms. */
function once(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

for (const c of CASES) once(c.args); // warm the file cache
const times = CASES.map(() => []);
for (let round = 0; round < runs; round++) {
  // Alternate, rotating the order, so that a busy moment of the machine falls on every case alike.
  for (let k = 0; k < CASES.length; k++) {
    const i = (round + k) % CASES.length;
    times[i].push(once(CASES[i].args));
  }
}

const stats = times.map((list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
});
const bare = stats[0];
const signed = (ms) => `${ms < 0 ? '−' : '+'}${Math.abs(ms).toFixed(1)}`;
console.log(`cold start, ${runs} alternating runs each (wall time of a fresh process)`);
printTable(
  ['process', 'median ms', 'p90 ms', 'median − bare', 'p90 − bare'],
  CASES.map((c, i) => [
    c.label,
    stats[i].median.toFixed(1),
    stats[i].p90.toFixed(1),
    i === 0 ? '-' : signed(stats[i].median - bare.median),
    i === 0 ? '-' : signed(stats[i].p90 - bare.p90),
  ]),
);
const root = stats[2].median - bare.median;
goal(
  `importing @smartca-kit/sdk costs ≤ ${GOAL_MS} ms over bare Node (medians)`,
  root <= GOAL_MS,
  `${signed(root)} ms`,
);
