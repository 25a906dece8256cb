import type { Notification, Pool, PoolClient } from 'pg';
import type { StoreListener, StoreSubscription } from '../../model/store.js';
import { ListenerSets } from '../listener-sets.js';

// NOTIFY payloads stop at 8000 bytes; a longer message goes to smartca_messages and the NOTIFY names its row.
const INLINE_LIMIT_BYTES = 7900;
// How soon a lost listening connection is opened again, doubling up to the maximum.
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;

/** What the NOTIFY payload holds: the transaction, and the message or the row that holds it. */
interface Envelope {
  c: string;
  p?: string;
  m?: string | number;
}

/**
 * The wake-up channels on PostgreSQL: one `LISTEN` connection per store (taken from the pool and kept),
 * one NOTIFY channel for every transaction, dispatched here to this process's listeners by transaction
 * id. When the connection is lost (a restart, `pg_terminate_backend`), it is opened again, and the
 * messages sent meanwhile are lost; the state in `smartca_transactions` is what a waiter reads instead.
 */
export class PostgresChannels {
  readonly #pool: Pool;
  readonly #channel: string;
  readonly #warn: (error: unknown) => void;
  readonly #listeners = new ListenerSets();
  #client: PoolClient | undefined;
  #releaseClient: (() => void) | undefined;
  #connecting: Promise<void> | undefined;
  #retryMs = RECONNECT_MIN_MS;
  #closed = false;

  constructor(pool: Pool, channel: string, warn: (error: unknown) => void) {
    this.#pool = pool;
    this.#channel = channel;
    this.#warn = warn;
  }

  /** Adds `listener` for transaction `id`, once the LISTEN connection is up. */
  async subscribe(id: string, listener: StoreListener): Promise<StoreSubscription> {
    await this.#connect();
    const remove = this.#listeners.add(id, listener);
    return { unsubscribe: async () => void remove() };
  }

  /** Sends `message` to every instance listening on `id`, in one statement either way. */
  async publish(id: string, message: string): Promise<void> {
    const inline = JSON.stringify({ c: id, p: message } satisfies Envelope);
    if (Buffer.byteLength(inline) <= INLINE_LIMIT_BYTES) {
      await this.#pool.query('SELECT pg_notify($1, $2)', [this.#channel, inline]);
      return;
    }
    await this.#pool.query(
      `WITH m AS (INSERT INTO smartca_messages (channel, payload) VALUES ($1, $2) RETURNING id)
      SELECT pg_notify($3, json_build_object('c', $1::text, 'm', m.id)::text) FROM m`,
      [id, message, this.#channel],
    );
  }

  /** Gives the LISTEN connection back. */
  close(): void {
    this.#closed = true;
    this.#releaseClient?.();
  }

  #connect(): Promise<void> {
    if (this.#client) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    const client = await this.#pool.connect();
    let released = false;
    // Once only, however the connection ends (an error, then 'end'; or close(), then the pool's end).
    const release = () => {
      if (released) return false;
      released = true;
      client.release(true);
      if (this.#client === client) this.#client = undefined;
      return true;
    };
    const onLost = (error?: unknown) => {
      if (!release()) return;
      if (error) this.#warn(error);
      this.#reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n: Notification) => this.#heard(n));
    try {
      await client.query(`LISTEN ${this.#channel}`);
    } catch (error) {
      onLost();
      throw error;
    }
    if (this.#closed) {
      release();
      return;
    }
    this.#client = client;
    this.#releaseClient = release;
    this.#retryMs = RECONNECT_MIN_MS;
  }

  #reconnectLater(): void {
    if (this.#closed || this.#listeners.size === 0) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(RECONNECT_MAX_MS, this.#retryMs * 2);
    setTimeout(() => {
      if (this.#closed || this.#client) return;
      this.#connect().catch((error: unknown) => {
        this.#warn(error);
        this.#reconnectLater();
      });
    }, delay).unref?.();
  }

  #heard(notification: Notification): void {
    if (notification.channel !== this.#channel || !notification.payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(notification.payload) as Envelope;
    } catch {
      return;
    }
    if (!this.#listeners.has(envelope.c)) return;
    const deliver = (message: string) => this.#listeners.deliver(envelope.c, message);
    if (typeof envelope.p === 'string') deliver(envelope.p);
    else if (envelope.m !== undefined) {
      this.#pool.query<{ payload: string }>('SELECT payload FROM smartca_messages WHERE id = $1', [envelope.m]).then(
        (r) => r.rows[0] && deliver(r.rows[0].payload),
        (error: unknown) => this.#warn(error),
      );
    }
  }
}
