import type { BilingualMessage } from '../../errors/smartca-error.js';

/**
 * What kind of failure the relay reports, so that a widget can react without parsing codes:
 * - `session`: the session token was refused (expired, wrong origin, other user or document). The
 *   portal must mint a new one.
 * - `turns`: the user has no signing turns left. The buy flow resolves it.
 * - `certificate`: the user's certificate cannot sign (expired, revoked, suspended, missing).
 * - `provider`: SmartCA failed or answered something the relay could not accept.
 * - `network`: the relay or SmartCA could not be reached. Retrying may help.
 * - `implementation`: the page or the relay is set up wrongly (missing attribute, bad request).
 */
export type RelayErrorCategory = 'session' | 'turns' | 'certificate' | 'provider' | 'network' | 'implementation';

/** The relay's error codes that clients are expected to branch on. Other codes pass through as text. */
export const RELAY_ERROR_CODES = {
  /** No signing turns left (VNPT gateway code 65000): open the buy flow, then start again. */
  OUT_OF_SIGNING_TURNS: 'OUT_OF_SIGNING_TURNS',
  /** The request carried no session token, or one that is not well formed. */
  TOKEN_MALFORMED: 'TOKEN_MALFORMED',
  /** The token's MAC does not match any of the relay's secrets. */
  TOKEN_SIGNATURE_INVALID: 'TOKEN_SIGNATURE_INVALID',
  /** The token's lifetime is over. */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** The request came from an origin that the relay or the token does not allow, or from none. */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** The token was minted for another purpose than the route serves. */
  PURPOSE_NOT_ALLOWED: 'PURPOSE_NOT_ALLOWED',
  /** The page asked to sign documents other than those the token is bound to. */
  DOCUMENT_MISMATCH: 'DOCUMENT_MISMATCH',
  /** The transaction belongs to another user or other documents than the token's. */
  TRANSACTION_NOT_IN_SESSION: 'TRANSACTION_NOT_IN_SESSION',
  /** The order belongs to another user than the token's. */
  ORDER_NOT_IN_SESSION: 'ORDER_NOT_IN_SESSION',
  /** The payment page would send the user back to a page outside the token's origins. */
  RETURN_URL_NOT_ALLOWED: 'RETURN_URL_NOT_ALLOWED',
} as const;

/**
 * The codes of requests the relay could not accept as sent (HTTP 400, 408 or 413, category
 * `implementation`, or `network` for 408): the page or the portal must change what it sends.
 */
export const RELAY_REQUEST_CODES = {
  /** The body is not JSON, not UTF-8, or does not have the route's shape; the message says where. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The body is over the route's byte limit (413). */
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** The body did not arrive within the relay's body timeout (408). Retrying may help. */
  BODY_TIMEOUT: 'BODY_TIMEOUT',
  /** The `Idempotency-Key` is not 8 to 64 of `A-Z a-z 0-9 _ -`. */
  IDEMPOTENCY_KEY_INVALID: 'IDEMPOTENCY_KEY_INVALID',
  /** The order's `pricingCode` is not a turn pack on sale: pick one from the catalog route. */
  PRICING_CODE_UNKNOWN: 'PRICING_CODE_UNKNOWN',
} as const;

/** The body of every relay error response: `{ "error": RelayErrorBody }`. */
export interface RelayErrorBody {
  /** What kind of failure this is. */
  category: RelayErrorCategory;
  /** A stable code: one of {@link RELAY_ERROR_CODES}, or the SDK error's code (VNPT's name). */
  code: string;
  /**
   * Text for the person using the page (a citizen), in Vietnamese and English: what happened and what
   * to do next. Render it as text, never as HTML.
   */
  message: BilingualMessage;
  /**
   * Text for the portal's developers, when it says more than {@link message} (which credentials were
   * refused, which field was malformed). For the console and logs; never show it to the person.
   */
  detail?: BilingualMessage | undefined;
  /** Whether trying again (possibly after buying turns or reconnecting) can succeed. */
  recoverable: boolean;
  /** The relay's request id, for support. */
  requestId?: string | undefined;
}
