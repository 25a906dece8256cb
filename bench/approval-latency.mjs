// Approval latency: how long after the user taps "approve" a partner learns the result, and how many
// status requests each transaction costs on the way. Three partners run at the same time against one
// in-process sandbox, each signing the same kind of request:
//   webhook      SmartCA's SP769 webhook lands on a loopback partner server and is fed to
//                smartca.webhooks.receiveSp769(); the SDK's default polling stays on as the fallback
//                (a real partner cannot rely on a webhook VNPT sends once, without retries).
//   sdk-polling  no webhook: tx.wait() with the SDK's default poll schedule.
//   naive-10s    what VNPT's samples do: POST .../status every 10 s until `message` is SUCCESS.
// The peers are the two things a partner would otherwise do (SDK without webhook, hand-rolled polling), so
// the table shows what each choice costs in latency and in load on SmartCA.
// Usage: node bench/approval-latency.mjs [--n 30] [--max-delay 60]
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createSmartCA } from '@smartca-kit/sdk';
import { startSandboxServer } from '@smartca-kit/sandbox/node';
import { goal, mean, positiveInt, printTable } from './report.mjs';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '30' },
    'max-delay': { type: 'string', default: '60' },
  },
});
const N = positiveInt('n', values.n);
const MAX_DELAY_S = positiveInt('max-delay', values['max-delay']);

const USER_ID = '079088000003'; // unlimited turns: 3 × N transactions never run out
const SECRET = 'sandbox-secret';
const NAIVE_INTERVAL_MS = 10_000;
const PENDING = 'sig_wait_for_user_confirm';

// No auto-approve: this script plays the user and decides when each transaction is approved.
const { url, sandbox, close: closeSandbox } = await startSandboxServer({ port: 0 });

/** A SmartCA client whose fetch counts status polls per partner transaction id. */
function client(spId) {
  const counts = new Map();
  const fetchCounting = (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const match = /\/sign\/([^/]+)\/status$/.exec(new URL(href).pathname);
    if (match) {
      const id = decodeURIComponent(match[1]);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return globalThis.fetch(input, init);
  };
  const smartca = createSmartCA({
    environment: url,
    credentials: { spId, spPassword: SECRET },
    trustedRoots: [sandbox.rootCertificatePem],
    fetch: fetchCounting,
  });
  return { smartca, counts };
}

// One client per mode, so that counts and webhook routing cannot leak between modes.
const modes = {
  webhook: client('sandbox-partner'),
  'sdk-polling': client('sandbox-portal'),
  'naive-10s': client('sandbox-portal'),
};

// The partner's webhook endpoint: raw body in, 200 out, exactly as a production handler would be.
let webhooksMatched = 0;
const partner = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const receipt = modes.webhook.smartca.webhooks.receiveSp769(Buffer.concat(chunks).toString('utf8'));
      if (receipt.matched) webhooksMatched += 1;
      res.writeHead(200).end();
    } catch {
      res.writeHead(400).end();
    }
  });
});
await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
sandbox.setWebhookUrl('sandbox-partner', `http://127.0.0.1:${partner.address().port}/smartca/webhook`);

/** VNPT's sample loop: sleep 10 s, ask, repeat. Returns the number of status requests it made. */
async function naivePoll(transactionId) {
  const statusUrl = `${url}/sca/sp769/v1/signatures/sign/${encodeURIComponent(transactionId)}/status`;
  for (let requests = 1; ; requests += 1) {
    await sleep(NAIVE_INTERVAL_MS);
    const response = await fetch(statusUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sp_id: 'sandbox-portal', sp_password: SECRET }),
    });
    const { message } = await response.json();
    if (message === 'SUCCESS') return requests;
    if (message !== PENDING) throw new Error(`naive poll of ${transactionId}: ${message}`);
  }
}

/** Creates one transaction, approves it after a random delay, and times how long the result takes. */
async function runOne(mode) {
  const { smartca, counts } = modes[mode];
  const digest = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const tx = await smartca.signatures.sign({ userId: USER_ID, documents: [{ docId: 'bench', digest }] });
  const created = performance.now();
  const delayMs = (1 + Math.random() * (MAX_DELAY_S - 1)) * 1000;
  let t0;
  const approved = sleep(delayMs).then(() => {
    t0 = performance.now(); // the user's tap; the sandbox's RSA signing is part of the latency, as at VNPT
    return sandbox.approve(tx.providerId ?? tx.id);
  });
  let requests;
  if (mode === 'naive-10s') {
    requests = await naivePoll(tx.id);
  } else {
    await tx.wait();
    requests = counts.get(tx.id) ?? 0;
  }
  const t1 = performance.now();
  await approved;
  return { latencyMs: t1 - t0, requests, rate: requests / ((t1 - created) / 1000) };
}

console.log(`approval-latency: ${N} transactions per mode, approval after U[1, ${MAX_DELAY_S}] s, sandbox ${url}`);
const started = performance.now();
const results = {};
try {
  const runs = Object.keys(modes).map(async (mode) => {
    results[mode] = await Promise.all(Array.from({ length: N }, () => runOne(mode)));
  });
  await Promise.all(runs);
} finally {
  const partnerClosed = new Promise((resolve) => partner.close(resolve));
  partner.closeAllConnections(); // the sandbox's webhook fetch keeps its socket alive
  await partnerClosed;
  await closeSandbox();
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

const rows = Object.entries(results).map(([mode, list]) => {
  const latencies = list.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    mode,
    n: list.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: latencies.at(-1),
    requests: mean(list.map((r) => r.requests)),
    rate: mean(list.map((r) => r.rate)),
  };
});
printTable(
  ['mode', 'n', 'p50 ms', 'p95 ms', 'max ms', 'req/tx', 'req/s/tx'],
  rows.map((r) => [
    r.mode,
    String(r.n),
    r.p50.toFixed(0),
    r.p95.toFixed(0),
    r.max.toFixed(0),
    r.requests.toFixed(1),
    r.rate.toFixed(2),
  ]),
);
console.log(
  `\nwebhook deliveries that reached a waiting transaction: ${webhooksMatched}/${N}` +
    ' (the rest arrived after a poll had already settled it)',
);

const byMode = Object.fromEntries(rows.map((r) => [r.mode, r]));
console.log('\nGoals:');
goal('webhook p95 ≤ 300 ms', byMode.webhook.p95 <= 300, `${byMode.webhook.p95.toFixed(0)} ms`);
goal('sdk-polling p95 ≤ 1500 ms', byMode['sdk-polling'].p95 <= 1500, `${byMode['sdk-polling'].p95.toFixed(0)} ms`);
goal(
  'sdk-polling ≤ 1 request/s per pending transaction',
  byMode['sdk-polling'].rate <= 1,
  `${byMode['sdk-polling'].rate.toFixed(2)} req/s`,
);
if (MAX_DELAY_S < 60) {
  console.log(`(max-delay ${MAX_DELAY_S} s: short waits sit in the fast early polls, so req/s reads high)`);
}

function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]; // nearest rank
}
