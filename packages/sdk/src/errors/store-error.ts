import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * The shared store (Redis, PostgreSQL) could not be reached, dropped the connection, or did not answer
 * within its `operationTimeoutMs`. `code` says which: `STORE_UNAVAILABLE`, `STORE_TIMEOUT`, or
 * `STORE_CLOSED` (used after `close()`). Nothing that needs the store went ahead: an idempotent call
 * was not sent to SmartCA, a webhook was not accepted. Retry with the same `Idempotency-Key`; the
 * relay answers it with 503 (`recoverable`).
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof StoreError) res.status(503).set('retry-after', '1').end(); // SmartCA retries
 * }
 * ```
 */
export class StoreError extends SmartCAError {
  static override readonly brand: string = 'StoreError';

  /** What the person reads: the developer text names the store. */
  protected static override userMessageFor(): BilingualMessage {
    return {
      vi: 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.',
      en: 'The service is busy. Please try again in a few seconds.',
    };
  }
}
