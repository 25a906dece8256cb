import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { IdempotencyError, type SmartCA } from '@smartca-kit/sdk';
import type { Sandbox } from '@smartca-kit/sandbox';
import { latestOf, newPerson } from '../support/commerce.js';
import { FAULT_BASE, faultHarness } from '../support/fault-harness.js';
import { USERS } from '../support/sandbox.js';

const BASE = FAULT_BASE;

// msw sits between the SDK and the in-process sandbox and breaks the connection in the worst places:
// after the sandbox committed an order, before it answered; with a 503; with a revoked token.
describe('orders and registration steps under faults: exactly once', () => {
  const harness = faultHarness();
  const { mock, attempts, count, failFirst, passthrough } = harness;
  let sandbox: Sandbox;
  before(() => {
    sandbox = harness.sandbox;
  });
  const client = (): SmartCA => harness.client();
  const ordersOf = (userId: string) => sandbox.state.commerce?.orders.filter((o) => o.userId === userId).length ?? 0;

  it('an answer lost after the order was created: the retry replays it, one order', async () => {
    passthrough();
    const before = ordersOf(USERS.binh);
    failFirst('/commerce/v1/orders/create', 1, async (request) => {
      await sandbox.fetch(request); // committed...
      return HttpResponse.error(); // ...but the answer never arrived
    });
    const order = await client().payments.createOrder({
      userId: USERS.binh,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/paid',
    });
    assert.equal(attempts.get('/commerce/v1/orders/create'), 2);
    assert.equal(ordersOf(USERS.binh), before + 1, 'exactly one order');
    assert.equal(sandbox.state.commerce?.orders.at(-1)?.orderId, order.id);
  });

  it('a 503 is retried with the same key: one order', async () => {
    passthrough();
    const before = ordersOf(USERS.binh);
    failFirst(
      '/commerce/v1/orders/create',
      2,
      () => new HttpResponse(null, { status: 503, headers: { 'retry-after': '0' } }),
    );
    await client().payments.createOrder({
      userId: USERS.binh,
      pricingCode: 'LK20',
      paymentMethod: 'credit-card',
      returnUrl: 'https://portal.example/paid',
    });
    assert.equal(attempts.get('/commerce/v1/orders/create'), 3);
    assert.equal(ordersOf(USERS.binh), before + 1);
  });

  it('the keys the SDK sends on retries are the same, and differ between two purchases', async () => {
    passthrough();
    const keys: string[] = [];
    // Every purchase's first attempt gets a 503, its retry reaches the sandbox.
    mock.use(
      http.post(`${BASE}/commerce/v1/orders/create`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key') ?? '');
        return keys.length % 2 === 1
          ? new HttpResponse(null, { status: 503, headers: { 'retry-after': '0' } })
          : sandbox.fetch(request);
      }),
    );
    const smartca = client();
    const params = {
      userId: USERS.binh,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money' as const,
      returnUrl: 'https://p.example/',
    };
    await smartca.payments.createOrder(params);
    await smartca.payments.createOrder(params);
    assert.equal(keys.length, 4);
    assert.equal(keys[0], keys[1]);
    assert.equal(keys[2], keys[3]);
    assert.notEqual(keys[0], keys[2]);
  });

  it("a double click that reuses the caller's key creates one order; the same key for another order is refused", async () => {
    passthrough();
    const smartca = client();
    const before = ordersOf(USERS.an);
    const params = {
      userId: USERS.an,
      pricingCode: 'LK50',
      paymentMethod: 'atm-card' as const,
      returnUrl: 'https://portal.example/paid',
      idempotencyKey: 'click-7f3a',
    };
    const [a, b] = await Promise.all([smartca.payments.createOrder(params), smartca.payments.createOrder(params)]);
    assert.equal(a.id, b.id);
    assert.equal(ordersOf(USERS.an), before + 1);
    await assert.rejects(
      smartca.payments.createOrder({ ...params, pricingCode: 'LK100' }),
      (e: unknown) => e instanceof IdempotencyError && e.code === 'IDEMPOTENCY_KEY_REUSED',
    );
    assert.equal(ordersOf(USERS.an), before + 1);
  });

  it('a revoked partner token: one new token, one retry', async () => {
    passthrough();
    const smartca = client();
    await smartca.packages.catalog(); // obtains a token
    failFirst('/commerce/v1/balance', 1, () =>
      HttpResponse.json(
        { code: 63000, codeDesc: 'SIGNER_AUTHENTICATION_FAILED', message: 'invalid_token', content: null },
        { status: 401 },
      ),
    );
    mock.use(
      http.post(`${BASE}/auth/token`, ({ request }) => {
        count(request);
        return sandbox.fetch(request);
      }),
    );
    const [balance] = await smartca.packages.balance({ userId: USERS.an });
    assert.ok(balance);
    assert.equal(attempts.get('/auth/token'), 1);
    assert.equal(attempts.get('/commerce/v1/balance'), 2);
  });

  it('an activation whose answer is lost: the retry replays it, the account is created once', async () => {
    passthrough();
    const smartca = client();
    const person = newPerson();
    const reg = await smartca.registrations.create(person);
    const code = latestOf(sandbox.outbox({ kind: 'activation_code', to: person.contact.phone }));
    failFirst('/commerce/v1/registrations/activate', 1, async (request) => {
      await sandbox.fetch(request);
      return HttpResponse.error();
    });
    const done = await smartca.registrations.activate(reg.id, { code, password: 'mat-khau-2024' });
    assert.equal(done.status, 'awaiting-ekyc');
    assert.equal(sandbox.state.users.filter((u) => u.userId === person.identity.idNumber).length, 1);
  });
});
