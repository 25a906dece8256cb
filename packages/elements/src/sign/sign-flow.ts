import {
  createRelayClient,
  RelayRequestError,
  type RelayClient,
  type RelayDocument,
  type RelaySignedResult,
  type RelayTransaction,
  type StartSignatureBody,
} from '@smartca-kit/sdk/relay-client';
import { failureOf as describeFailure, failureOfBody, type Failure } from '../internal/failure.js';
import { Flow } from '../internal/flow.js';
import { randomKey } from '../internal/random.js';
import {
  clearAttempts,
  clearSigning,
  countAttempt,
  loadSigning,
  nextAttempt,
  saveSigning,
  storageKeyFor,
} from '../internal/session-store.js';

/** Where a signature is, as the widget shows it. */
export type SignPhase = 'idle' | 'preparing' | 'awaiting' | 'signed' | 'rejected' | 'expired' | 'error';

/** Why a signature failed, in the shape of the `smartca-error` event. */
export type SignFailure = Failure;

/** Everything the widget renders from. */
export interface SignSnapshot {
  phase: SignPhase;
  transactionId?: string | undefined;
  /** End of the approval window, epoch ms. */
  expiresAt?: number | undefined;
  /** Which try at these documents the transaction is (1 the first), as the app's description says. */
  attempt?: number | undefined;
  documents: RelayDocument[];
  result?: RelaySignedResult | undefined;
  failure?: SignFailure | undefined;
  /** How the phase was reached, when that matters to the events: a reload, or the user's cancel. */
  cause?: 'resumed' | 'cancelled' | undefined;
}

/** Where to sign and with which session. */
export interface SignFlowConfig {
  endpoint: string;
  session: string;
  /** Digests the page computed itself; the relay refuses a session bound to others. */
  documents?: StartSignatureBody['documents'];
}

// The relay caps a held status call at its own limit (25 s by default); asking for as long keeps
// polling at about one request per wait. A pending answer sooner than this is paced, in case a proxy
// cuts long polls short.
const LONG_POLL_SECONDS = 25;
const MIN_POLL_INTERVAL_MS = 1000;
const NETWORK_GRACE_MS = 30_000;
const DEFAULT_WINDOW_MS = 5 * 60 * 1000;

/**
 * The signing state machine, without any DOM: idle → preparing → awaiting → signed | rejected |
 * expired | error. It talks to the relay, follows the transaction with long polls, keeps it in
 * sessionStorage while it is pending, and reports every change to `onChange`.
 */
export class SignFlow extends Flow<SignSnapshot> {
  constructor(onChange: (next: SignSnapshot, previous: SignSnapshot) => void) {
    super({ phase: 'idle', documents: [] }, onChange);
  }

  /** Sends the session's documents for signing and follows the transaction to its end. */
  async start(config: SignFlowConfig): Promise<void> {
    const signal = this.begin();
    const client = this.#client(config);
    // Preparing at once: the button reacts to the click before any async work.
    this.set({ phase: 'preparing', documents: this.snapshot.documents });
    const key = await storageKeyFor(config.session);
    const attempt = nextAttempt(key);
    try {
      let tx;
      try {
        tx = await client.startSignature({ documents: config.documents, attempt, idempotencyKey: randomKey(), signal });
      } catch (error) {
        // Refused before SmartCA was asked (no turns, a bad session): no request waits in the app, so
        // the next try keeps this number. A lost answer may hide a request that does: count it.
        if (!(error instanceof RelayRequestError) || error.category === 'network' || error.category === 'provider') {
          countAttempt(key, attempt);
        }
        throw error;
      }
      countAttempt(key, attempt);
      const expiresAt = tx.expiresAt ? Date.parse(tx.expiresAt) : Date.now() + DEFAULT_WINDOW_MS;
      if (key) saveSigning(key, { transactionId: tx.id, expiresAt, documents: tx.documents, attempt });
      this.set({ phase: 'awaiting', transactionId: tx.id, expiresAt, attempt, documents: tx.documents });
      await this.#follow(client, key, signal);
    } catch (error) {
      this.#fail(error, signal);
    }
  }

