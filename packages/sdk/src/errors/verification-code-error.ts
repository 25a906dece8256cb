import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * An activation code or OTP was refused (commerce 63100), or too many wrong codes locked the step for
 * five minutes (63101), as VNPT's gateway does for passwords. `attemptsLeft` and `lockedUntil` say
 * what the user can do next.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof VerificationCodeError) form.hint(error.lockedUntil ?? `${error.attemptsLeft} tries left`);
 * }
 * ```
 */
export class VerificationCodeError extends SmartCAError {
  static override readonly brand: string = 'VerificationCodeError';

  /** Wrong codes the user may still enter before the lock. */
  readonly attemptsLeft: number | undefined;
  /** When the lock ends, when locked. */
  readonly lockedUntil: Date | undefined;

  constructor(init: SmartCAErrorInit & { attemptsLeft?: number | undefined; lockedUntil?: Date | undefined }) {
    super(init);
    this.attemptsLeft = init.attemptsLeft;
    this.lockedUntil = init.lockedUntil;
  }
}
