import { SignatureVerificationError } from '../../errors/signature-verification-error.js';
import { TransactionExpiredError } from '../../errors/transaction-expired-error.js';
import { TransactionFailedError } from '../../errors/transaction-failed-error.js';
import { TransactionRejectedError } from '../../errors/transaction-rejected-error.js';
import { bytesToBase64, bytesToBase64Url } from '../../internal/bytes.js';
import { finalError } from '../../transaction/final-status.js';
import type { SignedTransaction, TransactionSnapshot } from '../../model/transaction.js';
import type { SessionClaims } from '../contract/session-claims.js';
import type { RelayTransaction, RelayTransactionStatus } from '../contract/wire.js';
import { describeError } from './error-response.js';

/** Where a transaction ended up, as the relay reports it. */
export type Outcome = Pick<RelayTransaction, 'status' | 'result' | 'error'>;

/**
 * Reads what the SDK learnt as a relay outcome: a snapshot (from `refresh`) maps by its status, a
 * verified result to `signed`, and the final-status error `wait()` rejects with to its status. Errors
 * that say nothing about the transaction (the network, an abort) are rethrown for the caller.
 */
export async function settle(
  update: Promise<SignedTransaction | TransactionSnapshot>,
  requestId: string,
): Promise<Outcome> {
  let value: SignedTransaction | TransactionSnapshot;
  try {
    value = await update;
  } catch (error) {
    const outcome = outcomeOfError(error, requestId);
    if (outcome) return outcome;
    throw error;
  }
  if ('signatures' in value) return signedOutcome(value);
  switch (value.status) {
    case 'rejected':
    case 'expired':
      return { status: value.status };
    case 'failed':
      return { status: 'failed', error: describeError(finalError(value), requestId).body };
    default:
      return { status: 'pending' };
  }
}

/** The outcome a final-status error of `wait()` stands for; undefined for any other error. */
function outcomeOfError(error: unknown, requestId: string): Outcome | undefined {
  if (error instanceof TransactionRejectedError) return { status: 'rejected' };
  if (error instanceof TransactionExpiredError) return { status: 'expired' };
  if (error instanceof TransactionFailedError || error instanceof SignatureVerificationError) {
    return { status: 'failed', error: describeError(error, requestId).body };
  }
  return undefined;
}

/** The JSON view of a transaction. */
export function transactionView(
  id: string,
  claims: SessionClaims,
  outcome: Outcome,
  expiresAt?: Date,
): RelayTransaction {
  return {
    id,
    status: outcome.status,
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    documents: claims.documents.map((d) => ({ docId: d.docId, ...(d.name === undefined ? {} : { name: d.name }) })),
    ...(outcome.result ? { result: outcome.result } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}

/** Whether an outcome ends the transaction for the page. */
export function isFinal(status: RelayTransactionStatus): boolean {
  return status !== 'pending';
}

function signedOutcome(signed: SignedTransaction): Outcome {
  return {
    status: 'signed',
    result: {
      signatures: signed.signatures.map((s) => ({
        docId: s.docId,
        digest: bytesToBase64Url(s.digest),
        signature: bytesToBase64(s.signature),
      })),
      certificate: bytesToBase64(signed.certificate.der),
      chain: signed.certificate.chain.map((c) => bytesToBase64(c)),
    },
  };
}
