import { Engine } from './engine/engine.js';
import { WebhookSender, type WebhookDelivery } from './engine/webhooks.js';
import { registerAdminRoutes, summary, type SandboxSummary } from './admin/routes.js';
import { registerCscRoutes } from './gateway/csc-routes.js';
import { registerOAuthRoutes } from './gateway/oauth-routes.js';
import { TokenStore } from './gateway/tokens.js';
import { gateway, json, sp769Error } from './http/reply.js';
import { Router } from './http/router.js';
import { registerPhoneRoutes } from './phone/routes.js';
import { createSeedState } from './seed.js';
import { SeedRenewal } from './seed-renewal.js';
import { registerSp769Routes } from './sp769/routes.js';
import { registerPdfHelperRoutes } from './pdf-helper/routes.js';
import type { SandboxState, TransactionRecord } from './state/types.js';
import { pemOf } from './pki/encoding.js';
import { registerCommerceAdminRoutes, outbox } from './commerce/admin-routes.js';
import { approveRegistration, rejectRegistration } from './commerce/approval.js';
import { Commerce } from './commerce/commerce.js';
import { registerPayRoutes } from './commerce/pay-routes.js';
import { Refusal } from './commerce/refusal.js';
import { registerCommerceRoutes } from './commerce/routes.js';
import type { NotificationRecord, RegistrationRecord } from './commerce/state.js';

/** Everything {@link createSandbox} accepts. */
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
  /** The sandbox's clock, epoch ms. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Called after every change of state, to persist it. */
  onChange?: ((state: SandboxState) => void) | undefined;
}

let seedCache: Promise<string> | undefined;

/**
 * Creates a sandbox. Its `fetch` handler, `(Request) => Promise<Response>`, serves SmartCA's wire
 * contracts on VNPT's paths; run it behind Node's HTTP server (`@smartca-kit/sandbox/node`), inside msw,
 * or anywhere that speaks Fetch.
 *
 * @example
 * ```ts
 * const sandbox = await createSandbox({ autoApproveMs: 500 });
 * const response = await sandbox.fetch(new Request('http://sandbox.test/_sandbox'));
 * ```
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let state = options.state;
  if (!state) {
    // Key generation dominates start-up (RSA-2048 × 8); a process reuses one seed and copies it. The
    // copy's certificates are then renewed to this sandbox's clock if they do not fit it.
    const now = (options.now ?? Date.now)();
    const seed = options.freshKeys ? createSeedState(now).then((s) => JSON.stringify(s))
      : (seedCache ??= createSeedState(now).then((s) => JSON.stringify(s)));
    state = JSON.parse(await seed) as SandboxState;
  }
  const sandbox = new Sandbox(state, options);
  await sandbox.renewSeedCertificates();
  return sandbox;
}

/** A running sandbox: the fetch handler plus the controls tests and the CLI use. */
export class Sandbox {
  /** Serves one request. Never throws: failures become SmartCA-shaped 500s. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly #options: SandboxOptions;
  readonly #webhooks: WebhookSender;
  readonly #initial: string;
  #engine!: Engine;
  #commerce!: Commerce;
  #router!: Router;
  #renewal!: SeedRenewal;

  constructor(state: SandboxState, options: SandboxOptions = {}) {
    this.#options = options;
    this.#initial = JSON.stringify(state);
    this.#webhooks = new WebhookSender(options.fetch);
    this.#build(state);
    this.fetch = (request) => this.#handle(request);
  }

  /** The live state (mutations are not persisted unless made through the API). */
  get state(): SandboxState {
    return this.#engine.state;
  }

  /** The root CA certificate, PEM: pass it to the SDK as `trustedRoots`. */
  get rootCertificatePem(): string {
    return pemOf(this.state.authority.root.certDer);
  }

  /** Partners and users with their certificates and turns, as `GET /_sandbox` shows them. */
  describe(): SandboxSummary {
    return summary(this.#engine);
  }

  /** Every webhook delivery so far. */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.#webhooks.log;
  }

