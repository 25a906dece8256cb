// msw between the SDK and the in-process sandbox, to break the connection in chosen places. Call
// inside a `describe`: it registers the hooks that start and stop both.
import { after, afterEach, before } from 'node:test';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createSmartCA, type SmartCA, type SmartCAOptions } from '@smartca-kit/sdk';
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { SECRET } from './sandbox.js';

export const FAULT_BASE = 'http://smartca.test';

export interface FaultHarness {
  /** The in-process sandbox (set once the suite's `before` ran). */
  readonly sandbox: Sandbox;
  readonly mock: ReturnType<typeof setupServer>;
  /** How many calls reached `path` since the last test. */
  readonly attempts: Map<string, number>;
  /** Counts a call in {@link attempts}; returns the count for its path. */
  count(request: Request): number;
  /** A client of the seeded partner, through msw. */
  client(options?: Partial<SmartCAOptions>): SmartCA;
  /** The first `times` POSTs to `path` get `failure`; later ones reach the sandbox. */
  failFirst(path: string, times: number, failure: (request: Request) => Response | Promise<Response>): void;
  /** Everything not overridden goes straight to the sandbox. */
  passthrough(): void;
}

export function faultHarness(): FaultHarness {
  let sandbox: Sandbox | undefined;
  const mock = setupServer();
  const attempts = new Map<string, number>();
  const count = (request: Request): number => {
    const path = new URL(request.url).pathname;
    attempts.set(path, (attempts.get(path) ?? 0) + 1);
    return attempts.get(path) ?? 0;
  };
  const harness: FaultHarness = {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in the suite’s before hook');
      return sandbox;
    },
    mock,
    attempts,
    count,
    client: (options = {}) =>
      createSmartCA({
        environment: FAULT_BASE,
        credentials: { spId: 'sandbox-partner', spPassword: SECRET },
        gateway: { clientId: 'sandbox-partner', clientSecret: SECRET },
        trustedRoots: [harness.sandbox.rootCertificatePem],
        ...options,
      }),
    failFirst: (path, times, failure) => {
      mock.use(
        http.post(`${FAULT_BASE}${path}`, async ({ request }) =>
          count(request) <= times ? failure(request) : harness.sandbox.fetch(request),
        ),
      );
    },
    passthrough: () => {
      mock.use(http.all(`${FAULT_BASE}/*`, ({ request }) => harness.sandbox.fetch(request)));
    },
  };
  before(async () => {
    sandbox = await createSandbox();
    mock.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    mock.resetHandlers();
    attempts.clear();
  });
  after(() => {
    mock.close();
    sandbox?.close();
  });
  return harness;
}
