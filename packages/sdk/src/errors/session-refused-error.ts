import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from './smartca-error.js';

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

  /**
   * A bad or expired token is the person's to fix (reload), and its text says so. A token used out of
   * bounds (another origin, purpose, document, transaction or order) is the portal's bug or a probe:
   * the person can only reload and, failing that, ask the portal.
   */
  protected static override userMessageFor(code: string): BilingualMessage | undefined {
    if (code.startsWith('TOKEN_')) return undefined;
    return {
      vi:
        'Trang này chưa gửi được yêu cầu ký số. Vui lòng tải lại trang; nếu vẫn không được, hãy liên hệ bộ ' +
        'phận hỗ trợ của cổng dịch vụ.',
      en:
        'This page could not send the signing request. Reload the page; if that does not help, contact the ' +
        "service portal's support.",
    };
  }

  constructor(init: SmartCAErrorInit & { status: 401 | 403 }) {
    super(init);
  }
}
