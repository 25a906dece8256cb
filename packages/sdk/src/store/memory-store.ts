import { randomId } from '../internal/ids.js';
import { storeClosed } from '../internal/store-call.js';
import { ListenerSets } from './listener-sets.js';
import type {
  DeliveryLog,
  IdempotencyBegin,
  IdempotencyRecord,
  IdempotencyRecords,
  Lease,
  Leases,
  SmartCAStore,
  StoreSubscription,
  TransactionStates,
} from '../model/store.js';

interface Timed<T> {
  value: T;
  until: number;
}

// Expired entries are dropped when read, and swept whenever a map grows past this many since the last sweep.
const SWEEP_EVERY = 1000;

/**
 * The default store: this process's memory. Nothing is shared with other processes or survives a
 * restart, which is exactly right for one relay instance; run several behind a load balancer on
 * `RedisStore` or `PostgresStore` instead. TTLs run on the monotonic clock, so moving the wall clock
 * changes nothing.
 *
 * @example
 * ```ts
 * const smartca = createSmartCA({ environment: 'sandbox', credentials, store: createMemoryStore() });
 * ```
 */
export class MemoryStore implements SmartCAStore {
  /** Always `memory`. */
  readonly kind = 'memory';
  /** Idempotency records in a map. */
  readonly idempotency: IdempotencyRecords;
  /** Accepted deliveries in a map. */
  readonly deliveries: DeliveryLog;
  /** States in a map; the channel calls this process's listeners. */
  readonly transactions: TransactionStates;
  /** Leases in a map, with a counter for fences. */
  readonly leases: Leases;
  #closed = false;

  constructor() {
    const idempotency = new TimedMap<IdempotencyRecord & { owner?: string | undefined }>();
    const deliveries = new TimedMap<true>();
    const states = new TimedMap<string>();
    const leases = new TimedMap<number>();
    const listeners = new ListenerSets();
    let fence = 0;
    const open = () => {
      if (this.#closed) throw storeClosed(this.kind);
    };
    this.idempotency = {
      begin: async (key, fingerprint, ttlMs, given): Promise<IdempotencyBegin> => {
        open();
        const found = idempotency.get(key);
        if (found && given !== undefined && found.owner === given && found.state === 'started')
          return { acquired: true, owner: given };
        if (found)
          return {
            acquired: false,
            record: { state: found.state, fingerprint: found.fingerprint, response: found.response },
          };
        const owner = given ?? randomId();
        idempotency.set(key, { state: 'started', fingerprint, owner }, ttlMs);
        return { acquired: true, owner };
      },
      finish: async (key, owner, response, ttlMs) => {
        open();
        const found = idempotency.get(key);
        if (found && found.owner !== owner) return;
        idempotency.set(key, { state: 'done', fingerprint: found?.fingerprint ?? '', response }, ttlMs);
      },
      abandon: async (key, owner) => {
        open();
        if (idempotency.get(key)?.owner === owner) idempotency.delete(key);
      },
    };
    this.deliveries = {
      claim: async (key, ttlMs) => {
        open();
        if (deliveries.get(key)) return false;
        deliveries.set(key, true, ttlMs);
        return true;
      },
    };
    this.transactions = {
      put: async (id, state, ttlMs) => {
        open();
        states.set(id, state, ttlMs);
      },
      get: async (id) => {
        open();
        return states.get(id);
      },
      publish: async (id, message) => {
        open();
        // Asynchronously, as a real channel delivers: a listener never runs inside its publisher's call.
        listeners.deliver(id, message, queueMicrotask);
      },
      subscribe: async (id, listener): Promise<StoreSubscription> => {
        open();
        const remove = listeners.add(id, listener);
        return { unsubscribe: async () => void remove() };
      },
    };
    this.leases = {
      acquire: async (name, ttlMs): Promise<Lease | undefined> => {
        open();
        if (leases.get(name) !== undefined) return undefined;
        fence += 1;
        leases.set(name, fence, ttlMs);
        return { name, fence };
      },
      renew: async (lease, ttlMs) => {
        open();
        if (leases.get(lease.name) !== lease.fence) return false;
        leases.set(lease.name, lease.fence, ttlMs);
        return true;
      },
      release: async (lease) => {
        open();
        if (leases.get(lease.name) === lease.fence) leases.delete(lease.name);
      },
    };
  }

  /** Forgets nothing (there is nothing to disconnect), but refuses further use. */
  async close(): Promise<void> {
    this.#closed = true;
  }
}

/**
 * Creates a {@link MemoryStore}: the default of `createSmartCA` and `createRelay`, for one process.
 */
export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}

/** A map whose entries expire, on the monotonic clock. */
class TimedMap<T> {
  readonly #entries = new Map<string, Timed<T>>();
  #setsSinceSweep = 0;

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > performance.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, ttlMs: number): void {
    if (++this.#setsSinceSweep >= SWEEP_EVERY) this.#sweep();
    this.#entries.set(key, { value, until: performance.now() + Math.max(1, ttlMs) });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(): void {
    this.#setsSinceSweep = 0;
    const now = performance.now();
    for (const [key, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(key);
  }
}
