import type { RelayErrorCategory } from '../relay/contract/error-body.js';
import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * A call from the browser to the relay failed: the relay refused it or reported a failure (its error
 * body is carried over: `category`, `code`, bilingual message, `recoverable`), the relay could not be
 * reached (`category: 'network'`), or it answered something that is not the relay contract.
 *
 * @example
 * ```ts
 * try {
 *   await relay.startSignature();
 * } catch (error) {
 *   if (error instanceof RelayRequestError && error.code === RELAY_ERROR_CODES.OUT_OF_SIGNING_TURNS) openBuyFlow();
 * }
 * ```
 */
export class RelayRequestError extends SmartCAError {
  static override readonly brand: string = 'RelayRequestError';

  /** What kind of failure it is. */
  readonly category: RelayErrorCategory;
  /** Whether trying again (after buying turns, reconnecting, ...) can succeed. */
  readonly recoverable: boolean;

  constructor(init: SmartCAErrorInit & { category: RelayErrorCategory; recoverable: boolean }) {
    super(init);
    this.category = init.category;
    this.recoverable = init.recoverable;
  }
}
