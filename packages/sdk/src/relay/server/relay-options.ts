import type { SmartCA } from '../../client.js';
import type { SessionClaims } from '../contract/session-claims.js';
import type { RelaySignedDocument, RelaySignedResult } from '../contract/wire.js';
import type { SessionGrant } from './session-token.js';
import type { SmartCAStore } from '../../model/store.js';

/** Everything {@link createRelay} accepts. */
export interface RelayOptions {
  /** A server-side SmartCA client holding the partner credentials. */
  client: SmartCA;
  /**
   * The HMAC secret of session tokens, at least 32 characters. Pass several to rotate: the first
   * mints, all verify. Every relay instance behind a load balancer uses the same list.
   */
  sessionSecret: string | readonly string[];
  /** The portal origins the widget may call from, e.g. `['https://dichvucong.example.vn']`. */
  allowedOrigins: readonly string[];
  /** Where the relay is mounted, e.g. `/smartca`. Default: the root. */
  basePath?: string | undefined;
  /** The longest a status call is held open, in seconds. Default 25 (under common 30 s proxy timeouts). */
  maxWaitSeconds?: number | undefined;
  /**
   * The longest a request body may take to arrive, in seconds; a slower one is refused with 408
   * `BODY_TIMEOUT`. Default 10. Bodies are also capped in bytes per route (413 `BODY_TOO_LARGE`, see
   * docs/relay.md); both are enforced while the body streams in. The time to send headers is the
   * server's business: keep Node's `headersTimeout` and `requestTimeout` on.
   */
  bodyTimeoutSeconds?: number | undefined;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Where the relay records `Idempotency-Key`s of starts and orders, so that a retry reaching any
   * instance, before or after a restart, gets the first answer. It must be the client's own store
   * (`createSmartCA({ store })`), which also carries webhooks and results between instances and the
   * poll lease: the default, and a different one is refused. Run several instances on a shared one
   * (`RedisStore`, `PostgresStore`); see docs/relay.md.
   */
  store?: SmartCAStore | undefined;
  /**
   * Called when a transaction is signed and every signature verified, before the page hears of it:
   * finish the documents (embed the signatures, e.g. `prepared.finish(signature)` of
   * `@smartca-kit/documents`) and return where the page downloads the result. It reaches the page as
   * `result.document` and in `smartca-sign-complete`. A page that asks again (after a reload) calls it
   * again: keep it idempotent.
   */
  onSigned?:
    | ((signed: RelaySignedEvent) => Promise<RelaySignedDocument | undefined> | RelaySignedDocument | undefined)
    | undefined;
}

/** What {@link RelayOptions.onSigned} receives. */
export interface RelaySignedEvent {
  /** The relay's transaction id. */
  transactionId: string;
  /** The session: the user and the documents signed. */
  claims: SessionClaims;
  /** The verified signatures (raw RSA, base64), the certificate and its chain. */
  result: RelaySignedResult;
}

/** What a portal may bind a session to. Origins default to every allowed origin of the relay. */
export interface RelaySessionParams extends SessionGrant {
  /** A subset of the relay's `allowedOrigins`. */
  origins?: readonly string[] | undefined;
}
