import { base64ToBytes } from '../../internal/bytes.js';
import type { StatusUpdate } from '../../model/status-update.js';
import type { TransactionStatus } from '../../model/transaction.js';
import type { Sp769Signature } from './schemas.js';

/**
 * Reads SP769's status `message`. VNPT documents only `SUCCESS` (done; `" SUCCESS"` and `Success` in its
 * own examples) and `sig_wait_for_user_confirm` (pending), and its samples treat anything else as
 * "still pending" until a client deadline. What ends a wait early is what real clients match for the
 * other outcomes (docs/wire-contract.md: C3 `deny`/`reject`/`expire`, C4 `REJECTED`/`EXPIRED`/`TIMEOUT`/
 * `CANCELLED`, C12 `EXPIRED`), which also covers the sandbox's `sig_user_rejected`, `sig_expired` and
 * `sig_failed`. Anything unknown stays pending so the SDK never invents an outcome; an answer with no
 * `message` at all is read by its signatures. test/sdk/sp769-status-messages.test.ts pins each string.
 */
export function sp769StatusFromMessage(message: string | null | undefined, signatureCount: number): TransactionStatus {
  const text = (message ?? '').trim();
  if (text === '' || /^success$/i.test(text)) return signatureCount > 0 ? 'signed' : 'pending';
  if (/reject|refuse|den(y|ied)/i.test(text)) return 'rejected';
  if (/expire|timeout|timed.?out|cancel/i.test(text)) return 'expired';
  if (/fail|error/i.test(text)) return 'failed';
  return 'pending';
}

/** An SP769 answer (status poll, webhook or TH confirm) as a {@link StatusUpdate}. */
export function sp769Update(
  message: string | null | undefined,
  signatures: readonly Sp769Signature[] | null | undefined,
  requestId?: string,
): StatusUpdate {
  const usable = (signatures ?? []).filter((s) => s.signature_value);
  const status = sp769StatusFromMessage(message, usable.length);
  return {
    status,
    wireStatus: message ?? '',
    requestId,
    signatures:
      status === 'signed'
        ? usable.map((s) => ({
            docId: s.doc_id,
            // A value that is not base64 becomes an empty signature, which then fails verification by name.
            signature: base64ToBytes(s.signature_value ?? '') ?? new Uint8Array(),
            timestampSignature: s.timestamp_signature ?? null,
          }))
        : undefined,
  };
}
