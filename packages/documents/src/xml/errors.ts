import { InvalidInputError } from '@smartca-kit/sdk/core';
import { DocumentFormatError } from '../errors/document-format-error.js';

const MESSAGES = {
  XML_MALFORMED: {
    vi: 'Tệp XML không đúng cú pháp (not well-formed). Hãy sửa tệp tại vị trí được chỉ ra rồi ký lại.',
    en: 'The XML is not well-formed. Fix the file at the position shown and sign again.',
  },
  XML_DOCTYPE_FORBIDDEN: {
    vi: 'Tệp XML có khai báo DOCTYPE. Vì an toàn (chống XXE và bùng nổ thực thể), DOCTYPE không được phép; hãy bỏ phần <!DOCTYPE ...> rồi ký lại.',
    en: 'The XML declares a DOCTYPE. For safety (no XXE, no entity expansion) DOCTYPEs are refused; remove the <!DOCTYPE ...> part and sign again.',
  },
  XML_ENCODING_UNSUPPORTED: {
    vi: 'Tệp XML không mã hóa UTF-8. Hãy lưu lại tệp ở dạng UTF-8 (như hóa đơn điện tử yêu cầu) rồi ký lại.',
    en: 'The XML is not encoded in UTF-8. Save it as UTF-8 (as e-invoices require) and sign again.',
  },
} as const;

/** The codes of the XML format errors. */
export type XmlErrorCode = keyof typeof MESSAGES;

/** Line and column (both from 1) of a character index. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * A typed, bilingual error about an XML document. `at` is a character index into `text`: the error
 * carries the byte offset, and the message the line and column.
 */
export function xmlError(
  code: XmlErrorCode,
  text: string,
  at: number,
  detail?: string,
  cause?: unknown,
): DocumentFormatError {
  const message = MESSAGES[code];
  const { line, column } = lineAndColumn(text, at);
  const where = `line ${line}, column ${column}`;
  const whereVi = `dòng ${line}, cột ${column}`;
  return new DocumentFormatError({
    code,
    format: 'xml',
    offset: new TextEncoder().encode(text.slice(0, at)).length,
    cause,
    message: {
      vi: `${message.vi} (${whereVi}${detail ? `: ${detail}` : ''})`,
      en: `${message.en} (${where}${detail ? `: ${detail}` : ''})`,
    },
  });
}

/** A bad option of `prepareXml` (the document is fine, the request about it is not). */
export function xmlOptionError(code: string, field: string, message: { vi: string; en: string }): InvalidInputError {
  return new InvalidInputError({ code, field, message });
}
