import { SessionRefusedError } from '../../errors/session-refused-error.js';
import { RELAY_ERROR_CODES } from '../contract/error-body.js';

// The bilingual texts of every refusal, in one table so the two languages stay in step. None of them
// echoes request data: a refused token may be an attacker's probe.
const texts = {
  TOKEN_MALFORMED: {
    vi: 'Phiên ký không hợp lệ. Vui lòng tải lại trang.',
    en: 'The signing session is not valid. Reload the page.',
  },
  TOKEN_SIGNATURE_INVALID: {
    vi: 'Phiên ký không được máy chủ công nhận. Vui lòng tải lại trang.',
    en: 'The server does not recognise the signing session. Reload the page.',
  },
  TOKEN_EXPIRED: {
    vi: 'Phiên ký đã hết hạn. Vui lòng tải lại trang để bắt đầu lại.',
    en: 'The signing session has expired. Reload the page to start again.',
  },
  ORIGIN_NOT_ALLOWED: {
    vi: 'Phiên ký không được phép dùng trên trang này.',
    en: 'The signing session may not be used from this page.',
  },
  PURPOSE_NOT_ALLOWED: {
    vi: 'Phiên này không dùng được cho thao tác được yêu cầu.',
    en: 'This session cannot be used for the requested operation.',
  },
  DOCUMENT_MISMATCH: {
    vi: 'Tài liệu cần ký không khớp với phiên ký.',
    en: 'The documents to sign do not match the signing session.',
  },
  TRANSACTION_NOT_IN_SESSION: {
    vi: 'Giao dịch ký không thuộc phiên này.',
    en: 'The signing transaction does not belong to this session.',
  },
  ORDER_NOT_IN_SESSION: {
    vi: 'Đơn hàng không thuộc phiên này.',
    en: 'The order does not belong to this session.',
  },
  RETURN_URL_NOT_ALLOWED: {
    vi: 'Địa chỉ quay lại sau khi thanh toán không thuộc trang được phép.',
    en: 'The address to return to after payment is not on an allowed page.',
  },
} as const;

type RefusalCode = keyof typeof texts;

const unauthenticated = new Set<RefusalCode>(['TOKEN_MALFORMED', 'TOKEN_SIGNATURE_INVALID', 'TOKEN_EXPIRED']);

/** The error for a refused session: 401 when the token itself is bad, 403 when it is used out of bounds. */
export function refuse(code: RefusalCode): SessionRefusedError {
  return new SessionRefusedError({
    code: RELAY_ERROR_CODES[code],
    message: texts[code],
    status: unauthenticated.has(code) ? 401 : 403,
  });
}
