import { SmartCAError } from './smartca-error.js';

/**
 * SmartCA refuses the registration itself (commerce 60101–60103): the person already holds a SmartCA
 * certificate, the device already has another person's active account, or the person already has a
 * registration under way. The seed guide allows registration only for people never issued a SmartCA
 * certificate, on a device where no account was activated. `code` says which.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof RegistrationRefusedError && error.code === 'PERSON_ALREADY_REGISTERED') showSignIn();
 * }
 * ```
 */
export class RegistrationRefusedError extends SmartCAError {
  static override readonly brand: string = 'RegistrationRefusedError';
}
