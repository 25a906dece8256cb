import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * A payment did not go through: the user declined or abandoned the payment page, the order expired,
 * or it can no longer be paid (commerce 65103). Nothing was charged and nothing provisioned; create a
 * new order to try again.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PaymentError) showRetry(error.orderStatus);
 * }
 * ```
 */
export class PaymentError extends SmartCAError {
  static override readonly brand: string = 'PaymentError';

  /** The order concerned. */
  readonly orderId: string | undefined;
  /** The order's final status, e.g. `declined`. */
  readonly orderStatus: string | undefined;

  constructor(init: SmartCAErrorInit & { orderId?: string | undefined; orderStatus?: string | undefined }) {
    super(init);
    this.orderId = init.orderId;
    this.orderStatus = init.orderStatus;
  }
}
