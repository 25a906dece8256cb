import type { SmartCACertificate } from '../certificates/certificate.js';
import { generateTotp } from '../crypto/totp.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import { throwIfFinal } from '../transaction/final-status.js';
import { SigningTransaction } from '../transaction/signing-transaction.js';
import { type StatusUpdate } from '../model/status-update.js';
import type { DocumentToSign, RequestOptions, SignedTransaction } from '../model/transaction.js';
import { validateDocuments } from '../transaction/validate.js';
import type { CertificatesResource } from './certificates.js';

/** Arguments of {@link ThSignaturesResource.sign}. */
export interface ThSignParams extends RequestOptions {
  /** The subscriber. */
  userId: string;
  /** The subscriber's SmartCA password (`password`). A high-value secret: never logged. */
  password: string;
  /** A TOTP code the user typed. Give this or `totpSecret`. */
  otp?: string | undefined;
  /**
   * The TOTP secret the user delegated to the partner (base64, as VNPT hands it out). The SDK computes
   * the code and, if it expires in flight, retries once with the next one.
   */
  totpSecret?: string | Uint8Array | undefined;
  /** 1 to 50 digests. */
  documents: DocumentToSign[];
  /** `transaction_desc`. */
  description?: string | undefined;
  /** The certificate to sign with. Fetched (SMARTCA, valid now) when omitted. */
  certificate?: SmartCACertificate | undefined;
  /** Choose the certificate by serial number (TH requires one on the wire; the SDK always sends it). */
  serialNumber?: string | undefined;
  /** The SP `transaction_id`; generated when omitted. */
  transactionId?: string | undefined;
}

/** A TH transaction authorised by password + OTP, waiting for {@link confirm}. */
export interface ThAuthorization {
  /** The SP `transaction_id`. */
  transactionId: string;
  /** VNPT's `tran_code`. */
  providerId: string | undefined;
  /** When the `sad` stops working (`expired_in`, 299 s in VNPT's example). Confirm before this. */
  expiresAt: Date;
  /** Calls `v2/signatures/confirm` and returns the verified signatures. */
  confirm(options?: RequestOptions): Promise<SignedTransaction>;
}

/**
 * "SmartCA TH" (SP769 v2): the partner authorises with the user's password and a TOTP code instead of
 * an approval in the app, then confirms with the returned `sad` to receive the signatures at once.
 *
 * @example
 * ```ts
 * const result = await smartca.th.signAndConfirm({ userId, password, totpSecret, documents });
 * ```
 */
export class ThSignaturesResource {
  readonly #ctx: ClientContext;
  readonly #certificates: CertificatesResource;

  constructor(ctx: ClientContext, certificates: CertificatesResource) {
    this.#ctx = ctx;
    this.#certificates = certificates;
  }

  /** `v2/signatures/sign`: authorises the transaction and returns its `sad` holder. */
  async sign(params: ThSignParams): Promise<ThAuthorization> {
    validateDocuments(params.documents);
    if (!params.otp && !params.totpSecret) {
      throw new InvalidInputError({
        field: 'otp',
        message: {
          vi: 'SmartCA TH cần mã OTP hoặc khóa TOTP được ủy quyền.',
          en: 'SmartCA TH needs an otp or a delegated totpSecret.',
        },
      });
    }
    const certificate = await this.#certificates.signer(params);
    const transactionId = params.transactionId ?? randomId();
    const createdAt = new Date();
    const input = {
      userId: params.userId,
      transactionId,
      certificate,
      documents: params.documents,
      description: params.description,
      at: createdAt,
      password: params.password,
    };
    const otp = params.otp ?? (await generateTotp(params.totpSecret as string | Uint8Array));
    let answer;
    try {
      answer = await this.#ctx.sp769().thSign({ ...input, otp }, params);
    } catch (error) {
      // A code can roll over while the request is in flight (30 s window): one retry with the next code.
      const next = params.totpSecret && isOtpRefusal(error) ? await generateTotp(params.totpSecret) : undefined;
      if (!next || next === otp) throw error;
      answer = await this.#ctx.sp769().thSign({ ...input, otp: next }, params);
    }
    const expiresAt = new Date(createdAt.getTime() + answer.lifetimeSeconds * 1000);
    const tx = this.#transaction(
      transactionId,
      answer.providerId,
      params,
      certificate,
      createdAt,
      expiresAt,
      answer.sad,
      answer.requestId,
    );
    return {
      transactionId,
      providerId: answer.providerId,
      expiresAt,
      confirm: async (options = {}) => {
        const snapshot = await tx.refresh(options);
        throwIfFinal(snapshot);
        return snapshot as SignedTransaction;
      },
    };
  }

  /** {@link sign} then {@link ThAuthorization.confirm} in one call. */
  async signAndConfirm(params: ThSignParams): Promise<SignedTransaction> {
    const authorization = await this.sign(params);
    return authorization.confirm(params);
  }

  #transaction(
    transactionId: string,
    providerId: string | undefined,
    params: ThSignParams,
    certificate: SmartCACertificate,
    createdAt: Date,
    expiresAt: Date,
    sad: string,
    requestId: string,
  ) {
    let confirmed: Promise<StatusUpdate> | undefined;
    return new SigningTransaction({
      id: transactionId,
      providerId,
      documents: [...params.documents],
      certificate,
      trust: this.#ctx.trust,
      createdAt,
      expiresAt,
      requestId,
      driver: {
        surface: 'sp769-th',
        // The sad is single-use: confirm once and answer every later refresh from that result.
        fetchStatus: (options) => {
          confirmed ??= this.#ctx
            .sp769()
            .thConfirm({ userId: params.userId, password: params.password, sad, transactionId }, options);
          return confirmed;
        },
      },
    });
  }
}

function isOtpRefusal(error: unknown): boolean {
  return error instanceof AuthenticationError && /OTP/i.test(error.code);
}
