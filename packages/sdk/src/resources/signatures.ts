import type { SmartCACertificate } from '../certificates/certificate.js';
import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import { SigningTransaction } from '../transaction/signing-transaction.js';
import { type TransactionDriver } from '../model/status-update.js';
import type { DocumentToSign } from '../model/transaction.js';
import { validateDocuments } from '../transaction/validate.js';
import { CertificatesResource, type SignerParams } from './certificates.js';

/** Arguments of {@link SignaturesResource.sign}. */
export interface SignParams extends SignerParams {
  /** 1 to 50 digests, signed in one transaction and approved once. */
  documents: DocumentToSign[];
  /** `transaction_desc`: what the user is asked to approve. */
  description?: string | undefined;
  /**
   * The SP `transaction_id`, unique per partner. Generated when omitted. Sending the same id again with
   * the same documents returns the same transaction instead of a new one.
   */
  transactionId?: string | undefined;
}

/** Arguments of {@link SignaturesResource.resume}. */
export interface ResumeParams {
  /** The SP `transaction_id` of the earlier `sign`. */
  transactionId: string;
  /** VNPT's `tran_code`, if you kept it. */
  providerId?: string | undefined;
  /** The same documents, in the same order, that were sent. Their digests are what gets verified. */
  documents: DocumentToSign[];
  /** The certificate that was asked to sign. */
  certificate: SmartCACertificate;
  /** When the transaction was created, for the approval window. Default: now. */
  createdAt?: Date | undefined;
}

/**
 * Signing over SP769 v1: the user approves each request in the SmartCA app.
 *
 * @example
 * ```ts
 * const tx = await smartca.signatures.sign({
 *   userId: '001099000001',
 *   documents: [{ docId: 'HS-2024-001', digest }],
 *   description: 'Đơn đăng ký khai sinh',
 * });
 * const result = await tx.wait();
 * ```
 */
export class SignaturesResource {
  readonly #ctx: ClientContext;
  readonly #certificates: CertificatesResource;

  constructor(ctx: ClientContext, certificates: CertificatesResource) {
    this.#ctx = ctx;
    this.#certificates = certificates;
  }

  /**
   * Sends `v1/signatures/sign` and returns the pending transaction. The certificate is fetched first
   * (unless given) because every returned signature is verified against it.
   */
  async sign(params: SignParams): Promise<SigningTransaction> {
    validateDocuments(params.documents);
    const certificate = await this.#certificates.signer(params);
    const transactionId = params.transactionId ?? randomId();
    const createdAt = new Date();
    const accepted = await this.#ctx.sp769().sign(
      {
        userId: params.userId,
        transactionId,
        certificate,
        documents: params.documents,
        description: params.description,
        at: createdAt,
      },
      params,
    );
    return this.#track(
      transactionId,
      accepted.providerId,
      params.documents,
      certificate,
      createdAt,
      accepted.requestId,
    );
  }

  /**
   * Rebuilds a transaction started earlier (after a restart, or from a webhook for a transaction this
   * process no longer holds) without sending anything. `wait()` and `refresh()` then work as usual.
   */
  resume(params: ResumeParams): SigningTransaction {
    validateDocuments(params.documents);
    return this.#track(
      params.transactionId,
      params.providerId,
      params.documents,
      params.certificate,
      params.createdAt ?? new Date(),
      undefined,
    );
  }

  #track(
    transactionId: string,
    providerId: string | undefined,
    documents: DocumentToSign[],
    certificate: SmartCACertificate,
    createdAt: Date,
    requestId: string | undefined,
  ): SigningTransaction {
    const driver: TransactionDriver = {
      surface: 'sp769',
      fetchStatus: (options) => this.#ctx.sp769().status(transactionId, options),
    };
    const tx = new SigningTransaction({
      id: transactionId,
      providerId,
      driver,
      documents: [...documents],
      certificate,
      trust: this.#ctx.trust,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.#ctx.approvalWindowMs),
      requestId,
      onSettled: (settled) => this.#ctx.registry.remove(settled),
      shared: this.#ctx.shared,
    });
    this.#ctx.registry.add(tx);
    return tx;
  }
}
