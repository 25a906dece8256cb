import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clickPay } from '../support/commerce.js';
import { clientFor, randomDigest, SECRET, startSandbox, USERS } from '../support/sandbox.js';

// A sandbox left running under load keeps finished records (settled transactions, settled turn-pack
// orders, outbox messages) only for a while and only so many; pending ones always stay. The clock is
// the sandbox's own, moved by the test.
describe('sandbox: finished records are forgotten after their retention, and beyond a cap', () => {
  let server: SandboxServer;
  let clock = Date.now();
  before(async () => {
    server = await startSandbox({ now: () => clock, maxHistoryRecords: 3, historyRetentionSeconds: 3600 });
  });
  after(() => server?.close());

  const ids = () => server.sandbox.state.transactions.map((t) => `${t.transactionId}:${t.status}`);

  /** SP769's status call, raw. */
  function status(id: string): Promise<Response> {
    return fetch(`${server.url}/sca/sp769/v1/signatures/sign/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sp_id: 'sandbox-partner', sp_password: SECRET }),
    });
  }

  async function signAndReject(docId: string): Promise<string> {
    const tx = await clientFor(server).signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId, digest: randomDigest() }],
    });
    server.sandbox.reject(tx.id);
    return tx.id;
  }

  it('keeps at most the cap of settled transactions, dropping the oldest, and never a pending one', async () => {
    const rejected: string[] = [];
    for (let i = 1; i <= 5; i++) rejected.push(await signAndReject(`R-${i}`));
    const pending = await clientFor(server).signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'P', digest: randomDigest() }],
    });
    assert.deepEqual(ids(), [
      `${rejected[2]}:rejected`,
      `${rejected[3]}:rejected`,
      `${rejected[4]}:rejected`,
      `${pending.id}:pending`,
    ]);
    // A forgotten transaction is unknown to SP769's status call; a kept one still answers.
    assert.equal((await status(rejected[0]!)).status, 400);
    assert.equal((await status(rejected[4]!)).status, 200);
    server.sandbox.reject(pending.id);
  });

  it('forgets settled transactions older than the retention at the next new transaction', async () => {
    clock += 3601 * 1000;
    const fresh = await clientFor(server).signatures.sign({
      userId: USERS.cuong,
      documents: [{ docId: 'N', digest: randomDigest() }],
    });
    assert.deepEqual(ids(), [`${fresh.id}:pending`]);
    server.sandbox.reject(fresh.id);
  });

  it('settled turn-pack orders and outbox messages are bounded the same way', async () => {
    const smartca = clientFor(server);
    const declined: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const order = await smartca.payments.createOrder({
        userId: USERS.an,
        pricingCode: 'LK10',
        paymentMethod: 'vnpt-money',
        returnUrl: 'https://portal.example/back',
      });
      await clickPay(order.paymentUrl, 'decline');
      declined.push(order.id);
    }
    const pending = await smartca.payments.createOrder({
      userId: USERS.an,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/back',
    });
    assert.deepEqual(
      server.sandbox.state.commerce!.orders.map((o) => o.orderId),
      [...declined.slice(1), pending.id],
    );
    assert.ok(server.sandbox.state.commerce!.notifications.length <= 4, 'at most the cap, plus the newest message');

    clock += 3601 * 1000;
    await smartca.payments.createOrder({
      userId: USERS.an,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/back',
    });
    assert.equal(
      server.sandbox.state.commerce!.orders.find((o) => o.orderId === pending.id)?.status,
      'EXPIRED',
      'an unpaid order past its time is expired (and announced), and kept for the retention from then',
    );
    assert.ok(!server.sandbox.state.commerce!.orders.some((o) => declined.includes(o.orderId)));
  });
});
