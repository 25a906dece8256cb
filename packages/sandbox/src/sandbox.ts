import { Engine } from './engine/engine.js';
import { WebhookSender, type WebhookDelivery } from './engine/webhooks.js';
import { registerAdminRoutes, summary, type SandboxSummary } from './admin/routes.js';
import { registerCscRoutes } from './gateway/csc-routes.js';
import { registerOAuthRoutes } from './gateway/oauth-routes.js';
import { TokenStore } from './gateway/tokens.js';
import { DEFAULT_FRAME_ANCESTORS } from './http/loopback-guard.js';
import { handle } from './http/pipeline.js';
import { Router, type RouteSummary } from './http/router.js';
import { GroupCommit } from './state/group-commit.js';
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
import { EventOutbox } from './commerce/event-outbox.js';
import { registerPayRoutes } from './commerce/pay-routes.js';
import { Refusal } from './commerce/refusal.js';
import { registerCommerceRoutes } from './commerce/routes.js';
import { commerceOf, type NotificationRecord, type RegistrationRecord } from './commerce/state.js';
import type { SandboxOptions } from './options.js';
import { pointCertificatesAt } from './pki/public-origin.js';
import { DEFAULT_PUBLIC_ORIGIN, trustUrls } from './pki/trust-urls.js';
import { registerTrustServiceRoutes } from './trust-services/routes.js';

export type { SandboxOptions } from './options.js';

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
    const seed = options.freshKeys
      ? createSeedState(now).then((s) => JSON.stringify(s))
      : (seedCache ??= createSeedState(now).then((s) => JSON.stringify(s)));
    state = JSON.parse(await seed) as SandboxState;
  }
  const sandbox = new Sandbox(state, options);
  await sandbox.usePublicOrigin(options.publicOrigin ?? state.authority.origin ?? DEFAULT_PUBLIC_ORIGIN);
  await sandbox.renewSeedCertificates();
  // The state is written once at start: a new file gets its keys, an old one the current format.
  await sandbox.flush();
  return sandbox;
}

/** A running sandbox: the fetch handler plus the controls tests and the CLI use. */
export class Sandbox {
  /** Serves one request. Never throws: failures become SmartCA-shaped 500s. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly #options: SandboxOptions;
  readonly #webhooks: WebhookSender;
  #initial: string;
  readonly #commit: GroupCommit | undefined;
  #engine!: Engine;
  #commerce!: Commerce;
  #outbox!: EventOutbox;
  #router!: Router;
  #renewal!: SeedRenewal;

  constructor(state: SandboxState, options: SandboxOptions = {}) {
    this.#options = options;
    this.#initial = JSON.stringify(state);
    const persist = options.persist;
    this.#commit = persist ? new GroupCommit(() => JSON.stringify(this.state, null, 2), persist) : undefined;
    this.#webhooks = new WebhookSender(options.fetch, () => this.flush());
    this.#build(state);
    const deps = {
      router: () => this.#router,
      options,
      commit: this.#commit,
      changed: () => this.#changed(),
      flush: () => this.flush(),
      renew: () => this.renewSeedCertificates(),
    };
    this.fetch = (request) => handle(deps, request);
  }

  /** The live state (mutations are not persisted unless made through the API). */
  get state(): SandboxState {
    return this.#engine.state;
  }

  /** The root CA certificate, PEM: pass it to the SDK as `trustedRoots`. */
  get rootCertificatePem(): string {
    return pemOf(this.state.authority.root.certDer);
  }

  /** The TSA's certificate, PEM: what a timestamp token's signer must be. */
  get tsaCertificatePem(): string {
    const tsa = this.state.authority.tsa;
    if (!tsa) throw new Error('the sandbox has no TSA certificate yet');
    return pemOf(tsa.certDer);
  }

  /**
   * The URLs of the sandbox's trust services (TSA, OCSP, CRLs, CA certificates) at the origin its
   * certificates point at.
   */
  get trustServiceUrls(): ReturnType<typeof trustUrls> {
    return trustUrls(this.state.authority.origin ?? DEFAULT_PUBLIC_ORIGIN);
  }

