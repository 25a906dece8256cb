// The playground's world, all inside the reader's tab: the real sandbox (createSandbox, a Fetch
// handler with real X.509 and RSA), the real SDK client talking to it through that handler, and the
// real relay the widget calls. The widget's requests to ENDPOINT never reach the network: a wrapper
// around the page's fetch hands them to the relay. Only the network hop is simulated.
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { createSmartCA } from '@smartca-kit/sdk';
import { createRelay, createSessionToken, type Relay } from '@smartca-kit/sdk/relay';
import { ENDPOINT, TTL_SECONDS } from './constants';

// Minted and checked in this tab only; it guards nothing real.
const SECRET = 'docs-playground-session-secret-0123456789';

export interface PlaygroundWorld {
  sandbox: Sandbox;
  relay: Relay;
  /** A signing session for `userId` over one document (its SHA-256 digest). */
  signSession(userId: string, docName: string, text: string): Promise<string>;
  /** A turn-buying session for `userId`. */
  purchaseSession(userId: string): Promise<string>;
  /** Moves the sandbox's clock past the approval window: the pending request expires. */
  letExpire(): void;
}

let world: Promise<PlaygroundWorld> | undefined;

/** The one world of this tab (the sandbox's RSA keys take a second or two to generate). */
export function playgroundWorld(): Promise<PlaygroundWorld> {
  return (world ??= startWorld());
}

async function startWorld(): Promise<PlaygroundWorld> {
  // The sandbox's clock runs ahead when the reader lets a request expire; the browser's stays.
  let skewMs = 0;
  const sandbox = await createSandbox({ transactionTtlSeconds: TTL_SECONDS, now: () => Date.now() + skewMs });
  const client = createSmartCA({
    environment: 'http://sandbox.smartca.test', // a name only: requests go to sandbox.fetch
    credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
    gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' },
    trustedRoots: [sandbox.rootCertificatePem],
    approvalWindowMs: TTL_SECONDS * 1000,
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    // A relay belongs on a server; here the "server" is this page, holding sandbox credentials only.
    dangerouslyAllowBrowser: true,
  });
  const relay = createRelay({ client, sessionSecret: SECRET, allowedOrigins: [location.origin], basePath: ENDPOINT });
  routeRelayInPage(relay);
  return {
    sandbox,
    relay,
    signSession: async (userId, docName, text) =>
      createSessionToken({
        secret: SECRET,
        userId,
        origins: [location.origin],
        description: docName,
        documents: [{ docId: 'HS-PLAYGROUND-0001', name: docName, digest: await sha256(text) }],
      }),
    purchaseSession: (userId) =>
      createSessionToken({ secret: SECRET, userId, origins: [location.origin], purpose: 'purchase' }),
    letExpire: () => {
      skewMs += (TTL_SECONDS + 5) * 1000;
    },
  };
}

/** Wraps the page's fetch once: same-origin requests under ENDPOINT go to the relay, the rest pass. */
function routeRelayInPage(relay: Relay): void {
  const networkFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== location.origin || !url.pathname.startsWith(`${ENDPOINT}/`)) return networkFetch(request);
    return relay.fetch(withOrigin(request));
  };
}

/**
 * The relay refuses requests without `Origin`, which the browser adds only on the wire, and a page
 * cannot set it on a Request (a forbidden header). A standalone Headers may hold it, so the relay
 * gets a view of the request whose headers carry the origin the browser would have sent.
 */
function withOrigin(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('origin', location.origin);
  return new Proxy(request, {
    get(target, property) {
      if (property === 'headers') return headers;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
