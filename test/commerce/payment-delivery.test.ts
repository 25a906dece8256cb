import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook, WebhookSignatureError } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clickPay, WEBHOOK_SECRET, sandboxWithInbox, type WebhookInbox } from '../support/commerce.js';
import { clientFor, eventually, startSandbox, USERS } from '../support/sandbox.js';

// The payment page and the event deliveries: double clicks provision once; a receiver that fails gets
// the same event again, signed afresh, until it answers 2xx; it processes the event once.
describe('payments are provisioned once, and their events delivered until accepted', () => {
  let server: SandboxServer;
  let inbox: WebhookInbox;
  let close: () => Promise<void>;
  before(async () => {
    // The receiver fails the first two deliveries it sees (a 500, then a 503), then accepts.
    ({ server, inbox, close } = await sandboxWithInbox(
      { webhookRetryBaseMs: 20 },
      (_, index) => [500, 503][index] ?? 200,
    ));
  });
  after(() => close());

  it('a double click on "pay" provisions once, and both clicks land on the return URL as paid', async () => {
    const smartca = clientFor(server);
    const [start] = await smartca.packages.balance({ userId: USERS.binh });
    const order = await smartca.payments.createOrder({
      userId: USERS.binh,
      pricingCode: 'LK10',
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/paid',
    });
    const [first, second] = await Promise.all([
      clickPay(order.paymentUrl, 'approve'),
      clickPay(order.paymentUrl, 'approve'),
    ]);
    assert.deepEqual([first.searchParams.get('status'), second.searchParams.get('status')], ['paid', 'paid']);
    assert.equal(
      (await clickPay(order.paymentUrl, 'decline')).searchParams.get('status'),
      'paid',
      'a late decline changes nothing',
    );
    const [end] = await smartca.packages.balance({ userId: USERS.binh });
    assert.equal(end!.totalSignLimit - start!.totalSignLimit, 10);
    assert.equal(server.sandbox.outbox({ orderId: order.id, channel: 'email' }).length, 1);
    const purchases = (await smartca.packages.usage({ userId: USERS.binh })).filter((u) => u.orderId === order.id);
    assert.equal(purchases.length, 1);

    // The event: three attempts (500, 503, 200), one event id, each attempt signed afresh.
    const deliveries = await eventually(() => {
      const mine = inbox.received.filter((d) => d.raw.includes(order.id));
      return mine.length >= 3 ? mine : undefined;
    });
    assert.equal(new Set(deliveries.map((d) => d.headers['smartca-event-id'])).size, 1);
    assert.equal(new Set(deliveries.map((d) => d.headers['smartca-signature'])).size, 3);
    // The receiver records a delivery before it answers, so the sandbox may not have logged the last
    // answer yet: wait for every attempt's status.
    const log = await eventually(() => {
      const entries = server.sandbox.webhookDeliveries.filter(
        (d) => d.kind === 'commerce' && JSON.stringify(d.body).includes(order.id),
      );
      return entries.length >= 3 && entries.every((d) => d.status !== undefined) ? entries : undefined;
    });
    assert.deepEqual(
      log.map((d) => [d.attempt, d.status]),
      [
        [1, 500],
        [2, 503],
        [3, 200],
      ],
    );

    // The receiver verifies each attempt and processes the event once, by its id.
    const processed = new Set<string>();
    let handled = 0;
    for (const delivery of deliveries) {
      const event = await verifyWebhook(delivery.raw, delivery.headers, { secrets: WEBHOOK_SECRET });
      if (!processed.has(event.id)) {
        processed.add(event.id);
        handled += 1;
      }
    }
    assert.equal(handled, 1);
    // A captured delivery replayed later is refused outright.
    await assert.rejects(
      verifyWebhook(deliveries[2]!.raw, deliveries[2]!.headers, { secrets: WEBHOOK_SECRET }),
      (e: unknown) => e instanceof WebhookSignatureError && e.reason === 'replayed',
    );
  });

  it('an order left unpaid expires and can no longer be paid', async () => {
    const short = await startSandbox({ orderTtlSeconds: 0.05 as number });
    try {
      const smartca = clientFor(short);
      const order = await smartca.payments.createOrder({
        userId: USERS.an,
        pricingCode: 'LK10',
        paymentMethod: 'credit-card',
        returnUrl: 'https://portal.example/paid',
      });
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await clickPay(order.paymentUrl, 'approve')).searchParams.get('status'), 'expired');
      assert.equal((await smartca.payments.retrieveOrder(order.id)).status, 'expired');
    } finally {
      await short.close();
    }
  });

  it('secret rotation: deliveries carry a signature by every active secret', async () => {
    server.sandbox.setCommerceWebhook('sandbox-partner', inbox.url, ['whsec-new-2026', WEBHOOK_SECRET]);
    const smartca = clientFor(server);
    const order = await smartca.payments.createOrder({
      userId: USERS.an,
      pricingCode: 'LK10',
      paymentMethod: 'credit-card',
      returnUrl: 'https://portal.example/paid',
    });
    await clickPay(order.paymentUrl, 'abandon');
    const delivery = await eventually(() => inbox.received.find((d) => d.raw.includes(order.id)));
    for (const secrets of [['whsec-new-2026'], [WEBHOOK_SECRET]]) {
      const headers = { ...delivery.headers };
      const event = await verifyWebhook(delivery.raw, headers, { secrets, replayStore: { seen: () => false } });
      assert.equal(event.type, 'order.abandoned');
    }
  });
});
