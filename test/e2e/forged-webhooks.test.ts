import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, eventually, randomDigest, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';

// SmartCA's webhooks (SP769's and the gateway's notifyUrl) carry no authentication: anyone who can
// reach the partner's endpoint can post one. The threat: a forged body for a pending transaction
// must never settle it or fail it. At most it makes the SDK poll SmartCA at once.

/** A partner endpoint that feeds every SP769 webhook it receives to the SDK, as the docs show. */
function webhookEndpoint(smartca: SmartCA): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        smartca.webhooks.receiveSp769(body);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/smartca/webhook` }),
    ),
  );
}

describe('forged SmartCA webhooks cannot settle or fail a live signature', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let endpoint: { server: Server; url: string };
  const statusCalls: string[] = [];
  // Polling alone would take a minute: whatever settles these transactions is a webhook or a nudge.
  const slowPolling = { initialMs: 60_000, maxMs: 60_000 };

  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server, 'sandbox-partner', {
      fetch: async (input, init) => {
        const url = new Request(input, init).url;
        if (/\/status$|gettraninfo$/.test(url)) statusCalls.push(url);
        return fetch(input, init);
      },
    });
    endpoint = await webhookEndpoint(smartca);
    server.sandbox.setWebhookUrl('sandbox-partner', endpoint.url);
  });
  after(async () => {
    await server.close();
    endpoint.server.close();
  });

  it('SP769: a forged SUCCESS with random signature bytes, then the real approval → wait() resolves with the real signature', async () => {
    const digest = randomDigest();
    const tx = await smartca.signatures.sign({ userId: USERS.cuong, documents: [{ docId: 'FW-1', digest }] });
    const waiting = tx.wait({ poll: slowPolling });
    const before = statusCalls.length;

    const receipt = smartca.webhooks.receiveSp769({
      sp_id: 'sandbox-partner',
      status_code: 200,
      message: 'SUCCESS',
      transaction_id: tx.id,
      signed_files: [
        { doc_id: 'FW-1', signature_value: randomBytes(256).toString('base64'), timestamp_signature: null },
      ],
    });
    assert.equal(receipt.matched, true);
    // Discarded, but not ignored: the SDK asks SmartCA at once (not after the 60 s schedule).
    await eventually(() => (statusCalls.length > before ? true : undefined), 2000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(tx.status, 'pending', 'the forgery settled nothing');

    await server.sandbox.approve(tx.id); // the user approves a moment later; SmartCA's real webhook follows
    const result = await waiting;
    assert.equal(result.status, 'signed');
    const [signed] = result.signatures;
    assert.equal(signed!.docId, 'FW-1');
    assert.ok(
      verifyWithNodeCrypto(tx.certificate.publicKeyInfo, digest, signed!.signature),
      'the signature the caller gets is the real one, checked by OpenSSL',
    );
  });

  it('SP769: a forged rejection or failure only makes the SDK poll; the real approval still signs', async () => {
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'FW-2', digest: randomDigest() }],
    });
    const waiting = tx.wait({ poll: slowPolling });
    for (const message of ['sig_user_rejected', 'sig_expired', 'FAILED']) {
      smartca.webhooks.receiveSp769({ sp_id: 'sandbox-partner', status_code: 400, message, transaction_id: tx.id });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(tx.status, 'pending');
    await server.sandbox.approve(tx.id);
    assert.equal((await waiting).status, 'signed');
  });

  it('gateway notifyUrl: forged "signed" and "rejected" notifications settle nothing; the real one signs', async () => {
    const session = await smartca.gateway.login({
      grant: 'password',
      username: USERS.cuong,
      password: 'sandbox-password',
    });
    const tx = await session.signHash({ documents: [{ docId: 'FW-3', digest: randomDigest() }] });
    const waiting = tx.wait({ poll: slowPolling });
    const before = statusCalls.length;
    for (const status of [1, 4002, 4004]) {
      smartca.webhooks.receiveGatewayNotify({ tranId: tx.providerId, refTranId: tx.id, status });
    }
    await eventually(() => (statusCalls.length > before ? true : undefined), 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(tx.status, 'pending', 'a notification body is never applied, only polled on');
    await server.sandbox.approve(tx.providerId!);
    smartca.webhooks.receiveGatewayNotify({ tranId: tx.providerId, refTranId: tx.id, status: 1 });
    assert.equal((await waiting).status, 'signed');
  });

  it('a flood of forged webhooks costs SmartCA about one status call a second, not one per webhook', async () => {
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'FW-4', digest: randomDigest() }],
    });
    const controller = new AbortController();
    const waiting = tx.wait({ poll: slowPolling, signal: controller.signal }).catch(() => undefined);
    const before = statusCalls.length;
    const started = Date.now();
    const flood = setInterval(
      () =>
        smartca.webhooks.receiveSp769({
          sp_id: 'sandbox-partner',
          status_code: 200,
          message: 'SUCCESS',
          transaction_id: tx.id,
          signed_files: [
            { doc_id: 'FW-4', signature_value: randomBytes(256).toString('base64'), timestamp_signature: null },
          ],
        }),
      10,
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));
    clearInterval(flood);
    const seconds = (Date.now() - started) / 1000;
    const calls = statusCalls.length - before;
    console.log(
      `forged-webhook flood: ${Math.round(seconds * 100)} webhooks in ${seconds.toFixed(1)} s → ${calls} status calls`,
    );
    assert.equal(tx.status, 'pending');
    assert.ok(calls <= seconds + 3, `${calls} status calls in ${seconds.toFixed(1)} s`);
    controller.abort();
    await waiting;
  });
});
