// The one command that runs every check: typecheck, build, the Node tests (over real loopback HTTP,
// external validators included), and the API reference (typedoc fails on any warning). It ends with
// the line `N passed, N failed`, where a failed check step counts as a failure too.
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
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['build', 'npm', ['run', 'build', '--silent']],
];
for (const [name, command, args] of steps) {
  if (step(name, command, args)) passed += 1;
  else failed += 1;
}

rmSync(countsFile, { force: true });
const filter = process.argv.slice(2);
const files = testFiles('test').filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
step('node tests', process.execPath, [
  '--conditions=source', '--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/count-reporter.mjs', `--test-reporter-destination=${countsFile}`,
  ...files,
]);
if (existsSync(countsFile)) {
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  failures.push(...counts.failures);
  rmSync(countsFile, { force: true });
} else {
  failed += 1;
  failures.push('node tests did not report');
}

if (step('API reference (typedoc, warnings are errors)', 'npx', ['typedoc'])) passed += 1;
else failed += 1;

if (failures.length) console.log(`\nFailures:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
