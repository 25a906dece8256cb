// PAdES signing of 1, 10 and 100 MiB PDFs: @smartca-kit/documents beside @signpdf/signpdf with pdf-lib,
// each run a fresh process measured by /usr/bin/time -v (wall clock, peak RSS). Every output is
// checked with pdfsig. Uses the built packages: run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goal, positiveInt, printTable } from './report.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const MIB = 1024 * 1024;
const sizeArg = process.argv.indexOf('--sizes');
const sizes = sizeArg > 0 ? process.argv[sizeArg + 1].split(',').map((s) => positiveInt('sizes', s)) : [1, 10, 100];
const repeats = process.argv.includes('--repeats')
  ? positiveInt('repeats', process.argv[process.argv.indexOf('--repeats') + 1])
  : 3;
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const dir = mkdtempSync(join(tmpdir(), 'smartca-bench-pdf-'));
spawnSync(process.execPath, [here('pdf/make-signer.mjs'), dir], { stdio: 'inherit' });

/** Runs a script in a fresh process; returns wall seconds and peak RSS in MiB. */
function measure(script, args) {
  if (timeBinary) {
    const run = spawnSync(timeBinary, ['-v', process.execPath, here(script), ...args], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${script} failed:\n${run.stderr}`);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
    const seconds = Number(wall?.[1] ?? 0) * 3600 + Number(wall?.[2] ?? 0) * 60 + Number(wall?.[3] ?? 0);
    return { seconds, rssMiB: Number(rss?.[1] ?? 0) / 1024 };
  }
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [here(script), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${script} failed:\n${run.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rssMiB: Number.NaN };
}

function pdfsigValid(path) {
  const out = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return /Signature Validation: Signature is Valid\./.test(`${out.stdout}${out.stderr}`);
}

const best = (runs) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
const rows = [];
const results = new Map();
for (const size of sizes) {
  const input = join(dir, `in-${size}.pdf`);
  spawnSync(process.execPath, ['--import', 'tsx', here('pdf/make-fixture.ts'), input, String(size * MIB)], {
    stdio: 'inherit',
  });
  const ours = [];
  const peer = [];
  let valid = true;
  for (let i = 0; i < repeats; i++) {
    const outOurs = join(dir, `ours-${size}.pdf`);
    const outPeer = join(dir, `peer-${size}.pdf`);
    ours.push(measure('pdf/sign-ours.mjs', [input, outOurs, dir]));
    peer.push(measure('pdf/sign-peer.mjs', [input, outPeer, dir]));
    valid &&= pdfsigValid(outOurs) && pdfsigValid(outPeer);
  }
  const o = best(ours);
  const p = best(peer);
  results.set(size, { o, p, valid });
  rows.push([
    `${size} MiB`,
    `${p.seconds.toFixed(2)} s`,
    `${p.rssMiB.toFixed(0)} MiB`,
    `${o.seconds.toFixed(2)} s`,
    `${o.rssMiB.toFixed(0)} MiB`,
    `${(p.seconds / o.seconds).toFixed(1)}×`,
    valid ? 'valid' : 'INVALID',
  ]);
  rmSync(input);
}

console.log(
  `PAdES signing, best of ${repeats} fresh processes each (wall clock includes process start)${timeBinary ? '' : '; /usr/bin/time missing, RSS not measured'}\n`,
);
printTable(['size', 'peer: @signpdf+pdf-lib', 'peer RSS', 'ours', 'ours RSS', 'ours faster by', 'pdfsig'], rows);
console.log('\nGoals:');
const big = results.get(100);
if (big) {
  goal('100 MiB: wall ≤ 1.0 s', big.o.seconds <= 1.0, `${big.o.seconds.toFixed(2)} s`);
  goal('100 MiB: peak RSS ≤ 150 MiB', big.o.rssMiB <= 150, `${big.o.rssMiB.toFixed(0)} MiB`);
  goal(
    '100 MiB: ≥ 6× faster than the peer',
    big.p.seconds / big.o.seconds >= 6,
    `${(big.p.seconds / big.o.seconds).toFixed(1)}×`,
  );
}
const small = results.get(1);
if (small) goal('1 MiB: ≤ 0.25 s including process start', small.o.seconds <= 0.25, `${small.o.seconds.toFixed(2)} s`);
goal(
  'every output valid in pdfsig',
  [...results.values()].every((r) => r.valid),
  'pdfsig',
);
rmSync(dir, { recursive: true, force: true });
