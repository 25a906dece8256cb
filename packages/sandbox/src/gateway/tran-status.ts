import type { TransactionRecord } from '../state/types.js';

type Status = TransactionRecord['status'];

/**
 * The gateway's `tranStatus` codes with their names (V2 §5.2.5): the sandbox's one table of them.
 * `AUTHORIZE_KEY_FAILED` (4003) is VNPT's, for a SAD that did not authorise the key; no sandbox
 * transaction ends that way, so it maps to no status.
 */
const TRAN_STATUSES: ReadonlyArray<{ code: number; name: string; status?: Status }> = [
  { code: 1, name: 'SUCCESS', status: 'signed' },
  { code: 4000, name: 'WAITING_FOR_SIGNER_CONFIRM', status: 'pending' },
  { code: 4001, name: 'EXPIRED', status: 'expired' },
  { code: 4002, name: 'SIGNER_REJECTED', status: 'rejected' },
  { code: 4003, name: 'AUTHORIZE_KEY_FAILED' },
  { code: 4004, name: 'SIGN_FAILED', status: 'failed' },
];

/** Gateway `tranStatus` code per transaction status: `pending` 4000, `signed` 1, `expired` 4001, `rejected` 4002, `failed` 4004. */
export const TRAN_STATUS_CODES: Readonly<Record<Status, number>> = Object.fromEntries(
  TRAN_STATUSES.filter((s) => s.status).map((s) => [s.status, s.code]),
) as Record<Status, number>;

/** `tranStatusDesc` for a code, e.g. `WAITING_FOR_SIGNER_CONFIRM` for 4000. */
export function tranStatusName(code: number): string | undefined {
  return TRAN_STATUSES.find((s) => s.code === code)?.name;
}

/** The body the gateway posts to a transaction's `notifyUrl`: ids and status only, no signature. */
export function gatewayNotifyBody(tx: TransactionRecord): Record<string, unknown> {
  return { tranId: tx.tranId, refTranId: tx.transactionId || null, status: TRAN_STATUS_CODES[tx.status] };
}
