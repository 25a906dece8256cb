// The relay's own throughput: requests per second and p99 latency, at a fixed number in flight for a
// fixed time, on one relay instance and on three behind the round-robin proxy, over each store.
// Run by bench/relay-throughput.mjs with `node --conditions=source --import tsx`: it reuses the test
// harness as it is (test/support: relay instances as child processes, the proxy, real Redis and
// PostgreSQL servers, the sandbox), the way bench/pdf/make-fixture.ts reuses scripts/fixtures.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createSessionToken } from '@smartca-kit/sdk/relay';
import { createPostgresStore, migratePostgresStore } from '@smartca-kit/sdk/store-postgres';
import { startHttpProxy, type HttpProxy } from '../../test/support/http-proxy.js';
import { PORTAL, SESSION_SECRET } from '../../test/support/relay.js';
import type { InstanceConfig } from '../../test/support/relay-instance.child.js';
import { startInstances, type RelayInstance } from '../../test/support/relay-instances.js';
import { randomDigest, startSandbox, USERS } from '../../test/support/sandbox.js';
import { startPostgresServer, startRedisServer } from '../../test/support/store-servers.js';

export type StoreKind = 'memory' | 'redis' | 'postgres';
export type Operation = 'token-refused' | 'token-accepted' | 'start' | 'status';

/** One measured case. */
export interface CaseResult {
  store: StoreKind;
  instances: number;
  operation: Operation;
  requests: number;
  /** Answers other than the expected status (counted, not in the rate). */
  unexpected: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ThroughputOptions {
  stores: readonly StoreKind[];
  seconds: number;
  concurrency: number;
  /** Told each result as it is measured. */
  onResult(result: CaseResult): void;
}

const OPERATIONS: readonly Operation[] = ['token-refused', 'token-accepted', 'start', 'status'];

/** Runs every case; stores and servers are started per store kind and stopped afterwards. */
export async function measureRelayThroughput(options: ThroughputOptions): Promise<void> {
  const sandbox = await startSandbox();
  try {
    for (const kind of options.stores) {
      const store = await openStore(kind);
      try {
        // A memory store is the process's own: three instances would not share it, so memory runs alone.
        for (const count of kind === 'memory' ? [1] : [1, 3]) {
          const config: InstanceConfig = {
            sandboxUrl: sandbox.url,
            rootPem: sandbox.sandbox.rootCertificatePem,
            sessionSecret: SESSION_SECRET,
            origin: PORTAL,
            webhookSecret: 'bench-webhook-secret',
            store: store.config,
          };
          const instances = await startInstances(count, config);
          const proxy = count > 1 ? await startHttpProxy(instances.map((i) => i.url)) : undefined;
          try {
            const base = `${proxy?.url ?? instances[0]?.url}/smartca`;
            for (const operation of OPERATIONS) {
              const result = await measureCase(base, operation, options);
              options.onResult({ store: kind, instances: count, operation, ...result });
            }
          } finally {
            await closeAll(instances, proxy);
          }
        }
      } finally {
        await store.stop();
      }
    }
  } finally {
    await sandbox.close();
  }
}

async function openStore(kind: StoreKind): Promise<{ config: InstanceConfig['store']; stop(): Promise<void> }> {
  if (kind === 'memory') return { config: { kind: 'memory' }, stop: async () => undefined };
  if (kind === 'redis') {
    const server = await startRedisServer();
    return { config: { kind: 'redis', url: server.url, prefix: 'smartca-bench:' }, stop: () => server.stop() };
  }
  const server = await startPostgresServer();
  // The instances find the schema in place, as after a deploy step (as the multi-instance tests do).
  const migrator = createPostgresStore({ connectionString: server.url });
  await migratePostgresStore(migrator.pool);
  await migrator.close();
  return { config: { kind: 'postgres', url: server.url }, stop: () => server.stop() };
}

async function closeAll(instances: RelayInstance[], proxy: HttpProxy | undefined): Promise<void> {
  await proxy?.close();
  await Promise.all(instances.map((i) => i.kill()));
}

/** A request the load loop sends: path, headers and body, and the status that means it was served. */
interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  expect: number;
}

