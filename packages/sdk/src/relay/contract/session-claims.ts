import * as c from './check.js';
import { base64ToBytes, bytesToBase64Url } from '../../internal/bytes.js';

/**
 * What a session token lets the browser do, and every relay route declares the purposes it accepts:
 * - `sign`: sign the token's documents, and buy turns for the token's user (a signature that fails
 *   for lack of turns switches to the buy flow with the token it already holds);
 * - `purchase`: buy turns for the token's user, and nothing else. It carries no documents.
 */
export type SessionPurpose = 'sign' | 'purchase';

/** The version tag every session token starts with: `sct1.<claims>.<mac>`. */
export const SESSION_TOKEN_PREFIX = 'sct1';

/** The most documents one token may carry: SmartCA signs at most 50 digests per transaction. */
export const MAX_SESSION_DOCUMENTS = 50;

/** One document a session token is bound to. */
export interface SessionDocument {
  /** The `doc_id` SmartCA shows in the app beside the request. */
  docId: string;
  /** The 32-byte SHA-256 digest to sign, unpadded base64url. */
  digest: string;
  /** A human name for the document, shown by the widget. */
  name?: string | undefined;
  /** SP769 `file_type` (`pdf`, `xml`, ...). */
  fileType?: string | undefined;
}

/** The claims of a session token, with readable names. Times are epoch seconds. */
export interface SessionClaims {
  /** The subscriber who signs: the SmartCA `user_id` (CCCD, CMND, passport or tax code). */
  userId: string;
  /** What the token is for. */
  purpose: SessionPurpose;
  /** The exact documents the user may be asked to sign, in order (none for `purchase`). */
  documents: SessionDocument[];
  /** `transaction_desc`: what the SmartCA app asks the user to approve. */
  description?: string | undefined;
  /** Sign with this certificate (serial number, hex) instead of the user's personal one. */
  serialNumber?: string | undefined;
  /** The web origins the token may be used from, e.g. `https://dichvucong.example.vn`. */
  origins: string[];
  /** When the token was minted. */
  issuedAt: number;
  /** When the token stops being accepted. */
  expiresAt: number;
  /** A random id, unique per token. */
  tokenId: string;
}

// The wire form is compact: the token travels in a header on every relay call.
const wireClaims = c.object({
  v: c.oneOf([1]),
  sub: c.string({ min: 1 }),
  pur: c.oneOf(['sign', 'purchase']),
  docs: c.array(
    c.object({
      id: c.string({ min: 1 }),
      h: c.string({ pattern: /^[A-Za-z0-9_-]{43}$/ }),
      n: c.optional(c.string()),
      t: c.optional(c.string()),
    }),
    { max: MAX_SESSION_DOCUMENTS },
  ),
  desc: c.optional(c.string()),
  ser: c.optional(c.string()),
  org: c.array(c.string()),
  iat: c.number(),
  exp: c.number(),
  jti: c.string({ min: 16 }),
});

type WireClaims = c.Checked<typeof wireClaims>;

/** The claims in their wire form (short keys), ready to be serialised. */
export function claimsToWire(claims: SessionClaims): WireClaims {
  return {
    v: 1,
    sub: claims.userId,
    pur: claims.purpose,
    docs: claims.documents.map((d) => ({
      id: d.docId,
      h: d.digest,
      ...(d.name === undefined ? {} : { n: d.name }),
      ...(d.fileType === undefined ? {} : { t: d.fileType }),
    })),
    ...(claims.description === undefined ? {} : { desc: claims.description }),
    ...(claims.serialNumber === undefined ? {} : { ser: claims.serialNumber }),
    org: claims.origins,
    iat: claims.issuedAt,
    exp: claims.expiresAt,
    jti: claims.tokenId,
  };
}

/** A token split into its parts: the claims, the text the MAC covers, and the MAC. */
export interface DecodedSessionToken {
  /** The claims, not yet authenticated. */
  claims: SessionClaims;
  /** `sct1.<claims>`: the bytes the HMAC is computed over. */
  signedPart: string;
  /** The HMAC-SHA256, raw bytes. */
  mac: Uint8Array;
}

/**
 * Splits and parses a session token WITHOUT checking its MAC. The relay authenticates it with its
 * secret; the widget only reads the claims to show document names and to key what it keeps across a
 * reload. Returns `undefined` when the text is not a well-formed token.
 */
export function decodeSessionToken(token: string): DecodedSessionToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== SESSION_TOKEN_PREFIX) return undefined;
  const [, payload = '', macText = ''] = parts;
  const json = base64ToBytes(payload);
  const mac = base64ToBytes(macText);
  // One spelling only: base64ToBytes also reads padding, '+/' and whitespace, so without this check
  // `…Q=` and `…Q` would both pass for the same MAC, and a token would have many accepted forms (a
  // cache or a replay list keyed on the text would miss them). The claims need no such check: the
  // MAC covers their text as sent.
  if (!json || !mac || mac.length !== 32 || bytesToBase64Url(mac) !== macText) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return undefined;
  }
  const result = wireClaims.safeParse(parsed);
  if (!result.success) return undefined;
  const w = result.data;
  // A signing token without documents would sign nothing; a purchase token with some is not ours.
  if ((w.pur === 'sign') !== w.docs.length > 0) return undefined;
  return {
    claims: {
      userId: w.sub,
      purpose: w.pur,
      description: w.desc,
      serialNumber: w.ser,
      origins: w.org,
      issuedAt: w.iat,
      expiresAt: w.exp,
      tokenId: w.jti,
      documents: w.docs.map((d) => ({ docId: d.id, digest: d.h, name: d.n, fileType: d.t })),
    },
    signedPart: `${SESSION_TOKEN_PREFIX}.${payload}`,
    mac,
  };
}

/**
 * What a signing transaction is bound to: the user, the purpose and the documents. Two tokens with
 * the same binding may follow the same transaction (a page reloaded and re-minted its token).
 */
export function sessionBinding(claims: SessionClaims): string {
  return JSON.stringify([
    claims.userId,
    claims.purpose,
    claims.serialNumber ?? null,
    claims.documents.map((d) => [d.docId, d.digest]),
  ]);
}
