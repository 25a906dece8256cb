import { SmartCAError } from './smartca-error.js';

/**
 * An `Idempotency-Key` was sent again with a different request (commerce code 30002). A key names one
 * logical operation: reuse it only to retry that same operation, byte for byte. Nothing was changed.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof IdempotencyError) console.error('key reused for another order', error.requestId);
 * }
 * ```
 */
export class IdempotencyError extends SmartCAError {
  static override readonly brand: string = 'IdempotencyError';
}
