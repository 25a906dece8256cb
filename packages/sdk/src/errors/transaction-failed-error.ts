import { SmartCAError } from './smartca-error.js';

/**
 * SmartCA accepted the transaction but could not produce the signature: gateway `tranStatus` 4003
 * `AUTHORIZE_KEY_FAILED` or 4004 `SIGN_FAILED`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof TransactionFailedError) report(error.code, error.requestId);
 * }
 * ```
 */
export class TransactionFailedError extends SmartCAError {
  static override readonly brand: string = 'TransactionFailedError';
}
