import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { RelayRequestError, type SmartCAStore } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { createPostgresStore, migratePostgresStore, type PostgresStore } from '@smartca-kit/sdk/store-postgres';
import { createRedisStore } from '@smartca-kit/sdk/store-redis';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';
import {
  admin,
  postgresForTests,
  startRedisServer,
  type PostgresServer,
  type RedisServer,
} from '../support/store-servers.js';

// The store fails under a running relay: Redis killed and restarted, every PostgreSQL connection
// terminated, a store too slow to answer. Each gives the page a typed, retryable error (503, network)
// or a normal answer, never a 5xx of another kind, and never a second transaction for one
// Idempotency-Key: SmartCA sees exactly one request per key, whatever the retries.

interface Harness {
  sandbox: SandboxServer;
  relay: RelayServer;
  store: SmartCAStore;
}

async function harness(store: SmartCAStore): Promise<Harness> {
  const sandbox = await startSandbox();
  const relay = await startRelay(clientFor(sandbox, 'sandbox-partner', { store }), { store });
  return { sandbox, relay, store };
}

/** A start with `key` on a fresh page for `docId`: the transaction id, or the typed error. */
async function start(h: Harness, docId: string, key: string): Promise<string | RelayRequestError> {
  const page = browserClient(
    h.relay,
    await h.relay.relay.createSession({ userId: USERS.cuong, documents: [{ docId, digest: digestOf(docId) }] }),
  );
  try {
    return (await page.startSignature({ idempotencyKey: key })).id;
  } catch (error) {
    if (error instanceof RelayRequestError) return error;
    throw error;
  }
}

/** The transactions SmartCA (the sandbox) holds for `docId`. */
function requestsFor(h: Harness, docId: string): number {
  return h.sandbox.sandbox.state.transactions.filter((t) => JSON.stringify(t).includes(docId)).length;
}

function assertStoreUnavailable(result: string | RelayRequestError): void {
  assert.ok(result instanceof RelayRequestError, `expected a refusal, got ${String(result)}`);
  assert.equal(result.status, 503, result.message);
  assert.equal(result.category, 'network');
  assert.equal(result.recoverable, true);
  assert.match(result.code, /^STORE_/);
}

/** Retries a start until it succeeds (a page's retry button), at most `tries` times. */
async function retried(h: Harness, docId: string, key: string, tries = 20): Promise<string> {
  for (let i = 0; i < tries; i++) {
    const result = await start(h, docId, key);
    if (typeof result === 'string') return result;
    // Until the store answers: unavailable, or (a begin that timed out and then went through, until it
    // is given back) the first try still "in progress". Both say retry; neither reached SmartCA twice.
    if (result.code !== 'IDEMPOTENCY_REQUEST_IN_PROGRESS') assertStoreUnavailable(result);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no start for ${docId} after ${tries} tries`);
}

describe('store faults: Redis killed and restarted', () => {
  let redis: RedisServer;
  let h: Harness;
  before(async () => {
    redis = await startRedisServer({ appendOnly: true });
    h = await harness(createRedisStore({ url: redis.url, prefix: 'faults:', operationTimeoutMs: 500 }));
  });
  after(async () => {
    await h.relay.close();
    await h.sandbox.close();
    await h.store.close();
    await redis.stop();
  });

  it('while Redis is down a start is a 503 StoreError and reaches no SmartCA; once it is back, one transaction per key', async () => {
    const first = await start(h, 'F-R-1', 'faults-redis-key-1');
    assert.equal(typeof first, 'string');
    const restarting = redis.restart(2500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assertStoreUnavailable(await start(h, 'F-R-2', 'faults-redis-key-2'));
    assert.equal(requestsFor(h, 'F-R-2'), 0, 'nothing unrecorded reached SmartCA');
    await restarting;
    const second = await retried(h, 'F-R-2', 'faults-redis-key-2');
    assert.equal(await retried(h, 'F-R-2', 'faults-redis-key-2'), second, 'a retry gets the first answer');
    assert.equal(requestsFor(h, 'F-R-2'), 1);
    // Redis kept its data across the crash (appendonly): the first key still answers the first transaction.
    assert.equal(await retried(h, 'F-R-1', 'faults-redis-key-1'), first);
    assert.equal(requestsFor(h, 'F-R-1'), 1);
  });
});

describe('store faults: PostgreSQL connections terminated, and a store too slow to answer', () => {
  let server: PostgresServer;
  let store: PostgresStore;
  let h: Harness;
  before(async () => {
    server = await postgresForTests();
    store = createPostgresStore({ connectionString: server.url, operationTimeoutMs: 500 });
    await migratePostgresStore(store.pool);
    h = await harness(store);
  });
  after(async () => {
    await h.relay.close();
    await h.sandbox.close();
    await store.close();
    await server.stop();
  });

  it('every connection of the store terminated: the next starts recover, one transaction per key', async () => {
    const first = await retried(h, 'F-P-1', 'faults-postgres-key-1');
    const database = new URL(server.url).pathname.slice(1);
    const killed = await admin(
      server.url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
    assert.ok(killed.rowCount && killed.rowCount > 0, 'the store had connections to drop');
    // Each try is a typed 503 or the answer; the pool reconnects within a few tries.
    const second = await retried(h, 'F-P-2', 'faults-postgres-key-2');
    assert.equal(await retried(h, 'F-P-2', 'faults-postgres-key-2'), second);
    assert.equal(await retried(h, 'F-P-1', 'faults-postgres-key-1'), first);
    assert.equal(requestsFor(h, 'F-P-1'), 1);
    assert.equal(requestsFor(h, 'F-P-2'), 1);
    // The LISTEN connection came back too: a message published now is heard.
    const heard = new Promise<string>((resolve) => {
      void store.transactions.subscribe('faults-channel', resolve);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.transactions.publish('faults-channel', 'after the drop');
    assert.equal(await heard, 'after the drop');
  });

  it('a store too slow to answer (its table locked 2 s): 503 STORE_TIMEOUT, SmartCA not called; then one transaction', async () => {
    const locker = new pg.Client({ connectionString: server.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE smartca_idempotency IN ACCESS EXCLUSIVE MODE');
      const slow = await start(h, 'F-S-1', 'faults-slow-key-1');
      assertStoreUnavailable(slow);
      assert.equal((slow as RelayRequestError).code, 'STORE_TIMEOUT');
      assert.equal(requestsFor(h, 'F-S-1'), 0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const id = await retried(h, 'F-S-1', 'faults-slow-key-1');
    assert.equal(await retried(h, 'F-S-1', 'faults-slow-key-1'), id);
    assert.equal(requestsFor(h, 'F-S-1'), 1);
  });
});
