import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { DocumentToSign } from '../model/transaction.js';

/** SmartCA's batch limit: at most 50 hashes in one transaction (SP769 `sign_files`, gateway `datas`). */
export const MAX_DOCUMENTS_PER_TRANSACTION = 50;

/**
 * Checks a batch before anything is sent: 1 to 50 documents, unique non-empty `docId`s, and 32-byte
 * SHA-256 digests. Catching these here means SmartCA never sees, and never charges for, a bad batch.
 *
 * @throws {@link InvalidInputError} naming the first bad field.
 */
export function validateDocuments(documents: readonly DocumentToSign[] | undefined): void {
  if (!Array.isArray(documents) || documents.length === 0) {
    throw invalid('documents', 'Cần ít nhất một tài liệu để ký.', 'Pass at least one document to sign.');
  }
  if (documents.length > MAX_DOCUMENTS_PER_TRANSACTION) {
    throw invalid(
      'documents',
      `Một giao dịch chỉ ký tối đa ${MAX_DOCUMENTS_PER_TRANSACTION} tài liệu; đã gửi ${documents.length}. Hãy chia thành nhiều giao dịch.`,
      `A transaction signs at most ${MAX_DOCUMENTS_PER_TRANSACTION} documents; got ${documents.length}. Split the batch.`,
    );
  }
  const seen = new Set<string>();
  documents.forEach((doc, index) => {
    const at = `documents[${index}]`;
    if (typeof doc?.docId !== 'string' || doc.docId.trim() === '') {
      throw invalid(`${at}.docId`, `Tài liệu thứ ${index + 1} thiếu docId.`, `${at}.docId must be a non-empty string.`);
    }
    if (seen.has(doc.docId)) {
      throw invalid(
        `${at}.docId`,
        `docId "${doc.docId}" bị trùng trong cùng giao dịch.`,
        `docId "${doc.docId}" appears twice in one transaction; docIds must be unique.`,
      );
    }
    seen.add(doc.docId);
    if (!(doc.digest instanceof Uint8Array) || doc.digest.length !== 32) {
      const got = doc.digest instanceof Uint8Array ? `${doc.digest.length} bytes` : typeof doc.digest;
      throw invalid(
        `${at}.digest`,
        `Giá trị băm của tài liệu "${doc.docId}" phải là SHA-256 dài 32 byte (nhận được ${got}).`,
        `${at}.digest must be a 32-byte SHA-256 digest (Uint8Array); got ${got}.`,
      );
    }
  });
}

function invalid(field: string, vi: string, en: string): InvalidInputError {
  return new InvalidInputError({ field, message: { vi, en } });
}
