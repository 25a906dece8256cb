import { SmartCAError } from './smartca-error.js';

/**
 * The partner credentials or the user's credentials were refused: SP769 401 `SP_CREDENTIAL_INVALID`
 * (bad `sp_id`/`sp_password` or an unknown `user_id`), or an OAuth2 `invalid_client` / `invalid_grant`
 * from the gateway's `/auth/token`. Not retried: fix the credentials or the user id.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof AuthenticationError) showLoginAgain();
 * }
 * ```
 */
export class AuthenticationError extends SmartCAError {
  static override readonly brand: string = 'AuthenticationError';
}
