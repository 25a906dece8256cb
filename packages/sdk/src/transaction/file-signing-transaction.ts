import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { SignatureVerificationError } from '../errors/signature-verification-error.js';
import { messages } from '../internal/messages.js';
import type { SigningTransaction, WaitOptions } from './signing-transaction.js';
import type { RequestOptions, SignedTransaction, TransactionSnapshot } from '../model/transaction.js';
import type { SignedFiles } from '../model/files.js';

/** How a file transaction reads the files back: the latest `gettraninfo`, or a fresh one. */
export interface SignedFileSource {
  /** The signed files of the last answer read, if it had them all. */
  latest(): Uint8Array[] | undefined;
  /** Asks once more. */
  fetch(options: RequestOptions): Promise<Uint8Array[] | undefined>;
}

/**
 * Files sent whole to SmartCA (the gateway's `/csc/signature/sign`), waiting for the user's approval.
 * SmartCA builds the signed files itself; the SDK still verifies every raw signature against the
 * digest SmartCA reports and the certificate, through the {@link SigningTransaction} it wraps, before
 * handing the files out.
 *
 * @example
 * ```ts
 * const tx = await session.signFiles({ files: [{ name: 'hop-dong.pdf', data: pdfBytes }] });
 * const { files } = await tx.wait();
 * ```
 */
export class FileSigningTransaction {
  /** The signature transaction: ids, status, and the raw signatures once verified. */
  readonly transaction: SigningTransaction;
  /** The names of the files, in order. */
  readonly names: readonly string[];
  readonly #files: SignedFileSource;

  constructor(transaction: SigningTransaction, names: readonly string[], files: SignedFileSource) {
    this.transaction = transaction;
    this.names = names;
    this.#files = files;
  }

  /** The partner's id (`refTranId`). */
  get id(): string {
    return this.transaction.id;
  }

  /** VNPT's id (`tranId`). */
  get providerId(): string | undefined {
    return this.transaction.providerId;
  }

  /** The last known state, without a network call. */
  snapshot(): TransactionSnapshot {
    return this.transaction.snapshot();
  }

  /**
   * Waits for the user's approval like {@link SigningTransaction.wait}, then returns the signed files.
   *
   * @throws what {@link SigningTransaction.wait} throws; {@link SignatureVerificationError} when SmartCA
   *   reported no digest for a file; {@link ResponseSchemaError} when a signed answer lacks a signed file.
   */
  async wait(options: WaitOptions = {}): Promise<SignedFiles> {
    const unknown = this.transaction.documents.find((d) => d.digest.length === 0);
    if (unknown) {
      throw new SignatureVerificationError({
        reason: 'signature-malformed',
        docId: unknown.docId,
        message: {
          vi: `SmartCA không cho biết giá trị băm của tệp ${unknown.docId}, nên không kiểm tra được chữ ký.`,
          en: `SmartCA reported no hash for file ${unknown.docId}, so its signature cannot be checked.`,
        },
      });
    }
    const signed = await this.transaction.wait(options);
    const data = this.#files.latest() ?? (await this.#files.fetch({ signal: options.signal }));
    if (!data) {
      throw new ResponseSchemaError({
        code: 'RESPONSE_SCHEMA_MISMATCH',
        operation: 'gateway.gettraninfo',
        message: messages.schemaDrift('gateway.gettraninfo'),
        requestId: signed.requestId,
        issues: [
          { path: ['content', 'documents', 'dataSigned'], code: 'missing', message: 'a signed file is missing' },
        ],
      });
    }
    return {
      ...signed,
      files: signed.signatures.map((s, i) => ({
        name: this.names[i] ?? s.docId,
        data: data[i] as Uint8Array,
        digest: s.digest,
        signature: s.signature,
      })),
    };
  }
}
