import { outlivedWindow } from './retention.js';
import type { SigningTransaction } from './signing-transaction.js';

/**
 * The client's pending transactions, so that a webhook fed to the client finds its waiter. Keyed by
 * both the partner's id and VNPT's id (SP769 webhooks carry `transaction_id`; gateway `notifyUrl`
 * callbacks carry `tranId`). Settled transactions leave; abandoned ones are swept after their window.
 */
export class TransactionRegistry {
  readonly #byId = new Map<string, SigningTransaction>();

  /** Remembers `tx` until it settles or its approval window is long past. */
  add(tx: SigningTransaction): void {
    this.#sweep();
    this.#byId.set(tx.id, tx);
    if (tx.providerId) this.#byId.set(tx.providerId, tx);
  }

  /** Forgets `tx`. */
  remove(tx: SigningTransaction): void {
    if (this.#byId.get(tx.id) === tx) this.#byId.delete(tx.id);
    if (tx.providerId && this.#byId.get(tx.providerId) === tx) this.#byId.delete(tx.providerId);
  }

  /** The pending transaction with this partner id or VNPT id. */
  find(id: string | null | undefined): SigningTransaction | undefined {
    return id ? this.#byId.get(id) : undefined;
  }

  /** How many transactions are pending. */
  get size(): number {
    return new Set(this.#byId.values()).size;
  }

  #sweep(): void {
    const now = Date.now();
    for (const tx of this.#byId.values()) if (outlivedWindow(tx, now)) this.remove(tx);
  }
}
