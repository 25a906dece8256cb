import { ApiError } from '../../errors/api-error.js';
import { CertificateStatusError } from '../../errors/certificate-status-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { OutOfSigningTurnsError } from '../../errors/out-of-signing-turns-error.js';
import { RequestBodyError } from '../../errors/request-body-error.js';
import { RequestTimeoutError } from '../../errors/request-timeout-error.js';
import { SessionRefusedError } from '../../errors/session-refused-error.js';
import { StoreError } from '../../errors/store-error.js';
import { IdempotencyError } from '../../errors/idempotency-error.js';
import { SmartCAError } from '../../errors/smartca-error.js';
import { RELAY_ERROR_CODES, type RelayErrorBody } from '../contract/error-body.js';

/** An error as the relay sends it: the HTTP status and the body's `error`. */
export interface DescribedError {
  status: number;
  body: RelayErrorBody;
}

/**
 * Translates what went wrong into the relay's error body. SDK errors carry bilingual messages that
 * never hold secrets, so they pass through: the person's as `message`, the developers' as `detail`;
 * anything else is a bug in the relay and is reported without detail.
 */
export function describeError(error: unknown, requestId: string): DescribedError {
  // The person reads `message`; the developers' text goes beside it as `detail` when it says more.
  const from = (
    status: number,
    category: RelayErrorBody['category'],
    e: SmartCAError,
    recoverable: boolean,
    code = e.code,
  ): DescribedError => ({
    status,
    body: {
      category,
      code,
      message: e.userMessages,
      ...(sameText(e.userMessages, e.messages) ? {} : { detail: e.messages }),
      recoverable,
      requestId,
    },
  });
  if (error instanceof SessionRefusedError) return from(error.status ?? 403, 'session', error, false);
  if (error instanceof OutOfSigningTurnsError) {
    return from(402, 'turns', error, true, RELAY_ERROR_CODES.OUT_OF_SIGNING_TURNS);
  }
  if (error instanceof CertificateStatusError) return from(409, 'certificate', error, false);
  if (error instanceof RequestTimeoutError) return from(504, 'network', error, true);
  if (error instanceof ConnectionError) return from(502, 'network', error, true);
  if (error instanceof RequestBodyError) {
    return error.status === 408 ? from(408, 'network', error, true) : from(413, 'implementation', error, false);
  }
  // Raised by the relay's own checks (no HTTP status), or SmartCA refused what the page chose (a
  // pricingCode that is not on sale): either way the request must change, so a 4xx, not a 502.
  if (error instanceof InvalidInputError && (error.status === undefined || error.status < 500)) {
    return from(400, 'implementation', error, false);
  }
  // The relay's own store is down or slow: nothing was sent, and the same call may be retried.
  if (error instanceof StoreError) return from(503, 'network', error, true);
  // A retry while the first is under way may be repeated; a key reused for another request may not.
  if (error instanceof IdempotencyError) {
    return from(
      409,
      error.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS' ? 'network' : 'implementation',
      error,
      error.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    );
  }
  if (error instanceof ApiError) return from(502, 'provider', error, error.status === undefined || error.status >= 500);
  if (error instanceof SmartCAError) return from(502, 'provider', error, false);
  return {
    status: 500,
    body: {
      category: 'implementation',
      code: 'RELAY_INTERNAL_ERROR',
      recoverable: false,
      requestId,
      message: { vi: 'Máy chủ ký số gặp lỗi nội bộ.', en: 'The signing relay hit an internal error.' },
    },
  };
}

function sameText(a: { vi: string; en: string }, b: { vi: string; en: string }): boolean {
  return a.vi === b.vi && a.en === b.en;
}
