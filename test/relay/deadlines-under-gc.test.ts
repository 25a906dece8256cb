import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RequestTimeoutError } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

// Node 20 keeps an AbortSignal.timeout() only weakly inside AbortSignal.any(), so a garbage collection
// can drop it and the deadline never fires (nodejs/node#57736). CI once saw a 4 s relay long poll wait
// 300 s, until the transaction expired. These deadlines must hold while the collector runs flat out.

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Runs `work` while collecting garbage every few milliseconds; returns its result and how long it took. */
async function underGc<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const pressure = setInterval(collect, 5);
  const started = Date.now();
  try {
    return { value: await work(), ms: Date.now() - started };
  } finally {
    clearInterval(pressure);
  }
}

describe('deadlines hold through garbage collections', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  let silent: Server;
  let silentUrl: string;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox));
    // Accepts requests and never answers them.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it(
    'a relay long poll of 2 s on a pending transaction answers "pending" after about 2 s',
    { timeout: 30_000 },
    async () => {
      const page = browserClient(
        relay,
        await relay.relay.createSession({
          userId: USERS.cuong,
          documents: [{ docId: 'GC-1', digest: digestOf('GC-1') }],
        }),
      );
      const tx = await page.startSignature();
      for (let round = 0; round < 3; round++) {
        const { value, ms } = await underGc(() => page.signatureStatus(tx.id, { waitSeconds: 2 }));
        assert.equal(value.status, 'pending');
        assert.ok(ms < 10_000, `round ${round}: held ${ms} ms for a 2 s wait`);
      }
    },
  );

  it(
    'an SDK request to a server that never answers fails with RequestTimeoutError at its timeout',
    { timeout: 30_000 },
    async () => {
      const client = clientFor(sandbox, 'sandbox-partner', { environment: silentUrl, timeout: 300, maxRetries: 0 });
      const { value, ms } = await underGc(() =>
        client.certificates.list({ userId: USERS.cuong }).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      assert.ok(value instanceof RequestTimeoutError, `got ${String(value)}`);
      assert.ok(ms < 10_000, `waited ${ms} ms for a 300 ms timeout`);
    },
  );
});
