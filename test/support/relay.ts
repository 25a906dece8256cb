import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SmartCA } from '@smartca-kit/sdk';
import { createRelay, toNodeListener, type Relay, type RelayOptions } from '@smartca-kit/sdk/relay';
import { createRelayClient, type RelayClient } from '@smartca-kit/sdk/relay-client';

/** The portal origin the relay tests pretend to be. */
export const PORTAL = 'https://dichvucong.example.vn';
/** A session secret long enough for the relay. */
export const SESSION_SECRET = 'relay-test-secret-0123456789abcdef';

/** A relay on a free loopback port, in front of `client`. */
export interface RelayServer {
  url: string;
  relay: Relay;
  close(): Promise<void>;
}

/** Starts a relay behind Node's HTTP server. */
export async function startRelay(client: SmartCA, options: Partial<RelayOptions> = {}): Promise<RelayServer> {
  const relay = createRelay({
    client,
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PORTAL],
    basePath: '/smartca',
    ...options,
  });
  const server: Server = createServer(toNodeListener(relay.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/smartca`,
    relay,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A browser-side relay client whose requests carry `origin`, as a browser on that page would send. */
export function browserClient(relay: RelayServer, session: string, origin: string | null = PORTAL): RelayClient {
  return createRelayClient({
    endpoint: relay.url,
    session,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (origin) headers.set('origin', origin);
      return fetch(input, { ...init, headers });
    },
  });
}

/** A raw POST to the relay, for the cases a well-behaved client never produces. */
export function post(
  relay: RelayServer,
  path: string,
  init: { session?: string; origin?: string | null; body?: string; method?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.session) headers.authorization = `Bearer ${init.session}`;
  if (init.origin !== null) headers.origin = init.origin ?? PORTAL;
  return fetch(`${relay.url}${path}`, { method: init.method ?? 'POST', headers, body: init.body });
}
