// The relay contract both entries re-export: the server's `@smartca-kit/sdk/relay` and the browser's
// `@smartca-kit/sdk/relay-client`.
export {
  decodeSessionToken,
  MAX_SESSION_DOCUMENTS,
  SESSION_TOKEN_PREFIX,
  sessionBinding,
  type DecodedSessionToken,
  type SessionClaims,
  type SessionDocument,
  type SessionPurpose,
} from './session-claims.js';
export { RELAY_ERROR_CODES, RELAY_REQUEST_CODES, type RelayErrorBody, type RelayErrorCategory } from './error-body.js';
export {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  RELAY_ROUTES,
  relayPath,
  SESSION_HEADER,
  type DocumentDigest,
  type RelayDocument,
  type RelaySignature,
  type RelaySignedDocument,
  type RelaySignedResult,
  type RelayTransaction,
  type RelayTransactionStatus,
  type SignatureStatusBody,
  type StartSignatureBody,
} from './wire.js';
export {
  PURCHASE_ROUTES,
  RELAY_PAYMENT_METHODS,
  type CreateOrderBody,
  type RelayBalance,
  type RelayOrder,
  type RelayOrderStatus,
  type RelayPaymentMethod,
  type RelayTurnPack,
} from './purchase-wire.js';
