import { SmartCAError } from './smartca-error.js';

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
}
