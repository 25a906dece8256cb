import { randomId } from '../internal/ids.js';
import type { SmartCALogger } from '../logger.js';
import type { StatusUpdate } from '../model/status-update.js';
import type { Lease, SmartCAStore, StoreSubscription } from '../model/store.js';
import { decodeMessage, decodeState, encodeMessage, encodeState, type SharedMessage } from './shared-message.js';

/** What a transaction does with what the other instances tell it. */
export interface LinkHandlers {
  /** A final status from another instance's poll or verified webhook (or the stored state). */
  update(update: StatusUpdate): void;
  /** A signed webhook body another instance received: verify it before it counts. */
  webhook(update: StatusUpdate): void;
  /** Poll now, if this instance is the one polling. */
  nudge(): void;
}

// The poll lease outlives the longest normal gap between polls (1.2 s, jittered) several times over, so a
// holder keeps it by renewing before each poll; an instance that died frees it within this long.
const POLL_LEASE_MS = 4000;
// Final states are kept past the approval window, for instances that come late (a reload, a failover).
const STATE_RETENTION_MS = 15 * 60_000;

/**
 * The client's link to the other instances sharing its store. Each pending transaction that some caller
 * waits on listens to its channel, reads the state another instance may already have recorded, and
 * polls SmartCA only while it holds the transaction's poll lease, so that SmartCA sees one poll schedule
 * per transaction however many instances wait on it. Store failures never stop a transaction: without
 * the lease or the channel it polls on its own, as a single instance does.
 */
export class SharedTransactions {
  /** This client's id on the channels. */
  readonly instance = randomId();
  readonly #store: SmartCAStore;
  readonly #logger: SmartCALogger | undefined;

  constructor(store: SmartCAStore, logger?: SmartCALogger) {
    this.#store = store;
    this.#logger = logger;
  }

  /** The link of transaction `id`; it does nothing until {@link TransactionLink.open}. */
  link(id: string, handlers: LinkHandlers): TransactionLink {
    return new TransactionLink(id, this.#store, this.instance, handlers, (what, error) => this.#warn(id, what, error));
  }

  /** Tells the instances following `id` about a callback this instance received. */
  async forward(id: string, kind: 'webhook' | 'nudge', update?: StatusUpdate): Promise<void> {
    await this.#store.transactions.publish(id, encodeMessage({ from: this.instance, kind, update }));
  }

  #warn(id: string, what: string, error: unknown): void {
    // Logged, not thrown: the transaction carries on polling by itself.
    this.#logger?.({
      event: 'error',
      operation: `store.${what}`,
      method: '',
      url: `${this.#store.kind}:${id}`,
      attempt: 1,
      requestId: '',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

/** One transaction's part in {@link SharedTransactions}. */
export class TransactionLink {
  readonly #id: string;
  readonly #store: SmartCAStore;
  readonly #instance: string;
  readonly #handlers: LinkHandlers;
  readonly #warn: (what: string, error: unknown) => void;
  #chain: Promise<void> = Promise.resolve();
  #subscription: StoreSubscription | undefined;
  #lease: Lease | undefined;
  #open = false;

  constructor(
    id: string,
    store: SmartCAStore,
    instance: string,
    handlers: LinkHandlers,
    warn: (what: string, error: unknown) => void,
  ) {
    this.#id = id;
    this.#store = store;
    this.#instance = instance;
    this.#handlers = handlers;
    this.#warn = warn;
  }

  /** Starts listening, then reads the recorded state (in that order, so nothing falls between). */
  open(): void {
    this.#open = true;
    this.#then(async () => {
      if (!this.#open || this.#subscription) return;
      this.#subscription = await this.#store.transactions.subscribe(this.#id, (text) => this.#heard(text));
      const recorded = decodeState(await this.#store.transactions.get(this.#id));
      if (recorded) this.#handlers.update(recorded);
    }, 'subscribe');
  }

  /**
   * Whether this instance may poll SmartCA now: it holds the poll lease (renewed), or took it. A store
   * that fails answers yes: a duplicate poll costs a request, a missing one could cost the result.
   */
  async mayPoll(): Promise<boolean> {
    await this.#chain;
    const leases = this.#store.leases;
    try {
      if (this.#lease && (await leases.renew(this.#lease, POLL_LEASE_MS))) return true;
      this.#lease = await leases.acquire(`poll:${this.#id}`, POLL_LEASE_MS);
      return this.#lease !== undefined;
    } catch (error) {
      this.#lease = undefined;
      this.#warn('lease', error);
      return true;
    }
  }

  /** Records a final status and tells the other instances. */
  share(update: StatusUpdate): void {
    const store = this.#store.transactions;
    this.#then(async () => {
      await store.put(this.#id, encodeState(update), STATE_RETENTION_MS);
      await store.publish(this.#id, encodeMessage({ from: this.#instance, kind: 'update', update }));
    }, 'share');
  }

  /** Stops listening and frees the poll lease for another instance. */
  close(): void {
    this.#open = false;
    this.#then(async () => {
      const lease = this.#lease;
      this.#lease = undefined;
      const subscription = this.#subscription;
      this.#subscription = undefined;
      if (lease) await this.#store.leases.release(lease);
      await subscription?.unsubscribe();
    }, 'leave');
  }

  #heard(text: string): void {
    const message: SharedMessage | undefined = decodeMessage(text);
    if (!message || message.from === this.#instance) return;
    if (message.kind === 'nudge') this.#handlers.nudge();
    else if (message.kind === 'webhook' && message.update) this.#handlers.webhook(message.update);
    else if (message.update) this.#handlers.update(message.update);
  }

  /** Runs store work in order, one step at a time; a failure is logged and the next step still runs. */
  #then(step: () => Promise<void>, what: string): void {
    this.#chain = this.#chain.then(step).catch((error: unknown) => this.#warn(what, error));
  }
}
