import * as z from 'zod/mini';
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
}

/** Body of a status request. */
export interface SignatureStatusBody {
  /** How long the relay may hold the request while nothing changes, in seconds (capped by the relay). */
  waitSeconds?: number | undefined;
}

const bilingual = z.object({ vi: z.string(), en: z.string() });
const categories: readonly RelayErrorCategory[] = ['session', 'turns', 'certificate', 'provider', 'network',
  'implementation'];

/** Schema of {@link RelayErrorBody}. */
export const relayErrorBodySchema = z.object({
  category: z.enum(categories as [RelayErrorCategory, ...RelayErrorCategory[]]),
  code: z.string(),
  message: bilingual,
  recoverable: z.boolean(),
  requestId: z.optional(z.string()),
});

/** Schema of an error response. */
export const relayErrorResponseSchema = z.object({ error: relayErrorBodySchema });

/** Schema of every successful response: `{ transaction }`. */
export const relayTransactionResponseSchema = z.object({
  transaction: z.object({
    id: z.string().check(z.minLength(1)),
    status: z.enum(['pending', 'signed', 'rejected', 'expired', 'failed', 'cancelled']),
    expiresAt: z.optional(z.string()),
    documents: z.array(z.object({ docId: z.string(), name: z.optional(z.string()) })),
    result: z.optional(z.object({
      signatures: z.array(z.object({ docId: z.string(), digest: z.string(), signature: z.string() })),
      certificate: z.string(),
      chain: z.array(z.string()),
      document: z.optional(z.object({ url: z.string(), name: z.optional(z.string()) })),
    })),
    error: z.optional(relayErrorBodySchema),
  }),
});

/** Schema of {@link StartSignatureBody}. */
export const startSignatureBodySchema = z.object({
  documents: z.optional(z.array(z.object({ docId: z.string(), digest: z.string() }))),
});

/** Schema of {@link SignatureStatusBody}. */
export const signatureStatusBodySchema = z.object({
  waitSeconds: z.optional(z.number().check(z.minimum(0), z.maximum(600))),
});
