import type { SmartCA } from '../../client.js';
import { base64ToBytes } from '../../internal/bytes.js';
import { untilAborted } from '../../internal/sleep.js';
import { KEPT_AFTER_EXPIRY_MS, outlivedWindow } from '../../transaction/retention.js';
import type { SigningTransaction } from '../../transaction/signing-transaction.js';
import type { DocumentToSign } from '../../model/transaction.js';
import type { SessionClaims } from '../contract/session-claims.js';

/** A transaction this relay instance follows, and the switch that stops every wait on it. */
export interface LiveTransaction {
  tx: SigningTransaction;
  cancelled: AbortController;
}

// How long a cancelled transaction this instance never followed is remembered: SmartCA's window.
const CANCELLED_MEMORY_MS = 5 * 60_000;

/**
 * The transactions this relay instance has seen, so that concurrent long polls share one
 * `SigningTransaction` and know its real approval window. It is a cache, not the source of truth: a
 * transaction started on another instance (or before a restart) is rebuilt from the session's claims
 * with `signatures.resume`, which is what keeps the relay stateless.
 */
export class LiveTransactions {
  readonly #client: SmartCA;
  readonly #now: () => number;
  readonly #entries = new Map<string, LiveTransaction>();
  readonly #following = new Map<string, Promise<LiveTransaction>>();
  readonly #cancelledUntil = new Map<string, number>();

  constructor(client: SmartCA, now: () => number) {
    this.#client = client;
    this.#now = now;
  }

  /** Starts following a transaction this instance created. */
  add(tx: SigningTransaction): LiveTransaction {
    this.#prune();
    const entry = { tx, cancelled: new AbortController() };
    this.#entries.set(tx.id, entry);
    return entry;
  }

  /**
   * The transaction `id`, from the cache or rebuilt from the session with one certificate lookup, which
   * concurrent calls share: twenty pages following a transaction this instance has not seen cost one
   * lookup, not twenty. `signal` stops this caller's wait only.
   */
  async follow(id: string, claims: SessionClaims, signal: AbortSignal): Promise<LiveTransaction> {
    this.#prune();
    const known = this.#entries.get(id);
    if (known) return known;
    let pending = this.#following.get(id);
    if (!pending) {
      pending = this.#resume(id, claims).finally(() => this.#following.delete(id));
      this.#following.set(id, pending);
    }
    return untilAborted(pending, signal);
  }

  async #resume(id: string, claims: SessionClaims): Promise<LiveTransaction> {
    const certificate = await this.#client.certificates.signer({
      userId: claims.userId,
      serialNumber: claims.serialNumber,
    });
    const tx = this.#client.signatures.resume({ transactionId: id, documents: sessionDocuments(claims), certificate });
    return this.#entries.get(id) ?? this.add(tx);
  }

  /**
   * Stops every wait on `id` in this instance and forgets it, and remembers until its approval window
   * is over that it was cancelled: SmartCA cannot withdraw the request, so the user may still approve
   * it in the app, and a page that stopped waiting must not be handed that signature later.
   */
  cancel(id: string): void {
    const entry = this.#entries.get(id);
    entry?.cancelled.abort();
    this.#entries.delete(id);
    const until = (entry?.tx.expiresAt.getTime() ?? this.#now() + CANCELLED_MEMORY_MS) + KEPT_AFTER_EXPIRY_MS;
    this.#cancelledUntil.set(id, until);
  }

  /** Whether this instance cancelled `id` (see {@link cancel}). */
  wasCancelled(id: string): boolean {
    return this.#cancelledUntil.has(id);
  }

  /** Forgets a transaction whose outcome has been reported (a cancel that came too late, too). */
  forget(id: string): void {
    this.#entries.delete(id);
    this.#cancelledUntil.delete(id);
  }

  #prune(): void {
    const now = this.#now();
    for (const [id, entry] of this.#entries) {
      if (outlivedWindow(entry.tx, now)) this.#entries.delete(id);
    }
    for (const [id, until] of this.#cancelledUntil) if (now > until) this.#cancelledUntil.delete(id);
  }
}

/** The session's documents in the SDK's form. The claims were validated, so every digest decodes. */
export function sessionDocuments(claims: SessionClaims): DocumentToSign[] {
  return claims.documents.map((d) => ({
    docId: d.docId,
    digest: base64ToBytes(d.digest) ?? new Uint8Array(),
    fileType: d.fileType,
    name: d.name,
  }));
}
