import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { createSessionToken } from '@smartca-kit/sdk/relay';
import { RELAY_ERROR_CODES, RelayRequestError } from '@smartca-kit/sdk/relay-client';
import { clickPay } from '../support/commerce.js';
import { browserClient, PORTAL, SESSION_SECRET, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

async function refusal(promise: Promise<unknown>): Promise<RelayRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof RelayRequestError, `expected a refusal, got ${String(error)}`);
  return error;
}

describe('relay: the purchase routes of the buy flow', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox));
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  const purchase = (userId: string) => relay.relay.createSession({ userId, purpose: 'purchase' });

  it('balance → catalog → order (idempotent) → payment approved → long poll says paid → balance grew', async () => {
    const client = browserClient(relay, await purchase(USERS.binh));
    assert.deepEqual(await client.balance(), { unlimited: false, availableTurns: 0 });
    const packs = await client.turnPacks();
    assert.deepEqual(
      packs.map((p) => p.pricingCode),
      ['LK10', 'LK20', 'LK50', 'LK100'],
    );
    const choice = { pricingCode: 'LK10', paymentMethod: 'vnpt-money', returnUrl: `${PORTAL}/ho-so?b=1` } as const;
    const order = await client.createOrder(choice, { idempotencyKey: 'click-0001-abcdef' });
    const again = await client.createOrder(choice, { idempotencyKey: 'click-0001-abcdef' });
    assert.equal(again.id, order.id, 'a retried click returns the same order');
    assert.equal(order.status, 'pending');

    const held = client.orderStatus(order.id, { waitSeconds: 10 });
    const back = await clickPay(order.paymentUrl, 'approve');
    assert.equal(back.origin, PORTAL);
    const paid = await held;
    assert.equal(paid.status, 'paid');
    assert.equal(paid.turnsAdded, 10);
    assert.deepEqual(await client.balance(), { unlimited: false, availableTurns: 10 });
  });

  it('a signing token may buy for its own user; a purchase token may not sign', async () => {
    const signing = await relay.relay.createSession({
      userId: USERS.an,
      documents: [{ docId: 'HS-1', digest: digestOf('x') }],
    });
    assert.equal((await browserClient(relay, signing).balance()).unlimited, false);
    const error = await refusal(browserClient(relay, await purchase(USERS.an)).startSignature());
    assert.equal(error.code, RELAY_ERROR_CODES.PURPOSE_NOT_ALLOWED);
    assert.equal(error.status, 403);
  });

  it("another user's order → 403 ORDER_NOT_IN_SESSION; a return URL off the token's origins → 403", async () => {
    const mine = browserClient(relay, await purchase(USERS.an));
    const order = await mine.createOrder({
      pricingCode: 'LK10',
      paymentMethod: 'credit-card',
      returnUrl: `${PORTAL}/`,
    });
    const theirs = browserClient(relay, await purchase(USERS.binh));
    assert.equal((await refusal(theirs.orderStatus(order.id))).code, RELAY_ERROR_CODES.ORDER_NOT_IN_SESSION);
    const before = sandbox.sandbox.state.commerce!.orders.length;
    const offsite = await refusal(
      mine.createOrder({ pricingCode: 'LK10', paymentMethod: 'atm-card', returnUrl: 'https://evil.example/phish' }),
    );
    assert.equal(offsite.code, RELAY_ERROR_CODES.RETURN_URL_NOT_ALLOWED);
    assert.equal(sandbox.sandbox.state.commerce!.orders.length, before, 'no order was created');
  });

  it('purchase tokens carry no documents; signing tokens need at least one', async () => {
    await assert.rejects(
      createSessionToken({
        secret: SESSION_SECRET,
        origins: [PORTAL],
        userId: USERS.an,
        purpose: 'purchase',
        documents: [{ docId: 'HS-1', digest: digestOf('x') }],
      }),
      /no documents/,
    );
    await assert.rejects(
      createSessionToken({ secret: SESSION_SECRET, origins: [PORTAL], userId: USERS.an }),
      /1 to 50/,
    );
  });
});
