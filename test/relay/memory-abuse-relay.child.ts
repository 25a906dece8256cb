// The process whose memory test/relay/memory-under-abuse.test.ts measures: a relay on the Node
// adapter in front of the parent's sandbox, nothing else. It samples its own RSS every 10 ms and
// reports over IPC. Run with --expose-gc so that the baseline is taken after a collection.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmartCA } from '@smartca-kit/sdk';
import { createRelay, toNodeListener } from '@smartca-kit/sdk/relay';

const { SANDBOX_URL = '', SANDBOX_ROOT = '', PORTAL = '' } = process.env;
const smartca = createSmartCA({
  environment: SANDBOX_URL,
  trustedRoots: [SANDBOX_ROOT],
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
});
const relay = createRelay({
  client: smartca,
  sessionSecret: 'memory-test-secret-0123456789abcdef',
  allowedOrigins: [PORTAL],
  basePath: '/smartca',
  bodyTimeoutSeconds: 2,
});
const server = createServer(toNodeListener(relay.fetch));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 10).unref();

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'baseline') {
    (globalThis as { gc?: () => void }).gc?.();
    peak = process.memoryUsage.rss();
    process.send!({ kind: 'baseline', rss: peak });
  } else if (message.kind === 'peak') {
    process.send!({ kind: 'peak', rss: Math.max(peak, process.memoryUsage.rss()) });
  } else if (message.kind === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

const session = await relay.createSession({
  userId: '079088000003',
  documents: [{ docId: 'MEM-1', digest: new Uint8Array(32).fill(7) }],
});
process.send!({ kind: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/smartca`, session });
