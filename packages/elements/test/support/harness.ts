// The widget tests' world: the real sandbox (createSandbox, its own fetch handler) behind the real
// relay (createRelay), both running in the test page, with msw's service worker routing the widget's
// requests to the relay. Nothing is mocked but the network hop.
import { http, type RequestHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { createSmartCA } from '@smartca-kit/sdk';
import { createRelay, createSessionToken, type Relay, type SessionDocumentInput } from '@smartca-kit/sdk/relay';

/** The relay's mount point on the test page's origin: `<smartca-sign endpoint="/relay">`. */
export const ENDPOINT = '/relay';
/** The relay's session secret. */
export const SECRET = 'widget-tests-session-secret-0123456789';
/** The seeded users (packages/sandbox/src/seed.ts); Dung's certificate has expired. */
export const USERS = { an: '001099000001', binh: '001199000002', cuong: '079088000003', dung: '048195000004' } as const;

/** A running sandbox and relay. */
export interface Harness {
  sandbox: Sandbox;
  relay: Relay;
  /** A session token for `userId` and one document, bound to this page's origin. */
  session(userId: string, doc?: Partial<SessionDocumentInput> & { text?: string }, origins?: string[]): Promise<string>;
  /** A `purchase` session token for `userId`, bound to this page's origin. */
  purchaseSession(userId: string): Promise<string>;
  /** Clicks approve, decline or abandon on the sandbox's hosted payment page; returns where it redirects. */
  pay(paymentUrl: string, action: 'approve' | 'decline' | 'abandon'): Promise<URL>;
  /** Approves the transaction in the virtual phone as soon as SmartCA has it. */
  approve(transactionId: string): Promise<void>;
  /** Rejects it in the virtual phone. */
  reject(transactionId: string): void;
  /** Puts extra msw handlers in front of the relay's, e.g. a hostile server on another path. */
  use(...handlers: RequestHandler[]): void;
}

let worker: SetupWorker | undefined;

/** Starts a sandbox and a relay for this page. `ttlSeconds` shortens the approval window (expiry tests). */
export async function startHarness(options: { ttlSeconds?: number; allowedOrigins?: string[] } = {}): Promise<Harness> {
  const ttl = options.ttlSeconds ?? 300;
  const sandbox = await createSandbox({ transactionTtlSeconds: ttl });
  const client = createSmartCA({
    environment: 'http://sandbox.smartca.test',
    credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
    // The commerce API (balance, catalog, orders) for the buy flow.
    gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' },
    trustedRoots: [sandbox.rootCertificatePem],
    approvalWindowMs: ttl * 1000,
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    // The relay normally runs on a server; here the "server" is this test page.
    dangerouslyAllowBrowser: true,
  });
  const relay = createRelay({
    client,
    sessionSecret: SECRET,
    allowedOrigins: options.allowedOrigins ?? [location.origin],
    basePath: ENDPOINT,
  });
  worker ??= setupWorker();
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  worker.resetHandlers(http.all(`${ENDPOINT}/*`, ({ request }) => relay.fetch(withPageOrigin(request))));
  return {
    sandbox,
    relay,
    session: async (userId, doc = {}, origins = [location.origin]) =>
      createSessionToken({
        secret: SECRET,
        userId,
        origins,
        description: 'Tờ khai đăng ký khai sinh',
        documents: [
          {
            docId: doc.docId ?? 'HS-2026-000123',
            name: doc.name ?? 'Tờ khai đăng ký khai sinh',
            digest: doc.digest ?? (await sha256(doc.text ?? 'Tờ khai đăng ký khai sinh')),
          },
        ],
      }),
    purchaseSession: (userId) =>
      createSessionToken({ secret: SECRET, userId, origins: [location.origin], purpose: 'purchase' }),
    pay: async (paymentUrl, action) => {
      const response = await sandbox.fetch(
        new Request(paymentUrl, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `action=${action}`,
        }),
      );
      return new URL(response.headers.get('location') ?? '');
    },
    approve: async (transactionId) => {
      await sandbox.approve(transactionId);
    },
    reject: (transactionId) => {
      sandbox.reject(transactionId);
    },
    use: (...handlers) => worker?.use(...handlers),
  };
}

/**
 * The browser adds `Origin` after the service worker has seen the request, so msw never sees it, and
 * a page cannot put it back on a `Request` (it is a forbidden header name). The relay refuses requests
 * without one, so hand it a view of the request that carries the header the network would have
 * added: the origin of the document that made the request, which the browser records as the
 * request's referrer. Everything else is the real request.
 */
function withPageOrigin(request: Request): Request {
  const headers = new Headers(request.headers); // a standalone Headers may hold Origin
  if (!headers.has('origin') && request.referrer) headers.set('origin', new URL(request.referrer).origin);
  return new Proxy(request, {
    get(target, property) {
      if (property === 'headers') return headers;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** SHA-256 of some text, as a portal hashes a document. */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
