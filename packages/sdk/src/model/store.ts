/**
 * Where the state that must outlive one process, or be shared by several, is kept: idempotency
 * records, accepted webhook deliveries, pending-transaction state with its wake-up channel, and the
 * lease that lets one instance poll SmartCA for a transaction while the others wait. One store serves
 * a client ({@link SmartCAOptions.store}), the relay (`RelayOptions.store` in `@smartca-kit/sdk/relay`) and the webhook
 * receivers ({@link VerifyWebhookOptions.store}).
 *
 * Three back ends ship: {@link MemoryStore} (the default: this process only), `RedisStore`
 * (`@smartca-kit/sdk/store-redis`, also Valkey) and `PostgresStore` (`@smartca-kit/sdk/store-postgres`).
 * All of them pass the same contract tests. Every method may reject with {@link StoreError} when the
 * store cannot be reached or does not answer in time; no method ever guesses an answer.
 *
 * Every TTL is relative (milliseconds from now) and is counted by the store's own clock, so instances
 * whose clocks disagree still agree on what has expired.
 */
export interface SmartCAStore {
  /** The back end's name, for logs: `memory`, `redis` or `postgres`. */
  readonly kind: string;
  /** Idempotency records: a key started, then done with its response. */
  readonly idempotency: IdempotencyRecords;
  /** Webhook deliveries already accepted, so that a replay is refused (on every instance, after restarts). */
  readonly deliveries: DeliveryLog;
  /** Pending-transaction state and the channel that wakes the instances waiting on a transaction. */
  readonly transactions: TransactionStates;
  /** Leases with fencing tokens: one holder at a time per name. */
  readonly leases: Leases;
  /** Stops the store's connections and timers. The store must not be used afterwards. */
  close(): Promise<void>;
}

/** An idempotency key's record, as another caller left it. */
export interface IdempotencyRecord {
  /** `started`: a request with this key is under way (or died; the record then expires). `done`: it answered. */
  state: 'started' | 'done';
  /** What the first request looked like (a hash of its body): a retry must match it. */
  fingerprint: string;
  /** The first request's answer, once `done`. */
  response?: string | undefined;
}

/** What {@link IdempotencyRecords.begin} found. */
export type IdempotencyBegin =
  | {
      /** The key was free: the caller now owns it, and must `finish` or `abandon` it. */
      acquired: true;
      /** The caller's token, which `finish` and `abandon` must present. */
      owner: string;
    }
  | {
      /** Another request holds or held the key. */
      acquired: false;
      /** Its record. */
      record: IdempotencyRecord;
    };

/**
 * Idempotency records: a request that carries a key runs once; its retries get the first answer,
 * whichever instance they reach, and after restarts until the record expires.
 */
export interface IdempotencyRecords {
  /**
   * Takes `key` for the caller when no live record holds it, atomically (`started`, expiring after
   * `ttlMs` unless finished, so a request that died frees its key). Otherwise returns the record found.
   * `owner` (default: a random token) lets a caller whose `begin` failed, and may still have taken the
   * key, `abandon` it; a `begin` repeated with the same owner takes its own started record again.
   */
  begin(key: string, fingerprint: string, ttlMs: number, owner?: string): Promise<IdempotencyBegin>;
  /** Records the answer of the request that owns `key`, kept for `ttlMs`. A caller that lost the key changes nothing. */
  finish(key: string, owner: string, response: string, ttlMs: number): Promise<void>;
  /** Frees `key` after a failure that changed nothing, so that a retry runs afresh. Only its owner can. */
  abandon(key: string, owner: string): Promise<void>;
}

/** Webhook deliveries already accepted: the dedup and replay store. */
export interface DeliveryLog {
  /**
   * Records `key` for `ttlMs` unless it is recorded already, atomically: true for the first caller,
   * false for every later one (a replay, or a duplicate delivery).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** Called with each message published on a transaction's channel. */
export type StoreListener = (message: string) => void;

/** A subscription to a transaction's channel. */
export interface StoreSubscription {
  /** Stops listening. */
  unsubscribe(): Promise<void>;
}

/**
 * Pending-transaction state and its wake-up channel. A state is text the SDK writes (JSON); a message
 * is text too, of any size. A message reaches every instance subscribed when it is published, at most
 * once each; one published while an instance is disconnected may be lost, which is why state is kept
 * beside it: a late or reconnected instance reads the state.
 */
export interface TransactionStates {
  /** Stores the state of transaction `id` for `ttlMs`, replacing the previous one. */
  put(id: string, state: string, ttlMs: number): Promise<void>;
  /** The state of transaction `id`, or undefined when there is none (or it expired). */
  get(id: string): Promise<string | undefined>;
  /** Sends `message` to every instance subscribed to `id`, this one included. */
  publish(id: string, message: string): Promise<void>;
  /** Listens to `id`; resolves once listening, so that every message published afterwards is heard. */
  subscribe(id: string, listener: StoreListener): Promise<StoreSubscription>;
}

/** A granted lease. */
export interface Lease {
  /** What the lease is for, e.g. `poll:<transaction id>`. */
  name: string;
  /**
   * The fencing token: larger for every grant of any lease in the store. A holder that paused past its
   * TTL presents an old token, and the store refuses its renewal and release.
   */
  fence: number;
}

/** Leases with fencing tokens. */
export interface Leases {
  /** Grants `name` for `ttlMs` when no live lease holds it; undefined when another holder has it. */
  acquire(name: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends `lease` by `ttlMs` from now; false when it expired or another holder has it since. */
  renew(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Gives `lease` up early, so that another instance can take it at once. A stale lease changes nothing. */
  release(lease: Lease): Promise<void>;
}
