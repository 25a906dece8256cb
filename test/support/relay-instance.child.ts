// One relay instance, as a portal runs several behind a load balancer: its own process, its own
// SmartCA client, the shared store. Spawned by test/support/relay-instances.ts; configured by the JSON
// in SMARTCA_RELAY_INSTANCE; prints `READY <port>` once it listens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMemoryStore,
  createSmartCA,
  StoreError,
  verifyWebhook,
  WebhookSignatureError,
  type SmartCAStore,
} from '@smartca-kit/sdk';
import { createRelay, toNodeListener } from '@smartca-kit/sdk/relay';

/** What the parent passes. */
export interface InstanceConfig {
  sandboxUrl: string;
  rootPem: string;
  sessionSecret: string;
  origin: string;
  webhookSecret: string;
  /** `memory`: the process's own store, for one instance alone (bench/relay-throughput.mjs's floor). */
  store: { kind: 'redis'; url: string; prefix: string } | { kind: 'postgres'; url: string } | { kind: 'memory' };
}

const config = JSON.parse(process.env.SMARTCA_RELAY_INSTANCE ?? '{}') as InstanceConfig;

async function openStore(): Promise<SmartCAStore> {
  if (config.store.kind === 'memory') return createMemoryStore();
  if (config.store.kind === 'redis') {
    const { createRedisStore } = await import('@smartca-kit/sdk/store-redis');
    return createRedisStore({ url: config.store.url, prefix: config.store.prefix });
  }
  const { createPostgresStore } = await import('@smartca-kit/sdk/store-postgres');
  return createPostgresStore({ connectionString: config.store.url });
}

const store = await openStore();
const smartca = createSmartCA({
  environment: config.sandboxUrl,
  store,
  trustedRoots: [config.rootPem],
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' },
});
const relay = createRelay({
  client: smartca,
  store,
  sessionSecret: config.sessionSecret,
  allowedOrigins: [config.origin],
  basePath: '/smartca',
});
const relayListener = toNodeListener(relay.fetch);

const server = createServer((req, res) => {
  if (req.url === '/smartca/webhook' || req.url === '/events') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const handled =
        req.url === '/events'
          ? verifyWebhook(new Uint8Array(body), req.headers, { secrets: [config.webhookSecret], store }).then(
              () => undefined,
            )
          : // As docs/relay.md shows: hand SmartCA's webhook to the SDK, and answer once the other instances have it.
            smartca.webhooks.receiveSp769(body.toString('utf8')).forwarded;
      handled.then(
        () => res.writeHead(200).end('ok'),
        (error: unknown) => {
          const status = error instanceof StoreError ? 503 : 400;
          res
            .writeHead(status)
            .end(error instanceof WebhookSignatureError ? `refused: ${error.reason}` : String(error));
        },
      );
    });
    return;
  }
  relayListener(req, res);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void store.close().finally(() => process.exit(0));
});
