import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * A request to SmartCA did not answer within the configured `timeout` (per attempt), after the retries
 * that were safe for that call.
 *
 * @example
 * ```ts
 * const smartca = createSmartCA({ environment: 'uat', credentials, timeout: 10_000 });
 * // ... catch (error) { if (error instanceof RequestTimeoutError) retryLater(); }
 * ```
 */
export class RequestTimeoutError extends SmartCAError {
  static override readonly brand: string = 'RequestTimeoutError';

  /** What the person reads: the developer text names the API's workings. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'SmartCA chưa phản hồi kịp. Vui lòng thử lại sau ít phút.',
      en: 'SmartCA did not answer in time. Please try again in a few minutes.',
    };
  }
}
