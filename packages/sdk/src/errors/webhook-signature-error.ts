import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/** Why a commerce webhook was refused. */
export type WebhookFailure =
  | 'missing-header'
  | 'malformed-header'
  | 'timestamp-out-of-tolerance'
  | 'signature-mismatch'
  | 'replayed'
  | 'malformed-body';

/**
 * A commerce webhook failed verification: no or malformed `SmartCA-Signature` header, a timestamp
 * outside the tolerance, a signature made with none of your secrets, a delivery already seen (a
 * replay), or a body that is not one of the documented events. Answer 400 and process nothing.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof WebhookSignatureError) return res.status(400).send(error.reason);
 * }
 * ```
 */
export class WebhookSignatureError extends SmartCAError {
  static override readonly brand: string = 'WebhookSignatureError';

  /** Which check failed. */
  readonly reason: WebhookFailure;

  constructor(init: Omit<SmartCAErrorInit, 'code'> & { reason: WebhookFailure }) {
    super({ ...init, code: 'WEBHOOK_SIGNATURE_INVALID' });
    this.reason = init.reason;
  }
}
