import type { BilingualMessage as Text } from '@smartca-kit/sdk/core';
import { DocumentFormatError } from '../errors/document-format-error.js';

// Per code: the developers' text (what is wrong with the file, in PDF terms, with a fix they can run)
// and, where it differs, the text for the person who picked the file: no PDF internals, only what to do.
const MESSAGES = {
  PDF_NOT_PDF: {
    developer: {
      vi: 'Tệp không phải PDF (không có tiêu đề %PDF-). Hãy chọn đúng tệp PDF cần ký.',
      en: 'The file is not a PDF (no %PDF- header). Choose the PDF you mean to sign.',
    },
    user: {
      vi: 'Tệp đã chọn không phải tệp PDF. Hãy chọn đúng tệp PDF cần ký.',
      en: 'The file you chose is not a PDF. Choose the PDF you mean to sign.',
    },
  },
  PDF_TRUNCATED: {
    developer: {
      vi: 'Tệp PDF bị cắt cụt hoặc hỏng phần cuối (thiếu startxref/%%EOF). Hãy tải lại tệp gốc đầy đủ.',
      en: 'The PDF is truncated or its end is damaged (no startxref/%%EOF). Download the complete original again.',
    },
    user: {
      vi: 'Tệp PDF bị hỏng hoặc chưa tải về đầy đủ. Hãy tải lại tệp gốc rồi chọn lại.',
      en: 'The PDF is damaged or was not downloaded completely. Download the original again and choose it.',
    },
  },
  PDF_ENCRYPTED: {
    developer: {
      vi: 'Tệp PDF được mã hóa/đặt mật khẩu nên không thể ký bổ sung. Hãy gỡ bảo vệ rồi ký lại.',
      en: 'The PDF is encrypted (password-protected), so it cannot be signed incrementally. Remove the protection and sign again.',
    },
  },
  // Verification reads the signature dictionaries, whose strings (/M, /Reason, …) and object streams an
  // encrypted file keeps encrypted: a verdict would need the password handling this reader lacks.
  PDF_ENCRYPTED_UNVERIFIABLE: {
    developer: {
      vi: 'Tệp PDF được mã hóa/đặt mật khẩu nên chưa kiểm tra được chữ ký. Hãy kiểm tra bằng phần mềm đọc PDF, hoặc gỡ mật khẩu (qpdf --decrypt) rồi kiểm tra bản sao: chữ ký của bản sao đã gỡ sẽ không còn hợp lệ.',
      en: 'The PDF is encrypted (password-protected), so its signatures cannot be checked here. Check it in a PDF reader; a copy decrypted with qpdf --decrypt is a different file, whose signatures no longer match.',
    },
    user: {
      vi: 'Tệp PDF này có mật khẩu bảo vệ nên trang này chưa kiểm tra được chữ ký. Hãy mở tệp bằng phần mềm đọc PDF để xem chữ ký.',
      en: 'This PDF is password-protected, so its signatures cannot be checked here. Open it in a PDF reader to see its signatures.',
    },
  },
  PDF_XREF_DAMAGED: {
    developer: {
      vi: 'Bảng tham chiếu chéo (xref) của PDF bị hỏng. Hãy sửa tệp (ví dụ: qpdf input.pdf output.pdf) rồi ký lại.',
      en: "The PDF's cross-reference data is damaged. Repair the file (for example: qpdf input.pdf output.pdf) and sign again.",
    },
    user: {
      vi: 'Tệp PDF bị hỏng nên chưa ký được. Hãy mở và lưu lại tệp bằng phần mềm đọc PDF (hoặc xin lại tệp gốc), rồi ký lại.',
      en: 'The PDF is damaged, so it cannot be signed. Open and save it again in a PDF reader (or ask for the original), then sign again.',
    },
  },
  PDF_UNSUPPORTED: {
    developer: {
      vi: 'Cấu trúc PDF này chưa được hỗ trợ để ký.',
      en: 'This PDF structure is not supported for signing.',
    },
    user: {
      vi: 'Tệp PDF này chưa ký được trên trang này. Hãy lưu lại tệp dưới dạng PDF bằng phần mềm đọc PDF rồi thử lại.',
      en: 'This PDF cannot be signed here. Save it again as a PDF in a PDF reader and try again.',
    },
  },
} satisfies Record<string, { developer: Text; user?: Text }>;

/** The codes of {@link pdfError}. */
type PdfErrorCode = keyof typeof MESSAGES;

/** A typed, bilingual error about a PDF's structure. */
export function pdfError(code: PdfErrorCode, cause?: unknown, offset?: number, detail?: string): DocumentFormatError {
  const messages: { developer: Text; user?: Text } = MESSAGES[code];
  const { developer, user = developer } = messages;
  return new DocumentFormatError({
    code,
    format: 'pdf',
    offset,
    cause,
    message: detail ? { vi: `${developer.vi} (${detail})`, en: `${developer.en} (${detail})` } : developer,
    userMessage: user,
  });
}
