import type { SmartCACertificate } from '../certificates/certificate.js';
import { verifyCertificate, verifySignature, type CertificateCheckOptions } from '../certificates/verify.js';
import { ApiError } from '../errors/api-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { RequestTimeoutError } from '../errors/request-timeout-error.js';
import { SignatureVerificationError } from '../errors/signature-verification-error.js';
import type { SmartCAError } from '../errors/smartca-error.js';
import { TransactionExpiredError } from '../errors/transaction-expired-error.js';
import { TransactionFailedError } from '../errors/transaction-failed-error.js';
import { TransactionRejectedError } from '../errors/transaction-rejected-error.js';
import { messages } from '../internal/messages.js';
import { sleep } from '../internal/sleep.js';
import { PollTimer, type PollSchedule } from './poll-schedule.js';
import type {
  DocumentSignature, DocumentToSign, RequestOptions, SignedTransaction, Surface, TransactionSnapshot, TransactionStatus,
} from './types.js';

/** What a surface reports about a transaction, already translated from its wire form. */
export interface StatusUpdate {
  /** Where the transaction is in its lifecycle. */
  status: TransactionStatus;
  /** The status as VNPT spelled it: SP769 `message`, or the gateway's `tranStatus` name. */
  wireStatus: string;
  /** The numeric status on the wire, when the surface has one (gateway `tranStatus`). */
  wireCode?: number | undefined;
  /** The request id of the call that produced the update; absent for webhooks. */
  requestId?: string | undefined;
  /** Raw signatures, keyed by `docId` (SP769) or in document order (gateway, `docId` undefined). */
  signatures?: Array<{
    /** The document the signature is for (SP769 `doc_id`); undefined when matched by position. */
    docId?: string | undefined;
    /** The raw signature, decoded from base64 but not yet verified. */
    signature: Uint8Array;
    /** `timestamp_signature` as SmartCA sent it, or null. */
    timestampSignature: string | null;
  }> | undefined;
}

/** How a transaction asks its surface for news. Implemented by the SP769 and gateway resources. */
export interface TransactionDriver {
  /** The surface the transaction runs on. */
  readonly surface: Surface;
  /** Asks SmartCA once for the transaction's current status. */
  fetchStatus(options: RequestOptions): Promise<StatusUpdate>;
}

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
  /** Polling cadence. See {@link PollSchedule} for the defaults. */
  poll?: PollSchedule | undefined;
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
}

