import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { RELAY_ERROR_CODES, RelayRequestError } from '@smartca-kit/sdk/relay-client';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, eventually, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';
import { X509Certificate } from 'node:crypto';

describe('relay: the signing routes, over loopback HTTP in front of the sandbox', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;

  before(async () => {
    sandbox = await startSandbox({ transactionTtlSeconds: 3 });
    relay = await startRelay(clientFor(sandbox, 'sandbox-partner', { approvalWindowMs: 3000 }));
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  const session = (userId: string, text: string, name?: string) =>
    relay.relay.createSession({
      userId,
      description: 'Tờ khai đăng ký khai sinh',
      documents: [{ docId: `HS-${text}`, digest: digestOf(text), name }],
    });

  it('start → the app shows the doc_id → approve → a held status call answers signed, verified signature', async () => {
    const client = browserClient(relay, await session(USERS.an, 'khai-sinh', 'Tờ khai khai sinh'));
    const tx = await client.startSignature();
    assert.equal(tx.status, 'pending');
    assert.deepEqual(tx.documents, [{ docId: 'HS-khai-sinh', name: 'Tờ khai khai sinh' }]);
    assert.ok(tx.expiresAt && Date.parse(tx.expiresAt) > Date.now());

    const phone = await (await fetch(`${sandbox.url}/phone/api/users/${USERS.an}/transactions`)).json();
    const shown = phone.find((t: { transactionId: string }) => t.transactionId === tx.id);
    assert.deepEqual(
      shown.documents.map((d: { docId: string }) => d.docId),
      ['HS-khai-sinh'],
    );
    assert.equal(shown.description, 'Tờ khai đăng ký khai sinh');

    const held = client.signatureStatus(tx.id, { waitSeconds: 20 });
    await sandbox.sandbox.approve(shown.tranId);
    const done = await held;
    assert.equal(done.status, 'signed');
    const [signed] = done.result!.signatures;
    assert.equal(signed!.docId, 'HS-khai-sinh');
    const certificate = new X509Certificate(Buffer.from(done.result!.certificate, 'base64'));
    const spki = new Uint8Array(certificate.publicKey.export({ format: 'der', type: 'spki' }));
    assert.ok(verifyWithNodeCrypto(spki, digestOf('khai-sinh'), Buffer.from(signed!.signature, 'base64')));
    assert.equal(done.result!.chain.length >= 1, true, 'the issuing chain travels with the certificate');
  });

  it('rejection in the app → status rejected', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'reject-me'));
    const tx = await client.startSignature();
    const held = client.signatureStatus(tx.id, { waitSeconds: 20 });
    sandbox.sandbox.reject(tx.id);
    assert.equal((await held).status, 'rejected');
  });

  it('nobody approves → status expired once the approval window ends', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'too-late'));
    const tx = await client.startSignature();
    let status = await client.signatureStatus(tx.id, { waitSeconds: 20 });
    while (status.status === 'pending') status = await client.signatureStatus(tx.id, { waitSeconds: 20 });
    assert.equal(status.status, 'expired');
  });

  it('a held status call returns pending when its wait ends with nothing new', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'still-waiting'));
    const tx = await client.startSignature();
    assert.equal((await client.signatureStatus(tx.id, { waitSeconds: 1 })).status, 'pending');
  });

  it('a user with no turns left → 402, category turns, code OUT_OF_SIGNING_TURNS (what the buy flow keys on)', async () => {
    const client = browserClient(relay, await session(USERS.binh, 'no-turns'));
    const error = await client.startSignature().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RelayRequestError);
    assert.equal(error.status, 402);
    assert.equal(error.category, 'turns');
    assert.equal(error.code, RELAY_ERROR_CODES.OUT_OF_SIGNING_TURNS);
    assert.equal(error.recoverable, true);
    assert.match(error.messages.vi, /lượt ký/);
  });

  it('an expired certificate → category certificate, not recoverable', async () => {
    const client = browserClient(relay, await session(USERS.dung, 'expired-cert'));
    const error = await client.startSignature().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RelayRequestError);
    assert.equal(error.category, 'certificate');
    assert.equal(error.recoverable, false);
  });

  it('cancel while pending → cancelled, and a status call held at that moment answers cancelled', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'cancel-me'));
    const tx = await client.startSignature();
    const held = client.signatureStatus(tx.id, { waitSeconds: 20 });
    await eventually(() => sandbox.sandbox.transaction(tx.id));
    const cancelled = await client.cancelSignature(tx.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await held).status, 'cancelled');
  });

  it('cancel after the user approved → reports signed, never "cancelled" for a signed document', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'approved-then-cancel'));
    const tx = await client.startSignature();
    await sandbox.sandbox.approve(tx.id);
    const answer = await client.cancelSignature(tx.id);
    assert.equal(answer.status, 'signed');
    assert.equal(answer.result?.signatures.length, 1);
  });

  it('a retried start with the same idempotency key returns the same transaction, not a second request', async () => {
    const client = browserClient(relay, await session(USERS.cuong, 'retried-start'));
    const first = await client.startSignature({ idempotencyKey: 'retry-key-0001' });
    const second = await client.startSignature({ idempotencyKey: 'retry-key-0001' });
    assert.equal(second.id, first.id);
    const phone = await (await fetch(`${sandbox.url}/phone/api/users/${USERS.cuong}/transactions`)).json();
    assert.equal(phone.filter((t: { transactionId: string }) => t.transactionId === first.id).length, 1);
  });
});
