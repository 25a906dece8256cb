import type { BilingualMessage } from '../errors/smartca-error.js';

/**
 * The bilingual texts of the errors the SDK raises. Kept in one table so the two languages stay in
 * step and so no message is ever built from request data that could hold a secret.
 */
export const messages = {
  outOfTurns: {
    vi: 'Chứng thư số đã hết lượt ký hoặc gói cước không hợp lệ. Vui lòng mua thêm gói lượt ký.',
    en: 'The certificate has no signing turns left, or its package is not valid. Buy a signing-turn pack.',
  },
  certificateStatus: {
    vi: 'Chứng thư số không ở trạng thái hợp lệ (hết hạn, bị thu hồi hoặc tạm dừng).',
    en: 'The certificate is not in a valid state (expired, revoked or suspended).',
  },
  spCredentialInvalid: {
    vi: 'Thông tin xác thực của đối tác (sp_id/sp_password) hoặc mã người dùng không hợp lệ.',
    en: 'The partner credentials (sp_id/sp_password) or the user id were refused.',
  },
  userCredentialInvalid: {
    vi: 'Mật khẩu hoặc mã OTP SmartCA của người dùng không đúng hoặc đã hết hạn.',
    en: "The user's SmartCA password or OTP is wrong or has expired.",
  },
  oauthRefused: (detail: string): BilingualMessage => ({
    vi: `Máy chủ xác thực SmartCA từ chối yêu cầu: ${detail}.`,
    en: `The SmartCA authorization server refused the request: ${detail}.`,
  }),
  rejected: {
    vi: 'Người dùng đã từ chối yêu cầu ký trên ứng dụng SmartCA.',
    en: 'The user rejected the signing request in the SmartCA app.',
  },
  expired: {
    vi: 'Yêu cầu ký đã hết hạn vì người dùng không xác nhận kịp trên ứng dụng SmartCA.',
    en: 'The signing request expired before the user approved it in the SmartCA app.',
  },
  signFailed: (status: string): BilingualMessage => ({
    vi: `SmartCA không tạo được chữ ký (${status}).`,
    en: `SmartCA could not produce the signature (${status}).`,
  }),
  timeout: (ms: number): BilingualMessage => ({
    vi: `SmartCA không phản hồi trong ${ms} ms.`,
    en: `SmartCA did not answer within ${ms} ms.`,
  }),
  connection: {
    vi: 'Không kết nối được tới SmartCA. Kiểm tra mạng và địa chỉ máy chủ.',
    en: 'Could not connect to SmartCA. Check the network and the server address.',
  },
  schemaDrift: (operation: string): BilingualMessage => ({
    vi: `Phản hồi của SmartCA cho ${operation} không đúng định dạng mong đợi.`,
    en: `SmartCA's response to ${operation} did not have the expected shape.`,
  }),
  apiError: (code: string, status: number | undefined): BilingualMessage => ({
    vi: `SmartCA trả về lỗi ${code}${status ? ` (HTTP ${status})` : ''}.`,
    en: `SmartCA returned the error ${code}${status ? ` (HTTP ${status})` : ''}.`,
  }),
} as const;
