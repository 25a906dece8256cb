import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * SmartCA answered with an error that has no more specific class: an unexpected `status_code`, a
 * gateway `code` such as 60000 CREDENTIAL_NOT_EXIST, a 5xx that outlived the retries, or a 429. `code`,
 * `wireCode` and `status` carry VNPT's own values.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof ApiError && error.wireCode === 60000) console.warn('unknown credential');
 * }
 * ```
 */
export class ApiError extends SmartCAError {
  static override readonly brand: string = 'ApiError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'SmartCA đang gặp sự cố. Vui lòng thử lại sau ít phút.',
      en: 'SmartCA is having a problem. Please try again in a few minutes.',
    };
  }
}
