import type { SmartCACertificate } from '../certificates/certificate.js';
import type { CertificateCheckOptions } from '../certificates/verify.js';
import type { SignatureVerificationError } from '../errors/signature-verification-error.js';
import type { TransactionExpiredError } from '../errors/transaction-expired-error.js';
import type { TransactionFailedError } from '../errors/transaction-failed-error.js';
import type { TransactionRejectedError } from '../errors/transaction-rejected-error.js';
import { untilAborted, wakeableSleep } from '../internal/sleep.js';
import type { PollSchedule } from './poll-schedule.js';
import { POLL_SKIPPED, SharedPollLoop, type PollOutcome } from './shared-poll-loop.js';
import type { SharedTransactions, TransactionLink } from './shared-transactions.js';
import { expiredByDeadline, isTransient, throwIfFinal } from './final-status.js';
import { verifySignedUpdate } from './verify-update.js';
import type {
  DocumentToSign,
  RequestOptions,
  SignedTransaction,
  Surface,
  TransactionSnapshot,
  TransactionStatus,
} from '../model/transaction.js';
import type { StatusUpdate, TransactionDriver } from '../model/status-update.js';

/** Options of {@link SigningTransaction.wait}. */
export interface WaitOptions {
  /** Stops waiting (the transaction itself goes on at SmartCA). Rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with every status the SDK learns, pending ones included. */
  onUpdate?: ((snapshot: TransactionSnapshot) => void) | undefined;
  /**
   * Give up at this moment (Date or epoch ms) with {@link TransactionExpiredError}. Default: the end of
   * SmartCA's approval window (`expiresAt`) plus a few seconds for the last poll.
   */
  deadline?: Date | number | undefined;
  /**
   * Polling cadence. See {@link PollSchedule} for the defaults. Concurrent waits on one transaction
   * share one poll loop, which runs at the cadence of the wait that started it.
   */
  poll?: PollSchedule | undefined;
}

/** Options of {@link SigningTransaction.refresh}. */
export interface RefreshOptions extends RequestOptions {
  /**
   * Answer from the last poll instead of asking again when it completed less than this many ms ago
   * (a relay serving many pages keeps to one status request a second this way). Default 0: always ask.
   */
  maxAgeMs?: number | undefined;
}

/** Everything a transaction is created from. */
export interface SigningTransactionInit {
  id: string;
  providerId: string | undefined;
  driver: TransactionDriver;
  documents: readonly DocumentToSign[];
  certificate: SmartCACertificate;
  trust: CertificateCheckOptions;
  createdAt: Date;
  expiresAt: Date;
  requestId: string | undefined;
  /** Called once the transaction reaches a final status, so the client can forget it. */
  onSettled?: ((tx: SigningTransaction) => void) | undefined;
  /** The other instances on the client's store: one of them polls, and each tells the others what it learns. */
  shared?: SharedTransactions | undefined;
}

// Time allowed past `expiresAt` for the poll that observes the expiry.
const DEADLINE_GRACE_MS = 5_000;
// A waiter re-checks at least this often; setTimeout misfires on delays past 2^31 ms.
const MAX_NAP_MS = 60_000;

/**
 * A signing request that SmartCA accepted and the user has to approve in the SmartCA app. The same
 * model covers SP769 and the gateway: `pending`, then `signed`, `rejected`, `expired` or `failed`.
 *
 * @example
 * ```ts
 * const tx = await smartca.signatures.sign({ userId, documents: [{ docId: 'HS-001', digest }] });
 * const { signatures } = await tx.wait({ onUpdate: (s) => console.log(s.status) });
 * ```
 */
export class SigningTransaction {
  /** The partner's id: SP769 `transaction_id`, gateway `refTranId`. Reused on retries. */
  readonly id: string;
  /** VNPT's id: SP769 `tran_code`, gateway `tranId`. */
  readonly providerId: string | undefined;
  /** The surface the transaction runs on. */
  readonly surface: Surface;
  /** The documents sent, in order. */
  readonly documents: readonly DocumentToSign[];
  /** The certificate the user signs with. */
  readonly certificate: SmartCACertificate;
  /** When the SDK created the request. */
  readonly createdAt: Date;
  /** End of SmartCA's approval window (about five minutes after creation). */
  readonly expiresAt: Date;

