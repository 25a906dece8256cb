import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OutOfSigningTurnsError, verifyWebhook, type CommerceEvent } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clickPay, WEBHOOK_SECRET, sandboxWithInbox, type WebhookInbox } from '../support/commerce.js';
import { clientFor, digestOf, eventually, USERS } from '../support/sandbox.js';

// Seed journey A: Trần Thị Bình (001199000002) has a per-turn certificate with 0 turns. She buys a
// 10-turn pack, pays on the payment page, is notified in the app and by email, and signs.
describe('journey A: buying signing turns, then signing', () => {
  let server: SandboxServer;
  let inbox: WebhookInbox;
  let close: () => Promise<void>;
  before(async () => {
    ({ server, inbox, close } = await sandboxWithInbox({ autoApproveMs: 100 }));
  });
  after(() => close());

  it('buys 10 turns for 001199000002 and signs with one of them', async () => {
    const smartca = clientFor(server);

    // Step 1–2: out of turns; the catalog offers turn packs in VND.
    const [before] = await smartca.packages.balance({ userId: USERS.binh });
    assert.equal(before?.billing, 'per-turn');
    assert.equal(before?.availableTurns, 0);
    await assert.rejects(
      smartca.signatures.sign({ userId: USERS.binh, documents: [{ docId: 'HS-1', digest: digestOf('a') }] }),
      OutOfSigningTurnsError,
    );
    const { turnPacks } = await smartca.packages.catalog();
    assert.deepEqual(
      turnPacks.map((p) => p.turns),
      [10, 20, 50, 100],
    );
    const pack = turnPacks.find((p) => p.turns === 10)!;

    // Step 2: order and pay with the VNPT Money wallet on the hosted payment page.
    const order = await smartca.payments.createOrder({
      userId: USERS.binh,
      pricingCode: pack.pricingCode,
      paymentMethod: 'vnpt-money',
      returnUrl: 'https://portal.example/paid?step=2',
    });
    assert.equal(order.status, 'pending');
    assert.equal(order.amount, pack.price);
    assert.equal(order.certificateId, before?.certificateId);
    const page = await fetch(order.paymentUrl);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await page.text(), /Ví VNPT Money/);
    const back = await clickPay(order.paymentUrl, 'approve');
    assert.equal(back.origin + back.pathname, 'https://portal.example/paid');
    assert.deepEqual(
      [back.searchParams.get('step'), back.searchParams.get('orderId'), back.searchParams.get('status')],
      ['2', order.id, 'paid'],
    );

    // Step 3: provisioned; the app notification and the email are in the outbox; the partner gets order.paid.
    const paid = await smartca.payments.waitForOrder(order.id, { intervalMs: 50 });
    assert.equal(paid.turnsAdded, 10);
    const notices = server.sandbox.outbox({ orderId: order.id, kind: 'payment_succeeded' });
    assert.deepEqual(notices.map((n) => n.channel).sort(), ['app', 'email']);
    assert.equal(notices.find((n) => n.channel === 'email')?.to, `${USERS.binh}@sandbox.smartca.test`);
    const delivery = await eventually(() => inbox.received.find((d) => d.raw.includes('"order.paid"')));
    const event: CommerceEvent = await verifyWebhook(delivery.raw, delivery.headers, { secrets: WEBHOOK_SECRET });
    assert.equal(event.type, 'order.paid');
    assert.equal(event.type === 'order.paid' && event.order.id, order.id);

    // Step 4: the available turns grew; signing uses one.
    const [topped] = await smartca.packages.balance({ userId: USERS.binh });
    assert.equal(topped?.availableTurns, 10);
    const tx = await smartca.signatures.sign({
      userId: USERS.binh,
      documents: [{ docId: 'HS-1', digest: digestOf('a') }],
    });
    const signed = await tx.wait();
    assert.equal(signed.signatures.length, 1);
    const [afterSign] = await smartca.packages.balance({ userId: USERS.binh });
    assert.deepEqual([afterSign?.totalSignLimit, afterSign?.signedTurn, afterSign?.remainingTurns], [10, 1, 9]);

    const usage = await smartca.packages.usage({ userId: USERS.binh });
    assert.deepEqual(
      usage.map((u) => [u.kind, u.turns, u.orderId ?? u.transactionId]),
      [
        ['sign', -1, tx.id],
        ['purchase', 10, order.id],
      ],
    );
  });

  it('signing through a public-service platform stays free', async () => {
    const portal = clientFor(server, 'sandbox-portal');
    const [start] = await portal.packages.balance({ userId: USERS.an });
    const tx = await portal.signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'DVC-1', digest: digestOf('dvc') }],
    });
    await tx.wait();
    const [end] = await portal.packages.balance({ userId: USERS.an });
    assert.equal(end?.signedTurn, start?.signedTurn);
    const [entry] = await portal.packages.usage({ userId: USERS.an, limit: 1 });
    assert.deepEqual([entry?.turns, entry?.freeReason, entry?.partnerId], [0, 'public-service', 'sandbox-portal']);
  });

  it('a declined or abandoned payment provisions nothing', async () => {
    const smartca = clientFor(server);
    const [start] = await smartca.packages.balance({ userId: USERS.an });
    for (const action of ['decline', 'abandon'] as const) {
      const order = await smartca.payments.createOrder({
        userId: USERS.an,
        pricingCode: 'LK20',
        paymentMethod: 'atm-card',
        returnUrl: 'https://portal.example/back',
      });
      const back = await clickPay(order.paymentUrl, action);
      assert.equal(back.searchParams.get('status'), action === 'decline' ? 'declined' : 'abandoned');
      await assert.rejects(
        smartca.payments.waitForOrder(order.id, { intervalMs: 20 }),
        (e: unknown) => e instanceof Error && e.name === 'PaymentError',
      );
    }
    const [end] = await smartca.packages.balance({ userId: USERS.an });
    assert.equal(end?.totalSignLimit, start?.totalSignLimit);
  });
});
