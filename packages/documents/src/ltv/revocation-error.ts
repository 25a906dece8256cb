import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from '@smartca-kit/sdk/core';

/** What went wrong while gathering long-term validation data (see {@link RevocationError}). */
export type RevocationErrorCode =
  /** An OCSP responder, CRL or caIssuers URL could not be reached, timed out or kept answering 5xx. */
  | 'REVOCATION_UNREACHABLE'
  /** The answer is not a usable OCSP response or CRL (unreadable, not "successful", about another certificate). */
  | 'REVOCATION_BAD_RESPONSE'
  /** A certificate names no OCSP responder and no CRL, so no revocation data can be embedded for it. */
  | 'REVOCATION_UNAVAILABLE';

/**
 * Fetching revocation data (OCSP answers, CRLs) or a missing issuer certificate for PAdES B-LT failed.
 * The signature already made is untouched: retry later, or keep the document at level B-T.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof RevocationError && error.code === 'REVOCATION_UNREACHABLE') retryLater(error.url);
 * }
 * ```
 */
export class RevocationError extends SmartCAError {
  static override readonly brand: string = 'RevocationError';

  /** The person did nothing wrong: a certificate authority's service did not answer as it should. */
  protected static override userMessageFor(): BilingualMessage | undefined {
    return {
      vi: 'Chưa lấy được thông tin trạng thái chứng thư số để lưu trữ lâu dài, nên tài liệu chưa được lưu. Vui lòng thử lại sau ít phút.',
      en: 'The certificate status needed for long-term validation could not be fetched, so the document was not saved. Please try again in a few minutes.',
    };
  }

  /** The URL that failed, when one did. */
  readonly url: string | undefined;

  constructor(
    init: Omit<SmartCAErrorInit, 'code' | 'wireCode' | 'transactionId'> & {
      code: RevocationErrorCode;
      url?: string | undefined;
    },
  ) {
    super(init);
    this.url = init.url;
  }
}
