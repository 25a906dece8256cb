import { ConfigurationError } from '../../errors/configuration-error.js';
import { InvalidInputError } from '../../errors/invalid-input-error.js';
import { bytesToBase64Url } from '../../internal/bytes.js';
import { hmacSha256, verifyHmacSha256 } from '../../internal/hmac.js';
import {
  claimsToWire,
  decodeSessionToken,
  MAX_SESSION_DOCUMENTS,
  SESSION_TOKEN_PREFIX,
  type SessionClaims,
  type SessionPurpose,
} from '../contract/session-claims.js';
import { refuse } from './refusals.js';
import { normalizeOrigins } from './origins.js';

/** A document to bind a session token to. */
export interface SessionDocumentInput {
  /** The `doc_id` SmartCA shows in the app. Unique within the token. */
  docId: string;
  /** The 32-byte SHA-256 digest to sign. */
  digest: Uint8Array;
  /** A human name, shown by the widget. */
  name?: string | undefined;
  /** SP769 `file_type`. */
  fileType?: string | undefined;
}

/** What a session token is bound to. See {@link createSessionToken}. */
export interface SessionGrant {
  /** The subscriber who signs (SmartCA `user_id`). Never taken from the browser. */
  userId: string;
  /** What the token allows. Default `sign`. */
  purpose?: SessionPurpose | undefined;
  /** The documents to sign, 1 to 50. None for a `purchase` token. */
  documents?: readonly SessionDocumentInput[] | undefined;
  /** `transaction_desc`: what the app asks the user to approve. */
  description?: string | undefined;
  /** Sign with this certificate instead of the user's personal one. */
  serialNumber?: string | undefined;
  /** Lifetime in seconds. Default 900 (the 5-minute approval window plus time to read and click); max 3600. */
  ttlSeconds?: number | undefined;
}

/** Arguments of {@link createSessionToken}. */
export interface CreateSessionTokenParams extends SessionGrant {
  /** The relay's current session secret (at least 32 characters). */
  secret: string;
  /** The web origins the token may be used from. */
  origins: readonly string[];
  /** The clock, epoch ms. Default `Date.now()`. */
  now?: number | undefined;
}

/** Options of {@link verifySessionToken}. */
export interface VerifySessionTokenOptions {
  /** Every secret currently accepted: the current one first, then those being rotated out. */
  secrets: readonly string[];
  /** The clock, epoch ms. Default `Date.now()`. */
  now?: number | undefined;
}

const DEFAULT_TTL_SECONDS = 900;
const MAX_TTL_SECONDS = 3600;
const MIN_SECRET_LENGTH = 32;

/**
 * Mints a session token for the widget: `sct1.<claims>.<mac>`, where the claims are base64url JSON
 * and the MAC is HMAC-SHA256 with the relay's secret. The token is stateless (any relay instance
 * holding the secret accepts it), short-lived, and bound to one user, one purpose, the exact
 * document digests and the allowed origins. It is not encrypted: it holds nothing the page may not see.
 *
 * @example
 * ```ts
 * const session = await createSessionToken({
 *   secret: process.env.SMARTCA_SESSION_SECRET!, origins: ['https://dichvucong.example.vn'],
 *   userId: '001099000001', documents: [{ docId: 'HS-2026-0001', digest, name: 'Tờ khai khai sinh' }],
 * });
 * ```
 */
export async function createSessionToken(params: CreateSessionTokenParams): Promise<string> {
  assertSecret(params.secret);
  const documents = params.documents ?? [];
  const purpose = params.purpose ?? 'sign';
  if (purpose === 'purchase' && documents.length > 0) {
    throw new InvalidInputError({
      field: 'documents',
      message: {
        vi: 'Phiên mua lượt ký không mang tài liệu nào.',
        en: 'A purchase session carries no documents.',
      },
    });
  }
  if (purpose === 'sign' && (documents.length === 0 || documents.length > MAX_SESSION_DOCUMENTS)) {
    throw new InvalidInputError({
      field: 'documents',
      message: {
        vi: `Phiên ký phải có từ 1 đến ${MAX_SESSION_DOCUMENTS} tài liệu.`,
        en: `A session must hold 1 to ${MAX_SESSION_DOCUMENTS} documents.`,
      },
    });
  }
  for (const [i, doc] of documents.entries()) {
    if (doc.digest.length !== 32) {
      throw new InvalidInputError({
        field: `documents[${i}].digest`,
        message: {
          vi: 'Mỗi tài liệu phải có mã băm SHA-256 dài 32 byte.',
          en: 'Each document needs a 32-byte SHA-256 digest.',
        },
      });
    }
  }
  const ttl = params.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw new InvalidInputError({
      field: 'ttlSeconds',
      message: {
        vi: `Thời hạn phiên phải từ 1 đến ${MAX_TTL_SECONDS} giây.`,
        en: `ttlSeconds must be 1 to ${MAX_TTL_SECONDS}.`,
      },
    });
  }
  const issuedAt = Math.floor((params.now ?? Date.now()) / 1000);
  const claims: SessionClaims = {
    userId: params.userId,
    purpose,
    description: params.description,
    serialNumber: params.serialNumber,
    origins: normalizeOrigins(params.origins),
    documents: documents.map((d) => ({
      docId: d.docId,
      digest: bytesToBase64Url(d.digest),
      name: d.name,
      fileType: d.fileType,
    })),
    issuedAt,
    expiresAt: issuedAt + ttl,
    tokenId: bytesToBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(16))),
  };
  const payload = bytesToBase64Url(new TextEncoder().encode(JSON.stringify(claimsToWire(claims))));
  const signedPart = `${SESSION_TOKEN_PREFIX}.${payload}`;
  return `${signedPart}.${bytesToBase64Url(await hmacSha256(params.secret, signedPart))}`;
}

/**
 * Authenticates a session token and checks its lifetime. Origin, purpose and document checks depend on
 * the request and are the relay's job.
 *
 * @returns the token's claims.
 * @throws {@link SessionRefusedError} with `TOKEN_MALFORMED`, `TOKEN_SIGNATURE_INVALID` or `TOKEN_EXPIRED`.
 */
export async function verifySessionToken(token: string, options: VerifySessionTokenOptions): Promise<SessionClaims> {
  const decoded = decodeSessionToken(token);
  if (!decoded) throw refuse('TOKEN_MALFORMED');
  let authentic = false;
  for (const secret of options.secrets) {
    if (await verifyHmacSha256(secret, decoded.signedPart, decoded.mac)) {
      authentic = true;
      break;
    }
  }
  if (!authentic) throw refuse('TOKEN_SIGNATURE_INVALID');
  if (Math.floor((options.now ?? Date.now()) / 1000) >= decoded.claims.expiresAt) throw refuse('TOKEN_EXPIRED');
  return decoded.claims;
}

/** Refuses a secret too short to resist guessing. */
export function assertSecret(secret: string): void {
  if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) return;
  throw new ConfigurationError({
    code: 'WEAK_SESSION_SECRET',
    message: {
      vi: `Khoá bí mật của phiên phải dài ít nhất ${MIN_SECRET_LENGTH} ký tự.`,
      en: `The session secret must be at least ${MIN_SECRET_LENGTH} characters long.`,
    },
  });
}
