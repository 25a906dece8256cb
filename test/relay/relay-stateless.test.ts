import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { browserClient, SESSION_SECRET, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

const NEW_SECRET = 'the-new-secret-after-rotation-0123456789';

describe('relay: stateless, so instances and restarts share nothing but the secret', () => {
  let sandbox: SandboxServer;
  let first: RelayServer;
  let second: RelayServer;

  before(async () => {
    sandbox = await startSandbox();
    first = await startRelay(clientFor(sandbox));
    // Another instance, as after a restart or behind a load balancer, already rotating to a new secret.
    second = await startRelay(clientFor(sandbox), { sessionSecret: [NEW_SECRET, SESSION_SECRET] });
  });
  after(async () => {
    await first.close();
    await second.close();
    await sandbox.close();
  });

  const grant = (text: string) => ({
    userId: USERS.cuong,
    documents: [{ docId: `HS-${text}`, digest: digestOf(text) }],
  });

  it('started on one instance, followed to the signature on another', async () => {
    const token = await first.relay.createSession(grant('two-instances'));
    const tx = await browserClient(first, token).startSignature();
    const held = browserClient(second, token).signatureStatus(tx.id, { waitSeconds: 20 });
    await sandbox.sandbox.approve(tx.id);
    const done = await held;
    assert.equal(done.status, 'signed');
    assert.equal(done.result?.signatures[0]?.docId, 'HS-two-instances');
  });

  it('after a reload the portal mints a new token for the same documents, and it follows the same transaction', async () => {
    const tx = await browserClient(first, await first.relay.createSession(grant('reloaded'))).startSignature();
    const fresh = await first.relay.createSession(grant('reloaded'));
    const status = await browserClient(first, fresh).signatureStatus(tx.id, { waitSeconds: 0 });
    assert.equal(status.id, tx.id);
    assert.equal(status.status, 'pending');
  });

  it('a transaction started under the old secret is still followed once the new one mints', async () => {
    const tx = await browserClient(first, await first.relay.createSession(grant('rotation'))).startSignature();
    const newToken = await second.relay.createSession(grant('rotation'));
    await sandbox.sandbox.approve(tx.id);
    const done = await browserClient(second, newToken).signatureStatus(tx.id, { waitSeconds: 20 });
    assert.equal(done.status, 'signed');
  });
});
