// SDK overhead: what one SDK call costs on top of the HTTP request it makes. The peer is a raw `fetch`
// of the same endpoint with the same body, followed by `response.json()`: the least a partner could do
// by hand, so the difference is exactly the SDK's own work (ky, retry bookkeeping, request ids, zod
// validation, error mapping and, for certificates, X.509 parsing).
// The sandbox runs as a separate process, as SmartCA would, so its CPU time is not charged to either side.
// Calls are sequential and the two sides alternate in batches, so drift (GC, a busy neighbour) hits both.
// Usage: node bench/sdk-overhead.mjs [--rounds 10] [--calls 200]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSmartCA } from '@smartca-kit/sdk';

const { values } = parseArgs({ options: {
  rounds: { type: 'string', default: '10' }, calls: { type: 'string', default: '200' },
} });
const ROUNDS = positiveInt('rounds', values.rounds);
const CALLS = positiveInt('calls', values.calls);
const WARMUP = 200; // lets V8 optimise both paths and undici open its keep-alive socket
const GOAL_PCT = 10;

const SP_ID = 'sandbox-partner';
const SECRET = 'sandbox-secret';
const USER_ID = '079088000003';

const cli = fileURLToPath(new URL('../packages/sandbox/dist/cli.js', import.meta.url));
const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await sandboxUrl(child);
  const rootPem = await (await fetch(`${url}/_sandbox/ca.pem`)).text();
  const smartca = createSmartCA({ environment: url, credentials: { spId: SP_ID, spPassword: SECRET },
    trustedRoots: [rootPem] });
  console.log(`sdk-overhead: ${ROUNDS} rounds × ${CALLS} calls per side after ${WARMUP} warm-up calls, sandbox ${url}\n`);

  // (a) One pending transaction, polled over and over: nobody approves it, so it stays pending.
  const digest = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const tx = await smartca.signatures.sign({ userId: USER_ID, documents: [{ docId: 'bench', digest }] });
  const statusUrl = `${url}/sca/sp769/v1/signatures/sign/${encodeURIComponent(tx.id)}/status`;
  const rawStatus = () => postJson(statusUrl, { sp_id: SP_ID, sp_password: SECRET });
  expect((await rawStatus()).message === 'sig_wait_for_user_confirm', 'raw status poll is not pending');
  const status = await compare('status poll', () => tx.refresh(), rawStatus);

  // (b) The certificate listing, with a fresh transaction_id per call as the SDK sends.
  const certificateUrl = `${url}/sca/sp769/v1/credentials/get_certificate`;
  const rawCertificates = () => postJson(certificateUrl, { sp_id: SP_ID, sp_password: SECRET, user_id: USER_ID,
    serial_number: '', transaction_id: globalThis.crypto.randomUUID() });
  expect((await rawCertificates()).data?.user_certificates?.length > 0, 'raw certificate list is empty');
  const certificates = await compare('certificate list', () => smartca.certificates.list({ userId: USER_ID }),
    rawCertificates);

  printTable([status, certificates]);
  console.log('\n(b) includes the SDK parsing each returned certificate as X.509 (DER → SmartCACertificate);');
  console.log('    raw fetch leaves them as base64 strings, so part of that overhead is work a partner would do anyway.');
  console.log(`\nGoals (overhead of the mean per-call time, ≤ ${GOAL_PCT} %):`);
  for (const row of [status, certificates]) {
    console.log(`  ${row.overheadMean <= GOAL_PCT ? 'PASS' : 'MISS'}  ${row.name}  (${row.overheadMean.toFixed(1)} %)`);
  }
} finally {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}

/** Runs warm-up, then `ROUNDS` batches per side, alternating which side goes first. */
async function compare(name, sdkCall, rawCall) {
  for (let i = 0; i < WARMUP; i += 1) await sdkCall();
  for (let i = 0; i < WARMUP; i += 1) await rawCall();
  const sdk = [];
  const raw = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const batches = round % 2 === 0 ? [[sdk, sdkCall], [raw, rawCall]] : [[raw, rawCall], [sdk, sdkCall]];
    for (const [samples, call] of batches) await timeCalls(call, samples);
  }
  const s = summarize(sdk);
  const r = summarize(raw);
  return { name, sdk: s, raw: r, overheadMean: pct(s.mean, r.mean), overheadMedian: pct(s.median, r.median) };
}

async function timeCalls(call, samples) {
  for (let i = 0; i < CALLS; i += 1) {
    const start = performance.now();
    await call();
    samples.push((performance.now() - start) * 1000); // µs
  }
}

/** The raw peer: one POST of a JSON body, then the parsed JSON answer. */
async function postJson(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  return response.json();
}

/** Both sides must get the same answer, or the comparison means nothing. */
function expect(ok, what) {
  if (!ok) throw new Error(what);
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { mean: samples.reduce((sum, x) => sum + x, 0) / samples.length, median };
}

function pct(sdk, raw) {
  return ((sdk - raw) / raw) * 100;
}

function printTable(rows) {
  const head = ['call', 'sdk mean µs', 'raw mean µs', 'overhead', 'sdk median µs', 'raw median µs', 'overhead'];
  const body = rows.map((r) => [r.name, r.sdk.mean.toFixed(0), r.raw.mean.toFixed(0), `${r.overheadMean.toFixed(1)} %`,
    r.sdk.median.toFixed(0), r.raw.median.toFixed(0), `${r.overheadMedian.toFixed(1)} %`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of body) console.log(line(row));
}

/** Reads the CLI's first line, `SmartCA sandbox listening on http://HOST:PORT`. */
async function sandboxUrl(proc) {
  const lines = createInterface({ input: proc.stdout });
  const exited = once(proc, 'exit').then(([code]) => {
    throw new Error(`sandbox exited with code ${code} before listening`);
  });
  exited.catch(() => {}); // only an error before the first line; the kill at the end is expected
  const [first] = await Promise.race([once(lines, 'line'), exited]);
  const match = /listening on (http:\/\/\S+)/.exec(first);
  if (!match) throw new Error(`unexpected first line from the sandbox: ${first}`);
  lines.on('line', () => {}); // keep draining the banner so the pipe never fills
  return match[1];
}

function positiveInt(name, raw) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
