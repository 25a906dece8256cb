import type { SandboxState } from './state/types.js';

/** Everything `createSandbox` accepts. */
export interface SandboxOptions {
  /** Start from this state (e.g. loaded from `--data`). Default: the seeded partners and users. */
  state?: SandboxState | undefined;
  /** Generate a new CA and keys instead of reusing this process's seed (slower: ~1 s). */
  freshKeys?: boolean | undefined;
  /** Approval window in seconds. Default 300, as SmartCA. */
  transactionTtlSeconds?: number | undefined;
  /** Approve every app transaction after this many ms (tests, benchmarks). Default: wait for the phone. */
  autoApproveMs?: number | undefined;
  /**
   * How long finished records are kept, seconds: signed, rejected, expired or cancelled transactions
   * (after that a status call no longer knows them, and their `transaction_id` counts as new again),
   * settled turn-pack orders and outbox messages. Default 86 400 (a day).
   */
  historyRetentionSeconds?: number | undefined;
  /** At most this many finished records of each kind are kept, the oldest forgotten first. Default 10 000. */
  maxHistoryRecords?: number | undefined;
  /** Access-token lifetime in seconds. Default 3600, as VNPT. */
  accessTokenTtlSeconds?: number | undefined;
  /** SP769 webhook URLs per `sp_id`, as if registered with VNPT. */
  webhookUrls?: Record<string, string> | undefined;
  /** The fetch used to deliver webhooks. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Commerce: replace catalog prices (VND) by `pricingCode`, e.g. `{ LK10: 60000 }`. */
  prices?: Record<string, number> | undefined;
  /** Commerce: how long an unpaid order stays payable, seconds. Default 900. */
  orderTtlSeconds?: number | undefined;
  /** Commerce: approve every registration dossier this many ms after it reaches appraisal. Default: admin only. */
  registrationApprovalMs?: number | undefined;
  /** Commerce: where each partner's events go, by `sp_id`, as if registered with the sandbox. */
  commerceWebhookUrls?: Record<string, string> | undefined;
  /** Commerce: retry backoff of event deliveries: the first retry after this many ms, doubling. Default 1000. */
  webhookRetryBaseMs?: number | undefined;
  /** Commerce: attempts per event delivery, the first included. Default 10. */
  webhookMaxAttempts?: number | undefined;
  /**
   * The origin the certificates' OCSP, CA-issuer and CRL URLs name (`http://host:port`). Default: the
   * one the state already uses, else `http://127.0.0.1:8769`; `startSandboxServer` sets its own URL
   * once it listens unless this is given (a proxy's or a container's public name).
   */
  publicOrigin?: string | undefined;
  /** The sandbox's clock, epoch ms. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Called after every change of state. */
  onChange?: ((state: SandboxState) => void) | undefined;
  /**
   * Stores the state, given as JSON text (`startSandboxServer`'s `dataFile` writes it to a file). With
   * it, nothing is acknowledged before it is stored: an answer that follows a change waits for the
   * write that holds it, and webhooks and events go out only after it. Writes are coalesced (one at a
   * time; changes made meanwhile share the next). Without it the state lives in memory only.
   */
  persist?: ((snapshot: string) => Promise<void>) | undefined;
  /** How long a request body may take to arrive, ms: a slower one is refused with 408. Default 30 000. */
  bodyTimeoutMs?: number | undefined;
  /**
   * Host names the handler answers to besides loopback (`localhost`, `127.0.0.1`, `[::1]`): any other
   * `Host` is refused with 403, against DNS rebinding. Default: no check, as an in-process handler
   * (msw, a browser) is reached under whatever name its embedder routes; `startSandboxServer` always
   * checks, with its bound address added.
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Origins besides the sandbox's own from which a browser may change state through `/_sandbox`,
   * `/phone` and `/pay` (cross-site requests there are refused with 403). Default none.
   */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * Who may frame the virtual phone: CSP `frame-ancestors` sources. Default `'self'`,
   * `http://localhost:*` and `http://127.0.0.1:*` (the demo portal embeds it from another port).
   */
  frameAncestors?: readonly string[] | undefined;
}
