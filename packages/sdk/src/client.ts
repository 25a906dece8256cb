import type { TrustAnchor } from './certificates/verify.js';
import {
  resolveEnvironment,
  type ResolvedEndpoints,
  type SmartCAEnvironment,
  type SurfacePaths,
} from './environment.js';
import { ConfigurationError } from './errors/configuration-error.js';
import { assertServerSide } from './internal/browser-guard.js';
import type { ClientContext } from './resources/client-context.js';
import { Transport } from './internal/transport.js';
import type { SmartCALogger } from './logger.js';
import { CommerceApi } from './protocol/commerce/api.js';
import { GatewayApi, type GatewayClientCredentials } from './protocol/gateway/api.js';
import { PdfHelperApi } from './protocol/pdf-helper/api.js';
import { Sp769Api, type Sp769Credentials } from './protocol/sp769/api.js';
import { CertificatesResource } from './resources/certificates.js';
import { GatewayResource } from './resources/gateway.js';
import { PackagesResource } from './resources/packages.js';
import { PaymentsResource } from './resources/payments.js';
import { PdfHelperResource } from './resources/pdf-helper.js';
import { RegistrationsResource } from './resources/registrations.js';
import { SignaturesResource } from './resources/signatures.js';
import { ThSignaturesResource } from './resources/th-signatures.js';
import { WebhooksResource } from './resources/webhooks.js';
import { TransactionRegistry } from './transaction/registry.js';
import { SharedTransactions } from './transaction/shared-transactions.js';
import { MemoryStore } from './store/memory-store.js';
import type { SmartCAStore } from './model/store.js';

/** Everything {@link createSmartCA} accepts. */
export interface SmartCAOptions {
  /** `'uat'` (rmgateway.vnptit.vn), `'production'` (gwsca.vnpt.vn), `'sandbox'` (127.0.0.1:8769) or a base URL. */
  environment: SmartCAEnvironment;
  /** SP769 partner credentials (`sp_id` / `sp_password`). Needed for certificates, signatures and TH. */
  credentials?: Sp769Credentials | undefined;
  /**
   * The OAuth2 client for the gateway (`client_id` / `client_secret`). Needed for `gateway`, and for
   * the commerce API (`packages`, `payments`, `registrations`), which takes a client-credentials token.
   */
  gateway?: GatewayClientCredentials | undefined;
  /**
   * Roots every signer certificate must chain to. Without them, chains are checked for consistency only
   * and results are not anchored: set the roots of the environment you use.
   */
  trustedRoots?: readonly TrustAnchor[] | undefined;
  /** The approval window: how long a user has to approve. Default 300 000 ms, as SmartCA. */
  approvalWindowMs?: number | undefined;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeout?: number | undefined;
  /** Retries for calls that are safe to retry. Default 2. */
  maxRetries?: number | undefined;
  /** A fetch implementation (tests, proxies, undici agents). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Receives redacted transport events. */
  logger?: SmartCALogger | undefined;
  /** Path prefixes below the base URL. */
  paths?: SurfacePaths | undefined;
  /**
   * Where pending-transaction state, its wake-up channel and the poll lease live. Default: a
   * {@link MemoryStore} (this process). Give every instance of a relay or a worker pool the same shared
   * store (`createRedisStore` from `@smartca-kit/sdk/store-redis`, `createPostgresStore` from
   * `@smartca-kit/sdk/store-postgres`) so that a webhook received by one wakes a wait held by another,
   * and one instance at a time polls SmartCA for a transaction. The client does not close it.
   */
  store?: SmartCAStore | undefined;
  /**
   * Allows a credentialed client in a browser. Anyone who opens DevTools then holds your partner secret:
   * use the relay instead unless you really mean it.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * A SmartCA client. Create it once per process with {@link createSmartCA}; it is safe to share.
 */
export class SmartCA {
  /** The base URLs in use. */
  readonly endpoints: ResolvedEndpoints;
  /** A user's certificates (SP769). */
  readonly certificates: CertificatesResource;
  /** Signing with approval in the SmartCA app (SP769 v1). */
  readonly signatures: SignaturesResource;
  /** "SmartCA TH": signing authorised by password + TOTP (SP769 v2). */
  readonly th: ThSignaturesResource;
  /** The OAuth2 gateway: user sessions, credentials with service packs, signhash. */
  readonly gateway: GatewayResource;
  /** SmartCA's callbacks: the SP769 webhook and the gateway `notifyUrl`. */
  readonly webhooks: WebhooksResource;
  /** Commerce (smartca-kit's extension): the package catalog, balances and usage. */
  readonly packages: PackagesResource;
  /** Commerce (smartca-kit's extension): orders paid on a hosted payment page. */
  readonly payments: PaymentsResource;
  /** Commerce (smartca-kit's extension): registering a personal certificate, step by step. */
  readonly registrations: RegistrationsResource;
  /** VNPT's PDF helper (`/rest/v2/signature/*`): VNPT builds the PAdES signature on its server. */
  readonly pdfHelper: PdfHelperResource;
  /** The store given as `store`, or this client's own {@link MemoryStore}. */
  readonly store: SmartCAStore;

