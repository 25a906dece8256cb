import type { SmartCA } from '../../client.js';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { randomId } from '../../internal/ids.js';
import type { SessionClaims } from '../contract/session-claims.js';
import { SESSION_HEADER, type RelaySignedDocument, type RelaySignedResult } from '../contract/wire.js';
import { describeError } from './error-response.js';
import { LiveTransactions } from './live-transactions.js';
import { corsHeaders, normalizeOrigins, preflightHeaders } from './origins.js';
import { refuse } from './refusals.js';
import {
  assertDeclaredLength,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_BODY_TIMEOUT_MS,
  readBodyText,
} from './request-body.js';
import { json, matchRoute, type RelayRoute } from './route-kit.js';
import { createSessionToken, assertSecret, verifySessionToken, type SessionGrant } from './session-token.js';
import { purchaseRoutes } from './purchase-routes.js';
import { signatureRoutes } from './signature-routes.js';
import type { RelayOptions, RelaySessionParams, RelaySignedEvent } from './relay-options.js';

/**
 * The server half of the widget: a Fetch handler that keeps SmartCA's partner secrets on the server
 * and serves the browser only what a session token allows. Mount it with {@link toNodeListener},
 * {@link toExpressMiddleware}, or any runtime that speaks Fetch.
 */
export class Relay {
  /** Serves one request. Never throws: failures become JSON error responses. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly #secrets: readonly string[];
  readonly #origins: ReadonlySet<string>;
  readonly #basePath: string;
  readonly #now: () => number;
  readonly #routes: readonly RelayRoute[];
  readonly #bodyTimeoutMs: number;

  constructor(options: RelayOptions) {
    this.#secrets = typeof options.sessionSecret === 'string' ? [options.sessionSecret] : [...options.sessionSecret];
    if (this.#secrets.length === 0) throw noSecret();
    this.#secrets.forEach(assertSecret);
    this.#origins = new Set(normalizeOrigins(options.allowedOrigins));
    this.#basePath = (options.basePath ?? '').replace(/\/+$/, '');
    this.#now = options.now ?? Date.now;
    this.#bodyTimeoutMs = (options.bodyTimeoutSeconds ?? DEFAULT_BODY_TIMEOUT_MS / 1000) * 1000;
    const maxWaitMs = (options.maxWaitSeconds ?? 25) * 1000;
    const live = new LiveTransactions(options.client, this.#now);
    const store = options.store ?? options.client.store;
    if (store !== options.client.store) throw storeMismatch();
    this.#routes = [
      ...signatureRoutes({
        client: options.client,
        secrets: this.#secrets,
        live,
        store,
        maxWaitMs,
        onSigned: options.onSigned,
      }),
      ...purchaseRoutes({ client: options.client, store, maxWaitMs }),
    ];
    this.fetch = (request) => this.#handle(request);
  }

  /**
   * Mints a session token with the relay's current secret, for the portal backend to hand to
   * `<smartca-sign session="...">`. See {@link createSessionToken} for the format.
   */
  createSession(params: RelaySessionParams): Promise<string> {
    const origins = params.origins ? normalizeOrigins(params.origins) : [...this.#origins];
    const outside = origins.find((o) => !this.#origins.has(o));
    if (outside) {
      throw new ConfigurationError({
        code: 'INVALID_ORIGIN',
        message: {
          vi: `Origin ${outside} không nằm trong allowedOrigins của relay.`,
          en: `The origin ${outside} is not among the relay's allowedOrigins.`,
        },
      });
    }
    return createSessionToken({ ...params, origins, secret: this.#secrets[0] ?? '', now: this.#now() });
  }

  async #handle(request: Request): Promise<Response> {
    const requestId = randomId();
    const origin = request.headers.get('origin');
    let response: Response;
    try {
      response = await this.#route(request, origin, requestId);
    } catch (error) {
      const described = describeError(error, requestId);
      response = json({ error: described.body }, described.status);
    }
    const headers = new Headers(response.headers);
    headers.set('x-request-id', requestId);
    for (const [name, value] of Object.entries(corsHeaders(origin, this.#origins))) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  }

  async #route(request: Request, origin: string | null, requestId: string): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(`${this.#basePath}/`)) return notFound(requestId);
    const match = matchRoute(this.#routes, path.slice(this.#basePath.length));
    if (!match) return notFound(requestId);
    if (request.method === 'OPTIONS') {
      if (!origin || !this.#origins.has(origin)) throw refuse('ORIGIN_NOT_ALLOWED');
      return new Response(null, { status: 204, headers: preflightHeaders(origin) });
    }
    if (request.method !== 'POST') return methodNotAllowed(request.method, requestId);
    const maxBytes = match.route.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES;
    assertDeclaredLength(request, maxBytes);
    // The browser sets Origin and scripts cannot forge it: it is what ties a token to the portal's pages.
    if (!origin || !this.#origins.has(origin)) throw refuse('ORIGIN_NOT_ALLOWED');
    const header = request.headers.get(SESSION_HEADER) ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw refuse('TOKEN_MALFORMED');
    const claims = await verifySessionToken(token, { secrets: this.#secrets, now: this.#now() });
    if (!claims.origins.includes(origin)) throw refuse('ORIGIN_NOT_ALLOWED');
    if (!match.route.purposes.includes(claims.purpose)) throw refuse('PURPOSE_NOT_ALLOWED');
    // Read only once the request is authorised, and never more than the route's limit.
    const body = await readBodyText(request, { maxBytes, timeoutMs: this.#bodyTimeoutMs });
    return match.route.handle({ request, params: match.params, claims, requestId, body });
  }
}

/**
 * Creates the relay.
 *
 * @example
 * ```ts
 * import { createSmartCA } from '@smartca-kit/sdk';
 * import { createRelay, toNodeListener } from '@smartca-kit/sdk/relay';
 *
 * const relay = createRelay({
 *   client: createSmartCA({ environment: 'production', credentials }),
 *   sessionSecret: process.env.SMARTCA_SESSION_SECRET!,
 *   allowedOrigins: ['https://dichvucong.example.vn'],
 *   basePath: '/smartca',
 * });
 * const session = await relay.createSession({ userId, documents: [{ docId: 'HS-1', digest }] });
 * ```
 */
export function createRelay(options: RelayOptions): Relay {
  return new Relay(options);
}

function notFound(requestId: string): Response {
  return json(
    {
      error: {
        category: 'implementation',
        code: 'NOT_FOUND',
        recoverable: false,
        requestId,
        message: { vi: 'Không có chức năng này trên máy chủ ký số.', en: 'The signing relay has no such route.' },
      },
    },
    404,
  );
}

/** Every relay route is a POST (see RELAY_ROUTES): another method gets a typed 405, as every refusal does. */
function methodNotAllowed(method: string, requestId: string): Response {
  const response = json(
    {
      error: {
        category: 'implementation',
        code: 'METHOD_NOT_ALLOWED',
        recoverable: false,
        requestId,
        message: {
          vi: `Máy chủ ký số không nhận phương thức ${method}; hãy dùng POST.`,
          en: `The signing relay takes POST, not ${method}.`,
        },
      },
    },
    405,
  );
  response.headers.set('allow', 'POST, OPTIONS');
  return response;
}

function storeMismatch(): ConfigurationError {
  // One store carries a transaction's webhooks, results and lease (the client's) and its idempotency
  // records (the relay's): split over two, instances would agree on one and not the other.
  return new ConfigurationError({
    code: 'STORE_MISMATCH',
    message: {
      vi: 'Relay và SmartCA client phải dùng cùng một store: truyền cùng store cho createSmartCA và createRelay.',
      en: 'The relay and its SmartCA client must share one store: pass the same store to createSmartCA and createRelay.',
    },
  });
}

function noSecret(): ConfigurationError {
  return new ConfigurationError({
    code: 'WEAK_SESSION_SECRET',
    message: {
      vi: 'Cần ít nhất một khoá bí mật cho phiên ký.',
      en: 'At least one session secret is required.',
    },
  });
}