  readonly #driver: TransactionDriver;
  readonly #trust: CertificateCheckOptions;
  readonly #onSettled: SigningTransactionInit['onSettled'];
  readonly #loop: SharedPollLoop;
  readonly #link: TransactionLink | undefined;
  #snapshot: TransactionSnapshot;
  #final: Promise<SignedTransaction> | undefined;
  #inflight: Promise<StatusUpdate> | undefined;
  #lastPolledAt = Number.NEGATIVE_INFINITY;

  constructor(init: SigningTransactionInit) {
    this.id = init.id;
    this.providerId = init.providerId;
    this.surface = init.driver.surface;
    this.documents = init.documents;
    this.certificate = init.certificate;
    this.createdAt = init.createdAt;
    this.expiresAt = init.expiresAt;
    this.#driver = init.driver;
    this.#trust = init.trust;
    this.#onSettled = init.onSettled;
    this.#snapshot = {
      id: this.id,
      providerId: this.providerId,
      surface: this.surface,
      status: 'pending',
      wireStatus: 'sig_wait_for_user_confirm',
      wireCode: undefined,
      requestId: init.requestId,
    };
    const link = init.shared?.link(this.id, {
      update: (update) => this.#fromPeer(update),
      webhook: (update) => this.#accept(update, true),
      nudge: () => this.nudge(),
    });
    this.#link = link;
    this.#loop = new SharedPollLoop(
      () => this.#scheduledPoll(),
      () => !this.#final && this.#snapshot.status === 'pending',
      link && { started: () => link.open(), stopped: () => link.close() },
    );
  }

  /** The last known status. */
  get status(): TransactionStatus {
    return this.#snapshot.status;
  }

  /** The last known state, without a network call. */
  snapshot(): TransactionSnapshot {
    return { ...this.#snapshot };
  }

  /**
   * Asks SmartCA once. Resolves with the new snapshot; when the transaction is signed, with the verified
   * result. Rejected, expired and failed transactions resolve too (inspect `status`); use {@link wait}
   * for a promise that throws on them. Calls made while one is in flight share its answer; `signal`
   * stops this call's wait, not the shared request.
   */
  async refresh(options: RefreshOptions = {}): Promise<TransactionSnapshot | SignedTransaction> {
    if (this.#final) return this.#final;
    if (!this.#inflight && options.maxAgeMs !== undefined && Date.now() - this.#lastPolledAt < options.maxAgeMs) {
      return this.snapshot();
    }
    this.#inflight ??= this.#driver
      .fetchStatus({ timeout: options.timeout, maxRetries: options.maxRetries })
      .then((update) => {
        // SmartCA's own answer: the other instances may take it as it is.
        if (update.status !== 'pending') this.#link?.share(update);
        return update;
      })
      .finally(() => {
        this.#inflight = undefined;
        this.#lastPolledAt = Date.now();
      });
    return this.#apply(await untilAborted(this.#inflight, options.signal));
  }

  /**
   * Waits until the user approves or the transaction ends otherwise. Polls with a jittered backoff
   * (about one request per second, shared by every concurrent wait on this transaction) and wakes at
   * once when a verified webhook settles it or a callback nudges it.
   *
   * @returns the verified signatures.
   * @throws {@link TransactionRejectedError}, {@link TransactionExpiredError}, {@link TransactionFailedError},
   *   {@link SignatureVerificationError}, or the signal's reason when aborted.
   */
  async wait(options: WaitOptions = {}): Promise<SignedTransaction> {
    const deadline = toTime(options.deadline) ?? this.expiresAt.getTime() + DEADLINE_GRACE_MS;
    const heard: PollOutcome[] = [];
    let wake: (() => void) | undefined;
    const leave = this.#loop.join(options.poll, (outcome) => {
      heard.push(outcome);
      wake?.();
    });
    let reported: TransactionStatus = 'pending';
    try {
      for (;;) {
        if (this.#snapshot.status !== reported) {
          reported = this.#snapshot.status;
          options.onUpdate?.(this.snapshot());
        }
        if (this.#final) return await this.#final;
        throwIfFinal(this.#snapshot);
        for (const outcome of heard.splice(0)) {
          if (!outcome.ok && !isTransient(outcome.error)) throw outcome.error;
          if (outcome.ok && this.#snapshot.status === 'pending') options.onUpdate?.(this.snapshot());
        }
        const now = Date.now();
        if (now >= deadline) {
          // One last look: the user may have approved in the final moments.
          const snapshot = await this.refresh({ signal: options.signal });
          if (snapshot.status === 'pending') throw expiredByDeadline(this.id, snapshot.requestId);
          continue;
        }
        const nap = wakeableSleep(Math.min(deadline - now, MAX_NAP_MS), options.signal);
        wake = nap.wake;
        if (heard.length > 0) nap.wake();
        await nap.done.finally(() => {
          wake = undefined;
        });
      }
    } finally {
      leave();
    }
  }

  /**
   * Feeds a status that arrived by webhook. SmartCA's webhooks carry no authentication, so nothing in
   * one is trusted: a signed update settles the transaction only once its signatures verify against
   * the certificate and the digests; one that does not verify, and any other status, is discarded and
   * only makes the transaction poll SmartCA at once. Normally called through `smartca.webhooks`.
   */
  deliver(update: StatusUpdate): void {
    this.#accept(update, true);
  }

  /**
   * Makes the transaction poll SmartCA now: a callback said something changed (the gateway's
   * `notifyUrl` carries no data), or a webhook could not be verified. Cannot settle anything itself.
   */
  nudge(): void {
    this.#loop.nudge();
  }

  /** Waits while another instance polls; polls when this one holds the lease (or has no store to share). */
  async #scheduledPoll(): Promise<unknown> {
    if (this.#link && !(await this.#link.mayPoll())) return POLL_SKIPPED;
    return this.refresh();
  }

  /**
   * An update nobody verified yet (a webhook, here or at another instance), or a signed one another
   * instance shared: it settles the transaction only once its signatures verify. One this instance
   * verified is shared (`share`), so that instances that come later read it from the store.
   */
  #accept(update: StatusUpdate, share: boolean): void {
    if (this.#final || this.#snapshot.status !== 'pending') return;
    if (update.status !== 'signed') {
      this.nudge();
      return;
    }
    this.#check(update).then(
      (signed) => {
        if (this.#final || this.#snapshot.status !== 'pending') return;
        this.#snapshot = {
          ...this.#snapshot,
          status: 'signed',
          wireStatus: update.wireStatus,
          wireCode: update.wireCode,
        };
        this.#final = Promise.resolve({ ...signed, ...this.snapshot(), status: 'signed' });
        if (share) this.#link?.share(update);
        this.#onSettled?.(this);
        this.#loop.notify();
      },
      () => this.nudge(),
    );
  }

  /**
   * A final status another instance learnt from SmartCA (or recorded earlier). The store is the
   * partner's own infrastructure, so a rejection or an expiry is taken as SmartCA's answer; signatures
   * are still verified here, as every signature is before anyone uses it.
   */
  #fromPeer(update: StatusUpdate): void {
    if (update.status === 'pending' || this.#final || this.#snapshot.status !== 'pending') return;
    if (update.status === 'signed') {
      this.#accept(update, false);
      return;
    }
    void this.#apply(update);
    this.#loop.notify();
  }

  #apply(update: StatusUpdate): Promise<TransactionSnapshot | SignedTransaction> {
    if (this.#final) return this.#final;
    this.#snapshot = {
      ...this.#snapshot,
      status: update.status,
      wireStatus: update.wireStatus,
      wireCode: update.wireCode,
      requestId: update.requestId ?? this.#snapshot.requestId,
    };
    if (update.status === 'signed') {
      this.#final = this.#check(update).catch((error: unknown) => {
        // SmartCA itself answered with signatures that do not verify: the transaction has failed.
        this.#snapshot = { ...this.#snapshot, status: 'failed' };
        throw error;
      });
      this.#final.then(
        () => this.#onSettled?.(this),
        () => this.#onSettled?.(this),
      );
      return this.#final;
    }
    if (update.status !== 'pending') this.#onSettled?.(this);
    return Promise.resolve(this.snapshot());
  }

  /** The verified result of a signed update; changes no state. */
  async #check(update: StatusUpdate): Promise<SignedTransaction> {
    const signatures = await verifySignedUpdate(update, {
      certificate: this.certificate,
      documents: this.documents,
      trust: this.#trust,
    });
    return { ...this.#snapshot, status: 'signed', signatures, certificate: this.certificate };
  }
}

function toTime(value: Date | number | undefined): number | undefined {
  return value instanceof Date ? value.getTime() : value;
}
