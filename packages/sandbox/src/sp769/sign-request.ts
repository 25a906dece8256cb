import { str } from '../http/body.js';
import type { TransactionRecord } from '../state/types.js';

/** SmartCA's batch limit. */
export const MAX_SIGN_FILES = 50;

/** A validated `sign_files[]`, or the reason it is bad. */
export type SignFilesResult = { ok: true; files: TransactionRecord['files'] } | { ok: false; reason: string };

/**
 * Validates `sign_files[]` as SmartCA does: 1–50 items, `sign_type` hash (VNPT: "SmartCA chỉ hỗ trợ
 * giao dịch ký hash"), a unique `doc_id`, and `data_to_be_signed` as the hex of a 32-byte SHA-256.
 */
export function parseSignFiles(value: unknown): SignFilesResult {
  if (!Array.isArray(value) || value.length === 0) return { ok: false, reason: 'sign_files must be a non-empty array' };
  if (value.length > MAX_SIGN_FILES) {
    return { ok: false, reason: `sign_files holds ${value.length} items; at most ${MAX_SIGN_FILES} per transaction` };
  }
  const files: TransactionRecord['files'] = [];
  const seen = new Set<string>();
  for (const [i, item] of value.entries()) {
    if (!item || typeof item !== 'object') return { ok: false, reason: `sign_files[${i}] must be an object` };
    const file = item as Record<string, unknown>;
    const docId = str(file, 'doc_id');
    const data = str(file, 'data_to_be_signed');
    const signType = str(file, 'sign_type') ?? 'hash';
    if (!docId) return { ok: false, reason: `sign_files[${i}].doc_id is required` };
    if (seen.has(docId)) return { ok: false, reason: `sign_files[${i}].doc_id "${docId}" is repeated` };
    seen.add(docId);
    if (signType !== 'hash')
      return { ok: false, reason: `sign_files[${i}].sign_type must be "hash": only hash signing is supported` };
    if (!data || !/^[0-9a-fA-F]*$/.test(data)) {
      return { ok: false, reason: `sign_files[${i}].data_to_be_signed must be hex` };
    }
    if (data.length !== 64) {
      return {
        ok: false,
        reason: `sign_files[${i}].data_to_be_signed must be a SHA-256 digest (64 hex chars), got ${data.length}`,
      };
    }
    files.push({ docId, fileType: str(file, 'file_type') ?? '', name: docId, digestHex: data.toLowerCase() });
  }
  return { ok: true, files };
}

/** What must match for a reused `transaction_id` to be a replay: user, certificate and the hashes. */
export function signFingerprint(userId: string, serial: string, files: TransactionRecord['files']): string {
  return JSON.stringify([userId, serial.toLowerCase(), files.map((f) => [f.docId, f.digestHex])]);
}
