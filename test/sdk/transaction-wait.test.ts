import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSmartCA, TransactionExpiredError, type SmartCA, type TransactionSnapshot } from '@smartca-kit/sdk';
import { createSandbox, type Sandbox } from '@smartca-kit/sandbox';
import { randomDigest, SECRET, USERS } from '../support/sandbox.js';

describe('SigningTransaction.wait', () => {
  let sandbox: Sandbox;
  let smartca: SmartCA;
  let failNextStatus = 0;

  before(async () => {
    sandbox = await createSandbox();
    // No network: the SDK's fetch goes straight into the sandbox's handler.
    const fetchImpl: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.endsWith('/status') && failNextStatus > 0) {
        failNextStatus -= 1;
        throw new TypeError('fetch failed');
      }
      return sandbox.fetch(request);
    };
    smartca = createSmartCA({
      environment: 'http://sandbox.test',
      credentials: { spId: 'sandbox-partner', spPassword: SECRET },
      trustedRoots: [sandbox.rootCertificatePem],
      fetch: fetchImpl,
      maxRetries: 0,
    });
  });
  after(() => sandbox.close());

  const sign = () =>
    smartca.signatures.sign({ userId: USERS.cuong, documents: [{ docId: 'W', digest: randomDigest() }] });

  it('reports pending updates, then the verified result', async () => {
    const tx = await sign();
    const updates: TransactionSnapshot[] = [];
    setTimeout(() => void sandbox.approve(tx.id), 900);
    const result = await tx.wait({ onUpdate: (s) => updates.push(s) });
    assert.equal(result.status, 'signed');
    assert.equal(updates.at(-1)!.status, 'signed');
    assert.ok(
      updates.slice(0, -1).every((u) => u.status === 'pending' && u.wireStatus === 'sig_wait_for_user_confirm'),
    );
    assert.equal(tx.status, 'signed');
  });

  it('keeps polling through a network failure', async () => {
    const tx = await sign();
    failNextStatus = 2;
    setTimeout(() => void sandbox.approve(tx.id), 100);
    assert.equal((await tx.wait({ poll: { initialMs: 50, maxMs: 50 } })).status, 'signed');
    assert.equal(failNextStatus, 0);
  });

  it('gives up at its deadline with TransactionExpiredError (SP769 reports no expiry of its own)', async () => {
    const tx = await sign();
    await assert.rejects(
      tx.wait({ deadline: Date.now() + 300 }),
      (e: unknown) =>
        e instanceof TransactionExpiredError && e.code === 'CLIENT_DEADLINE_EXCEEDED' && e.transactionId === tx.id,
    );
  });

  it("stops when its signal aborts, with the signal's reason", async () => {
    const tx = await sign();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left the page')), 100);
    await assert.rejects(tx.wait({ signal: controller.signal }), /user left the page/);
    assert.equal(tx.status, 'pending', 'the transaction itself goes on');
  });

  it('resume() picks up a transaction started by an earlier process', async () => {
    const tx = await sign();
    await sandbox.approve(tx.id);
    const again = smartca.signatures.resume({
      transactionId: tx.id,
      documents: [...tx.documents],
      certificate: tx.certificate,
    });
    const snapshot = await again.refresh();
    assert.equal(snapshot.status, 'signed');
  });
});