// Time allowed past `expiresAt` for the poll that observes the expiry.
const DEADLINE_GRACE_MS = 5_000;

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
  readonly #wakers = new Set<() => void>();
  #snapshot: TransactionSnapshot;
  #final: Promise<SignedTransaction> | undefined;

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
    this.#snapshot = { id: this.id, providerId: this.providerId, surface: this.surface, status: 'pending',
      wireStatus: 'sig_wait_for_user_confirm', wireCode: undefined, requestId: init.requestId };
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
   * for a promise that throws on them.
   */
  async refresh(options: RequestOptions = {}): Promise<TransactionSnapshot | SignedTransaction> {
    if (this.#final) return this.#final;
    return this.#apply(await this.#driver.fetchStatus(options));
  }

  /**
   * Waits until the user approves or the transaction ends otherwise. Polls with a jittered backoff
   * (about one request per second) and wakes at once when a webhook is fed to the client.
   *
   * @returns the verified signatures.
   * @throws {@link TransactionRejectedError}, {@link TransactionExpiredError}, {@link TransactionFailedError},
   *   {@link SignatureVerificationError}, or the signal's reason when aborted.
   */
  async wait(options: WaitOptions = {}): Promise<SignedTransaction> {
    const deadline = toTime(options.deadline) ?? this.expiresAt.getTime() + DEADLINE_GRACE_MS;
    const timer = new PollTimer(options.poll);
    let reported: TransactionStatus = 'pending';
    for (;;) {
      if (this.#snapshot.status !== reported) {
        reported = this.#snapshot.status;
        options.onUpdate?.(this.snapshot());
      }
      if (this.#final) return this.#final;
      throwIfFinal(this.#snapshot);
      const now = Date.now();
      if (now >= deadline) {
        // One last look: the user may have approved in the final moments.
        const snapshot = await this.refresh({ signal: options.signal });
        if (snapshot.status === 'pending') throw expiredByDeadline(this);
        continue;
      }
      const woken = await this.#nap(Math.min(timer.next(), deadline - now), options.signal);
      if (woken && this.#snapshot.status !== 'pending') continue;
      try {
        const snapshot = await this.refresh({ signal: options.signal });
        timer.succeeded();
        if (snapshot.status === 'pending') options.onUpdate?.(this.snapshot());
      } catch (error) {
        if (options.signal?.aborted || !isTransient(error)) throw error;
        timer.failed();
      }
    }
  }

  /**
   * Feeds a status that arrived by webhook. Waiters wake at once; a signed update is verified exactly
   * like a polled one. Normally called through `smartca.webhooks`, not directly.
   */
  deliver(update: StatusUpdate): void {
    if (this.#final || this.#snapshot.status !== 'pending') return;
    // Verification is async; a failure surfaces through the next wait()/refresh() via #final.
    void this.#apply(update).catch(() => undefined);
    this.#wake();
  }

  /** Asks waiters to poll now (the gateway's `notifyUrl` says something changed but carries no data). */
  nudge(): void {
    this.#wake();
  }

  #apply(update: StatusUpdate): Promise<TransactionSnapshot | SignedTransaction> {
    if (this.#final) return this.#final;
    this.#snapshot = { ...this.#snapshot, status: update.status, wireStatus: update.wireStatus,
      wireCode: update.wireCode, requestId: update.requestId ?? this.#snapshot.requestId };
    if (update.status === 'signed') {
      this.#final = this.#verify(update);
      this.#final.then(() => this.#onSettled?.(this), () => this.#onSettled?.(this));
      return this.#final;
    }
    if (update.status !== 'pending') this.#onSettled?.(this);
    return Promise.resolve(this.snapshot());
  }

  async #verify(update: StatusUpdate): Promise<SignedTransaction> {
    try {
      await verifyCertificate(this.certificate, { ...this.#trust, at: new Date() });
      const raw = update.signatures ?? [];
      const signatures: DocumentSignature[] = [];
      for (const [index, doc] of this.documents.entries()) {
        const found = raw.find((s) => s.docId === doc.docId) ?? (raw[index]?.docId === undefined ? raw[index] : undefined);
        if (!found) {
          throw new SignatureVerificationError({ reason: 'signature-malformed', docId: doc.docId, message: {
            vi: `SmartCA không trả về chữ ký cho tài liệu ${doc.docId}.`,
            en: `SmartCA returned no signature for document ${doc.docId}.` } });
        }
        await verifySignature(this.certificate, doc.digest, found.signature, doc.docId);
        signatures.push({ docId: doc.docId, digest: doc.digest, signature: found.signature,
          timestampSignature: found.timestampSignature });
      }
      return { ...this.#snapshot, status: 'signed', signatures, certificate: this.certificate };
    } catch (error) {
      this.#snapshot = { ...this.#snapshot, status: 'failed' };
      throw error;
    }
  }

  /** Sleeps `ms`; resolves `true` when a webhook woke it early. */
  async #nap(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    const inner = new AbortController();
    const wake = () => inner.abort();
    const onOuterAbort = () => inner.abort();
    this.#wakers.add(wake);
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      await sleep(ms, inner.signal);
      return false;
    } catch {
      if (signal?.aborted) throw signal.reason;
      return true;
    } finally {
      this.#wakers.delete(wake);
      signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  #wake(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}

/** Throws the error class of a rejected, expired or failed snapshot; returns for pending and signed. */
export function throwIfFinal(snapshot: TransactionSnapshot): void {
  const init = { transactionId: snapshot.id, requestId: snapshot.requestId, wireCode: snapshot.wireCode };
  switch (snapshot.status) {
    case 'rejected':
      throw new TransactionRejectedError({ ...init, code: 'SIGNER_REJECTED', message: messages.rejected });
    case 'expired':
      throw new TransactionExpiredError({ ...init, code: 'EXPIRED', message: messages.expired });
    case 'failed':
      throw new TransactionFailedError({ ...init, code: /^[A-Z_]+$/.test(snapshot.wireStatus) ? snapshot.wireStatus : 'SIGN_FAILED',
        message: messages.signFailed(snapshot.wireStatus) });
    default:
  }
}

function expiredByDeadline(tx: SigningTransaction): SmartCAError {
  return new TransactionExpiredError({ code: 'CLIENT_DEADLINE_EXCEEDED', message: messages.expired,
    transactionId: tx.id, requestId: tx.snapshot().requestId });
}

function isTransient(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof RequestTimeoutError
    || (error instanceof ApiError && (error.status === undefined || error.status >= 500 || error.status === 429));
}

function toTime(value: Date | number | undefined): number | undefined {
  return value instanceof Date ? value.getTime() : value;
}
