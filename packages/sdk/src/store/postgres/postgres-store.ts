import { Pool, type QueryResultRow } from 'pg';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { randomId } from '../../internal/ids.js';
import { DEFAULT_STORE_TIMEOUT_MS, storeCaller } from '../../internal/store-call.js';
import type {
  DeliveryLog,
  IdempotencyBegin,
  IdempotencyRecords,
  Leases,
  SmartCAStore,
  TransactionStates,
} from '../../model/store.js';
import { PostgresChannels } from './postgres-channels.js';
import { SQL } from './postgres-sql.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString?: string | undefined;
  /** Your own `pg` pool instead (the store never ends it). One of its connections stays checked out for LISTEN. */
  pool?: Pool | undefined;
  /** The NOTIFY channel of wake-ups: a lower-case SQL identifier. Default `smartca_wake`. */
  channel?: string | undefined;
  /** The longest one store operation may take before it fails with `STORE_TIMEOUT`. Default 2000 ms. */
  operationTimeoutMs?: number | undefined;
  /**
   * How often expired rows are deleted, ms. Default 60 000. `0` keeps them: the tables are then an audit
   * trail (every row has its creation time), to prune on your own schedule.
   */
  sweepIntervalMs?: number | undefined;
}

// Messages too large for a NOTIFY are read within moments; kept this long for a listener that lags.
const MESSAGE_RETENTION = '5 minutes';
// SQLSTATE class 57 (operator intervention: pg_terminate_backend, a shutdown) and 08 (connection exceptions).
const CONNECTION_LOST = /^(57P0[1-3]|08)/;

/**
 * The store on PostgreSQL, through `pg`: idempotency records, deliveries, transaction states and leases
 * are rows keyed by a primary key and written with `INSERT … ON CONFLICT`; wake-ups are `NOTIFY` on one
 * channel; lease fences come from a sequence. Apply the schema first with {@link migratePostgresStore}.
 * Every expiry is computed by the database's clock. A statement that loses its connection is retried
 * once on another: each carries its caller's token, so a retry of one that had in fact run answers
 * as it did.
 *
 * @example
 * ```ts
 * import { createPostgresStore, migratePostgresStore } from '@smartca-kit/sdk/store-postgres';
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL });
 * await migratePostgresStore(store.pool);
 * ```
 */
