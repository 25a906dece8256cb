import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * The caller passed something that cannot be sent: a digest that is not 32 bytes, an empty or
 * oversized batch (more than 50 documents), a duplicate `docId`, no certificate to choose from, and so
 * on. Detected before anything is sent, so nothing was charged. `field` names what to fix.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof InvalidInputError) form.markInvalid(error.field, error.messages.vi);
 * }
 * ```
 */
export class InvalidInputError extends SmartCAError {
  static override readonly brand: string = 'InvalidInputError';

  /** The argument at fault, e.g. `documents[3].digest`. */
  readonly field: string | undefined;

  constructor(init: Omit<SmartCAErrorInit, 'code'> & { code?: string; field?: string }) {
    super({ ...init, code: init.code ?? 'INVALID_INPUT' });
    this.field = init.field;
  }
}
