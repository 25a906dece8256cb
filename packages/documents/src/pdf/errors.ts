import { DocumentFormatError } from '../errors/document-format-error.js';

const MESSAGES = {
  PDF_NOT_PDF: {
    vi: 'Tệp không phải PDF (không có tiêu đề %PDF-). Hãy chọn đúng tệp PDF cần ký.',
    en: 'The file is not a PDF (no %PDF- header). Choose the PDF you mean to sign.',
  },
  PDF_TRUNCATED: {
    vi: 'Tệp PDF bị cắt cụt hoặc hỏng phần cuối (thiếu startxref/%%EOF). Hãy tải lại tệp gốc đầy đủ.',
    en: 'The PDF is truncated or its end is damaged (no startxref/%%EOF). Download the complete original again.',
  },
  PDF_ENCRYPTED: {
    vi: 'Tệp PDF được mã hóa/đặt mật khẩu nên không thể ký bổ sung. Hãy gỡ bảo vệ rồi ký lại.',
    en: 'The PDF is encrypted (password-protected), so it cannot be signed incrementally. Remove the protection and sign again.',
  },
  PDF_XREF_DAMAGED: {
    vi: 'Bảng tham chiếu chéo (xref) của PDF bị hỏng. Hãy sửa tệp (ví dụ: qpdf input.pdf output.pdf) rồi ký lại.',
    en: "The PDF's cross-reference data is damaged. Repair the file (for example: qpdf input.pdf output.pdf) and sign again.",
  },
  PDF_UNSUPPORTED: {
    vi: 'Cấu trúc PDF này chưa được hỗ trợ để ký.',
    en: 'This PDF structure is not supported for signing.',
  },
} as const;

// What a person who picked the file reads: no PDF internals (headers, xref, tools), only what to do.
// The developers' text above, with its detail, stays in `messages`.
const USER_MESSAGES: Partial<Record<keyof typeof MESSAGES, { vi: string; en: string }>> = {
  PDF_NOT_PDF: {
    vi: 'Tệp đã chọn không phải tệp PDF. Hãy chọn đúng tệp PDF cần ký.',
    en: 'The file you chose is not a PDF. Choose the PDF you mean to sign.',
  },
  PDF_TRUNCATED: {
    vi: 'Tệp PDF bị hỏng hoặc chưa tải về đầy đủ. Hãy tải lại tệp gốc rồi chọn lại.',
    en: 'The PDF is damaged or was not downloaded completely. Download the original again and choose it.',
  },
  PDF_XREF_DAMAGED: {
    vi: 'Tệp PDF bị hỏng nên chưa ký được. Hãy mở và lưu lại tệp bằng phần mềm đọc PDF (hoặc xin lại tệp gốc), rồi ký lại.',
    en: 'The PDF is damaged, so it cannot be signed. Open and save it again in a PDF reader (or ask for the original), then sign again.',
  },
  PDF_UNSUPPORTED: {
    vi: 'Tệp PDF này chưa ký được trên trang này. Hãy lưu lại tệp dưới dạng PDF bằng phần mềm đọc PDF rồi thử lại.',
    en: 'This PDF cannot be signed here. Save it again as a PDF in a PDF reader and try again.',
  },
};

/** A typed, bilingual error about a PDF's structure. */
export function pdfError(code: keyof typeof MESSAGES, cause?: unknown, offset?: number, detail?: string): DocumentFormatError {
  const message = MESSAGES[code];
  return new DocumentFormatError({
    code, format: 'pdf', offset, cause,
    message: detail ? { vi: `${message.vi} (${detail})`, en: `${message.en} (${detail})` } : message,
    userMessage: USER_MESSAGES[code] ?? message,
  });
}
