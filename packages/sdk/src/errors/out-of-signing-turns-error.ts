import { SmartCAError } from './smartca-error.js';

/**
 * The user's certificate package has no signing turns left, or the package is not valid (gateway code
 * 65000 `SERVICE_PACK_EXEED_OR_INVALID`, "hết lượt ký"). The user must buy a turn pack; nothing was
 * charged for the refused request.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof OutOfSigningTurnsError) openBuyTurns();
 * }
 * ```
 */
export class OutOfSigningTurnsError extends SmartCAError {
  static override readonly brand: string = 'OutOfSigningTurnsError';
}
