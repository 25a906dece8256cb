import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from '@smartca-kit/sdk/core';

/** What went wrong with a timestamp (see {@link TimestampError}). */
export type TimestampErrorCode =
  /** The TSA could not be reached, timed out or kept answering 5xx, after the retries. */
  | 'TSA_UNREACHABLE'
  /** The TSA answered with a PKIStatus other than granted (its failInfo and text are in the message). */
  | 'TSA_REFUSED'
  /** The answer is not a usable RFC 3161 response: unreadable, another imprint or nonce, a bad signature, a TSA certificate without timeStamping. */
  | 'TSA_BAD_RESPONSE';

/**
 * Getting an RFC 3161 timestamp failed (PAdES B-T, CAdES-T). The signature itself was made and is
 * valid, but the document was not written: retry later (a TSA that is down), or sign at level B-B.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof TimestampError && error.code === 'TSA_UNREACHABLE') retryLater();
 * }
 * ```
 */
export class TimestampError extends SmartCAError {
  static override readonly brand: string = 'TimestampError';

  /** The person did nothing wrong: a service the portal relies on did not answer as it should. */
  protected static override userMessageFor(): BilingualMessage | undefined {
    return {
      vi: 'Chưa lấy được dấu thời gian cho chữ ký, nên tài liệu chưa được lưu. Vui lòng thử lại sau ít phút.',
      en: 'The signature could not be timestamped, so the document was not saved. Please try again in a few minutes.',
    };
  }

  /** The TSA's URL. */
  readonly url: string;

  constructor(
    init: Omit<SmartCAErrorInit, 'code' | 'wireCode' | 'transactionId'> & { code: TimestampErrorCode; url: string },
  ) {
    super(init);
    this.url = init.url;
  }
}
