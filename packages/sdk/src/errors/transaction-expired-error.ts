import { SmartCAError } from './smartca-error.js';

/**
 * The user did not approve within the approval window (about five minutes): gateway `tranStatus`
 * 4001 `EXPIRED`, or the SDK's own deadline ran out while waiting on SP769, which reports no expiry of
 * its own. No turn was used; start a new transaction.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof TransactionExpiredError) offerRetry();
 * }
 * ```
 */
export class TransactionExpiredError extends SmartCAError {
  static override readonly brand: string = 'TransactionExpiredError';
}
