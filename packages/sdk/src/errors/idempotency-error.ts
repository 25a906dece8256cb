import { SmartCAError, type BilingualMessage } from './smartca-error.js';

/**
 * An `Idempotency-Key` was sent again with a different request (commerce code 30002). A key names one
 * logical operation: reuse it only to retry that same operation, byte for byte. Nothing was changed.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof IdempotencyError) console.error('key reused for another order', error.requestId);
 * }
 * ```
 */
export class IdempotencyError extends SmartCAError {
  static override readonly brand: string = 'IdempotencyError';

  /** A repeated click while the first is under way is the person's to wait out; a reused key is the page's bug. */
  protected static override userMessageFor(code: string): BilingualMessage | undefined {
    if (code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS') {
      return {
        vi: 'Yêu cầu trước của bạn vẫn đang được xử lý. Vui lòng đợi vài giây rồi thử lại.',
        en: 'Your previous request is still being processed. Wait a few seconds and try again.',
      };
    }
    return {
      vi: 'Trang này chưa gửi được yêu cầu. Vui lòng tải lại trang và thử lại.',
      en: 'This page could not send the request. Reload the page and try again.',
    };
  }
}
