import { ApiError } from '../errors/api-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { RequestTimeoutError } from '../errors/request-timeout-error.js';
import type { SmartCAError } from '../errors/smartca-error.js';
import { TransactionExpiredError } from '../errors/transaction-expired-error.js';
import { TransactionFailedError } from '../errors/transaction-failed-error.js';
import { TransactionRejectedError } from '../errors/transaction-rejected-error.js';
import { messages } from '../internal/messages.js';
import type { TransactionSnapshot } from '../model/transaction.js';

// How a transaction's final statuses become the error classes wait() throws.

/** The error class of a rejected, expired or failed snapshot; undefined for pending and signed. */
export function finalError(snapshot: TransactionSnapshot): SmartCAError | undefined {
  const init = { transactionId: snapshot.id, requestId: snapshot.requestId, wireCode: snapshot.wireCode };
  switch (snapshot.status) {
    case 'rejected':
      return new TransactionRejectedError({ ...init, code: 'SIGNER_REJECTED', message: messages.rejected });
    case 'expired':
      return new TransactionExpiredError({ ...init, code: 'EXPIRED', message: messages.expired });
    case 'failed':
      return new TransactionFailedError({
        ...init,
        code: /^[A-Z_]+$/.test(snapshot.wireStatus) ? snapshot.wireStatus : 'SIGN_FAILED',
        message: messages.signFailed(snapshot.wireStatus),
      });
    default:
      return undefined;
  }
}

/** Throws {@link finalError} of a final snapshot; returns for pending and signed. */
export function throwIfFinal(snapshot: TransactionSnapshot): void {
  const error = finalError(snapshot);
  if (error) throw error;
}

/** The error of a wait that reached its own deadline while SmartCA still said pending. */
export function expiredByDeadline(transactionId: string, requestId: string | undefined): SmartCAError {
  return new TransactionExpiredError({
    code: 'CLIENT_DEADLINE_EXCEEDED',
    message: messages.expired,
    transactionId,
    requestId,
  });
}

/** Whether a failed poll is worth another: the network, a timeout, a 5xx or a 429. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof RequestTimeoutError ||
    (error instanceof ApiError && (error.status === undefined || error.status >= 500 || error.status === 429))
  );
}
