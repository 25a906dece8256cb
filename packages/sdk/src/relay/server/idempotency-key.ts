import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { RELAY_REQUEST_CODES } from '../contract/error-body.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../contract/wire.js';

/**
 * The request's `Idempotency-Key`, or undefined when it sent none. A key the relay cannot use is
 * refused (400 `IDEMPOTENCY_KEY_INVALID`) rather than dropped: a page that sends `order:42` believes
 * its retries are safe, and silently ignoring the key turned ten retried clicks into ten orders.
 */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return undefined;
  if (IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  throw new InvalidInputError({
    code: RELAY_REQUEST_CODES.IDEMPOTENCY_KEY_INVALID,
    field: IDEMPOTENCY_HEADER,
    message: {
      vi: 'Idempotency-Key không hợp lệ: cần 8 đến 64 ký tự A–Z, a–z, 0–9, "_" hoặc "-" (ví dụ một UUID).',
      en: 'The Idempotency-Key is not valid: use 8 to 64 of A–Z, a–z, 0–9, "_" and "-" (a UUID, for example).',
    },
  });
}