  /**
   * Points every certificate's OCSP, CA-issuer and CRL URLs at `origin` (re-signing them in place
   * when they named another), and keeps a reset doing the same. `startSandboxServer` calls it once it
   * listens, with its URL; an in-process sandbox points at `publicOrigin`, or `http://127.0.0.1:8769`.
   */
  async usePublicOrigin(origin: string): Promise<void> {
    const now = this.#engine.now();
    if (await pointCertificatesAt(this.state, origin, now)) this.#changed();
    const initial = JSON.parse(this.#initial) as SandboxState;
    if (await pointCertificatesAt(initial, origin, now)) this.#initial = JSON.stringify(initial);
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
    this.#changed();
  }

  /**
   * Resolves when every change so far is stored by the `persist` hook (at once without one); rejects
   * when the write fails. Every answer that follows a change waits for this.
   */
  flush(): Promise<void> {
    return this.#commit?.durable() ?? Promise.resolve();
  }

  /** Every route the handler serves, as method and path template (`:name` segments): for docs and fuzzers. */
  routes(): RouteSummary[] {
    return this.#router.list();
  }

  /** The transaction with this partner id or VNPT id. */
  transaction(id: string): TransactionRecord | undefined {
    return this.#engine.transaction(id);
  }

  /** Approves in the virtual phone; resolves once the signature is stored. */
  async approve(id: string): Promise<TransactionRecord> {
    const done = await this.#engine.approve(this.#require(id));
    await this.flush();
    return done;
  }

  /** Rejects in the virtual phone. */
  reject(id: string): TransactionRecord {
    return this.#engine.reject(this.#require(id));
  }

  /** Notifications outbox messages (SMS, email, app) matching every given filter. */
  outbox(
    filter: Partial<Record<'to' | 'userId' | 'registrationId' | 'orderId' | 'kind' | 'channel', string>> = {},
  ): NotificationRecord[] {
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
    this.#changed();
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
    if (await this.#renewal.keepCurrent(this.#engine.now())) this.#changed();
  }

  /** Stops timers. The handler keeps answering, but nothing expires, auto-approves or retries any more. */
  close(): void {
    this.#engine.close();
    this.#commerce.close();
    this.#outbox.close();
  }

  /** Every change goes through here: reported to `onChange`, and written by the `persist` hook. */
  #changed(): void {
    this.#options.onChange?.(this.#engine.state);
    this.#commit?.changed();
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
    this.#outbox?.close();
    const options = this.#options;
    for (const [spId, url] of Object.entries(options.webhookUrls ?? {})) {
      const partner = state.partners.find((p) => p.spId === spId);
      if (partner) partner.webhookUrl = url;
    }
    const history = {
      maxAgeMs: (options.historyRetentionSeconds ?? 86_400) * 1000,
      maxCount: options.maxHistoryRecords ?? 10_000,
    };
    this.#engine = new Engine(
      state,
      {
        transactionTtlMs: (options.transactionTtlSeconds ?? 300) * 1000,
        autoApproveMs: options.autoApproveMs,
        settledTransactions: history,
        now: options.now ?? Date.now,
      },
      this.#webhooks,
      () => this.#changed(),
    );
    for (const [spId, url] of Object.entries(options.commerceWebhookUrls ?? {})) {
      const partner = state.partners.find((p) => p.spId === spId);
      if (partner) partner.commerceWebhookUrl = url;
    }
    const engine = this.#engine;
    this.#outbox = new EventOutbox(this.#webhooks, {
      entries: (commerceOf(state).pendingEvents ??= []),
      secretsOf: (spId) => engine.partner(spId)?.webhookSecrets ?? [],
      durable: () => this.flush(),
      changed: () => this.#changed(),
      retry: { baseDelayMs: options.webhookRetryBaseMs ?? 1000, maxAttempts: options.webhookMaxAttempts ?? 10 },
    });
    const commerce = new Commerce(
      this.#engine,
      {
        orderTtlMs: (options.orderTtlSeconds ?? 900) * 1000,
        registrationApprovalMs: options.registrationApprovalMs,
        history,
      },
      this.#outbox,
      () => this.#changed(),
    );
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
    registerPhoneRoutes(router, this.#engine, options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS);
    registerCommerceRoutes(router, commerce, tokens, onAppraisal);
    registerPayRoutes(router, commerce);
    registerCommerceAdminRoutes(router, commerce);
    registerTrustServiceRoutes(router, this.#engine);
    registerAdminRoutes(router, this.#engine, this.#webhooks, () =>
      this.#build(JSON.parse(this.#initial) as SandboxState),
    );
    this.#router = router;
    this.#renewal = new SeedRenewal(state);
    // Deliveries a restart (or a reset) found in the state pick up where they stood.
    this.#outbox.resume();
  }
}