  /** Registers (or clears) a partner's SP769 webhook URL. */
  setWebhookUrl(spId: string, url: string | undefined): void {
    const partner = this.#engine.partner(spId);
    if (!partner) throw new Error(`no partner ${spId}`);
    partner.webhookUrl = url;
  }

  /** The transaction with this partner id or VNPT id. */
  transaction(id: string): TransactionRecord | undefined {
    return this.#engine.transaction(id);
  }

  /** Approves in the virtual phone. */
  approve(id: string): Promise<TransactionRecord> {
    const tx = this.#require(id);
    return this.#engine.approve(tx);
  }

  /** Rejects in the virtual phone. */
  reject(id: string): TransactionRecord {
    return this.#engine.reject(this.#require(id));
  }

  /** Notifications outbox messages (SMS, email, app) matching every given filter. */
  outbox(filter: Partial<Record<'to' | 'userId' | 'registrationId' | 'orderId' | 'kind' | 'channel', string>> = {}):
  NotificationRecord[] {
    return outbox(this.#commerce, filter);
  }

  /** Plays VNPT-CA approving a registration dossier: issues the certificate (state 7). */
  async approveRegistration(registrationId: string): Promise<void> {
    const outcome = await approveRegistration(this.#commerce, this.#registration(registrationId));
    if (outcome instanceof Refusal) throw new Error(outcome.messages.en);
  }

  /** Plays VNPT-CA refusing a registration dossier, with the reason the user is told. */
  rejectRegistration(registrationId: string, reason: string): void {
    const outcome = rejectRegistration(this.#commerce, this.#registration(registrationId), reason);
    if (outcome instanceof Refusal) throw new Error(outcome.messages.en);
  }

  /** Registers (or clears) where a partner's commerce events go, and optionally its secrets. */
  setCommerceWebhook(spId: string, url: string | undefined, secrets?: string[]): void {
    const partner = this.#engine.partner(spId);
    if (!partner) throw new Error(`no partner ${spId}`);
    partner.commerceWebhookUrl = url;
    if (secrets) partner.webhookSecrets = secrets;
  }

  /** Resolves when no webhook delivery is under way. */
  idle(): Promise<void> {
    return this.#webhooks.idle();
  }

  /**
   * Renews the seeded users' certificates that no longer fit the sandbox's clock (see the sandbox
   * guide, "Time"). The handler does this before every request; {@link createSandbox} once at start.
   */
  async renewSeedCertificates(): Promise<void> {
    if (await this.#renewal.keepCurrent(this.#engine.now())) this.#options.onChange?.(this.#engine.state);
  }

  /** Stops timers. The handler keeps answering, but nothing expires or auto-approves any more. */
  close(): void {
    this.#engine.close();
    this.#commerce.close();
    this.#webhooks.close();
  }

  #registration(id: string): RegistrationRecord {
    const found = this.#commerce.state.registrations.find((r) => r.registrationId === id);
    if (!found) throw new Error(`no registration ${id}`);
    return found;
  }

  #require(id: string): TransactionRecord {
    const tx = this.#engine.transaction(id);
    if (!tx) throw new Error(`no transaction ${id}`);
    return tx;
  }

  #build(state: SandboxState): void {
    this.#engine?.close();
    this.#commerce?.close();
    const options = this.#options;
    for (const [spId, url] of Object.entries(options.webhookUrls ?? {})) {
      const partner = state.partners.find((p) => p.spId === spId);
      if (partner) partner.webhookUrl = url;
    }
    const history = { maxAgeMs: (options.historyRetentionSeconds ?? 86_400) * 1000,
      maxCount: options.maxHistoryRecords ?? 10_000 };
    this.#engine = new Engine(state, {
      transactionTtlMs: (options.transactionTtlSeconds ?? 300) * 1000,
      autoApproveMs: options.autoApproveMs,
      settledTransactions: history,
      now: options.now ?? Date.now,
    }, this.#webhooks, () => options.onChange?.(this.#engine.state));
    for (const [spId, url] of Object.entries(options.commerceWebhookUrls ?? {})) {
      const partner = state.partners.find((p) => p.spId === spId);
      if (partner) partner.commerceWebhookUrl = url;
    }
    const commerce = new Commerce(this.#engine, {
      orderTtlMs: (options.orderTtlSeconds ?? 900) * 1000,
      registrationApprovalMs: options.registrationApprovalMs,
      webhookRetry: { baseDelayMs: options.webhookRetryBaseMs ?? 1000, maxAttempts: options.webhookMaxAttempts ?? 10 },
      history,
    }, this.#webhooks, () => options.onChange?.(this.#engine.state));
    for (const [code, price] of Object.entries(options.prices ?? {})) {
      const pricing = commerce.state.pricing.find((p) => p.pricingCode === code);
      if (pricing) pricing.price = price;
    }
    this.#commerce = commerce;
    // A dossier in appraisal is approved after the configured delay, as VNPT-CA would after its checks.
    const onAppraisal = (r: RegistrationRecord) => {
      const delay = commerce.settings.registrationApprovalMs;
      if (delay !== undefined) commerce.after(delay, () => void approveRegistration(commerce, r));
    };
    for (const r of commerce.state.registrations) if (r.status === 'IN_APPRAISAL') onAppraisal(r);
    const tokens = new TokenStore(this.#engine, (options.accessTokenTtlSeconds ?? 3600) * 1000);
    const router = new Router();
    registerSp769Routes(router, this.#engine);
    registerOAuthRoutes(router, this.#engine, tokens);
    registerCscRoutes(router, this.#engine, tokens);
    registerPdfHelperRoutes(router, this.#engine);
    registerPhoneRoutes(router, this.#engine);
    registerCommerceRoutes(router, commerce, tokens, onAppraisal);
    registerPayRoutes(router, commerce);
    registerCommerceAdminRoutes(router, commerce);
    registerAdminRoutes(router, this.#engine, this.#webhooks, () => this.#build(JSON.parse(this.#initial) as SandboxState));
    this.#router = router;
    this.#renewal = new SeedRenewal(state);
  }

  async #handle(request: Request): Promise<Response> {
    const requestId = globalThis.crypto.randomUUID();
    const url = new URL(request.url);
    let response: Response;
    try {
      await this.renewSeedCertificates();
      const match = this.#router.match(request.method, url.pathname);
      if ('handler' in match) {
        response = await match.handler({ request, url, params: match.params });
        if (match.mutates) this.#options.onChange?.(this.#engine.state);
      } else if (match.allowed.length > 0) {
        response = json({ error: `method ${request.method} not allowed` }, 405, { allow: match.allowed.join(', ') });
      } else {
        response = notFound(url.pathname);
      }
    } catch (error) {
      response = internalError(url.pathname, error);
    }
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

function notFound(path: string): Response {
  if (path.startsWith('/sca/sp769/')) return sp769Error(400, `unknown SP769 endpoint ${path}`);
  if (/^\/(?:vi\/|en\/)?csc\//.test(path) || path.startsWith('/commerce/')) {
    return gateway(30000, 'CLIENT_INPUT_INVALID', `unknown endpoint ${path}`, null, 404);
  }
  return json({ error: `not found: ${path}` }, 404);
}

function internalError(path: string, error: unknown): Response {
  const detail = error instanceof Error ? error.message : String(error);
  if (path.startsWith('/sca/sp769/')) return sp769Error(500, detail);
  if (/^\/(?:vi\/|en\/)?csc\//.test(path) || path.startsWith('/commerce/')) {
    return gateway(50000, 'SERVAR_INTERNAL_ERROR', detail, null, 500);
  }
  return json({ error: 'internal error', detail }, 500);
}
