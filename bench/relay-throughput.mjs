// The relay's own throughput: session-token checks (refused, accepted), starting a signature, and
// status calls, on one instance and on three behind the round-robin proxy, over the memory, Redis and
// PostgreSQL stores, `--concurrency` requests in flight for `--seconds` per case. Prints requests per
// second and p50/p99 latency, and each store's single-instance rate against memory's (goal: ≥ 70 %).
// The measuring runs in a child under tsx (bench/relay/throughput-child.ts), since it reuses the
// TypeScript test harness (test/support): no build needed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { goal, positiveInt, printTable } from './report.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const seconds = positiveInt('seconds', arg('seconds', '5'));
const concurrency = positiveInt('concurrency', arg('concurrency', '16'));
const stores = arg('stores', 'memory,redis,postgres');
const STORE_SHARE_LIMIT = 0.3;

const child = spawn(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    fileURLToPath(new URL('relay/throughput-child.ts', import.meta.url)),
    '--stores',
    stores,
    '--seconds',
    String(seconds),
    '--concurrency',
    String(concurrency),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);

console.log(`relay throughput: ${concurrency} requests in flight, ${seconds} s per case`);
const results = [];
for await (const line of createInterface({ input: child.stdout })) {
  if (!line.startsWith('{')) continue;
  const result = JSON.parse(line);
  results.push(result);
  console.log(
    `  ${result.store.padEnd(8)} ×${result.instances}  ${result.operation.padEnd(14)} ` +
      `${result.perSecond.toFixed(0).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(1)} ms`,
  );
}
const code = await new Promise((resolve) => child.on('close', resolve));
if (code !== 0) {
  console.error(`the measuring process failed (exit code ${code})`);
  process.exit(1);
}

const memory = (r) => results.find((m) => m.store === 'memory' && m.instances === 1 && m.operation === r.operation);
console.log('');
printTable(
  ['store', 'instances', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'unexpected', 'vs memory ×1'],
  results.map((r) => [
    r.store,
    String(r.instances),
    r.operation,
    r.perSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.unexpected),
    memory(r) ? `${((r.perSecond / memory(r).perSecond) * 100).toFixed(0)} %` : '-',
  ]),
);
console.log('');
console.log(`Goal: on one instance, a store costs at most ${STORE_SHARE_LIMIT * 100} % of memory's throughput.`);
for (const r of results.filter((x) => x.store !== 'memory' && x.instances === 1)) {
  const floor = memory(r);
  if (!floor) continue;
  const ratio = r.perSecond / floor.perSecond;
  goal(
    `${r.store} ${r.operation} ≥ ${(1 - STORE_SHARE_LIMIT) * 100} % of memory`,
    ratio >= 1 - STORE_SHARE_LIMIT,
    `${(ratio * 100).toFixed(0)} %: ${r.perSecond.toFixed(0)} vs ${floor.perSecond.toFixed(0)} req/s`,
  );
}
if (results.some((r) => r.unexpected > 0))
  console.log('  note: some answers had an unexpected status (see "unexpected")');
