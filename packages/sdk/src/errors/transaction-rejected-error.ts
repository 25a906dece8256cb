import { SmartCAError } from './smartca-error.js';

/**
 * The user rejected the signing request in the SmartCA app (gateway `tranStatus` 4002
 * `SIGNER_REJECTED`). No turn was used.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof TransactionRejectedError) showMessage(error.messages.vi);
 * }
 * ```
 */
export class TransactionRejectedError extends SmartCAError {
  static override readonly brand: string = 'TransactionRejectedError';
}
