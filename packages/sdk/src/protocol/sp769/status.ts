import { base64ToBytes } from '../../internal/bytes.js';
import type { StatusUpdate } from '../../transaction/signing-transaction.js';
import type { TransactionStatus } from '../../transaction/types.js';
import type { Sp769Signature } from './schemas.js';

/**
 * Reads SP769's status `message`. VNPT documents only `SUCCESS` (done) and `sig_wait_for_user_confirm`
 * (pending); its samples treat anything else as "still pending" until a client deadline. Messages that
 * name a rejection, an expiry or a failure (as the sandbox sends, e.g. `sig_user_rejected`) end the
 * transaction early; unknown messages stay pending so the SDK never invents an outcome. An answer with
 * no `message` at all is read by its signatures: present means signed.
 */
export function sp769StatusFromMessage(message: string | null | undefined, signatureCount: number): TransactionStatus {
  if (message === null || message === undefined || message.trim() === '') return signatureCount > 0 ? 'signed' : 'pending';
  if (/^success$/i.test(message.trim())) return signatureCount > 0 ? 'signed' : 'pending';
  if (/reject|refuse|cancel/i.test(message)) return 'rejected';
  if (/expire|timeout/i.test(message)) return 'expired';
  if (/fail|error/i.test(message)) return 'failed';
  return 'pending';
}

/** An SP769 answer (status poll, webhook or TH confirm) as a {@link StatusUpdate}. */
export function sp769Update(message: string | null | undefined, signatures: readonly Sp769Signature[] | null | undefined,
  requestId?: string): StatusUpdate {
  const usable = (signatures ?? []).filter((s) => s.signature_value);
  const status = sp769StatusFromMessage(message, usable.length);
  return {
    status,
    wireStatus: message ?? '',
    requestId,
    signatures: status === 'signed' ? usable.map((s) => ({
      docId: s.doc_id,
      // A value that is not base64 becomes an empty signature, which then fails verification by name.
      signature: base64ToBytes(s.signature_value ?? '') ?? new Uint8Array(),
      timestampSignature: s.timestamp_signature ?? null,
    })) : undefined,
  };
}