export class PostgresStore implements SmartCAStore {
  /** Always `postgres`. */
  readonly kind = 'postgres';
  /** The pool the store queries: yours, or the one it made from `connectionString`. */
  readonly pool: Pool;
  /** Rows of `smartca_idempotency`. */
  readonly idempotency: IdempotencyRecords;
  /** Rows of `smartca_webhook_deliveries`. */
  readonly deliveries: DeliveryLog;
  /** Rows of `smartca_transactions`; wake-ups by `NOTIFY` (large ones through `smartca_messages`). */
  readonly transactions: TransactionStates;
  /** Rows of `smartca_leases`, fenced by the sequence `smartca_lease_fence`. */
  readonly leases: Leases;
  readonly #ownsPool: boolean;
  readonly #channels: PostgresChannels;
  readonly #sweeper: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    if (!options.pool && !options.connectionString) throw configuration('a connection', '`connectionString` or `pool`');
    const channel = options.channel ?? 'smartca_wake';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw configuration('the channel', 'a lower-case SQL identifier');
    this.#ownsPool = !options.pool;
    this.pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: 10 });
    // An idle connection the server ended reports here; the pool drops it and the next query gets another.
    this.pool.on('error', () => undefined);
    const timeoutMs = options.operationTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
    this.#channels = new PostgresChannels(this.pool, channel, () => undefined);
    const call = storeCaller(this.kind, timeoutMs, () => this.#closed);
    const query = <R extends QueryResultRow>(text: string, values: unknown[]) => this.#query<R>(text, values);

    this.idempotency = {
      begin: (key, fingerprint, ttlMs, given) =>
        call('idempotency.begin', async (): Promise<IdempotencyBegin> => {
          const owner = given ?? randomId();
          // A record can expire between the two statements; then the key is free again: try once more.
          for (let attempt = 0; ; attempt += 1) {
            if ((await query(SQL.begin, [key, fingerprint, owner, ttlMs])).rowCount === 1)
              return { acquired: true, owner };
            const found = (
              await query<{ state: 'started' | 'done'; fingerprint: string; owner: string; response: string | null }>(
                SQL.findIdempotency,
                [key],
              )
            ).rows[0];
            if (found?.owner === owner && found.state === 'started') return { acquired: true, owner };
            if (found) {
              return {
                acquired: false,
                record: { state: found.state, fingerprint: found.fingerprint, response: found.response ?? undefined },
              };
            }
            if (attempt > 0) throw new Error('the idempotency record kept changing');
          }
        }),
      finish: (key, owner, response, ttlMs) =>
        call('idempotency.finish', async () => {
          await query(SQL.finish, [key, owner, response, ttlMs]);
        }),
      abandon: (key, owner) =>
        call('idempotency.abandon', async () => {
          await query(SQL.abandon, [key, owner]);
        }),
    };
    this.deliveries = {
      claim: (key, ttlMs) =>
        call('deliveries.claim', async () => (await query(SQL.claim, [key, randomId(), ttlMs])).rowCount === 1),
    };
    this.transactions = {
      put: (id, state, ttlMs) =>
        call('transactions.put', async () => {
          await query(SQL.putState, [id, state, ttlMs]);
        }),
      get: (id) =>
        call('transactions.get', async () => (await query<{ state: string }>(SQL.getState, [id])).rows[0]?.state),
      publish: (id, message) => call('transactions.publish', () => this.#channels.publish(id, message)),
      subscribe: (id, listener) => call('transactions.subscribe', () => this.#channels.subscribe(id, listener)),
    };
    this.leases = {
      acquire: (name, ttlMs) =>
        call('leases.acquire', async () => {
          const row = (await query<{ fence: string }>(SQL.acquire, [name, randomId(), ttlMs])).rows[0];
          return row ? { name, fence: Number(row.fence) } : undefined;
        }),
      renew: (lease, ttlMs) =>
        call('leases.renew', async () => (await query(SQL.renew, [lease.name, lease.fence, ttlMs])).rowCount === 1),
      release: (lease) =>
        call('leases.release', async () => {
          await query(SQL.release, [lease.name, lease.fence]);
        }),
    };
    const sweepMs = options.sweepIntervalMs ?? 60_000;
    this.#sweeper = sweepMs > 0 ? setInterval(() => void this.#sweep(), sweepMs) : undefined;
    this.#sweeper?.unref?.();
  }

  /** Stops sweeping, gives the LISTEN connection back, and ends the pool when the store made it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    this.#channels.close();
    if (this.#ownsPool) await this.pool.end();
  }

  async #query<R extends QueryResultRow>(text: string, values: unknown[]) {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      if (!lostConnection(error)) throw error;
      return this.pool.query<R>(text, values);
    }
  }

  async #sweep(): Promise<void> {
    await this.pool.query(SQL.sweep, [MESSAGE_RETENTION]).catch(() => undefined);
  }
}

/** Creates a {@link PostgresStore}. Run {@link migratePostgresStore} once before its first use. */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}

function lostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return CONNECTION_LOST.test(code);
  return error instanceof Error && /Connection terminated|ECONNRESET|EPIPE/.test(error.message);
}

function configuration(what: string, expected: string): ConfigurationError {
  return new ConfigurationError({
    code: 'STORE_CONFIGURATION_INVALID',
    message: {
      vi: `Cấu hình PostgreSQL store không hợp lệ (${what}): cần ${expected}.`,
      en: `The PostgreSQL store's configuration is not valid (${what}): expected ${expected}.`,
    },
  });
}
