import { SmartCAError, type BilingualMessage, type SmartCAErrorInit } from './smartca-error.js';

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

  /**
   * The developers' text names fields and formats (`documents[3].digest`, a pricing code); by the time
   * a person meets it the page sent something wrong, which they cannot correct. A portal that checks a
   * form field itself says so in its own words, next to the field.
   */
  protected static override userMessageFor(): BilingualMessage | undefined {
    return {
      vi:
        'Trang này gửi yêu cầu chưa đúng nên chưa thực hiện được. Vui lòng tải lại trang; nếu vẫn không được, ' +
        'hãy liên hệ bộ phận hỗ trợ của cổng dịch vụ.',
      en:
        'This page sent a request that could not be carried out. Reload the page; if that does not help, contact ' +
        "the service portal's support.",
    };
  }

  /** The argument at fault, e.g. `documents[3].digest`. */
  readonly field: string | undefined;

  constructor(init: Omit<SmartCAErrorInit, 'code'> & { code?: string; field?: string }) {
    super({ ...init, code: init.code ?? 'INVALID_INPUT' });
    this.field = init.field;
  }
}
