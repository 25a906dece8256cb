// The one command that runs every check: typecheck, build, the docs site, the Node tests (over real loopback HTTP,
// external validators and real-browser journeys included), the widget tests (@web/test-runner in
// chromium; Firefox with SMARTCA_BROWSERS=chromium,firefox), and the API reference (typedoc fails on any warning). It ends with the line
// `N passed, N failed`, where a failed check step counts as a failure too. Arguments filter test
// files by substring, in both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const countsFile = join(root, '.test-counts.json');
let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (!ok) failures.push(`step failed: ${name}`);
  return ok;
}

function testFiles(dir) {
  return readdirSync(join(root, dir), { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)))
    .sort();
}

const steps = [
  // One formatter over the tree (Prettier, 120 columns; .prettierrc.json): `npm run format` fixes it.
  ['format (prettier --check; npm run format fixes it)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck (elements and widget tests)', 'npx', ['tsc', '-p', 'packages/elements/tsconfig.json']],
  ['build', 'npm', ['run', 'build', '--silent']],
  // The docs site (API and component reference generated, then VitePress), which test/docs drives
  // in chromium. About 60 s on two cores, most of it typedoc.
  ['docs site (npm run docs:site)', 'npm', ['run', 'docs:site', '--silent']],
];
for (const [name, command, args] of steps) {
  if (step(name, command, args)) passed += 1;
  else failed += 1;
}

const filter = process.argv.slice(2);
const files = testFiles('test').filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (files.length > 0) nodeTests('node tests', [], '');

// The Node tests again with the machine's clock moved (SMARTCA_TEST_CLOCK_SHIFT, e.g. `+400d`, as
// faketime spells an offset), so that a test that only passes near the day it was written fails in
// CI today rather than in a year. CI sets it; a local run may too. Monotonic clocks stay real, so
// timers and timeouts behave.
const shift = process.env.SMARTCA_TEST_CLOCK_SHIFT;
if (shift && files.length > 0) {
  nodeTests(`node tests at a shifted clock (faketime ${shift})`, ['faketime', '-f', shift], `[clock ${shift}] `, {
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  });
}

/** Runs the Node test files, `prefix`ed by a wrapper command, and adds their counts to the totals. */
function nodeTests(name, wrapper, label, env = {}) {
  rmSync(countsFile, { force: true });
  const node = [
    process.execPath,
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${countsFile}`,
    ...files,
  ];
  const [command, ...args] = [...wrapper, ...node];
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(`step failed: ${name}`);
  if (!existsSync(countsFile)) {
    failed += 1;
    failures.push(`${name} did not report${result.error ? ` (${result.error.message})` : ''}`);
    return;
  }
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  failures.push(...counts.failures.map((f) => `${label}${f}`));
  rmSync(countsFile, { force: true });
}

const widgetFiles = testFiles('packages/elements/test').filter(
  (f) => filter.length === 0 || filter.some((p) => f.includes(p)),
);
if (widgetFiles.length > 0) {
  const widgets = widgetTests(widgetFiles);
  passed += widgets.passed;
  failed += widgets.failed;
  failures.push(...widgets.failures);
}

if (step('API reference (typedoc, warnings are errors)', 'npx', ['typedoc'])) passed += 1;
else failed += 1;

/**
 * Runs @web/test-runner on `files` and reads its counts. Its summary shares a line with a progress bar,
 * one per browser (`Chrome: |███| 2/2 test files | 6 passed, 0 failed`, then `Firefox: ...`): the last
 * line of each browser counts, summed, and printed again alone.
 */
function widgetTests(files) {
  console.log('\n▶ widget tests (@web/test-runner, chromium)');
  const result = spawnSync(
    'npx',
    ['wtr', '--config', 'web-test-runner.config.mjs', ...files.flatMap((f) => ['--files', f])],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  const perBrowser = new Map(
    [...output.matchAll(/(\w+): \|[^|\n]*\| \d+\/\d+ test files \| (\d+) passed, (\d+) failed/g)].map((m) => [
      m[1],
      [Number(m[2]), Number(m[3])],
    ]),
  );
  if (perBrowser.size === 0) return { passed: 0, failed: 1, failures: ['widget tests did not report'] };
  const [ok, bad] = [...perBrowser.values()].reduce(([p, f], [a, b]) => [p + a, f + b], [0, 0]);
  console.log(`${ok} passed, ${bad} failed`);
  const failing = [...output.matchAll(/❌ (.+)/g)].map((m) => `widget › ${m[1].trim()}`);
  if (result.status !== 0 && bad === 0) return { passed: ok, failed: 1, failures: ['widget test run failed'] };
  return { passed: ok, failed: bad, failures: bad > 0 ? failing : [] };
}

if (failures.length) console.log(`\nFailures:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
