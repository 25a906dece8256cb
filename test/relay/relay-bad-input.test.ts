import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { RELAY_REQUEST_CODES, RelayRequestError } from '@smartca-kit/sdk/relay-client';
import { browserClient, PORTAL, startRelay, type RelayServer } from '../support/relay.js';
import { clientFor, digestOf, startSandbox, USERS } from '../support/sandbox.js';

// Inputs a page may send that the relay used to mishandle: an Idempotency-Key it did not like was
// silently dropped (so ten retried clicks made ten orders), and an unknown pricingCode came back as a
// 502 "provider" failure, which tells the page to retry, when the page must change what it sends.

async function refusal(promise: Promise<unknown>): Promise<RelayRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof RelayRequestError, `expected a refusal, got ${String(error)}`);
  return error;
}

describe('relay: bad input is a typed 4xx that says what to fix', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  const orders = () => sandbox.sandbox.state.commerce!.orders.length;
  const choice = { pricingCode: 'LK10', paymentMethod: 'vnpt-money', returnUrl: `${PORTAL}/ho-so` } as const;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox));
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  it('an Idempotency-Key the relay cannot use (abc, order:42, 65 characters) → 400 IDEMPOTENCY_KEY_INVALID; no order is made', async () => {
    const page = browserClient(relay, await relay.relay.createSession({ userId: USERS.an, purpose: 'purchase' }));
    const before = orders();
    for (const key of ['abc', 'order:42', 'k'.repeat(65), 'order 42 again']) {
      const error = await refusal(page.createOrder(choice, { idempotencyKey: key }));
      assert.equal(error.status, 400, key);
      assert.equal(error.code, RELAY_REQUEST_CODES.IDEMPOTENCY_KEY_INVALID, key);
      assert.equal(error.category, 'implementation');
      assert.match(error.messages.en, /8 to 64/, 'the message says what a valid key looks like');
    }
    assert.equal(orders(), before);
  });

  it('10 concurrent orders with one bad key make none; with one good key, exactly one', async () => {
    const page = browserClient(relay, await relay.relay.createSession({ userId: USERS.an, purpose: 'purchase' }));
    const before = orders();
    const bad = await Promise.allSettled(
      Array.from({ length: 10 }, () => page.createOrder(choice, { idempotencyKey: 'order:42' })),
    );
    assert.ok(bad.every((r) => r.status === 'rejected'));
    assert.equal(orders(), before, 'a refused key creates nothing');
    const good = await Promise.all(
      Array.from({ length: 10 }, () => page.createOrder(choice, { idempotencyKey: 'order-42-abcdef' })),
    );
    assert.equal(new Set(good.map((o) => o.id)).size, 1);
    assert.equal(orders(), before + 1);
  });

  it('a start with a bad Idempotency-Key is refused the same way, before SmartCA is asked', async () => {
    const page = browserClient(
      relay,
      await relay.relay.createSession({
        userId: USERS.cuong,
        documents: [{ docId: 'BI-1', digest: digestOf('BI-1') }],
      }),
    );
    const before = sandbox.sandbox.state.transactions.length;
    const error = await refusal(page.startSignature({ idempotencyKey: 'order:42' }));
    assert.equal(error.status, 400);
    assert.equal(error.code, RELAY_REQUEST_CODES.IDEMPOTENCY_KEY_INVALID);
    assert.equal(sandbox.sandbox.state.transactions.length, before);
  });

  it('an unknown pricingCode → 400 PRICING_CODE_UNKNOWN pointing at the catalog, not a 502 provider error', async () => {
    const page = browserClient(relay, await relay.relay.createSession({ userId: USERS.an, purpose: 'purchase' }));
    const error = await refusal(page.createOrder({ ...choice, pricingCode: 'LK9999' }));
    assert.equal(error.status, 400);
    assert.equal(error.category, 'implementation');
    assert.equal(error.code, RELAY_REQUEST_CODES.PRICING_CODE_UNKNOWN);
    assert.equal(error.recoverable, false);
    assert.match(error.messages.en, /catalog/);
    assert.match(error.messages.vi, /danh mục/);
  });
});
