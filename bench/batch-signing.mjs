// A bank at volume: 1,000 one-MiB PDFs of many objects each (40 pages with an image apiece, as scans
// are), signed for one user through signBatch against the sandbox (its own process, auto-approving),
// in transactions of 50, 16 at a time. In the same run: the peer as the @signpdf READMEs show it (pdf-lib +
// @signpdf/signpdf + P12Signer, a local key) on a sample, and the streaming floor (hash and copy of
// the same bytes). Each side runs in a fresh process under /usr/bin/time -v (peak RSS); ours runs at
// two batch sizes, to show its memory does not grow with the batch. Outputs are checked with pdfsig.
// Uses the built packages: run `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { goal, positiveInt, printTable } from './report.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return positiveInt(name, at > 0 ? process.argv[at + 1] : fallback);
};
const count = arg('count', '1000');
// The larger batch for the memory comparison (default twice `count`). Both are past signBatch's working
// set (concurrency × 50 documents in flight, 800 here), so that only the batch's length differs.
const large = Math.max(count, arg('large', String(2 * count)));
const peerCount = Math.min(count, arg('peer-count', '100'));
// Transactions in flight (signBatch's `concurrency`): 16, its most, as a bank signing unattended would
// set it (the default, 4, suits a person approving each transaction on the phone).
const concurrency = arg('concurrency', '16');
const MIB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'smartca-bench-batch-'));
const input = join(dir, 'in');
mkdirSync(input);
try {
  // One many-object PDF, copied `count` times (every file is read and signed on its own).
  spawnSync(process.execPath, [here('batch/make-pdf.mjs'), join(dir, 'model.pdf'), String(MIB), '40'], {
    stdio: 'inherit',
  });
  for (let i = 1; i <= large; i++)
    copyFileSync(join(dir, 'model.pdf'), join(input, `hd-${String(i).padStart(5, '0')}.pdf`));
  const fileMiB = statSync(join(dir, 'model.pdf')).size / MIB;

  // The peer's PKCS#12, from the benchmark signer (RSA-2048, self-issued).
  spawnSync(process.execPath, [here('pdf/make-signer.mjs'), dir], { stdio: 'inherit' });
  const p12 = join(dir, 'signer.p12');
  spawnSync('openssl', ['x509', '-inform', 'der', '-in', join(dir, 'cert.der'), '-out', join(dir, 'cert.pem')]);
  const made = spawnSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      join(dir, 'key.pem'),
      '-in',
      join(dir, 'cert.pem'),
      '-out',
      p12,
      '-passout',
      'pass:bench',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl pkcs12 failed: ${made.stderr}`);

  const sandbox = spawn(process.execPath, [here('batch/sandbox-child.mjs'), '0'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const { url, root } = JSON.parse(
    await new Promise((resolve) => createInterface({ input: sandbox.stdout }).once('line', resolve)),
  );

  const runs = [];
  try {
    runs.push(['ours', count, await measure('batch/sign-ours.mjs', [input, out('ours'), url, root, String(count)])]);
    runs.push([
      'ours',
      large,
      await measure('batch/sign-ours.mjs', [input, out('ours-large'), url, root, String(large)]),
    ]);
  } finally {
    sandbox.stdin.end();
  }
  runs.push(['peer', peerCount, await measure('batch/sign-peer.mjs', [input, out('peer'), p12, String(peerCount)])]);
  runs.push(['floor', count, await measure('batch/floor.mjs', [input, out('floor'), String(count)])]);

  const valid = ['ours', 'peer'].every((side) =>
    [0, Math.floor((side === 'peer' ? peerCount : count) / 2)].every((i) =>
      pdfsigValid(join(dir, side, readdirSync(join(dir, side)).sort()[i])),
    ),
  );
  const [ours, oursLarge, peer, floor] = runs.map(([, , r]) => r);
  console.log(
    `\nbatch signing: ${count} PDFs of ${fileMiB.toFixed(2)} MiB (40 pages, ${4 + 3 * 40} objects each); sandbox auto-approves`,
  );
  printTable(
    ['side', 'documents', 'seconds', 'docs/s', 'peak RSS MiB', 'SmartCA requests/doc'],
    runs.map(([side, n, r]) => [
      side === 'ours' && n !== count ? `ours (batch of ${n})` : side,
      String(n),
      r.seconds.toFixed(2),
      (n / r.seconds).toFixed(1),
      r.rssMiB.toFixed(0),
      r.requests === undefined ? '-' : (r.requests / n).toFixed(3),
    ]),
  );
  const rate = (r, n) => n / r.seconds;
  console.log(`  pdfsig on a sample of ours and the peer's outputs: ${valid ? 'Signature is Valid' : 'INVALID'}`);
  goal(
    '≥ 8× the peer’s documents per second',
    rate(ours, count) >= 8 * rate(peer, peerCount),
    `${(rate(ours, count) / rate(peer, peerCount)).toFixed(1)}×`,
  );
  goal(
    'within 1.5× of the floor',
    ours.seconds <= 1.5 * floor.seconds,
    `${(ours.seconds / floor.seconds).toFixed(2)}×`,
  );
  goal(
    `peak RSS independent of the batch size (${large} vs ${count} documents, within 25 %)`,
    oursLarge.rssMiB <= 1.25 * ours.rssMiB,
    `${oursLarge.rssMiB.toFixed(0)} vs ${ours.rssMiB.toFixed(0)} MiB`,
  );
  if (!valid) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function out(name) {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Runs a script in a fresh process under /usr/bin/time -v: its JSON line, plus peak RSS in MiB. */
function measure(script, args, env = { BATCH_CONCURRENCY: String(concurrency) }) {
  const time = existsSync('/usr/bin/time');
  const command = time ? '/usr/bin/time' : process.execPath;
  const argv = time ? ['-v', process.execPath, here(script), ...args] : [here(script), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} failed:\n${stderr}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ...JSON.parse(stdout.trim().split('\n').at(-1)), rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN });
    });
  });
}

function pdfsigValid(path) {
  const run = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return /Signature Validation: Signature is Valid\./.test(`${run.stdout}${run.stderr}`);
}
