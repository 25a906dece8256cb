import type { TransactionRecord } from '../state/types.js';

/** SP769 status `message` per status. Only SUCCESS and sig_wait_for_user_confirm are documented by VNPT. */
export const SP769_STATUS_MESSAGES = {
  /** Waiting for the user to confirm (documented by VNPT). */
  pending: 'sig_wait_for_user_confirm',
  /** Signed (documented by VNPT). */
  signed: 'SUCCESS',
  /** The user rejected (the sandbox's own message). */
  rejected: 'sig_user_rejected',
  /** The approval window passed (the sandbox's own message). */
  expired: 'sig_expired',
  /** Signing failed (the sandbox's own message). */
  failed: 'sig_failed',
} as const;

/** A signed transaction's signatures as SP769 lists them (status, webhook, TH confirm): one per file. */
export function sp769SignedFiles(tx: TransactionRecord): Record<string, unknown>[] {
  return tx.files.map((f, i) => ({ doc_id: f.docId, signature_value: tx.signatures?.[i], timestamp_signature: null }));
}

/** The SP769 webhook body (V1 §3.5). */
export function sp769WebhookBody(tx: TransactionRecord): Record<string, unknown> {
  const signed = tx.status === 'signed';
  return {
    sp_id: tx.spId,
    status_code: signed ? 200 : 400,
    message: SP769_STATUS_MESSAGES[tx.status],
    transaction_id: tx.transactionId,
    signed_files: signed ? sp769SignedFiles(tx) : [],
  };
}
