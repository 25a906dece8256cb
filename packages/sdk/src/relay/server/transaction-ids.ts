import { bytesToBase64Url, constantTimeEqual } from '../../internal/bytes.js';
import { sessionBinding, type SessionClaims } from '../contract/session-claims.js';
import { hmacSha256 } from '../../internal/hmac.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../contract/wire.js';

// 22 base64url characters: 132 bits of the HMAC, far beyond guessing.
const TAG_LENGTH = 22;
// The nonce is an Idempotency-Key or 16 random bytes: the same alphabet and lengths.
const NONCE_PATTERN = IDEMPOTENCY_KEY_PATTERN;

/**
 * The relay's transaction ids are `<tag>.<nonce>`, where the tag is an HMAC of the session's binding
 * (user, purpose, documents). That is how a stateless relay knows, on a status or cancel call, that
 * the transaction belongs to the token presented: no table of transactions is needed, and a page that
 * re-minted its token after a reload can still follow its transaction. The nonce is the client's
 * idempotency key (already checked by `idempotencyKeyOf`) when it sent one, so a retried start reuses
 * the SP `transaction_id`, which SmartCA answers with the same transaction.
 */
export async function newTransactionId(
  secret: string,
  claims: SessionClaims,
  idempotencyKey: string | undefined,
): Promise<string> {
  const nonce = idempotencyKey ?? bytesToBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  return `${await tag(secret, claims)}.${nonce}`;
}

/** Whether `id` was created for a session with the same binding as `claims`, under any of `secrets`. */
export async function belongsToSession(
  secrets: readonly string[],
  claims: SessionClaims,
  id: string,
): Promise<boolean> {
  const [given = '', nonce, ...rest] = id.split('.');
  if (rest.length > 0 || nonce === undefined || !NONCE_PATTERN.test(nonce) || given.length !== TAG_LENGTH) return false;
  const encoder = new TextEncoder();
  for (const secret of secrets) {
    if (constantTimeEqual(encoder.encode(await tag(secret, claims)), encoder.encode(given))) return true;
  }
  return false;
}

async function tag(secret: string, claims: SessionClaims): Promise<string> {
  return bytesToBase64Url(await hmacSha256(secret, `smartca-relay/transaction\n${sessionBinding(claims)}`)).slice(
    0,
    TAG_LENGTH,
  );
}
