import { SmartCAError, type BilingualMessage } from './smartca-error.js';

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

  /**
   * SP769 answers 401 `SP_CREDENTIAL_INVALID` both for bad partner credentials and for a user id it
   * does not know. A working portal's credentials are right, so the person's side is the id they typed.
   */
  protected static override userMessageFor(code: string): BilingualMessage | undefined {
    if (code !== 'SP_CREDENTIAL_INVALID') return undefined;
    return {
      vi:
        'Không tìm thấy chứng thư số SmartCA của số CCCD này. Kiểm tra lại số định danh cá nhân đã nhập; ' +
        'nếu bạn chưa có chứng thư số, hãy đăng ký trên ứng dụng VNPT SmartCA.',
      en:
        'No SmartCA certificate was found for this citizen ID number. Check the number you entered; if you have ' +
        'no certificate yet, register in the VNPT SmartCA app.',
    };
  }
}
