// SDK overhead: what one SDK call costs on top of the HTTP request it makes. Two peers, both a raw
// `fetch` of the same endpoint with the same body followed by `response.json()`:
// - `bare`: no timeout at all, the least a partner could write;
// - `timeout`: the same with `signal: AbortSignal.timeout(30_000)`, the least a partner should write
//   (a call to SmartCA without a timeout can hang a worker forever). The SDK always has a timeout, so
//   this is the like-for-like peer the goal is judged against; the bare figure is printed beside it.
// The difference is the SDK's own work: ky, retry bookkeeping, request ids, zod validation, error
// mapping (and X.509 parsing only when a certificate's parsed fields are read, which (b) does not do).
// The sandbox runs as a separate process, as SmartCA would, so its CPU time is not charged to either side.
// Calls are sequential and the two sides alternate in batches, so drift (GC, a busy neighbour) hits both.
// Usage: node bench/sdk-overhead.mjs [--rounds 10] [--calls 200]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSmartCA } from '@smartca-kit/sdk';
import { goal, mean, positiveInt, printTable } from './report.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    calls: { type: 'string', default: '200' },
  },
});
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
  const smartca = createSmartCA({
    environment: url,
    credentials: { spId: SP_ID, spPassword: SECRET },
    trustedRoots: [rootPem],
  });
  console.log(
    `sdk-overhead: ${ROUNDS} rounds × ${CALLS} calls per side after ${WARMUP} warm-up calls, sandbox ${url}\n`,
  );

  // (a) One pending transaction, polled over and over: nobody approves it, so it stays pending.
  const digest = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const tx = await smartca.signatures.sign({ userId: USER_ID, documents: [{ docId: 'bench', digest }] });
  const statusUrl = `${url}/sca/sp769/v1/signatures/sign/${encodeURIComponent(tx.id)}/status`;
  const rawStatus = (timeout) => postJson(statusUrl, { sp_id: SP_ID, sp_password: SECRET }, timeout);
  expect((await rawStatus(false)).message === 'sig_wait_for_user_confirm', 'raw status poll is not pending');
  const status = await compare('status poll', () => tx.refresh(), rawStatus);

  // (b) The certificate listing, with a fresh transaction_id per call as the SDK sends.
  const certificateUrl = `${url}/sca/sp769/v1/credentials/get_certificate`;
  const rawCertificates = (timeout) =>
    postJson(
      certificateUrl,
      {
        sp_id: SP_ID,
        sp_password: SECRET,
        user_id: USER_ID,
        serial_number: '',
        transaction_id: globalThis.crypto.randomUUID(),
      },
      timeout,
    );
  expect((await rawCertificates(false)).data?.user_certificates?.length > 0, 'raw certificate list is empty');
  const certificates = await compare(
    'certificate list',
    () => smartca.certificates.list({ userId: USER_ID }),
    rawCertificates,
  );

  printTable(
    ['call', 'sdk µs', 'fetch µs', 'fetch+timeout µs', 'vs fetch', 'vs fetch+timeout', 'sdk median µs'],
    [status, certificates].map((r) => [
      r.name,
      r.sdk.mean.toFixed(0),
      r.bare.mean.toFixed(0),
      r.timeout.mean.toFixed(0),
      `${r.vsBare.toFixed(1)} %`,
      `${r.vsTimeout.toFixed(1)} %`,
      r.sdk.median.toFixed(0),
    ]),
  );
  console.log('(means per call)');
  console.log('\n(b) builds SmartCACertificate objects; their X.509 parsing is lazy and not triggered here.');
  console.log(`\nGoals (overhead of the mean per-call time vs fetch with a timeout, ≤ ${GOAL_PCT} %):`);
  for (const row of [status, certificates]) {
    goal(
      row.name,
      row.vsTimeout <= GOAL_PCT,
      `${row.vsTimeout.toFixed(1)} %; vs bare fetch ${row.vsBare.toFixed(1)} %`,
    );
  }
} finally {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}

/** Runs warm-up, then `ROUNDS` batches per side, rotating which side goes first. */
async function compare(name, sdkCall, rawCall) {
  const sides = [
    { key: 'sdk', call: sdkCall, samples: [] },
    { key: 'bare', call: () => rawCall(false), samples: [] },
    { key: 'timeout', call: () => rawCall(true), samples: [] },
  ];
  for (const side of sides) for (let i = 0; i < WARMUP; i += 1) await side.call();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let i = 0; i < sides.length; i += 1) {
      const side = sides[(round + i) % sides.length];
      await timeCalls(side.call, side.samples);
    }
  }
  const [sdk, bare, timeout] = sides.map((side) => summarize(side.samples));
  return { name, sdk, bare, timeout, vsBare: pct(sdk.mean, bare.mean), vsTimeout: pct(sdk.mean, timeout.mean) };
}

async function timeCalls(call, samples) {
  for (let i = 0; i < CALLS; i += 1) {
    const start = performance.now();
    await call();
    samples.push((performance.now() - start) * 1000); // µs
  }
}

/** The raw peer: one POST of a JSON body, then the parsed JSON answer; with a 30 s timeout when asked. */
async function postJson(url, body, withTimeout) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(withTimeout ? { signal: AbortSignal.timeout(30_000) } : {}),
  });
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
  return { mean: mean(samples), median };
}

function pct(sdk, raw) {
  return ((sdk - raw) / raw) * 100;
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