  constructor(options: SmartCAOptions) {
    if (options.credentials || options.gateway) assertServerSide(options.dangerouslyAllowBrowser);
    this.endpoints = resolveEnvironment(options.environment, options.paths);
    const transport = new Transport({
      fetch: options.fetch,
      timeout: options.timeout ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      logger: options.logger,
    });
    this.store = options.store ?? new MemoryStore();
    let sp769: Sp769Api | undefined;
    let gateway: GatewayApi | undefined;
    let commerce: CommerceApi | undefined;
    let pdfHelper: PdfHelperApi | undefined;
    const ctx: ClientContext = {
      transport,
      endpoints: this.endpoints,
      trust: { trustedRoots: options.trustedRoots },
      approvalWindowMs: options.approvalWindowMs ?? 300_000,
      registry: new TransactionRegistry(),
      shared: new SharedTransactions(this.store, options.logger),
      sp769: () =>
        (sp769 ??= new Sp769Api(transport, this.endpoints.sp769, () =>
          required(options.credentials, 'credentials', 'SP769 (certificates, signatures, th)'),
        )),
      gateway: () =>
        (gateway ??= new GatewayApi(transport, this.endpoints.gateway, () =>
          required(options.gateway, 'gateway', 'the OAuth2 gateway'),
        )),
      pdfHelper: () =>
        (pdfHelper ??= new PdfHelperApi(transport, this.endpoints.pdfHelper, () =>
          required(options.credentials, 'credentials', "VNPT's PDF helper (pdfHelper)"),
        )),
      commerce: () =>
        (commerce ??= new CommerceApi(transport, this.endpoints.commerce, `${this.endpoints.gateway}/auth/token`, () =>
          required(options.gateway, 'gateway', 'the commerce API (packages, payments, registrations)'),
        )),
    };
    this.certificates = new CertificatesResource(ctx);
    this.signatures = new SignaturesResource(ctx, this.certificates);
    this.th = new ThSignaturesResource(ctx, this.certificates);
    this.gateway = new GatewayResource(ctx);
    this.webhooks = new WebhooksResource(ctx, () => options.credentials?.spId);
    this.packages = new PackagesResource(ctx);
    this.payments = new PaymentsResource(ctx);
    this.registrations = new RegistrationsResource(ctx, this.certificates, this.signatures);
    this.pdfHelper = new PdfHelperResource(ctx, this.certificates, this.signatures);
  }
}

/**
 * Creates a SmartCA client.
 *
 * @example
 * ```ts
 * import { createSmartCA } from '@smartca-kit/sdk';
 *
 * const smartca = createSmartCA({
 *   environment: 'uat',
 *   credentials: { spId: process.env.SMARTCA_SP_ID!, spPassword: process.env.SMARTCA_SP_PASSWORD! },
 * });
 * ```
 */
export function createSmartCA(options: SmartCAOptions): SmartCA {
  return new SmartCA(options);
}

function required<T>(value: T | undefined, option: string, surface: string): T {
  if (value) return value;
  throw new ConfigurationError({
    code: 'MISSING_CREDENTIALS',
    message: {
      vi: `Chưa cấu hình "${option}" nên không gọi được ${surface}.`,
      en: `"${option}" is not configured, so ${surface} cannot be called.`,
    },
  });
}