async function prepare(base: string, operation: Operation, agent: Agent): Promise<() => PreparedRequest> {
  const documents = [{ docId: 'BENCH-1', digest: randomDigest() }];
  // cuong has unlimited turns: starting thousands of signatures never runs out.
  const token = await createSessionToken({ secret: SESSION_SECRET, origins: [PORTAL], userId: USERS.cuong, documents });
  const headers = (bearer: string, extra: Record<string, string> = {}) => ({
    origin: PORTAL,
    authorization: `Bearer ${bearer}`,
    'content-type': 'application/json',
    ...extra,
  });
  switch (operation) {
    case 'token-refused': {
      // A token signed with another secret: refused at the signature check, before any route runs.
      const forged = await createSessionToken({
        secret: 'not-the-relay-secret-0123456789abcdef',
        origins: [PORTAL],
        userId: USERS.cuong,
        documents,
      });
      const fixed = { path: '/v1/signatures/any/status', headers: headers(forged), body: '{}', expect: 401 };
      return () => fixed;
    }
    case 'token-accepted': {
      // A valid token for an id the session never started: the token verifies, the ownership check refuses.
      const fixed = {
        path: '/v1/signatures/not-this-session/status',
        headers: headers(token),
        body: '{}',
        expect: 403,
      };
      return () => fixed;
    }
    case 'start':
      // A fresh Idempotency-Key each time, as <smartca-sign> sends: the store records every start.
      return () => ({
        path: '/v1/signatures',
        headers: headers(token, { 'idempotency-key': randomUUID() }),
        body: '{}',
        expect: 201,
      });
    case 'status': {
      // One pending transaction, asked about without waiting: the relay follows it from the store and
      // answers from the shared poll (SmartCA is asked about once a second, whatever the rate here).
      const started = await send(agent, base, {
        path: '/v1/signatures',
        headers: headers(token, { 'idempotency-key': randomUUID() }),
        body: '{}',
        expect: 201,
      });
      if (started.status !== 201)
        throw new Error(`could not start the transaction for status calls: ${started.status}`);
      const id = (JSON.parse(started.body) as { transaction: { id: string } }).transaction.id;
      const fixed = {
        path: `/v1/signatures/${encodeURIComponent(id)}/status`,
        headers: headers(token),
        body: '{"waitSeconds":0}',
        expect: 200,
      };
      return () => fixed;
    }
  }
}

async function measureCase(
  base: string,
  operation: Operation,
  options: ThroughputOptions,
): Promise<Omit<CaseResult, 'store' | 'instances' | 'operation'>> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const next = await prepare(base, operation, agent);
    // A short warm-up: JIT, connection pools, the store's prepared statements.
    await load(agent, base, next, options.concurrency, Math.min(1, options.seconds / 4) * 1000);
    const run = await load(agent, base, next, options.concurrency, options.seconds * 1000);
    const sorted = run.latencies.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
    return {
      requests: sorted.length,
      unexpected: run.unexpected,
      perSecond: (sorted.length - run.unexpected) / run.seconds,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    agent.destroy();
  }
}

/** `concurrency` loops, each sending its next request when the last one answered, for `durationMs`. */
async function load(
  agent: Agent,
  base: string,
  next: () => PreparedRequest,
  concurrency: number,
  durationMs: number,
): Promise<{ latencies: number[]; unexpected: number; seconds: number }> {
  const latencies: number[] = [];
  let unexpected = 0;
  const started = performance.now();
  const end = started + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const prepared = next();
      const t0 = performance.now();
      const answer = await send(agent, base, prepared);
      latencies.push(performance.now() - t0);
      if (answer.status !== prepared.expect) unexpected += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, unexpected, seconds: (performance.now() - started) / 1000 };
}

function send(agent: Agent, base: string, prepared: PreparedRequest): Promise<{ status: number; body: string }> {
  const url = new URL(base + prepared.path);
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { ...prepared.headers, 'content-length': Buffer.byteLength(prepared.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    // A refused or reset connection counts as an unexpected answer, not a crash of the benchmark.
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(prepared.body);
  });
}
