import * as c from './check.js';
import type { RelayErrorBody, RelayErrorCategory } from './error-body.js';

/**
 * The relay's HTTP contract, shared by the server handler and the browser client so that the two
 * cannot drift. Every route is a POST: browsers always send `Origin` on a POST, while a same-origin
 * GET carries none (Fetch §3.1), and the relay refuses requests whose origin it cannot see.
 */
export const RELAY_ROUTES = {
  /** Starts a signature for the session's documents. */
  startSignature: '/v1/signatures',
  /** Reports a transaction's status, holding the request open until it changes (long poll). */
  signatureStatus: '/v1/signatures/:id/status',
  /** Stops following a transaction. */
  cancelSignature: '/v1/signatures/:id/cancel',
} as const;

/** A route's path with its `:name` segments filled in (URI-encoded). */
export function relayPath(route: string, params: Readonly<Record<string, string>> = {}): string {
  return route.replace(/:([a-z]+)/gi, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The header that carries the session token: `Authorization: Bearer sct1....`. */
export const SESSION_HEADER = 'authorization';

/** The header a client sets so that a retried start returns the same transaction. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * What the relay accepts as an `Idempotency-Key`: 8 to 64 of `A-Z a-z 0-9 _ -` (a UUID, or 16 random
 * bytes in base64url, as the widget sends). Any other key is refused with 400, never dropped: a
 * dropped key would let a retried click create a second order.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** Where a transaction is, as the relay reports it. `cancelled` means the page stopped following it. */
export type RelayTransactionStatus = 'pending' | 'signed' | 'rejected' | 'expired' | 'failed' | 'cancelled';

/** A document as the SmartCA app lists it. */
export interface RelayDocument {
  /** The `doc_id` shown in the app. */
  docId: string;
  /** A human name, when the session gave one. */
  name?: string | undefined;
}

/** A document's digest as the page computed it. */
export interface DocumentDigest {
  /** The `doc_id`. */
  docId: string;
  /** The SHA-256 digest, base64 or base64url. */
  digest: string;
}

/** A verified signature, base64 encoded for JSON. */
export interface RelaySignature {
  /** The document's `doc_id`. */
  docId: string;
  /** The SHA-256 digest that was signed, base64url. */
  digest: string;
  /** The raw RSASSA-PKCS1-v1_5 signature (not CMS), base64. */
  signature: string;
}

/** A signed document the portal's backend finished (embedded the signature in), for the page to download. */
export interface RelaySignedDocument {
  /** Where the page downloads it: a URL on the portal, relative or absolute. */
  url: string;
  /** A file name to offer. */
  name?: string | undefined;
}

/** The result of a signed transaction: signatures the relay has verified, and the certificate. */
export interface RelaySignedResult {
  /** One signature per document, in the session's order. */
  signatures: RelaySignature[];
  /** The signer's certificate, base64 DER. */
  certificate: string;
  /** The issuing chain as SmartCA delivered it, base64 DER, issuer first. */
  chain: string[];
  /** The signed document, when the relay's `onSigned` hook finished one. */
  document?: RelaySignedDocument | undefined;
}

/** A transaction as the relay reports it. */
export interface RelayTransaction {
  /** The relay's transaction id (the SP `transaction_id`). */
  id: string;
  /** Where it is. */
  status: RelayTransactionStatus;
  /** End of the approval window, ISO 8601, when the relay knows it. */
  expiresAt?: string | undefined;
  /** The documents, as the SmartCA app lists them. */
  documents: RelayDocument[];
  /** Present when `status` is `signed`. */
  result?: RelaySignedResult | undefined;
  /** Present when `status` is `failed`: why. */
  error?: RelayErrorBody | undefined;
}

/** Body of a start request. */
export interface StartSignatureBody {
  /**
   * The digests the page computed itself (a file hashed in the browser). When present, the relay
   * refuses a token minted for other documents.
   */
  documents?: DocumentDigest[] | undefined;
  /**
   * Which try at signing these documents this is, counted by the page: 1 (or absent) the first. SmartCA
   * cannot withdraw a request, so one the user stopped waiting for stays approvable in the app until it
   * expires; from the second try on, the relay ends the request's description with "(lần N)" so the app
   * tells the new request from the old ones.
   */
  attempt?: number | undefined;
}

/** The highest {@link StartSignatureBody.attempt} the relay accepts. */
const MAX_ATTEMPT = 99;

/**
 * The description SmartCA shows for try `attempt` of a session described as `description`: the
 * description itself for the first, with " (lần N)" after it from the second on.
 */
export function attemptDescription(description: string | undefined, attempt: number | undefined): string | undefined {
  if (!attempt || attempt <= 1) return description;
  return `${description ?? 'Yêu cầu ký số'} (lần ${attempt})`;
}

/** Body of a status request. */
export interface SignatureStatusBody {
  /** How long the relay may hold the request while nothing changes, in seconds (capped by the relay). */
  waitSeconds?: number | undefined;
}

const bilingual = c.object({ vi: c.string(), en: c.string() });
const categories: readonly RelayErrorCategory[] = [
  'session',
  'turns',
  'certificate',
  'provider',
  'network',
  'implementation',
];

/** Check of {@link RelayErrorBody}. */
const relayErrorBodySchema = c.object({
  category: c.oneOf(categories),
  code: c.string(),
  message: bilingual,
  detail: c.optional(bilingual),
  recoverable: c.boolean(),
  requestId: c.optional(c.string()),
});

/** Check of an error response. */
export const relayErrorResponseSchema = c.object({ error: relayErrorBodySchema });

/** Check of every successful response: `{ transaction }`. */
export const relayTransactionResponseSchema = c.object({
  transaction: c.object({
    id: c.string({ min: 1 }),
    status: c.oneOf(['pending', 'signed', 'rejected', 'expired', 'failed', 'cancelled']),
    expiresAt: c.optional(c.string()),
    documents: c.array(c.object({ docId: c.string(), name: c.optional(c.string()) })),
    result: c.optional(
      c.object({
        signatures: c.array(c.object({ docId: c.string(), digest: c.string(), signature: c.string() })),
        certificate: c.string(),
        chain: c.array(c.string()),
        document: c.optional(c.object({ url: c.string(), name: c.optional(c.string()) })),
      }),
    ),
    error: c.optional(relayErrorBodySchema),
  }),
});

/** Check of {@link StartSignatureBody}. */
export const startSignatureBodySchema = c.object({
  documents: c.optional(c.array(c.object({ docId: c.string(), digest: c.string() }))),
  attempt: c.optional(c.number({ int: true, min: 1, max: MAX_ATTEMPT })),
});

/** Check of a status request that may wait (a signature's or an order's): `waitSeconds`, 0 to 600. */
export const waitBodySchema = c.object({
  waitSeconds: c.optional(c.number({ min: 0, max: 600 })),
});

/** Check of {@link SignatureStatusBody}. */
export const signatureStatusBodySchema = waitBodySchema;
