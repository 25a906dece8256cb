import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import express from 'express';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { createRelay, toExpressMiddleware, toNodeListener } from '@smartca-kit/sdk/relay';
import { createRelayClient } from '@smartca-kit/sdk/relay-client';
import { PORTAL, SESSION_SECRET } from '../support/relay.js';
import { clientFor, digestOf, eventually, startSandbox, USERS } from '../support/sandbox.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('relay adapters: Node http and Express', () => {
  const closers: Array<() => unknown> = [];
  after(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('Express: mounted under /smartca behind express.json(), the relay starts a signature', async () => {
    const sandbox: SandboxServer = await startSandbox();
    closers.push(() => sandbox.close());
    const relay = createRelay({
      client: clientFor(sandbox),
      sessionSecret: SESSION_SECRET,
      allowedOrigins: [PORTAL],
      basePath: '/smartca',
    });
    const app = express();
    app.use(express.json());
    app.use('/smartca', toExpressMiddleware(relay.fetch));
    const server = createServer(app);
    const url = await listen(server);
    closers.push(() => new Promise((r) => server.close(r)));

    const session = await relay.createSession({
      userId: USERS.cuong,
      documents: [{ docId: 'HS-x', digest: digestOf('x') }],
    });
    const client = createRelayClient({
      endpoint: `${url}/smartca`,
      session,
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: PORTAL } }),
    });
    const tx = await client.startSignature({
      documents: [{ docId: 'HS-x', digest: Buffer.from(digestOf('x')).toString('base64url') }],
    });
    assert.equal(tx.status, 'pending');
    assert.equal(
      (await client.signatureStatus(tx.id, { waitSeconds: 0 })).id,
      tx.id,
      'the parsed body reached the relay',
    );
  });

  it('Node http: the request signal aborts when the browser disconnects (a held long poll stops)', async () => {
    let aborted = false;
    const server = createServer(
      toNodeListener(
        (request) =>
          new Promise<Response>((resolve) => {
            request.signal.addEventListener('abort', () => {
              aborted = true;
              resolve(new Response(null, { status: 499 }));
            });
          }),
      ),
    );
    const url = await listen(server);
    closers.push(() => new Promise((r) => server.close(r)));
    const gone = new AbortController();
    const call = fetch(url, { method: 'POST', body: '{}', signal: gone.signal }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    gone.abort();
    await call;
    await eventually(() => (aborted ? true : undefined));
  });
});
