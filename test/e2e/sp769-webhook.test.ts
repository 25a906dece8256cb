import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { InvalidInputError, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, randomDigest, startSandbox, USERS } from '../support/sandbox.js';

/** A partner backend that feeds SmartCA's webhook to the SDK, as the docs show. */
function partnerBackend(smartca: SmartCA, bodies: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
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

describe('SP769 webhook', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let backend: { server: Server; url: string };
  const bodies: string[] = [];
  const slowPolling = { initialMs: 60_000, maxMs: 60_000 };

  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
    backend = await partnerBackend(smartca, bodies);
    server.sandbox.setWebhookUrl('sandbox-partner', backend.url);
  });
  after(async () => {
    await server.close();
    backend.server.close();
  });

  it('the signed_files body completes wait() at once, verified, without waiting for a poll', async () => {
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'W-1', digest: randomDigest() }],
    });
    const started = Date.now();
    setTimeout(() => void server.sandbox.approve(tx.id), 50);
    const result = await tx.wait({ poll: slowPolling });
    assert.ok(Date.now() - started < 5_000, 'completed by the webhook, not the 60 s poll');
    assert.equal(result.signatures[0]!.docId, 'W-1');
    const body = JSON.parse(bodies.at(-1)!);
    assert.deepEqual(Object.keys(body).sort(), ['message', 'signed_files', 'sp_id', 'status_code', 'transaction_id']);
    assert.equal(body.sp_id, 'sandbox-partner');
    assert.equal(body.message, 'SUCCESS');
    assert.deepEqual(Object.keys(body.signed_files[0]).sort(), ['doc_id', 'signature_value', 'timestamp_signature']);
  });

  it('a forged "signed" webhook does not pass verification: it is discarded, and the real approval still signs', async () => {
    // See forged-webhooks.test.ts for the whole threat: a forgery must never settle or fail a transaction.
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'F-1', digest: randomDigest() }],
    });
    smartca.webhooks.receiveSp769({
      sp_id: 'sandbox-partner',
      status_code: 200,
      message: 'SUCCESS',
      transaction_id: tx.id,
      signed_files: [{ doc_id: 'F-1', signature_value: Buffer.alloc(256, 7).toString('base64') }],
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(tx.status, 'pending');
    setTimeout(() => void server.sandbox.approve(tx.id), 50);
    const result = await tx.wait({ poll: slowPolling });
    assert.equal(result.signatures[0]!.docId, 'F-1');
    assert.notDeepEqual(Buffer.from(result.signatures[0]!.signature), Buffer.alloc(256, 7));
  });

  it('a webhook for another sp_id is refused; a broken body is a typed error', () => {
    assert.throws(
      () => smartca.webhooks.receiveSp769({ sp_id: 'someone-else', status_code: 200, message: 'SUCCESS' }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'WEBHOOK_SP_MISMATCH',
    );
    assert.throws(
      () => smartca.webhooks.receiveSp769('{not json'),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'WEBHOOK_MALFORMED',
    );
  });

  it('a rejection webhook makes the transaction confirm by polling instead of trusting the body', async () => {
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'R-1', digest: randomDigest() }],
    });
    // Forged: the transaction is still pending at SmartCA, so the nudge's poll keeps it pending.
    const receipt = smartca.webhooks.receiveSp769({
      sp_id: 'sandbox-partner',
      status_code: 400,
      message: 'sig_user_rejected',
      transaction_id: tx.id,
    });
    assert.equal(receipt.matched, true);
    assert.equal(receipt.event.status, 'rejected');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(tx.status, 'pending');
    server.sandbox.reject(tx.id);
    await assert.rejects(tx.wait({ poll: slowPolling }), /rejected/);
  });
});
