import { SmartCAError, type SmartCAErrorInit } from './smartca-error.js';

/**
 * The relay refused a widget's session token: malformed, forged, expired, used from an origin it was
 * not minted for, for another purpose, or for another user's transaction or other documents. The
 * relay answers 401 (the token itself is bad) or 403 (a good token used out of its bounds); the
 * portal must mint a new token. `code` is one of the relay's `RELAY_ERROR_CODES`.
 *
 * @example
 * ```ts
 * try {
 *   const claims = await verifySessionToken(token, { secrets: [process.env.SESSION_SECRET!] });
 * } catch (error) {
 *   if (error instanceof SessionRefusedError) console.warn(error.code); // e.g. TOKEN_EXPIRED
 * }
 * ```
 */
export class SessionRefusedError extends SmartCAError {
  static override readonly brand: string = 'SessionRefusedError';

  constructor(init: SmartCAErrorInit & { status: 401 | 403 }) {
    super(init);
  }
}