  /** Picks up a transaction this tab started before a reload or a redirect. Resolves false when there is none. */
  async resume(config: SignFlowConfig): Promise<boolean> {
    const key = await storageKeyFor(config.session);
    const stored = key ? loadSigning(key) : undefined;
    if (!stored || this.snapshot.phase !== 'idle') return false;
    const signal = this.begin();
    this.set({
      phase: 'awaiting',
      transactionId: stored.transactionId,
      expiresAt: stored.expiresAt,
      attempt: stored.attempt,
      documents: stored.documents,
      cause: 'resumed',
    });
    this.#follow(this.#client(config), key, signal).catch((error: unknown) => this.#fail(error, signal));
    return true;
  }

  /** Stops waiting. The relay answers with the final status instead if the transaction ended first. */
  async cancel(config: SignFlowConfig): Promise<void> {
    const { transactionId } = this.snapshot;
    if (this.snapshot.phase !== 'awaiting' || !transactionId) return;
    const signal = this.begin();
    const key = await storageKeyFor(config.session);
    try {
      const tx = await this.#client(config).cancelSignature(transactionId, { signal });
      this.#settle(tx, key);
    } catch (error) {
      this.#fail(error, signal);
    }
  }

  /**
   * The element left the page: stop, and drop a pending transaction back to idle without telling
   * anyone. It stays stored, so reconnecting the element (or reloading) resumes it.
   */
  suspend(): void {
    this.stop();
    if (this.snapshot.phase === 'awaiting' || this.snapshot.phase === 'preparing') {
      this.replaceSilently({ phase: 'idle', documents: this.snapshot.documents });
    }
  }

  /** Fails without asking the relay (the page is set up wrongly). */
  fail(failure: SignFailure): void {
    this.stop();
    this.set({ ...this.snapshot, phase: 'error', cause: undefined, failure });
  }

  /** Back to idle after a final state, e.g. before signing again. */
  reset(): void {
    this.stop();
    this.set({ phase: 'idle', documents: this.snapshot.documents });
  }

  async #follow(client: RelayClient, key: string | undefined, signal: AbortSignal): Promise<void> {
    let failures = 0;
    for (;;) {
      const { transactionId = '', expiresAt = 0 } = this.snapshot;
      const asked = Date.now();
      try {
        const tx = await client.signatureStatus(transactionId, { waitSeconds: LONG_POLL_SECONDS, signal });
        failures = 0;
        if (tx.status !== 'pending') {
          this.#settle(tx, key);
          return;
        }
        await pause(MIN_POLL_INTERVAL_MS - (Date.now() - asked), signal);
      } catch (error) {
        const retry =
          error instanceof RelayRequestError &&
          error.category === 'network' &&
          !signal.aborted &&
          Date.now() < expiresAt + NETWORK_GRACE_MS;
        if (!retry) throw error;
        await pause(Math.min(1000 * 2 ** failures++, 10_000), signal);
      }
    }
  }

  #settle(tx: RelayTransaction, key: string | undefined): void {
    if (key) clearSigning(key);
    const base = {
      transactionId: tx.id,
      expiresAt: this.snapshot.expiresAt,
      attempt: this.snapshot.attempt,
      documents: tx.documents,
    };
    switch (tx.status) {
      case 'signed':
        if (key) clearAttempts(key);
        this.set({ ...base, phase: 'signed', result: tx.result });
        return;
      case 'cancelled':
        this.set({ ...base, phase: 'idle', cause: 'cancelled' });
        return;
      case 'failed':
        this.set({
          ...base,
          phase: 'error',
          failure: tx.error ? failureOfBody(tx.error, 'smartca-sign') : failureOf(undefined),
        });
        return;
      default:
        this.set({ ...base, phase: tx.status === 'rejected' ? 'rejected' : 'expired' });
    }
  }

  #fail(error: unknown, signal: AbortSignal): void {
    if (signal.aborted) return; // stopped on purpose: not a failure.
    this.set({ ...this.snapshot, phase: 'error', cause: undefined, failure: failureOf(error) });
  }

  #client(config: SignFlowConfig): RelayClient {
    return createRelayClient({ endpoint: config.endpoint, session: config.session });
  }
}

function failureOf(error: unknown): SignFailure {
  return describeFailure(error, 'smartca-sign', {
    vi: 'Đã xảy ra lỗi không mong đợi khi ký số.',
    en: 'An unexpected error occurred while signing.',
  });
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
