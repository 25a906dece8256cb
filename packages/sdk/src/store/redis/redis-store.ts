import { Redis, type RedisOptions } from 'ioredis';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { randomId } from '../../internal/ids.js';
import { DEFAULT_STORE_TIMEOUT_MS, storeCaller } from '../../internal/store-call.js';
import type {
  DeliveryLog,
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyRecords,
  Leases,
  SmartCAStore,
  TransactionStates,
} from '../../model/store.js';
import { RedisChannels } from './redis-channels.js';
import { ABANDON, ACQUIRE, BEGIN, CLAIM, FINISH, RELEASE, RENEW } from './redis-scripts.js';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). Valkey speaks the same protocol. */
  url?: string | undefined;
  /**
   * Your own ioredis client instead of `url` (Sentinel, TLS options, a cluster node). The store
   * duplicates it for the subscriber connection, and closes only the duplicate.
   */
  client?: Redis | undefined;
  /** Prefix of every key and channel, to share a Redis with other applications. Default `smartca:`. */
  prefix?: string | undefined;
  /** The longest one store operation may take before it fails with `STORE_TIMEOUT`. Default 2000 ms. */
  operationTimeoutMs?: number | undefined;
}

// A store made from a URL fails commands fast while Redis is away, rather than queueing them for
// minutes: the caller's deadline (operationTimeoutMs) decides, and ioredis reconnects in the background.
const CONNECTION_DEFAULTS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
};

/**
 * The store on Redis (or Valkey), through ioredis. Idempotency records and deliveries are keys written
 * with `SET NX PX`; wake-ups are pub/sub messages on a channel per transaction; the poll lease is a key
 * holding `<fence>:<holder>` with a PX expiry, its fence drawn from one counter. See docs/relay.md for
 * every key. A restart of Redis without persistence forgets the records: turn on AOF (`appendonly yes`)
 * if replays and retries must be recognised across one.
 *
 * @example
 * ```ts
 * import { createRedisStore } from '@smartca-kit/sdk/store-redis';
 * const store = createRedisStore({ url: process.env.REDIS_URL });
 * const smartca = createSmartCA({ environment: 'production', credentials, store });
 * const relay = createRelay({ client: smartca, store, sessionSecret, allowedOrigins });
 * ```
 */
export class RedisStore implements SmartCAStore {
  /** Always `redis`. */
  readonly kind = 'redis';
  /** `<prefix>idem:<key>`: JSON `{ state, fingerprint, owner, response? }`, PX TTL. */
  readonly idempotency: IdempotencyRecords;
  /** `<prefix>delivery:<key>`: the claimant's token, PX TTL. */
  readonly deliveries: DeliveryLog;
  /** `<prefix>tx:<id>`: the state, PX TTL; channel `<prefix>wake:<id>`. */
  readonly transactions: TransactionStates;
  /** `<prefix>lease:<name>`: `<fence>:<holder>`, PX TTL; `<prefix>fence`: the fence counter. */
  readonly leases: Leases;
  readonly #client: Redis;
  readonly #subscriber: Redis;
  readonly #ownsClient: boolean;
  #closed = false;

  constructor(options: RedisStoreOptions) {
    if (!options.client && !options.url) throw missingConnection();
    this.#ownsClient = !options.client;
    this.#client = options.client ?? new Redis(options.url ?? '', CONNECTION_DEFAULTS);
    this.#subscriber = this.#client.duplicate();
    // Connection errors surface on the calls that need Redis; unhandled 'error' events would end the process.
    for (const connection of [this.#client, this.#subscriber]) connection.on('error', () => undefined);
    const prefix = options.prefix ?? 'smartca:';
    const timeoutMs = options.operationTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
    const channels = new RedisChannels(this.#subscriber);
    const call = storeCaller(this.kind, timeoutMs, () => this.#closed);
    const redis = this.#client;
    const run = (script: string, keys: string[], args: Array<string | number>) =>
      redis.eval(script, keys.length, ...keys, ...args.map(String));

    this.idempotency = {
      begin: (key, fingerprint, ttlMs, given) =>
        call('idempotency.begin', async (): Promise<IdempotencyBegin> => {
          const owner = given ?? randomId();
          const found = await run(
            BEGIN,
            [`${prefix}idem:${key}`],
            [JSON.stringify({ state: 'started', fingerprint, owner }), ttl(ttlMs), owner],
          );
          if (found === null) return { acquired: true, owner };
          const record = JSON.parse(String(found)) as IdempotencyRecord;
          return {
            acquired: false,
            record: { state: record.state, fingerprint: record.fingerprint, response: record.response },
          };
        }),
      finish: (key, owner, response, ttlMs) =>
        call('idempotency.finish', async () => {
          await run(FINISH, [`${prefix}idem:${key}`], [owner, response, ttl(ttlMs)]);
        }),
      abandon: (key, owner) =>
        call('idempotency.abandon', async () => {
          await run(ABANDON, [`${prefix}idem:${key}`], [owner]);
        }),
    };
    this.deliveries = {
      claim: (key, ttlMs) =>
        call(
          'deliveries.claim',
          async () => (await run(CLAIM, [`${prefix}delivery:${key}`], [randomId(), ttl(ttlMs)])) === 1,
        ),
    };
    this.transactions = {
      put: (id, state, ttlMs) =>
        call('transactions.put', async () => {
          await redis.set(`${prefix}tx:${id}`, state, 'PX', ttl(ttlMs));
        }),
      get: (id) => call('transactions.get', async () => (await redis.get(`${prefix}tx:${id}`)) ?? undefined),
      publish: (id, message) =>
        call('transactions.publish', async () => {
          await redis.publish(`${prefix}wake:${id}`, message);
        }),
      subscribe: (id, listener) =>
        call('transactions.subscribe', () => channels.subscribe(`${prefix}wake:${id}`, listener)),
    };
    this.leases = {
      acquire: (name, ttlMs) =>
        call('leases.acquire', async () => {
          const fence = await run(ACQUIRE, [`${prefix}lease:${name}`, `${prefix}fence`], [randomId(), ttl(ttlMs)]);
          return fence === null ? undefined : { name, fence: Number(fence) };
        }),
      renew: (lease, ttlMs) =>
        call(
          'leases.renew',
          async () => (await run(RENEW, [`${prefix}lease:${lease.name}`], [lease.fence, ttl(ttlMs)])) === 1,
        ),
      release: (lease) =>
        call('leases.release', async () => {
          await run(RELEASE, [`${prefix}lease:${lease.name}`], [lease.fence]);
        }),
    };
  }

  /** Closes the subscriber connection, and the client when the store made it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscriber.disconnect();
    if (this.#ownsClient) this.#client.disconnect();
  }
}

/** Creates a {@link RedisStore}. Connects in the background; the first calls wait for the connection. */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  return new RedisStore(options);
}

function ttl(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}

function missingConnection(): ConfigurationError {
  return new ConfigurationError({
    code: 'STORE_CONNECTION_MISSING',
    message: {
      vi: 'Cần `url` hoặc `client` để kết nối Redis.',
      en: 'Pass `url` or `client` to connect to Redis.',
    },
  });
}
